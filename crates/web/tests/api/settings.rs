//! Notification settings saved in the application: secrets sealed with the secret key, never
//! shown again, audited without their value; the worker uses them at once, without a restart.

use radgestmat_app::SecretKey;
use radgestmat_app::{Notifier, SIGNATURE_HEADER, signature};
use radgestmat_domain::{Actor, SecretState};
use radgestmat_store::{Store, StoreOptions};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::assignments::Floor;
use crate::notifications::{jobs, run_all, run_until, yesterday};
use crate::receivers::{HookReceiver, SmtpSink};
use crate::support::TestApp;

const PATH: &str = "/api/v1/settings/notifications";
const PASSWORD: &str = "Mot de passe très secret : 42!";
const HOOK_SECRET: &str = "secret-du-webhook-5f2a";

async fn put(app: &TestApp, body: Value) -> crate::support::Reply {
    app.call(Method::PUT, PATH, Some(&app.admin), Some(body)).await
}

/// Everything the database holds about the settings, as text, read past the application.
async fn stored(app: &TestApp) -> String {
    use sea_orm::{ConnectionTrait, Database, Statement};
    let db = Database::connect(&app.database_url).await.expect("connect");
    let select = Statement::from_string(db.get_database_backend(), "SELECT value FROM settings");
    let rows = db.query_all_raw(select).await.expect("settings rows");
    rows.iter().map(|r| r.try_get::<String>("", "value").expect("value")).collect()
}

