//! Liveness and readiness probes.

use axum::Json;
use axum::extract::State;
use radgestmat_app::App;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};

/// The process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", security(()), responses((status = 200, description = "Alive")))]
pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// The database answers; 503 otherwise.
#[utoipa::path(get, path = "/readyz", tag = "operations", security(()),
    responses((status = 200, description = "Ready"), (status = 503, description = "Database unreachable")))]
pub async fn readyz(State(app): State<App>) -> ApiResult<Json<Value>> {
    match app.ping().await {
        Ok(()) => Ok(Json(json!({"status": "ok", "database": app.backend_name()}))),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            Err(ApiError::Unavailable)
        }
    }
}
