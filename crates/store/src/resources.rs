//! Reference data (sites, locations, departments, employees, catalogue): one generic set of
//! use cases; what differs per kind is in `reference_data`.

use radgestmat_domain::{
    Actor, AuditAction, DomainError, Filter, List, Page, Reason, Stored, Term, Validate, Vocabulary, json,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, ValueType};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityName,
    EntityTrait, FromQueryResult, IntoActiveModel, IntoSimpleExpr, ModelTrait, PaginatorTrait, QueryFilter,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::instrument;

use crate::audit::{Change, record};
use crate::keyset::{self, page};
use crate::{Result, Store, now};

/// A kind of reference record with plain create / read / update / delete.
pub trait Resource: Send + Sync + 'static {
    type Fields: Validate + Serialize + DeserializeOwned + Clone + Send + Sync + 'static;
    #[doc(hidden)]
    type Entity: EntityTrait<Model = Self::Model, ActiveModel = Self::Active>;
    #[doc(hidden)]
    type Model: ModelTrait<Entity = Self::Entity> + IntoActiveModel<Self::Active> + FromQueryResult + Send + Sync;
    #[doc(hidden)]
    type Active: ActiveModelTrait<Entity = Self::Entity> + ActiveModelBehavior + Send + Sync;
    /// Its list's filter and sort keys; the first sort key is the default order.
    type Filter: Filter;
    /// What one record is, in messages and logs: `site`.
    const TERM: Term;
    /// What the audit log records for a creation, an update and a deletion.
    const ACTIONS: [AuditAction; 3];
    /// The columns every reference table has.
    #[doc(hidden)]
    const COMMON: Columns<Column<Self>>;
    /// Who points at this resource: (table, column, what its rows are), checked before a delete.
    const USED_BY: &'static [(&'static str, &'static str, Term)] = &[];

    #[doc(hidden)]
    fn fields(model: &Model<Self>) -> Self::Fields;
    /// The active model with the client's fields set (not id, search or timestamps).
    #[doc(hidden)]
    fn active(fields: &Self::Fields) -> Active<Self>;
    #[doc(hidden)]
    fn search_text(fields: &Self::Fields) -> String;
    /// The text column of a sort key; `None` for the id.
    #[doc(hidden)]
    fn sort_column(sort: Sort<Self>) -> Option<Column<Self>>;
    /// The list filter's condition.
    #[doc(hidden)]
    fn condition(_filter: &Self::Filter) -> Condition {
        Condition::all()
    }
    /// The ids this record refers to, which must exist: (field, what, id).
    #[doc(hidden)]
    fn references(_fields: &Self::Fields) -> Vec<Ref> {
        Vec::new()
    }
    /// Runs in an update's transaction once the row is written: may refuse the change, or
    /// carry it to other records. `forced`: an administrator asked to override a safeguard.
    #[doc(hidden)]
    fn on_update<'a>(
        _txn: &'a DatabaseTransaction,
        _id: i64,
        _before: &'a Self::Fields,
        _after: &'a Self::Fields,
        _forced: bool,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

pub(crate) type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>;

type Model<R> = <R as Resource>::Model;
type Active<R> = <R as Resource>::Active;
type Column<R> = <<R as Resource>::Entity as EntityTrait>::Column;
type Sort<R> = <<R as Resource>::Filter as Filter>::Sort;

/// The columns every reference table has, named once per table.
#[derive(Debug, Clone, Copy)]
pub struct Columns<C> {
    pub id: C,
    pub search: C,
    pub created_at: C,
    pub updated_at: C,
}

