//! The background jobs, for administrators: what ran, what waits, what failed and why.

use axum::Json;
use axum::extract::State;
use radgestmat_app::App;
use radgestmat_domain::{JobFilter, JobView, List, Page};

use crate::auth::{Caller, Require, perm};
use crate::error::ApiResult;
use crate::extract::{Id, QueryPairs};

/// Recent jobs, newest first (`sort=id` for oldest first).
#[utoipa::path(get, path = "/api/v1/jobs", tag = "operations", params(List<JobFilter>),
    responses((status = 200, body = Page<JobView>)))]
pub async fn list(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
    query: QueryPairs,
) -> ApiResult<Json<Page<JobView>>> {
    let query = query.list()?;
    Ok(Json(app.list_jobs(&actor, &query).await?))
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "operations", params(("id" = i64, Path)),
    responses((status = 200, body = JobView)))]
pub async fn get(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
    Id(id): Id,
) -> ApiResult<Json<JobView>> {
    Ok(Json(app.get_job(&actor, id).await?))
}
