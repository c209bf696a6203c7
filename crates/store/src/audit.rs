//! Writing the audit log, and sealing it into a hash chain.
//!
//! An entry is inserted in the transaction of the change it records, with a row in
//! `audit_pending`. After commit a single sequencer (one per cluster: PostgreSQL advisory lock,
//! SQLite's write lock) takes the pending entries in small batches and appends
//! `(seq, entry_id, hash)` to `audit_chain`, where `hash = SHA-256(previous hash || canonical
//! entry)`. Business writes never wait for one another on a chain head; the chain is still a
//! single line. This is how transparency logs (Certificate Transparency, Trillian) sequence.

use std::time::Duration;

use chrono::{DateTime, Utc};
use radgestmat_domain::{Actor, AlertCheck, AuditAction, snapshot};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tracing::instrument;

use crate::entities::{audit_chain, audit_entries, audit_pending};
use crate::{NewJob, Result, Store, now};

/// Entries sealed per transaction of the sequencer.
const SEAL_BATCH: u64 = 500;
/// Key of the PostgreSQL advisory lock held by the sequencer while it seals.
const SEQUENCER_LOCK: i64 = 0x5241_4447_4d41_5401;
/// The previous hash of the first entry.
pub(crate) const GENESIS: [u8; 32] = [0; 32];

/// What one change says in the log.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub action: AuditAction,
    /// The record changed, of the action's entity; `None` for an event about none in particular.
    pub entity_id: Option<i64>,
    pub asset_tag: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    /// An action on one record, without details yet.
    pub fn on(action: AuditAction, id: i64) -> Change {
        Change { action, entity_id: Some(id), asset_tag: None, before: None, after: None }
    }

    pub fn created(action: AuditAction, id: i64, record: &impl Serialize) -> Change {
        Change { after: Some(snapshot(&to_value(record))), ..Change::on(action, id) }
    }

    /// An edit: only the fields that changed, before and after.
    pub fn updated(action: AuditAction, id: i64, before: &impl Serialize, after: &impl Serialize) -> Change {
        let (before, after) = radgestmat_domain::changes(&to_value(before), &to_value(after));
        Change { before: Some(before), after: Some(after), ..Change::on(action, id) }
    }

    pub fn deleted(action: AuditAction, id: i64, record: &impl Serialize) -> Change {
        Change { before: Some(snapshot(&to_value(record))), ..Change::on(action, id) }
    }

    /// An event about no record in particular, such as `auth.login_failed`.
    pub fn event(action: AuditAction, details: Value) -> Change {
        Change { action, entity_id: None, asset_tag: None, before: None, after: Some(details) }
    }

    /// The changed record's entity, when there is one.
    fn entity(&self) -> Option<&'static str> {
        self.entity_id.map(|_| self.action.entity())
    }

    pub fn tag(mut self, asset_tag: &str) -> Change {
        self.asset_tag = Some(asset_tag.to_owned());
        self
    }

    pub fn details(mut self, details: Value) -> Change {
        self.after = Some(details);
        self
    }
}

fn to_value(record: &impl Serialize) -> Value {
    serde_json::to_value(record).unwrap_or(Value::Null)
}

/// Writes an entry in the caller's transaction, so that it commits or rolls back with the change.
///
/// A recorded change of an asset also enqueues the re-check of its alerts: every change to an
/// asset is recorded, so none escapes the re-check.
pub(crate) async fn record(db: &impl ConnectionTrait, actor: &Actor, change: Change) -> Result<i64> {
    if let (Some("asset"), Some(asset_id)) = (change.entity(), change.entity_id)
        && change.action != AuditAction::AssetDelete
    {
        crate::jobs::enqueue(db, NewJob::now(&AlertCheck { asset_id })).await?;
    }
    let id = audit_entries::Entity::insert(entry(actor, change)).exec(db).await?.last_insert_id;
    audit_pending::Entity::insert(audit_pending::ActiveModel { entry_id: Set(id) }).exec(db).await?;
    Ok(id)
}

/// Writes many entries at once (an import's rows), in the caller's transaction. Unlike
/// [`record`], it enqueues no re-check per asset: the caller has the alerts scanned once.
pub(crate) async fn record_all(db: &impl ConnectionTrait, actor: &Actor, changes: Vec<Change>) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let entries = changes.into_iter().map(|change| entry(actor, change));
    let ids = audit_entries::Entity::insert_many(entries).exec_with_returning_keys(db).await?;
    let pending = ids.into_iter().map(|id| audit_pending::ActiveModel { entry_id: Set(id) });
    audit_pending::Entity::insert_many(pending).exec_without_returning(db).await?;
    Ok(())
}

fn entry(actor: &Actor, change: Change) -> audit_entries::ActiveModel {
    let entity = change.entity().map(str::to_owned);
    let text = |v: Option<Value>| v.map(|v| v.to_string());
    audit_entries::ActiveModel {
        at: Set(now()),
        actor_kind: Set(actor.kind.into()),
        actor_id: Set(actor.user_id),
        actor_name: Set(bounded(&actor.name, 100)),
        token_id: Set(actor.token_id),
        action: Set(change.action.as_str().to_owned()),
        entity: Set(entity),
        entity_id: Set(change.entity_id),
        asset_tag: Set(change.asset_tag),
        before: Set(text(change.before)),
        after: Set(text(change.after)),
        ip: Set(actor.ip.as_deref().map(|ip| bounded(ip, 64))),
        user_agent: Set(actor.user_agent.as_deref().map(|ua| bounded(ua, 400))),
        request_id: Set(actor.request_id.as_deref().map(|id| bounded(id, 64))),
        ..Default::default()
    }
}

