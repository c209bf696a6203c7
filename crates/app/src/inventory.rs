//! The register: assets, the reference data (sites, people, catalogue), the names shown beside
//! ids, the dashboard.

use std::collections::HashMap;

use radgestmat_domain::{
    Actor, AssetFields, AssetFilter, AssetStatus, AssetView, AuditAsset, BULK_ASSETS_MAX, BulkReport, BulkSet,
    DomainError, FieldError, List, Need, Page, Permission, Reason, Stored, Via,
};
use radgestmat_store::{Dashboard, Names, Resource};

use crate::{App, Result};

/// Forcing a change past a safeguard (an employee who still holds equipment made inactive).
const OVERRIDE: Need = Need::because(Permission::Override, Reason::OverrideAdmin);

impl App {
    pub async fn list_assets(&self, actor: &Actor, query: &List<AssetFilter>) -> Result<Page<AssetView>> {
        self.authorize(actor, Permission::ReadInventory).await?;
        self.check_filter(&query.filter).await?;
        Ok(self.store.list_assets(query).await?)
    }

    /// A filter the list reads: at most [`BULK_ASSETS_MAX`] ticked assets (`ids`: every
    /// selection is read through the list), custom values of fields that exist.
    pub(crate) async fn check_filter(&self, filter: &AssetFilter) -> Result<()> {
        if filter.ids.len() > BULK_ASSETS_MAX {
            return Err(DomainError::invalid("ids", Reason::TooManyAssets { max: BULK_ASSETS_MAX }).into());
        }
        if filter.custom.is_empty() {
            return Ok(());
        }
        let fields = self.store.all_custom_fields().await?;
        let unknown = filter.custom.keys().filter(|key| !fields.iter().any(|f| &f.key == *key));
        let errors: Vec<FieldError> = unknown
            .map(|key| FieldError::new(format!("custom.{key}"), Reason::UnknownCustomField { key: key.clone() }))
            .collect();
        if errors.is_empty() { Ok(()) } else { Err(DomainError::Invalid(errors).into()) }
    }

    pub async fn get_asset(&self, actor: &Actor, id: i64) -> Result<AssetView> {
        self.authorize(actor, Permission::ReadInventory).await?;
        Ok(self.store.get_asset(id).await?)
    }

    /// The scanner's look-up: `kit-000123` finds `KIT-000123`.
    pub async fn get_asset_by_tag(&self, actor: &Actor, tag: &str) -> Result<AssetView> {
        self.authorize(actor, Permission::ReadInventory).await?;
        Ok(self.store.get_asset_by_tag(tag).await?)
    }

    pub async fn create_asset(&self, actor: &Actor, fields: AssetFields) -> Result<AssetView> {
        self.authorize(actor, Permission::ManageInventory).await?;
        Ok(self.store.create_asset(actor, fields).await?)
    }

    /// A merge patch; with `expected_version`, a concurrent change is `Stale`.
    pub async fn update_asset(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: Option<i64>,
        patch: serde_json::Value,
    ) -> Result<AssetView> {
        // An edit may change the status: it needs what the lifecycle's edits need.
        self.authorize(actor, Via::Edit.permission()).await?;
        Ok(self.store.update_asset(actor, id, expected_version, patch).await?)
    }

    pub async fn delete_asset(&self, actor: &Actor, id: i64) -> Result<()> {
        self.authorize(actor, Permission::ManageInventory).await?;
        Ok(self.store.delete_asset(actor, id).await?)
    }

    /// Moves the asset to `status` as its lifecycle allows (the domain's rule), at
    /// `expected_version`, adding `note` to its notes.
    pub async fn set_status(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: Option<i64>,
        status: AssetStatus,
        note: Option<String>,
    ) -> Result<AssetView> {
        self.authorize(actor, Permission::ManageInventory).await?;
        let mut patch = serde_json::json!({ "status": status.as_str() });
        if let Some(note) = note {
            let current = self.store.get_asset(id).await?.fields.notes;
            patch["notes"] = current.map_or(note.clone(), |n| format!("{n}\n{note}")).into();
        }
        Ok(self.store.update_asset(actor, id, expected_version, patch).await?)
    }

    /// Back from repair: only an asset in repair goes back in stock this way.
    pub async fn return_from_repair(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: Option<i64>,
        note: Option<String>,
    ) -> Result<AssetView> {
        self.authorize(actor, Permission::ManageInventory).await?;
        let asset = self.store.get_asset(id).await?;
        if asset.fields.status != AssetStatus::InRepair {
            let reason = Reason::NotInRepair { tag: asset.tag().to_owned(), status: asset.fields.status };
            return Err(DomainError::conflict_on("status", reason).into());
        }
        self.set_status(actor, id, expected_version, AssetStatus::InStock, note).await
    }

