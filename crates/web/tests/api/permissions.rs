//! The permission matrix: every endpoint × every role, from one table.

use radgestmat_domain::{Permission, Role};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;

/// Who may call an endpoint.
#[derive(Clone, Copy)]
enum Needs {
    SignedIn,
    Can(Permission),
}

#[tokio::test]
async fn every_endpoint_checks_every_role() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let asset = app.create("/api/v1/assets", json!({"name": "Écran", "model_id": c.model})).await;
    let read = Needs::Can(Permission::ReadInventory);
    let manage = Needs::Can(Permission::ManageInventory);
    let users = Needs::Can(Permission::ManageUsers);
    let audit = Needs::Can(Permission::ReadAudit);
    let desk = Needs::Can(Permission::CheckOut);
    let alerts = Needs::Can(Permission::HandleAlerts);

    let mut table: Vec<(Method, String, Option<Value>, Needs)> = vec![
        (Method::GET, "/api/v1/me".into(), None, Needs::SignedIn),
        (Method::GET, "/api/v1/me/tokens".into(), None, Needs::SignedIn),
        (Method::POST, "/api/v1/me/tokens".into(), Some(json!({"name": "t"})), Needs::SignedIn),
        (Method::DELETE, "/api/v1/me/tokens/999999".into(), None, Needs::SignedIn),
        (Method::GET, "/api/v1/users".into(), None, users),
        (Method::POST, "/api/v1/users".into(), Some(json!({})), users),
        (Method::PATCH, "/api/v1/users/999999".into(), Some(json!({})), users),
        // Anyone reads their own record (tested in auth.rs); another's needs ManageUsers.
        (Method::GET, "/api/v1/users/999999".into(), None, users),
        (Method::GET, "/api/v1/users/999999/tokens".into(), None, users),
        (Method::DELETE, "/api/v1/users/999999/tokens/1".into(), None, users),
        (Method::GET, "/api/v1/assets".into(), None, read),
        (Method::GET, format!("/api/v1/assets/{asset}"), None, read),
        (Method::GET, "/api/v1/assets/by-tag/KIT-000001".into(), None, read),
        (Method::GET, "/api/v1/labels.pdf".into(), None, read),
        (Method::POST, "/api/v1/assets".into(), Some(json!({})), manage),
        (Method::PATCH, "/api/v1/assets".into(), Some(json!({"set": {}})), manage),
        (Method::PATCH, format!("/api/v1/assets/{asset}"), Some(json!({})), manage),
        (Method::DELETE, "/api/v1/assets/999999".into(), None, manage),
        (Method::GET, format!("/api/v1/assets/{asset}/history"), None, audit),
        (Method::POST, format!("/api/v1/assets/{asset}/checkout"), Some(json!({})), desk),
        (Method::POST, "/api/v1/assets/by-tag/KIT-000001/checkout".into(), Some(json!({})), desk),
        (Method::POST, format!("/api/v1/assets/{asset}/checkin"), None, desk),
        (Method::POST, "/api/v1/assets/by-tag/KIT-000001/checkin".into(), None, desk),
        (Method::POST, format!("/api/v1/assets/{asset}/lost"), None, desk),
        (Method::POST, "/api/v1/employees/999999/checkout".into(), Some(json!({})), desk),
        (Method::POST, "/api/v1/employees/999999/checkin".into(), None, desk),
        (Method::GET, "/api/v1/employees/999999/assets".into(), None, read),
        (Method::GET, "/api/v1/assignments".into(), None, read),
        (Method::GET, "/api/v1/me/assets".into(), None, Needs::SignedIn),
        (Method::POST, "/api/v1/me/password".into(), Some(json!({})), Needs::SignedIn),
        // Only what the caller holds: anything else is a 404, whatever the role.
        (Method::POST, "/api/v1/me/assets/999999/acknowledge".into(), None, Needs::SignedIn),
        (Method::POST, "/api/v1/me/assets/999999/problem".into(), Some(json!({"note": "n"})), Needs::SignedIn),
        (Method::POST, format!("/api/v1/assets/{asset}/audit"), None, manage),
        (Method::GET, "/api/v1/alerts".into(), None, read),
        (Method::GET, "/api/v1/alerts/999999".into(), None, read),
        // Which alerts a role handles is checked per alert (alerts.rs); an unknown one is a 404.
        (Method::POST, "/api/v1/alerts/999999/acknowledge".into(), None, alerts),
        (Method::POST, "/api/v1/alerts/999999/resolve".into(), Some(json!({"note": "n"})), alerts),
        (Method::POST, "/api/v1/alerts/scan".into(), None, Needs::Can(Permission::RunScan)),
        (Method::GET, "/api/v1/settings/alert-rules".into(), None, users),
        (Method::PUT, "/api/v1/settings/alert-rules/audit_due".into(), Some(json!({})), users),
        (Method::GET, "/api/v1/settings/notifications".into(), None, users),
        (Method::PUT, "/api/v1/settings/notifications".into(), Some(json!({})), users),
        (Method::DELETE, "/api/v1/settings/notifications".into(), None, users),
        (Method::POST, "/api/v1/settings/notifications/test".into(), Some(json!({"to": "it@magasin.tn"})), users),
        (Method::GET, "/api/v1/jobs".into(), None, users),
        (Method::GET, "/api/v1/jobs/999999".into(), None, users),
        (Method::GET, "/api/v1/audit".into(), None, audit),
        (Method::GET, "/api/v1/audit/verify".into(), None, audit),
        (Method::GET, "/api/v1/audit/export".into(), None, audit),
        // A JSON body instead of the multipart form: refused with 400 once allowed.
        (Method::POST, "/api/v1/imports".into(), Some(json!({})), manage),
        (Method::GET, "/api/v1/imports".into(), None, manage),
        (Method::GET, "/api/v1/imports/999999".into(), None, manage),
        (Method::GET, "/api/v1/imports/999999/rows".into(), None, manage),
        (Method::POST, "/api/v1/imports/999999/commit".into(), None, manage),
    ];
    for resource in [
        "sites",
        "locations",
        "departments",
        "employees",
        "categories",
        "manufacturers",
        "models",
        "suppliers",
        "custom-fields",
    ] {
        table.push((Method::GET, format!("/api/v1/{resource}"), None, read));
        table.push((Method::GET, format!("/api/v1/{resource}/999999"), None, read));
        table.push((Method::POST, format!("/api/v1/{resource}"), Some(json!({})), manage));
        table.push((Method::PATCH, format!("/api/v1/{resource}/999999"), Some(json!({})), manage));
        table.push((Method::DELETE, format!("/api/v1/{resource}/999999"), None, manage));
    }
    // The table covers the whole API: every operation of the OpenAPI document is in it.
    let spec = app.call(Method::GET, "/api/openapi.json", None, None).await.body;
    let documented: usize = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(path, _)| path.starts_with("/api/v1/") && !path.starts_with("/api/v1/auth/"))
        .map(|(_, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| ["get", "post", "patch", "delete", "put"].contains(&k.as_str()))
                .count()
        })
        .sum();
    assert_eq!(documented, table.len(), "every documented endpoint is in the permission table");

    let mut tokens = Vec::new();
    for &role in Role::ALL {
        tokens.push((role, app.user_token(&format!("user-{}", role.as_str()), role).await));
    }
    for (method, path, body, needs) in &table {
        let anonymous = app.call(method.clone(), path, None, body.clone()).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{method} {path} without credentials");
        for (role, token) in &tokens {
            let reply = app.call(method.clone(), path, Some(token), body.clone()).await;
            let allowed = match needs {
                Needs::SignedIn => true,
                Needs::Can(p) => role.allows(*p),
            };
            if allowed {
                assert!(
                    ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&reply.status)
                        && reply.status.as_u16() < 500,
                    "{method} {path} as {role:?}: {} {}",
                    reply.status,
                    reply.body
                );
            } else {
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{method} {path} as {role:?}: {}", reply.body);
                assert_eq!(reply.body["type"], "https://radgestmat.dev/problems/forbidden");
            }
        }
    }
}

