//! RadGestMat's HTTP layer: the JSON API, its OpenAPI document, authentication and the
//! request pipeline (request ids, logs, limits). Handlers are thin: extract, authorise, call
//! one store function, render.

pub mod api;
pub mod auth;
pub mod error;
pub mod extract;
pub mod metrics;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::{HeaderName, Request, Response};
use radgestmat_store::Store;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::{Span, field::Empty};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::AuthState;
use crate::error::ApiError;

/// Settings of the web layer.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Mark the session cookie `Secure` (when served over HTTPS).
    pub cookie_secure: bool,
    /// When set, `/metrics` answers only requests bearing this token.
    pub metrics_token: Option<String>,
}

/// What every handler can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub store: Store,
    pub auth: Arc<AuthState>,
    pub config: Arc<WebConfig>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self { store, auth: Arc::default(), config: Arc::new(config) }
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
    let (api, mut openapi) = api::router().split_for_parts();
    api::complete(&mut openapi);
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
    api.merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi))
        .route("/metrics", axum::routing::get(metrics::metrics))
        .fallback(|| async { ApiError::NoRoute })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}
