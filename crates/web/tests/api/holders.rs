//! An account belongs to an employee (by id, matricule or e-mail), and the employee sees what
//! they hold, acknowledges receiving it and reports a problem with it (issue 18, point 1).

use radgestmat_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::assignments::{Floor, in_days};
use crate::support::{PASSWORD, TestApp};
use crate::ui::Browser;

fn account(username: &str, extra: serde_json::Value) -> serde_json::Value {
    let mut body = json!({"username": username, "display_name": username, "role": "employee", "password": PASSWORD});
    body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    body
}

#[tokio::test]
async fn accounts_link_to_their_employee_by_id_or_by_email_and_unlink() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let salma = app
        .create(
            "/api/v1/employees",
            json!({"matricule": "E-3", "first_name": "Salma", "last_name": "Trabelsi", "email": "salma@magasin.tn", "site_id": f.head_office}),
        )
        .await;
    let by_email =
        app.post("/api/v1/users", account("salma", json!({"email": "Salma@Magasin.tn", "link_by_email": true}))).await;
    assert_eq!(
        (by_email.status, &by_email.body["employee_id"]),
        (StatusCode::CREATED, &json!(salma)),
        "{}",
        by_email.body
    );
    // Salma has an account now: a second one finds nobody by e-mail, and naming her is refused.
    let again =
        app.post("/api/v1/users", account("salma2", json!({"email": "salma@magasin.tn", "link_by_email": true}))).await;
    assert_eq!((again.status, &again.body["employee_id"]), (StatusCode::CREATED, &json!(null)));
    let taken = app.post("/api/v1/users", account("salma3", json!({"employee_id": salma}))).await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.body);
    assert!(taken.body["detail"].as_str().unwrap().contains("already has a user account"), "{}", taken.body);
    // Without the flag, an e-mail links nothing.
    let plain = app.post("/api/v1/users", account("karim", json!({"email": "karim@magasin.tn"}))).await;
    assert_eq!(plain.body["employee_id"], json!(null));

    let id = plain.body["id"].as_i64().unwrap();
    let path = format!("/api/v1/users/{id}");
    let linked = app.patch(&path, json!({"employee_id": f.karim})).await;
    assert_eq!(linked.body["employee_id"], json!(f.karim), "{}", linked.body);
    let kept = app.patch(&path, json!({"display_name": "Karim B."})).await;
    assert_eq!((&kept.body["employee_id"], &kept.body["email"]), (&json!(f.karim), &json!("karim@magasin.tn")));
    let cleared = app.patch(&path, json!({"employee_id": null, "email": null})).await;
    assert_eq!(
        (&cleared.body["employee_id"], &cleared.body["email"]),
        (&json!(null), &json!(null)),
        "{}",
        cleared.body
    );
    let unknown = app.patch(&path, json!({"employee_id": 999999})).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
}

