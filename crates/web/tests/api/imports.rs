//! Imports as people bring them: a Snipe-IT export, a French Excel file saved as CSV
//! (Windows-1252, `;`, CRLF), broken files; the dry run writes nothing, the commit is all or
//! nothing, once.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Reply, TestApp};

/// Uploads an asset file as the admin and runs its dry run; returns the checked import.
async fn dry_run(app: &TestApp, fields: &[(&str, &str)], file: &[u8]) -> Value {
    dry_run_of(app, "assets", fields, file).await
}

/// Uploads a file of `kind` as the admin and runs its dry run; returns the checked import.
pub async fn dry_run_of(app: &TestApp, kind: &str, fields: &[(&str, &str)], file: &[u8]) -> Value {
    let mut all = vec![("kind", kind)];
    all.extend_from_slice(fields);
    let reply = app.upload("/api/v1/imports", &app.admin, &all, ("inventaire.csv", file)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["state"], "queued", "the dry run is a job: {}", reply.body);
    app.settle().await;
    let import = app.get(&format!("/api/v1/imports/{}", reply.body["id"])).await;
    assert_eq!(import.status, StatusCode::OK, "{}", import.body);
    import.body
}

pub async fn commit(app: &TestApp, import: &Value, skip_errors: bool) -> Reply {
    app.post(&format!("/api/v1/imports/{}/commit", import["id"]), json!({"skip_errors": skip_errors})).await
}

