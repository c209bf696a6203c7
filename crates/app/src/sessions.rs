//! Signing in and out, recognising a credential, the caller's own account and API tokens.
//!
//! A login is refused, whether or not the account exists, after 5 failures for one name (the
//! store keeps that count, across nodes and restarts) or [`IP_MAX_FAILURES`] from one address
//! (counted here, per node). While locked, only the first refused attempt is audited; the
//! others are counted (`radgestmat_logins_refused_while_locked_total`). A credential once
//! verified is trusted for [`CACHE_TTL`] without asking the database; what this node revokes or
//! changes clears that cache at once.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::Utc;
use radgestmat_domain::{Actor, DomainError, Language, Permission, TokenRequest, UserView};
use radgestmat_store::{LoginAttempt, NewToken, Principal, SecretKey, TokenInfo};
use sha2::{Digest, Sha256};

use crate::{App, Result, user_of};

/// How long a verified credential is trusted without asking the database again. Another node
/// may honour a credential revoked here this long.
const CACHE_TTL: Duration = Duration::from_secs(5);
const CACHE_MAX: usize = 10_000;

/// Failed logins from one address before it is locked out, and for how long.
pub const IP_MAX_FAILURES: u32 = 20;
pub const IP_LOCK: Duration = Duration::from_secs(15 * 60);

/// Whose API tokens: the caller's, or an account's (for an administrator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Me,
    User(i64),
}

/// Per node: the credential cache and the per-address login limiter.
#[derive(Default)]
pub(crate) struct Sessions {
    cache: Mutex<HashMap<[u8; 32], (Principal, Instant)>>,
    failures: Mutex<HashMap<IpAddr, Attempts>>,
    /// When each refusal was last recorded.
    denials: Mutex<HashMap<Denial, Instant>>,
}

/// A refusal: to whom (a user id), on which endpoint, of which permission.
type Denial = (Option<i64>, String, Permission);

/// An address's login attempts in the current period.
struct Attempts {
    /// Attempts that did not succeed (counted when they begin).
    count: u32,
    since: Instant,
    /// Whether an attempt refused during the lock was recorded already.
    reported: bool,
}

impl Sessions {
    fn forget_all(&self) {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    fn cached(&self, key: &[u8; 32]) -> Option<Principal> {
        let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let (principal, at) = cache.get(key)?;
        let fresh = at.elapsed() < CACHE_TTL && principal.expires_at.is_none_or(|e| e > Utc::now());
        fresh.then(|| principal.clone())
    }

    fn remember(&self, key: [u8; 32], found: &Option<Principal>) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        match found {
            Some(p) => cache.insert(key, (p.clone(), Instant::now())),
            None => cache.remove(&key),
        };
    }

    /// Counts an attempt from this address before its password is checked, so that the limit
    /// holds under parallel attempts (a success forgets them). While the address is locked,
    /// answers the seconds left and whether this is the first refusal (the one recorded).
    fn ip_attempt(&self, ip: IpAddr) -> Result<(), (u64, bool)> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > CACHE_MAX {
            failures.retain(|_, a| a.since.elapsed() < IP_LOCK);
        }
        let attempts =
            failures.entry(ip).or_insert_with(|| Attempts { count: 0, since: Instant::now(), reported: false });
        if attempts.since.elapsed() >= IP_LOCK {
            *attempts = Attempts { count: 0, since: Instant::now(), reported: false };
        }
        if attempts.count >= IP_MAX_FAILURES {
            let first = !std::mem::replace(&mut attempts.reported, true);
            return Err(((IP_LOCK - attempts.since.elapsed()).as_secs().max(1), first));
        }
        attempts.count += 1;
        Ok(())
    }

    /// Whether a refusal of this permission to this caller on this endpoint is the first in a
    /// minute (the one recorded); every refusal is counted in the metrics.
    pub(crate) fn first_denial(&self, user_id: Option<i64>, endpoint: &str, permission: Permission) -> bool {
        metrics::counter!("radgestmat_permission_denied_total").increment(1);
        let mut denials = self.denials.lock().unwrap_or_else(|e| e.into_inner());
        if denials.len() > CACHE_MAX {
            denials.retain(|_, at| at.elapsed() < Duration::from_secs(60));
        }
        let key = (user_id, endpoint.to_owned(), permission);
        match denials.get(&key) {
            Some(at) if at.elapsed() < Duration::from_secs(60) => false,
            _ => {
                denials.insert(key, Instant::now());
                true
            }
        }
    }

    /// Takes back an attempt counted by [`Self::ip_attempt`] that tried no password.
    fn ip_uncount(&self, ip: IpAddr) {
        if let Some(attempts) = self.failures.lock().unwrap_or_else(|e| e.into_inner()).get_mut(&ip) {
            attempts.count = attempts.count.saturating_sub(1);
        }
    }

    fn ip_succeeded(&self, ip: IpAddr) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(&ip);
    }
}

