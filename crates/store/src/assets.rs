//! Asset use cases: register, search, edit with optimistic locking, delete when history-free.

use radgestmat_domain::{
    Actor, AssetFields, AssetFilter, AssetSort, AssetStatus, AssetTag, AssetView, AuditAction, CurrentAssignment,
    DomainError, List, Page, Reason, Term, Validate, check_custom, fold, json, site_at_location,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, FromQueryResult, IntoSimpleExpr, JoinType,
    PaginatorTrait, QueryFilter, QueryResult, QuerySelect, QueryTrait, RelationTrait,
};
use tracing::instrument;

use crate::audit::{Change, record};
use crate::entities::{asset_models, assets, assignments, employees, locations, manufacturers};
use crate::keyset::{self, KeyKind, Sort, page};
use crate::positional::Cursor;
use crate::reference_data::{Locations, Models, Sites, Suppliers};
use crate::resources::{Ref, check_references, count_where};
use crate::{Result, Store, now};

positional! {
    /// An asset's columns in a list row (not its search text).
    AssetColumns: assets::Model, from assets {
        id, asset_tag, serial, name, model_id, manufacturer_id, status, site_id, location_id, supplier_id,
        order_number, purchase_date, purchase_cost, warranty_end, notes, version, created_at, updated_at,
        last_audit_at, status_since, custom,
    } else { search: String::new() }
}

/// The open assignment beside an asset, all NULL when it has none (a LEFT JOIN).
pub(crate) struct Holder {
    id: Option<i64>,
    employee_id: Option<i64>,
    location_id: Option<i64>,
    checked_out_at: Option<chrono::DateTime<chrono::Utc>>,
    expected_return_at: Option<chrono::DateTime<chrono::Utc>>,
}

positional! {
    /// Then the open assignment's columns.
    HolderColumns: Holder, from assignments { id, employee_id, location_id, checked_out_at, expected_return_at }
}

/// An asset and its open assignment, decoded by position.
struct Row(assets::Model, Option<CurrentAssignment>);

impl FromQueryResult for Row {
    fn from_query_result(row: &QueryResult, _: &str) -> std::result::Result<Self, DbErr> {
        let mut r = Cursor::new(row);
        let asset = AssetColumns::read(&mut r)?;
        let h = HolderColumns::read(&mut r)?;
        let holder = match (h.id, h.checked_out_at) {
            (None, _) => None,
            (Some(id), Some(checked_out_at)) => Some(CurrentAssignment {
                id,
                employee_id: h.employee_id,
                location_id: h.location_id,
                checked_out_at,
                expected_return_at: h.expected_return_at,
            }),
            (Some(id), None) => {
                return Err(DbErr::Type(format!("assignment {id} has no check-out time")));
            }
        };
        Ok(Row(asset, holder))
    }
}

/// Assets with their open assignment, if any, in one query; decode with `.into_model::<Row>()`.
fn with_holder() -> sea_orm::Select<assets::Entity> {
    let open = assets::Relation::Assignments
        .def()
        .on_condition(|_, right| Expr::col((right, assignments::Column::ReturnedAt)).is_null().into());
    let mut select = assets::Entity::find().select_only().join(JoinType::LeftJoin, open);
    for column in AssetColumns::columns() {
        select = select.column(column);
    }
    for (i, column) in HolderColumns::columns().enumerate() {
        select = select.column_as(Expr::col((assignments::Entity, column)), format!("holder_{i}"));
    }
    select
}

fn view(Row(asset, holder): Row) -> AssetView {
    AssetView {
        id: asset.id,
        fields: AssetFields {
            asset_tag: Some(asset.asset_tag),
            serial: asset.serial,
            name: asset.name,
            model_id: asset.model_id,
            status: asset.status.0,
            site_id: asset.site_id,
            location_id: asset.location_id,
            supplier_id: asset.supplier_id,
            order_number: asset.order_number,
            purchase_date: asset.purchase_date,
            purchase_cost: asset.purchase_cost,
            warranty_end: asset.warranty_end,
            notes: asset.notes,
            custom: asset.custom.0,
        },
        version: asset.version,
        current_assignment: holder,
        last_audit_at: asset.last_audit_at,
        status_since: asset.status_since,
        created_at: asset.created_at,
        updated_at: asset.updated_at,
    }
}

