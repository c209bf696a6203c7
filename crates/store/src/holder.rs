//! What a holder does with what they hold, from their own page: acknowledge receiving it, and
//! report a problem with it, which opens a `problem_reported` alert for the IT service.

use radgestmat_domain::{
    Actor, AlertKind, AlertState, AlertView, AssignmentView, AuditAction, DomainError, Reason, ReportProblem, Validate,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use tracing::instrument;

use crate::assignment_list::view;
use crate::assignments::{AssetRef, asset_state};
use crate::audit::{Change, record};
use crate::entities::{alerts, assignments};
use crate::{Result, Store, now};

/// The open assignment `id` of the employee, or 404: someone else's loan is not theirs to see.
async fn held(db: &impl ConnectionTrait, id: i64, employee_id: i64) -> Result<assignments::Model> {
    let found = assignments::Entity::find_by_id(id)
        .filter(assignments::Column::EmployeeId.eq(employee_id))
        .filter(assignments::Column::ReturnedAt.is_null())
        .one(db)
        .await?;
    Ok(found.ok_or_else(|| DomainError::not_found("assignment", id))?)
}

impl Store {
    /// The holder says they received it. Saying it again changes nothing.
    #[instrument(skip_all, fields(assignment.id = id))]
    pub async fn acknowledge_receipt(&self, actor: &Actor, employee_id: i64, id: i64) -> Result<AssignmentView> {
        let txn = self.write().await?;
        let mut loan = held(&txn, id, employee_id).await?;
        let asset = asset_state(&txn, AssetRef::Id(loan.asset_id)).await?;
        if loan.acknowledged_at.is_none() {
            let at = now();
            assignments::Entity::update_many()
                .col_expr(assignments::Column::AcknowledgedAt, at.into())
                .filter(assignments::Column::Id.eq(id))
                .filter(assignments::Column::AcknowledgedAt.is_null())
                .exec(&txn)
                .await?;
            loan.acknowledged_at = Some(at);
            let after = json!({"assignment_id": id, "acknowledged_at": at});
            let change = Change { after: Some(after), ..Change::on(AuditAction::AssetReceived, asset.id) };
            record(&txn, actor, change.tag(&asset.asset_tag)).await?;
        }
        self.commit(txn).await?;
        Ok(view(loan, asset.label(), now()))
    }

    /// The holder reports a problem: an alert opens for the IT service, notified as any other.
    /// One live report per loan: a second while the first is open is a conflict naming it.
    #[instrument(skip_all, fields(assignment.id = id))]
    pub async fn report_problem(
        &self,
        actor: &Actor,
        employee_id: i64,
        id: i64,
        request: ReportProblem,
    ) -> Result<AlertView> {
        request.validate()?;
        let kind = AlertKind::ProblemReported;
        let rules = self.alert_rules().await?;
        let severity = rules.iter().find(|r| r.kind == kind).map_or(kind.default_rule().severity, |r| r.rule.severity);
        let txn = self.write().await?;
        let loan = held(&txn, id, employee_id).await?;
        let asset = asset_state(&txn, AssetRef::Id(loan.asset_id)).await?;
        // One live report per loan (the live-alert key refuses a second even in a race).
        let live = alerts::Entity::find()
            .filter(alerts::Column::Kind.eq(kind.as_str()))
            .filter(alerts::Column::SubjectId.eq(id))
            .filter(alerts::Column::ClearedAt.is_null())
            .one(&txn)
            .await?;
        if let Some(live) = live {
            return Err(DomainError::conflict(Reason::ProblemAlreadyReported { id: live.id }).into());
        }
        let note = request.note.trim().to_owned();
        let at = now();
        let row = alerts::ActiveModel {
            kind: Set(kind.into()),
            severity: Set(severity.into()),
            state: Set(AlertState::Open.into()),
            subject_id: Set(id),
            asset_id: Set(asset.id),
            assignment_id: Set(Some(id)),
            site_id: Set(asset.site_id),
            reference_at: Set(Some(at)),
            opened_at: Set(at),
            note: Set(Some(note.clone())),
            ..Default::default()
        };
        let alert_id = alerts::Entity::insert(row).exec(&txn).await?.last_insert_id;
        let after = json!({"assignment_id": id, "alert_id": alert_id, "note": note});
        let change = Change { after: Some(after), ..Change::on(AuditAction::AssetProblem, asset.id) };
        record(&txn, actor, change.tag(&asset.asset_tag)).await?;
        self.commit(txn).await?;
        self.get_alert(alert_id).await
    }
}