async fn asset(app: &TestApp, tag: &str) -> Value {
    let reply = app.get(&format!("/api/v1/assets/by-tag/{tag}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{tag}: {}", reply.body);
    reply.body
}

/// Windows-1252 bytes of a text whose characters are all Latin-1 (what French Excel writes).
pub fn windows_1252(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character")).collect()
}

#[tokio::test]
async fn a_snipe_it_export_imports_without_editing() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let amira = app
        .create(
            "/api/v1/employees",
            json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah", "email": "amira@magasin.tn"}),
        )
        .await;
    let file = "Asset Tag,Item Name,Serial,Model,Category,Manufacturer,Location,Supplier,Purchase Date,Purchase Cost,Warranty,Status,Notes,Checked Out To: Email,IMEI\n\
        KIT-900001,Écran accueil,SN-1,P2422H,Écrans,Dell,Réserve,Tunisie Informatique,03/15/25,1234.50,36,Ready to Deploy,\"fragile, \"\"neuf\"\"\nsur deux lignes\",,\n\
        KIT-900002,,SN-2,P2422H,Écrans,Dell,Réserve,,03/16/25,,,Deployed,,AMIRA@magasin.tn,356938035643809\n\
        KIT-900003,Portable,SN-3,Latitude 5440,Portables,Dell,,,,,,Ready to Deploy,,,\n";
    let import = dry_run(&app, &[("mapping", r#"{"date_order": "month_first"}"#)], file.as_bytes()).await;
    assert_eq!(import["state"], "checked", "{import}");
    assert_eq!(import["counts"], json!({"create": 2, "update": 0, "unchanged": 0, "error": 1}), "{import}");
    assert_eq!((import["rows"].as_i64(), import["done"].as_i64()), (Some(3), Some(3)));
    let imei = import["mapping"].as_array().unwrap().iter().find(|c| c["header"] == "IMEI").cloned();
    assert_eq!(imei, Some(json!({"header": "IMEI", "field": null})), "an unknown column is left out, and shown");
    assert_eq!(app.total("/api/v1/assets").await, 0, "the dry run writes nothing");

    let errors = app.get(&format!("/api/v1/imports/{}/rows?status=error", import["id"])).await.body;
    let error = &errors["items"][0];
    assert_eq!(error["line"], 5, "the quoted note spans lines 2-3: {errors}");
    assert_eq!(error["errors"][0]["column"], "Model");
    assert_eq!(error["errors"][0]["code"], "unknown-named");
    assert!(error["errors"][0]["message"].as_str().unwrap().contains("Latitude 5440"), "{error}");

    let refused = commit(&app, &import, false).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(refused.body["code"], "import-has-errors");
    assert_eq!(app.total("/api/v1/assets").await, 0, "all or nothing");

    let done = commit(&app, &import, true).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["state"], "committed");
    let screen = asset(&app, "KIT-900001").await;
    assert_eq!(screen["name"], "Écran accueil");
    assert_eq!(screen["purchase_date"], "2025-03-15", "month first, as Snipe-IT writes it");
    assert_eq!(screen["purchase_cost"], 1_234_500);
    assert_eq!(screen["warranty_end"], "2028-03-15", "36 months of warranty from the purchase");
    assert_eq!(screen["notes"], "fragile, \"neuf\"\nsur deux lignes");
    assert_eq!((screen["site_id"].as_i64(), screen["location_id"].as_i64()), (Some(c.site), Some(c.location)));
    assert_eq!(screen["supplier_id"], c.supplier);
    let held = asset(&app, "KIT-900002").await;
    assert_eq!(held["name"], "P2422H", "an asset without a name takes its model's");
    assert_eq!(held["status"], "assigned");
    assert_eq!(held["current_assignment"]["employee_id"], amira, "found by e-mail, letter case aside");
    assert_eq!(app.total("/api/v1/audit?action=asset.import").await, 2, "each row audited");
    assert_eq!(app.total("/api/v1/audit?action=asset.checkout").await, 1);
    assert_eq!(app.total("/api/v1/assets").await, 2, "the row in error is left out");
    assert_eq!(commit(&app, &import, true).await.status, StatusCode::CONFLICT, "committed once");
}

#[tokio::test]
async fn a_french_excel_file_in_windows_1252_creates_what_is_missing_when_asked() {
    let app = TestApp::spawn().await;
    let amira = app
        .create("/api/v1/employees", json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah"}))
        .await;
    let text = "N° d'inventaire;Désignation;Numéro de série;Modèle;Catégorie;Fabricant;Date d'achat;Prix d'achat;Fin de garantie;Site;Emplacement;Détenteur\r\n\
        PC-0001;Portable comptabilité;ABC123;Latitude 5440;Portables;Dell;21/11/25;\"2 450,500\";21/11/2028;Magasin Sousse;Bureau 1;E1\r\n\
        PC-0002;Portable réception;ABC124;Latitude 5440;Portables;DELL;01/12/2025;1.234,50 TND;;Magasin Sousse;Bureau 1;\r\n";
    let file = windows_1252(text);

    let strict = dry_run(&app, &[], &file).await;
    assert_eq!(strict["counts"]["error"], 2, "without create missing, each unknown name is an error: {strict}");
    let codes: Vec<Value> = app.get(&format!("/api/v1/imports/{}/rows", strict["id"])).await.body["items"][0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["column"].clone())
        .collect();
    assert_eq!(codes, [json!("Modèle"), json!("Site"), json!("Emplacement")], "the French headers, read as written");

    let import = dry_run(&app, &[("create_missing", "true")], &file).await;
    assert_eq!(import["counts"], json!({"create": 2, "update": 0, "unchanged": 0, "error": 0}), "{import}");
    assert_eq!(app.total("/api/v1/categories").await, 0, "the dry run creates nothing");
    let done = commit(&app, &import, false).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);

    let pc = asset(&app, "PC-0001").await;
    assert_eq!(pc["name"], "Portable comptabilité", "Windows-1252 decoded");
    assert_eq!(pc["purchase_date"], "2025-11-21", "day first, two-digit year");
    assert_eq!(pc["purchase_cost"], 2_450_500, "a space groups thousands, a comma marks millimes");
    assert_eq!(pc["current_assignment"]["employee_id"], amira, "the holder by matricule");
    assert_eq!(asset(&app, "PC-0002").await["purchase_cost"], 1_234_500);
    assert_eq!(app.total("/api/v1/models").await, 1, "one model created for both rows");
    assert_eq!(app.total("/api/v1/manufacturers").await, 1, "DELL and Dell are one");
    let sites = app.get("/api/v1/sites").await.body;
    assert_eq!(sites["items"][0]["code"], "MAGASIN-SOUSSE", "{sites}");
    let locations = app.get("/api/v1/locations").await.body;
    assert_eq!(locations["items"][0]["site_id"], sites["items"][0]["id"], "the new location is at the new site");
    assert_eq!(pc["site_id"], sites["items"][0]["id"]);
}

#[tokio::test]
async fn broken_files_are_reported_and_cannot_be_committed() {
    let app = TestApp::spawn().await;
    let twice = dry_run(&app, &[], b"Tag;Model;tag;\nA;B;C;D\n").await;
    assert_eq!(twice["state"], "failed", "{twice}");
    let codes: Vec<&str> = twice["problems"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["duplicate-header", "blank-header"], "every header problem at once: {twice}");
    let refused = commit(&app, &twice, true).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.body["code"], "import-not-checked");

    let no_model = dry_run(&app, &[], b"Asset Tag,Item Name\nKIT-1,Ecran\n").await;
    assert_eq!(no_model["problems"][0]["code"], "missing-column", "{no_model}");

    let empty = app.upload("/api/v1/imports", &app.admin, &[("kind", "assets")], ("vide.csv", b"")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", empty.body);
    let kind = app.upload("/api/v1/imports", &app.admin, &[("kind", "printers")], ("a.csv", b"Model\nX\n")).await;
    assert_eq!(kind.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", kind.body);
    assert_eq!(kind.body["errors"][0]["field"], "kind");
    let mapping = app
        .upload(
            "/api/v1/imports",
            &app.admin,
            &[("kind", "assets"), ("mapping", "{\"colums\": {}}")],
            ("a.csv", b"Model\n"),
        )
        .await;
    assert_eq!(mapping.status, StatusCode::UNPROCESSABLE_ENTITY, "a misspelt mapping key: {}", mapping.body);
    let json_body = app.post("/api/v1/imports", json!({"kind": "assets"})).await;
    assert_eq!(json_body.status, StatusCode::BAD_REQUEST, "{}", json_body.body);
    let desk = app.user_token("desk", radgestmat_domain::Role::Reception).await;
    let refused = app.upload("/api/v1/imports", &desk, &[("kind", "assets")], ("a.csv", b"Model\nX\n")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "admin and IT only");
    assert_eq!(
        app.get("/api/v1/imports").await.body.as_array().map(Vec::len),
        Some(2),
        "the two files that were checked"
    );
}

#[tokio::test]
async fn a_row_checks_tags_serials_statuses_dates_and_amounts() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    app.create(
        "/api/v1/assets",
        json!({"asset_tag": "KIT-1", "name": "Déjà là", "model_id": c.model, "serial": "S-0"}),
    )
    .await;
    let file = "Tag,Model,Serial,Status,Purchase Date,Purchase Cost\n\
        KIT-1,P2422H,S-1,,,\n\
        KIT-2,P2422H,S-0,,,\n\
        KIT-3,P2422H,S-3,cassé,31/02/2026,douze\n\
        KIT-4,P2422H,S-4,,,\n\
        kit-4,P2422H,S-3,,,\n\
        KIT 5,P2422H,,,,\n\
        KIT-6,P2422H,,Deployed,,\n";
    let import = dry_run(&app, &[], file.as_bytes()).await;
    let rows = app.get(&format!("/api/v1/imports/{}/rows", import["id"])).await.body;
    let codes: Vec<Vec<&str>> = rows["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect())
        .collect();
    assert_eq!(
        codes,
        [
            vec!["tag-used"],
            vec!["serial-used"],
            vec!["date-example", "amount-example", "status-unknown"],
            vec![],
            vec!["tag-twice-in-file", "serial-twice-in-file"],
            vec!["tag-characters"],
            vec!["assigned-needs-holder"],
        ],
        "{rows}"
    );
    assert_eq!(import["counts"]["create"], 1);
}

#[tokio::test]
async fn an_update_changes_what_the_file_says_and_tells_unchanged_rows() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let id = app
        .create(
            "/api/v1/assets",
            json!({"asset_tag": "KIT-1", "name": "Ancien nom", "model_id": c.model, "serial": "S-1"}),
        )
        .await;
    let file = b"Asset Tag,Item Name,Notes\nKIT-1,Nouveau nom,\nKIT-2,Inconnu,\n";
    let import = dry_run(&app, &[("mode", "update")], file).await;
    assert_eq!(import["counts"], json!({"create": 0, "update": 1, "unchanged": 0, "error": 1}), "{import}");
    assert_eq!(commit(&app, &import, true).await.status, StatusCode::OK);
    let updated = app.get(&format!("/api/v1/assets/{id}")).await.body;
    assert_eq!(updated["name"], "Nouveau nom");
    assert_eq!(updated["serial"], "S-1", "a column the file lacks keeps its value");
    assert_eq!(updated["version"], 2, "an edit like any other");

    let again =
        dry_run(&app, &[("mode", "upsert")], b"Asset Tag,Item Name,Model\nKIT-1,Nouveau nom,\nKIT-7,Neuf,P2422H\n")
            .await;
    assert_eq!(again["counts"], json!({"create": 1, "update": 0, "unchanged": 1, "error": 0}), "{again}");
}

#[tokio::test]
async fn two_commits_at_once_apply_the_import_once() {
    let app = TestApp::spawn().await;
    app.catalogue().await;
    let mut file = String::from("Asset Tag,Model\n");
    for n in 0..1200 {
        file.push_str(&format!("KIT-{n:06},P2422H\n"));
    }
    let import = dry_run(&app, &[], file.as_bytes()).await;
    assert_eq!(import["counts"]["create"], 1200, "{import}");
    let (a, b) = tokio::join!(commit(&app, &import, false), commit(&app, &import, false));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
    assert_eq!(app.total("/api/v1/assets").await, 1200);
    assert_eq!(app.total("/api/v1/audit?action=asset.import").await, 1200);
    let verify = app.get("/api/v1/audit/verify").await;
    assert_eq!(verify.body["ok"], true, "{}", verify.body);
}

#[tokio::test]
async fn the_page_checks_again_with_other_columns_and_reports_errors_as_csv() {
    use crate::ui::Browser;
    let app = TestApp::spawn().await;
    app.catalogue().await;
    let import = dry_run(&app, &[], b"Tag;Ref;Prix\nKIT-1;P2422H;12\nKIT-2;Inconnu;douze\n").await;
    assert_eq!(import["problems"][0]["code"], "missing-column", "Ref is no known header: {import}");
    let it = Browser::signed_in(&app, "informatique", radgestmat_domain::Role::It).await;
    let page = it.get(&format!("/imports/{}", import["id"])).await;
    assert!(page.body.contains("le fichier n’a pas de colonne pour model"), "the problem, in French: {}", page.body);
    let form = [
        ("column-0", "asset_tag"),
        ("column-1", "model"),
        ("column-2", "purchase_cost"),
        ("mode", "create"),
        ("date_order", "day_first"),
    ];
    let again = it.post(&format!("/imports/{}/recheck", import["id"]), &form).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    app.settle().await;
    let id: i64 = again.location().rsplit('/').next().unwrap().parse().unwrap();
    let checked = app.get(&format!("/api/v1/imports/{id}")).await.body;
    assert_eq!(checked["counts"], json!({"create": 1, "update": 0, "unchanged": 0, "error": 1}), "{checked}");
    assert_eq!(checked["options"]["columns"]["Ref"], "model");
    let report = it.get(&format!("/imports/{id}/errors.csv")).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.headers["content-disposition"].to_str().unwrap().contains(&format!("import-{id}-errors.csv")));
    let lines: Vec<&str> = report.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Ligne;Colonne;Erreur");
    assert!(
        lines
            .contains(&"3;Ref;aucun(e) modèle ne s’appelle « Inconnu » (cochez « créer les manquants » pour le créer)"),
        "{lines:?}"
    );
    assert!(lines.contains(&"3;Prix;doit être un montant, par exemple 1234,500"), "{lines:?}");
    let refused = it.post(&format!("/imports/{id}/commit"), &[]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("1 ligne est en erreur"), "{}", refused.body);
    let done = it.post(&format!("/imports/{id}/commit"), &[("skip_errors", "true")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(app.total("/api/v1/assets").await, 1);
}

#[tokio::test]
async fn an_excel_workbook_imports_from_its_named_sheet() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Notes").unwrap().write_string(0, 0, "rien ici").unwrap();
    let sheet = book.add_worksheet().set_name("Parc").unwrap();
    for (i, header) in ["N° d'inventaire", "Modèle", "Date d'achat", "Prix d'achat", "Emplacement"].iter().enumerate()
    {
        sheet.write_string(0, i as u16, *header).unwrap();
    }
    let day = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(1, 0, "XL-1").unwrap();
    sheet.write_string(1, 1, "P2422H").unwrap();
    sheet.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2024, 2, 29).unwrap(), &day).unwrap();
    sheet.write_number(1, 3, 899.9).unwrap();
    sheet.write_string(1, 4, "Réserve").unwrap();
    let file = book.save_to_buffer().unwrap();
    let import = dry_run(&app, &[("sheet", "Parc")], &file).await;
    assert_eq!(import["counts"]["create"], 1, "{import}");
    assert_eq!(commit(&app, &import, false).await.status, StatusCode::OK);
    let xl = asset(&app, "XL-1").await;
    assert_eq!((xl["purchase_date"].as_str(), xl["purchase_cost"].as_i64()), (Some("2024-02-29"), Some(899_900)));
    assert_eq!(xl["location_id"], c.location);
    let first = dry_run(&app, &[], &file).await;
    assert_eq!(first["problems"][0]["code"], "missing-column", "the first sheet by default: {first}");
}

