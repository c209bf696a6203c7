//! Login, logout, the caller's own record and API tokens.

use std::net::IpAddr;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use radgestmat_domain::{Actor, DomainError, Password, UserView};
use radgestmat_store::{LoginAttempt, NewToken, Principal, TokenInfo};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::{Origin, Require, SESSION_COOKIE, perm, session_cookie, session_cookie_value};
use crate::client_ip::ClientIp;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, Id};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: Password,
    /// Reserved for two-factor authentication; ignored for now.
    #[serde(default)]
    pub totp: Option<String>,
}

#[derive(Debug, serde::Serialize, ToSchema)]
pub struct LoginResponse {
    pub user: UserView,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Opens a session (cookie `rgm_session`, HttpOnly, SameSite=Lax). After 5 failures for one
/// username, or 20 from one address, logins are refused for 15 minutes with 429 and
/// `Retry-After`, whether or not the account exists.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "session", request_body = LoginRequest, security(()),
    responses((status = 200, body = LoginResponse), (status = 401, description = "Bad credentials", body = crate::error::Problem),
        (status = 429, description = "Locked out", body = crate::error::Problem)))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Origin(origin): Origin,
    ApiJson(request): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    let attempt = LoginAttempt { username: request.username, password: request.password };
    let (principal, cookie) = sign_in(&state, ip, &origin, attempt).await?;
    let user = state.store.get_user(principal.user_id).await?;
    let body = Json(LoginResponse { user, expires_at: principal.expires_at });
    Ok(([(header::SET_COOKIE, cookie)], body).into_response())
}

/// Checks a login against the address's and the name's lock-outs, opens the session and gives
/// the cookie that carries it. The API and the login page both sign in here.
pub(crate) async fn sign_in(
    state: &AppState,
    ip: IpAddr,
    origin: &Actor,
    attempt: LoginAttempt,
) -> ApiResult<(Principal, HeaderValue)> {
    if let Some(retry_after_secs) = state.auth.ip_locked(ip) {
        state.store.record_address_lockout(origin, &attempt.username).await?;
        return Err(DomainError::Throttled { retry_after_secs }.into());
    }
    let username = attempt.username.clone();
    let (secret, principal) = match state.store.login(origin, attempt).await {
        Ok(ok) => ok,
        Err(err) => {
            if matches!(err, radgestmat_store::Error::Domain(DomainError::BadCredentials)) {
                state.auth.ip_failed(ip);
                tracing::warn!(%username, %ip, "login failed");
            }
            return Err(err.into());
        }
    };
    state.auth.ip_succeeded(ip);
    tracing::info!(user_id = principal.user_id, %ip, "login");
    let max_age = principal.expires_at.map_or(0, |e| (e - Utc::now()).num_seconds().max(0));
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        session_cookie_value(state.store.secret_key(), &secret),
        if state.config.cookie_secure { "; Secure" } else { "" }
    );
    let cookie = HeaderValue::from_str(&cookie).map_err(|e| ApiError::Internal(e.into()))?;
    Ok((principal, cookie))
}

/// What `Set-Cookie` says to end a session in the browser.
pub(crate) const CLEAR_SESSION: &str = "rgm_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";

/// Ends the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "session", responses((status = 204, description = "Signed out")))]
pub async fn logout(
    Require(_me, actor, ..): Require<perm::SignedIn>,
    State(state): State<AppState>,
    parts: Parts,
) -> ApiResult<Response> {
    state.store.logout(&actor, session_cookie(&parts, state.store.secret_key()).as_deref()).await?;
    state.auth.forget_all();
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, HeaderValue::from_static(CLEAR_SESSION))]).into_response())
}

/// The signed-in user's own account.
#[utoipa::path(get, path = "/api/v1/me", tag = "session", responses((status = 200, body = UserView)))]
pub async fn me(Require(me, ..): Require<perm::SignedIn>, State(state): State<AppState>) -> ApiResult<Json<UserView>> {
    Ok(Json(state.store.get_user(me.user_id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[schema(example = "inventaire-scanner")]
    pub name: String,
    /// When the token stops working; never when absent.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// Issues an API token for the caller. Its secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "session", request_body = TokenRequest,
    responses((status = 201, body = NewToken)))]
pub async fn create_token(
    Require(me, actor, ..): Require<perm::SignedIn>,
    State(state): State<AppState>,
    ApiJson(request): ApiJson<TokenRequest>,
) -> ApiResult<(StatusCode, Json<NewToken>)> {
    let token = state.store.create_token(&actor, me.user_id, &request.name, request.expires_at).await?;
    Ok((StatusCode::CREATED, Json(token)))
}

#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "session", responses((status = 200, body = Vec<TokenInfo>)))]
pub async fn list_tokens(
    Require(me, ..): Require<perm::SignedIn>,
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<TokenInfo>>> {
    Ok(Json(state.store.list_tokens(me.user_id).await?))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "session", params(("id" = i64, Path)),
    responses((status = 204, description = "Revoked")))]
pub async fn revoke_token(
    Require(me, actor, ..): Require<perm::SignedIn>,
    State(state): State<AppState>,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    state.store.revoke_token(&actor, me.user_id, id).await?;
    state.auth.forget_all();
    Ok(StatusCode::NO_CONTENT)
}
