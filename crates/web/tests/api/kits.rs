//! Kits: several assets to one employee at once, all or nothing, every refusal said; a leaver's
//! return of everything they hold.

use reqwest::StatusCode;
use serde_json::json;

use crate::assignments::{Floor, asset};
use crate::support::{TestApp, fields_of};

#[tokio::test]
async fn a_kit_goes_out_all_or_nothing_and_a_leaver_returns_everything() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let laptop = f.asset(&app, "Portable").await;
    let screen = f.asset(&app, "Écran").await;
    let phone = f.asset(&app, "Téléphone").await;
    let phone_tag = asset(&app, phone).await["asset_tag"].clone();
    app.post(&format!("/api/v1/assets/{phone}/checkout"), json!({"employee_id": f.karim})).await;

    let kit = app
        .post(
            &format!("/api/v1/employees/{}/checkout", f.amira),
            json!({"asset_ids": [laptop, screen], "asset_tags": [phone_tag]}),
        )
        .await;
    assert_eq!(kit.status, StatusCode::CONFLICT, "{}", kit.body);
    assert!(kit.body["detail"].as_str().unwrap().contains(phone_tag.as_str().unwrap()), "{}", kit.body);
    assert_eq!(kit.body["errors"][0]["code"], "not-available", "{}", kit.body);
    for id in [laptop, screen] {
        assert_eq!(asset(&app, id).await["status"], "in_stock", "nothing went out");
    }
    let twice =
        app.post(&format!("/api/v1/employees/{}/checkout", f.amira), json!({"asset_ids": [laptop, laptop]})).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", twice.body);
    let missing =
        app.post(&format!("/api/v1/employees/{}/checkout", f.amira), json!({"asset_ids": [laptop, 999999]})).await;
    assert_eq!(
        (missing.status, fields_of(&missing.body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["asset_ids".to_owned()])
    );
    assert_eq!(missing.body["errors"][0]["code"], "no-asset", "{}", missing.body);

    let kit =
        app.post(&format!("/api/v1/employees/{}/checkout", f.amira), json!({"asset_ids": [screen, laptop]})).await;
    assert_eq!(kit.status, StatusCode::CREATED, "{}", kit.body);
    assert_eq!(kit.body.as_array().unwrap().len(), 2);
    let held = app.get(&format!("/api/v1/employees/{}/assets", f.amira)).await;
    let mut ids: Vec<i64> =
        held.body["items"].as_array().unwrap().iter().map(|a| a["asset_id"].as_i64().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, [laptop, screen]);

    let leaver = app.post(&format!("/api/v1/employees/{}/checkin", f.amira), json!({"note": "départ"})).await;
    assert_eq!(leaver.status, StatusCode::OK, "{}", leaver.body);
    assert_eq!(leaver.body.as_array().unwrap().len(), 2);
    assert!(
        app.get(&format!("/api/v1/employees/{}/assets", f.amira)).await.body["items"].as_array().unwrap().is_empty()
    );
    assert_eq!(asset(&app, phone).await["status"], "assigned", "another employee's asset stays out");
    assert_eq!(app.get("/api/v1/employees/999999/assets").await.status, StatusCode::NOT_FOUND);
    let nobody = app.post("/api/v1/employees/999999/checkout", json!({"asset_ids": [laptop]})).await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND, "{}", nobody.body);
}

#[tokio::test]
async fn a_kit_refused_for_several_assets_says_each_reason() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let laptop = f.asset(&app, "Portable").await;
    let (phone, tablet) = (f.asset(&app, "Téléphone").await, f.asset(&app, "Tablette").await);
    for out in [phone, tablet] {
        app.post(&format!("/api/v1/assets/{out}/checkout"), json!({"employee_id": f.karim})).await;
    }
    let one = app.post(&format!("/api/v1/employees/{}/checkout", f.amira), json!({"asset_ids": [laptop, phone]})).await;
    assert_eq!((one.status, &one.body["code"]), (StatusCode::CONFLICT, &json!("not-available")), "{}", one.body);
    let two = app
        .post(&format!("/api/v1/employees/{}/checkout", f.amira), json!({"asset_ids": [laptop, phone, tablet]}))
        .await;
    assert_eq!(two.status, StatusCode::CONFLICT, "{}", two.body);
    let codes: Vec<(&str, &str)> = two.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(two.body["code"], "several", "{}", two.body);
    assert_eq!(codes, vec![("asset_ids", "not-available"); 2], "{}", two.body);
    assert_eq!(asset(&app, laptop).await["status"], "in_stock", "nothing went out");
}
