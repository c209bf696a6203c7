//! Notifications, delivered to real servers on loopback: e-mails to the site's IT contacts, the
//! rule's recipients and the borrower, once each, even when the worker died between opening the
//! alerts and telling anyone; signed webhook calls, retried until the receiver takes them.

use std::time::{Duration, Instant};

use radgestmat_app::{DELIVERY_HEADER, Notifier, NotifyOptions, SIGNATURE_HEADER, signature};
use radgestmat_domain::Language;
use radgestmat_jobs::Worker;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::assignments::{Floor, in_days};
use crate::receivers::{HookReceiver, SmtpSink, free_port};
use crate::support::TestApp;

fn notifier(smtp_url: Option<String>, webhook: Option<(&str, &str)>) -> Notifier {
    Notifier::new(&NotifyOptions {
        smtp_url,
        from: "RadGestMat <parc@magasin.tn>".into(),
        webhook_url: webhook.map(|(url, _)| url.to_owned()),
        webhook_secret: webhook.map(|(_, secret)| secret.to_owned()),
        language: Language::Fr,
        public_url: Some("https://parc.magasin.tn".into()),
    })
    .expect("notification settings")
}

/// Runs the worker's due jobs until `done` holds, failing the test after 20 s.
pub async fn run_until(worker: &Worker, what: &str, done: impl AsyncFn() -> bool) {
    let started = Instant::now();
    while !done().await {
        assert!(started.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        if worker.run_once().await.expect("run jobs") == 0 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Runs every job due now, then those due within the next half second (retries included).
pub async fn run_all(worker: &Worker) {
    let quiet_since = Instant::now();
    while quiet_since.elapsed() < Duration::from_millis(500) {
        if worker.run_once().await.expect("run jobs") == 0 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Yesterday's date, `YYYY-MM-DD`: a warranty ending then has ended.
pub fn yesterday() -> String {
    (chrono::Utc::now() - chrono::TimeDelta::days(1)).date_naive().to_string()
}

pub async fn jobs(app: &TestApp, kind: &str) -> Vec<Value> {
    let reply = app.get(&format!("/api/v1/jobs?kind={kind}&limit=100")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["items"].as_array().expect("items").clone()
}

#[tokio::test]
async fn alert_emails_reach_the_right_people_once_even_after_a_crash_before_sending() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let sink = SmtpSink::start();
    let notifier = notifier(Some(sink.url()), None);

    // Who is told: each site's IT contacts, the overdue rule's own recipient, the borrowers.
    for (site, contact) in [(f.head_office, "it.siege@magasin.tn"), (f.c.site, "IT.Sfax@magasin.tn")] {
        let reply = app.patch(&format!("/api/v1/sites/{site}"), json!({"it_contacts": [contact]})).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let bad = app.patch(&format!("/api/v1/sites/{}", f.c.site), json!({"it_contacts": ["pas-une-adresse"]})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    for (employee, email) in [(f.amira, "amira@magasin.tn"), (f.karim, "karim@magasin.tn")] {
        app.patch(&format!("/api/v1/employees/{employee}"), json!({"email": email})).await;
    }
    let rule = json!({"enabled": true, "threshold": 0, "severity": "critical",
        "recipients": ["direction@magasin.tn"], "notify_borrower": true});
    let reply = app.call(Method::PUT, "/api/v1/settings/alert-rules/loan_overdue", Some(&app.admin), Some(rule)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // Two loans due in ten days, one from each site (a loan stays counted at its site): nothing
    // to say yet.
    let worker = app.notifying_worker(notifier.clone());
    for (name, employee, site) in [("Portable Amira", f.amira, f.c.site), ("Portable Karim", f.karim, f.head_office)] {
        let asset = app.create("/api/v1/assets", json!({"name": name, "model_id": f.c.model, "site_id": site})).await;
        let body = json!({"employee_id": employee, "expected_return_at": in_days(10)});
        let out = app.post(&format!("/api/v1/assets/{asset}/checkout"), body).await;
        assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    }
    run_all(&worker).await;
    assert!(sink.messages().is_empty(), "{:?}", sink.messages());

    // Time passes: both loans are two days late. A worker scans, opens the two alerts and dies
    // before dispatching anything (the scan below commits them; no dispatch follows).
    let two_days_ago = (chrono::Utc::now() - chrono::TimeDelta::days(2)).format("%Y-%m-%d %H:%M:%S%.6f+00:00");
    let shift = format!("UPDATE assignments SET expected_return_at = '{two_days_ago}'");
    app.store.execute_raw(&shift).await.expect("shift the due dates");
    let report = app.store.scan_alerts(chrono::Utc::now()).await.expect("scan");
    assert_eq!(report.opened, 2, "{report:?}");
    let overdue = app.get("/api/v1/alerts?kind=loan_overdue").await.body["items"].clone();
    assert!(overdue.as_array().unwrap().iter().all(|a| a["notified_at"].is_null()), "{overdue}");

    // At the Sfax store, a warranty ended yesterday, while nobody dispatches either.
    let scanner = f.asset(&app, "Douchette Sfax").await;
    let reply = app.patch(&format!("/api/v1/assets/{scanner}"), json!({"warranty_end": yesterday()})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // Two workers restart side by side; the next scan (requested here) dispatches what was left.
    let other = app.notifying_worker(notifier.clone());
    assert_eq!(app.post("/api/v1/alerts/scan", json!({})).await.status, StatusCode::ACCEPTED);
    tokio::join!(run_all(&worker), run_all(&other));

    let mails = sink.messages();
    let summary: Vec<(&str, &str)> = mails.iter().map(|m| (m.to.as_str(), m.subject.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("amira@magasin.tn", "[RadGestMat] Prêt en retard : KIT-000001"),
            ("direction@magasin.tn", "[RadGestMat] 2 nouvelles alertes, dont 2 critiques"),
            ("it.sfax@magasin.tn", "[RadGestMat] 2 nouvelles alertes, dont 1 critique"),
            ("it.siege@magasin.tn", "[RadGestMat] Prêt en retard : KIT-000002"),
            ("karim@magasin.tn", "[RadGestMat] Prêt en retard : KIT-000002"),
        ],
        "one message per recipient: the alert, or a digest; each site's contacts hear of their site only"
    );
    let amira = &mails[0];
    assert_eq!(amira.from, "RadGestMat <parc@magasin.tn>");
    assert!(
        amira.body.contains("KIT-000001 (Portable Amira), prêté à Amira Ben Ali, devait être rendu le"),
        "{}",
        amira.body
    );
    let of_amira = overdue.as_array().unwrap().iter().find(|a| a["employee_id"] == f.amira).expect("her alert");
    let alert_id = of_amira["id"].as_i64().expect("id");
    assert!(amira.body.contains(&format!("https://parc.magasin.tn/alerts/{alert_id}")), "{}", amira.body);
    assert!(
        amira.message_id.starts_with(&format!("<alerts.{alert_id}.")) && amira.message_id.ends_with("@magasin.tn>")
    );
    let digest = &mails[1].body;
    assert!(digest.contains("Amira") && digest.contains("Karim"), "{digest}");

    let overdue = app.get("/api/v1/alerts?kind=loan_overdue").await.body["items"].clone();
    assert!(overdue.as_array().unwrap().iter().all(|a| a["notified_at"].is_string()), "{overdue}");
    let sent = jobs(&app, "notify_email").await;
    assert_eq!(sent.len(), 5);
    assert!(sent.iter().all(|j| j["state"] == "succeeded" && j["attempts"] == 1), "{sent:?}");

    // Later scans and re-checks tell nobody again.
    assert_eq!(app.post("/api/v1/alerts/scan", json!({})).await.status, StatusCode::ACCEPTED);
    app.patch(&format!("/api/v1/assets/{scanner}"), json!({"notes": "garantie non renouvelée"})).await;
    run_all(&worker).await;
    assert_eq!(sink.messages().len(), 5);
}

#[tokio::test]
async fn an_email_the_server_could_not_take_is_retried_until_it_can() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    app.patch(&format!("/api/v1/sites/{}", f.c.site), json!({"it_contacts": ["it.sfax@magasin.tn"]})).await;
    let port = free_port();
    let worker = app.notifying_worker(notifier(Some(format!("smtp://127.0.0.1:{port}")), None));

    let scanner = f.asset(&app, "Douchette").await;
    app.patch(&format!("/api/v1/assets/{scanner}"), json!({"warranty_end": yesterday()})).await;
    run_until(&worker, "a failed attempt", async || {
        jobs(&app, "notify_email").await.iter().any(|j| j["last_error"].is_string())
    })
    .await;
    let failed = &jobs(&app, "notify_email").await[0];
    assert_eq!((&failed["state"], &failed["attempts"]), (&json!("queued"), &json!(1)), "{failed}");
    assert!(failed["last_error"].as_str().unwrap().contains("sending the e-mail to it.sfax@magasin.tn"), "{failed}");

    // The server comes up on that port: the retry delivers the message, once.
    let sink = SmtpSink::start_on(port);
    run_until(&worker, "the e-mail", async || !sink.messages().is_empty()).await;
    run_all(&worker).await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "[RadGestMat] Garantie échue : KIT-000001");
    let sent = &jobs(&app, "notify_email").await[0];
    assert_eq!((&sent["state"], &sent["attempts"]), (&json!("succeeded"), &json!(2)), "{sent}");
}

#[tokio::test]
async fn webhook_calls_are_signed_and_retried_with_the_same_delivery_id() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let receiver = HookReceiver::start(1).await;
    let secret = "un secret partagé";
    let worker = app.notifying_worker(notifier(None, Some((&receiver.url, secret))));

    let scanner = f.asset(&app, "Douchette").await;
    app.patch(&format!("/api/v1/assets/{scanner}"), json!({"warranty_end": yesterday()})).await;
    run_until(&worker, "a second webhook call", async || receiver.calls().len() >= 2).await;
    run_all(&worker).await;

    let calls = receiver.calls();
    assert_eq!(calls.len(), 2, "the first answered 500 and was retried, the second was taken");
    assert_eq!((calls[0].answered, calls[1].answered), (StatusCode::INTERNAL_SERVER_ERROR, StatusCode::NO_CONTENT));
    assert_eq!(calls[0].body, calls[1].body);
    assert_eq!(calls[0].headers[DELIVERY_HEADER], calls[1].headers[DELIVERY_HEADER]);
    for call in &calls {
        assert_eq!(call.headers[SIGNATURE_HEADER].to_str().unwrap(), signature(secret, &call.body));
        assert_eq!(call.headers["content-type"], "application/json");
    }
    assert_ne!(signature("un autre secret", &calls[0].body), signature(secret, &calls[0].body));
    let body: Value = serde_json::from_slice(&calls[1].body).expect("JSON");
    assert_eq!(body["event"], "alerts.opened");
    let alerts = body["alerts"].as_array().expect("alerts");
    assert_eq!(alerts.len(), 1);
    assert_eq!((&alerts[0]["kind"], &alerts[0]["asset_id"]), (&json!("warranty_expired"), &json!(scanner)));
    assert!(alerts[0]["message"]["fr"].as_str().unwrap().contains("a pris fin"), "{}", alerts[0]);

    let delivered = jobs(&app, "notify_webhook").await;
    assert_eq!(delivered.len(), 1);
    assert_eq!((&delivered[0]["state"], &delivered[0]["attempts"]), (&json!("succeeded"), &json!(2)));
    assert!(delivered[0]["last_error"].as_str().unwrap().contains("500"), "{}", delivered[0]);
}

/// An address that belongs to a user who chose a language gets the e-mail in it; the others in
/// the installation's language.
#[tokio::test]
async fn each_recipient_reads_the_alert_in_the_language_of_their_account() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let contacts = json!({"it_contacts": ["it.sfax@magasin.tn", "gerant.sfax@magasin.tn"]});
    app.patch(&format!("/api/v1/sites/{}", f.c.site), contacts).await;
    let account = json!({"username": "sami", "display_name": "Sami", "role": "it",
        "email": "IT.Sfax@Magasin.tn", "password": "un mot de passe solide"});
    let sami = app.create("/api/v1/users", account).await;
    let admin = radgestmat_domain::Actor::system("tests");
    app.store.set_language(&admin, sami, Some(Language::En)).await.expect("language");
    let sink = SmtpSink::start();
    let worker = app.notifying_worker(notifier(Some(sink.url()), None));

    let scanner = f.asset(&app, "Douchette").await;
    app.patch(&format!("/api/v1/assets/{scanner}"), json!({"warranty_end": yesterday()})).await;
    run_until(&worker, "two e-mails", async || sink.messages().len() == 2).await;
    let mails = sink.messages();
    let subject = |to: &str| mails.iter().find(|m| m.to == to).map(|m| m.subject.clone()).unwrap_or_default();
    assert_eq!(subject("it.sfax@magasin.tn"), "[RadGestMat] Warranty ended: KIT-000001");
    assert_eq!(subject("gerant.sfax@magasin.tn"), "[RadGestMat] Garantie échue : KIT-000001");
}
