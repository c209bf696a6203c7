//! The pages of the daily work, through real HTTP as a browser sends it: the reception desk's
//! check-out and check-in, the alert inbox, the CSV export of a filtered list.

use radgestmat_domain::Role;
use reqwest::StatusCode;
use reqwest::header;
use serde_json::json;

use crate::notifications::yesterday;
use crate::support::TestApp;
use crate::ui::{Browser, asset_and_employee};

#[tokio::test]
async fn the_desk_checks_out_refuses_a_second_check_out_and_checks_in() {
    let app = TestApp::spawn().await;
    let (id, tag, employee) = asset_and_employee(&app).await;
    let desk = Browser::signed_in(&app, "accueil", Role::Reception).await;

    let found = desk.get(&format!("/desk/checkout?tag={}&q=trabel", tag.to_lowercase())).await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains("Trabelsi Sonia</strong> — E-0042"), "{}", found.body);
    assert!(found.body.contains(" checked>"), "the only match is chosen");
    let employee = employee.to_string();
    let due = (chrono::Utc::now() + chrono::TimeDelta::days(3)).date_naive().to_string();
    let form = [("tag", tag.as_str()), ("employee_id", employee.as_str()), ("due", due.as_str()), ("note", "salon")];
    let done = desk.post("/desk/checkout", &form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = desk.get(done.location()).await;
    assert!(page.body.contains(&format!("{tag} a été remis à Sonia Trabelsi")), "{}", page.body);
    let loan = &app.get(&format!("/api/v1/assignments?asset_id={id}&open=true")).await.body["items"][0];
    assert!(loan["expected_return_at"].as_str().unwrap().starts_with(&due), "{loan}");
    assert_eq!(loan["note"], "salon");

    let again = desk.post("/desk/checkout", &form).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains(&format!("{tag} est déjà sorti : détenu par Sonia Trabelsi")), "{}", again.body);
    assert_eq!(app.total(&format!("/api/v1/assignments?asset_id={id}")).await, 1);

    let past = [("tag", tag.as_str()), ("employee_id", employee.as_str()), ("due", "2020-01-01")];
    app.post(&format!("/api/v1/assets/{id}/checkin"), json!({})).await;
    let refused = desk.post("/desk/checkout", &past).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("doit être dans le futur"), "{}", refused.body);
    desk.post("/desk/checkout", &form).await;

    let tampered = desk.post("/desk/checkin", &[("tag", tag.as_str()), ("condition", "comme neuf")]).await;
    assert_eq!(tampered.status, StatusCode::BAD_REQUEST);
    assert!(tampered.body.contains("condition : n’est pas une valeur valide"), "{}", tampered.body);
    assert_eq!(app.get(&format!("/api/v1/assets/{id}")).await.body["status"], "assigned", "nothing changed");
    let back =
        desk.post("/desk/checkin", &[("tag", tag.as_str()), ("condition", "damaged"), ("note", "écran rayé")]).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert!(desk.get(back.location()).await.body.contains(&format!("Retour de {tag} enregistré")));
    assert_eq!(app.get(&format!("/api/v1/assets/{id}")).await.body["status"], "in_repair");
    let twice = desk.post("/desk/checkin", &[("tag", tag.as_str())]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.body.contains("n’est pas sorti"), "{}", twice.body);
    let unknown = desk.get("/desk/checkin?tag=NOPE-1").await;
    assert!(unknown.body.contains("Aucun matériel ne porte le numéro NOPE-1"));
}

#[tokio::test]
async fn alerts_are_handled_from_the_inbox_one_by_one_and_in_bulk() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    for n in 0..3 {
        let body = json!({"name": format!("Caisse {n}"), "model_id": cat.model, "warranty_end": yesterday()});
        app.create("/api/v1/assets", body).await;
    }
    app.store.scan_alerts(chrono::Utc::now()).await.unwrap();
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let inbox = it.get("/alerts?kind=warranty_expired").await;
    assert!(inbox.body.contains("3 alertes") && inbox.body.contains("Garantie échue"), "{}", inbox.body);
    let ids: Vec<String> = app.get("/api/v1/alerts").await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "warranty_expired")
        .map(|a| a["id"].to_string())
        .collect();

    let one = it.post(&format!("/alerts/{}/acknowledge", ids[0]), &[]).await;
    assert_eq!(one.location(), format!("/alerts/{}?done=acknowledged&n=1&failed=0", ids[0]));
    let empty_note = it.post(&format!("/alerts/{}/resolve", ids[0]), &[("note", " ")]).await;
    assert_eq!(empty_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty_note.body.contains("ne doit pas être vide"));

    let mut form: Vec<(&str, &str)> = ids.iter().map(|id| ("id", id.as_str())).collect();
    form.extend([("action", "acknowledge"), ("next", "/alerts?kind=warranty_expired")]);
    let bulk = it.post("/alerts/bulk", &form).await;
    assert_eq!(bulk.location(), "/alerts?kind=warranty_expired&done=acknowledged&n=2&failed=1");
    let page = it.get(bulk.location()).await;
    assert!(page.body.contains("2 alertes prises en compte. 1 refusée :"), "{}", page.body);

    // A hostile `next` is not followed (nor a 500 for a line break in a header).
    for next in ["/alerts\r\nSet-Cookie: x=1", "//evil.example/alerts", "/alerts\t/x", "/dashboard"] {
        let bulk = it.post("/alerts/bulk", &[("action", "acknowledge"), ("next", next)]).await;
        assert_eq!((bulk.status, bulk.location()), (StatusCode::SEE_OTHER, "/alerts?done=acknowledged&n=0&failed=0"));
    }

    form.retain(|(k, _)| *k == "id");
    form.extend([("action", "resolve"), ("note", "garanties prolongées par avenant")]);
    assert_eq!(it.post("/alerts/bulk", &form).await.location(), "/alerts?done=resolved&n=3&failed=0");
    assert_eq!(app.total("/api/v1/alerts?state=open,acknowledged").await, 0);
    let resolved = app.get(&format!("/api/v1/alerts/{}", ids[1])).await.body;
    assert_eq!(resolved["resolution_note"], "garanties prolongées par avenant");
}

