//! An inbox people can work through (issue 18, point 5): an ended warranty is news that closes
//! by itself, the most severe come first, a bulk action covers the whole filter, the desk sees
//! its own site, an audit reminder is answered from the alert.

use chrono::{TimeDelta, Utc};
use radgestmat_domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::assignments::{Floor, in_days};
use crate::notifications::yesterday;
use crate::support::{PASSWORD, TestApp};
use crate::ui::Browser;

#[tokio::test]
async fn an_ended_warranty_is_news_that_closes_by_itself() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let screen = f.asset(&app, "Écran").await;
    app.patch(&format!("/api/v1/assets/{screen}"), json!({"warranty_end": yesterday()})).await;
    app.settle().await;
    let alert = &app.get("/api/v1/alerts?kind=warranty_expired").await.body["items"][0];
    assert_eq!((&alert["severity"], &alert["state"]), (&json!("info"), &json!("open")));
    // A month on, the rule's window (30 days) is past: it closes, and nothing opens again.
    let report = app.store.scan_alerts(Utc::now() + TimeDelta::days(31)).await.unwrap();
    assert_eq!(report.cleared, 1, "{report:?}");
    let closed = app.get(&format!("/api/v1/alerts/{}", alert["id"])).await.body;
    assert_eq!((&closed["state"], &closed["resolution"]), (&json!("resolved"), &json!("auto")));
    assert_eq!(app.store.scan_alerts(Utc::now() + TimeDelta::days(32)).await.unwrap().opened, 0);
    // An old warranty opens nothing at all.
    let old = f.asset(&app, "Clavier").await;
    app.patch(&format!("/api/v1/assets/{old}"), json!({"warranty_end": "2020-01-01"})).await;
    app.settle().await;
    assert_eq!(app.total(&format!("/api/v1/alerts?asset_id={old}")).await, 0);
}

#[tokio::test]
async fn the_inbox_puts_the_most_severe_first_and_acts_on_the_whole_filter() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    for n in 0..60 {
        let id = f.asset(&app, &format!("Écran {n}")).await;
        app.patch(&format!("/api/v1/assets/{id}"), json!({"warranty_end": yesterday()})).await;
    }
    let late = f.asset(&app, "Portable").await;
    app.post(
        &format!("/api/v1/assets/{late}/checkout"),
        json!({"employee_id": f.amira, "expected_return_at": in_days(1)}),
    )
    .await;
    app.settle().await;
    app.store.scan_alerts(Utc::now() + TimeDelta::days(2)).await.unwrap();

    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let page = it.get("/alerts").await.body;
    let first = page.split("<tbody>").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(first.contains("Prêt en retard"), "the overdue loan first, though opened last: {first}");
    let all = it.get("/alerts?kind=warranty_expired").await.body;
    assert!(all.contains("Appliquer aux 60 alertes du filtre"), "the count, with the box that confirms it");

    // Ticked alone, the page's 50; with the box, all 60 of the filter.
    let form = [
        ("action", "acknowledge"),
        ("kind", "warranty_expired"),
        ("all", "yes"),
        ("next", "/alerts?kind=warranty_expired"),
    ];
    let done = it.post("/alerts/bulk", &form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(it.get(done.location()).await.body.contains("60 alertes prises en compte."));
    assert_eq!(app.total("/api/v1/alerts?kind=warranty_expired&state=acknowledged").await, 60);
    assert_eq!(app.total("/api/v1/alerts?kind=loan_overdue&state=open").await, 1, "outside the filter, untouched");
    // "The whole filter" is its live states only: none open any more.
    let open_only =
        [("action", "resolve"), ("note", "vu"), ("all", "yes"), ("kind", "warranty_expired"), ("state", "open")];
    it.post("/alerts/bulk", &open_only).await;
    assert_eq!(app.total("/api/v1/alerts?kind=warranty_expired&state=acknowledged").await, 60);
    let blank = [("action", "resolve"), ("note", " "), ("all", "yes"), ("kind", "warranty_expired")];
    assert_eq!(it.post("/alerts/bulk", &blank).await.status, StatusCode::BAD_REQUEST, "a resolution needs its note");
    assert_eq!(app.total("/api/v1/alerts?kind=warranty_expired&state=resolved").await, 0);
}

#[tokio::test]
async fn the_desk_sees_its_own_site_and_an_audit_reminder_is_answered_from_the_alert() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let sfax = app.create("/api/v1/sites", json!({"code": "SFX", "name": "Magasin Sfax", "kind": "store"})).await;
    let here = f.asset(&app, "Imprimante du siège").await;
    let there = app
        .create("/api/v1/assets", json!({"name": "Imprimante de Sfax", "model_id": f.c.model, "site_id": sfax}))
        .await;
    for id in [here, there] {
        app.patch(&format!("/api/v1/assets/{id}"), json!({"site_id": if id == here { f.head_office } else { sfax }, "location_id": null, "warranty_end": yesterday()})).await;
    }
    app.settle().await;
    let desk =
        json!({"username": "accueil.sfax", "display_name": "Accueil Sfax", "role": "reception", "password": PASSWORD});
    let salma = app
        .create(
            "/api/v1/employees",
            json!({"matricule": "E-9", "first_name": "Salma", "last_name": "T", "site_id": sfax}),
        )
        .await;
    let mut desk = desk;
    desk["employee_id"] = json!(salma);
    assert_eq!(app.post("/api/v1/users", desk).await.status, StatusCode::CREATED);
    let browser = Browser::signed_in(&app, "accueil.sfax", Role::Reception).await;
    let inbox = browser.get("/alerts").await.body;
    assert!(inbox.contains("Imprimante de Sfax") && !inbox.contains("Imprimante du siège"), "{inbox}");
    assert!(inbox.contains("alertes de votre site, Magasin Sfax."));
    let everywhere = browser.get("/alerts?site_id=").await.body;
    assert!(everywhere.contains("Imprimante de Sfax") && everywhere.contains("Imprimante du siège"));

    // Not seen for 13 months: IT answers the reminder from the alert itself.
    app.store.scan_alerts(Utc::now() + TimeDelta::days(400)).await.unwrap();
    let due = app.get(&format!("/api/v1/alerts?kind=audit_due&asset_id={here}")).await.body["items"][0]["id"].clone();
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    assert!(it.get(&format!("/alerts/{due}")).await.body.contains("Inventorié : vu aujourd’hui"));
    assert_eq!(browser.post(&format!("/alerts/{due}/seen"), &[]).await.status, StatusCode::FORBIDDEN, "IT's");
    let warranty =
        app.get(&format!("/api/v1/alerts?kind=warranty_expired&asset_id={here}")).await.body["items"][0]["id"].clone();
    assert_eq!(
        it.post(&format!("/alerts/{warranty}/seen"), &[]).await.status,
        StatusCode::BAD_REQUEST,
        "an audit reminder only"
    );
    let seen = it.post(&format!("/alerts/{due}/seen"), &[]).await;
    assert_eq!(seen.location(), format!("/alerts/{due}?done=seen"));
    app.settle().await;
    assert_eq!(app.get(&format!("/api/v1/alerts/{due}")).await.body["state"], "resolved");
    assert!(app.get(&format!("/api/v1/assets/{here}")).await.body["last_audit_at"].is_string());
}