type AssetList = List<AssetFilter>;

fn sort_of(query: &AssetList) -> Sort {
    use assets::Column as C;
    let key = match query.sort.unwrap_or(AssetSort::AssetTag) {
        AssetSort::AssetTag => Some((C::AssetTag.into_simple_expr(), KeyKind::Text)),
        AssetSort::Name => Some(keyset::name_key(C::Name.into_simple_expr())),
        AssetSort::PurchaseDate => Some((Sort::date_expr(C::PurchaseDate.into_simple_expr()), KeyKind::Date)),
        AssetSort::WarrantyEnd => Some((Sort::date_expr(C::WarrantyEnd.into_simple_expr()), KeyKind::Date)),
        AssetSort::UpdatedAt => Some((C::UpdatedAt.into_simple_expr(), KeyKind::Instant)),
        AssetSort::Id => None,
    };
    Sort { key, id: C::Id.into_simple_expr(), descending: query.descending }
}

fn cursor_of(query: &AssetList, a: &AssetView) -> String {
    let key = match query.sort.unwrap_or(AssetSort::AssetTag) {
        AssetSort::AssetTag => Some(a.tag().to_owned()),
        AssetSort::Name => Some(a.fields.name.clone()),
        AssetSort::PurchaseDate => Some(keyset::date_key(a.fields.purchase_date)),
        AssetSort::WarrantyEnd => Some(keyset::date_key(a.fields.warranty_end)),
        AssetSort::UpdatedAt => Some(keyset::instant_key(a.updated_at)),
        AssetSort::Id => None,
    };
    Sort::cursor(key, a.id)
}

/// The list's search and filter as a condition on `assets`.
fn filtered<S: QueryFilter>(mut select: S, query: &AssetList) -> S {
    use assets::Column as C;
    let f = &query.filter;
    if let Some(q) = &query.q {
        // Its tag, serial, name or model; or the name of who holds it now.
        let held_by = sea_orm::sea_query::Query::select()
            .column((assignments::Entity, assignments::Column::AssetId))
            .from(assignments::Entity)
            .inner_join(
                employees::Entity,
                Expr::col((employees::Entity, employees::Column::Id))
                    .equals((assignments::Entity, assignments::Column::EmployeeId)),
            )
            .and_where(Expr::col((assignments::Entity, assignments::Column::ReturnedAt)).is_null())
            .and_where(keyset::contains(Expr::col((employees::Entity, employees::Column::Search)), q))
            .to_owned();
        let matches =
            keyset::contains(Expr::col((assets::Entity, C::Search)), q)
                .or(Expr::col((assets::Entity, C::Id)).in_subquery(held_by));
        select = select.filter(matches);
    }
    if let Some(status) = f.status {
        select = select.filter(C::Status.eq(status.as_str()));
    }
    if !f.ids.is_empty() {
        select = select.filter(C::Id.is_in(f.ids.iter().copied()));
    }
    for (id, column) in [
        (f.model_id, C::ModelId),
        (f.site_id, C::SiteId),
        (f.location_id, C::LocationId),
        (f.supplier_id, C::SupplierId),
    ] {
        if let Some(id) = id {
            select = select.filter(column.eq(id));
        }
    }
    for (key, value) in &f.custom {
        select = select.filter(crate::custom_values::holds(key, value));
    }
    if let Some(category) = f.category_id {
        let models = asset_models::Entity::find()
            .select_only()
            .column(asset_models::Column::Id)
            .filter(asset_models::Column::CategoryId.eq(category))
            .into_query();
        select = select.filter(C::ModelId.in_subquery(models));
    }
    if let Some(employee) = f.employee_id {
        let held = Query::select()
            .column(assignments::Column::AssetId)
            .from(assignments::Entity)
            .and_where(assignments::Column::EmployeeId.eq(employee))
            .and_where(assignments::Column::ReturnedAt.is_null())
            .to_owned();
        select = select.filter(C::Id.in_subquery(held));
    }
    select
}

