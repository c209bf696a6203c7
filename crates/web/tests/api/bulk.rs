//! One change to many assets: previewed without writing, applied all or nothing, each asset
//! audited as an edit.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn a_bulk_change_is_previewed_then_applied_all_or_nothing() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let other = app.create("/api/v1/sites", json!({"code": "MAG-02", "name": "Magasin Sousse", "kind": "store"})).await;
    let mut ids = Vec::new();
    for n in 1..=3 {
        let body =
            json!({"asset_tag": format!("KIT-{n}"), "name": "Écran", "model_id": c.model, "location_id": c.location});
        ids.push(app.create("/api/v1/assets", body).await);
    }
    let entries = app.total("/api/v1/audit?action=asset.update").await;

    let preview =
        app.patch("/api/v1/assets", json!({"ids": &ids[..2], "set": {"status": "in_repair"}, "preview": true})).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert_eq!((preview.body["matched"].as_u64(), preview.body["changed"].as_u64()), (Some(2), Some(2)));
    assert_eq!(preview.body["changes"][0]["before"], json!({"status": "in_stock"}));
    assert_eq!(preview.body["changes"][0]["after"], json!({"status": "in_repair"}));
    assert_eq!(
        app.get(&format!("/api/v1/assets/{}", ids[0])).await.body["status"],
        "in_stock",
        "a preview writes nothing"
    );
    assert_eq!(app.total("/api/v1/audit?action=asset.update").await, entries);

    let done = app.patch("/api/v1/assets", json!({"ids": &ids[..2], "set": {"status": "in_repair"}})).await;
    assert_eq!((done.status, done.body["preview"].as_bool()), (StatusCode::OK, Some(false)), "{}", done.body);
    let first = app.get(&format!("/api/v1/assets/{}", ids[0])).await.body;
    assert_eq!((first["status"].as_str(), first["version"].as_i64()), (Some("in_repair"), Some(2)));
    assert_eq!(app.total("/api/v1/audit?action=asset.update").await, entries + 2, "one entry per asset");

    // Every asset of the first site to the second: their locations there stay behind.
    let moved = app.patch("/api/v1/assets", json!({"filter": {"site_id": c.site}, "set": {"site_id": other}})).await;
    assert_eq!(moved.body["changed"], 3, "{}", moved.body);
    let third = app.get(&format!("/api/v1/assets/{}", ids[2])).await.body;
    assert_eq!((third["site_id"].as_i64(), third["location_id"].as_i64()), (Some(other), None));

    // One refusal undoes all: a checked-out asset goes back in stock only by its check-in.
    let employee = app
        .create("/api/v1/employees", json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah"}))
        .await;
    let out = app.post(&format!("/api/v1/assets/{}/checkout", ids[2]), json!({"employee_id": employee})).await;
    assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    let refused = app.patch("/api/v1/assets", json!({"ids": ids, "set": {"status": "in_stock"}})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(refused.body["code"], "bulk-refused");
    assert!(refused.body["detail"].as_str().unwrap().starts_with("KIT-3:"), "{}", refused.body);
    assert_eq!(app.get(&format!("/api/v1/assets/{}", ids[0])).await.body["status"], "in_repair", "nothing changed");

    for (body, field) in [
        (json!({"ids": ids, "set": {}}), "set"),
        (json!({"filter": {"colour": "red"}, "set": {"status": "lost"}}), "filter.colour"),
        (json!({"set": {"status": "lost"}}), "ids"),
        (json!({"ids": [999999], "set": {"status": "lost"}}), "ids"),
    ] {
        let reply = app.patch("/api/v1/assets", body.clone()).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", reply.body);
        assert_eq!(reply.body["errors"][0]["field"], field, "{body}: {}", reply.body);
    }
    let unknown = app.patch("/api/v1/assets", json!({"ids": ids, "set": {"name": "x"}})).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "only the bulk fields: {}", unknown.body);
}

#[tokio::test]
async fn the_list_changes_the_ticked_assets_after_a_preview() {
    use crate::ui::Browser;
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let mut ids = Vec::new();
    for n in 1..=3 {
        ids.push(
            app.create(
                "/api/v1/assets",
                json!({"asset_tag": format!("KIT-{n}"), "name": "Écran", "model_id": c.model}),
            )
            .await,
        );
    }
    let it = Browser::signed_in(&app, "informatique", radgestmat_domain::Role::It).await;
    let list = it.get("/assets").await;
    assert!(list.body.contains("form=\"bulk\""), "the rows can be ticked");
    let (a, b) = (ids[0].to_string(), ids[1].to_string());
    let form = [
        ("ids", a.as_str()),
        ("ids", b.as_str()),
        ("set_status", "in_repair"),
        ("set_supplier_id", ""),
        ("set_site_id", ""),
    ];
    let preview = it.post("/assets/bulk", &form).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(preview.body.contains("2 matériels changeraient"), "{}", preview.body);
    assert!(preview.body.contains("En réparation"), "the change is said with its labels");
    assert_eq!(app.get(&format!("/api/v1/assets/{a}")).await.body["status"], "in_stock");
    let mut confirm = form.to_vec();
    confirm.push(("confirm", "yes"));
    let done = it.post("/assets/bulk", &confirm).await;
    assert!(done.body.contains("2 matériels modifiés."), "{}", done.body);
    assert_eq!(app.get(&format!("/api/v1/assets/{b}")).await.body["status"], "in_repair");
    assert_eq!(app.get(&format!("/api/v1/assets/{}", ids[2])).await.body["status"], "in_stock", "only the ticked ones");

    let whole = it.post("/assets/bulk", &[("all", "yes"), ("q", "kit-3"), ("set_status", "lost")]).await;
    assert!(whole.body.contains("1 matériel changerait"), "all of the filter: {}", whole.body);
    let labels = it.get(&format!("/labels?ids={a}&ids={b}&set_status=&all=")).await;
    assert!(labels.body.contains("2 étiquettes à imprimer."), "{}", labels.body);
    let desk = Browser::signed_in(&app, "accueil", radgestmat_domain::Role::Reception).await;
    assert!(!desk.get("/assets").await.body.contains("form=\"bulk\""), "the desk does not change assets");
    assert_eq!(desk.post("/assets/bulk", &form).await.status, StatusCode::FORBIDDEN);
}
