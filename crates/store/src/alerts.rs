//! The alert inbox: listing alerts, acknowledging and resolving them by hand, and the physical
//! audit of an asset (which answers `audit_due`).

use std::collections::HashMap;

use chrono::NaiveDate;
use radgestmat_domain::{
    Actor, AlertFilter, AlertKind, AlertSort, AlertState, AlertView, AssetStatus, AssetView, AuditAction, AuditAsset,
    DomainError, List, MessageFacts, Page, Reason, Resolution, ResolveAlert, Severity, Validate,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, IntoSimpleExpr, JoinType, PaginatorTrait,
    QueryFilter, QueryResult, QuerySelect, RelationTrait,
};
use serde_json::json;
use tracing::instrument;

use crate::assignments::{AssetRef, asset_state, clean, find_location};
use crate::audit::{Change, record};
use crate::entities::{alerts, assets, assignments};
use crate::keyset::{self, KeyKind, Sort, page};
use crate::names::{Names, names_in};
use crate::positional::Cursor;
use crate::{Result, Store, now};

positional! {
    /// An alert's columns in a list row.
    AlertColumns: alerts::Model, from alerts {
        id, kind, severity, state, asset_id, assignment_id, site_id, reference_at, reference_date, opened_at,
        acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution, resolution_note, notified_at,
        subject_id, note,
    } else { cleared_at: None }
}

/// An alert with its asset's tag and name and its borrower, decoded by position.
pub(crate) struct Row {
    alert: alerts::Model,
    tag: String,
    name: String,
    employee_id: Option<i64>,
}

impl FromQueryResult for Row {
    fn from_query_result(row: &QueryResult, _: &str) -> std::result::Result<Self, DbErr> {
        let mut r = Cursor::new(row);
        Ok(Row { alert: AlertColumns::read(&mut r)?, tag: r.next()?, name: r.next()?, employee_id: r.next()? })
    }
}

pub(crate) fn with_names() -> sea_orm::Select<alerts::Entity> {
    let mut select = alerts::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, alerts::Relation::Asset.def())
        .join(JoinType::LeftJoin, alerts::Relation::Assignment.def());
    for column in AlertColumns::columns() {
        select = select.column(column);
    }
    // Then what `Row` reads after the alert.
    select
        .column_as(Expr::col((assets::Entity, assets::Column::AssetTag)), "asset_tag")
        .column_as(Expr::col((assets::Entity, assets::Column::Name)), "asset_name")
        .column_as(Expr::col((assignments::Entity, assignments::Column::EmployeeId)), "employee_id")
}

/// The rows as the API shows them, with the borrowers' names read in one query.
pub(crate) async fn views(db: &impl ConnectionTrait, rows: Vec<Row>) -> Result<Vec<AlertView>> {
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.employee_id).collect();
    let names = names_in(db, Names::Employees, Some(&ids)).await?;
    Ok(rows.into_iter().map(|row| view(row, &names)).collect())
}

fn view(Row { alert: a, tag, name, employee_id }: Row, names: &HashMap<i64, String>) -> AlertView {
    let kind = a.kind.0;
    let date: Option<NaiveDate> = a.reference_date.or(a.reference_at.map(|at| at.date_naive()));
    let holder = employee_id.and_then(|id| names.get(&id)).map(String::as_str);
    let message = kind.message(&MessageFacts { tag: &tag, name: &name, holder, date, note: a.note.as_deref() });
    AlertView {
        id: a.id,
        kind,
        severity: a.severity.0,
        state: a.state.0,
        asset_id: a.asset_id,
        asset_tag: tag,
        asset_name: name,
        assignment_id: a.assignment_id,
        employee_id,
        site_id: a.site_id,
        message,
        note: a.note,
        reference_date: date,
        opened_at: a.opened_at,
        acknowledged_at: a.acknowledged_at,
        acknowledged_by: a.acknowledged_by,
        resolved_at: a.resolved_at,
        resolved_by: a.resolved_by,
        resolution: a.resolution.map(|r| r.0),
        resolution_note: a.resolution_note,
        notified_at: a.notified_at,
    }
}