impl Store {
    #[instrument(skip_all)]
    pub async fn list_assets(&self, query: &AssetList) -> Result<Page<AssetView>> {
        let sort = sort_of(query);
        let total =
            if query.count { Some(filtered(assets::Entity::find(), query).count(&self.db).await?) } else { None };
        let rows = sort.apply(filtered(with_holder(), query), query)?.into_model::<Row>().all(&self.db).await?;
        Ok(page(rows.into_iter().map(view).collect(), query.limit, total, |a| cursor_of(query, a)))
    }

    #[instrument(skip_all, fields(asset.id = id))]
    pub async fn get_asset(&self, id: i64) -> Result<AssetView> {
        by_id(&self.db, id).await
    }

    /// The scanner's look-up: the tag is normalised first, so `kit-000123` finds `KIT-000123`.
    #[instrument(skip_all, fields(asset.tag = tag))]
    pub async fn get_asset_by_tag(&self, tag: &str) -> Result<AssetView> {
        let tag = AssetTag::parse(tag).map_err(|_| DomainError::not_found("asset", tag))?;
        one(with_holder().filter(assets::Column::AssetTag.eq(tag.as_str())), &self.db, || tag.as_str().to_owned()).await
    }

    #[instrument(skip_all)]
    pub async fn create_asset(&self, actor: &Actor, mut fields: AssetFields) -> Result<AssetView> {
        fields.validate()?;
        fields.status.edit_to(fields.status).and(AssetStatus::InStock.edit_to(fields.status))?;
        let txn = self.write().await?;
        let tag = match &fields.asset_tag {
            Some(tag) => AssetTag::parse(tag)?,
            None => self.next_tag(&txn).await?,
        };
        let (manufacturer_id, search) = prepare(&txn, &tag, &mut fields, None).await?;
        let at = now();
        let active = assets::ActiveModel {
            asset_tag: Set(tag.as_str().to_owned()),
            manufacturer_id: Set(manufacturer_id),
            search: Set(search),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            status_since: Set(Some(at)),
            ..written(&fields)
        };
        let id = assets::Entity::insert(active).exec(&txn).await?.last_insert_id;
        crate::custom_values::keep_unique(&txn, id, &fields).await?;
        let asset = by_id(&txn, id).await?;
        record(&txn, actor, Change::created(AuditAction::AssetCreate, id, &asset.fields).tag(asset.tag())).await?;
        self.commit(txn).await?;
        Ok(asset)
    }

    /// Applies a merge patch. With `expected_version`, a concurrent change gives `Stale`.
    #[instrument(skip_all, fields(asset.id = id))]
    pub async fn update_asset(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: Option<i64>,
        patch: serde_json::Value,
    ) -> Result<AssetView> {
        let txn = self.write().await?;
        let (_, asset) = edit(&txn, actor, id, expected_version, patch).await?;
        self.commit(txn).await?;
        Ok(asset)
    }

