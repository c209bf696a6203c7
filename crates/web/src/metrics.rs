//! `GET /metrics` in the Prometheus text format: what this process counted (HTTP requests and
//! their latency by route and status; scans, jobs and notifications run by its worker) and what
//! the database holds (live alerts, the job queue), which every node reports alike — aggregate
//! those with `max`, not `sum`.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use radgestmat_app::{App, Gauges};
use radgestmat_domain::{AlertKind, AlertState, Severity};

use crate::WebConfig;
use crate::error::{ApiError, ApiResult};

/// Latency buckets, in seconds, of every `_seconds` histogram.
const BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0];

/// The process's metrics recorder, installed on first use.
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new().set_buckets(BUCKETS).expect("buckets are not empty").build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed: /metrics shows only the database's figures");
        }
        // Scrapes drain the histograms; without scrapes, this keeps them from growing.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let upkeep = handle.clone();
            runtime.spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    upkeep.run_upkeep();
                }
            });
        }
        handle
    })
}

/// Counts each request and times it, labelled by method, route template and status.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str()).to_owned();
    let response = next.run(request).await;
    let labels = [
        ("method", known_method(&method).to_owned()),
        ("route", route),
        ("status", response.status().as_u16().to_string()),
    ];
    metrics::counter!("radgestmat_http_requests_total", &labels).increment(1);
    metrics::histogram!("radgestmat_http_request_duration_seconds", &labels).record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`; with `RADGESTMAT_METRICS_TOKEN` set, only for `Authorization: Bearer <token>`.
pub async fn metrics(
    State(app): State<App>,
    State(config): State<Arc<WebConfig>>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    if let Some(token) = &config.metrics_token {
        let sent =
            headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        if !sent.is_some_and(|s| same_secret(s.trim(), token)) {
            return Err(ApiError::Unauthenticated);
        }
    }
    let mut text = recorder().render();
    let gauges =
        app.gauges().await.inspect_err(|err| tracing::warn!(error = %err, "metrics: the database did not answer"));
    gauge(&mut text, "radgestmat_database_up", "1 when the database answered this scrape.");
    let _ = writeln!(text, "radgestmat_database_up {}", u8::from(gauges.is_ok()));
    if let Ok(gauges) = gauges {
        render(&mut text, &gauges);
    }
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response())
}

/// Compares two secrets through their SHA-256, so that the time taken tells nothing of either.
fn same_secret(a: &str, b: &str) -> bool {
    use sha2::{Digest, Sha256};
    let (a, b) = (Sha256::digest(a), Sha256::digest(b));
    a.iter().zip(b.iter()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

fn gauge(text: &mut String, name: &str, help: &str) {
    let _ = write!(text, "# HELP {name} {help}\n# TYPE {name} gauge\n");
}

/// The database's figures; every rule, severity and live state appears, at 0 when none.
fn render(text: &mut String, gauges: &Gauges) {
    gauge(text, "radgestmat_alerts", "Alerts not resolved, by rule, severity and state (whole cluster).");
    for kind in AlertKind::ALL {
        for severity in Severity::ALL {
            for state in AlertState::LIVE {
                let (kind, severity, state) = (kind.as_str(), severity.as_str(), state.as_str());
                let count = gauges
                    .alerts
                    .iter()
                    .find(|(k, s, st, _)| (k.as_str(), s.as_str(), st.as_str()) == (kind, severity, state))
                    .map_or(0, |row| row.3);
                let _ = writeln!(
                    text,
                    "radgestmat_alerts{{kind=\"{kind}\",severity=\"{severity}\",state=\"{state}\"}} {count}"
                );
            }
        }
    }
    gauge(text, "radgestmat_jobs", "Jobs in the queue, by kind and state (whole cluster).");
    for (kind, state, count) in &gauges.jobs {
        let _ = writeln!(text, "radgestmat_jobs{{kind=\"{}\",state=\"{}\"}} {count}", escape(kind), escape(state));
    }
    gauge(text, "radgestmat_job_queue_delay_seconds", "How long the longest-waiting due job has waited; 0 when none.");
    let delay = gauges.oldest_due_job.map_or(0.0, |at| (Utc::now() - at).as_seconds_f64().max(0.0));
    let _ = writeln!(text, "radgestmat_job_queue_delay_seconds {delay:.3}");
    gauge(
        text,
        "radgestmat_backup_last_success_timestamp_seconds",
        "When the last scheduled backup succeeded; 0 when none in the last 7 days.",
    );
    let last = gauges.last_backup.map_or(0, |at| at.timestamp());
    let _ = writeln!(text, "radgestmat_backup_last_success_timestamp_seconds {last}");
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The method as a label: one of HTTP's, or `other` (a made-up method is any text, and each label
/// value is a series kept for ever).
fn known_method(method: &axum::http::Method) -> &str {
    match method.as_str() {
        known @ ("GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "CONNECT" | "TRACE") => known,
        _ => "other",
    }
}
