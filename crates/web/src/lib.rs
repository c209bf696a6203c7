//! RadGestMat's HTTP layer: the JSON API, its OpenAPI document, the pages, authentication and
//! the request pipeline (request ids, logs, limits). Handlers are thin: extract, call one use
//! case of the application (which decides who may), render.

pub mod api;
pub mod auth;
pub mod client_ip;
mod csv;
pub mod error;
mod export;
pub mod extract;
pub mod metrics;
pub mod ui;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::{HeaderName, Request, Response};
use axum::response::IntoResponse;
use chrono::FixedOffset;
use radgestmat_app::App;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::{Span, field::Empty};
use utoipa_swagger_ui::SwaggerUi;

use crate::error::ApiError;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark the session cookie `Secure` (when served over HTTPS).
    pub cookie_secure: bool,
    /// When set, `/metrics` answers only requests bearing this token.
    pub metrics_token: Option<String>,
    /// The installation's local time, in which pages show instants.
    pub utc_offset: FixedOffset,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<client_ip::Cidr>,
    /// The address users reach the interface at; labels' QR codes open it (else the request's host).
    pub public_url: Option<String>,
    /// Printed on the labels.
    pub company_name: Option<String>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            cookie_secure: false,
            metrics_token: None,
            utc_offset: TUNIS,
            trusted_proxies: Vec::new(),
            public_url: None,
            company_name: None,
        }
    }
}

/// Tunisia's time, all year: UTC+1.
pub const TUNIS: FixedOffset = FixedOffset::east_opt(3600).expect("a valid offset");

/// What every handler can reach: the application, and the web layer's own settings.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub app: App,
    pub config: Arc<WebConfig>,
}

impl AppState {
    pub fn new(app: App, config: WebConfig) -> Self {
        Self { app, config: Arc::new(config) }
    }
}

/// An unknown address: a problem document under `/api/`, the 404 page elsewhere.
async fn fallback(uri: axum::http::Uri) -> Response<axum::body::Body> {
    if uri.path().starts_with("/api/") {
        ApiError::NoRoute.into_response()
    } else {
        ui::UiError::NotFound.into_response()
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What a worker-only node serves: its probes and its metrics.
pub fn probes(state: AppState) -> Router {
    metrics::recorder();
    Router::new()
        .route("/healthz", axum::routing::get(api::health::healthz))
        .route("/readyz", axum::routing::get(api::health::readyz))
        .route("/metrics", axum::routing::get(metrics::metrics))
        .fallback(|| async { ApiError::NoRoute })
        .layer(axum::middleware::from_fn(metrics::track))
        .with_state(state)
}

/// The whole application: API, OpenAPI document at `/api/openapi.json`, Swagger UI at
/// `/api/docs`, probes, and the request pipeline.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api::router().split_for_parts();
    let openapi = api::openapi::complete(openapi);
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let request_id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id, user_id = Empty)
        })
        .on_request(())
        .on_response(|response: &Response<_>, latency: Duration, _span: &Span| {
            tracing::info!(status = response.status().as_u16(), latency_ms = latency.as_secs_f64() * 1000.0, "request");
        })
        .on_failure(());
    metrics::recorder();
    // Browsers say where a form comes from: a state-changing request from another site is
    // refused (Sec-Fetch-Site / Origin, as Go's CrossOriginProtection); clients without those
    // headers (scripts with a token) pass.
    let csrf = CsrfLayer::new().with_rejection_response(|_| {
        let mut response = ApiError::CrossSite.into_response();
        ui::mark_error_page(&mut response);
        response
    });
    api.merge(SwaggerUi::new("/api/docs").external_url_unchecked("/api/openapi.json", openapi))
        .merge(ui::router())
        .route("/metrics", axum::routing::get(metrics::metrics))
        .fallback(fallback)
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(csrf)
        .layer(axum::middleware::from_fn_with_state(state.clone(), ui::error_pages))
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(axum::middleware::from_fn_with_state(state.clone(), client_ip::resolve))
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(axum::middleware::from_fn(plain_request_id))
        .with_state(state)
}

/// A caller's `X-Request-Id` is kept only when it is short and plain (it goes into the logs and
/// the audit log); otherwise the request gets an id of its own.
async fn plain_request_id(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let plain = |v: &axum::http::HeaderValue| {
        (1..=64).contains(&v.len()) && v.as_bytes().iter().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
    };
    if request.headers().get(&REQUEST_ID).is_some_and(|v| !plain(v)) {
        request.headers_mut().remove(&REQUEST_ID);
    }
    next.run(request).await
}
