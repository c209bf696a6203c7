//! The alert inbox and the alert rules' settings.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use radgestmat_app::App;
use radgestmat_domain::{
    AlertFilter, AlertKind, AlertRule, AlertRuleView, AlertView, DomainError, List, Page, ResolveAlert,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{Caller, Require, perm};
use crate::error::ApiResult;
use crate::extract::{ApiJson, Id, QueryPairs};

/// Alerts, newest first unless sorted otherwise (`opened_at`, `id`; `-` reverses).
#[utoipa::path(get, path = "/api/v1/alerts", tag = "alerts", params(List<AlertFilter>),
    responses((status = 200, body = Page<AlertView>)))]
pub async fn list(
    Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
    State(app): State<App>,
    query: QueryPairs,
) -> ApiResult<Json<Page<AlertView>>> {
    let query = query.list()?;
    Ok(Json(app.list_alerts(&actor, &query).await?))
}

#[utoipa::path(get, path = "/api/v1/alerts/{id}", tag = "alerts", params(("id" = i64, Path)),
    responses((status = 200, body = AlertView)))]
pub async fn get(
    Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
    State(app): State<App>,
    Id(id): Id,
) -> ApiResult<Json<AlertView>> {
    Ok(Json(app.get_alert(&actor, id).await?))
}

/// Marks an open alert as being handled. The reception desk handles loan alerts only.
#[utoipa::path(post, path = "/api/v1/alerts/{id}/acknowledge", tag = "alerts", params(("id" = i64, Path)),
    responses((status = 200, body = AlertView)))]
pub async fn acknowledge(
    Require(Caller { actor, .. }, _): Require<perm::HandleAlerts>,
    State(app): State<App>,
    Id(id): Id,
) -> ApiResult<Json<AlertView>> {
    Ok(Json(app.acknowledge_alert(&actor, id).await?))
}

/// Closes an alert by hand with a note (`resolution: manual`). While its condition still
/// holds, the scan does not open it again.
#[utoipa::path(post, path = "/api/v1/alerts/{id}/resolve", tag = "alerts", params(("id" = i64, Path)),
    request_body = ResolveAlert, responses((status = 200, body = AlertView)))]
pub async fn resolve(
    Require(Caller { actor, .. }, _): Require<perm::HandleAlerts>,
    State(app): State<App>,
    Id(id): Id,
    ApiJson(request): ApiJson<ResolveAlert>,
) -> ApiResult<Json<AlertView>> {
    Ok(Json(app.resolve_alert(&actor, id, request).await?))
}

/// The job a request enqueued.
#[derive(Serialize, ToSchema)]
pub struct Enqueued {
    pub job_id: i64,
}

/// Runs the alert scan now, in the background; follow it at `GET /api/v1/jobs/{job_id}`.
#[utoipa::path(post, path = "/api/v1/alerts/scan", tag = "alerts", responses((status = 202, body = Enqueued)))]
pub async fn scan(
    Require(Caller { actor, .. }, _): Require<perm::RunScan>,
    State(app): State<App>,
) -> ApiResult<(StatusCode, Json<Enqueued>)> {
    Ok((StatusCode::ACCEPTED, Json(Enqueued { job_id: app.request_scan(&actor).await? })))
}

/// The settings of every alert rule.
#[utoipa::path(get, path = "/api/v1/settings/alert-rules", tag = "alerts",
    responses((status = 200, body = Vec<AlertRuleView>)))]
pub async fn rules(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
) -> ApiResult<Json<Vec<AlertRuleView>>> {
    Ok(Json(app.alert_rules(&actor).await?))
}

/// Replaces one rule's settings (admin); a scan runs right after to apply them.
#[utoipa::path(put, path = "/api/v1/settings/alert-rules/{kind}", tag = "alerts", params(("kind" = String, Path)),
    request_body = AlertRule, responses((status = 200, body = AlertRuleView)))]
pub async fn update_rule(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
    Path(kind): Path<String>,
    ApiJson(rule): ApiJson<AlertRule>,
) -> ApiResult<Json<AlertRuleView>> {
    let kind = AlertKind::parse(&kind).map_err(|_| DomainError::not_found("alert rule", &kind))?;
    Ok(Json(app.update_alert_rule(&actor, kind, rule).await?))
}
