//! Reference data (sites, locations, departments, employees, catalogue): one generic set of
//! use cases, and per resource only what differs — its columns, references and search text.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use radgestmat_domain::{
    Actor, AssetModelFields, AuditAction, CategoryFields, DepartmentFields, DomainError, EmployeeFields, ListQuery,
    LocationFields, ManufacturerFields, Page, Permission, SiteFields, Stored, SupplierFields, Validate, fold, json,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, FromQueryResult, IntoActiveModel, IntoSimpleExpr, ModelTrait, PaginatorTrait, QueryFilter, Value,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::instrument;

use crate::assignment_list::held_by;
use crate::audit::{Change, record};
use crate::entities::{asset_models, categories, departments, employees, locations, manufacturers, sites, suppliers};
use crate::keyset::{self, KeyKind, Sort, page};
use crate::vocabulary::Name;
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
    /// Singular name, in messages: "site".
    const NAME: &'static str;
    /// What the audit log records for a creation, an update and a deletion.
    const ACTIONS: [AuditAction; 3];
    /// Text columns a list may be sorted by; the first is the default.
    const SORTS: &'static [&'static str];
    /// Id or boolean columns a list may be filtered by.
    const FILTERS: &'static [&'static str] = &[];
    /// Who points at this resource: (table, column, plural label), checked before a delete.
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] = &[];

    #[doc(hidden)]
    fn fields(model: &Model<Self>) -> Self::Fields;
    /// The active model with the client's fields set (not id, search or timestamps).
    #[doc(hidden)]
    fn active(fields: &Self::Fields) -> Active<Self>;
    #[doc(hidden)]
    fn search_text(fields: &Self::Fields) -> String;
    /// The ids this record refers to, which must exist: (field, table, id).
    #[doc(hidden)]
    fn references(_fields: &Self::Fields) -> Vec<(&'static str, &'static str, i64)> {
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

type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>;

type Model<R> = <R as Resource>::Model;
type Active<R> = <R as Resource>::Active;
type Column<R> = <<R as Resource>::Entity as EntityTrait>::Column;

fn col<R: Resource>(name: &str) -> Column<R> {
    Column::<R>::from_str(name).unwrap_or_else(|_| panic!("{} has no column {name}", R::NAME))
}

fn stored<R: Resource>(model: &Model<R>) -> Stored<R::Fields> {
    let get = |name| model.get(col::<R>(name));
    Stored {
        id: get("id").unwrap::<i64>(),
        fields: R::fields(model),
        created_at: get("created_at").unwrap::<DateTime<Utc>>(),
        updated_at: get("updated_at").unwrap::<DateTime<Utc>>(),
    }
}

impl Store {
    #[instrument(skip_all, fields(resource = R::NAME))]
    pub async fn list<R: Resource>(&self, query: &ListQuery) -> Result<Page<Stored<R::Fields>>> {
        let id = col::<R>("id").into_simple_expr();
        let key_name = query.sort.as_deref().unwrap_or(R::SORTS[0]);
        let key = (key_name != "id").then(|| (col::<R>(key_name).into_simple_expr(), KeyKind::Text));
        let sort = Sort { key, id, descending: query.descending };

        let mut select = R::Entity::find();
        if let Some(q) = &query.q {
            select = select.filter(keyset::contains(col::<R>("search").into_simple_expr(), q));
        }
        for name in R::FILTERS {
            let value: Option<Value> = if *name == "active" {
                query.bool_filter(name)?.map(Into::into)
            } else {
                query.id_filter(name)?.map(Into::into)
            };
            if let Some(value) = value {
                select = select.filter(col::<R>(name).eq(value));
            }
        }
        let total = if query.count { Some(select.clone().count(&self.db).await?) } else { None };
        let rows = sort.apply(select, query)?.all(&self.db).await?;
        Ok(page(rows.iter().map(stored::<R>).collect(), query.limit, total, |item| {
            let key = (key_name != "id").then(|| text_key(&serde_json::to_value(&item.fields).ok(), key_name));
            Sort::cursor(key, item.id)
        }))
    }

    #[instrument(skip_all, fields(resource = R::NAME, id))]
    pub async fn get<R: Resource>(&self, id: i64) -> Result<Stored<R::Fields>> {
        find::<R>(&self.db, id).await.map(|m| stored::<R>(&m))
    }

    #[instrument(skip_all, fields(resource = R::NAME))]
    pub async fn create<R: Resource>(&self, actor: &Actor, fields: R::Fields) -> Result<Stored<R::Fields>> {
        fields.validate()?;
        let txn = self.write().await?;
        check_references(&txn, R::references(&fields)).await?;
        let mut active = R::active(&fields);
        let at = now();
        active.set(col::<R>("search"), R::search_text(&fields).into());
        active.set(col::<R>("created_at"), at.into());
        active.set(col::<R>("updated_at"), at.into());
        let model = R::Entity::insert(active).exec_with_returning(&txn).await?;
        let created = stored::<R>(&model);
        record(&txn, actor, Change::created(R::ACTIONS[0], created.id, &created.fields)).await?;
        self.commit(txn).await?;
        Ok(created)
    }

    /// Applies a merge patch: absent fields are kept, `null` clears an optional one. `force`
    /// (administrators only) overrides a safeguard, such as the one that keeps an employee who
    /// still holds equipment active.
    #[instrument(skip_all, fields(resource = R::NAME, id))]
    pub async fn update<R: Resource>(
        &self,
        actor: &Actor,
        id: i64,
        patch: serde_json::Value,
        force: bool,
    ) -> Result<Stored<R::Fields>> {
        if force {
            actor.require(Permission::Override, "only an administrator may force a change")?;
        }
        let txn = self.write().await?;
        let before = R::fields(&find::<R>(&txn, id).await?);
        let fields: R::Fields = json::merge(&before, patch)?;
        fields.validate()?;
        check_references(&txn, R::references(&fields)).await?;
        let mut active = R::active(&fields);
        active.set(col::<R>("id"), id.into());
        active.set(col::<R>("search"), R::search_text(&fields).into());
        active.set(col::<R>("updated_at"), now().into());
        let model = active.update(&txn).await?;
        R::on_update(&txn, id, &before, &fields, force).await?;
        let updated = stored::<R>(&model);
        let mut change = Change::updated(R::ACTIONS[1], id, &before, &updated.fields);
        if let (true, Some(after)) = (force, change.after.as_mut()) {
            after["forced"] = true.into();
        }
        record(&txn, actor, change).await?;
        self.commit(txn).await?;
        Ok(updated)
    }

    /// Deletes a record nobody refers to; otherwise 409 with who still uses it.
    #[instrument(skip_all, fields(resource = R::NAME, id))]
    pub async fn delete<R: Resource>(&self, actor: &Actor, id: i64) -> Result<()> {
        let txn = self.write().await?;
        let before = R::fields(&find::<R>(&txn, id).await?);
        for (table, column, label) in R::USED_BY {
            let n = count_where(&txn, table, column, id).await?;
            if n > 0 {
                return Err(DomainError::conflict(format!("this {} is still used by {n} {label}", R::NAME)).into());
            }
        }
        R::Entity::delete_many().filter(col::<R>("id").eq(id)).exec(&txn).await?;
        record(&txn, actor, Change::deleted(R::ACTIONS[2], id, &before)).await?;
        self.commit(txn).await?;
        Ok(())
    }
}

async fn find<R: Resource>(db: &impl ConnectionTrait, id: i64) -> Result<Model<R>> {
    R::Entity::find()
        .filter(col::<R>("id").eq(id))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::not_found(R::NAME, id).into())
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

/// Each referenced id must exist, else a 422 naming the field.
pub(crate) async fn check_references(
    db: &impl ConnectionTrait,
    references: Vec<(&'static str, &'static str, i64)>,
) -> Result<()> {
    let mut errors = Vec::new();
    for (field, table, id) in references {
        if count_where(db, table, "id", id).await? == 0 {
            errors.push(radgestmat_domain::FieldError::new(field, format!("no {} with id {id}", singular(table))));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(DomainError::Invalid(errors).into()) }
}

fn singular(table: &str) -> &str {
    match table {
        "categories" => "category",
        "asset_models" => "model",
        _ => table.strip_suffix('s').unwrap_or(table),
    }
}

/// `Set` of every field, in the order of the struct; the macro keeps the impls to their differences.
macro_rules! active {
    ($module:ident, $fields:expr, { $($name:ident $(: $value:expr)?),* $(,)? }) => {{
        let f = $fields;
        $module::ActiveModel { $($name: Set(active!(@value f, $name $(, $value)?)),)* ..Default::default() }
    }};
    (@value $f:ident, $name:ident) => { $f.$name.clone() };
    (@value $f:ident, $name:ident, $value:expr) => { $value };
}

pub struct Sites;
impl Resource for Sites {
    type Fields = SiteFields;
    type Entity = sites::Entity;
    type Model = sites::Model;
    type Active = sites::ActiveModel;
    const NAME: &'static str = "site";
    const ACTIONS: [AuditAction; 3] = [AuditAction::SiteCreate, AuditAction::SiteUpdate, AuditAction::SiteDelete];
    const SORTS: &'static [&'static str] = &["name", "code", "id"];
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] = &[
        ("locations", "site_id", "locations"),
        ("employees", "site_id", "employees"),
        ("assets", "site_id", "assets"),
    ];

    fn fields(m: &sites::Model) -> SiteFields {
        let kind = m.kind.0;
        let it_contacts = serde_json::from_str(&m.it_contacts).unwrap_or_default();
        SiteFields { code: m.code.clone(), name: m.name.clone(), kind, city: m.city.clone(), it_contacts }
    }
    fn active(f: &SiteFields) -> sites::ActiveModel {
        active!(sites, f, {
            code: f.code.trim().to_uppercase(),
            name,
            kind: Name(f.kind),
            city,
            it_contacts: serde_json::to_string(&f.it_contacts).unwrap_or_else(|_| "[]".into()),
        })
    }
    fn search_text(f: &SiteFields) -> String {
        fold(&format!("{} {} {}", f.code, f.name, f.city.as_deref().unwrap_or("")))
    }
}

