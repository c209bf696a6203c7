//! Check-out and check-in, kits and leavers, and who holds what.

use radgestmat_domain::{
    Actor, AlertView, AssignmentFilter, AssignmentSort, AssignmentView, CheckIn, CheckOut, DomainError, KitCheckOut,
    List, MarkLost, Page, Permission, ReportProblem, Unfiltered, Via,
};
use radgestmat_store::{AssetRef, Employees};

use crate::{App, Result};

impl App {
    /// Checks an asset out; dating it in the past needs more than the desk's permission.
    pub async fn check_out(&self, actor: &Actor, asset: AssetRef<'_>, request: CheckOut) -> Result<AssignmentView> {
        self.require_all(actor, request.needs()).await?;
        Ok(self.store.check_out(actor, asset, request).await?)
    }

    pub async fn check_in(&self, actor: &Actor, asset: AssetRef<'_>, request: CheckIn) -> Result<AssignmentView> {
        self.authorize(actor, Via::CheckIn.permission()).await?;
        Ok(self.store.check_in(actor, asset, request).await?)
    }

    /// Reports a checked-out asset lost.
    pub async fn mark_lost(&self, actor: &Actor, asset: AssetRef<'_>, request: MarkLost) -> Result<AssignmentView> {
        self.authorize(actor, Via::ReportLost.permission()).await?;
        Ok(self.store.mark_lost(actor, asset, request).await?)
    }

    /// A new hire's kit, all or nothing.
    pub async fn check_out_kit(
        &self,
        actor: &Actor,
        employee_id: i64,
        kit: KitCheckOut,
    ) -> Result<Vec<AssignmentView>> {
        self.require_all(actor, kit.needs()).await?;
        Ok(self.store.check_out_kit(actor, employee_id, kit).await?)
    }

    /// A leaver: everything they hold comes back, all or nothing.
    pub async fn check_in_everything(
        &self,
        actor: &Actor,
        employee_id: i64,
        request: CheckIn,
    ) -> Result<Vec<AssignmentView>> {
        self.authorize(actor, Via::CheckIn.permission()).await?;
        Ok(self.store.check_in_everything(actor, employee_id, request).await?)
    }

    pub async fn list_assignments(
        &self,
        actor: &Actor,
        query: &List<AssignmentFilter>,
    ) -> Result<Page<AssignmentView>> {
        self.authorize(actor, Permission::ReadInventory).await?;
        Ok(self.store.list_assignments(query).await?)
    }

    /// What an employee holds now (404 for an unknown employee).
    pub async fn held_by(
        &self,
        actor: &Actor,
        employee_id: i64,
        query: List<Unfiltered<AssignmentSort>>,
    ) -> Result<Page<AssignmentView>> {
        self.authorize(actor, Permission::ReadInventory).await?;
        self.store.get::<Employees>(employee_id).await?;
        Ok(self.store.list_assignments(&query.with(AssignmentFilter::held_by(employee_id))).await?)
    }

    /// What the caller holds now: the equipment of the employee their account belongs to (an
    /// empty page when it belongs to none). Anyone signed in.
    pub async fn my_assets(
        &self,
        actor: &Actor,
        query: List<Unfiltered<AssignmentSort>>,
    ) -> Result<Page<AssignmentView>> {
        let Some(employee) = actor.employee_id else {
            return Ok(Page { items: vec![], next_cursor: None, total: query.count.then_some(0) });
        };
        Ok(self.store.list_assignments(&query.with(AssignmentFilter::held_by(employee))).await?)
    }

    /// The caller says they received something they hold (404 for anything else).
    pub async fn acknowledge_receipt(&self, actor: &Actor, assignment_id: i64) -> Result<AssignmentView> {
        let employee = Self::holder(actor, assignment_id)?;
        Ok(self.store.acknowledge_receipt(actor, employee, assignment_id).await?)
    }

    /// The caller reports a problem with something they hold: an alert for the IT service.
    pub async fn report_problem(&self, actor: &Actor, assignment_id: i64, request: ReportProblem) -> Result<AlertView> {
        let employee = Self::holder(actor, assignment_id)?;
        Ok(self.store.report_problem(actor, employee, assignment_id, request).await?)
    }

    /// The employee the caller's account belongs to; without one, nothing is theirs (404).
    fn holder(actor: &Actor, assignment_id: i64) -> Result<i64> {
        actor.employee_id.ok_or_else(|| DomainError::not_found("assignment", assignment_id).into())
    }
}
