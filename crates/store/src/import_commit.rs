//! The commit of a checked import: one transaction that applies every planned row or none.
//! New assets go in batches (a multi-row insert, then one audit entry each, `asset.import`); a
//! changed asset is updated as an edit is; a row naming a holder is checked out as the desk
//! does it. Catalogue entries a row names but the register lacks are created once, by name.
//! Employees, locations, models and accounts are written one by one (`import_records`), each
//! audited as its own creation or change is.

use std::collections::HashMap;

use chrono::{NaiveTime, TimeZone, Utc};
use radgestmat_domain::{
    Actor, AlertScan, AssetFields, AssetModelFields, AssetPlan, AssetStatus, AssetTag, AuditAction, CheckOut,
    DomainError, ImportState, ImportView, ModelPlan, Named, Plan, Reason, RowStatus, ScanReason, SiteFields, SiteKind,
    SupplierFields, Validate, fold, site_at_location,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tracing::instrument;

use crate::assets::{search_text, written};
use crate::assignments::{AssetRef, asset_state, check_out_one, destination};
use crate::audit::{Change, record, record_all};
use crate::entities::{asset_models, assets, import_rows, imports, locations, manufacturers};
use crate::imports::{committed_at, view};
use crate::reference_data::{Locations, Models, Sites, Suppliers};
use crate::resources::{Ref, Resource, check_references, insert};
use crate::{Error, NewJob, Result, Store, now};

/// Rows read and written at once.
const BATCH: u64 = 500;

/// The catalogue entries created by this commit, by kind and folded name, so that a name
/// given on many rows is created once; and what the new assets' search text needs.
#[derive(Default)]
pub(crate) struct Made {
    named: HashMap<(&'static str, String), i64>,
    /// Model id → (model, its manufacturer's name).
    models: HashMap<i64, (asset_models::Model, Option<String>)>,
    pub(crate) location_site: HashMap<i64, i64>,
    /// The records found to exist: (table, id).
    existing: std::collections::HashSet<(&'static str, i64)>,
}

/// A new asset of this batch: its line, tag, fields and plan.
struct NewAsset {
    line: i64,
    tag: AssetTag,
    fields: AssetFields,
    plan: AssetPlan,
}

impl Store {
    /// Applies a checked import all or nothing: refused (409) unless it is checked and, with rows
    /// in error, unless `skip_errors`. A row the register no longer accepts (someone registered
    /// the same tag since the dry run) undoes the whole commit and names its line.
    #[instrument(skip_all, fields(import.id = id))]
    pub async fn commit_import(&self, actor: &Actor, id: i64, skip_errors: bool) -> Result<ImportView> {
        let txn = self.write().await?;
        let import = self.claim_import(&txn, id, skip_errors).await?;
        self.commit_rows(&txn, actor, &import).await?;
        // Applied, the plans go (an account's holds its password's hash); the results stay.
        import_rows::Entity::update_many()
            .col_expr(import_rows::Column::Plan, sea_orm::sea_query::Expr::val(Option::<String>::None))
            .filter(import_rows::Column::ImportId.eq(id))
            .exec(&txn)
            .await?;
        crate::jobs::enqueue(&txn, NewJob::now(&AlertScan { reason: ScanReason::Requested, tick: None })).await?;
        let details =
            serde_json::json!({ "counts": import.counts, "skip_errors": skip_errors, "file_name": import.file_name });
        record(&txn, actor, Change::on(AuditAction::ImportCommit, id).details(details)).await?;
        let committed = imports::Entity::find_by_id(id).one(&txn).await?.map(view);
        self.commit(txn).await?;
        committed.ok_or_else(|| DomainError::not_found("import", id).into())
    }

    /// Marks the import committed, if it may be: the first of two commits at once wins.
    async fn claim_import(&self, txn: &DatabaseTransaction, id: i64, skip_errors: bool) -> Result<ImportView> {
        let import = imports::Entity::find_by_id(id).one(txn).await?.map(view);
        let import = import.ok_or_else(|| DomainError::not_found("import", id))?;
        if import.state != ImportState::Checked {
            let reason = Reason::ImportNotChecked { state: import.state.as_str().to_owned() };
            return Err(DomainError::conflict_on("state", reason).into());
        }
        if import.counts.error > 0 && !skip_errors {
            let reason = Reason::ImportHasErrors { count: import.counts.error };
            return Err(DomainError::conflict_on("skip_errors", reason).into());
        }
        let claimed = imports::Entity::update_many()
            .set(committed_at(now()))
            .filter(imports::Column::Id.eq(id))
            .filter(imports::Column::State.eq(ImportState::Checked.as_str()))
            .exec(txn)
            .await?;
        if claimed.rows_affected != 1 {
            let reason = Reason::ImportNotChecked { state: ImportState::Committed.as_str().to_owned() };
            return Err(DomainError::conflict_on("state", reason).into());
        }
        Ok(import)
    }

    /// Applies the planned rows in file order, batch by batch.
    async fn commit_rows(&self, txn: &DatabaseTransaction, actor: &Actor, import: &ImportView) -> Result<()> {
        let mut made = Made::default();
        let mut after = 0;
        loop {
            let rows = import_rows::Entity::find()
                .filter(import_rows::Column::ImportId.eq(import.id))
                .filter(import_rows::Column::Id.gt(after))
                .filter(import_rows::Column::Status.is_in([RowStatus::Create.as_str(), RowStatus::Update.as_str()]))
                .order_by_asc(import_rows::Column::Id)
                .limit(BATCH)
                .all(txn)
                .await?;
            let Some(last) = rows.last() else { return Ok(()) };
            after = last.id;
            let mut new = Vec::new();
            for row in rows {
                let line = row.line;
                let at_line = |err: Error| at_line(line, err);
                let plan = Plan::read(import.kind, row.plan.as_deref().unwrap_or("null"))
                    .map_err(|e| anyhow::anyhow!("import {}, line {line}: unreadable plan: {e}", import.id))?;
                let plan = match plan {
                    Plan::Asset(plan) => plan,
                    other => {
                        made.record(txn, actor, other).await.map_err(at_line)?;
                        continue;
                    }
                };
                let fields = made.fields(txn, actor, &plan).await.map_err(at_line)?;
                match plan.existing {
                    Some(asset) => self.update_imported(txn, actor, asset, fields, &plan).await.map_err(at_line)?,
                    None => {
                        let tag = match &fields.asset_tag {
                            Some(tag) => AssetTag::parse(tag).map_err(|e| at_line(e.into()))?,
                            None => self.next_tag(txn).await?,
                        };
                        new.push(NewAsset { line, tag, fields, plan });
                    }
                }
            }
            self.insert_imported(txn, actor, &mut made, new).await?;
        }
    }

    /// Registers a batch of new assets, audits each, and checks out those with a holder.
    async fn insert_imported(
        &self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        made: &mut Made,
        new: Vec<NewAsset>,
    ) -> Result<()> {
        if new.is_empty() {
            return Ok(());
        }
        let at = now();
        let mut rows = Vec::with_capacity(new.len());
        for asset in &new {
            let (model, maker) = made.model(txn, asset.fields.model_id).await?;
            rows.push(assets::ActiveModel {
                asset_tag: Set(asset.tag.as_str().to_owned()),
                manufacturer_id: Set(model.manufacturer_id),
                search: Set(search_text(asset.tag.as_str(), &asset.fields, model, maker.as_deref())),
                version: Set(1),
                created_at: Set(at),
                updated_at: Set(at),
                status_since: Set(Some(at)),
                last_audit_at: Set(asset.plan.last_audit.map(noon)),
                ..written(&asset.fields)
            });
        }
        let first_line = new[0].line;
        assets::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await
            .map_err(|e| at_line(first_line, e.into()))?;
        let tags: Vec<&str> = new.iter().map(|a| a.tag.as_str()).collect();
        let ids: HashMap<String, i64> = assets::Entity::find()
            .select_only()
            .columns([assets::Column::AssetTag, assets::Column::Id])
            .filter(assets::Column::AssetTag.is_in(tags))
            .into_tuple::<(String, i64)>()
            .all(txn)
            .await?
            .into_iter()
            .collect();
        let mut changes = Vec::with_capacity(new.len());
        for asset in &new {
            let id = *ids
                .get(asset.tag.as_str())
                .ok_or_else(|| anyhow::anyhow!("asset {} not inserted", asset.tag.as_str()))?;
            let mut fields = asset.fields.clone();
            fields.asset_tag = Some(asset.tag.as_str().to_owned());
            changes.push(Change::created(AuditAction::AssetImport, id, &fields).tag(asset.tag.as_str()));
        }
        record_all(txn, actor, changes).await?;
        for asset in new.iter().filter(|a| !a.fields.custom.is_empty()) {
            crate::custom_values::keep_unique(txn, ids[asset.tag.as_str()], &asset.fields)
                .await
                .map_err(|e| at_line(asset.line, e))?;
        }
        for asset in &new {
            if let Some(holder) = asset.plan.holder {
                let id = ids[asset.tag.as_str()];
                self.check_out_imported(txn, actor, id, holder, &asset.plan)
                    .await
                    .map_err(|e| at_line(asset.line, e))?;
            }
        }
        Ok(())
    }

    /// Changes a registered asset as an edit does (its version moves on), audited `asset.import`.
    async fn update_imported(
        &self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        id: i64,
        fields: AssetFields,
        plan: &AssetPlan,
    ) -> Result<()> {
        let before = crate::assets::by_id(txn, id).await?;
        if plan.version.is_some_and(|v| v != before.version) {
            return Err(DomainError::conflict(Reason::ChangedSinceCheck { tag: before.tag().to_owned() }).into());
        }
        before.fields.status.edit_to(fields.status)?;
        let tag = AssetTag::parse(before.tag())?;
        let model = asset_models::Entity::find_by_id(fields.model_id).one(txn).await?;
        let model = model.ok_or_else(|| DomainError::not_found("model", fields.model_id))?;
        let maker = manufacturers::Entity::find_by_id(model.manufacturer_id).one(txn).await?.map(|m| m.name);
        let at = now();
        let status_since = if fields.status == before.fields.status { None } else { Some(Some(at)) };
        let mut active = assets::ActiveModel {
            manufacturer_id: Set(model.manufacturer_id),
            search: Set(search_text(tag.as_str(), &fields, &model, maker.as_deref())),
            updated_at: Set(at),
            version: Set(before.version + 1),
            ..written(&fields)
        };
        if let Some(since) = status_since {
            active.status_since = Set(since);
        }
        if let Some(day) = plan.last_audit {
            active.last_audit_at = Set(Some(noon(day)));
        }
        assets::Entity::update_many().set(active).filter(assets::Column::Id.eq(id)).exec(txn).await?;
        crate::custom_values::keep_unique(txn, id, &fields).await?;
        let mut after = fields;
        after.asset_tag = Some(tag.as_str().to_owned());
        let change = Change::updated(AuditAction::AssetImport, id, &before.fields, &after).tag(tag.as_str());
        record(txn, actor, change).await?;
        if let Some(holder) = plan.holder {
            self.check_out_imported(txn, actor, id, holder, plan).await?;
        }
        Ok(())
    }

    /// Checks an imported asset out to its holder, as the desk would today.
    async fn check_out_imported(
        &self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        id: i64,
        holder: radgestmat_domain::Holder,
        plan: &AssetPlan,
    ) -> Result<()> {
        let to = destination(txn, holder).await?;
        let asset = asset_state(txn, AssetRef::Id(id)).await?;
        let request = CheckOut { expected_return_at: plan.expected_checkin.map(noon), ..CheckOut::default() };
        check_out_one(txn, actor, &asset, &to, &request, now()).await?;
        Ok(())
    }
}

/// A day as an instant: noon UTC, the same day in every time zone the company works in.
fn noon(day: chrono::NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
}

/// A row's failure, with its line: the whole commit is undone.
pub(crate) fn at_line(line: i64, err: Error) -> Error {
    match err {
        Error::Domain(domain) => {
            let reason = Reason::ImportRowFailed { line, detail: domain.detail() };
            DomainError::conflict(reason).into()
        }
        other => other,
    }
}

impl Made {
    /// The asset's fields, with every name resolved (created when new).
    async fn fields(&mut self, txn: &DatabaseTransaction, actor: &Actor, plan: &AssetPlan) -> Result<AssetFields> {
        let model_id = match &plan.model {
            ModelPlan::Id(id) => *id,
            ModelPlan::New { name, model_number, category, manufacturer } => {
                let category_id = self.category(txn, actor, category).await?;
                let manufacturer_id = self.manufacturer(txn, actor, manufacturer).await?;
                let key = format!("{}\u{1f}{}", fold(name), model_number.as_deref().map(fold).unwrap_or_default());
                let fields = || AssetModelFields {
                    name: name.clone(),
                    category_id,
                    manufacturer_id,
                    model_number: model_number.clone(),
                };
                self.create::<Models>(txn, actor, key, fields).await?
            }
        };
        let mut site_id = self.maybe::<Sites>(txn, actor, plan.site.as_ref(), new_site).await?;
        let location_id = match &plan.location {
            Some(location) => Some(self.location(txn, actor, location).await?),
            None => None,
        };
        if let Some(location) = location_id {
            site_id = Some(site_at_location(site_id, self.site_of(txn, location).await?)?);
        }
        let supplier = |name| SupplierFields { name, email: None, phone: None };
        let supplier_id = self.maybe::<Suppliers>(txn, actor, plan.supplier.as_ref(), supplier).await?;
        // What the dry run found may be gone since (a supplier deleted): said, not a 500.
        let mut refs = vec![Ref::to::<Models>("model_id", model_id)];
        refs.extend(site_id.map(|id| Ref::to::<Sites>("site_id", id)));
        refs.extend(location_id.map(|id| Ref::to::<Locations>("location_id", id)));
        refs.extend(supplier_id.map(|id| Ref::to::<Suppliers>("supplier_id", id)));
        self.exist(txn, refs).await?;
        let mut fields = plan.fields(model_id, site_id, location_id, supplier_id);
        // A holder's asset is registered in stock, then checked out to them.
        if plan.holder.is_some() {
            fields.status = AssetStatus::InStock;
        }
        fields.validate()?;
        Ok(fields)
    }

    /// Checks that the records exist, each once per commit.
    async fn exist(&mut self, txn: &DatabaseTransaction, refs: Vec<Ref>) -> Result<()> {
        let unseen: Vec<Ref> = refs.into_iter().filter(|r| self.existing.insert(r.key())).collect();
        check_references(txn, unseen).await
    }

    /// The id an optional name stands for (see [`Made::named`]).
    pub(crate) async fn maybe<R: Resource>(
        &mut self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        named: Option<&Named>,
        fields: impl FnOnce(String) -> R::Fields,
    ) -> Result<Option<i64>> {
        match named {
            Some(named) => Ok(Some(self.named::<R>(txn, actor, named, fields).await?)),
            None => Ok(None),
        }
    }

    /// The id a name stands for, creating the record once when it is new.
    pub(crate) async fn named<R: Resource>(
        &mut self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        named: &Named,
        fields: impl FnOnce(String) -> R::Fields,
    ) -> Result<i64> {
        match named {
            Named::Id(id) => Ok(*id),
            Named::New(name) => self.create::<R>(txn, actor, fold(name), || fields(name.clone())).await,
        }
    }

    pub(crate) async fn create<R: Resource>(
        &mut self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        key: String,
        fields: impl FnOnce() -> R::Fields,
    ) -> Result<i64> {
        let key = (R::TERM.as_str(), key);
        if let Some(id) = self.named.get(&key) {
            return Ok(*id);
        }
        let id = insert::<R>(txn, actor, fields()).await?.id;
        self.named.insert(key, id);
        Ok(id)
    }

    async fn site_of(&mut self, txn: &DatabaseTransaction, location: i64) -> Result<i64> {
        if let Some(site) = self.location_site.get(&location) {
            return Ok(*site);
        }
        let found = locations::Entity::find_by_id(location).one(txn).await?;
        let site = found.ok_or_else(|| DomainError::not_found("location", location))?.site_id;
        self.location_site.insert(location, site);
        Ok(site)
    }

    async fn model(&mut self, txn: &DatabaseTransaction, id: i64) -> Result<&(asset_models::Model, Option<String>)> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.models.entry(id) {
            let model = asset_models::Entity::find_by_id(id).one(txn).await?;
            let model = model.ok_or_else(|| DomainError::not_found("model", id))?;
            let maker = manufacturers::Entity::find_by_id(model.manufacturer_id).one(txn).await?.map(|m| m.name);
            slot.insert((model, maker));
        }
        Ok(&self.models[&id])
    }
}

/// A site a file names but the register lacks: a store, coded after its name.
pub(crate) fn new_site(name: String) -> SiteFields {
    let mut code: String =
        fold(&name).chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '-' }).collect();
    while code.contains("--") {
        code = code.replace("--", "-");
    }
    let mut code: String = code.trim_matches('-').chars().take(20).collect();
    if code.is_empty() {
        // A name in another script: a code of its own, the same for the same name.
        let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        code = format!("SITE-{hash:08X}");
    }
    SiteFields { code, name, kind: SiteKind::Store, city: None, it_contacts: Vec::new() }
}