#[tokio::test]
async fn secrets_are_sealed_write_only_and_audited_without_their_value() {
    let app = TestApp::spawn().await;
    let initial = app.get(PATH).await;
    assert_eq!(initial.status, StatusCode::OK, "{}", initial.body);
    assert_eq!(initial.body["source"], "environment");
    assert_eq!(initial.body["smtp_password_state"], "unset");

    let saved = put(
        &app,
        json!({"smtp_host": "smtp.magasin.tn", "smtp_security": "starttls", "smtp_username": "parc@magasin.tn",
            "smtp_password": PASSWORD, "smtp_from": "RadGestMat <parc@magasin.tn>",
            "webhook_url": "https://hooks.magasin.tn/radgestmat", "webhook_secret": HOOK_SECRET, "language": "en"}),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["source"], "database");
    assert_eq!(
        (&saved.body["smtp_password_state"], &saved.body["webhook_secret_state"]),
        (&json!("set"), &json!("set"))
    );
    assert_eq!(saved.body["language"], "en");
    let text = saved.body.to_string();
    assert!(!text.contains(PASSWORD) && !text.contains(HOOK_SECRET), "{text}");
    assert!(!app.get(PATH).await.body.to_string().contains(PASSWORD));

    // The database holds them sealed, not in clear.
    let row = stored(&app).await;
    assert!(row.contains("smtp.magasin.tn") && row.contains("v1."), "{row}");
    assert!(!row.contains(PASSWORD) && !row.contains("très secret") && !row.contains(HOOK_SECRET), "{row}");

    // The audit log says what changed, not the secret.
    app.settle().await;
    let audit = app.get("/api/v1/audit?action=settings.notifications").await;
    let entries = audit.body["items"].as_array().expect("items").clone();
    assert_eq!(entries.len(), 1, "{}", audit.body);
    assert_eq!(entries[0]["after"]["smtp_password"], "changed");
    assert_eq!(entries[0]["after"]["smtp_host"], "smtp.magasin.tn");
    assert!(!audit.body.to_string().contains(PASSWORD));

    // Left out, a secret stays; the worker's view opens it.
    let moved = put(
        &app,
        json!({"smtp_host": "smtp.magasin.tn", "smtp_port": 2525, "smtp_username": "parc@magasin.tn",
        "smtp_from": "parc@magasin.tn", "webhook_url": "https://hooks.magasin.tn/radgestmat"}),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!((&moved.body["smtp_password_state"], &moved.body["smtp_port"]), (&json!("set"), &json!(2525)));
    let delivery = app.store.notification_delivery().await.expect("readable").expect("saved");
    assert_eq!(delivery.settings.smtp_password.as_deref(), Some(PASSWORD));
    assert_eq!(delivery.settings.webhook_secret.as_deref(), Some(HOOK_SECRET));
    assert_eq!(delivery.settings.language.as_str(), "fr", "a field left out takes its default");

    // Empty removes it.
    let cleared = put(
        &app,
        json!({"smtp_host": "smtp.magasin.tn", "smtp_username": "parc@magasin.tn",
        "smtp_from": "parc@magasin.tn", "smtp_password": ""}),
    )
    .await;
    assert_eq!(cleared.body["smtp_password_state"], "unset", "{}", cleared.body);
    assert_eq!(cleared.body["webhook_secret_state"], "set");
    assert!(!stored(&app).await.contains("notifications.smtp_password"));
}

#[tokio::test]
async fn bad_settings_are_refused_field_by_field_and_change_nothing() {
    let app = TestApp::spawn().await;
    let good = json!({"smtp_host": "smtp.magasin.tn", "smtp_username": "parc", "smtp_password": PASSWORD,
        "smtp_from": "parc@magasin.tn"});
    assert_eq!(put(&app, good).await.status, StatusCode::OK);
    let before = app.get(PATH).await.body;
    let before_row = stored(&app).await;

    let wrong = put(
        &app,
        json!({"smtp_host": "smtp magasin", "smtp_port": 0, "smtp_from": "RadGestMat <nulle part>",
        "webhook_url": "ftp://hooks", "smtp_password": "autre"}),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    assert_eq!(wrong.headers["content-type"], "application/problem+json");
    let fields: Vec<&str> =
        wrong.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["smtp_host", "smtp_port", "smtp_from", "smtp_username", "webhook_url"], "{}", wrong.body);

    for body in [json!({"smtp_pasword": "typo"}), json!({"smtp_port": 70000}), json!({"smtp_security": "ssl"})] {
        let reply = put(&app, body.clone()).await;
        assert!(reply.status.is_client_error(), "{body}: {}", reply.status);
        assert_eq!(reply.headers["content-type"], "application/problem+json");
    }
    assert_eq!(app.get(PATH).await.body, before, "nothing changed");
    assert_eq!(stored(&app).await, before_row);
}

#[tokio::test]
async fn a_new_secret_key_makes_the_sealed_secrets_unreadable_and_says_so() {
    let app = TestApp::spawn().await;
    let body = json!({"smtp_host": "smtp.magasin.tn", "smtp_username": "parc", "smtp_password": PASSWORD,
        "smtp_from": "parc@magasin.tn"});
    assert_eq!(put(&app, body).await.status, StatusCode::OK);

    let options = StoreOptions { secret_key: SecretKey::ephemeral(), ..StoreOptions::default() };
    let other = Store::connect(&app.database_url, options).await.expect("connect");
    let admin = Actor::system("tests");
    let view = other.notification_settings().await.expect("view");
    assert_eq!(view.smtp_password_state, SecretState::Unreadable);
    assert_eq!(view.settings.smtp_host.as_deref(), Some("smtp.magasin.tn"), "the rest reads as before");
    let err = other.notification_delivery().await.expect_err("an unreadable password is an error");
    let text = format!("{err:#}");
    assert!(text.contains("SMTP password") && text.contains("sealed with another secret key"), "{text}");
    assert!(text.contains("enter it again"), "{text}");

    // A planned rotation: the new key with the old one as previous reads it, and the start-up
    // reseal moves it to the new key, so that the old key can then go.
    let new_key = SecretKey::ephemeral();
    let rotating = StoreOptions {
        secret_key: new_key.clone().with_previous(&crate::support::test_key()),
        ..StoreOptions::default()
    };
    let rotating = Store::connect(&app.database_url, rotating).await.expect("connect");
    assert_eq!(rotating.notification_settings().await.unwrap().smtp_password_state, SecretState::Set);
    assert_eq!(rotating.reseal_secrets().await.expect("reseal"), 1);
    assert_eq!(rotating.reseal_secrets().await.expect("reseal"), 0, "nothing left to move");
    let after = Store::connect(&app.database_url, StoreOptions { secret_key: new_key, ..StoreOptions::default() });
    let after = after.await.expect("connect");
    let delivery = after.notification_delivery().await.expect("readable with the new key alone").expect("saved");
    assert_eq!(delivery.settings.smtp_password.as_deref(), Some(PASSWORD));
    assert_eq!(app.store.notification_settings().await.unwrap().smtp_password_state, SecretState::Unreadable);
    app.settle().await;
    let audit = app.get("/api/v1/audit?action=settings.reseal").await.body;
    assert_eq!(audit["items"][0]["after"]["resealed"], 1, "{audit}");

    // Entered again with the new key, it reads.
    let again = json!({"smtp_host": "smtp.magasin.tn", "smtp_username": "parc", "smtp_password": "nouveau",
        "smtp_from": "parc@magasin.tn"});
    other.update_notification_settings(&admin, serde_json::from_value(again).unwrap()).await.expect("saved");
    let delivery = other.notification_delivery().await.expect("readable").expect("saved");
    assert_eq!(delivery.settings.smtp_password.as_deref(), Some("nouveau"));
}

/// The worker sends with the saved settings, and with the new ones as soon as they change.
#[tokio::test]
async fn the_worker_uses_the_saved_settings_without_a_restart() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    app.patch(&format!("/api/v1/sites/{}", f.c.site), json!({"it_contacts": ["it.sfax@magasin.tn"]})).await;
    let sink = SmtpSink::start_with_login("parc@magasin.tn", PASSWORD);
    let receiver = HookReceiver::start(0).await;
    // Nothing in the environment: without saved settings, nothing would be sent.
    let worker = app.notifying_worker(Notifier::default());
    let settings = |password: &str| {
        json!({"smtp_host": "127.0.0.1", "smtp_port": sink.port, "smtp_security": "none",
            "smtp_username": "parc@magasin.tn", "smtp_password": password, "smtp_from": "RadGestMat <parc@magasin.tn>",
            "webhook_url": receiver.url, "webhook_secret": HOOK_SECRET})
    };
    assert_eq!(put(&app, settings(PASSWORD)).await.status, StatusCode::OK);

    let scanner = f.asset(&app, "Douchette").await;
    app.patch(&format!("/api/v1/assets/{scanner}"), json!({"warranty_end": yesterday()})).await;
    run_until(&worker, "the e-mail and the webhook", async || {
        !sink.messages().is_empty() && !receiver.calls().is_empty()
    })
    .await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!((mails[0].to.as_str(), mails[0].from.as_str()), ("it.sfax@magasin.tn", "RadGestMat <parc@magasin.tn>"));
    let call = &receiver.calls()[0];
    assert_eq!(call.headers[SIGNATURE_HEADER].to_str().unwrap(), signature(HOOK_SECRET, &call.body));

    // A wrong password saved: the next e-mail is refused by the server, and says why.
    assert_eq!(put(&app, settings("plus le bon")).await.status, StatusCode::OK);
    let printer = f.asset(&app, "Imprimante").await;
    app.patch(&format!("/api/v1/assets/{printer}"), json!({"warranty_end": yesterday()})).await;
    run_until(&worker, "a refused e-mail", async || {
        jobs(&app, "notify_email").await.iter().any(|j| j["last_error"].is_string())
    })
    .await;
    let failed = jobs(&app, "notify_email").await.into_iter().find(|j| j["last_error"].is_string()).unwrap();
    let error = failed["last_error"].as_str().unwrap();
    assert!(error.contains("sending the e-mail") && error.contains("535"), "{failed}");
    assert_eq!(sink.messages().len(), 1);

    // Back to the right one: the retry goes through.
    assert_eq!(put(&app, settings(PASSWORD)).await.status, StatusCode::OK);
    app.store.execute_raw("UPDATE jobs SET run_at = CURRENT_TIMESTAMP WHERE state = 'queued'").await.unwrap();
    run_until(&worker, "the second e-mail", async || sink.messages().len() == 2).await;
    run_all(&worker).await;
    assert_eq!(sink.messages().len(), 2);
}

