//! Reading the audit log: filtered pages, the chain walk that verifies it, its anchor.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use radgestmat_domain::{ActorKind, AuditAnchor, AuditEntry, AuditVerification, DomainError, ListQuery, Page};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoSimpleExpr, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement,
};
use tracing::instrument;

use crate::audit::{chain_hash, hash_bytes};
use crate::entities::{audit_chain, audit_entries};
use crate::keyset::{Sort, page};
use crate::{Result, Store};

/// The audit list's sort: by id only, newest first unless `sort=id`.
pub const AUDIT_SORTS: &[&str] = &["id"];
/// Filters of the audit list; `from`/`to` take a date (`2026-11-21`, whole day) or an instant.
pub const AUDIT_FILTERS: &[&str] = &["entity", "entity_id", "asset_tag", "actor_id", "action", "from", "to"];

/// Sealed entries read per query of the chain walk.
const WALK_BATCH: u64 = 20_000;

type Row = (audit_entries::Model, Option<audit_chain::Model>);

fn view((e, link): Row) -> AuditEntry {
    let json = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
    AuditEntry {
        id: e.id,
        at: e.at,
        actor_kind: ActorKind::parse(&e.actor_kind).unwrap_or_default(),
        actor_id: e.actor_id,
        actor_name: e.actor_name,
        token_id: e.token_id,
        action: e.action,
        entity: e.entity,
        entity_id: e.entity_id,
        asset_tag: e.asset_tag,
        before: json(e.before),
        after: json(e.after),
        ip: e.ip,
        user_agent: e.user_agent,
        request_id: e.request_id,
        seq: link.as_ref().map(|l| l.seq),
        hash: link.map(|l| l.hash),
    }
}

/// A `from`/`to` bound: an RFC 3339 instant, or a date meaning the start of that day (`from`)
/// or the start of the next one (`to`, exclusive).
fn bound(query: &ListQuery, name: &str) -> Result<Option<DateTime<Utc>>> {
    let Some(text) = query.filters.get(name) else { return Ok(None) };
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(at.with_timezone(&Utc)));
    }
    let date = text
        .parse::<NaiveDate>()
        .map_err(|_| DomainError::invalid(name, "must be a date (2026-11-21) or an instant (2026-11-21T08:30:00Z)"))?;
    let day = if name == "to" { date.succ_opt().unwrap_or(date) } else { date };
    Ok(Some(day.and_time(NaiveTime::MIN).and_utc()))
}

fn filtered<S: QueryFilter>(mut select: S, query: &ListQuery) -> Result<S> {
    use audit_entries::Column as C;
    for (name, column) in [("entity", C::Entity), ("action", C::Action)] {
        if let Some(value) = query.filters.get(name) {
            select = select.filter(column.eq(value.as_str()));
        }
    }
    if let Some(tag) = query.filters.get("asset_tag") {
        select = select.filter(C::AssetTag.eq(tag.trim().to_uppercase()));
    }
    for (name, column) in [("entity_id", C::EntityId), ("actor_id", C::ActorId)] {
        if let Some(id) = query.id_filter(name)? {
            select = select.filter(column.eq(id));
        }
    }
    if let Some(from) = bound(query, "from")? {
        select = select.filter(C::At.gte(from));
    }
    if let Some(to) = bound(query, "to")? {
        select = select.filter(C::At.lt(to));
    }
    Ok(select)
}

impl Store {
    /// A page of the log, newest first (oldest first with `sort=id`).
    #[instrument(skip_all)]
    pub async fn list_audit(&self, query: &ListQuery) -> Result<Page<AuditEntry>> {
        let descending = query.sort.is_none() || query.descending;
        let sort = Sort { key: None, id: audit_entries::Column::Id.into_simple_expr(), descending };
        let total = match query.count {
            true => Some(filtered(audit_entries::Entity::find(), query)?.count(&self.db).await?),
            false => None,
        };
        let select = filtered(audit_entries::Entity::find().find_also_related(audit_chain::Entity), query)?;
        let rows = sort.apply(select, query)?.all(&self.db).await?;
        Ok(page(rows.into_iter().map(view).collect(), query.limit, total, |e| Sort::cursor(None, e.id)))
    }

    /// Walks the whole chain: every sealed entry must hash, with its predecessor's hash, to the
    /// hash stored for it, and the positions must follow one another.
    #[instrument(skip_all)]
    pub async fn verify_audit(&self) -> Result<AuditVerification> {
        let mut checked = 0u64;
        let mut last_seq = 0i64;
        let mut previous = [0u8; 32];
        let mut first_broken_id = None;
        loop {
            let links = audit_chain::Entity::find()
                .find_also_related(audit_entries::Entity)
                .filter(audit_chain::Column::Seq.gt(last_seq))
                .order_by_asc(audit_chain::Column::Seq)
                .limit(WALK_BATCH)
                .all(&self.db)
                .await?;
            let n = links.len() as u64;
            for (link, entry) in links {
                let intact = link.seq == last_seq + 1
                    && entry.is_some_and(|e| hex::encode(chain_hash(&previous, &e)) == link.hash);
                if !intact && first_broken_id.is_none() {
                    first_broken_id = Some(link.entry_id);
                }
                checked += 1;
                last_seq = link.seq;
                previous = hash_bytes(&link.hash);
            }
            if n < WALK_BATCH {
                break;
            }
        }
        let pending = self.audit_pending_count().await?;
        Ok(AuditVerification { ok: first_broken_id.is_none(), checked, pending, first_broken_id })
    }

    /// Entries written but not in the chain: the sequencer's backlog.
    async fn audit_pending_count(&self) -> Result<u64> {
        let backend = self.db.get_database_backend();
        let sql = "SELECT (SELECT COUNT(*) FROM audit_entries) - (SELECT COUNT(*) FROM audit_chain) AS n";
        let row = self.db.query_one_raw(Statement::from_string(backend, sql)).await?;
        let n = row.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0);
        Ok(n.max(0) as u64)
    }

    /// The head of the chain, if anything is sealed yet.
    pub async fn audit_anchor(&self) -> Result<Option<AuditAnchor>> {
        let head = audit_chain::Entity::find()
            .find_also_related(audit_entries::Entity)
            .order_by_desc(audit_chain::Column::Seq)
            .one(&self.db)
            .await?;
        Ok(head.map(|(link, entry)| AuditAnchor {
            seq: link.seq,
            hash: link.hash,
            entry_id: link.entry_id,
            at: entry.map_or_else(Utc::now, |e| e.at),
        }))
    }
}