pub struct Locations;
impl Resource for Locations {
    type Fields = LocationFields;
    type Entity = locations::Entity;
    type Model = locations::Model;
    type Active = locations::ActiveModel;
    const NAME: &'static str = "location";
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::LocationCreate, AuditAction::LocationUpdate, AuditAction::LocationDelete];
    const SORTS: &'static [&'static str] = &["name", "id"];
    const FILTERS: &'static [&'static str] = &["site_id"];
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] =
        &[("assets", "location_id", "assets"), ("assignments", "location_id", "assignments")];

    fn fields(m: &locations::Model) -> LocationFields {
        LocationFields { site_id: m.site_id, name: m.name.clone() }
    }
    fn active(f: &LocationFields) -> locations::ActiveModel {
        active!(locations, f, { site_id, name })
    }
    fn search_text(f: &LocationFields) -> String {
        fold(&f.name)
    }
    fn references(f: &LocationFields) -> Vec<(&'static str, &'static str, i64)> {
        vec![("site_id", "sites", f.site_id)]
    }
}

pub struct Departments;
impl Resource for Departments {
    type Fields = DepartmentFields;
    type Entity = departments::Entity;
    type Model = departments::Model;
    type Active = departments::ActiveModel;
    const NAME: &'static str = "department";
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::DepartmentCreate, AuditAction::DepartmentUpdate, AuditAction::DepartmentDelete];
    const SORTS: &'static [&'static str] = &["name", "id"];
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] =
        &[("employees", "department_id", "employees")];

    fn fields(m: &departments::Model) -> DepartmentFields {
        DepartmentFields { name: m.name.clone() }
    }
    fn active(f: &DepartmentFields) -> departments::ActiveModel {
        active!(departments, f, { name })
    }
    fn search_text(f: &DepartmentFields) -> String {
        fold(&f.name)
    }
}