/// A row as the API shows it; its id and timestamps are read through their typed columns.
fn stored<R: Resource>(model: &Model<R>) -> Result<Stored<R::Fields>> {
    fn get<T: ValueType, R: Resource>(model: &Model<R>, column: Column<R>) -> Result<T> {
        T::try_from(model.get(column))
            .map_err(|_| anyhow::anyhow!("{}: unreadable column {column:?}", R::TERM.as_str()).into())
    }
    Ok(Stored {
        id: get::<_, R>(model, R::COMMON.id)?,
        fields: R::fields(model),
        created_at: get::<_, R>(model, R::COMMON.created_at)?,
        updated_at: get::<_, R>(model, R::COMMON.updated_at)?,
    })
}

impl Store {
    #[instrument(skip_all, fields(resource = R::TERM.as_str()))]
    pub async fn list<R: Resource>(&self, query: &List<R::Filter>) -> Result<Page<Stored<R::Fields>>> {
        let sort_key = query.sort.unwrap_or(Sort::<R>::ALL[0]);
        let key = R::sort_column(sort_key).map(|c| keyset::name_key(c.into_simple_expr()));
        let sort = keyset::Sort { key, id: R::COMMON.id.into_simple_expr(), descending: query.descending };

        let mut select = R::Entity::find().filter(R::condition(&query.filter));
        if let Some(q) = &query.q {
            select = select.filter(keyset::contains(R::COMMON.search.into_simple_expr(), q));
        }
        let total = if query.count { Some(select.clone().count(&self.db).await?) } else { None };
        let rows = sort.apply(select, query)?.all(&self.db).await?;
        let items = rows.iter().map(stored::<R>).collect::<Result<Vec<_>>>()?;
        // The sort keys are text columns named as the fields.
        let by_key = R::sort_column(sort_key).is_some();
        Ok(page(items, query.limit, total, |item| {
            let key = by_key.then(|| text_key(&serde_json::to_value(&item.fields).ok(), sort_key.as_str()));
            keyset::Sort::cursor(key, item.id)
        }))
    }

    #[instrument(skip_all, fields(resource = R::TERM.as_str(), id))]
    pub async fn get<R: Resource>(&self, id: i64) -> Result<Stored<R::Fields>> {
        stored::<R>(&find::<R>(&self.db, id).await?)
    }

    #[instrument(skip_all, fields(resource = R::TERM.as_str()))]
    pub async fn create<R: Resource>(&self, actor: &Actor, fields: R::Fields) -> Result<Stored<R::Fields>> {
        let txn = self.write().await?;
        let created = insert::<R>(&txn, actor, fields).await?;
        self.commit(txn).await?;
        Ok(created)
    }

    /// Applies a merge patch: absent fields are kept, `null` clears an optional one. `force`
    /// (administrators only) overrides a safeguard, such as the one that keeps an employee who
    /// still holds equipment active.
    #[instrument(skip_all, fields(resource = R::TERM.as_str(), id))]
    pub async fn update<R: Resource>(
        &self,
        actor: &Actor,
        id: i64,
        patch: serde_json::Value,
        force: bool,
    ) -> Result<Stored<R::Fields>> {
        let txn = self.write().await?;
        let before = fields_of::<R>(&txn, id).await?;
        let fields: R::Fields = json::merge(&before, patch)?;
        let updated = update_in::<R>(&txn, actor, id, &before, fields, force).await?;
        self.commit(txn).await?;
        Ok(updated)
    }

    /// Deletes a record nobody refers to; otherwise 409 with who still uses it.
    #[instrument(skip_all, fields(resource = R::TERM.as_str(), id))]
    pub async fn delete<R: Resource>(&self, actor: &Actor, id: i64) -> Result<()> {
        let txn = self.write().await?;
        let before = R::fields(&find::<R>(&txn, id).await?);
        for (table, column, label) in R::USED_BY {
            let n = count_where(&txn, table, column, id).await?;
            if n > 0 {
                return Err(
                    DomainError::conflict(Reason::StillUsed { entity: R::TERM, count: n, label: *label }).into()
                );
            }
        }
        R::Entity::delete_many().filter(R::COMMON.id.eq(id)).exec(&txn).await?;
        record(&txn, actor, Change::deleted(R::ACTIONS[2], id, &before)).await?;
        self.commit(txn).await?;
        Ok(())
    }
}