type AlertList = List<AlertFilter>;

fn sort_of(query: &AlertList) -> Sort {
    let key = match query.sort {
        None | Some(AlertSort::OpenedAt) => Some((alerts::Column::OpenedAt.into_simple_expr(), KeyKind::Instant)),
        Some(AlertSort::Severity) => Some((severity_rank(), KeyKind::Number)),
        Some(AlertSort::Id) => None,
    };
    Sort { key, id: alerts::Column::Id.into_simple_expr(), descending: query.sort.is_none() || query.descending }
}

/// The severity's rank ([`Severity::rank`]) in SQL: the names do not sort by severity.
fn severity_rank() -> sea_orm::sea_query::SimpleExpr {
    let column = || Expr::col((alerts::Entity, alerts::Column::Severity));
    let mut case = sea_orm::sea_query::CaseStatement::new();
    for severity in Severity::ALL {
        case = case.case(column().eq(severity.as_str()), severity.rank());
    }
    case.finally(0).into()
}

/// The cursor after this alert in this sort.
fn cursor_of(query: &AlertList, a: &AlertView) -> String {
    let key = match query.sort {
        None | Some(AlertSort::OpenedAt) => Some(keyset::instant_key(a.opened_at)),
        Some(AlertSort::Severity) => Some(a.severity.rank().to_string()),
        Some(AlertSort::Id) => None,
    };
    Sort::cursor(key, a.id)
}

