//! The asset register: tags, search, pagination, optimistic locking, delete rules.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;

#[tokio::test]
async fn tags_are_generated_and_found_by_scanner_lookup() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let first = app.post("/api/v1/assets", json!({"name": "Écran 1", "model_id": c.model})).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.body["asset_tag"], "KIT-000001");
    assert_eq!(first.body["version"], 1);
    assert_eq!(first.body["status"], "in_stock");
    assert!(first.body["current_assignment"].is_null());
    // A manual tag that takes the next number is skipped by the generator.
    app.create("/api/v1/assets", json!({"asset_tag": "kit-000002", "name": "Écran 2", "model_id": c.model})).await;
    let third = app.post("/api/v1/assets", json!({"name": "Écran 3", "model_id": c.model})).await;
    assert_eq!(third.body["asset_tag"], "KIT-000003");

    let found = app.get("/api/v1/assets/by-tag/kit-000002").await;
    assert_eq!((found.status, &found.body["name"]), (StatusCode::OK, &json!("Écran 2")));
    assert_eq!(app.get("/api/v1/assets/by-tag/KIT-999999").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_ignores_case_and_accents_across_tag_serial_name_and_model() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let other_model = app
        .create(
            "/api/v1/models",
            json!({"name": "Latitude 5440", "category_id": c.category, "manufacturer_id": c.manufacturer}),
        )
        .await;
    app.create("/api/v1/assets", json!({"name": "Écran Accueil", "model_id": c.model, "serial": "CN0ABC"})).await;
    app.create("/api/v1/assets", json!({"name": "Portable Comptabilité", "model_id": other_model, "serial": "SN100"}))
        .await;
    let names = |v: &Value| -> Vec<String> {
        v["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect()
    };
    for (q, expected) in [
        ("ecran", vec!["Écran Accueil"]),
        ("ÉCRAN", vec!["Écran Accueil"]),
        ("comptabilite", vec!["Portable Comptabilité"]),
        ("cn0abc", vec!["Écran Accueil"]),
        ("latitude", vec!["Portable Comptabilité"]),
        ("p2422h", vec!["Écran Accueil"]),
        ("kit-000002", vec!["Portable Comptabilité"]),
        ("dell", vec!["Écran Accueil", "Portable Comptabilité"]),
        ("100%", vec![]),
    ] {
        let reply = app.get(&format!("/api/v1/assets?q={}", urlencode(q))).await;
        assert_eq!(names(&reply.body), expected, "q={q}");
    }
    // Renaming the model keeps its assets findable under the new name.
    app.patch(&format!("/api/v1/models/{other_model}"), json!({"name": "Precision 3581"})).await;
    assert_eq!(names(&app.get("/api/v1/assets?q=precision").await.body), ["Portable Comptabilité"]);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[tokio::test]
async fn pages_cover_every_asset_once_for_every_sort() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let mut ids = BTreeSet::new();
    for n in 0..23 {
        // Repeated names and dates, and missing dates, to test ties and NULLs.
        let mut body = json!({"name": format!("Poste {}", n % 4), "model_id": c.model, "site_id": c.site});
        if n % 3 != 0 {
            body["purchase_date"] = json!(format!("2025-0{}-1{}", 1 + n % 5, n % 2));
            body["warranty_end"] = json!(format!("2028-0{}-01", 1 + n % 3));
        }
        ids.insert(app.create("/api/v1/assets", body).await);
    }
    for sort in [
        "asset_tag",
        "-asset_tag",
        "name",
        "-name",
        "purchase_date",
        "-purchase_date",
        "warranty_end",
        "-updated_at",
        "id",
    ] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("/api/v1/assets?limit=5&sort={sort}&cursor={c}"),
                None => format!("/api/v1/assets?limit=5&sort={sort}"),
            };
            let page = app.get(&path).await;
            assert_eq!(page.status, StatusCode::OK, "{sort}: {}", page.body);
            let items = page.body["items"].as_array().unwrap();
            assert!(items.len() <= 5);
            seen.extend(items.iter().map(|i| i["id"].as_i64().unwrap()));
            match page.body["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 23, "sort {sort}: no duplicates");
        assert_eq!(seen.iter().copied().collect::<BTreeSet<_>>(), ids, "sort {sort}: no gaps");
    }
    // Sorted correctly, not only complete: names ascending, then ids.
    let by_name = app.get("/api/v1/assets?limit=500&sort=name").await;
    let keys: Vec<(String, i64)> = by_name.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap().to_owned(), i["id"].as_i64().unwrap()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[tokio::test]
async fn filters_combine() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let other_category = app.create("/api/v1/categories", json!({"name": "Portables"})).await;
    let laptop = app
        .create(
            "/api/v1/models",
            json!({"name": "T14", "category_id": other_category, "manufacturer_id": c.manufacturer}),
        )
        .await;
    let a = app.create("/api/v1/assets", json!({"name": "A", "model_id": c.model, "status": "in_repair", "site_id": c.site, "location_id": c.location})).await;
    app.create("/api/v1/assets", json!({"name": "B", "model_id": c.model})).await;
    let d = app.create("/api/v1/assets", json!({"name": "D", "model_id": laptop, "status": "in_repair"})).await;
    let ids =
        |v: &Value| -> Vec<i64> { v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect() };
    assert_eq!(ids(&app.get("/api/v1/assets?status=in_repair&sort=id").await.body), [a, d]);
    assert_eq!(ids(&app.get(&format!("/api/v1/assets?status=in_repair&category_id={}", c.category)).await.body), [a]);
    assert_eq!(ids(&app.get(&format!("/api/v1/assets?location_id={}", c.location)).await.body), [a]);
    assert_eq!(ids(&app.get(&format!("/api/v1/assets?model_id={laptop}")).await.body), [d]);
    let bad = app.get("/api/v1/assets?status=broken").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_stale_if_match_gets_412_and_the_current_version() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let id = app.create("/api/v1/assets", json!({"name": "Écran", "model_id": c.model})).await;
    let url = format!("{}/api/v1/assets/{id}", app.base);
    let patch = |version: &'static str, name: &'static str| {
        app.client.patch(&url).bearer_auth(&app.admin).header("if-match", version).json(&json!({"name": name})).send()
    };
    let ok = patch("\"1\"", "Écran 24").await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(ok.headers()["etag"], "\"2\"");
    let stale = patch("\"1\"", "Écran 27").await.unwrap();
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let body: Value = stale.json().await.unwrap();
    assert_eq!(body["current_version"], 2);
    let now = app.get(&format!("/api/v1/assets/{id}")).await;
    assert_eq!((&now.body["name"], &now.body["version"]), (&json!("Écran 24"), &json!(2)));
    // Without If-Match the edit applies; a partial patch keeps the other fields.
    let patched = app.patch(&format!("/api/v1/assets/{id}"), json!({"notes": "rayure"})).await;
    assert_eq!(
        (&patched.body["name"], &patched.body["notes"], &patched.body["version"]),
        (&json!("Écran 24"), &json!("rayure"), &json!(3))
    );
}

