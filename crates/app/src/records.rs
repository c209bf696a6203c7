//! What the application keeps about itself: the audit log, the background jobs, the gauges and
//! the readiness of the database.

use radgestmat_domain::{
    Actor, AuditAction, AuditEntry, AuditFilter, AuditVerification, IdSort, JobFilter, JobView, List, Page, Permission,
    Unfiltered, snapshot,
};
use radgestmat_store::Gauges;

use crate::{App, Result};

impl App {
    pub async fn list_audit(&self, actor: &Actor, query: &List<AuditFilter>) -> Result<Page<AuditEntry>> {
        self.authorize(actor, Permission::ReadAudit).await?;
        Ok(self.store.list_audit(query).await?)
    }

    /// An asset's whole life, oldest first unless sorted otherwise (404 for an unknown asset).
    pub async fn asset_history(
        &self,
        actor: &Actor,
        asset_id: i64,
        query: List<Unfiltered<IdSort>>,
    ) -> Result<Page<AuditEntry>> {
        self.authorize(actor, Permission::ReadAudit).await?;
        self.store.get_asset(asset_id).await?;
        let mut query = query.with(AuditFilter::of("asset", asset_id));
        query.sort.get_or_insert(IdSort::Id);
        Ok(self.store.list_audit(&query).await?)
    }

    /// Walks the hash chain.
    pub async fn verify_audit(&self, actor: &Actor) -> Result<AuditVerification> {
        self.authorize(actor, Permission::ReadAudit).await?;
        Ok(self.store.verify_audit().await?)
    }

    /// Records an export of the log with its filter, before the export is read page by page
    /// ([`App::list_audit`]).
    pub async fn export_audit(&self, actor: &Actor, filter: &AuditFilter) -> Result<()> {
        self.authorize(actor, Permission::ReadAudit).await?;
        let details = serde_json::json!({ "filters": snapshot(&serde_json::json!(filter)) });
        Ok(self.store.record_event(actor, AuditAction::AuditExport, details).await?)
    }

    pub async fn list_jobs(&self, actor: &Actor, query: &List<JobFilter>) -> Result<Page<JobView>> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.list_jobs(query).await?)
    }

    pub async fn get_job(&self, actor: &Actor, id: i64) -> Result<JobView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.get_job(id).await?)
    }

    /// The figures `/metrics` reads from the database.
    pub async fn gauges(&self) -> Result<Gauges> {
        Ok(self.store.gauges().await?)
    }

    /// Readiness: the database answers.
    pub async fn ping(&self) -> Result<()> {
        Ok(self.store.ping().await?)
    }

    /// `sqlite` or `postgres`.
    pub fn backend_name(&self) -> &'static str {
        self.store.backend_name()
    }
}
