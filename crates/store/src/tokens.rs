//! API tokens: 256 random bits shown to their owner once; the database keeps only their SHA-256,
//! so a leaked table opens nothing. Their use is noted to the minute (`last_used_at`), and the
//! use of a revoked or expired one is recorded in the audit log, at once and then once a day at
//! most per token (a drawer of revoked tokens cannot fill the log).

use chrono::{DateTime, TimeDelta, Utc};
use radgestmat_domain::{Actor, AuditAction, DomainError, TokenRequest};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::json;
use tracing::instrument;

use crate::audit::{Change, record};
use crate::auth::{Principal, TOKEN_PREFIX, digest, principal, random_token};
use crate::entities::{api_tokens, users};
use crate::{Result, Store, now};

/// A freshly issued API token: the only time its secret is seen.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NewToken {
    pub id: i64,
    pub name: String,
    /// The secret, to send as `Authorization: Bearer <token>`. Shown once.
    pub token: String,
    pub expires_at: Option<DateTime<Utc>>,
}

/// An API token as listed: never its secret.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

pub type ApiToken = TokenInfo;

/// How a token was presented.
#[derive(Clone, Copy)]
enum Presented {
    Used,
    Refused,
}

impl Store {
    /// The principal behind an API token's secret (its SHA-256 is `hash`), if it is valid at `at`.
    pub(crate) async fn authenticate_token(
        &self,
        hash: &str,
        origin: &Actor,
        at: DateTime<Utc>,
    ) -> Result<Option<Principal>> {
        let found = api_tokens::Entity::find()
            .filter(api_tokens::Column::TokenHash.eq(hash))
            .find_also_related(users::Entity)
            .one(&self.db)
            .await?;
        let Some((token, Some(user))) = found else { return Ok(None) };
        let refused = if token.revoked_at.is_some() {
            AuditAction::AuthRevokedTokenUsed
        } else if token.expires_at.is_some_and(|e| e <= at) {
            AuditAction::AuthExpiredTokenUsed
        } else if user.disabled {
            return Ok(None);
        } else {
            // Best effort: a busy database does not turn a read into a failure.
            if let Err(err) = self.presented(&token, Presented::Used, at).await {
                tracing::warn!(token.id = token.id, error = %err, "the token's last use was not noted");
            }
            return Ok(Some(principal(&user, Some(token.id), token.expires_at)));
        };
        if self.presented(&token, Presented::Refused, at).await? {
            let details = json!({ "token_id": token.id, "user_id": token.user_id, "name": token.name });
            self.record_event(origin, refused, details).await?;
        }
        Ok(None)
    }

    /// Notes when a token was used (to the minute) or refused (to the day): whether this is the
    /// first time in that period.
    async fn presented(&self, token: &api_tokens::Model, how: Presented, at: DateTime<Utc>) -> Result<bool> {
        let (last, column, period) = match how {
            Presented::Used => (token.last_used_at, api_tokens::Column::LastUsedAt, TimeDelta::minutes(1)),
            Presented::Refused => (token.last_refused_at, api_tokens::Column::LastRefusedAt, TimeDelta::days(1)),
        };
        let period_start = at - period;
        if last.is_some_and(|last| last >= period_start) {
            return Ok(false);
        }
        let txn = self.write().await?;
        let touched = api_tokens::Entity::update_many()
            .col_expr(column, Expr::value(at))
            .filter(api_tokens::Column::Id.eq(token.id))
            .filter(Condition::any().add(column.is_null()).add(column.lt(period_start)))
            .exec(&txn)
            .await?
            .rows_affected;
        self.commit(txn).await?;
        Ok(touched > 0)
    }

    #[instrument(skip_all, fields(user.id = user_id))]
    pub async fn create_token(&self, actor: &Actor, user_id: i64, request: TokenRequest) -> Result<NewToken> {
        request.validate_at(Utc::now())?;
        let (name, expires_at) = (request.name.trim(), request.expires_at);
        let token = random_token(TOKEN_PREFIX);
        let txn = self.write().await?;
        let model = api_tokens::ActiveModel {
            user_id: Set(user_id),
            token_hash: Set(digest(&token)),
            created_at: Set(now()),
            expires_at: Set(expires_at),
            name: Set(name.to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let details = json!({ "user_id": user_id, "name": model.name, "expires_at": model.expires_at });
        record(&txn, actor, Change::on(AuditAction::TokenCreate, model.id).details(details)).await?;
        self.commit(txn).await?;
        Ok(NewToken { id: model.id, name: model.name, token, expires_at: model.expires_at })
    }

    pub async fn list_tokens(&self, user_id: i64) -> Result<Vec<TokenInfo>> {
        let rows = api_tokens::Entity::find()
            .filter(api_tokens::Column::UserId.eq(user_id))
            .order_by_desc(api_tokens::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|t| TokenInfo {
                id: t.id,
                name: t.name,
                created_at: t.created_at,
                expires_at: t.expires_at,
                revoked_at: t.revoked_at,
                last_used_at: t.last_used_at,
            })
            .collect())
    }

    /// Revokes one of the user's own tokens; revoking twice is harmless.
    pub async fn revoke_token(&self, actor: &Actor, user_id: i64, token_id: i64) -> Result<()> {
        let txn = self.write().await?;
        let token = api_tokens::Entity::find_by_id(token_id)
            .filter(api_tokens::Column::UserId.eq(user_id))
            .one(&txn)
            .await?
            .ok_or_else(|| DomainError::not_found("token", token_id))?;
        if token.revoked_at.is_none() {
            let details = json!({ "user_id": user_id, "name": token.name });
            let mut active: api_tokens::ActiveModel = token.into();
            active.revoked_at = Set(Some(now()));
            active.update(&txn).await?;
            record(&txn, actor, Change::on(AuditAction::TokenRevoke, token_id).details(details)).await?;
        }
        self.commit(txn).await?;
        Ok(())
    }
}
