//! The administration, employee, audit and profile pages, through real HTTP as a browser.

use radgestmat_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::receivers::SmtpSink;
use crate::support::TestApp;
use crate::ui::Browser;

#[tokio::test]
async fn reference_data_is_edited_through_the_domain_rules() {
    let app = TestApp::spawn().await;
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let site = [("code", "MAG-09"), ("name", "Magasin Sousse"), ("kind", "store"), ("it_contacts", "pas-une-adresse")];
    let refused = it.post("/admin/sites", &site).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("doit être une adresse de courriel"), "{}", refused.body);
    assert!(refused.body.contains("pas-une-adresse"), "what was typed stays");
    assert_eq!(app.total("/api/v1/sites").await, 0);

    let site = [("code", "MAG-09"), ("name", "Magasin Sousse"), ("kind", "store"), ("it_contacts", "a@x.tn\nb@x.tn")];
    assert_eq!(it.post("/admin/sites", &site).await.location(), "/admin/sites?done=created");
    let stored = &app.get("/api/v1/sites").await.body["items"][0];
    assert_eq!(stored["it_contacts"], json!(["a@x.tn", "b@x.tn"]));
    let id = stored["id"].as_i64().unwrap().to_string();
    let list = it.get("/admin/sites").await;
    assert!(list.body.contains("Magasin Sousse") && list.body.contains("Magasin</td>"), "kind shown by its label");

    let location = [("name", "Réserve"), ("site_id", id.as_str())];
    assert_eq!(it.post("/admin/locations", &location).await.status, StatusCode::SEE_OTHER);
    let in_use = it.post(&format!("/admin/sites/{id}/delete"), &[]).await;
    assert_eq!(in_use.status, StatusCode::CONFLICT);
    // Said in the page's language, its count included (it was left in English before reasons had codes).
    assert!(in_use.body.contains("1 emplacement y fait encore référence"), "{}", in_use.body);

    let edit = it.get(&format!("/admin/sites/{id}")).await;
    assert!(edit.body.contains("a@x.tn\nb@x.tn"), "{}", edit.body);
    let renamed = [("code", "MAG-09"), ("name", "Magasin Sousse Centre"), ("kind", "store"), ("it_contacts", "")];
    assert_eq!(it.post(&format!("/admin/sites/{id}"), &renamed).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/api/v1/sites/{id}")).await.body["name"], "Magasin Sousse Centre");
    let duplicate = it.post("/admin/sites", &[("code", "MAG-09"), ("name", "Autre"), ("kind", "store")]).await;
    assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", duplicate.body);
    assert_eq!(app.total("/api/v1/sites").await, 1);
}

