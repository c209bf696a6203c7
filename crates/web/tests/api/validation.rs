//! Bad input: always a problem document naming the field, never a 500, never a change.

use radgestmat_domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{TestApp, fields_of};
use crate::ui::Browser;

async fn asset_count(app: &TestApp) -> i64 {
    app.get("/api/v1/assets?count=true").await.body["total"].as_i64().unwrap()
}

#[tokio::test]
async fn bad_asset_input_is_refused_with_the_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    app.create("/api/v1/assets", json!({"asset_tag": "KIT-1", "name": "Écran", "model_id": c.model})).await;
    let valid = json!({"name": "Écran", "model_id": c.model});
    let with = |extra: serde_json::Value| {
        let mut body = valid.clone();
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        body
    };
    let cases = [
        (with(json!({"colour": "noir"})), StatusCode::UNPROCESSABLE_ENTITY, "colour"),
        (with(json!({"purchase_cost": -5})), StatusCode::UNPROCESSABLE_ENTITY, "purchase_cost"),
        (with(json!({"purchase_cost": "cher"})), StatusCode::UNPROCESSABLE_ENTITY, "purchase_cost"),
        (with(json!({"purchase_cost": i64::MAX})), StatusCode::UNPROCESSABLE_ENTITY, "purchase_cost"),
        (with(json!({"purchase_cost": 1_000_000_000_001_i64})), StatusCode::UNPROCESSABLE_ENTITY, "purchase_cost"),
        (
            with(json!({"purchase_date": "2026-05-01", "warranty_end": "2026-04-01"})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "warranty_end",
        ),
        (with(json!({"purchase_date": "01/05/2026"})), StatusCode::UNPROCESSABLE_ENTITY, "purchase_date"),
        (json!({"name": "Écran", "model_id": 9999}), StatusCode::UNPROCESSABLE_ENTITY, "model_id"),
        (with(json!({"supplier_id": 9999})), StatusCode::UNPROCESSABLE_ENTITY, "supplier_id"),
        (with(json!({"status": "assigned"})), StatusCode::UNPROCESSABLE_ENTITY, "status"),
        (with(json!({"asset_tag": "KIT 1"})), StatusCode::UNPROCESSABLE_ENTITY, "asset_tag"),
        (json!({"model_id": c.model}), StatusCode::UNPROCESSABLE_ENTITY, "name"),
        (with(json!({"asset_tag": "kit-1"})), StatusCode::CONFLICT, ""),
    ];
    for (body, status, field) in cases {
        let reply = app.post("/api/v1/assets", body.clone()).await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        assert_eq!(reply.headers["content-type"], "application/problem+json");
        if !field.is_empty() {
            assert_eq!(fields_of(&reply.body), [field], "{body}: {}", reply.body);
        }
    }
    let dup = app.post("/api/v1/assets", with(json!({"asset_tag": "kit-1"}))).await;
    assert_eq!(dup.body["detail"], "this asset tag is already used");
    assert_eq!(asset_count(&app).await, 1, "nothing was created");
}

/// Costs stored before they were bounded (or by another tool) cannot break the dashboard: the
/// sums cannot overflow, on either database.
#[tokio::test]
async fn the_dashboard_sums_any_stored_costs() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    for name in ["Serveur", "Baie"] {
        app.create("/api/v1/assets", json!({"name": name, "model_id": c.model})).await;
    }
    app.store.execute_raw(&format!("UPDATE assets SET purchase_cost = {}", i64::MAX)).await.unwrap();
    let direction = Browser::signed_in(&app, "direction", Role::Direction).await;
    let page = direction.get("/dashboard").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("valeur d’achat du parc") && !page.body.contains(">-"), "{}", page.body);
}

#[tokio::test]
async fn malformed_requests_get_4xx_problems() {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/v1/sites", app.base);
    let send = |body: Vec<u8>, content_type: &'static str| {
        app.client.post(&url).bearer_auth(&app.admin).header("content-type", content_type).body(body).send()
    };
    let broken = send(b"{\"code\": ".to_vec(), "application/json").await.unwrap();
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    assert_eq!(broken.headers()["content-type"], "application/problem+json");
    let not_json = send(b"code=A".to_vec(), "application/x-www-form-urlencoded").await.unwrap();
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = format!("{{\"code\": \"A\", \"name\": \"{}\", \"kind\": \"store\"}}", "x".repeat(300 * 1024));
    let too_large = send(huge.into_bytes(), "application/json").await.unwrap();
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let array = send(b"[1, 2]".to_vec(), "application/json").await.unwrap();
    assert_eq!(array.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let non_utf8 = app.get("/api/v1/assets?q=%FF%FE").await;
    assert_eq!(non_utf8.status, StatusCode::BAD_REQUEST, "{}", non_utf8.body);
    assert_eq!(fields_of(&non_utf8.body), ["query"]);
    let bad_id = app.get("/api/v1/assets/abc").await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
    assert_eq!(fields_of(&bad_id.body), ["id"]);
    let bad_cursor = app.get("/api/v1/assets?cursor=nonsense").await;
    assert_eq!(bad_cursor.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields_of(&bad_cursor.body), ["cursor"]);
    let unknown_route = app.get("/api/v1/nothing-here").await;
    assert_eq!(
        (unknown_route.status, unknown_route.headers["content-type"].to_str().unwrap()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );

    let sites = app.get("/api/v1/sites?count=true").await;
    assert_eq!(sites.body["total"], 0, "nothing was created");
}
