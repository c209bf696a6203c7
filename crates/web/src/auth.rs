//! Who is calling and what they may do. Every handler names its permission in its signature:
//! `Require<perm::ManageInventory>`; 401 without credentials, 403 without the permission.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{FromRef, FromRequestParts};
use axum::http::{header, request::Parts};
use radgestmat_domain::{Actor, AuditAction, Permission, Role};
use radgestmat_store::{Principal, SecretKey, Store};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::client_ip::ClientIp;
use crate::error::ApiError;

pub const SESSION_COOKIE: &str = "rgm_session";

/// How long a verified credential is trusted without asking the database again. Revocation on
/// this node clears the cache at once; another node may honour a revoked token this long.
const CACHE_TTL: Duration = Duration::from_secs(5);
const CACHE_MAX: usize = 10_000;

/// Failed logins from one address before it is locked out, and for how long.
pub const IP_MAX_FAILURES: u32 = 20;
pub const IP_LOCK: Duration = Duration::from_secs(15 * 60);

/// Per-node authentication state: the credential cache and the per-address login limiter.
#[derive(Default)]
pub struct AuthState {
    cache: Mutex<HashMap<[u8; 32], (Principal, Instant)>>,
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl AuthState {
    /// Forgets every cached credential (after a logout, a revocation, an account change).
    pub fn forget_all(&self) {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// `Some(seconds)` while this address is locked out.
    pub fn ip_locked(&self, ip: IpAddr) -> Option<u64> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let (count, since) = failures.get(&ip)?;
        let elapsed = since.elapsed();
        (*count >= IP_MAX_FAILURES && elapsed < IP_LOCK).then(|| (IP_LOCK - elapsed).as_secs().max(1))
    }

    pub fn ip_failed(&self, ip: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > CACHE_MAX {
            failures.retain(|_, (_, since)| since.elapsed() < IP_LOCK);
        }
        let entry = failures.entry(ip).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= IP_LOCK {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    pub fn ip_succeeded(&self, ip: IpAddr) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(&ip);
    }

    async fn principal(&self, store: &Store, secret: &str, origin: &Actor) -> Result<Option<Principal>, ApiError> {
        let key: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
        let now = Instant::now();
        let cached = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
        if let Some((principal, at)) = cached
            && now.duration_since(at) < CACHE_TTL
            && principal.expires_at.is_none_or(|e| e > chrono::Utc::now())
        {
            return Ok(Some(principal));
        }
        let found = store.authenticate(secret, origin).await?;
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        match &found {
            Some(p) => cache.insert(key, (p.clone(), now)),
            None => cache.remove(&key),
        };
        Ok(found)
    }
}

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

/// A permission an endpoint requires, as a type.
pub trait Requirement {
    /// `None`: any signed-in user.
    const PERMISSION: Option<Permission>;
}

/// The permissions, as marker types for `Require<…>`.
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

/// Records a refused permission in the audit log and gives the 403 to answer.
pub async fn refuse(store: &Store, actor: &Actor, role: Role, permission: Permission, endpoint: &str) -> ApiError {
    let details = serde_json::json!({ "endpoint": endpoint, "role": role, "permission": permission });
    match store.record_event(actor, AuditAction::AuthPermissionDenied, details).await {
        Ok(()) => ApiError::Forbidden(permission),
        Err(err) => err.into(),
    }
}

/// Where a request comes from: address, user agent and request id, nobody identified yet.
pub fn origin(parts: &Parts) -> Actor {
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    Actor {
        ip: parts.extensions.get::<ClientIp>().map(|ClientIp(ip)| ip.to_string()),
        user_agent: header("user-agent"),
        request_id: header("x-request-id"),
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

/// The caller, once authenticated and checked against `R`, and the same caller as the actor
/// of what the request changes.
pub struct Require<R>(pub Principal, pub Actor, pub PhantomData<R>);

impl<R: Requirement, S: Send + Sync> FromRequestParts<S> for Require<R>
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let (principal, actor) = authorize(&AppState::from_ref(state), parts, R::PERMISSION).await?;
        Ok(Require(principal, actor, PhantomData))
    }
}

/// The caller of a request, authenticated and checked against `permission` (`None`: anyone
/// signed in); a refusal is logged and audited.
pub async fn authorize(
    state: &AppState,
    parts: &Parts,
    permission: Option<Permission>,
) -> Result<(Principal, Actor), ApiError> {
    let secret = credential(parts, state.store.secret_key()).ok_or(ApiError::Unauthenticated)?;
    let origin = origin(parts);
    let principal = state.auth.principal(&state.store, &secret, &origin).await?.ok_or(ApiError::Unauthenticated)?;
    tracing::Span::current().record("user_id", principal.user_id);
    let actor = principal.acting(&origin);
    if let Some(permission) = permission
        && !principal.role.allows(permission)
    {
        tracing::info!(user_id = principal.user_id, role = principal.role.as_str(), ?permission, "permission denied");
        let endpoint = format!("{} {}", parts.method, parts.uri.path());
        return Err(refuse(&state.store, &actor, principal.role, permission, &endpoint).await);
    }
    Ok((principal, actor))
}
