//! User accounts (admin), and each user's own record.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use radgestmat_domain::{List, NewUser, Page, Permission, UserFilter, UserPatch, UserView};
use radgestmat_store::Store;

use crate::AppState;
use crate::auth::{Require, perm, refuse};
use crate::error::ApiResult;
use crate::extract::{ApiJson, Id, QueryPairs};

#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(List<UserFilter>),
    responses((status = 200, body = Page<UserView>)))]
pub async fn list(
    _: Require<perm::ManageUsers>,
    State(store): State<Store>,
    query: QueryPairs,
) -> ApiResult<Json<Page<UserView>>> {
    let query = query.list()?;
    Ok(Json(store.list_users(&query).await?))
}

/// Creates an account; the password (at least 10 characters) is stored as an Argon2id hash.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = UserView)))]
pub async fn create(
    Require(_me, actor, ..): Require<perm::ManageUsers>,
    State(store): State<Store>,
    ApiJson(user): ApiJson<NewUser>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    let (fields, password) = user.split();
    Ok((StatusCode::CREATED, Json(store.create_user(&actor, fields, password).await?)))
}

/// An account: administrators see any, everyone else only their own.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = UserView)))]
pub async fn get(
    Require(me, actor, ..): Require<perm::SignedIn>,
    State(store): State<Store>,
    Id(id): Id,
) -> ApiResult<Json<UserView>> {
    if me.user_id != id && !me.role.allows(Permission::ManageUsers) {
        return Err(refuse(&store, &actor, me.role, Permission::ManageUsers, &format!("GET /api/v1/users/{id}")).await);
    }
    Ok(Json(store.get_user(id).await?))
}

/// Changes role, profile, disabled flag or password. Disabling an account or changing its
/// password ends its sessions. The last enabled administrator cannot be demoted (409).
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)), request_body = UserPatch,
    responses((status = 200, body = UserView)))]
pub async fn update(
    Require(_me, actor, ..): Require<perm::ManageUsers>,
    State(state): State<AppState>,
    Id(id): Id,
    ApiJson(patch): ApiJson<UserPatch>,
) -> ApiResult<Json<UserView>> {
    let user = state.store.update_user(&actor, id, patch).await?;
    state.auth.forget_all();
    Ok(Json(user))
}
