//! Who is calling: the credential of a request (a bearer token, else the signed session
//! cookie), the caller once authenticated, and where the request comes from. What a caller may
//! do is decided by the application ([`radgestmat_app::App::require`]), never here.

use std::marker::PhantomData;

use axum::extract::{FromRef, FromRequestParts, MatchedPath};
use axum::http::{header, request::Parts};
use radgestmat_app::{App, Principal, SecretKey};
use radgestmat_domain::{Actor, Credential, Permission};

use crate::AppState;
use crate::client_ip::ClientIp;
use crate::error::ApiError;

pub const SESSION_COOKIE: &str = "rgm_session";

/// The credential sent with a request: the bearer token, else the session cookie.
pub fn credential(parts: &Parts, key: &SecretKey) -> Option<String> {
    let bearer = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(|t| t.trim().to_owned());
    bearer.or_else(|| session_cookie(parts, key))
}

/// The session cookie carries the session's secret and a tag of it under the secret key: a
/// forged or altered cookie is refused without asking the database, and a new key signs
/// everyone out.
const COOKIE_PURPOSE: &str = "session cookie";

/// The session cookie's value for a session's secret.
pub fn session_cookie_value(key: &SecretKey, secret: &str) -> String {
    format!("{secret}.{}", key.sign(COOKIE_PURPOSE, secret))
}

/// The credential of a request: its API token, else its browser session (by its secret).
pub fn request_credential<'a>(actor: &Actor, session: Option<&'a str>) -> Credential<'a> {
    match actor.token_id {
        Some(token) => Credential::Token(token),
        None => Credential::Session(session.unwrap_or_default()),
    }
}

/// The session's secret from the request's cookie, if its tag is right.
pub fn session_cookie(parts: &Parts, key: &SecretKey) -> Option<String> {
    let value = cookie(&parts.headers, SESSION_COOKIE)?;
    let (secret, tag) = value.rsplit_once('.')?;
    key.verify(COOKIE_PURPOSE, secret, tag).then(|| secret.to_owned())
}

/// The value of the cookie `name`, if the request has a non-empty one.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name && !value.is_empty()).then(|| value.to_owned())
    })
}

/// A permission a page requires before it shows anything (a form to fill in), as a type.
pub trait Requirement {
    /// `None`: any signed-in user.
    const PERMISSION: Option<Permission>;
}

/// The permissions, as marker types for the pages' `Ui<…>`.
pub mod perm {
    use super::{Permission, Requirement};

    macro_rules! markers {
        ($($name:ident => $value:expr),* $(,)?) => {$(
            pub struct $name;
            impl Requirement for $name {
                const PERMISSION: Option<Permission> = $value;
            }
        )*};
    }

    markers! {
        SignedIn => None,
        ReadInventory => Some(Permission::ReadInventory),
        ManageInventory => Some(Permission::ManageInventory),
        CheckOut => Some(Permission::CheckOut),
        HandleAlerts => Some(Permission::HandleAlerts),
        RunScan => Some(Permission::RunScan),
        ReadAudit => Some(Permission::ReadAudit),
        ManageUsers => Some(Permission::ManageUsers),
    }
}

/// Where a request comes from: address, user agent, request id and endpoint, nobody
/// identified yet.
pub fn origin(parts: &Parts) -> Actor {
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    Actor {
        ip: parts.extensions.get::<ClientIp>().map(|ClientIp(ip)| ip.to_string()),
        user_agent: header("user-agent"),
        request_id: header("x-request-id"),
        // The route's template (`/api/v1/assets/{id}`), never the path as sent: it is recorded.
        endpoint: parts.extensions.get::<MatchedPath>().map(|route| format!("{} {}", parts.method, route.as_str())),
        ..Actor::default()
    }
}

/// The origin of a request, for handlers that record what anonymous callers do (login).
pub struct Origin(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Origin(origin(parts)))
    }
}

/// The signed-in caller, and the same caller as the actor of what the request changes; 401
/// without a valid credential.
pub struct Caller {
    pub user: Principal,
    pub actor: Actor,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        authenticate(&AppState::from_ref(state).app, parts).await
    }
}

/// A `Caller` whose endpoint requires `R`, checked by the application before the body is read:
/// a caller without it gets 403, not a 422 that would describe the body to a stranger. The use
/// case checks again; the application enforces, the endpoint only asks early.
pub struct Require<R>(pub Caller, pub PhantomData<R>);

impl<R: Requirement, S: Send + Sync> FromRequestParts<S> for Require<R>
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Require(authorized::<R>(&AppState::from_ref(state).app, parts).await?, PhantomData))
    }
}

/// The caller of a request, authenticated and holding what `R` requires.
pub async fn authorized<R: Requirement>(app: &App, parts: &Parts) -> Result<Caller, ApiError> {
    let caller = authenticate(app, parts).await?;
    if let Some(permission) = R::PERMISSION {
        app.authorize(&caller.actor, permission).await?;
    }
    Ok(caller)
}

/// The caller of a request, authenticated.
pub async fn authenticate(app: &App, parts: &Parts) -> Result<Caller, ApiError> {
    let secret = credential(parts, app.secret_key()).ok_or(ApiError::Unauthenticated)?;
    let origin = origin(parts);
    let user = app.authenticate(&secret, &origin).await?.ok_or(ApiError::Unauthenticated)?;
    tracing::Span::current().record("user_id", user.user_id);
    Ok(Caller { actor: user.acting(&origin), user })
}