pub struct Employees;
impl Resource for Employees {
    type Fields = EmployeeFields;
    type Entity = employees::Entity;
    type Model = employees::Model;
    type Active = employees::ActiveModel;
    const NAME: &'static str = "employee";
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::EmployeeCreate, AuditAction::EmployeeUpdate, AuditAction::EmployeeDelete];
    const SORTS: &'static [&'static str] = &["last_name", "first_name", "matricule", "id"];
    const FILTERS: &'static [&'static str] = &["department_id", "site_id", "active"];
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] =
        &[("assignments", "employee_id", "assignments"), ("users", "employee_id", "user accounts")];

    fn fields(m: &employees::Model) -> EmployeeFields {
        EmployeeFields {
            matricule: m.matricule.clone(),
            first_name: m.first_name.clone(),
            last_name: m.last_name.clone(),
            email: m.email.clone(),
            department_id: m.department_id,
            site_id: m.site_id,
            active: m.active,
        }
    }
    fn active(f: &EmployeeFields) -> employees::ActiveModel {
        active!(employees, f, {
            matricule: f.matricule.trim().to_owned(), first_name, last_name, email, department_id, site_id, active,
        })
    }
    fn search_text(f: &EmployeeFields) -> String {
        fold(&format!("{} {} {} {}", f.matricule, f.first_name, f.last_name, f.email.as_deref().unwrap_or("")))
    }
    /// An employee who still holds equipment stays active, unless an administrator forces it.
    fn on_update<'a>(
        txn: &'a DatabaseTransaction,
        id: i64,
        before: &'a EmployeeFields,
        after: &'a EmployeeFields,
        forced: bool,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            if before.active && !after.active && !forced {
                let held = held_by(txn, id).await?;
                if !held.is_empty() {
                    let message = format!(
                        "{} {} ({}) still holds {} asset(s): {}; check them in first, or force the change (admin)",
                        after.first_name,
                        after.last_name,
                        after.matricule,
                        held.len(),
                        held.join(", ")
                    );
                    return Err(DomainError::conflict_on("active", message).into());
                }
            }
            Ok(())
        })
    }
    fn references(f: &EmployeeFields) -> Vec<(&'static str, &'static str, i64)> {
        let mut refs = Vec::new();
        refs.extend(f.department_id.map(|id| ("department_id", "departments", id)));
        refs.extend(f.site_id.map(|id| ("site_id", "sites", id)));
        refs
    }
}