#[tokio::test]
async fn retired_assets_stay_and_assets_with_history_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let kept = app.create("/api/v1/assets", json!({"name": "Ancien", "model_id": c.model})).await;
    let retired = app.patch(&format!("/api/v1/assets/{kept}"), json!({"status": "retired"})).await;
    assert_eq!(retired.body["status"], "retired");
    assert_eq!(app.get("/api/v1/assets?status=retired").await.body["items"][0]["id"], kept);

    app.store
        .execute_raw(&format!(
            "INSERT INTO assignments (asset_id, checked_out_at, returned_at) VALUES ({kept}, '2025-01-01 00:00:00+00:00', '2025-02-01 00:00:00+00:00')"
        ))
        .await
        .unwrap();
    let refused = app.delete(&format!("/api/v1/assets/{kept}")).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body["detail"].as_str().unwrap().contains("retire it instead"));
    assert_eq!(app.get(&format!("/api/v1/assets/{kept}")).await.status, StatusCode::OK);

    let mistake = app.create("/api/v1/assets", json!({"name": "Doublon", "model_id": c.model})).await;
    assert_eq!(app.delete(&format!("/api/v1/assets/{mistake}")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/v1/assets/{mistake}")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn serial_numbers_are_unique_per_manufacturer() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    app.create("/api/v1/assets", json!({"name": "A", "model_id": c.model, "serial": "SN1"})).await;
    let dup = app.post("/api/v1/assets", json!({"name": "B", "model_id": c.model, "serial": "SN1"})).await;
    assert_eq!(dup.status, StatusCode::CONFLICT, "{}", dup.body);
    let hp = app.create("/api/v1/manufacturers", json!({"name": "HP"})).await;
    let hp_model =
        app.create("/api/v1/models", json!({"name": "E24", "category_id": c.category, "manufacturer_id": hp})).await;
    app.create("/api/v1/assets", json!({"name": "C", "model_id": hp_model, "serial": "SN1"})).await;
}
