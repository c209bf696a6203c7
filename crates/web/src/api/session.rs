//! Login, logout, the caller's own record and API tokens.

use std::net::IpAddr;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use radgestmat_app::{App, LoginAttempt, NewToken, Owner, Principal, TokenInfo};
use radgestmat_domain::{Actor, Password, PasswordChange, TokenRequest, UserView};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::{
    Caller, Origin, SESSION_COOKIE, credential, request_credential, session_cookie, session_cookie_value,
};
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
    let user = state.app.me(&principal.acting(&origin)).await?;
    let body = Json(LoginResponse { user, expires_at: principal.expires_at });
    Ok(([(header::SET_COOKIE, cookie)], body).into_response())
}

/// Opens the session (the application checks the lock-outs) and gives the cookie that carries
/// it. The API and the login page both sign in here.
pub(crate) async fn sign_in(
    state: &AppState,
    ip: IpAddr,
    origin: &Actor,
    attempt: LoginAttempt,
) -> ApiResult<(Principal, HeaderValue)> {
    let (secret, principal) = state.app.login(origin, ip, attempt).await?;
    let max_age = principal.expires_at.map_or(0, |e| (e - Utc::now()).num_seconds().max(0));
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        session_cookie_value(state.app.secret_key(), &secret),
        if state.config.cookie_secure { "; Secure" } else { "" }
    );
    let cookie = HeaderValue::from_str(&cookie).map_err(|e| ApiError::Internal(e.into()))?;
    Ok((principal, cookie))
}

/// What `Set-Cookie` says to end a session in the browser.
pub(crate) const CLEAR_SESSION: &str = "rgm_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";

/// Ends the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "session", responses((status = 204, description = "Signed out")))]
pub async fn logout(Caller { actor, .. }: Caller, State(app): State<App>, parts: Parts) -> ApiResult<Response> {
    app.logout(&actor, session_cookie(&parts, app.secret_key()).as_deref()).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, HeaderValue::from_static(CLEAR_SESSION))]).into_response())
}

/// The signed-in user's own account.
#[utoipa::path(get, path = "/api/v1/me", tag = "session", responses((status = 200, body = UserView)))]
pub async fn me(Caller { actor, .. }: Caller, State(app): State<App>) -> ApiResult<Json<UserView>> {
    Ok(Json(app.me(&actor).await?))
}

/// Changes my password, proving the current one (a wrong one counts as a failed login). My
/// other sessions end and my tokens are revoked; the session or token of this request stays.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "session", request_body = PasswordChange,
    responses((status = 204, description = "Changed")))]
pub async fn change_password(
    Caller { actor, .. }: Caller,
    State(app): State<App>,
    parts: Parts,
    ApiJson(change): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    // The secret this request came with (a session may come as a bearer too).
    let secret = credential(&parts, app.secret_key());
    app.change_my_password(&actor, request_credential(&actor, secret.as_deref()), change).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issues an API token for the caller. Its secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "session", request_body = TokenRequest,
    responses((status = 201, body = NewToken)))]
pub async fn create_token(
    Caller { actor, .. }: Caller,
    State(app): State<App>,
    ApiJson(request): ApiJson<TokenRequest>,
) -> ApiResult<(StatusCode, Json<NewToken>)> {
    let token = app.create_token(&actor, request).await?;
    Ok((StatusCode::CREATED, Json(token)))
}

#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "session", responses((status = 200, body = Vec<TokenInfo>)))]
pub async fn list_tokens(Caller { actor, .. }: Caller, State(app): State<App>) -> ApiResult<Json<Vec<TokenInfo>>> {
    Ok(Json(app.list_tokens(&actor, Owner::Me).await?))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "session", params(("id" = i64, Path)),
    responses((status = 204, description = "Revoked")))]
pub async fn revoke_token(Caller { actor, .. }: Caller, State(app): State<App>, Id(id): Id) -> ApiResult<StatusCode> {
    app.revoke_token(&actor, Owner::Me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
