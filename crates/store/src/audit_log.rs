//! Reading the audit log: filtered pages, the chain walk that verifies it, its anchor.

use chrono::Utc;
use radgestmat_domain::{AuditAction, AuditAnchor, AuditEntry, AuditFilter, AuditVerification, List, Page};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IdenStatic, IntoSimpleExpr, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Statement,
};
use tracing::instrument;

use crate::audit::{GENESIS, chain_hash, hash_bytes};
use crate::entities::{audit_chain, audit_entries};
use crate::keyset::{Sort, page};
use crate::positional::Cursor;
use crate::{Result, Store};

/// Sealed entries read per query of the chain walk.
const WALK_BATCH: u64 = 20_000;

type Row = (audit_entries::Model, Option<audit_chain::Model>);

/// An entry as the API shows it. Its columns are kept as the text they were hashed from; an
/// action the code does not know is an error (the log says what it says, never a guess).
fn view((e, link): Row) -> Result<AuditEntry> {
    let json = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
    let action = AuditAction::parse(&e.action).map_err(|err| anyhow::anyhow!("audit entry {}: {err}", e.id))?;
    Ok(AuditEntry {
        id: e.id,
        at: e.at,
        actor_kind: e.actor_kind.0,
        actor_id: e.actor_id,
        actor_name: e.actor_name,
        token_id: e.token_id,
        action,
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
    })
}

fn filtered<S: QueryFilter>(mut select: S, filter: &AuditFilter) -> S {
    use audit_entries::Column as C;
    if let Some(entity) = &filter.entity {
        select = select.filter(C::Entity.eq(entity.as_str()));
    }
    if let Some(action) = filter.action {
        select = select.filter(C::Action.eq(action.as_str()));
    }
    if let Some(tag) = &filter.asset_tag {
        select = select.filter(C::AssetTag.eq(tag.trim().to_uppercase()));
    }
    for (id, column) in [(filter.entity_id, C::EntityId), (filter.actor_id, C::ActorId)] {
        if let Some(id) = id {
            select = select.filter(column.eq(id));
        }
    }
    if let Some(from) = filter.from {
        select = select.filter(C::At.gte(from.start()));
    }
    if let Some(to) = filter.to {
        select = select.filter(C::At.lt(to.end()));
    }
    select
}

impl Store {
    /// A page of the log, newest first (oldest first with `sort=id`).
    #[instrument(skip_all)]
    pub async fn list_audit(&self, query: &List<AuditFilter>) -> Result<Page<AuditEntry>> {
        let descending = query.sort.is_none() || query.descending;
        let sort = Sort { key: None, id: audit_entries::Column::Id.into_simple_expr(), descending };
        let total = match query.count {
            true => Some(filtered(audit_entries::Entity::find(), &query.filter).count(&self.db).await?),
            false => None,
        };
        // The page's ids first, from the indexes alone; then those rows with their links.
        let ids = audit_entries::Entity::find().select_only().column(audit_entries::Column::Id);
        let ids = filtered(ids, &query.filter);
        let ids: Vec<i64> = sort.apply(ids, query)?.into_tuple().all(&self.db).await?;
        let rows = audit_entries::Entity::find()
            .find_also_related(audit_chain::Entity)
            .filter(audit_entries::Column::Id.is_in(ids))
            .order_by(audit_entries::Column::Id, sort.order())
            .all(&self.db)
            .await?;
        let entries = rows.into_iter().map(view).collect::<Result<Vec<_>>>()?;
        Ok(page(entries, query.limit, total, |e| Sort::cursor(None, e.id)))
    }

    /// Walks the whole chain: every sealed entry must hash, with its predecessor's hash, to the
    /// hash stored for it, and the positions must follow one another. The next batch is read
    /// while the current one is hashed, on every core.
    #[instrument(skip_all)]
    pub async fn verify_audit(&self) -> Result<AuditVerification> {
        let (head, pending) = self.audit_extent().await?;
        let mut walk = Walk { checked: 0, last_seq: 0, previous: GENESIS, first_broken_id: None };
        let mut next = Some(tokio::spawn(links_after(self.db.clone(), 0, head)));
        while let Some(fetching) = next.take() {
            let links = fetching.await.map_err(anyhow::Error::from)??;
            if links.len() as u64 == WALK_BATCH
                && let Some((last, _)) = links.last()
            {
                next = Some(tokio::spawn(links_after(self.db.clone(), last.seq, head)));
            }
            walk = tokio::task::spawn_blocking(move || walk.through(&links)).await.map_err(anyhow::Error::from)?;
        }
        let Walk { checked, first_broken_id, .. } = walk;
        Ok(AuditVerification { ok: first_broken_id.is_none(), checked, pending, first_broken_id })
    }

