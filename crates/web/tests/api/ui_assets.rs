//! The asset's pages from the user's seat (issue 18): the history told, repair, locations by
//! site, a duplicate tag, the header's tag-or-name box.

use radgestmat_domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::ui::{Browser, asset_and_employee};

/// An asset in repair says so, since when, and comes back in stock in one click (issue 18,
/// point 4).
#[tokio::test]
async fn an_asset_in_repair_says_so_and_comes_back_in_one_click() {
    let app = TestApp::spawn().await;
    let (id, tag, employee) = asset_and_employee(&app).await;
    app.post(&format!("/api/v1/assets/{id}/checkout"), json!({"employee_id": employee})).await;
    let back = app.post(&format!("/api/v1/assets/{id}/checkin"), json!({"condition": "broken", "note": "écran"})).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let page = it.get(&format!("/assets/{id}")).await;
    assert!(page.body.contains("En réparation depuis le") && !page.body.contains("personne ne le détient"));
    assert!(page.body.contains("Retour de réparation"));
    let desk = Browser::signed_in(&app, "accueil", Role::Reception).await;
    assert!(!desk.get(&format!("/assets/{id}")).await.body.contains("Retour de réparation"), "IT's action");
    assert_eq!(desk.post(&format!("/assets/{id}/repaired"), &[]).await.status, StatusCode::FORBIDDEN);

    let version = app.get(&format!("/api/v1/assets/{id}")).await.body["version"].to_string();
    let done = it.post(&format!("/assets/{id}/repaired"), &[("version", &version), ("note", "dalle remplacée")]).await;
    assert_eq!(done.location(), format!("/assets/{id}?done=repaired"));
    let page = it.get(done.location()).await;
    assert!(page.body.contains("de nouveau en stock") && page.body.contains("personne ne le détient"));
    let asset = app.get(&format!("/api/v1/assets/{id}")).await.body;
    assert_eq!(asset["status"], "in_stock");
    assert!(asset["notes"].as_str().unwrap().contains("dalle remplacée"));
    let again = it.post(&format!("/assets/{id}/repaired"), &[]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "only an asset in repair comes back from repair");
    assert!(again.body.contains("n’est pas en réparation"), "{}", again.body);
    assert_eq!(app.get(&format!("/api/v1/assets/by-tag/{tag}")).await.body["status"], "in_stock");
}

/// Locations are picked as "Site — Location", grouped by site; a location alone sets its site
/// (issue 18, point 2).
#[tokio::test]
async fn locations_are_picked_by_site() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    let sfax = app.create("/api/v1/sites", json!({"code": "SFX", "name": "Magasin Sfax", "kind": "store"})).await;
    let bureau = app.create("/api/v1/locations", json!({"site_id": sfax, "name": "Bureau"})).await;
    app.create("/api/v1/locations", json!({"site_id": cat.site, "name": "Bureau"})).await;
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let page = it.get("/assets/new").await;
    let group = format!("<optgroup label=\"Magasin Sfax\" data-site=\"{sfax}\">");
    assert!(page.body.contains(&group), "{}", page.body);
    assert!(
        page.body.contains(&format!("<option value=\"{bureau}\" data-site=\"{sfax}\">Magasin Sfax — Bureau</option>"))
    );

    let placed =
        app.post("/api/v1/assets", json!({"name": "Imprimante", "model_id": cat.model, "location_id": bureau})).await;
    assert_eq!((placed.status, &placed.body["site_id"]), (StatusCode::CREATED, &json!(sfax)), "{}", placed.body);
    let elsewhere = app
        .post(
            "/api/v1/assets",
            json!({"name": "Imprimante", "model_id": cat.model, "site_id": cat.site, "location_id": bureau}),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(elsewhere.body["errors"][0]["field"], "location_id");
}

/// The history reads as sentences, with names, money in TND and the notes; the raw record is
/// one click away; the audit viewer's filter speaks French (issue 18, point 3).
#[tokio::test]
async fn the_history_reads_as_sentences() {
    let app = TestApp::spawn().await;
    let (id, _, employee) = asset_and_employee(&app).await;
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let due = (chrono::Utc::now() + chrono::TimeDelta::days(3)).to_rfc3339();
    let out = json!({"employee_id": employee, "expected_return_at": due, "note": "salon"});
    app.post(&format!("/api/v1/assets/{id}/checkout"), out).await;
    let back = json!({"condition": "damaged", "note": "Écran fissuré"});
    app.post(&format!("/api/v1/assets/{id}/checkin"), back).await;
    app.patch(&format!("/api/v1/assets/{id}"), json!({"purchase_cost": 2_522_000, "status": "in_stock"})).await;
    let page = it.get(&format!("/assets/{id}")).await.body;
    for said in [
        "Prêté à Sonia Trabelsi par admin, retour prévu le",
        "Rendu par Sonia Trabelsi (Abîmé), enregistré par admin.",
        "Note : « Écran fissuré »",
        "Coût d’achat : — → 2\u{202f}522,000\u{a0}TND",
        "Statut : En réparation → En stock",
        "Rendu : Abîmé — Écran fissuré",
        "Note au prêt : salon",
    ] {
        assert!(page.contains(said), "{said}\n{page}");
    }
    assert!(!page.contains("<li>asset.") && !page.contains("<strong>asset."), "no raw action as the sentence");
    assert!(page.contains("<summary>Données enregistrées</summary>"), "the raw record, one click away");
    let audit = it.get("/audit").await.body;
    assert!(audit.contains(">Matériels</option>") && audit.contains(">Comptes utilisateur</option>"));
}

/// A duplicate tag links to the asset that has it (issue 18, point 16).
#[tokio::test]
async fn a_duplicate_tag_links_to_the_asset_that_has_it() {
    let app = TestApp::spawn().await;
    let (id, tag, _) = asset_and_employee(&app).await;
    let model = app.get(&format!("/api/v1/assets/{id}")).await.body["model_id"].to_string();
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let refused = it.post("/assets/new", &[("name", "Doublon"), ("model_id", &model), ("asset_tag", &tag)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains(&format!("<a href=\"/assets/{id}\">{tag} — Portable Dell Latitude</a>")),
        "{}",
        refused.body
    );
}

/// The header's box opens a tag, or searches, and the search knows who holds what (issue 18,
/// point 11).
#[tokio::test]
async fn the_header_finds_a_tag_or_a_holder() {
    let app = TestApp::spawn().await;
    let (id, tag, employee) = asset_and_employee(&app).await;
    let desk = Browser::signed_in(&app, "accueil", Role::Reception).await;
    assert!(desk.get("/assets").await.body.contains("action=\"/find\""), "on every page");
    assert_eq!(desk.get(&format!("/find?q={}", tag.to_lowercase())).await.location(), format!("/assets/{id}"));
    assert_eq!(desk.get("/find?q=Trabelsi").await.location(), "/assets?q=Trabelsi");
    assert!(!desk.get("/assets?q=Trabelsi").await.body.contains(&tag), "nobody holds it yet");
    app.post(&format!("/api/v1/assets/{id}/checkout"), json!({"employee_id": employee})).await;
    assert!(desk.get("/assets?q=trabelsi").await.body.contains(&tag), "found by its holder's name");
    let api = app.get("/api/v1/assets?q=sonia").await.body;
    assert_eq!(api["items"][0]["asset_tag"], tag.as_str());
    app.post(&format!("/api/v1/assets/{id}/checkin"), json!({})).await;
    assert_eq!(app.get("/api/v1/assets?q=sonia").await.body["items"], json!([]), "returned, no longer hers");
}