    /// Deletes an asset created by mistake. One with any assignment in its history is kept
    /// (409): retire it instead.
    #[instrument(skip_all, fields(asset.id = id))]
    pub async fn delete_asset(&self, actor: &Actor, id: i64) -> Result<()> {
        let txn = self.write().await?;
        let asset =
            assets::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| DomainError::not_found("asset", id))?;
        let history = count_where(&txn, "assignments", "asset_id", id).await?;
        if history > 0 {
            let reason = Reason::RetireInstead { tag: asset.asset_tag, count: history as u64 };
            return Err(DomainError::conflict(reason).into());
        }
        assets::Entity::delete_by_id(id).exec(&txn).await?;
        let before = view(Row(asset, None));
        record(&txn, actor, Change::deleted(AuditAction::AssetDelete, id, &before.fields).tag(before.tag())).await?;
        self.commit(txn).await?;
        Ok(())
    }

    /// The next free generated tag, `PREFIX-000123`, from a counter row.
    pub(crate) async fn next_tag(&self, txn: &DatabaseTransaction) -> Result<AssetTag> {
        let prefix = &self.options.asset_tag_prefix;
        loop {
            let n = crate::counters::bump_counter(txn, "asset_tag", 1).await?;
            let tag = AssetTag::generated(prefix, n);
            if assets::Entity::find().filter(assets::Column::AssetTag.eq(tag.as_str())).count(txn).await? == 0 {
                return Ok(tag);
            }
        }
    }
}

pub(crate) async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<AssetView> {
    one(with_holder().filter(assets::Column::Id.eq(id)), db, || id.to_string()).await
}

async fn one(
    select: sea_orm::Select<assets::Entity>,
    db: &impl ConnectionTrait,
    key: impl Fn() -> String,
) -> Result<AssetView> {
    let row = select.into_model::<Row>().one(db).await?.ok_or_else(|| DomainError::not_found("asset", key()))?;
    Ok(view(row))
}

/// A merge patch of one asset in the caller's transaction, audited; its state before and after.
pub(crate) async fn edit(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    expected_version: Option<i64>,
    patch: serde_json::Value,
) -> Result<(AssetView, AssetView)> {
    let current = by_id(txn, id).await?;
    if expected_version.is_some_and(|v| v != current.version) {
        return Err(DomainError::Stale { current: current.version }.into());
    }
    // The custom values the patch gives; the asset's others stay only while its category has them.
    let given: Vec<String> =
        patch.get("custom").and_then(|c| c.as_object()).map_or_else(Vec::new, |c| c.keys().cloned().collect());
    let mut fields: AssetFields = json::merge(&current.fields, patch)?;
    fields.validate()?;
    current.fields.status.edit_to(fields.status)?;
    let tag = AssetTag::parse(fields.asset_tag.as_deref().unwrap_or(current.tag()))?;
    let (manufacturer_id, search) = prepare(txn, &tag, &mut fields, Some(&given)).await?;
    let at = now();
    let status_since = if fields.status == current.fields.status { NotSet } else { Set(Some(at)) };
    let changed = assets::Entity::update_many()
        .set(assets::ActiveModel {
            asset_tag: Set(tag.as_str().to_owned()),
            manufacturer_id: Set(manufacturer_id),
            search: Set(search),
            updated_at: Set(at),
            status_since,
            ..written(&fields)
        })
        .col_expr(assets::Column::Version, Expr::col(assets::Column::Version).add(1))
        .filter(assets::Column::Id.eq(id))
        .filter(assets::Column::Version.eq(current.version))
        .exec(txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(DomainError::Stale { current: current.version + 1 }.into());
    }
    crate::custom_values::keep_unique(txn, id, &fields).await?;
    let asset = by_id(txn, id).await?;
    let action = if asset.fields.status == AssetStatus::Retired && current.fields.status != AssetStatus::Retired {
        AuditAction::AssetRetire
    } else {
        AuditAction::AssetUpdate
    };
    let change = Change::updated(action, id, &current.fields, &asset.fields);
    record(txn, actor, change.tag(asset.tag())).await?;
    Ok((current, asset))
}

pub(crate) fn json_of(fields: &AssetFields) -> serde_json::Value {
    serde_json::to_value(fields).unwrap_or_default()
}

/// The columns a client writes, as an active model.
pub(crate) fn written(f: &AssetFields) -> assets::ActiveModel {
    assets::ActiveModel {
        serial: Set(f.serial.as_ref().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())),
        name: Set(f.name.trim().to_owned()),
        model_id: Set(f.model_id),
        status: Set(f.status.into()),
        site_id: Set(f.site_id),
        location_id: Set(f.location_id),
        supplier_id: Set(f.supplier_id),
        order_number: Set(f.order_number.clone()),
        purchase_date: Set(f.purchase_date),
        purchase_cost: Set(f.purchase_cost),
        warranty_end: Set(f.warranty_end),
        notes: Set(f.notes.clone()),
        custom: Set(crate::json_text::JsonText(f.custom.clone())),
        ..Default::default()
    }
}

