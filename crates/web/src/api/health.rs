//! Liveness and readiness probes.

use axum::Json;
use axum::extract::State;
use radgestmat_app::App;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};

/// What a probe says when all is well.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    status: &'static str,
    /// `sqlite` or `postgres` (readiness only).
    #[serde(skip_serializing_if = "Option::is_none")]
    database: Option<&'static str>,
}

/// The process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", security(()),
    responses((status = 200, description = "Alive", body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok", database: None })
}

/// The database answers; 503 otherwise.
#[utoipa::path(get, path = "/readyz", tag = "operations", security(()),
    responses((status = 200, description = "Ready", body = Health), (status = 503, description = "Database unreachable")))]
pub async fn readyz(State(app): State<App>) -> ApiResult<Json<Health>> {
    match app.ping().await {
        Ok(()) => Ok(Json(Health { status: "ok", database: Some(app.backend_name()) })),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            Err(ApiError::Unavailable)
        }
    }
}
