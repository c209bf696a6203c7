//! Alerts: every rule opens, dedupes and clears by itself; the lifecycle by hand; who may do
//! what; the job queue's retries. The scan is run at chosen instants to move through time.

use chrono::{TimeDelta, Utc};
use radgestmat_domain::{AlertCheck, AlertScan, JobKind, Role, ScanReason};
use radgestmat_store::{NewJob, ScanReport};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::assignments::{Floor, in_days};
use crate::support::TestApp;

/// The alerts matching a query string, e.g. `kind=lost_asset&state=open`.
async fn alerts(app: &TestApp, filter: &str) -> Vec<Value> {
    let reply = app.get(&format!("/api/v1/alerts?limit=500&{filter}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["items"].as_array().expect("items").clone()
}

/// The one live alert of this kind on this asset, failing the test unless there is exactly one.
async fn only_alert(app: &TestApp, kind: &str, asset: i64) -> Value {
    let found: Vec<Value> = alerts(app, &format!("kind={kind}&asset_id={asset}"))
        .await
        .into_iter()
        .filter(|a| a["resolution"].is_null())
        .collect();
    assert_eq!(found.len(), 1, "{kind} on asset {asset}: {found:?}");
    found.into_iter().next().unwrap_or_default()
}

#[tokio::test]
async fn each_rule_opens_once_and_clears_when_its_condition_does() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let now = Utc::now();

    // A loan due in ten hours: the re-check after the check-out opens `loan_due_soon` at once.
    let loan = f.asset(&app, "Portable prêt").await;
    let due = (now + TimeDelta::hours(10)).to_rfc3339();
    let out = app
        .post(&format!("/api/v1/assets/{loan}/checkout"), json!({"employee_id": f.amira, "expected_return_at": due}))
        .await;
    assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    app.settle().await;
    let soon = only_alert(&app, "loan_due_soon", loan).await;
    assert_eq!((&soon["severity"], &soon["state"]), (&json!("info"), &json!("open")));
    assert_eq!(soon["assignment_id"], out.body["id"]);
    assert_eq!(soon["employee_id"], f.amira);
    assert_eq!(soon["site_id"], f.c.site, "the asset's own site: a loan stays counted at home");
    assert!(soon["message"]["fr"].as_str().unwrap().contains("Amira Ben Ali"), "{soon}");
    assert!(soon["message"]["en"].as_str().unwrap().contains("is due back on"), "{soon}");

    // Eleven hours later the loan is late: due-soon clears by itself, overdue opens.
    let later = now + TimeDelta::hours(11);
    let report = app.store.scan_alerts(later).await.unwrap();
    assert!(report.opened >= 1 && report.cleared >= 1, "{report:?}");
    let overdue = only_alert(&app, "loan_overdue", loan).await;
    assert_eq!(overdue["severity"], "critical", "an overdue loan comes first");
    let soon = app.get(&format!("/api/v1/alerts/{}", soon["id"])).await.body;
    assert_eq!((&soon["state"], &soon["resolution"]), (&json!("resolved"), &json!("auto")), "{soon}");
    assert!(soon["resolved_by"].is_null());

    // Scanning again, at the same instant or later, opens nothing new.
    assert_eq!(app.store.scan_alerts(later).await.unwrap(), ScanReport::default());
    assert_eq!(app.store.scan_alerts(later + TimeDelta::hours(1)).await.unwrap().opened, 0);

    // The loan comes back: the re-check resolves the overdue alert.
    app.post(&format!("/api/v1/assets/{loan}/checkin"), json!({})).await;
    app.settle().await;
    let overdue = app.get(&format!("/api/v1/alerts/{}", overdue["id"])).await.body;
    assert_eq!((&overdue["state"], &overdue["resolution"]), (&json!("resolved"), &json!("auto")));

    // A warranty ending in 30 days, then (edited) yesterday, then the asset retired.
    let screen = f.asset(&app, "Écran garantie").await;
    let in_30 = (now + TimeDelta::days(30)).date_naive().to_string();
    app.patch(&format!("/api/v1/assets/{screen}"), json!({"warranty_end": in_30})).await;
    app.settle().await;
    only_alert(&app, "warranty_expiring", screen).await;
    let yesterday = (now - TimeDelta::days(1)).date_naive().to_string();
    app.patch(&format!("/api/v1/assets/{screen}"), json!({"warranty_end": yesterday})).await;
    app.settle().await;
    let expired = only_alert(&app, "warranty_expired", screen).await;
    assert_eq!(expired["reference_date"], yesterday);
    assert!(alerts(&app, &format!("kind=warranty_expiring&asset_id={screen}&state=open")).await.is_empty());
    app.patch(&format!("/api/v1/assets/{screen}"), json!({"status": "retired"})).await;
    app.settle().await;
    assert!(
        alerts(&app, &format!("asset_id={screen}&state=open")).await.is_empty(),
        "a retired asset is out of service"
    );

    // Not audited for 13 months: due; audited today: cleared.
    let desk = f.asset(&app, "Poste fixe").await;
    app.store.scan_alerts(now + TimeDelta::days(400)).await.unwrap();
    only_alert(&app, "audit_due", desk).await;
    let audited = app.post(&format!("/api/v1/assets/{desk}/audit"), json!({"note": "vu en réserve"})).await;
    assert_eq!(audited.status, StatusCode::OK, "{}", audited.body);
    assert!(audited.body["last_audit_at"].is_string(), "{}", audited.body);
    app.settle().await;
    assert!(alerts(&app, &format!("kind=audit_due&asset_id={desk}&state=open")).await.is_empty());

    // Back damaged: in repair for 31 days opens; out of repair clears.
    let phone = f.asset(&app, "Téléphone").await;
    app.post(&format!("/api/v1/assets/{phone}/checkout"), json!({"employee_id": f.karim})).await;
    app.post(&format!("/api/v1/assets/{phone}/checkin"), json!({"condition": "broken"})).await;
    app.settle().await;
    assert!(alerts(&app, &format!("kind=in_repair_too_long&asset_id={phone}")).await.is_empty());
    app.store.scan_alerts(now + TimeDelta::days(31)).await.unwrap();
    only_alert(&app, "in_repair_too_long", phone).await;
    app.patch(&format!("/api/v1/assets/{phone}"), json!({"status": "in_stock"})).await;
    app.store.scan_alerts(now + TimeDelta::days(31)).await.unwrap();
    assert!(alerts(&app, &format!("kind=in_repair_too_long&asset_id={phone}&state=open")).await.is_empty());

    // Lost: critical, at once.
    let badge = f.asset(&app, "Badge").await;
    app.post(&format!("/api/v1/assets/{badge}/checkout"), json!({"employee_id": f.karim})).await;
    app.post(&format!("/api/v1/assets/{badge}/lost"), json!({"note": "oublié dans le train"})).await;
    app.settle().await;
    let lost = only_alert(&app, "lost_asset", badge).await;
    assert_eq!(lost["severity"], "critical");

    // Filters, and the count that agrees with them.
    let open = app.total("/api/v1/alerts?state=open").await;
    let by_severity = app.total("/api/v1/alerts?state=open&severity=critical").await
        + app.total("/api/v1/alerts?state=open&severity=warning").await
        + app.total("/api/v1/alerts?state=open&severity=info").await;
    assert_eq!(open, by_severity);
    assert_eq!(app.total(&format!("/api/v1/alerts?site_id={}&kind=lost_asset", f.head_office)).await, 1);
}

#[tokio::test]
async fn people_acknowledge_and_resolve_and_a_manual_resolution_holds_while_the_condition_does() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let badge = f.asset(&app, "Badge").await;
    app.post(&format!("/api/v1/assets/{badge}/checkout"), json!({"employee_id": f.karim})).await;
    app.post(&format!("/api/v1/assets/{badge}/lost"), json!({})).await;
    let loan = f.asset(&app, "Portable").await;
    let due = (Utc::now() + TimeDelta::hours(2)).to_rfc3339();
    app.post(&format!("/api/v1/assets/{loan}/checkout"), json!({"employee_id": f.amira, "expected_return_at": due}))
        .await;
    app.settle().await;
    let lost = only_alert(&app, "lost_asset", badge).await["id"].as_i64().unwrap();
    let soon = only_alert(&app, "loan_due_soon", loan).await["id"].as_i64().unwrap();

    let reception = app.user_token("accueil", Role::Reception).await;
    let direction = app.user_token("direction", Role::Direction).await;
    // The reception desk handles loan alerts only; direction reads.
    let refused = app.call(Method::POST, &format!("/api/v1/alerts/{lost}/acknowledge"), Some(&reception), None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(refused.body["detail"].as_str().unwrap().contains("loan alerts only"), "{}", refused.body);
    let refused = app.call(Method::POST, &format!("/api/v1/alerts/{soon}/acknowledge"), Some(&direction), None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call(Method::GET, "/api/v1/alerts", Some(&direction), None).await.status, StatusCode::OK);
    let acknowledged =
        app.call(Method::POST, &format!("/api/v1/alerts/{soon}/acknowledge"), Some(&reception), None).await;
    assert_eq!(acknowledged.status, StatusCode::OK, "{}", acknowledged.body);
    assert_eq!(acknowledged.body["state"], "acknowledged");
    assert!(acknowledged.body["acknowledged_by"].is_i64());
    let again = app.call(Method::POST, &format!("/api/v1/alerts/{soon}/acknowledge"), Some(&reception), None).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);

    // Resolving needs a note; then the alert is closed, by hand.
    let blank = app.post(&format!("/api/v1/alerts/{lost}/resolve"), json!({"note": "  "})).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", blank.body);
    assert_eq!(app.get(&format!("/api/v1/alerts/{lost}")).await.body["state"], "open", "nothing changed");
    let resolved = app.post(&format!("/api/v1/alerts/{lost}/resolve"), json!({"note": "Déclaré à l'assurance"})).await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.body);
    assert_eq!(
        (&resolved.body["resolution"], &resolved.body["resolution_note"]),
        (&json!("manual"), &json!("Déclaré à l'assurance"))
    );
    assert_eq!(
        app.post(&format!("/api/v1/alerts/{lost}/resolve"), json!({"note": "x"})).await.status,
        StatusCode::CONFLICT
    );

    // Still lost: the scan does not open it again.
    assert_eq!(app.store.scan_alerts(Utc::now()).await.unwrap().opened, 0);
    assert_eq!(alerts(&app, &format!("kind=lost_asset&asset_id={badge}")).await.len(), 1);
    // Found and lost again: a new alert.
    app.patch(&format!("/api/v1/assets/{badge}"), json!({"status": "in_stock"})).await;
    app.settle().await;
    let after = app.get(&format!("/api/v1/alerts/{lost}")).await.body;
    assert_eq!(after["resolution"], "manual", "clearing keeps who resolved it and how");
    app.post(&format!("/api/v1/assets/{badge}/checkout"), json!({"employee_id": f.karim})).await;
    app.post(&format!("/api/v1/assets/{badge}/lost"), json!({})).await;
    app.settle().await;
    assert_eq!(alerts(&app, &format!("kind=lost_asset&asset_id={badge}")).await.len(), 2);

    // Each action is in the audit log.
    for action in ["alert.acknowledge", "alert.resolve"] {
        assert_eq!(app.total(&format!("/api/v1/audit?action={action}")).await, 1, "{action}");
    }
    let bad = app.get("/api/v1/alerts?state=closed").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(app.get("/api/v1/alerts/999999").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn rule_settings_change_what_the_scan_opens() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let loan = f.asset(&app, "Portable").await;
    app.post(
        &format!("/api/v1/assets/{loan}/checkout"),
        json!({"employee_id": f.amira, "expected_return_at": in_days(3)}),
    )
    .await;
    app.settle().await;
    assert!(alerts(&app, "kind=loan_due_soon").await.is_empty(), "due in 3 days, beyond 24 hours");

    let rules = app.get("/api/v1/settings/alert-rules").await.body;
    assert_eq!(rules.as_array().unwrap().len(), 8);
    let bad = app
        .call(
            Method::PUT,
            "/api/v1/settings/alert-rules/loan_due_soon",
            Some(&app.admin),
            Some(json!({"enabled": true, "threshold": -3, "severity": "info", "recipients": ["x"]})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let rule = json!({"enabled": true, "threshold": 96, "severity": "warning", "recipients": ["it@magasin.tn"], "notify_borrower": true});
    let put = app.call(Method::PUT, "/api/v1/settings/alert-rules/loan_due_soon", Some(&app.admin), Some(rule)).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body["threshold_unit"], "hours");
    app.settle().await; // the change enqueued a scan
    assert_eq!(only_alert(&app, "loan_due_soon", loan).await["severity"], "warning");

    let it = app.user_token("informatique", Role::It).await;
    let refused = app
        .call(
            Method::PUT,
            "/api/v1/settings/alert-rules/loan_due_soon",
            Some(&it),
            Some(json!({"enabled": false, "threshold": 0, "severity": "info"})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let off = json!({"enabled": false, "threshold": 96, "severity": "warning"});
    app.call(Method::PUT, "/api/v1/settings/alert-rules/loan_due_soon", Some(&app.admin), Some(off)).await;
    app.settle().await;
    assert!(alerts(&app, "kind=loan_due_soon&state=open").await.is_empty(), "a disabled rule's alerts clear");
    let unknown = app
        .call(
            Method::PUT,
            "/api/v1/settings/alert-rules/coffee_low",
            Some(&app.admin),
            Some(json!({"enabled": false, "threshold": 0, "severity": "info"})),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn two_nodes_scanning_at_once_open_each_alert_once() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    for i in 0..20 {
        let id = f.asset(&app, &format!("Écran {i}")).await;
        app.patch(&format!("/api/v1/assets/{id}"), json!({"warranty_end": crate::notifications::yesterday()})).await;
    }
    let other = TestApp::spawn_on(app.database_url.clone()).await;
    let at = Utc::now();
    let (a, b) = tokio::join!(app.store.scan_alerts(at), other.store.scan_alerts(at));
    let (a, b) = (a.expect("first node"), b.expect("second node"));
    let expected = alerts(&app, "state=open").await.len() as u64;
    assert_eq!(a.opened + b.opened, expected, "{a:?} {b:?}");
    assert_eq!(app.total("/api/v1/alerts?kind=warranty_expired").await, 20);
}

#[tokio::test]
async fn a_failed_job_is_retried_with_back_off_and_admins_see_why() {
    let app = TestApp::spawn().await;
    let worker = app.worker();
    let job = app
        .store
        .enqueue(NewJob::now(&AlertScan { reason: ScanReason::Requested, tick: None }))
        .await
        .unwrap()
        .expect("enqueued");

    // The scan fails for real: its table is missing.
    app.store.execute_raw("ALTER TABLE alerts RENAME TO alerts_away").await.unwrap();
    assert_eq!(worker.run_once().await.unwrap(), 1);
    let failed = app.get(&format!("/api/v1/jobs/{job}")).await.body;
    assert_eq!((&failed["state"], &failed["attempts"]), (&json!("queued"), &json!(1)), "{failed}");
    assert!(failed["last_error"].as_str().unwrap().contains("alerts"), "{failed}");
    assert_eq!(worker.run_once().await.unwrap(), 0, "not before its back-off");

    app.store.execute_raw("ALTER TABLE alerts_away RENAME TO alerts").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    assert_eq!(worker.run_once().await.unwrap(), 1);
    let done = app.get(&format!("/api/v1/jobs/{job}")).await.body;
    assert_eq!((&done["state"], &done["attempts"]), (&json!("succeeded"), &json!(2)), "{done}");
    assert!(done["last_error"].is_string(), "the earlier failure stays visible");

    let list = app.get("/api/v1/jobs?state=succeeded&kind=alert_scan").await;
    assert_eq!(list.body["items"][0]["id"], job);
    let it = app.user_token("informatique", Role::It).await;
    assert_eq!(app.call(Method::GET, "/api/v1/jobs", Some(&it), None).await.status, StatusCode::FORBIDDEN);

    // Asked for through the API: enqueued, audited, run.
    let asked = app.call(Method::POST, "/api/v1/alerts/scan", Some(&it), None).await;
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.body);
    app.settle().await;
    let ran = app.get(&format!("/api/v1/jobs/{}", asked.body["job_id"])).await.body;
    assert_eq!(ran["state"], "succeeded");
    assert_eq!(app.total("/api/v1/audit?action=alert.scan").await, 1);
}

#[tokio::test]
async fn an_unreadable_re_check_fails_alone_and_its_batch_runs() {
    let app = TestApp::spawn().await;
    let good = app.store.enqueue(NewJob::now(&AlertCheck { asset_id: 1 })).await.unwrap().expect("enqueued");
    let garbled = NewJob { payload: json!({"asset": "one"}), ..NewJob::now(&AlertCheck { asset_id: 1 }) };
    let bad = app.store.enqueue(garbled).await.unwrap().expect("enqueued");
    assert_eq!(app.worker().run_once().await.unwrap(), 2);
    let (good, bad) =
        (app.get(&format!("/api/v1/jobs/{good}")).await.body, app.get(&format!("/api/v1/jobs/{bad}")).await.body);
    assert_eq!(good["state"], "succeeded", "{good}");
    assert_eq!(bad["state"], "queued", "{bad}");
    assert!(
        bad["last_error"].as_str().unwrap().contains("unreadable alert_check payload: missing field `asset_id`"),
        "{bad}"
    );
}

#[tokio::test]
async fn a_job_whose_worker_died_is_taken_over_once_its_lease_ends() {
    let app = TestApp::spawn().await;
    let job = app
        .store
        .enqueue(NewJob::now(&AlertScan { reason: ScanReason::Requested, tick: None }))
        .await
        .unwrap()
        .expect("enqueued");
    // A worker claims it with a short lease, then dies without a word.
    let until = Utc::now() + TimeDelta::milliseconds(200);
    let claimed = app.store.claim_jobs("dead-node", &[JobKind::AlertScan], 10, until).await.unwrap();
    assert_eq!(claimed.len(), 1);
    let worker = app.worker();
    assert_eq!(worker.run_once().await.unwrap(), 0, "leased to the dead node");
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    assert_eq!(worker.run_once().await.unwrap(), 1);
    let done = app.get(&format!("/api/v1/jobs/{job}")).await.body;
    assert_eq!((&done["state"], &done["attempts"]), (&json!("succeeded"), &json!(2)), "{done}");
    assert_ne!(done["locked_by"], "dead-node");
}