/// Checks references and uniqueness, and returns the model's manufacturer and the search text.
/// An asset at a location is at that location's site: given without a site, it takes it.
/// `given`: on an edit, the custom keys the patch names; the asset's other values of fields its
/// (perhaps new) category lacks are let go rather than refused (a field deleted, a model changed).
async fn prepare(
    txn: &DatabaseTransaction,
    tag: &AssetTag,
    f: &mut AssetFields,
    given: Option<&[String]>,
) -> Result<(i64, String)> {
    let mut refs = vec![Ref::to::<Models>("model_id", f.model_id)];
    refs.extend(f.site_id.map(|id| Ref::to::<Sites>("site_id", id)));
    refs.extend(f.location_id.map(|id| Ref::to::<Locations>("location_id", id)));
    refs.extend(f.supplier_id.map(|id| Ref::to::<Suppliers>("supplier_id", id)));
    check_references(txn, refs).await?;
    let model = asset_models::Entity::find_by_id(f.model_id)
        .one(txn)
        .await?
        .ok_or_else(|| DomainError::invalid("model_id", Reason::NoSuch { what: Term::Model, id: f.model_id }))?;
    if let Some(location) = f.location_id
        && let Some(location) = locations::Entity::find_by_id(location).one(txn).await?
    {
        f.site_id = Some(site_at_location(f.site_id, location.site_id)?);
    }
    let fields: Vec<_> =
        crate::custom_values::custom_fields_of(txn, model.category_id).await?.into_iter().map(|(_, f)| f).collect();
    if let Some(given) = given {
        f.custom.retain(|key, _| given.contains(key) || fields.iter().any(|field| &field.key == key));
    }
    f.custom = check_custom(&fields, &f.custom)?;
    let maker = manufacturers::Entity::find_by_id(model.manufacturer_id).one(txn).await?.map(|m| m.name);
    Ok((model.manufacturer_id, search_text(tag.as_str(), f, &model, maker.as_deref())))
}

pub(crate) fn search_text(tag: &str, f: &AssetFields, model: &asset_models::Model, maker: Option<&str>) -> String {
    let custom: Vec<String> = f.custom.values().map(radgestmat_domain::CustomFieldFields::text).collect();
    fold(&format!(
        "{tag} {} {} {} {} {} {}",
        f.serial.as_deref().unwrap_or(""),
        f.name,
        model.name,
        model.model_number.as_deref().unwrap_or(""),
        maker.unwrap_or(""),
        custom.join(" ")
    ))
}

/// After a model changed: its assets take its manufacturer and their search text follows.
pub(crate) async fn refresh_search_for_model(txn: &DatabaseTransaction, model_id: i64) -> Result<()> {
    let Some(model) = asset_models::Entity::find_by_id(model_id).one(txn).await? else { return Ok(()) };
    let maker = manufacturers::Entity::find_by_id(model.manufacturer_id).one(txn).await?.map(|m| m.name);
    let rows = assets::Entity::find().filter(assets::Column::ModelId.eq(model_id)).all(txn).await?;
    for asset in rows {
        let id = asset.id;
        let fields = view(Row(asset, None)).fields;
        let search = search_text(fields.asset_tag.as_deref().unwrap_or(""), &fields, &model, maker.as_deref());
        assets::Entity::update_many()
            .col_expr(assets::Column::Search, Expr::val(search))
            .col_expr(assets::Column::ManufacturerId, Expr::val(model.manufacturer_id))
            .filter(assets::Column::Id.eq(id))
            .exec(txn)
            .await?;
    }
    Ok(())
}