pub struct Categories;
impl Resource for Categories {
    type Fields = CategoryFields;
    type Entity = categories::Entity;
    type Model = categories::Model;
    type Active = categories::ActiveModel;
    const NAME: &'static str = "category";
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::CategoryCreate, AuditAction::CategoryUpdate, AuditAction::CategoryDelete];
    const SORTS: &'static [&'static str] = &["name", "id"];
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] = &[("asset_models", "category_id", "models")];

    fn fields(m: &categories::Model) -> CategoryFields {
        CategoryFields { name: m.name.clone() }
    }
    fn active(f: &CategoryFields) -> categories::ActiveModel {
        active!(categories, f, { name })
    }
    fn search_text(f: &CategoryFields) -> String {
        fold(&f.name)
    }
}

pub struct Manufacturers;
impl Resource for Manufacturers {
    type Fields = ManufacturerFields;
    type Entity = manufacturers::Entity;
    type Model = manufacturers::Model;
    type Active = manufacturers::ActiveModel;
    const NAME: &'static str = "manufacturer";
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::ManufacturerCreate, AuditAction::ManufacturerUpdate, AuditAction::ManufacturerDelete];
    const SORTS: &'static [&'static str] = &["name", "id"];
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] =
        &[("asset_models", "manufacturer_id", "models")];

    fn fields(m: &manufacturers::Model) -> ManufacturerFields {
        ManufacturerFields { name: m.name.clone() }
    }
    fn active(f: &ManufacturerFields) -> manufacturers::ActiveModel {
        active!(manufacturers, f, { name })
    }
    fn search_text(f: &ManufacturerFields) -> String {
        fold(&f.name)
    }
}

pub struct Models;
impl Resource for Models {
    type Fields = AssetModelFields;
    type Entity = asset_models::Entity;
    type Model = asset_models::Model;
    type Active = asset_models::ActiveModel;
    const NAME: &'static str = "model";
    const ACTIONS: [AuditAction; 3] = [AuditAction::ModelCreate, AuditAction::ModelUpdate, AuditAction::ModelDelete];
    const SORTS: &'static [&'static str] = &["name", "id"];
    const FILTERS: &'static [&'static str] = &["category_id", "manufacturer_id"];
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] = &[("assets", "model_id", "assets")];

    fn fields(m: &asset_models::Model) -> AssetModelFields {
        AssetModelFields {
            name: m.name.clone(),
            category_id: m.category_id,
            manufacturer_id: m.manufacturer_id,
            model_number: m.model_number.clone(),
        }
    }
    fn active(f: &AssetModelFields) -> asset_models::ActiveModel {
        active!(asset_models, f, { name, category_id, manufacturer_id, model_number })
    }
    fn search_text(f: &AssetModelFields) -> String {
        fold(&format!("{} {}", f.name, f.model_number.as_deref().unwrap_or("")))
    }
    fn references(f: &AssetModelFields) -> Vec<(&'static str, &'static str, i64)> {
        vec![("category_id", "categories", f.category_id), ("manufacturer_id", "manufacturers", f.manufacturer_id)]
    }
    /// The model's assets take its manufacturer, and their search text follows its name.
    fn on_update<'a>(
        txn: &'a DatabaseTransaction,
        id: i64,
        _before: &'a AssetModelFields,
        _after: &'a AssetModelFields,
        _forced: bool,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(crate::assets::refresh_search_for_model(txn, id))
    }
}

pub struct Suppliers;
impl Resource for Suppliers {
    type Fields = SupplierFields;
    type Entity = suppliers::Entity;
    type Model = suppliers::Model;
    type Active = suppliers::ActiveModel;
    const NAME: &'static str = "supplier";
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::SupplierCreate, AuditAction::SupplierUpdate, AuditAction::SupplierDelete];
    const SORTS: &'static [&'static str] = &["name", "id"];
    const USED_BY: &'static [(&'static str, &'static str, &'static str)] = &[("assets", "supplier_id", "assets")];

    fn fields(m: &suppliers::Model) -> SupplierFields {
        SupplierFields { name: m.name.clone(), email: m.email.clone(), phone: m.phone.clone() }
    }
    fn active(f: &SupplierFields) -> suppliers::ActiveModel {
        active!(suppliers, f, { name, email, phone })
    }
    fn search_text(f: &SupplierFields) -> String {
        fold(&f.name)
    }
}