#[tokio::test]
async fn an_update_moves_assets_between_sites_and_refuses_what_changed_since_its_dry_run() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    app.create("/api/v1/sites", json!({"code": "MAG-02", "name": "Magasin Sousse", "kind": "store"})).await;
    let moved = app
        .create(
            "/api/v1/assets",
            json!({"asset_tag": "KIT-1", "name": "Écran", "model_id": c.model, "location_id": c.location}),
        )
        .await;
    let edited =
        app.create("/api/v1/assets", json!({"asset_tag": "KIT-2", "name": "Écran", "model_id": c.model})).await;
    // A site without a location: the old location, in the old site, stays behind.
    let import = dry_run(&app, &[("mode", "update")], b"Asset Tag,Site,Notes\nKIT-1,MAG-02,\nKIT-2,,vu\n").await;
    assert_eq!(import["counts"]["update"], 2, "{import}");
    // Someone edits KIT-2 before the commit: its line is refused, and with it the whole file.
    app.patch(&format!("/api/v1/assets/{edited}"), json!({"name": "Écran de la caisse"})).await;
    let refused = commit(&app, &import, false).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused.body["detail"].as_str().unwrap().contains("KIT-2 was changed since the dry run"),
        "{}",
        refused.body
    );
    assert_eq!(app.get(&format!("/api/v1/assets/{moved}")).await.body["location_id"], c.location, "nothing written");
    let again = dry_run(&app, &[("mode", "update")], b"Asset Tag,Site\nKIT-1,MAG-02\n").await;
    assert_eq!(commit(&app, &again, false).await.status, StatusCode::OK);
    let asset = app.get(&format!("/api/v1/assets/{moved}")).await.body;
    assert_eq!(asset["location_id"], json!(null), "moved to the other site");
    assert_eq!(
        app.get(&format!("/api/v1/assets/{edited}")).await.body["name"],
        "Écran de la caisse",
        "the edit is kept"
    );
    let wrong =
        dry_run(&app, &[("mode", "update")], b"Asset Tag,Site,Location\nKIT-1,MAG-01,Reserve\nKIT-2,MAG-02,Reserve\n")
            .await;
    let rows = app.get(&format!("/api/v1/imports/{}/rows?status=error", wrong["id"])).await.body;
    assert_eq!(rows["items"][0]["line"], 3, "no location of that name at that site: {rows}");
    assert_eq!(rows["items"][0]["errors"][0]["column"], "Location");
}