#[tokio::test]
async fn the_administrator_manages_accounts_and_alert_rules() {
    let app = TestApp::spawn().await;
    let admin = Browser::signed_in(&app, "patronne", Role::Admin).await;
    let short = [("username", "nadia"), ("role", "reception"), ("password", "court")];
    let refused = admin.post("/admin/users", &short).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("doit compter au moins 10 caractères"), "{}", refused.body);
    let good = [
        ("username", "nadia"),
        ("display_name", "Nadia B."),
        ("role", "reception"),
        ("password", "un mot de passe solide"),
    ];
    assert_eq!(admin.post("/admin/users", &good).await.location(), "/admin/users?done=created");
    let nadia = Browser::new(&app, "fr");
    let login = nadia.post("/login", &[("username", "nadia"), ("password", "un mot de passe solide")]).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER, "the new account signs in");
    assert_eq!(nadia.get("/desk/checkout").await.status, StatusCode::OK);

    let id = app.get("/api/v1/users?q=nadia").await.body["items"][0]["id"].to_string();
    let common = [("display_name", "Nadia B."), ("role", "reception"), ("password", "azertyuiop123")];
    let refused = admin.post(&format!("/admin/users/{id}"), &common).await;
    assert!(refused.body.contains("trop facile à deviner"), "{}", refused.body);

    // Her scanner's token: the administrator sees it on her account and revokes it.
    let created = nadia.post("/profile/tokens", &[("name", "douchette-caisse-2")]).await;
    let token = created.body.split("<code>").nth(1).unwrap().split("</code>").next().unwrap().to_owned();
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::OK);
    let page = admin.get(&format!("/admin/users/{id}")).await;
    assert!(page.body.contains("douchette-caisse-2") && page.body.contains("dernière utilisation"), "{}", page.body);
    assert!(!page.body.contains(&token), "never the secret");
    let token_id = app.get(&format!("/api/v1/users/{id}/tokens")).await.body[0]["id"].to_string();
    let revoked = admin.post(&format!("/admin/users/{id}/tokens/{token_id}/revoke"), &[]).await;
    assert_eq!(revoked.location(), format!("/admin/users/{id}#tokens"));
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::UNAUTHORIZED);
    assert!(admin.get(&format!("/admin/users/{id}")).await.body.contains("révoqué le"));

    let disable = [("display_name", "Nadia B."), ("role", "reception"), ("disabled", "true")];
    assert_eq!(admin.post(&format!("/admin/users/{id}"), &disable).await.status, StatusCode::SEE_OTHER);
    assert_eq!(nadia.get("/desk/checkout").await.status, StatusCode::SEE_OTHER, "a disabled account is signed out");

    let too_far = [("enabled", "true"), ("threshold", "5000"), ("severity", "warning")];
    let refused = admin.post("/admin/alerts/audit_due", &too_far).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("doit être compris entre 0 et 3650") && refused.body.contains("value=\"5000\""));
    let rule = [("enabled", "true"), ("threshold", "6"), ("severity", "critical"), ("recipients", "parc@x.tn")];
    assert_eq!(admin.post("/admin/alerts/audit_due", &rule).await.status, StatusCode::SEE_OTHER);
    let rules = app.get("/api/v1/settings/alert-rules").await.body;
    let audit_due = rules.as_array().unwrap().iter().find(|r| r["kind"] == "audit_due").unwrap().clone();
    assert_eq!((audit_due["threshold"].clone(), audit_due["severity"].clone()), (json!(6), json!("critical")));
    assert_eq!(audit_due["recipients"], json!(["parc@x.tn"]));
}