#[tokio::test]
async fn an_employee_acknowledges_receipt_and_reports_a_problem_to_the_it_service() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let body = json!({"name": "Latitude 5440", "serial": "SN-4242", "model_id": f.c.model, "site_id": f.c.site});
    let asset = app.create("/api/v1/assets", body).await;
    let out = app
        .post(
            &format!("/api/v1/assets/{asset}/checkout"),
            json!({"employee_id": f.amira, "expected_return_at": in_days(30)}),
        )
        .await;
    let loan = out.body["id"].as_i64().unwrap();
    app.post("/api/v1/users", account("amira", json!({"employee_id": f.amira}))).await;
    app.post("/api/v1/users", account("karim", json!({"employee_id": f.karim}))).await;
    let amira = app.user_token("amira", Role::Employee).await;
    let karim = app.user_token("karim", Role::Employee).await;

    let mine = app.call(Method::GET, "/api/v1/me/assets", Some(&amira), None).await;
    let held = &mine.body["items"][0];
    assert_eq!((&held["asset_serial"], &held["acknowledged_at"]), (&json!("SN-4242"), &json!(null)), "{held}");

    // Only the holder: anyone else, whatever the role, finds nothing there.
    let acknowledge = format!("/api/v1/me/assets/{loan}/acknowledge");
    for other in [&karim, &app.admin] {
        let refused = app.call(Method::POST, &acknowledge, Some(other), None).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    }
    let first = app.call(Method::POST, &acknowledge, Some(&amira), None).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let at = first.body["acknowledged_at"].clone();
    assert!(at.is_string(), "{}", first.body);
    let second = app.call(Method::POST, &acknowledge, Some(&amira), None).await;
    assert_eq!(second.body["acknowledged_at"], at, "acknowledged once");

    let problem = format!("/api/v1/me/assets/{loan}/problem");
    let blank = app.call(Method::POST, &problem, Some(&amira), Some(json!({"note": "  "}))).await;
    assert_eq!((blank.status, &blank.body["errors"][0]["field"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("note")));
    let not_hers = app.call(Method::POST, &problem, Some(&karim), Some(json!({"note": "x"}))).await;
    assert_eq!(not_hers.status, StatusCode::NOT_FOUND);
    let note = "L'écran clignote depuis hier.";
    let reported = app.call(Method::POST, &problem, Some(&amira), Some(json!({"note": note}))).await;
    assert_eq!(reported.status, StatusCode::CREATED, "{}", reported.body);
    let alert = &reported.body;
    assert_eq!(
        (&alert["kind"], &alert["state"], &alert["note"]),
        (&json!("problem_reported"), &json!("open"), &json!(note))
    );
    let fr = alert["message"]["fr"].as_str().unwrap();
    assert!(fr.contains("Amira Ben Ali") && fr.contains(note) && fr.contains("Latitude 5440"), "{fr}");
    let twice = app.call(Method::POST, &problem, Some(&amira), Some(json!({"note": "encore"}))).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert!(twice.body["detail"].as_str().unwrap().contains(&alert["id"].to_string()), "{}", twice.body);

    // The scan neither clears it nor opens another; the desk cannot close it, the IT service can.
    app.store.scan_alerts(chrono::Utc::now()).await.unwrap();
    let id = alert["id"].as_i64().unwrap();
    assert_eq!(app.get(&format!("/api/v1/alerts/{id}")).await.body["state"], "open");
    assert_eq!(app.total("/api/v1/alerts?kind=problem_reported").await, 1);
    let desk = app.user_token("accueil", Role::Reception).await;
    let resolve = format!("/api/v1/alerts/{id}/resolve");
    let by_desk = app.call(Method::POST, &resolve, Some(&desk), Some(json!({"note": "vu"}))).await;
    assert_eq!(by_desk.status, StatusCode::FORBIDDEN);
    let it = app.user_token("informatique", Role::It).await;
    let by_it = app.call(Method::POST, &resolve, Some(&it), Some(json!({"note": "écran remplacé"}))).await;
    assert_eq!(by_it.body["state"], "resolved", "{}", by_it.body);
    let anew = app.call(Method::POST, &problem, Some(&amira), Some(json!({"note": "Le clavier aussi."}))).await;
    assert_eq!(anew.status, StatusCode::CREATED, "a closed report makes room for a new one");

    let history = app.get(&format!("/api/v1/audit?entity=asset&entity_id={asset}&limit=10")).await.body;
    let actions: Vec<&str> =
        history["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "asset.problem").count(), 2, "{actions:?}");
    assert_eq!(actions.iter().filter(|a| **a == "asset.received").count(), 1, "{actions:?}");
}

#[tokio::test]
async fn the_employee_page_lists_what_they_hold_and_takes_their_receipt_and_report() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let body = json!({"name": "iPhone 15", "serial": "IMEI-3569", "model_id": f.c.model, "site_id": f.c.site});
    let asset = app.create("/api/v1/assets", body).await;
    let out = app.post(&format!("/api/v1/assets/{asset}/checkout"), json!({"employee_id": f.amira})).await;
    let loan = out.body["id"].as_i64().unwrap();
    app.post("/api/v1/users", account("amira", json!({"employee_id": f.amira}))).await;
    let browser = Browser::signed_in(&app, "amira", Role::Employee).await;

    assert_eq!(browser.get("/dashboard").await.location(), "/mine");
    let page = browser.get("/mine").await;
    for shown in
        ["Mon matériel", "iPhone 15", "IMEI-3569", "sans date de retour", "à confirmer", "J’ai bien reçu ce matériel"]
    {
        assert!(page.body.contains(shown), "{shown} on the page");
    }
    let received = browser.post(&format!("/mine/{loan}/acknowledge"), &[]).await;
    assert_eq!(received.status, StatusCode::SEE_OTHER);
    let page = browser.get(received.location()).await;
    assert!(page.body.contains("la réception est enregistrée") && !page.body.contains("J’ai bien reçu ce matériel"));

    let empty = browser.post(&format!("/mine/{loan}/problem"), &[("note", " ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("ne doit pas être vide") && empty.body.contains("<details open>"), "{}", empty.body);
    let sent = browser.post(&format!("/mine/{loan}/problem"), &[("note", "Batterie qui gonfle")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert!(browser.get(sent.location()).await.body.contains("transmis au service informatique"));
    let inbox = app.get("/api/v1/alerts?kind=problem_reported").await.body;
    assert_eq!(inbox["items"][0]["note"], "Batterie qui gonfle");

    // An account of no employee is told how to get there.
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    assert!(it.get("/mine").await.body.contains("n’est lié à aucun employé"));
}

/// Administration → Users names the employee by matricule; empty unlinks.
#[tokio::test]
async fn the_administrator_links_an_account_by_matricule() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let admin = Browser::signed_in(&app, "patronne", Role::Admin).await;
    let page = admin.get("/admin/users").await;
    assert!(
        page.body.contains("Employé (matricule)")
            && page.body.contains("name=\"link_by_email\" value=\"true\" checked")
    );
    let form = |matricule: &'static str| {
        [("username", "amira"), ("role", "employee"), ("employee", matricule), ("password", "un mot de passe solide")]
    };
    let unknown = admin.post("/admin/users", &form("E-999")).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("aucun employé n’a le matricule E-999") && unknown.body.contains("value=\"E-999\""));
    assert_eq!(admin.post("/admin/users", &form(" E-1 ")).await.location(), "/admin/users?done=created");
    let user = app.get("/api/v1/users?q=amira").await.body["items"][0].clone();
    assert_eq!(user["employee_id"], json!(f.amira));
    let id = user["id"].as_i64().unwrap();
    assert!(admin.get(&format!("/admin/users/{id}")).await.body.contains("name=\"employee\" value=\"E-1\""));
    let unlink = [("display_name", "amira"), ("role", "employee"), ("employee", "")];
    assert_eq!(admin.post(&format!("/admin/users/{id}"), &unlink).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/api/v1/users/{id}")).await.body["employee_id"], json!(null));
}