/// At most `max` characters of what the caller said of itself: nobody may grow the log, which
/// is never pruned, by sending long headers.
fn bounded(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The bytes an entry's hash covers: every column but the id's position, in a fixed order, with
/// `before`/`after` exactly as stored.
#[derive(Serialize)]
struct Canonical<'a> {
    id: i64,
    at: String,
    actor_kind: &'a str,
    actor_id: Option<i64>,
    actor_name: &'a str,
    token_id: Option<i64>,
    action: &'a str,
    entity: Option<&'a str>,
    entity_id: Option<i64>,
    asset_tag: Option<&'a str>,
    before: Option<&'a str>,
    after: Option<&'a str>,
    ip: Option<&'a str>,
    user_agent: Option<&'a str>,
    request_id: Option<&'a str>,
}

/// `SHA-256(previous || canonical(entry))`.
pub(crate) fn chain_hash(previous: &[u8; 32], e: &audit_entries::Model) -> [u8; 32] {
    let canonical = Canonical {
        id: e.id,
        at: instant(e.at),
        actor_kind: e.actor_kind.0.as_str(),
        actor_id: e.actor_id,
        actor_name: &e.actor_name,
        token_id: e.token_id,
        action: &e.action,
        entity: e.entity.as_deref(),
        entity_id: e.entity_id,
        asset_tag: e.asset_tag.as_deref(),
        before: e.before.as_deref(),
        after: e.after.as_deref(),
        ip: e.ip.as_deref(),
        user_agent: e.user_agent.as_deref(),
        request_id: e.request_id.as_deref(),
    };
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(serde_json::to_vec(&canonical).unwrap_or_default());
    hasher.finalize().into()
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A stored hex hash back to bytes (an unreadable one gives zeros, which no entry chains to).
pub(crate) fn hash_bytes(hex_text: &str) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    if hex::decode_to_slice(hex_text, &mut bytes).is_err() {
        bytes = [0xff; 32];
    }
    bytes
}

impl Store {
    /// Commits a write transaction and wakes the sequencer for the entries it wrote.
    pub(crate) async fn commit(&self, txn: DatabaseTransaction) -> Result<()> {
        txn.commit().await?;
        self.sealer.notify_one();
        self.jobs_ready.notify_one();
        Ok(())
    }

    /// Records an event that changes nothing else (a refused permission, a locked address).
    #[instrument(skip_all, fields(action = action.as_str()))]
    pub async fn record_event(&self, actor: &Actor, action: AuditAction, details: Value) -> Result<()> {
        let txn = self.write().await?;
        record(&txn, actor, Change::event(action, details)).await?;
        self.commit(txn).await
    }

    /// Seals up to one batch of committed entries; returns how many were sealed.
    #[instrument(skip_all)]
    pub async fn seal_audit_batch(&self) -> Result<u64> {
        // A read first: most wake-ups find the queue already empty and need no write lock.
        if audit_pending::Entity::find().one(&self.db).await?.is_none() {
            return Ok(0);
        }
        let txn = self.write().await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({SEQUENCER_LOCK})")).await?;
        }
        let head = audit_chain::Entity::find().order_by_desc(audit_chain::Column::Seq).one(&txn).await?;
        let (mut seq, mut previous) = head.map_or((0, GENESIS), |h| (h.seq, hash_bytes(&h.hash)));
        let waiting = Query::select()
            .column(audit_pending::Column::EntryId)
            .from(audit_pending::Entity)
            .order_by(audit_pending::Column::EntryId, sea_orm::Order::Asc)
            .limit(SEAL_BATCH)
            .to_owned();
        let entries = audit_entries::Entity::find()
            .filter(audit_entries::Column::Id.in_subquery(waiting))
            .order_by_asc(audit_entries::Column::Id)
            .all(&txn)
            .await?;
        if entries.is_empty() {
            return Ok(0);
        }
        let mut links = Vec::with_capacity(entries.len());
        for entry in &entries {
            seq += 1;
            previous = chain_hash(&previous, entry);
            links.push(audit_chain::ActiveModel {
                seq: Set(seq),
                entry_id: Set(entry.id),
                hash: Set(hex::encode(previous)),
            });
        }
        audit_chain::Entity::insert_many(links).exec(&txn).await?;
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        audit_pending::Entity::delete_many().filter(audit_pending::Column::EntryId.is_in(ids)).exec(&txn).await?;
        txn.commit().await?;
        Ok(entries.len() as u64)
    }

    /// Seals everything committed so far.
    pub async fn seal_audit(&self) -> Result<u64> {
        let mut sealed = 0;
        loop {
            let n = self.seal_audit_batch().await?;
            sealed += n;
            if n < SEAL_BATCH {
                return Ok(sealed);
            }
        }
    }

    /// The sequencer: seals right after each commit on this node, and every second for the
    /// entries other nodes wrote. Runs until the task is dropped.
    pub async fn run_audit_sequencer(self) {
        loop {
            if let Err(err) = self.seal_audit().await {
                tracing::error!(error = %err, "sealing the audit log failed; retrying");
            }
            tokio::select! {
                _ = self.sealer.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    }
}
