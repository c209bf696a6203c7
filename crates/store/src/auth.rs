//! Authentication: passwords, login lock-out, browser sessions; the credential check of API
//! tokens is in `tokens.rs`.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use radgestmat_domain::{
    Actor, ActorKind, AuditAction, Credential, DomainError, Language, Password, PasswordChange, Reason, Role, Username,
    fold,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use tracing::instrument;

use crate::audit::{Change, record};
use crate::entities::{login_throttle, sessions, users};
use crate::{Result, Store, now};

/// Failed logins on one name from one address before that address is locked out of it.
pub const MAX_FAILURES: i32 = 5;
/// How long a lock lasts, and how long failures are remembered.
pub const LOCK_DURATION: TimeDelta = TimeDelta::minutes(15);
/// Failed logins on one name from all addresses before the name slows down: from then on, each
/// failure makes every attempt on it wait [`SLOW_DOWN`]. Nobody can lock the owner out.
pub const SLOW_AFTER: i32 = 10;
pub const SLOW_DOWN: TimeDelta = TimeDelta::seconds(30);

/// What a run of failures on one throttle row leads to.
struct Limit {
    after: i32,
    penalty: TimeDelta,
    /// A lock starts the count again (a name and address); a slow-down keeps counting (a name).
    restart: bool,
}

const NAME_AND_ADDRESS: Limit = Limit { after: MAX_FAILURES, penalty: LOCK_DURATION, restart: true };
const NAME: Limit = Limit { after: SLOW_AFTER, penalty: SLOW_DOWN, restart: false };

/// The throttle rows of a login attempt: the name from this address, and the name itself.
struct Keys {
    pair: String,
    name: String,
}

impl Keys {
    /// Each in its own namespace: no username can name another row (an address holds no `|`).
    fn of(username: &str, origin: &Actor) -> Keys {
        let name = fold(username);
        Keys { pair: format!("a:{}|{name}", origin.ip.as_deref().unwrap_or("-")), name: format!("n:{name}") }
    }
}

const SESSION_PREFIX: &str = "rgs_";
pub(crate) const TOKEN_PREFIX: &str = "rgm_";

/// Who is calling, once a session or a token has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    pub employee_id: Option<i64>,
    /// Set when the call came with an API token: its id.
    pub token_id: Option<i64>,
    /// When the credential stops working, if ever.
    pub expires_at: Option<DateTime<Utc>>,
    /// The language the user chose for the web interface, if any.
    pub language: Option<Language>,
}

/// What a login attempt carries.
#[derive(Debug)]
pub struct LoginAttempt {
    pub username: String,
    pub password: Password,
}

pub(crate) fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

pub(crate) fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Argon2id with the crate's default (OWASP) parameters, on a blocking thread.
pub(crate) async fn hash_password(password: Password) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_password_here(&password)).await.map_err(anyhow::Error::from)?
}

/// [`hash_password`] on this thread, for who already is on a blocking one (an import's dry run).
pub fn hash_password_here(password: &Password) -> Result<String> {
    let hash = Argon2::default().hash_password(password.expose().as_bytes()).map(|h| h.to_string());
    Ok(hash.map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?)
}

/// The password hash of an account that has none yet: no password verifies against it.
pub(crate) const NO_PASSWORD: &str = "!";

async fn verify_password(password: Password, hash: String) -> Result<bool> {
    let ok = tokio::task::spawn_blocking(move || {
        // An account without a password (NO_PASSWORD) takes as long to refuse as any other.
        let (hash, real) = match PasswordHash::new(&hash) {
            Ok(_) => (hash, true),
            Err(_) => (dummy_hash(), false),
        };
        let verified = PasswordHash::new(&hash)
            .is_ok_and(|h| Argon2::default().verify_password(password.expose().as_bytes(), &h).is_ok());
        real && verified
    })
    .await
    .map_err(anyhow::Error::from)?;
    Ok(ok)
}