#[tokio::test]
async fn the_csv_export_follows_the_filter() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    for (n, status) in ["in_stock", "in_repair", "in_stock"].iter().enumerate() {
        let body = json!({"name": format!("=Écran {n}"), "model_id": cat.model, "status": status, "purchase_cost": 1_450_500, "purchase_date": "2026-03-09"});
        app.create("/api/v1/assets", body).await;
    }
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let csv = it.get("/assets.csv?status=in_stock").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(lines[0].starts_with("\u{feff}N° d’inventaire;N° de série;Désignation"));
    // French Excel reads `1450,500` as a number and `09/03/2026` as a date (issue 18, point 18).
    assert!(lines[1].contains(";'=Écran 0;") && lines[1].contains(";09/03/2026;1450,500;"), "{}", lines[1]);
    it.post("/language", &[("language", "en"), ("next", "/assets")]).await;
    let english = it.get("/assets.csv?status=in_stock").await;
    assert!(english.body.contains(";2026-03-09;1450.500;"), "{}", english.body);
}

/// Two namesakes: told apart by matricule, department and site, neither chosen for the desk; a
/// search matching more than shown says so; a loan without a return date is confirmed (issue 18,
/// point 6).
#[tokio::test]
async fn the_desk_tells_namesakes_apart_and_confirms_a_loan_without_a_date() {
    let app = TestApp::spawn().await;
    let (_, tag, _) = asset_and_employee(&app).await;
    let tunis = app.create("/api/v1/sites", json!({"code": "TUN", "name": "Siège Tunis", "kind": "head_office"})).await;
    let sales = app.create("/api/v1/departments", json!({"name": "Ventes"})).await;
    let stock = app.create("/api/v1/departments", json!({"name": "Logistique"})).await;
    let sousse = app.create("/api/v1/sites", json!({"code": "SOU", "name": "Magasin Sousse", "kind": "store"})).await;
    let person = |matricule: &str, department: i64, site: i64| json!({"matricule": matricule, "first_name": "Chiraz", "last_name": "Ben Salah", "department_id": department, "site_id": site});
    let first = app.create("/api/v1/employees", person("E-10", sales, tunis)).await;
    app.create("/api/v1/employees", person("E-11", stock, sousse)).await;
    let desk = Browser::signed_in(&app, "accueil", Role::Reception).await;
    let page = desk.get(&format!("/desk/checkout?tag={tag}&q=ben salah")).await;
    assert!(
        page.body.contains("E-10 · Ventes · Siège Tunis") && page.body.contains("E-11 · Logistique · Magasin Sousse"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(" checked>"), "nobody is chosen among two");
    assert!(page.body.contains("Plusieurs employés correspondent"));

    for n in 0..9 {
        app.create(
            "/api/v1/employees",
            json!({"matricule": format!("B-{n}"), "first_name": "Ali", "last_name": "Ben Ali"}),
        )
        .await;
    }
    assert_eq!(desk.get("/desk/people?q=%00").await.status, StatusCode::BAD_REQUEST, "a search is checked as any");
    let fragment = desk.get("/desk/people?q=ben").await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(
        fragment.body.starts_with("<div id=\"people\"") && fragment.body.contains("D’autres employés correspondent")
    );
    assert_eq!(fragment.body.matches("type=\"radio\"").count(), 8);

    let first = first.to_string();
    let no_date = [("tag", tag.as_str()), ("employee_id", first.as_str()), ("due", "")];
    let refused = desk.post("/desk/checkout", &no_date).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("aucune date de retour"), "{}", refused.body);
    assert!(refused.body.contains("E-10 · Ventes"), "the one chosen stays chosen");
    let confirmed = [("tag", tag.as_str()), ("employee_id", first.as_str()), ("due", ""), ("open_ended", "yes")];
    assert_eq!(desk.post("/desk/checkout", &confirmed).await.status, StatusCode::SEE_OTHER);
    let loan = &app.get(&format!("/api/v1/assignments?employee_id={first}&open=true")).await.body["items"][0];
    assert_eq!(loan["expected_return_at"], json!(null));
}