    /// The asset was seen in a physical audit (and where).
    pub async fn audit_asset(&self, actor: &Actor, id: i64, request: AuditAsset) -> Result<AssetView> {
        self.authorize(actor, Permission::ManageInventory).await?;
        Ok(self.store.audit_asset(actor, id, request).await?)
    }

    pub async fn list<R: Resource>(&self, actor: &Actor, query: &List<R::Filter>) -> Result<Page<Stored<R::Fields>>> {
        self.authorize(actor, Permission::ReadInventory).await?;
        Ok(self.store.list::<R>(query).await?)
    }

    pub async fn get<R: Resource>(&self, actor: &Actor, id: i64) -> Result<Stored<R::Fields>> {
        self.authorize(actor, Permission::ReadInventory).await?;
        Ok(self.store.get::<R>(id).await?)
    }

    pub async fn create<R: Resource>(&self, actor: &Actor, fields: R::Fields) -> Result<Stored<R::Fields>> {
        self.authorize(actor, Permission::ManageInventory).await?;
        Ok(self.store.create::<R>(actor, fields).await?)
    }

    /// A merge patch; `force` overrides a safeguard (administrators only).
    pub async fn update<R: Resource>(
        &self,
        actor: &Actor,
        id: i64,
        patch: serde_json::Value,
        force: bool,
    ) -> Result<Stored<R::Fields>> {
        self.authorize(actor, Permission::ManageInventory).await?;
        if force {
            self.require(actor, OVERRIDE).await?;
        }
        Ok(self.store.update::<R>(actor, id, patch, force).await?)
    }

    pub async fn delete<R: Resource>(&self, actor: &Actor, id: i64) -> Result<()> {
        self.authorize(actor, Permission::ManageInventory).await?;
        Ok(self.store.delete::<R>(actor, id).await?)
    }

    /// Id → name, to show beside ids (all rows when `ids` is `None`: the small tables). Names
    /// are shown to anyone signed in: an employee's page names their own equipment's places.
    pub async fn names(&self, of: Names, ids: Option<&[i64]>) -> Result<HashMap<i64, String>> {
        Ok(self.store.names(of, ids).await?)
    }

    /// Every location as (id, site, name), for the pickers.
    pub async fn locations_with_sites(&self) -> Result<Vec<(i64, i64, String)>> {
        Ok(self.store.locations_with_sites().await?)
    }

    /// The dashboard's figures, for the roles that read the register.
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        self.authorize(actor, Permission::ReadInventory).await?;
        Ok(self.store.dashboard().await?)
    }
}

impl App {
    /// One change made to every asset `query` finds (the ticked ones: `ids`), up to
    /// [`BULK_ASSETS_MAX`], in one transaction; with `preview`, only what it would change.
    pub async fn bulk_edit_assets(
        &self,
        actor: &Actor,
        query: &List<AssetFilter>,
        set: &BulkSet,
        preview: bool,
    ) -> Result<BulkReport> {
        self.authorize(actor, Via::Edit.permission()).await?;
        if set.is_empty() {
            return Err(DomainError::invalid("set", Reason::Empty).into());
        }
        // Nothing ticked and no filter is no selection, not the whole register.
        if query.filter == AssetFilter::default() && query.q.is_none() {
            return Err(DomainError::invalid("ids", Reason::NoAssetSelected).into());
        }
        self.check_filter(&query.filter).await?;
        let mut query = List { limit: 500, count: false, ..query.clone() };
        let mut ids = Vec::new();
        loop {
            let page = self.store.list_assets(&query).await?;
            ids.extend(page.items.iter().map(|a| a.id));
            if ids.len() > BULK_ASSETS_MAX {
                return Err(DomainError::invalid("ids", Reason::TooManyAssets { max: BULK_ASSETS_MAX }).into());
            }
            match page.next_cursor {
                Some(cursor) => query.cursor = Some(cursor),
                None => break,
            }
        }
        if ids.is_empty() {
            return Err(DomainError::invalid("ids", Reason::NoAssetSelected).into());
        }
        Ok(self.store.bulk_update_assets(actor, &ids, set.patch(), preview).await?)
    }
}

impl App {
    /// Every custom field, in name order. Like [`App::names`], shown to anyone signed in (the
    /// forms, the asset pages, the exports): definitions, no asset's data.
    pub async fn custom_fields(&self) -> Result<Vec<radgestmat_domain::CustomFieldFields>> {
        Ok(self.store.all_custom_fields().await?)
    }

    /// Each model's category (ids only, like [`App::names`]).
    pub async fn model_categories(&self) -> Result<HashMap<i64, i64>> {
        Ok(self.store.model_categories().await?)
    }
}
