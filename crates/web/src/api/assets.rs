//! The asset register.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use radgestmat_app::App;
use radgestmat_domain::{
    AssetFields, AssetFilter, AssetView, AuditAsset, BulkEdit, BulkReport, DomainError, FieldError, List, Page,
};

use crate::auth::{Caller, Require, perm};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Id, JsonObject, OptionalJson, QueryPairs};

/// The asset with its version as `ETag`, for a later `If-Match`.
fn with_etag(status: StatusCode, asset: AssetView) -> Response {
    let etag = HeaderValue::from_str(&format!("\"{}\"", asset.version)).ok();
    let mut response = (status, Json(asset)).into_response();
    if let Some(etag) = etag {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// Search (`q`: tag, serial, name, model, manufacturer, custom values; case and accents ignored),
/// filter (and `custom.KEY=VALUE`: a custom field's exact value, written as when typed, e.g.
/// `custom.imei=356938035643809`; an unknown key is a 422), sort (`asset_tag`, `name`,
/// `purchase_date`, `warranty_end`, `updated_at`, `id`; `-` reverses).
#[utoipa::path(get, path = "/api/v1/assets", tag = "assets", params(List<AssetFilter>),
    responses((status = 200, body = Page<AssetView>)))]
pub async fn list(
    Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
    State(app): State<App>,
    query: QueryPairs,
) -> ApiResult<Json<Page<AssetView>>> {
    let query = query.list()?;
    Ok(Json(app.list_assets(&actor, &query).await?))
}

#[utoipa::path(get, path = "/api/v1/assets/{id}", tag = "assets", params(("id" = i64, Path)),
    responses((status = 200, body = AssetView, headers(("ETag" = String, description = "the version")))))]
pub async fn get(
    Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
    State(app): State<App>,
    Id(id): Id,
) -> ApiResult<Response> {
    Ok(with_etag(StatusCode::OK, app.get_asset(&actor, id).await?))
}

/// The scanner's look-up by asset tag (case-insensitive).
#[utoipa::path(get, path = "/api/v1/assets/by-tag/{tag}", tag = "assets", params(("tag" = String, Path)),
    responses((status = 200, body = AssetView)))]
pub async fn by_tag(
    Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
    State(app): State<App>,
    Path(tag): Path<String>,
) -> ApiResult<Response> {
    Ok(with_etag(StatusCode::OK, app.get_asset_by_tag(&actor, &tag).await?))
}

/// Registers an asset; its tag is generated (`PREFIX-000123`) when omitted.
#[utoipa::path(post, path = "/api/v1/assets", tag = "assets", request_body = AssetFields,
    responses((status = 201, body = AssetView)))]
pub async fn create(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    ApiJson(fields): ApiJson<AssetFields>,
) -> ApiResult<Response> {
    Ok(with_etag(StatusCode::CREATED, app.create_asset(&actor, fields).await?))
}

/// JSON merge patch. Send `If-Match: "<version>"`: a stale version gets 412 and the current one.
/// Retiring is `{"status": "retired"}`; the asset and its history stay.
#[utoipa::path(patch, path = "/api/v1/assets/{id}", tag = "assets",
    params(("id" = i64, Path), ("If-Match" = Option<String>, Header, description = "the version read")),
    request_body = AssetFields,
    responses((status = 200, body = AssetView), (status = 412, description = "Stale version", body = crate::error::Problem)))]
pub async fn update(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    Id(id): Id,
    headers: HeaderMap,
    JsonObject(patch): JsonObject,
) -> ApiResult<Response> {
    let expected = if_match(&headers)?;
    Ok(with_etag(StatusCode::OK, app.update_asset(&actor, id, expected, patch).await?))
}

/// Deletes an asset created by mistake; 409 if it has any history (retire it instead).
#[utoipa::path(delete, path = "/api/v1/assets/{id}", tag = "assets", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted")))]
pub async fn delete(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    app.delete_asset(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records a physical audit: the asset was seen today (and where, with `location_id`, unless
/// it is checked out). Clears its `audit_due` alert.
#[utoipa::path(post, path = "/api/v1/assets/{id}/audit", tag = "assets", params(("id" = i64, Path)),
    request_body(content = AuditAsset, description = "Optional"), responses((status = 200, body = AssetView)))]
pub async fn audit(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    Id(id): Id,
    OptionalJson(request): OptionalJson<AuditAsset>,
) -> ApiResult<Response> {
    Ok(with_etag(StatusCode::OK, app.audit_asset(&actor, id, request).await?))
}

/// `If-Match: "3"`, `W/"3"` or `3` → 3; absent → no check.
fn if_match(headers: &HeaderMap) -> ApiResult<Option<i64>> {
    let Some(value) = headers.get(header::IF_MATCH) else { return Ok(None) };
    let text = value.to_str().unwrap_or("").trim();
    let text = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| ApiError::bad_request(Some("If-Match"), "must be the asset's version, e.g. \"3\""))
}

/// One change made to many assets: `ids`, or every asset `filter` finds (the list's filters,
/// `{"status": "in_stock", "site_id": 3}`), up to 5,000; `set` the fields; `preview` tells what
/// would change and writes nothing. All or nothing, each asset audited as an edit.
#[utoipa::path(patch, path = "/api/v1/assets", tag = "assets", request_body = BulkEdit,
    responses((status = 200, body = BulkReport)))]
pub async fn bulk_update(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    ApiJson(edit): ApiJson<BulkEdit>,
) -> ApiResult<Json<BulkReport>> {
    let mut pairs: Vec<(String, String)> = edit
        .filter
        .unwrap_or_default()
        .into_iter()
        .map(|(key, value)| {
            let text = match value {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            };
            (key, text)
        })
        .collect();
    if !edit.ids.is_empty() {
        let ids: Vec<String> = edit.ids.iter().map(i64::to_string).collect();
        pairs.push(("ids".into(), ids.join(",")));
    }
    let query: List<AssetFilter> = List::parse(pairs).map_err(|e| prefixed("filter", e))?;
    Ok(Json(app.bulk_edit_assets(&actor, &query, &edit.set, edit.preview).await?))
}

/// A part of a body's field errors, named under it (`filter.status`).
pub(crate) fn prefixed(field: &str, err: DomainError) -> ApiError {
    match err {
        DomainError::Invalid(errors) => DomainError::Invalid(
            errors.into_iter().map(|e| FieldError::new(format!("{field}.{}", e.field), e.reason)).collect(),
        )
        .into(),
        other => other.into(),
    }
}