/// The test e-mail goes out now with the saved settings; the server's refusal comes back as a
/// 502 problem with its answer; both are audited.
#[tokio::test]
async fn a_test_email_reports_what_the_smtp_server_answered() {
    let app = TestApp::spawn().await;
    let test = async |to: &str| {
        app.call(Method::POST, &format!("{PATH}/test"), Some(&app.admin), Some(json!({"to": to}))).await
    };
    let nothing = test("it@magasin.tn").await;
    assert_eq!(nothing.status, StatusCode::CONFLICT, "{}", nothing.body);
    assert!(nothing.body["detail"].as_str().unwrap().contains("no SMTP server is saved"), "{}", nothing.body);

    let sink = SmtpSink::start_with_login("parc", PASSWORD);
    let settings = |password: &str| {
        json!({"smtp_host": "127.0.0.1", "smtp_port": sink.port, "smtp_security": "none", "smtp_username": "parc",
            "smtp_password": password, "smtp_from": "RadGestMat <parc@magasin.tn>"})
    };
    assert_eq!(put(&app, settings(PASSWORD)).await.status, StatusCode::OK);
    let bad = test("pas-une-adresse").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.body["errors"][0]["field"], "to");

    let sent = test("it@magasin.tn").await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.body["sent_to"], "it@magasin.tn");
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!((mails[0].to.as_str(), mails[0].subject.as_str()), ("it@magasin.tn", "[RadGestMat] Courriel d'essai"));
    assert!(mails[0].body.contains("demandé par admin"), "{}", mails[0].body);

    assert_eq!(put(&app, settings("plus le bon")).await.status, StatusCode::OK);
    let refused = test("it@magasin.tn").await;
    assert_eq!(refused.status, StatusCode::BAD_GATEWAY, "{}", refused.body);
    assert_eq!(refused.headers["content-type"], "application/problem+json");
    assert!(refused.body["detail"].as_str().unwrap().contains("535"), "the server's answer: {}", refused.body);
    assert_eq!(sink.messages().len(), 1);

    app.settle().await;
    let audit = app.get("/api/v1/audit?action=settings.notifications_test").await.body;
    let outcomes: Vec<&Value> = audit["items"].as_array().unwrap().iter().map(|e| &e["after"]["sent"]).collect();
    assert_eq!(outcomes, [&json!(false), &json!(true)], "{audit}");
}