/// A hash to verify against when the account does not exist, so that the answer takes as long.
static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn dummy_hash() -> String {
    DUMMY_HASH
        .get_or_init(|| {
            Argon2::default()
                .hash_password(b"no such account, no such password")
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}

impl Store {
    /// Checks a username and password and opens a session; returns its secret token.
    /// After [`MAX_FAILURES`] failures for a name, known or not, from one address, that address
    /// is locked out of the name for [`LOCK_DURATION`]; after [`SLOW_AFTER`] from anywhere, the
    /// name slows down. The counts are rows, so they hold across restarts and nodes.
    #[instrument(skip_all)]
    pub async fn login(&self, origin: &Actor, attempt: LoginAttempt) -> Result<(String, Principal)> {
        let name = tried(&attempt.username);
        let keys = Keys::of(&name, origin);
        let tried = json!({ "username": name });
        if let Some((key, scope, retry_after_secs)) = self.lock_on(&keys).await? {
            let mut details = tried.clone();
            if let Some(scope) = scope {
                details["scope"] = scope.into();
            }
            self.refuse_locked(origin, key, details).await?;
            return Err(DomainError::Throttled { retry_after_secs }.into());
        }
        let user = match Username::parse(&attempt.username) {
            Ok(name) => users::Entity::find().filter(users::Column::Username.eq(name.as_str())).one(&self.db).await?,
            Err(_) => None,
        };
        let hash = user.as_ref().map_or_else(dummy_hash, |u| u.password_hash.clone());
        let password_ok = verify_password(attempt.password, hash).await?;
        let user = match user {
            Some(user) if password_ok && !user.disabled => user,
            _ => {
                self.record_failure(origin, &keys, tried).await?;
                return Err(DomainError::BadCredentials.into());
            }
        };
        let txn = self.write().await?;
        login_throttle::Entity::delete_many()
            .filter(login_throttle::Column::Key.is_in([keys.pair, keys.name]))
            .exec(&txn)
            .await?;
        let token = random_token(SESSION_PREFIX);
        let at = now();
        let expires_at = at + self.options.session_ttl;
        sessions::ActiveModel {
            user_id: Set(user.id),
            token_hash: Set(digest(&token)),
            created_at: Set(at),
            expires_at: Set(Some(expires_at)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let principal = principal(&user, None, Some(expires_at));
        record(&txn, &principal.acting(origin), Change::on(AuditAction::UserLogin, user.id)).await?;
        self.commit(txn).await?;
        Ok((token, principal))
    }

    /// Records a login refused because the caller's address is locked out (by the web layer's
    /// per-node limiter).
    pub async fn record_address_lockout(&self, origin: &Actor, username: &str) -> Result<()> {
        self.record_event(
            origin,
            AuditAction::AuthLoginLocked,
            json!({ "username": tried(username), "scope": "address" }),
        )
        .await
    }

    /// The lock an attempt meets, if any: the name for this address, else the name slowed down;
    /// with its row's key, the audit's scope and the seconds left.
    async fn lock_on<'k>(&self, keys: &'k Keys) -> Result<Option<(&'k str, Option<&'static str>, u64)>> {
        for (key, scope) in [(&keys.pair, None), (&keys.name, Some("slowed"))] {
            if let Some(seconds) = self.lock_of(key).await? {
                return Ok(Some((key, scope, seconds)));
            }
        }
        Ok(None)
    }

    /// The seconds left on the name's lock, if it is locked.
    async fn lock_of(&self, key: &str) -> Result<Option<u64>> {
        let row = login_throttle::Entity::find_by_id(key.to_owned()).one(&self.db).await?;
        let until = row.and_then(|row| row.locked_until).filter(|until| *until > Utc::now());
        Ok(until.map(|until| (until - Utc::now()).num_seconds().max(1) as u64))
    }

    /// An attempt on a locked name: counted in the lock's row; only the first of the lock is
    /// audited in full, so that a flood cannot grow the audit log. One transaction: among
    /// parallel attempts, exactly one sees itself first.
    async fn refuse_locked(&self, origin: &Actor, key: &str, tried: serde_json::Value) -> Result<()> {
        use login_throttle::Column as C;
        use sea_orm::sea_query::ExprTrait as _;
        let txn = self.write().await?;
        login_throttle::Entity::update_many()
            .col_expr(C::Refused, Expr::col(C::Refused).add(1))
            .filter(C::Key.eq(key))
            .exec(&txn)
            .await?;
        let refused = login_throttle::Entity::find_by_id(key.to_owned()).one(&txn).await?.map_or(0, |row| row.refused);
        if refused == 1 {
            record(&txn, origin, Change::event(AuditAction::AuthLoginLocked, tried)).await?;
        }
        self.commit(txn).await
    }

    /// A wrong password (or no such account): counted, audited; the name locked for this
    /// address at the [`MAX_FAILURES`]th failure of a lock period, slowed for everyone from the
    /// [`SLOW_AFTER`]th.
    async fn record_failure(&self, origin: &Actor, keys: &Keys, tried: serde_json::Value) -> Result<()> {
        let txn = self.write().await?;
        let at = now();
        let locked = count_failure(&txn, &keys.pair, at, &NAME_AND_ADDRESS).await?;
        let slowed = count_failure(&txn, &keys.name, at, &NAME).await?;
        record(&txn, origin, Change::event(AuditAction::AuthLoginFailed, tried.clone())).await?;
        if locked.is_some() {
            record(&txn, origin, Change::event(AuditAction::AuthLockout, tried.clone())).await?;
        }
        if slowed == Some(SLOW_AFTER) {
            let mut details = tried;
            details["scope"] = "slowed".into();
            record(&txn, origin, Change::event(AuditAction::AuthLockout, details)).await?;
        }
        self.commit(txn).await?;
        Ok(())
    }

    /// The caller changes their own password, proving the current one: a wrong one counts as a
    /// failed login (a stolen session tries passwords no faster than the login page). Their
    /// other sessions end and their tokens are revoked; the credential of this request stays.
    #[instrument(skip_all)]
    pub async fn change_own_password(&self, actor: &Actor, keep: Credential<'_>, change: PasswordChange) -> Result<()> {
        let id = actor.user_id.ok_or_else(|| DomainError::not_found("user", "(none)"))?;
        let user =
            users::Entity::find_by_id(id).one(&self.db).await?.ok_or_else(|| DomainError::not_found("user", id))?;
        let keys = Keys::of(&user.username, actor);
        if let Some((_, _, retry_after_secs)) = self.lock_on(&keys).await? {
            return Err(DomainError::Throttled { retry_after_secs }.into());
        }
        if !verify_password(change.current_password, user.password_hash.clone()).await? {
            self.record_failure(actor, &keys, json!({ "username": user.username })).await?;
            return Err(DomainError::invalid("current_password", Reason::WrongPassword).into());
        }
        let account = crate::users::user_view(user).fields;
        change.new_password.check_new("new_password", &account.names())?;
        let hash = hash_password(change.new_password).await?;
        let txn = self.write().await?;
        users::Entity::update_many()
            .col_expr(users::Column::PasswordHash, Expr::value(hash))
            .col_expr(users::Column::UpdatedAt, Expr::value(now()))
            .filter(users::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        let (ended, revoked) = crate::users::end_credentials(&txn, id, Some(keep)).await?;
        let after = json!({"password": "changed", "sessions_ended": ended, "tokens_revoked": revoked});
        record(&txn, actor, Change { after: Some(after), ..Change::on(AuditAction::UserUpdate, id) }).await?;
        self.commit(txn).await
    }

    /// The principal behind a session or API token secret, if it is valid now.
    /// A revoked or expired API token that is still used is recorded, with `origin`.
    pub async fn authenticate(&self, secret: &str, origin: &Actor) -> Result<Option<Principal>> {
        let hash = digest(secret);
        let at = now();
        if secret.starts_with(SESSION_PREFIX) {
            let found = sessions::Entity::find()
                .filter(sessions::Column::TokenHash.eq(hash))
                .find_also_related(users::Entity)
                .one(&self.db)
                .await?;
            return Ok(match found {
                Some((s, Some(u))) if !u.disabled && s.expires_at.is_none_or(|e| e > at) => {
                    Some(principal(&u, None, s.expires_at))
                }
                _ => None,
            });
        }
        if secret.starts_with(TOKEN_PREFIX) {
            return self.authenticate_token(&hash, origin, at).await;
        }
        Ok(None)
    }

    /// Ends the session whose secret this is, if any (no error if it is already gone).
    pub async fn logout(&self, actor: &Actor, session: Option<&str>) -> Result<()> {
        let txn = self.write().await?;
        if let Some(secret) = session {
            sessions::Entity::delete_many().filter(sessions::Column::TokenHash.eq(digest(secret))).exec(&txn).await?;
        }
        if let Some(user_id) = actor.user_id {
            record(&txn, actor, Change::on(AuditAction::UserLogout, user_id)).await?;
        }
        self.commit(txn).await
    }
}

/// A tried username as it is counted and recorded: at most 100 characters, control characters
/// (which PostgreSQL cannot store, and which no username has) as U+FFFD.
fn tried(username: &str) -> String {
    username.chars().take(100).map(|c| if c.is_control() { char::REPLACEMENT_CHARACTER } else { c }).collect()
}

impl Principal {
    /// This principal as the actor of a request that came from `origin` (address, agent, id).
    pub fn acting(&self, origin: &Actor) -> Actor {
        Actor {
            kind: if self.token_id.is_some() { ActorKind::Token } else { ActorKind::User },
            user_id: Some(self.user_id),
            token_id: self.token_id,
            name: self.username.clone(),
            role: Some(self.role),
            employee_id: self.employee_id,
            ..origin.clone()
        }
    }
}

pub(crate) fn principal(user: &users::Model, token_id: Option<i64>, expires_at: Option<DateTime<Utc>>) -> Principal {
    Principal {
        user_id: user.id,
        username: user.username.clone(),
        role: user.role.0,
        employee_id: user.employee_id,
        token_id,
        expires_at,
        language: user.language.map(|l| l.0),
    }
}

/// Counts a failure in a throttle row: the failures of the period, when the limit applies now
/// (`None` otherwise). A lock already set stays as it is: a failure checked while another set
/// it neither lifts nor moves it.
async fn count_failure(txn: &DatabaseTransaction, key: &str, at: DateTime<Utc>, limit: &Limit) -> Result<Option<i32>> {
    // The row, created if need be and locked: parallel failures on one key are counted one
    // after the other (two first failures would otherwise both insert it).
    let fresh = login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(0),
        locked_until: Set(None),
        refused: Set(0),
        updated_at: Set(at),
    };
    login_throttle::Entity::insert(fresh)
        .on_conflict_do_nothing_on([login_throttle::Column::Key])
        .exec_without_returning(txn)
        .await?;
    let row = login_throttle::Entity::find_by_id(key.to_owned()).lock_exclusive().one(txn).await?;
    let locked = row.as_ref().and_then(|r| r.locked_until).filter(|until| *until > at);
    // Failures older than a lock period are forgotten.
    let failures = match &row {
        Some(r) if at - r.updated_at < LOCK_DURATION => r.failures + 1,
        _ => 1,
    };
    let applies = locked.is_none() && failures >= limit.after;
    let active = login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(if applies && limit.restart { 0 } else { failures }),
        locked_until: Set(if applies { Some(at + limit.penalty) } else { locked }),
        refused: Set(if applies { 0 } else { row.as_ref().map_or(0, |r| r.refused) }),
        updated_at: Set(at),
    };
    active.update(txn).await?;
    Ok(applies.then_some(failures))
}
