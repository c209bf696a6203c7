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
        // Dates both databases store and compare alike (found by the probe: 500 on PostgreSQL).
        (with(json!({"purchase_date": "-5000-01-01"})), StatusCode::UNPROCESSABLE_ENTITY, "purchase_date"),
        (with(json!({"warranty_end": "+10000-01-01"})), StatusCode::UNPROCESSABLE_ENTITY, "warranty_end"),
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
    let dashboard = app.store.dashboard().await.unwrap();
    assert_eq!((dashboard.in_service, dashboard.value), (2, i64::MAX), "the sum saturates, it does not wrap");
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
    // A key given twice would mean what a proxy or a log read first: refused, not the last kept.
    let twice =
        send(br#"{"code": "A", "name": "B", "kind": "store", "kind": "warehouse"}"#.to_vec(), "application/json");
    let twice = twice.await.unwrap();
    assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
    assert!(twice.text().await.unwrap().contains("the key `kind` is given twice"));

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

    // Media types are case-insensitive.
    let site = br#"{"code": "A", "name": "B", "kind": "store"}"#.to_vec();
    assert_eq!(send(site.clone(), "APPLICATION/JSON; charset=UTF-8").await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(send(site.clone(), "text/plain+json").await.unwrap().status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let utf16 = send(site, "application/json; charset=utf-16").await.unwrap();
    assert_eq!(utf16.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "JSON is read as UTF-8 only");
}

/// Every text a client sends is one visible line of bounded length, or a note (line breaks
/// allowed): a NUL byte, a control character or a zero-width-only name is a 422 naming the
/// field, on both databases, and nothing is stored.
#[tokio::test]
async fn text_fields_refuse_control_characters_and_invisible_names() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let employee = app
        .create("/api/v1/employees", json!({"matricule": "E-1", "first_name": "Chiraz", "last_name": "Ben Salah"}))
        .await;
    let asset = app.create("/api/v1/assets", json!({"name": "Écran", "model_id": c.model})).await;
    let invisible = "\u{200B}\u{FEFF}";
    let cases = [
        ("/api/v1/categories", json!({"name": "nul\u{0}byte"}), "name"),
        ("/api/v1/categories", json!({"name": invisible}), "name"),
        ("/api/v1/categories", json!({"name": "\u{3164}"}), "name"),
        ("/api/v1/me/tokens", json!({"name": "a\u{0}b"}), "name"),
        ("/api/v1/me/tokens", json!({"name": "\u{202E}"}), "name"),
        ("/api/v1/manufacturers", json!({"name": "two\nlines"}), "name"),
        ("/api/v1/suppliers", json!({"name": "Fournisseur", "phone": "71\u{0}"}), "phone"),
        ("/api/v1/sites", json!({"code": "S-2", "name": "Site", "kind": "store", "city": "Sfax\u{1b}[31m"}), "city"),
        ("/api/v1/locations", json!({"site_id": c.site, "name": "\u{85}"}), "name"),
        ("/api/v1/employees", json!({"matricule": "E-2", "first_name": "A\u{0}", "last_name": "B"}), "first_name"),
        (
            "/api/v1/employees",
            json!({"matricule": "E-2", "first_name": "A", "last_name": "B", "email": "a\u{0}@b.tn"}),
            "email",
        ),
        ("/api/v1/assets", json!({"name": "Écran", "model_id": c.model, "notes": "a\u{0}b"}), "notes"),
        ("/api/v1/assets", json!({"name": "Écran", "model_id": c.model, "serial": "x".repeat(101)}), "serial"),
        (&format!("/api/v1/assets/{asset}/checkout"), json!({"employee_id": employee, "note": "nul\u{0}"}), "note"),
        (
            "/api/v1/users",
            json!({"username": "nadia", "display_name": invisible, "role": "reception", "password": "a-long-passphrase"}),
            "display_name",
        ),
    ];
    for (path, body, field) in &cases {
        let reply = app.post(path, body.clone()).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "POST {path} {body}: {}", reply.body);
        assert_eq!(reply.headers["content-type"], "application/problem+json");
        assert_eq!(fields_of(&reply.body), [*field], "POST {path} {body}: {}", reply.body);
    }
    let search = app.get("/api/v1/assets?q=a%00b").await;
    assert_eq!((search.status, fields_of(&search.body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["q".to_owned()]));
    for bad in [
        "/api/v1/audit?from=-5000-01-01",
        "/api/v1/audit?to=%2B200000-01-01",
        // A cursor whose date key no database can compare alike: {"k":"-5000-01-01","id":1}.
        "/api/v1/assets?sort=purchase_date&cursor=eyJrIjogIi01MDAwLTAxLTAxIiwgImlkIjogMX0",
    ] {
        assert_eq!(app.get(bad).await.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let entity = app.get("/api/v1/audit?entity=%00%F2%95%92%84J").await;
    assert_eq!(entity.status, StatusCode::UNPROCESSABLE_ENTITY, "found by schemathesis: {}", entity.body);
    let long_search = app.get(&format!("/api/v1/employees?q={}", "x".repeat(201))).await;
    assert_eq!(long_search.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", long_search.body);

    // Notes keep their line breaks.
    let noted = app.patch(&format!("/api/v1/assets/{asset}"), json!({"notes": "Écran fissuré\r\ncoin gauche"})).await;
    assert_eq!(noted.status, StatusCode::OK, "{}", noted.body);
    assert_eq!(noted.body["notes"], "Écran fissuré\r\ncoin gauche");

    assert_eq!(app.total("/api/v1/categories").await, 1, "nothing was created");
    assert_eq!(app.total("/api/v1/manufacturers").await, 1);
    assert_eq!(app.total("/api/v1/locations").await, 1);
    assert_eq!(app.total("/api/v1/employees").await, 1);
    assert_eq!(app.total("/api/v1/assets").await, 1);
    assert_eq!(app.total("/api/v1/assignments").await, 0);
}
