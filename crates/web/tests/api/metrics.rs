//! `/metrics`: HTTP requests by route and status, the database's live alerts and job queue, and
//! what the worker counted (scans, job failures, failed deliveries). The recorder is the
//! process's, shared by the tests running beside this one: counters are compared before/after.

use radgestmat_app::{Notifier, NotifyOptions};
use radgestmat_domain::Language;
use radgestmat_web::WebConfig;
use reqwest::StatusCode;
use serde_json::json;

use crate::assignments::Floor;
use crate::notifications::yesterday;
use crate::receivers::HookReceiver;
use crate::support::TestApp;

async fn scrape(app: &TestApp, token: Option<&str>) -> (StatusCode, String, String) {
    let mut request = app.client.get(format!("{}/metrics", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("GET /metrics");
    let status = response.status();
    let kind = response.headers().get("content-type").map(|v| v.to_str().unwrap_or("").to_owned()).unwrap_or_default();
    (status, kind, response.text().await.expect("body"))
}

async fn page(app: &TestApp) -> String {
    let (status, kind, text) = scrape(app, None).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    text
}

/// The value of one series, 0 when the page does not have it.
fn value(page: &str, series: &str) -> f64 {
    page.lines().find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok()).unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_count_requests_alerts_jobs_and_failed_deliveries() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let before = page(&app).await;

    let asset = f.asset(&app, "Écran").await;
    for _ in 0..3 {
        assert_eq!(app.get(&format!("/api/v1/assets/{asset}")).await.status, StatusCode::OK);
    }
    assert_eq!(app.get("/api/v1/assets/987654").await.status, StatusCode::NOT_FOUND);
    app.get("/pas/de/route").await;
    let made_up = reqwest::Method::from_bytes(&[b'B'; 5_000]).unwrap();
    app.call(made_up, "/", None, None).await;
    let after = page(&app).await;
    let ok = r#"{method="GET",route="/api/v1/assets/{id}",status="200"}"#;
    let requests = |page: &str, labels: &str| value(page, &format!("radgestmat_http_requests_total{labels}"));
    assert!(requests(&after, ok) - requests(&before, ok) >= 3.0, "{after}");
    assert!(requests(&after, r#"{method="GET",route="/api/v1/assets/{id}",status="404"}"#) >= 1.0);
    assert!(requests(&after, r#"{method="GET",route="unmatched",status="404"}"#) >= 1.0, "no route, one label");
    assert!(!after.contains("/pas/de/route"), "unknown paths do not become series");
    assert!(!after.contains("BBBB") && after.contains(r#"method="other""#), "nor made-up methods");
    let bucket = r#"radgestmat_http_request_duration_seconds_bucket{method="GET",route="/api/v1/assets/{id}",status="200",le="+Inf"}"#;
    assert!(value(&after, bucket) >= 3.0, "{after}");
    assert_eq!(value(&after, "radgestmat_database_up"), 1.0);

    // A warranty ends: the alert shows as open, then acknowledged; the re-check jobs are counted.
    let yesterday = yesterday();
    app.patch(&format!("/api/v1/assets/{asset}"), json!({"warranty_end": yesterday})).await;
    app.settle().await;
    let expired =
        |state: &str| format!(r#"radgestmat_alerts{{kind="warranty_expired",severity="info",state="{state}"}}"#);
    let now = page(&app).await;
    assert_eq!((value(&now, &expired("open")), value(&now, &expired("acknowledged"))), (1.0, 0.0));
    assert!(now.contains(r#"radgestmat_alerts{kind="lost_asset",severity="critical",state="open"} 0"#));
    let checks = app.total("/api/v1/jobs?kind=alert_check&state=succeeded").await as f64;
    assert_eq!(value(&now, r#"radgestmat_jobs{kind="alert_check",state="succeeded"}"#), checks);
    assert_eq!(value(&now, "radgestmat_job_queue_delay_seconds"), 0.0);
    let alert = app.get(&format!("/api/v1/alerts?asset_id={asset}")).await.body["items"][0]["id"].clone();
    app.post(&format!("/api/v1/alerts/{alert}/acknowledge"), json!({})).await;
    let now = page(&app).await;
    assert_eq!((value(&now, &expired("open")), value(&now, &expired("acknowledged"))), (0.0, 1.0));

    // A scan is timed; a webhook that answers 500 counts as a failed job and a failed delivery.
    let receiver = HookReceiver::start(1).await;
    let notifier = Notifier::new(&NotifyOptions {
        webhook_url: Some(receiver.url.clone()),
        language: Language::Fr,
        ..Default::default()
    })
    .expect("settings");
    let worker = app.notifying_worker(notifier);
    let lost = f.asset(&app, "Douchette").await;
    app.patch(&format!("/api/v1/assets/{lost}"), json!({"warranty_end": yesterday})).await;
    app.post("/api/v1/alerts/scan", json!({})).await;
    while receiver.calls().len() < 2 {
        if worker.run_once().await.expect("jobs") == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    let last = page(&app).await;
    let grew = |series: &str| value(&last, series) - value(&after, series);
    assert!(grew("radgestmat_alert_scan_duration_seconds_count") >= 1.0, "{last}");
    assert!(grew(r#"radgestmat_job_failures_total{kind="notify_webhook"}"#) >= 1.0, "{last}");
    assert!(grew(r#"radgestmat_notification_failures_total{channel="webhook"}"#) >= 1.0, "{last}");
    assert!(grew(r#"radgestmat_notifications_sent_total{channel="webhook"}"#) >= 1.0, "{last}");
    assert!(grew("radgestmat_alerts_opened_total") >= 1.0, "{last}");
}

#[tokio::test]
async fn metrics_can_require_a_token() {
    let app =
        TestApp::spawn_with(WebConfig { metrics_token: Some("jeton-de-prometheus".into()), ..Default::default() })
            .await;
    for token in [None, Some("mauvais"), Some(app.admin.as_str())] {
        let (status, kind, body) = scrape(&app, token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}: {body}");
        assert_eq!(kind, "application/problem+json");
    }
    let (status, _, body) = scrape(&app, Some("jeton-de-prometheus")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("radgestmat_database_up 1"), "{body}");
}