    /// The last sealed position, and how many entries are not sealed, read together so that a
    /// walk up to that position and the backlog describe the same moment.
    async fn audit_extent(&self) -> Result<(i64, u64)> {
        let backend = self.db.get_database_backend();
        let sql = "SELECT (SELECT COALESCE(MAX(seq), 0) FROM audit_chain) AS head, \
                   (SELECT COUNT(*) FROM audit_entries) - (SELECT COUNT(*) FROM audit_chain) AS pending";
        let row = self.db.query_one_raw(Statement::from_string(backend, sql)).await?;
        let (head, pending) = match row {
            Some(row) => (row.try_get::<i64>("", "head")?, row.try_get::<i64>("", "pending")?),
            None => (0, 0),
        };
        Ok((head, pending.max(0) as u64))
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

/// One batch of the chain after position `after` and up to `head`, with its entries. The SQL
/// holds no upper bound and literal integers: that keeps PostgreSQL on the ordered index scan
/// (a range bound with stale statistics, or a generic plan for bind parameters, made it sort
/// the whole rest of the chain for every batch: 45 s instead of 7 s for 1M entries).
async fn links_after(db: DatabaseConnection, after: i64, head: i64) -> Result<Vec<Link>> {
    let chain = ChainColumns::columns().map(|c| format!("c.{}", c.as_str()));
    let columns: Vec<String> = chain.chain(EntryColumns::columns().map(|c| format!("e.{}", c.as_str()))).collect();
    let sql = format!(
        "SELECT {} FROM audit_chain c LEFT JOIN audit_entries e ON e.id = c.entry_id \
         WHERE c.seq > {after} ORDER BY c.seq LIMIT {WALK_BATCH}",
        columns.join(", ")
    );
    let statement = Statement::from_string(db.get_database_backend(), sql);
    let rows = db.query_all_raw(statement).await?;
    let link = |row: &sea_orm::QueryResult| -> std::result::Result<Link, sea_orm::DbErr> {
        let mut r = Cursor::new(row);
        let chain = ChainColumns::read(&mut r)?;
        // A link whose entry is gone reads NULLs from the entry's id on.
        let entry = match row.try_get_by_index::<Option<i64>>(ChainColumns::NAMES.len())? {
            Some(_) => Some(EntryColumns::read(&mut r)?),
            None => None,
        };
        Ok((chain, entry))
    };
    let links: Vec<Link> = rows.iter().map(link).collect::<std::result::Result<_, _>>()?;
    Ok(links.into_iter().take_while(|(c, _)| c.seq <= head).collect())
}

positional! {
    /// A link of the chain.
    ChainColumns: audit_chain::Model, from audit_chain { seq, entry_id, hash }
}

positional! {
    /// Then its entry, as stored.
    EntryColumns: audit_entries::Model, from audit_entries {
        id, at, actor_kind, actor_id, actor_name, token_id, action, entity, entity_id, asset_tag, before,
        after, ip, user_agent, request_id,
    }
}

type Link = (audit_chain::Model, Option<audit_entries::Model>);

/// Where a chain walk stands.
#[derive(Clone, Copy)]
struct Walk {
    checked: u64,
    last_seq: i64,
    previous: [u8; 32],
    first_broken_id: Option<i64>,
}

impl Walk {
    /// Checks a batch. Each link is checked against the hash stored before it, so the links are
    /// independent and are hashed in parallel; a break is reported at the first broken link.
    fn through(self, links: &[Link]) -> Walk {
        let intact = |i: usize| {
            let (link, entry) = &links[i];
            let (previous, seq) = match i {
                0 => (self.previous, self.last_seq),
                _ => (hash_bytes(&links[i - 1].0.hash), links[i - 1].0.seq),
            };
            link.seq == seq + 1 && entry.as_ref().is_some_and(|e| hex::encode(chain_hash(&previous, e)) == link.hash)
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = links.len().div_ceil(threads).max(1);
        let first_broken = std::thread::scope(|scope| {
            let parts: Vec<_> = (0..links.len())
                .step_by(chunk)
                .map(|start| scope.spawn(move || (start..(start + chunk).min(links.len())).find(|&i| !intact(i))))
                .collect();
            parts.into_iter().find_map(|part| part.join().ok().flatten())
        });
        match links.last() {
            None => self,
            Some((last, _)) => Walk {
                checked: self.checked + links.len() as u64,
                last_seq: last.seq,
                previous: hash_bytes(&last.hash),
                first_broken_id: self.first_broken_id.or(first_broken.map(|i| links[i].0.entry_id)),
            },
        }
    }
}