/// Creates a record in the caller's transaction, audited.
pub(crate) async fn insert<R: Resource>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    fields: R::Fields,
) -> Result<Stored<R::Fields>> {
    fields.validate()?;
    check_references(txn, R::references(&fields)).await?;
    let mut active = R::active(&fields);
    let at = now();
    active.set(R::COMMON.search, R::search_text(&fields).into());
    active.set(R::COMMON.created_at, at.into());
    active.set(R::COMMON.updated_at, at.into());
    let model = R::Entity::insert(active).exec_with_returning(txn).await?;
    let created = stored::<R>(&model)?;
    record(txn, actor, Change::created(R::ACTIONS[0], created.id, &created.fields)).await?;
    Ok(created)
}

/// Changes a record in the caller's transaction, audited; `before` is what it was.
pub(crate) async fn update_in<R: Resource>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    before: &R::Fields,
    fields: R::Fields,
    force: bool,
) -> Result<Stored<R::Fields>> {
    fields.validate()?;
    check_references(txn, R::references(&fields)).await?;
    let mut active = R::active(&fields);
    active.set(R::COMMON.id, id.into());
    active.set(R::COMMON.search, R::search_text(&fields).into());
    active.set(R::COMMON.updated_at, now().into());
    let model = active.update(txn).await?;
    R::on_update(txn, id, before, &fields, force).await?;
    let updated = stored::<R>(&model)?;
    let mut change = Change::updated(R::ACTIONS[1], id, before, &updated.fields);
    if let (true, Some(after)) = (force, change.after.as_mut()) {
        after["forced"] = true.into();
    }
    record(txn, actor, change).await?;
    Ok(updated)
}

/// A record's fields as they are now.
pub(crate) async fn fields_of<R: Resource>(db: &impl ConnectionTrait, id: i64) -> Result<R::Fields> {
    Ok(R::fields(&find::<R>(db, id).await?))
}

async fn find<R: Resource>(db: &impl ConnectionTrait, id: i64) -> Result<Model<R>> {
    R::Entity::find()
        .filter(R::COMMON.id.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::not_found(R::TERM.as_str(), id).into())
}

/// The text of a sort key, read from the serialised fields (sort keys are text columns).
fn text_key(fields: &Option<serde_json::Value>, key: &str) -> String {
    fields.as_ref().and_then(|f| f.get(key)).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
}

pub(crate) async fn count_where(db: &impl ConnectionTrait, table: &str, column: &str, id: i64) -> Result<i64> {
    let query = Query::select()
        .expr_as(Expr::col(Alias::new("id")).count(), Alias::new("n"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(column)).eq(id))
        .to_owned();
    let row = db.query_one(&query).await?;
    Ok(row.map(|r| r.try_get::<i64>("", "n")).transpose()?.unwrap_or(0))
}

/// A record's reference to another, which must exist: the field, and the record it names.
pub struct Ref {
    field: &'static str,
    what: Term,
    table: &'static str,
    id: i64,
}

impl Ref {
    /// `field` names the record `id` of `R`.
    pub fn to<R: Resource>(field: &'static str, id: i64) -> Ref {
        Ref { field, what: R::TERM, table: R::Entity::default().table_name(), id }
    }

    /// The record it names: (table, id).
    pub(crate) fn key(&self) -> (&'static str, i64) {
        (self.table, self.id)
    }
}

/// Each referenced id must exist, else a 422 naming the field.
pub(crate) async fn check_references(db: &impl ConnectionTrait, references: Vec<Ref>) -> Result<()> {
    let mut errors = Vec::new();
    for Ref { field, what, table, id } in references {
        if count_where(db, table, "id", id).await? == 0 {
            errors.push(radgestmat_domain::FieldError::new(field, Reason::NoSuch { what, id }));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(DomainError::Invalid(errors).into()) }
}
