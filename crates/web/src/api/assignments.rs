//! Check-out and check-in, by id or by scanned tag; kits and leavers; what people hold.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use radgestmat_app::{App, AssetRef};
use radgestmat_domain::{
    AlertView, AssignmentFilter, AssignmentSort, AssignmentView, CheckIn, CheckOut, KitCheckOut, List, MarkLost, Page,
    ReportProblem, Unfiltered,
};

use crate::auth::{Caller, Require, perm};
use crate::error::ApiResult;
use crate::extract::{ApiJson, Id, OptionalJson, QueryPairs};

type Created = (StatusCode, Json<AssignmentView>);

/// Checks an asset out to an employee or a location (`employee_id` or `location_id`). Only an
/// asset in stock goes out (409 otherwise, and for the loser of two simultaneous check-outs);
/// it becomes `assigned`. `expected_return_at` makes it a loan, which leaves the asset counted at
/// its site and location; without it, the asset moves to the holder's site;
/// `checked_out_at` (admin, IT) records an earlier hand-over.
#[utoipa::path(post, path = "/api/v1/assets/{id}/checkout", tag = "assignments", params(("id" = i64, Path)),
    request_body = CheckOut, responses((status = 201, body = AssignmentView)))]
pub async fn check_out(
    Require(Caller { actor, .. }, _): Require<perm::CheckOut>,
    State(app): State<App>,
    Id(id): Id,
    ApiJson(request): ApiJson<CheckOut>,
) -> ApiResult<Created> {
    Ok((StatusCode::CREATED, Json(app.check_out(&actor, AssetRef::Id(id), request).await?)))
}

/// The same check-out, the asset named by its tag as scanned (case-insensitive).
#[utoipa::path(post, path = "/api/v1/assets/by-tag/{tag}/checkout", tag = "assignments", params(("tag" = String, Path)),
    request_body = CheckOut, responses((status = 201, body = AssignmentView)))]
pub async fn check_out_by_tag(
    Require(Caller { actor, .. }, _): Require<perm::CheckOut>,
    State(app): State<App>,
    Path(tag): Path<String>,
    ApiJson(request): ApiJson<CheckOut>,
) -> ApiResult<Created> {
    Ok((StatusCode::CREATED, Json(app.check_out(&actor, AssetRef::Tag(&tag), request).await?)))
}

/// Checks an asset in (the body may be omitted): `condition` `ok` puts it back in stock — at
/// `location_id`, or where it was before it went out — `damaged` or `broken` sends it to
/// repair. 409 when the asset is not checked out.
#[utoipa::path(post, path = "/api/v1/assets/{id}/checkin", tag = "assignments", params(("id" = i64, Path)),
    request_body(content = CheckIn, description = "Optional"), responses((status = 200, body = AssignmentView)))]
pub async fn check_in(
    Require(Caller { actor, .. }, _): Require<perm::CheckOut>,
    State(app): State<App>,
    Id(id): Id,
    OptionalJson(request): OptionalJson<CheckIn>,
) -> ApiResult<Json<AssignmentView>> {
    Ok(Json(app.check_in(&actor, AssetRef::Id(id), request).await?))
}

/// The same check-in, the asset named by its tag as scanned.
#[utoipa::path(post, path = "/api/v1/assets/by-tag/{tag}/checkin", tag = "assignments", params(("tag" = String, Path)),
    request_body(content = CheckIn, description = "Optional"), responses((status = 200, body = AssignmentView)))]
pub async fn check_in_by_tag(
    Require(Caller { actor, .. }, _): Require<perm::CheckOut>,
    State(app): State<App>,
    Path(tag): Path<String>,
    OptionalJson(request): OptionalJson<CheckIn>,
) -> ApiResult<Json<AssignmentView>> {
    Ok(Json(app.check_in(&actor, AssetRef::Tag(&tag), request).await?))
}

/// Reports a checked-out asset lost: its assignment closes with the outcome `lost` and the
/// asset takes the status `lost`. 409 when the asset is not checked out.
#[utoipa::path(post, path = "/api/v1/assets/{id}/lost", tag = "assignments", params(("id" = i64, Path)),
    request_body(content = MarkLost, description = "Optional"), responses((status = 200, body = AssignmentView)))]
pub async fn mark_lost(
    Require(Caller { actor, .. }, _): Require<perm::CheckOut>,
    State(app): State<App>,
    Id(id): Id,
    OptionalJson(request): OptionalJson<MarkLost>,
) -> ApiResult<Json<AssignmentView>> {
    Ok(Json(app.mark_lost(&actor, AssetRef::Id(id), request).await?))
}