/// The notification settings page: what was typed stays on a refusal, a saved password is never
/// shown back (a blank field keeps it, the box removes it), the API sees the same settings.
#[tokio::test]
async fn the_administrator_sets_the_notification_channels() {
    let app = TestApp::spawn().await;
    let admin = Browser::signed_in(&app, "patronne", Role::Admin).await;
    let page = admin.get("/admin/notifications").await;
    assert!(page.body.contains("variables d’environnement du serveur s’appliquent"), "{}", page.body);
    assert!(admin.get("/admin").await.body.contains("href=\"/admin/notifications\""));

    let wrong = [
        ("smtp_host", "smtp.magasin.tn"),
        ("smtp_port", "99999"),
        ("smtp_security", "tls"),
        ("smtp_password", "mot-de-passe-smtp"),
        ("smtp_from", "parc@magasin.tn"),
        ("webhook_url", "hooks.tn"),
    ];
    let refused = admin.post("/admin/notifications", &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("doit être compris entre 1 et 65535"), "{}", refused.body);
    assert!(refused.body.contains("doit être une adresse http:// ou https://"), "every problem at once");
    assert!(refused.body.contains("est nécessaire avec un mot de passe"));
    assert!(refused.body.contains("value=\"smtp.magasin.tn\""), "what was typed stays");
    assert!(!refused.body.contains("mot-de-passe-smtp"), "a password is never written back into the page");
    assert_eq!(app.get("/api/v1/settings/notifications").await.body["source"], "environment", "nothing saved");

    let good = [
        ("smtp_host", "smtp.magasin.tn"),
        ("smtp_port", ""),
        ("smtp_security", "tls"),
        ("smtp_username", "parc"),
        ("smtp_password", "mot-de-passe-smtp"),
        ("smtp_from", "RadGestMat <parc@magasin.tn>"),
        ("webhook_url", ""),
        ("language", "en"),
    ];
    assert_eq!(admin.post("/admin/notifications", &good).await.location(), "/admin/notifications?done=saved");
    let api = app.get("/api/v1/settings/notifications").await.body;
    assert_eq!(
        (&api["smtp_security"], &api["smtp_password_state"], &api["language"]),
        (&json!("tls"), &json!("set"), &json!("en"))
    );
    let page = admin.get("/admin/notifications?done=saved").await;
    assert!(page.body.contains("Modifications enregistrées") && page.body.contains("Enregistré et chiffré"));
    assert!(!page.body.contains("mot-de-passe-smtp"));

    // Saved again with the password left blank: kept. With the box ticked: removed.
    let blank: Vec<_> = good.iter().map(|&(k, v)| (k, if k == "smtp_password" { "" } else { v })).collect();
    admin.post("/admin/notifications", &blank).await;
    assert_eq!(
        app.store.notification_delivery().await.unwrap().unwrap().settings.smtp_password.as_deref(),
        Some("mot-de-passe-smtp")
    );
    let mut remove = blank.clone();
    remove.push(("smtp_password_remove", "true"));
    admin.post("/admin/notifications", &remove).await;
    assert_eq!(app.get("/api/v1/settings/notifications").await.body["smtp_password_state"], "unset");

    assert_eq!(admin.post("/admin/notifications/reset", &[]).await.location(), "/admin/notifications?done=reset");
    assert_eq!(app.get("/api/v1/settings/notifications").await.body["source"], "environment");
}

