//! User accounts (admin), and each user's own record.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use radgestmat_app::{App, Owner, TokenInfo};
use radgestmat_domain::{List, NewUser, Page, UserFilter, UserPatch, UserView};

use crate::auth::{Caller, Require, perm};
use crate::error::ApiResult;
use crate::extract::{ApiJson, Id, Ids, QueryPairs};

#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(List<UserFilter>),
    responses((status = 200, body = Page<UserView>)))]
pub async fn list(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
    query: QueryPairs,
) -> ApiResult<Json<Page<UserView>>> {
    let query = query.list()?;
    Ok(Json(app.list_users(&actor, &query).await?))
}

/// Creates an account; the password (at least 10 characters) is stored as an Argon2id hash.
/// `employee_id` links it to an employee (their page lists what they hold); `link_by_email`
/// finds that employee by e-mail instead.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = UserView)))]
pub async fn create(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
    ApiJson(user): ApiJson<NewUser>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    Ok((StatusCode::CREATED, Json(app.create_user(&actor, user).await?)))
}

/// An account: administrators see any, everyone else only their own.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = UserView)))]
pub async fn get(Caller { actor, .. }: Caller, State(app): State<App>, Id(id): Id) -> ApiResult<Json<UserView>> {
    Ok(Json(app.get_user(&actor, id).await?))
}

/// Changes role, profile, disabled flag or password. Disabling an account or changing its
/// password ends its sessions and revokes its API tokens (enabling it again revives none).
/// The last enabled administrator cannot be demoted (409).
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)), request_body = UserPatch,
    responses((status = 200, body = UserView)))]
pub async fn update(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
    Id(id): Id,
    ApiJson(patch): ApiJson<UserPatch>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(app.update_user(&actor, id, patch).await?))
}

/// An account's API tokens, newest first (never their secrets): administrators see any
/// account's, everyone else only their own.
#[utoipa::path(get, path = "/api/v1/users/{id}/tokens", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<TokenInfo>)))]
pub async fn list_tokens(
    Caller { actor, .. }: Caller,
    State(app): State<App>,
    Id(id): Id,
) -> ApiResult<Json<Vec<TokenInfo>>> {
    Ok(Json(app.list_tokens(&actor, Owner::User(id)).await?))
}

/// Revokes one of an account's tokens (administrators: any account's); harmless twice.
#[utoipa::path(delete, path = "/api/v1/users/{id}/tokens/{token_id}", tag = "users",
    params(("id" = i64, Path), ("token_id" = i64, Path)), responses((status = 204, description = "Revoked")))]
pub async fn revoke_token(
    Caller { actor, .. }: Caller,
    State(app): State<App>,
    Ids(id, token_id): Ids,
) -> ApiResult<StatusCode> {
    app.revoke_token(&actor, Owner::User(id), token_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