/// A new hire's kit: every asset (by id or tag) to this employee in one transaction. If any
/// one cannot go out, nothing does, and the answer lists every refusal.
#[utoipa::path(post, path = "/api/v1/employees/{id}/checkout", tag = "assignments", params(("id" = i64, Path)),
    request_body = KitCheckOut, responses((status = 201, body = Vec<AssignmentView>)))]
pub async fn check_out_kit(
    Require(Caller { actor, .. }, _): Require<perm::CheckOut>,
    State(app): State<App>,
    Id(id): Id,
    ApiJson(kit): ApiJson<KitCheckOut>,
) -> ApiResult<(StatusCode, Json<Vec<AssignmentView>>)> {
    Ok((StatusCode::CREATED, Json(app.check_out_kit(&actor, id, kit).await?)))
}

/// A leaver: checks in everything the employee holds, in one transaction (all or nothing).
#[utoipa::path(post, path = "/api/v1/employees/{id}/checkin", tag = "assignments", params(("id" = i64, Path)),
    request_body(content = CheckIn, description = "Optional"), responses((status = 200, body = Vec<AssignmentView>)))]
pub async fn check_in_everything(
    Require(Caller { actor, .. }, _): Require<perm::CheckOut>,
    State(app): State<App>,
    Id(id): Id,
    OptionalJson(request): OptionalJson<CheckIn>,
) -> ApiResult<Json<Vec<AssignmentView>>> {
    Ok(Json(app.check_in_everything(&actor, id, request).await?))
}

/// History and current assignments, newest check-out first unless sorted otherwise
/// (`checked_out_at`, `expected_return_at`, `id`; `-` reverses).
#[utoipa::path(get, path = "/api/v1/assignments", tag = "assignments", params(List<AssignmentFilter>),
    responses((status = 200, body = Page<AssignmentView>)))]
pub async fn list(
    Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
    State(app): State<App>,
    query: QueryPairs,
) -> ApiResult<Json<Page<AssignmentView>>> {
    let query = query.list()?;
    Ok(Json(app.list_assignments(&actor, &query).await?))
}

/// What an employee holds now, with due dates.
#[utoipa::path(get, path = "/api/v1/employees/{id}/assets", tag = "assignments", params(("id" = i64, Path), List<Unfiltered<AssignmentSort>>),
    responses((status = 200, body = Page<AssignmentView>)))]
pub async fn held_by_employee(
    Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
    State(app): State<App>,
    Id(id): Id,
    query: QueryPairs,
) -> ApiResult<Json<Page<AssignmentView>>> {
    Ok(Json(app.held_by(&actor, id, query.list()?).await?))
}

/// What I hold now, with due dates: the equipment of the employee my account is linked to
/// (an empty list when it is linked to none).
#[utoipa::path(get, path = "/api/v1/me/assets", tag = "assignments", params(List<Unfiltered<AssignmentSort>>),
    responses((status = 200, body = Page<AssignmentView>)))]
pub async fn mine(
    Caller { actor, .. }: Caller,
    State(app): State<App>,
    query: QueryPairs,
) -> ApiResult<Json<Page<AssignmentView>>> {
    Ok(Json(app.my_assets(&actor, query.list()?).await?))
}

/// I received this (one of `/me/assets`): recorded once, with the time; saying it again
/// changes nothing. 404 for anything I do not hold.
#[utoipa::path(post, path = "/api/v1/me/assets/{id}/acknowledge", tag = "assignments", params(("id" = i64, Path)),
    responses((status = 200, body = AssignmentView)))]
pub async fn acknowledge_receipt(
    Caller { actor, .. }: Caller,
    State(app): State<App>,
    Id(id): Id,
) -> ApiResult<Json<AssignmentView>> {
    Ok(Json(app.acknowledge_receipt(&actor, id).await?))
}

/// Something I hold has a problem: opens a `problem_reported` alert for the IT service, with my
/// words, notified as any alert. 409 while an earlier report of this loan is still open.
#[utoipa::path(post, path = "/api/v1/me/assets/{id}/problem", tag = "assignments", params(("id" = i64, Path)),
    request_body = ReportProblem, responses((status = 201, body = AlertView)))]
pub async fn report_problem(
    Caller { actor, .. }: Caller,
    State(app): State<App>,
    Id(id): Id,
    ApiJson(request): ApiJson<ReportProblem>,
) -> ApiResult<(StatusCode, Json<AlertView>)> {
    Ok((StatusCode::CREATED, Json(app.report_problem(&actor, id, request).await?)))
}
