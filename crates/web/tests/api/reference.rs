//! CRUD of every reference resource, and deletes refused while in use.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn every_reference_resource_supports_crud() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let department = app.create("/api/v1/departments", json!({"name": "Comptabilité"})).await;
    let employee = app
        .create(
            "/api/v1/employees",
            json!({"matricule": "E001", "first_name": "Amira", "last_name": "Ben Salah", "email": "amira@exemple.tn",
                   "department_id": department, "site_id": c.site}),
        )
        .await;
    let cases = [
        ("sites", c.site, json!({"name": "Magasin Sfax Centre"}), "name", "Magasin Sfax Centre"),
        ("locations", c.location, json!({"name": "Bureau 2"}), "name", "Bureau 2"),
        ("departments", department, json!({"name": "Finances"}), "name", "Finances"),
        ("employees", employee, json!({"last_name": "Trabelsi"}), "last_name", "Trabelsi"),
        ("categories", c.category, json!({"name": "Moniteurs"}), "name", "Moniteurs"),
        ("manufacturers", c.manufacturer, json!({"name": "Dell Technologies"}), "name", "Dell Technologies"),
        ("models", c.model, json!({"model_number": "P2422HE"}), "model_number", "P2422HE"),
        ("suppliers", c.supplier, json!({"phone": "+216 71 000 000"}), "phone", "+216 71 000 000"),
    ];
    for (path, id, patch, field, value) in cases {
        let got = app.get(&format!("/api/v1/{path}/{id}")).await;
        assert_eq!(got.status, StatusCode::OK, "{path}: {}", got.body);
        assert_eq!(got.body["id"], id);
        let patched = app.patch(&format!("/api/v1/{path}/{id}"), patch).await;
        assert_eq!(patched.status, StatusCode::OK, "{path}: {}", patched.body);
        assert_eq!(patched.body[field], value, "{path}");
        let again = app.get(&format!("/api/v1/{path}/{id}")).await;
        assert_eq!(again.body[field], value, "{path} persisted");
        let list = app.get(&format!("/api/v1/{path}?count=true")).await;
        assert_eq!(list.status, StatusCode::OK, "{path}: {}", list.body);
        assert_eq!(list.body["total"], 1, "{path}");
        assert_eq!(list.body["items"][0]["id"], id);
    }
    // An employee's email can be cleared with null (merge patch), other fields stay.
    let cleared = app.patch(&format!("/api/v1/employees/{employee}"), json!({"email": null})).await;
    assert_eq!((cleared.body["email"].is_null(), &cleared.body["first_name"]), (true, &json!("Amira")));

    // Delete in dependency order: each succeeds once nothing refers to it.
    for (path, id) in [
        ("employees", employee),
        ("departments", department),
        ("models", c.model),
        ("categories", c.category),
        ("manufacturers", c.manufacturer),
        ("suppliers", c.supplier),
        ("locations", c.location),
        ("sites", c.site),
    ] {
        let deleted = app.delete(&format!("/api/v1/{path}/{id}")).await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{path}: {}", deleted.body);
        assert_eq!(app.get(&format!("/api/v1/{path}/{id}")).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn deleting_a_category_used_by_models_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let refused = app.delete(&format!("/api/v1/categories/{}", c.category)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.headers["content-type"], "application/problem+json");
    assert_eq!(refused.body["detail"], "this category is still used by 1 model");
    assert_eq!(app.get(&format!("/api/v1/categories/{}", c.category)).await.status, StatusCode::OK);

    let site_in_use = app.delete(&format!("/api/v1/sites/{}", c.site)).await;
    assert_eq!(site_in_use.status, StatusCode::CONFLICT);
    assert!(site_in_use.body["detail"].as_str().unwrap_or("").contains("1 location"));
}

#[tokio::test]
async fn reference_lists_search_filter_and_sort() {
    let app = TestApp::spawn().await;
    let tunis = app
        .create("/api/v1/sites", json!({"code": "TUN-HQ", "name": "Siège", "kind": "head_office", "city": "Tunis"}))
        .await;
    let sfax = app
        .create("/api/v1/sites", json!({"code": "MAG-02", "name": "Magasin", "kind": "store", "city": "Sfax"}))
        .await;
    for (site, name) in [(tunis, "Étage 1"), (tunis, "Accueil"), (sfax, "Réserve")] {
        app.create("/api/v1/locations", json!({"site_id": site, "name": name})).await;
    }
    let names = |body: &serde_json::Value| -> Vec<String> {
        body["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect()
    };
    let of_tunis = app.get(&format!("/api/v1/locations?site_id={tunis}")).await;
    assert_eq!(names(&of_tunis.body), ["Accueil", "Étage 1"]);
    let desc = app.get("/api/v1/locations?sort=-name").await;
    assert_eq!(names(&desc.body), ["Réserve", "Étage 1", "Accueil"], "É among the E's, not after Z");
    let found = app.get("/api/v1/locations?q=etage").await;
    assert_eq!(names(&found.body), ["Étage 1"]);
    let bad_sort = app.get("/api/v1/locations?sort=price").await;
    assert_eq!(bad_sort.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(crate::support::fields_of(&bad_sort.body), ["sort"]);
}

/// Names sort the French way on both databases: accents and case aside, through every page
/// (issue 18, point 17).
#[tokio::test]
async fn names_sort_the_french_way_page_after_page() {
    let app = TestApp::spawn().await;
    for (code, name) in [("BZ", "Bizerte"), ("ZR", "Zarzis"), ("BJ", "Béja"), ("AR", "ariana"), ("EL", "El Jem")] {
        app.create("/api/v1/sites", json!({"code": code, "name": name, "kind": "store"})).await;
    }
    let names = |body: &serde_json::Value| -> Vec<String> {
        body["items"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect()
    };
    let first = app.get("/api/v1/sites?sort=name&limit=2").await.body;
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = app.get(&format!("/api/v1/sites?sort=name&limit=2&cursor={cursor}")).await.body;
    let cursor = second["next_cursor"].as_str().unwrap().to_owned();
    let third = app.get(&format!("/api/v1/sites?sort=name&limit=2&cursor={cursor}")).await.body;
    let all: Vec<String> = [names(&first), names(&second), names(&third)].concat();
    assert_eq!(all, ["ariana", "Béja", "Bizerte", "El Jem", "Zarzis"]);
    let back = app.get("/api/v1/sites?sort=-name").await.body;
    assert_eq!(names(&back), ["Zarzis", "El Jem", "Bizerte", "Béja", "ariana"]);

    for name in ["Encre", "Écrans", "Claviers", "écouteurs"] {
        app.create("/api/v1/categories", json!({"name": name})).await;
    }
    let categories = app.get("/api/v1/categories?sort=name").await.body;
    assert_eq!(names(&categories), ["Claviers", "écouteurs", "Écrans", "Encre"]);
}
