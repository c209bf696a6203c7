//! Labels: the PDF is rendered to pictures (pdftoppm) and every code on them is read back with a
//! real decoder (zbarimg): each QR code opens its asset's address, each Code 128 is its tag.

use std::process::Command;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::TestApp;
use crate::ui::Browser;

/// The codes zbarimg reads on every page of `pdf`, sorted.
fn decoded(pdf: &[u8], dpi: u32) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("radgestmat-labels-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("labels.pdf");
    std::fs::write(&file, pdf).unwrap();
    let rendered = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-png", file.to_str().unwrap(), dir.join("page").to_str().unwrap()])
        .status()
        .expect("pdftoppm runs (apt-get install poppler-utils; scripts/test installs it)");
    assert!(rendered.success(), "pdftoppm renders the PDF");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    let mut codes = Vec::new();
    for page in pages {
        let out = Command::new("zbarimg")
            .args(["--raw", "-q", page.to_str().unwrap()])
            .output()
            .expect("zbarimg runs (apt-get install zbar-tools; scripts/test installs it)");
        codes.extend(String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned));
    }
    let _ = std::fs::remove_dir_all(&dir);
    codes.sort();
    codes
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

async fn pdf(app: &TestApp, query: &str) -> Vec<u8> {
    let response =
        app.client.get(format!("{}/api/v1/labels.pdf?{query}", app.base)).bearer_auth(&app.admin).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    assert_eq!(response.headers()["content-type"], "application/pdf");
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn every_qr_code_opens_its_asset_and_every_barcode_is_its_tag() {
    let config = radgestmat_web::WebConfig {
        public_url: Some("https://parc.magasin.tn".into()),
        company_name: Some("Magasins Généraux de Tunisie".into()),
        ..Default::default()
    };
    let app = TestApp::spawn_with(config).await;
    let c = app.catalogue().await;
    let mut ids = Vec::new();
    for n in 1..=4 {
        let body = json!({"asset_tag": format!("KIT-00012{n}"), "name": "Écran Dell 24 pouces de la réception", "model_id": c.model, "site_id": c.site});
        ids.push(app.create("/api/v1/assets", body).await);
    }
    app.create("/api/v1/assets", json!({"asset_tag": "AUTRE-1", "name": "Ailleurs", "model_id": c.model})).await;
    let expected: Vec<String> = (1..=4).map(|n| format!("https://parc.magasin.tn/a/KIT-00012{n}")).collect();

    for layout in ["avery_l7651", "avery_l7160", "brother_62", "dymo_54x25"] {
        let sheet = pdf(&app, &format!("site_id={}&layout={layout}", c.site)).await;
        assert_eq!(decoded(&sheet, 300), expected, "{layout}: every QR code decodes to its asset's address");
    }
    let ids_text: Vec<String> = ids[..2].iter().map(i64::to_string).collect();
    let two = pdf(&app, &format!("ids={}&layout=avery_l7160&start=21", ids_text.join(","))).await;
    assert_eq!(decoded(&two, 300), expected[..2], "the ticked ones, from the last label of a used sheet");
    assert!(String::from_utf8_lossy(&two).contains("/Count 2"), "label 21 of one sheet, then the first of the next");
    let bars = pdf(&app, &format!("site_id={}&layout=dymo_54x25&code=code128", c.site)).await;
    let tags: Vec<String> = (1..=4).map(|n| format!("KIT-00012{n}")).collect();
    assert_eq!(decoded(&bars, 600), tags, "each Code 128 reads as its tag");

    let past = app.get("/api/v1/labels.pdf?layout=avery_l7160&start=22").await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", past.body);
    assert_eq!(past.body["errors"][0]["field"], "start");
    let none = app.get("/api/v1/labels.pdf?status=lost").await;
    assert_eq!(
        (none.status, none.body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("no-asset-selected"))
    );
    let odd = app.get("/api/v1/labels.pdf?layout=a5").await;
    assert_eq!(odd.body["errors"][0]["field"], "layout");
    let employee = app.user_token("salarie", radgestmat_domain::Role::Employee).await;
    let refused = app.call(Method::GET, "/api/v1/labels.pdf", Some(&employee), None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_scanned_label_opens_the_asset_after_signing_in() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let id =
        app.create("/api/v1/assets", json!({"asset_tag": "KIT-000123", "name": "Écran", "model_id": c.model})).await;
    let anonymous = Browser::new(&app, "fr-FR");
    let page = anonymous.get("/a/kit-000123").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/login?next=%2Fa%2Fkit-000123", "signing in comes back to the label's address");
    let it = Browser::signed_in(&app, "informatique", radgestmat_domain::Role::It).await;
    let page = it.get("/a/kit-000123").await;
    assert_eq!((page.status, page.location()), (StatusCode::SEE_OTHER, format!("/assets/{id}").as_str()));
    assert_eq!(it.get("/a/KIT-999999").await.status, StatusCode::NOT_FOUND);
    let employee = Browser::signed_in(&app, "salarie", radgestmat_domain::Role::Employee).await;
    assert_eq!(employee.get("/a/KIT-000123").await.location(), "/mine", "an employee goes to their own equipment");

    let labels = it.get(&format!("/labels?ids={id}")).await;
    assert!(labels.body.contains("1 étiquette à imprimer."), "{}", labels.body);
    assert!(labels.body.contains("RADGESTMAT_PUBLIC_URL n’est pas réglée"), "warned before printing for good");
    let sheet = it.get(&format!("/labels.pdf?ids={id}&layout=dymo_54x25")).await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(sheet.body.starts_with("%PDF-"));
    let refused = it.get("/labels.pdf?layout=avery_l7160&start=99").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "the error page, not a problem document");
    assert!(refused.body.contains("la position de départ va de 1 à 21"), "{}", refused.body);
}

#[tokio::test]
async fn the_scanner_opens_the_asset_with_its_actions_and_records_it_seen() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let id =
        app.create("/api/v1/assets", json!({"asset_tag": "KIT-000123", "name": "Écran", "model_id": c.model})).await;
    let it = Browser::signed_in(&app, "informatique", radgestmat_domain::Role::It).await;
    let page = it.get("/scan?tag=kit-000123").await;
    assert!(
        page.body.contains("id=\"scanned\"") && page.body.contains("/desk/checkout?tag=KIT-000123"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Vu ici (inventaire)"));
    let qr = it.get("/scan?tag=https%3A%2F%2Fparc.magasin.tn%2Fa%2FKIT-000123").await;
    assert!(qr.body.contains("id=\"scanned\""), "a label's QR code, read by a wedge scanner, finds its asset");
    let seen = it.post(&format!("/scan/{id}/seen"), &[]).await;
    assert_eq!((seen.status, seen.location()), (StatusCode::SEE_OTHER, "/scan?seen=KIT-000123"));
    assert!(app.get(&format!("/api/v1/assets/{id}")).await.body["last_audit_at"].is_string(), "recorded as seen");
    assert!(it.get("/scan?seen=KIT-000123").await.body.contains("KIT-000123 noté comme vu."));
    assert!(it.get("/scan?tag=NOPE-1").await.body.contains("Aucun matériel ne porte le numéro NOPE-1."));
    let desk = Browser::signed_in(&app, "accueil", radgestmat_domain::Role::Reception).await;
    let page = desk.get("/scan?tag=KIT-000123").await;
    assert!(
        page.body.contains("/desk/checkout?tag=KIT-000123") && !page.body.contains("Vu ici"),
        "the desk checks out, IT inventories"
    );
    assert_eq!(desk.post(&format!("/scan/{id}/seen"), &[]).await.status, StatusCode::FORBIDDEN);
}
