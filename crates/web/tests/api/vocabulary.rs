//! The database knows the vocabularies the code knows: every status, role, kind and state column
//! accepts each of its enum's names and refuses any other text (migration 9's guards), on both
//! databases. A value added to an enum without a migration that widens its column fails here.

use radgestmat_store::VOCABULARY_COLUMNS;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn every_vocabulary_column_accepts_exactly_the_names_of_its_enum() {
    let app = TestApp::spawn().await;
    // One row in each table: an asset out and back (damaged), an alert, a rule, jobs, entries.
    let c = app.catalogue().await;
    let employee = app
        .create("/api/v1/employees", json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah"}))
        .await;
    let asset = app
        .create(
            "/api/v1/assets",
            json!({"name": "Écran", "model_id": c.model, "warranty_end": crate::notifications::yesterday()}),
        )
        .await;
    let out = app.post(&format!("/api/v1/assets/{asset}/checkout"), json!({"employee_id": employee})).await;
    assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    let back = app.post(&format!("/api/v1/assets/{asset}/checkin"), json!({"condition": "damaged"})).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    app.settle().await;
    assert_eq!(app.total("/api/v1/alerts?kind=warranty_expired").await, 1);
    let rule = json!({"enabled": true, "threshold": 12, "severity": "info"});
    let put = app.call(Method::PUT, "/api/v1/settings/alert-rules/audit_due", Some(&app.admin), Some(rule)).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);

    let field =
        json!({"category_id": c.category, "key": "mac", "name": "MAC", "kind": "text", "format": "mac_address"});
    app.create("/api/v1/custom-fields", field).await;
    let upload = app.upload("/api/v1/imports", &app.admin, &[("kind", "assets")], ("a.csv", b"Model\nP2422H\n")).await;
    assert_eq!(upload.status, StatusCode::CREATED, "{}", upload.body);
    app.settle().await;

    for (table, column, names) in VOCABULARY_COLUMNS {
        let guard = format!("{table}_{column}_check");
        let write = |value: &str| match *table {
            // Append-only: the guard is tried on a new entry.
            "audit_entries" => format!(
                "INSERT INTO audit_entries (at, actor_kind, actor_name, action) \
                 VALUES ('2026-12-01T00:00:00Z', '{value}', 'tests', 'asset.update')"
            ),
            "alert_rules" => format!("UPDATE alert_rules SET {column} = '{value}'"),
            _ => format!("UPDATE {table} SET {column} = '{value}' WHERE id = (SELECT MIN(id) FROM {table})"),
        };
        for name in names() {
            if let Err(err) = app.store.execute_raw(&write(name)).await {
                panic!("{table}.{column} refuses {name:?}, a value the code knows: {err:#}");
            }
        }
        let refused = app.store.execute_raw(&write("nope")).await.expect_err(&guard);
        assert!(format!("{refused:#}").contains(&guard), "{table}.{column}: {refused:#}");
    }
}
