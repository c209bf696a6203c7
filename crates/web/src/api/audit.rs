//! The audit log: read, export, verify.

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use radgestmat_app::App;
use radgestmat_domain::{Actor, AuditEntry, AuditFilter, AuditVerification, IdSort, List, MAX_LIMIT, Page, Unfiltered};

use crate::auth::{Caller, Require, perm};
use crate::error::ApiResult;
use crate::extract::{Id, QueryPairs};

/// Who did what, newest first. Reading the log is not itself recorded.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(List<AuditFilter>),
    responses((status = 200, body = Page<AuditEntry>)))]
pub async fn list(
    Require(Caller { actor, .. }, _): Require<perm::ReadAudit>,
    State(app): State<App>,
    query: QueryPairs,
) -> ApiResult<Json<Page<AuditEntry>>> {
    Ok(Json(app.list_audit(&actor, &query.list()?).await?))
}

/// An asset's whole life, oldest first: creation, edits, check-outs and check-ins, retirement.
#[utoipa::path(get, path = "/api/v1/assets/{id}/history", tag = "audit", params(("id" = i64, Path), List<Unfiltered<IdSort>>),
    responses((status = 200, body = Page<AuditEntry>)))]
pub async fn asset_history(
    Require(Caller { actor, .. }, _): Require<perm::ReadAudit>,
    State(app): State<App>,
    Id(id): Id,
    query: QueryPairs,
) -> ApiResult<Json<Page<AuditEntry>>> {
    Ok(Json(app.asset_history(&actor, id, query.list()?).await?))
}

/// Walks the hash chain. `pending` entries are not sealed yet (about a second after they are
/// written); `first_broken_id` names the first entry that does not match its hash.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, body = AuditVerification)))]
pub async fn verify(
    Require(Caller { actor, .. }, _): Require<perm::ReadAudit>,
    State(app): State<App>,
) -> ApiResult<Json<AuditVerification>> {
    Ok(Json(app.verify_audit(&actor).await?))
}

/// The filtered log as CSV for a spreadsheet (UTF-8 with BOM, `;` separated), streamed page by
/// page. The export itself is recorded.
#[utoipa::path(get, path = "/api/v1/audit/export", tag = "audit", params(AuditFilter),
    responses((status = 200, content_type = "text/csv", body = String)))]
pub async fn export(
    Require(Caller { actor, .. }, _): Require<perm::ReadAudit>,
    State(app): State<App>,
    query: QueryPairs,
) -> ApiResult<Response> {
    let mut query = query.list::<AuditFilter>()?;
    query.limit = MAX_LIMIT;
    query.cursor = None;
    app.export_audit(&actor, &query.filter).await?;
    // The first page is read before answering: a failure then is a problem document, not a
    // dropped connection.
    let (first, more) = next_chunk(&app, &actor, &mut query, true).await?;
    let rest = futures_util::stream::unfold(more.then_some((app, actor, query)), |state| async move {
        let (app, actor, mut query) = state?;
        let chunk = next_chunk(&app, &actor, &mut query, false).await;
        let more = chunk.as_ref().is_ok_and(|(_, more)| *more);
        Some((chunk.map(|(bytes, _)| bytes).map_err(std::io::Error::other), more.then_some((app, actor, query))))
    });
    let pages = futures_util::StreamExt::chain(futures_util::stream::once(std::future::ready(Ok(first))), rest);
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"journal-audit.csv\""),
    ];
    Ok((headers, Body::from_stream(pages)).into_response())
}

const COLUMNS: &str = "id;at;actor_kind;actor_id;actor_name;token_id;action;entity;entity_id;asset_tag;\
                       before;after;ip;user_agent;request_id;seq;hash\r\n";

/// One page as CSV lines (after the BOM and header on the first), and whether more follow.
async fn next_chunk(
    app: &App,
    actor: &Actor,
    query: &mut List<AuditFilter>,
    first: bool,
) -> Result<(Bytes, bool), radgestmat_app::Error> {
    let page = app.list_audit(actor, query).await?;
    let mut out = String::new();
    if first {
        out.push(crate::csv::BOM);
        out.push_str(COLUMNS);
    }
    for e in &page.items {
        let json = |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
        let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        let cells = [
            e.id.to_string(),
            e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            e.actor_kind.as_str().to_owned(),
            opt(e.actor_id),
            e.actor_name.clone(),
            opt(e.token_id),
            e.action.as_str().to_owned(),
            e.entity.clone().unwrap_or_default(),
            opt(e.entity_id),
            e.asset_tag.clone().unwrap_or_default(),
            json(&e.before),
            json(&e.after),
            e.ip.clone().unwrap_or_default(),
            e.user_agent.clone().unwrap_or_default(),
            e.request_id.clone().unwrap_or_default(),
            opt(e.seq),
            e.hash.clone().unwrap_or_default(),
        ];
        out.push_str(&crate::csv::line(&cells));
    }
    query.cursor = page.next_cursor;
    Ok((Bytes::from(out), query.cursor.is_some()))
}