impl App {
    /// The installation's secret key, which signs the session cookies.
    pub fn secret_key(&self) -> &SecretKey {
        self.store.secret_key()
    }

    /// The user behind a session's or a token's secret, if it is valid now.
    pub async fn authenticate(&self, secret: &str, origin: &Actor) -> Result<Option<Principal>> {
        let key: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
        if let Some(principal) = self.sessions.cached(&key) {
            return Ok(Some(principal));
        }
        let found = self.store.authenticate(secret, origin).await?;
        self.sessions.remember(key, &found);
        Ok(found)
    }

    /// Checks a login against the address's and the name's lock-outs and opens a session:
    /// its secret and its user.
    pub async fn login(&self, origin: &Actor, ip: IpAddr, attempt: LoginAttempt) -> Result<(String, Principal)> {
        if let Err((retry_after_secs, first)) = self.sessions.ip_attempt(ip) {
            metrics::counter!("radgestmat_logins_refused_while_locked_total", "scope" => "address").increment(1);
            if first {
                self.store.record_address_lockout(origin, &attempt.username).await?;
            }
            return Err(DomainError::Throttled { retry_after_secs }.into());
        }
        let username = attempt.username.clone();
        match self.store.login(origin, attempt).await {
            Ok(opened) => {
                self.sessions.ip_succeeded(ip);
                tracing::info!(user_id = opened.1.user_id, %ip, "login");
                Ok(opened)
            }
            Err(err) => {
                match &err {
                    radgestmat_store::Error::Domain(DomainError::BadCredentials) => {
                        tracing::warn!(username = %username.escape_debug(), %ip, "login failed");
                    }
                    radgestmat_store::Error::Domain(DomainError::Throttled { .. }) => {
                        // No password was tried: the address is not charged for it.
                        self.sessions.ip_uncount(ip);
                        metrics::counter!("radgestmat_logins_refused_while_locked_total", "scope" => "name")
                            .increment(1);
                    }
                    _ => {}
                }
                Err(err.into())
            }
        }
    }

    /// Ends the session whose secret this is, if any.
    pub async fn logout(&self, actor: &Actor, session: Option<&str>) -> Result<()> {
        self.store.logout(actor, session).await?;
        self.sessions.forget_all();
        Ok(())
    }

    /// The caller's own account.
    pub async fn me(&self, actor: &Actor) -> Result<UserView> {
        Ok(self.store.get_user(user_of(actor)?).await?)
    }

    /// Sets the language of the caller's web interface.
    pub async fn set_language(&self, actor: &Actor, language: Option<Language>) -> Result<()> {
        self.store.set_language(actor, user_of(actor)?, language).await?;
        self.sessions.forget_all();
        Ok(())
    }

    /// Issues an API token for the caller; its secret is in the answer only.
    pub async fn create_token(&self, actor: &Actor, request: TokenRequest) -> Result<NewToken> {
        Ok(self.store.create_token(actor, user_of(actor)?, request).await?)
    }

    /// The tokens of an account: one's own, or any for an administrator.
    pub async fn list_tokens(&self, actor: &Actor, owner: Owner) -> Result<Vec<TokenInfo>> {
        let user_id = self.owner(actor, owner).await?;
        Ok(self.store.list_tokens(user_id).await?)
    }

    /// Revokes a token: one's own, or any for an administrator.
    pub async fn revoke_token(&self, actor: &Actor, owner: Owner, token_id: i64) -> Result<()> {
        let user_id = self.owner(actor, owner).await?;
        self.store.revoke_token(actor, user_id, token_id).await?;
        self.sessions.forget_all();
        Ok(())
    }

    /// The account whose tokens these are, once the actor may manage them.
    async fn owner(&self, actor: &Actor, owner: Owner) -> Result<i64> {
        match owner {
            Owner::Me => user_of(actor),
            Owner::User(id) if actor.user_id == Some(id) => Ok(id),
            Owner::User(id) => {
                self.authorize(actor, Permission::ManageUsers).await?;
                self.store.get_user(id).await?;
                Ok(id)
            }
        }
    }

    /// After a change of accounts: every credential is checked again.
    pub(crate) fn forget_credentials(&self) {
        self.sessions.forget_all();
    }
}
