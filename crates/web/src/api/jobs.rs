//! The background jobs, for administrators: what ran, what waits, what failed and why.

use axum::Json;
use axum::extract::State;
use radgestmat_domain::{JobView, Page};
use radgestmat_store::{JOB_FILTERS, Store};
use utoipa::IntoParams;

use super::ListParams;
use crate::auth::{Require, perm};
use crate::error::ApiResult;
use crate::extract::{Id, QueryPairs};

/// Filters of the job list.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct JobFilters {
    /// `queued`, `running`, `succeeded` or `failed`.
    state: Option<String>,
    /// `alert_scan`, `alert_check`, …
    kind: Option<String>,
}

/// Recent jobs, newest first (`sort=id` for oldest first).
#[utoipa::path(get, path = "/api/v1/jobs", tag = "operations", params(ListParams, JobFilters),
    responses((status = 200, body = Page<JobView>)))]
pub async fn list(
    _: Require<perm::ManageUsers>,
    State(store): State<Store>,
    query: QueryPairs,
) -> ApiResult<Json<Page<JobView>>> {
    let query = query.list(&["id"], JOB_FILTERS)?;
    Ok(Json(store.list_jobs(&query).await?))
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "operations", params(("id" = i64, Path)),
    responses((status = 200, body = JobView)))]
pub async fn get(_: Require<perm::ManageUsers>, State(store): State<Store>, Id(id): Id) -> ApiResult<Json<JobView>> {
    Ok(Json(store.get_job(id).await?))
}