#[tokio::test]
async fn probes_and_documentation_are_public() {
    let app = TestApp::spawn().await;
    let health = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!((health.status, &health.body["status"]), (StatusCode::OK, &json!("ok")));
    let ready = app.call(Method::GET, "/readyz", None, None).await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.body["database"], app.store.backend_name());
    let spec = app.call(Method::GET, "/api/openapi.json", None, None).await;
    assert_eq!(spec.status, StatusCode::OK);
    assert!(spec.body["openapi"].as_str().unwrap().starts_with("3.1"));
    let list = &spec.body["paths"]["/api/v1/assets"]["get"];
    let params: Vec<&str> =
        list["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for expected in ["limit", "cursor", "sort", "q", "status", "category_id", "site_id"] {
        assert!(params.contains(&expected), "{expected} documented");
    }
    assert!(list["responses"]["422"].is_object() && list["responses"]["401"].is_object());
    let limit = list["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "limit").unwrap();
    assert_eq!((&limit["schema"]["minimum"], &limit["schema"]["maximum"]), (&json!(1), &json!(500)));

    // The answers' shapes, as a generated client reads them (the suite's schemathesis run checks
    // every answer against them): a stored record is one object with its id and timestamps,
    // vocabularies are their names, ids in paths start at 1, every problem is problem+json.
    let schemas = &spec.body["components"]["schemas"];
    let category = &schemas["Stored_CategoryFields"];
    assert!(category.get("allOf").is_none(), "{category}");
    for field in ["id", "name", "created_at", "updated_at"] {
        assert!(category["properties"][field].is_object() && category["required"].to_string().contains(field));
    }
    assert_eq!(schemas["Role"]["enum"], json!(["admin", "it", "reception", "direction", "employee"]));
    let get = &spec.body["paths"]["/api/v1/categories/{id}"]["get"];
    assert_eq!(get["parameters"][0]["schema"]["minimum"], 1);
    for (path, method, code) in
        [("/api/v1/auth/login", "post", "401"), ("/api/v1/auth/login", "post", "429"), ("/api/v1/assets", "get", "503")]
    {
        let content = &spec.body["paths"][path][method]["responses"][code]["content"];
        assert!(content["application/problem+json"].is_object(), "{method} {path} {code}: {content}");
    }
    let docs = app.client.get(format!("{}/api/docs/", app.base)).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().contains("swagger"), "Swagger UI is served offline");
    let id = app.call(Method::GET, "/healthz", None, None).await.headers["x-request-id"].clone();
    assert!(!id.is_empty(), "every answer carries a request id");
}
