//! The lists as spreadsheets: an Excel export read back with the import's own reader (real
//! dates and numbers), the same rows as CSV in the reader's language.

use radgestmat_import::Reader;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::ui::Browser;

async fn download(browser: &Browser, path: &str) -> Vec<u8> {
    let page = browser.bytes(path).await;
    assert_eq!(page.0, StatusCode::OK, "{path}");
    page.1
}

fn rows(file: Vec<u8>) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = Reader::open(std::io::Cursor::new(file)).expect("a readable export");
    let rows = (&mut reader).map(|r| r.expect("a row").values).collect();
    (reader.headers.clone(), rows)
}

#[tokio::test]
async fn every_list_exports_as_excel_with_real_dates_and_numbers_and_as_csv() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let body = json!({"asset_tag": "KIT-1", "name": "Écran accueil", "model_id": c.model, "site_id": c.site,
        "purchase_date": "2025-03-15", "purchase_cost": 1_234_500, "warranty_end": "2028-03-15"});
    let asset = app.create("/api/v1/assets", body).await;
    let amira = app
        .create(
            "/api/v1/employees",
            json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah", "site_id": c.site}),
        )
        .await;
    let out = app.post(&format!("/api/v1/assets/{asset}/checkout"), json!({"employee_id": amira})).await;
    assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    let fr = Browser::signed_in(&app, "informatique", radgestmat_domain::Role::It).await;

    let (headers, assets) = rows(download(&fr, &format!("/assets.xlsx?site_id={}", c.site)).await);
    assert_eq!(headers[..3], ["N° d’inventaire", "N° de série", "Désignation"], "French headers");
    assert_eq!(assets.len(), 1);
    let row = &assets[0];
    assert_eq!((row[0].as_str(), row[6].as_str()), ("KIT-1", "Amira Ben Salah"));
    assert_eq!(
        (row[7].as_str(), row[8].as_str(), row[9].as_str()),
        ("2025-03-15", "1234.5", "2028-03-15"),
        "a date cell, a number cell"
    );
    let csv = String::from_utf8(download(&fr, &format!("/assets.csv?site_id={}", c.site)).await).unwrap();
    assert!(csv.contains("15/03/2025;1234,500;15/03/2028"), "the CSV in French: {csv}");

    let (headers, people) = rows(download(&fr, "/employees.xlsx?q=amira").await);
    assert_eq!((headers[0].as_str(), people[0][0].as_str(), people[0][6].as_str()), ("Matricule", "E1", "oui"));
    let (headers, loans) = rows(download(&fr, "/assignments.xlsx?open=true").await);
    assert_eq!(
        (headers[2].as_str(), loans[0][0].as_str(), loans[0][2].as_str()),
        ("Détenteur", "KIT-1", "Amira Ben Salah")
    );
    assert_eq!(loans[0][3].len(), 10, "the hand-over is a date cell: {:?}", loans[0]);
    let (_, entries) = rows(download(&fr, "/audit.xlsx?entity=asset").await);
    assert!(entries.iter().any(|e| e[2] == "asset.checkout"), "{entries:?}");
    assert_eq!(app.total("/api/v1/audit?action=audit.export").await, 1, "the export is recorded");
    let warranty = crate::notifications::yesterday();
    app.patch(&format!("/api/v1/assets/{asset}"), json!({"warranty_end": warranty})).await;
    app.store.scan_alerts(chrono::Utc::now()).await.unwrap();
    let (_, alerts) = rows(download(&fr, "/alerts.xlsx").await);
    assert!(alerts.iter().any(|a| a[3] == "KIT-1"), "{alerts:?}");
    let csv = String::from_utf8(download(&fr, "/alerts.csv").await).unwrap();
    assert!(csv.starts_with("\u{feff}Gravité;Type;Message"), "{csv}");

    let en = Browser::new(&app, "en");
    let en = en.sign_in(&app, "informatique").await;
    let csv = String::from_utf8(download(&en, &format!("/assets.csv?site_id={}", c.site)).await).unwrap();
    assert!(csv.contains("Asset tag") && csv.contains(&format!("2025-03-15;1234.500;{warranty}")), "in English: {csv}");
    let desk = Browser::signed_in(&app, "salarie", radgestmat_domain::Role::Employee).await;
    assert_eq!(desk.bytes("/assets.xlsx").await.0, StatusCode::FORBIDDEN);
}