fn filtered<S: QueryFilter>(mut select: S, filter: &AlertFilter) -> S {
    use alerts::Column as C;
    if !filter.state.is_empty() {
        let states = filter.state.iter().map(|s| s.as_str());
        select = select.filter(Expr::col((alerts::Entity, C::State)).is_in(states));
    }
    let (kind, severity) = (filter.kind.map(AlertKind::as_str), filter.severity.map(Severity::as_str));
    for (column, value) in [(C::Kind, kind), (C::Severity, severity)] {
        if let Some(value) = value {
            select = select.filter(Expr::col((alerts::Entity, column)).eq(value));
        }
    }
    for (id, column) in [(filter.site_id, C::SiteId), (filter.asset_id, C::AssetId)] {
        if let Some(id) = id {
            select = select.filter(Expr::col((alerts::Entity, column)).eq(id));
        }
    }
    select
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<AlertView> {
    let row = with_names().filter(alerts::Column::Id.eq(id)).into_model::<Row>().one(db).await?;
    let row = row.ok_or_else(|| DomainError::not_found("alert", id))?;
    Ok(views(db, vec![row]).await?.remove(0))
}

impl Store {
    #[instrument(skip_all)]
    pub async fn list_alerts(&self, query: &AlertList) -> Result<Page<AlertView>> {
        let total = match query.count {
            true => Some(filtered(alerts::Entity::find(), &query.filter).count(&self.db).await?),
            false => None,
        };
        let select = sort_of(query).apply(filtered(with_names(), &query.filter), query)?;
        let items = views(&self.db, select.into_model::<Row>().all(&self.db).await?).await?;
        Ok(page(items, query.limit, total, |a| cursor_of(query, a)))
    }

    pub async fn get_alert(&self, id: i64) -> Result<AlertView> {
        find(&self.db, id).await
    }

    /// Someone has seen the alert and is on it.
    #[instrument(skip_all, fields(alert.id = id))]
    pub async fn acknowledge_alert(&self, actor: &Actor, id: i64) -> Result<AlertView> {
        self.handle(actor, id, AlertState::Acknowledged, None).await
    }

    /// Closes the alert by hand, with the reason. While its condition still holds, the scan does
    /// not open it again.
    #[instrument(skip_all, fields(alert.id = id))]
    pub async fn resolve_alert(&self, actor: &Actor, id: i64, request: ResolveAlert) -> Result<AlertView> {
        request.validate()?;
        self.handle(actor, id, AlertState::Resolved, Some(request.note.trim())).await
    }

    async fn handle(&self, actor: &Actor, id: i64, to: AlertState, note: Option<&str>) -> Result<AlertView> {
        use alerts::Column as C;
        let txn = self.write().await?;
        let alert = find(&txn, id).await?;
        let from: &[AlertState] = match to {
            AlertState::Acknowledged => &[AlertState::Open],
            _ => &AlertState::LIVE,
        };
        let already = |state: AlertState| DomainError::conflict_on("state", Reason::AlertAlready { id, state });
        if !from.contains(&alert.state) {
            return Err(already(alert.state).into());
        }
        let at = now();
        let mut update = alerts::Entity::update_many().col_expr(C::State, to.as_str().into());
        update = match to {
            AlertState::Acknowledged => {
                update.col_expr(C::AcknowledgedAt, at.into()).col_expr(C::AcknowledgedBy, actor.user_id.into())
            }
            _ => update
                .col_expr(C::ResolvedAt, at.into())
                .col_expr(C::ResolvedBy, actor.user_id.into())
                .col_expr(C::Resolution, Resolution::Manual.as_str().into())
                .col_expr(C::ResolutionNote, note.map(str::to_owned).into()),
        };
        if to == AlertState::Resolved && alert.kind.is_reported() {
            update = update.col_expr(C::ClearedAt, at.into());
        }
        let states: Vec<_> = from.iter().map(|s| s.as_str()).collect();
        // Only from the state read above: of two people acting at once, the second gets 409.
        if update.filter(C::Id.eq(id)).filter(C::State.is_in(states)).exec(&txn).await?.rows_affected != 1 {
            return Err(already(to).into());
        }
        let action =
            if to == AlertState::Acknowledged { AuditAction::AlertAcknowledge } else { AuditAction::AlertResolve };
        let mut after = json!({"state": to, "kind": alert.kind});
        if let Some(note) = note {
            after["note"] = note.into();
        }
        let change =
            Change { before: Some(json!({"state": alert.state})), after: Some(after), ..Change::on(action, id) };
        record(&txn, actor, change.tag(&alert.asset_tag)).await?;
        let alert = find(&txn, id).await?;
        self.commit(txn).await?;
        Ok(alert)
    }

    /// Records that the asset was seen, and where when a location is given (an asset out on
    /// assignment stays with its holder). Its `audit_due` alert clears on the re-check.
    #[instrument(skip_all, fields(asset.id = id))]
    pub async fn audit_asset(&self, actor: &Actor, id: i64, request: AuditAsset) -> Result<AssetView> {
        request.validate()?;
        let txn = self.write().await?;
        let asset = asset_state(&txn, AssetRef::Id(id)).await?;
        let mut place = (asset.site_id, asset.location_id);
        if let Some(location_id) = request.location_id {
            if asset.status() == AssetStatus::Assigned {
                let reason = Reason::CheckedOutStays { tag: asset.asset_tag.clone() };
                return Err(DomainError::invalid("location_id", reason).into());
            }
            let location = find_location(&txn, "location_id", location_id).await?;
            place = (Some(location.site_id), Some(location_id));
        }
        let at = now();
        use assets::Column as C;
        assets::Entity::update_many()
            .col_expr(C::LastAuditAt, at.into())
            .col_expr(C::SiteId, place.0.into())
            .col_expr(C::LocationId, place.1.into())
            .col_expr(C::Version, Expr::col(C::Version).add(1))
            .col_expr(C::UpdatedAt, at.into())
            .filter(C::Id.eq(id))
            .exec(&txn)
            .await?;
        let before = json!({"site_id": asset.site_id, "location_id": asset.location_id});
        let (_, mut after) = radgestmat_domain::changes(&before, &json!({"site_id": place.0, "location_id": place.1}));
        after["last_audit_at"] = json!(at);
        if let Some(note) = clean(request.note.as_deref()) {
            after["note"] = note.into();
        }
        let change = Change { before: Some(before), after: Some(after), ..Change::on(AuditAction::AssetAudit, id) };
        record(&txn, actor, change.tag(&asset.asset_tag)).await?;
        self.commit(txn).await?;
        self.get_asset(id).await
    }
}
