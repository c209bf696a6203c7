//! Imports of what is not an asset: a staff list from the HR spreadsheet, the locations of the
//! stores, the models of the catalogue, the user accounts; each found by its key as the mode wants,
//! dry run first, committed all or nothing and audited as its own creation or change.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::imports::{commit, dry_run_of, windows_1252};
use crate::support::TestApp;

async fn errors_of(app: &TestApp, import: &Value) -> Vec<Value> {
    let rows = app.get(&format!("/api/v1/imports/{}/rows?status=error", import["id"])).await.body;
    rows["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_french_staff_list_registers_and_updates_employees() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let known = app
        .create("/api/v1/employees", json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah"}))
        .await;
    let text = "Matricule;Nom;Prénom;E-mail;Service;Magasin;Actif\r\n\
        E1;Ben Salah;Amira;amira@magasin.tn;Comptabilité;;\r\n\
        E2;Trabelsi;Karim;karim@magasin.tn;Comptabilité;Magasin Sfax;oui\r\n\
        E3;Gharbi;;pas-un-email;;;peut-être\r\n\
        e2;Trabelsi;Karim;;;;\r\n";
    let file = windows_1252(text);

    let strict = dry_run_of(&app, "employees", &[("mode", "upsert")], &file).await;
    assert_eq!(strict["state"], "checked", "{strict}");
    let mapped: Vec<Value> = strict["mapping"].as_array().unwrap().iter().map(|c| c["field"].clone()).collect();
    assert_eq!(
        mapped,
        ["matricule", "last_name", "first_name", "email", "department", "site", "active"].map(|f| json!(f))
    );
    assert_eq!(strict["counts"], json!({"create": 0, "update": 0, "unchanged": 0, "error": 4}), "{strict}");
    let errors = errors_of(&app, &strict).await;
    let codes = |line: i64| -> Vec<(Value, Value)> {
        let row = errors.iter().find(|r| r["line"] == line).unwrap_or_else(|| panic!("line {line}: {errors:?}"));
        row["errors"].as_array().unwrap().iter().map(|e| (e["column"].clone(), e["code"].clone())).collect()
    };
    assert_eq!(codes(2), [(json!("Service"), json!("unknown-named"))], "no such department yet");
    assert_eq!(codes(4).len(), 3, "{:?}", codes(4));
    assert!(codes(4).contains(&(json!("Prénom"), json!("must-not-be-empty"))), "{:?}", codes(4));
    assert!(codes(4).contains(&(json!("Actif"), json!("yes-or-no"))), "{:?}", codes(4));
    assert!(codes(5).contains(&(json!("Matricule"), json!("key-twice-in-file"))), "letter case aside: {:?}", codes(5));
    assert_eq!(errors[0]["key"], "E1", "the row's key is its matricule: {errors:?}");
    assert_eq!(errors[0]["asset_tag"], Value::Null);

    let fixed = text
        .replace("E3;Gharbi;;pas-un-email;;;peut-être\r\n", "E3;Gharbi;Sana;;;;non\r\n")
        .replace("e2;Trabelsi;Karim;;;;\r\n", "");
    let file = windows_1252(&fixed);
    let created = dry_run_of(&app, "employees", &[("mode", "create")], &file).await;
    let first = &errors_of(&app, &created).await[0];
    assert_eq!(first["errors"][0]["code"], "record-exists", "create refuses E1, which is registered: {first}");

    let import = dry_run_of(&app, "employees", &[("mode", "upsert"), ("create_missing", "true")], &file).await;
    assert_eq!(import["counts"], json!({"create": 2, "update": 1, "unchanged": 0, "error": 0}), "{import}");
    assert_eq!(app.total("/api/v1/departments").await, 0, "the dry run writes nothing");
    let done = commit(&app, &import, false).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);

    let amira = app.get(&format!("/api/v1/employees/{known}")).await.body;
    assert_eq!(amira["email"], "amira@magasin.tn", "updated");
    assert_eq!(amira["first_name"], "Amira");
    let karim = app.get("/api/v1/employees?q=karim").await.body["items"][0].clone();
    assert_eq!(karim["department_id"], amira["department_id"], "one department created for both");
    assert_eq!(karim["site_id"], c.site, "a site by its name");
    let sana = app.get("/api/v1/employees?q=sana").await.body["items"][0].clone();
    assert_eq!(sana["active"], false);
    assert_eq!(app.total("/api/v1/departments").await, 1);
    assert_eq!(app.total("/api/v1/audit?action=employee.create").await, 3, "two employees, and the one made by hand");
    assert_eq!(app.total("/api/v1/audit?action=employee.update").await, 1);
    assert_eq!(app.total("/api/v1/audit?action=department.create").await, 1);

    let again = dry_run_of(&app, "employees", &[("mode", "upsert")], &file).await;
    assert_eq!(again["counts"], json!({"create": 0, "update": 0, "unchanged": 3, "error": 0}), "{again}");
}

#[tokio::test]
async fn a_leaver_who_still_holds_equipment_is_refused_by_the_dry_run() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let amira = app
        .create("/api/v1/employees", json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah"}))
        .await;
    let asset = app.create("/api/v1/assets", json!({"name": "Portable", "model_id": c.model})).await;
    let out = app.post(&format!("/api/v1/assets/{asset}/checkout"), json!({"employee_id": amira})).await;
    assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    let import = dry_run_of(&app, "employees", &[("mode", "update")], b"matricule,active\nE1,non\nE9,oui\n").await;
    let errors = errors_of(&app, &import).await;
    assert_eq!(errors[0]["errors"][0]["code"], "still-holds", "{errors:?}");
    assert_eq!(errors[1]["errors"][0]["code"], "no-record", "update finds no E9: {errors:?}");
    assert_eq!(commit(&app, &import, false).await.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn locations_and_models_import_once_with_what_they_name() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let site = app.get(&format!("/api/v1/sites/{}", c.site)).await.body;
    let file = format!(
        "Site,Emplacement\n{code},Réserve\n{code},Bureau 2\nMagasin Sousse,Caisse 1\n{code},Bureau 2\n,Caisse 9\n",
        code = site["code"].as_str().unwrap()
    );
    let import =
        dry_run_of(&app, "locations", &[("mode", "upsert"), ("create_missing", "true")], file.as_bytes()).await;
    assert_eq!(import["counts"], json!({"create": 2, "update": 0, "unchanged": 1, "error": 2}), "{import}");
    let errors = errors_of(&app, &import).await;
    assert_eq!(errors[0]["errors"][0]["code"], "key-twice-in-file", "{errors:?}");
    assert_eq!(errors[1]["errors"][0]["column"], "Site");
    let before = app.total("/api/v1/locations").await;
    assert_eq!(commit(&app, &import, true).await.status, StatusCode::OK);
    assert_eq!(app.total("/api/v1/locations").await, before + 2);
    let sousse = app.get("/api/v1/sites?q=sousse").await.body["items"][0].clone();
    assert_eq!(sousse["name"], "Magasin Sousse", "the site created with its location");
    assert_eq!(app.total(&format!("/api/v1/locations?site_id={}", sousse["id"])).await, 1);

    let models = "Model Name,Model Number,Category,Manufacturer\n\
        Latitude 5440,LAT-5440,Portables,Dell\n\
        P2422H,P2422H-TN,Écrans,HP\n\
        Inconnu,,,\n";
    let import = dry_run_of(&app, "models", &[("mode", "upsert"), ("create_missing", "true")], models.as_bytes()).await;
    assert_eq!(import["counts"], json!({"create": 1, "update": 1, "unchanged": 0, "error": 1}), "{import}");
    let errors = errors_of(&app, &import).await;
    let columns: Vec<Value> = errors[0]["errors"].as_array().unwrap().iter().map(|e| e["column"].clone()).collect();
    assert_eq!(columns, [json!("Category"), json!("Manufacturer")], "a new model needs both: {errors:?}");
    assert_eq!(commit(&app, &import, true).await.status, StatusCode::OK);
    let screen = app.get(&format!("/api/v1/models/{}", c.model)).await.body;
    assert_eq!(screen["name"], "P2422H");
    assert_ne!(screen["manufacturer_id"], c.manufacturer, "moved to HP, created");
    assert_eq!(screen["model_number"], "P2422H-TN", "found by its name, its number given");
    assert_eq!(app.total("/api/v1/audit?action=model.update").await, 1);
    let laptop = app.get("/api/v1/models?q=latitude").await.body["items"][0].clone();
    assert_eq!(laptop["model_number"], "LAT-5440");
}

#[tokio::test]
async fn user_accounts_import_with_a_first_password_or_none() {
    let app = TestApp::spawn().await;
    app.create("/api/v1/employees", json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah"})).await;
    let file = "Username,First Name,Last Name,Email,Rôle,Matricule,Mot de passe\n\
        amira.bensalah,Amira,Ben Salah,amira@magasin.tn,Accueil,E1,Caisse-Sousse-2026\n\
        karim,Karim,Trabelsi,,informatique,,\n\
        nadia,Nadia,,,chef,E7,court\n\
        admin,,,,,,\n";
    let import = dry_run_of(&app, "users", &[("mode", "upsert")], file.as_bytes()).await;
    assert_eq!(import["counts"], json!({"create": 2, "update": 0, "unchanged": 1, "error": 1}), "{import}");
    let errors = errors_of(&app, &import).await;
    let codes: Vec<Value> = errors[0]["errors"].as_array().unwrap().iter().map(|e| e["code"].clone()).collect();
    assert_eq!(codes, [json!("role-unknown"), json!("unknown-named"), json!("too-short")], "{errors:?}");
    assert_eq!(commit(&app, &import, true).await.status, StatusCode::OK);

    let amira = app.get("/api/v1/users?q=amira").await.body["items"][0].clone();
    assert_eq!((amira["role"].as_str(), amira["display_name"].as_str()), (Some("reception"), Some("Amira Ben Salah")));
    assert!(amira["employee_id"].as_i64().is_some(), "linked by matricule: {amira}");
    let login = |username: &'static str, password: &'static str| {
        app.client
            .post(format!("{}/api/v1/auth/login", app.base))
            .json(&json!({"username": username, "password": password}))
            .send()
    };
    assert_eq!(login("amira.bensalah", "Caisse-Sousse-2026").await.unwrap().status(), StatusCode::OK);
    let karim = app.get("/api/v1/users?q=karim").await.body["items"][0].clone();
    assert_eq!(karim["role"], "it");
    let refused = login("karim", "any-password-at-all").await.unwrap().status();
    assert_eq!(refused, StatusCode::UNAUTHORIZED, "no password until an administrator sets one");
    assert_eq!(login("karim", "!").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.total("/api/v1/audit?action=user.create").await, 3, "the first administrator and the two");

    // Again, with other passwords: an account already registered keeps its own.
    let again = "Username,Mot de passe,Rôle\namira.bensalah,Un-autre-mot-2027,accueil\n";
    let import = dry_run_of(&app, "users", &[("mode", "upsert")], again.as_bytes()).await;
    assert_eq!(import["counts"]["unchanged"], 1, "{import}");
    assert_eq!(login("amira.bensalah", "Caisse-Sousse-2026").await.unwrap().status(), StatusCode::OK);

    // Accounts are the administrators': the IT service imports the rest.
    let it = app.user_token("informatique", radgestmat_domain::Role::It).await;
    let refused = app.upload("/api/v1/imports", &it, &[("kind", "users")], ("comptes.csv", file.as_bytes())).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let rows =
        app.client.get(format!("{}/api/v1/imports/{}", app.base, import["id"])).bearer_auth(&it).send().await.unwrap();
    assert_eq!(rows.status(), StatusCode::FORBIDDEN, "nor reads an account import");
    let staff =
        app.upload("/api/v1/imports", &it, &[("kind", "employees")], ("personnel.csv", b"matricule\nE5\n")).await;
    assert_eq!(staff.status, StatusCode::CREATED, "{}", staff.body);
}