/// The page's test e-mail: sent and said so, or the SMTP server's refusal shown as it answered.
#[tokio::test]
async fn the_test_email_says_what_the_server_answered() {
    let app = TestApp::spawn().await;
    let admin = Browser::signed_in(&app, "patronne", Role::Admin).await;
    assert!(
        !admin.get("/admin/notifications").await.body.contains("action=\"/admin/notifications/test\""),
        "no server saved yet"
    );
    let sink = SmtpSink::start_with_login("parc", "le bon mot de passe");
    let port = sink.port.to_string();
    let save = |password: &'static str| {
        [
            ("smtp_host", "127.0.0.1".to_owned()),
            ("smtp_port", port.clone()),
            ("smtp_security", "none".into()),
            ("smtp_username", "parc".into()),
            ("smtp_password", password.into()),
            ("smtp_from", "parc@magasin.tn".into()),
        ]
    };
    let form = save("le bon mot de passe");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(admin.post("/admin/notifications", &form).await.status, StatusCode::SEE_OTHER);
    assert!(admin.get("/admin/notifications").await.body.contains("action=\"/admin/notifications/test\""));

    let sent = admin.post("/admin/notifications/test", &[("to", "it@magasin.tn")]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(sent.body.contains("Courriel d’essai accepté par le serveur SMTP pour it@magasin.tn"), "{}", sent.body);
    assert_eq!(sink.messages().len(), 1);
    let typo = admin.post("/admin/notifications/test", &[("to", "it.magasin.tn")]).await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(typo.body.contains("Saisissez une adresse de courriel") && typo.body.contains("value=\"it.magasin.tn\""));

    let form = save("plus le bon");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    admin.post("/admin/notifications", &form).await;
    let refused = admin.post("/admin/notifications/test", &[("to", "it@magasin.tn")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Le courriel d’essai n’est pas parti") && refused.body.contains("535"),
        "{}",
        refused.body
    );
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn a_leaver_returns_everything_at_once() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    let employee =
        app.create("/api/v1/employees", json!({"matricule": "E-7", "first_name": "Ali", "last_name": "Gharbi"})).await;
    for n in 0..2 {
        let asset =
            app.create("/api/v1/assets", json!({"name": format!("Téléphone {n}"), "model_id": cat.model})).await;
        app.post(&format!("/api/v1/assets/{asset}/checkout"), json!({"employee_id": employee})).await;
    }
    let desk = Browser::signed_in(&app, "accueil", Role::Reception).await;
    let page = desk.get(&format!("/employees/{employee}")).await;
    assert!(page.body.contains("Téléphone 0") && page.body.contains("Téléphone 1"), "{}", page.body);
    let unconfirmed = desk.post(&format!("/employees/{employee}/leaver"), &[("condition", "ok")]).await;
    assert!(desk.get(unconfirmed.location()).await.body.contains("cochez la case de confirmation"));
    assert_eq!(app.total(&format!("/api/v1/assignments?employee_id={employee}&open=true")).await, 2, "nothing done");
    let form = [("condition", "ok"), ("note", "départ"), ("confirm", "yes")];
    let done = desk.post(&format!("/employees/{employee}/leaver"), &form).await;
    assert_eq!(done.location(), format!("/employees/{employee}?done=2"));
    assert!(desk.get(done.location()).await.body.contains("2 retours enregistrés"));
    assert_eq!(app.total(&format!("/api/v1/assignments?employee_id={employee}&open=true")).await, 0);
    let list = desk.get("/employees?q=gharbi").await;
    assert!(list.body.contains("Gharbi Ali") && list.body.contains("1 employé<"), "{}", list.body);
}

#[tokio::test]
async fn the_audit_page_filters_and_verifies_the_chain() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    app.create("/api/v1/assets", json!({"name": "Écran audité", "model_id": cat.model})).await;
    app.store.seal_audit().await.unwrap();
    let direction = Browser::signed_in(&app, "direction", Role::Direction).await;
    let page = direction.get("/audit?entity=asset").await;
    assert!(app.total("/api/v1/audit?action=model.create").await > 0, "the catalogue made a model");
    let shown = |page: &str, action: &str| page.contains(&format!("<code>{action}</code>"));
    assert!(shown(&page.body, "asset.create") && !shown(&page.body, "model.create"), "{}", page.body);
    let by_action = direction.get("/audit?action=model.create").await;
    assert!(shown(&by_action.body, "model.create") && !shown(&by_action.body, "asset.create"), "{}", by_action.body);
    assert!(by_action.body.contains(r#"<option value="model.create" selected>"#), "the filter shows as chosen");
    let verified = direction.get("/audit?verify=1").await;
    assert!(verified.body.contains("Chaîne intègre"), "{}", verified.body);
    assert!(page.body.contains("/audit.csv?entity=asset"), "the export keeps the filter");
}

#[tokio::test]
async fn an_api_token_is_shown_once_and_can_be_revoked() {
    let app = TestApp::spawn().await;
    let me = Browser::signed_in(&app, "scripteur", Role::It).await;
    let refused = me.post("/profile/tokens", &[("name", "")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let made = me.post("/profile/tokens", &[("name", "douchette-magasin")]).await;
    assert_eq!(made.status, StatusCode::CREATED);
    let token = made.body.split("<code>").nth(1).unwrap().split("</code>").next().unwrap().to_owned();
    assert!(token.starts_with("rgm_"), "{token}");
    let whoami = app.call(reqwest::Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(whoami.body["username"], "scripteur");
    let page = me.get("/profile").await;
    assert!(page.body.contains("douchette-magasin") && !page.body.contains(&token), "the secret is never shown again");
    let id = page.body.split("/profile/tokens/").nth(1).unwrap().split('/').next().unwrap().to_owned();
    me.post(&format!("/profile/tokens/{id}/revoke"), &[]).await;
    let after = app.call(reqwest::Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
}
