//! The lists as spreadsheets, CSV or Excel, with the page's filters and headers in the page's
//! language: alerts, employees, assignments (loans and hand-overs) and the audit log. (The asset
//! list's is beside the list.)

use axum::extract::State;
use radgestmat_app::{App, Employees, Names};
use radgestmat_domain::{AlertFilter, AlertState, AssignmentFilter, AuditFilter, EmployeeFilter, IdSort, List};

use super::forms::QueryFields;
use super::{Ui, UiResult};
use crate::auth::perm;
use crate::export::{Cell, Column, Kind, Table};

fn columns(ui: &Ui<impl crate::auth::Requirement>, keys: &[(&str, f64)]) -> Vec<Column> {
    keys.iter().map(|(key, width)| (ui.c.t(key), *width)).collect()
}

/// The alerts of the inbox's filter (live ones unless a state is chosen).
pub async fn alerts(
    ui: Ui<perm::ReadInventory>,
    State(app): State<App>,
    QueryFields(q): QueryFields,
    kind: Kind,
) -> UiResult {
    let mut query = List::<AlertFilter>::from_page(q.pairs().filter(|(k, _)| super::alerts::FILTERS.contains(k)))?;
    if query.filter.state.is_empty() {
        query.filter.state = AlertState::LIVE.to_vec();
    }
    query.limit = 500;
    let keys = [
        ("alert-severity", 10.0),
        ("alert-kind", 22.0),
        ("alert-message", 48.0),
        ("asset-tag", 14.0),
        ("asset-site", 22.0),
        ("alert-opened", 17.0),
        ("alert-state", 14.0),
    ];
    let mut table = Table::new(kind, ui.c.tr, &columns(&ui, &keys))?;
    let sites = app.names(Names::Sites, None).await?;
    loop {
        let page = app.list_alerts(&ui.actor, &query).await?;
        for alert in &page.items {
            table.row(vec![
                Cell::Text(ui.c.tr.severity(&alert.severity)),
                Cell::Text(ui.c.tr.kind(&alert.kind)),
                Cell::Text(super::alerts::message(alert, ui.c.tr.language).to_owned()),
                Cell::Text(alert.asset_tag.clone()),
                Cell::text(alert.site_id.and_then(|id| sites.get(&id)).cloned()),
                Cell::Instant(Some(alert.opened_at)),
                Cell::Text(ui.c.alert_state(&alert.state)),
            ])?;
        }
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    table.finish(&ui.c.t("alerts-file-name")).await
}

/// The employees of the list's filter.
pub async fn employees(
    ui: Ui<perm::ReadInventory>,
    State(app): State<App>,
    QueryFields(q): QueryFields,
    kind: Kind,
) -> UiResult {
    let mut query = List::<EmployeeFilter>::from_page(q.pairs().filter(|(k, _)| *k != "cursor"))?;
    query.limit = 500;
    let keys = [
        ("employee-matricule", 12.0),
        ("employee-last-name", 20.0),
        ("employee-first-name", 18.0),
        ("employee-email", 28.0),
        ("employee-department", 22.0),
        ("asset-site", 22.0),
        ("employee-active", 8.0),
    ];
    let mut table = Table::new(kind, ui.c.tr, &columns(&ui, &keys))?;
    let (sites, departments) = (app.names(Names::Sites, None).await?, app.names(Names::Departments, None).await?);
    loop {
        let page = app.list::<Employees>(&ui.actor, &query).await?;
        for e in &page.items {
            let f = &e.fields;
            table.row(vec![
                Cell::Text(f.matricule.clone()),
                Cell::Text(f.last_name.clone()),
                Cell::Text(f.first_name.clone()),
                Cell::text(f.email.clone()),
                Cell::text(f.department_id.and_then(|id| departments.get(&id)).cloned()),
                Cell::text(f.site_id.and_then(|id| sites.get(&id)).cloned()),
                Cell::Text(ui.c.t(if f.active { "yes" } else { "no" })),
            ])?;
        }
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    table.finish(&ui.c.t("employees-file-name")).await
}

/// Hand-overs and loans (`open`, `overdue`, `employee_id`, `asset_id`, `location_id`).
pub async fn assignments(
    ui: Ui<perm::ReadInventory>,
    State(app): State<App>,
    QueryFields(q): QueryFields,
    kind: Kind,
) -> UiResult {
    let mut query = List::<AssignmentFilter>::from_page(q.pairs().filter(|(k, _)| *k != "cursor"))?;
    query.limit = 500;
    let keys = [
        ("asset-tag", 14.0),
        ("asset-name", 30.0),
        ("loan-holder", 24.0),
        ("assignment-checked-out", 17.0),
        ("loan-due", 17.0),
        ("assignment-returned", 17.0),
        ("assignment-note", 30.0),
    ];
    let mut table = Table::new(kind, ui.c.tr, &columns(&ui, &keys))?;
    let (people, places) = (app.names(Names::Employees, None).await?, app.names(Names::Locations, None).await?);
    loop {
        let page = app.list_assignments(&ui.actor, &query).await?;
        for a in &page.items {
            let holder =
                a.employee_id.and_then(|id| people.get(&id)).or_else(|| a.location_id.and_then(|id| places.get(&id)));
            table.row(vec![
                Cell::Text(a.asset_tag.clone()),
                Cell::Text(a.asset_name.clone()),
                Cell::text(holder.cloned()),
                Cell::Instant(Some(a.checked_out_at)),
                Cell::Instant(a.expected_return_at),
                Cell::Instant(a.returned_at),
                Cell::text(a.note.clone()),
            ])?;
        }
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    table.finish(&ui.c.t("assignments-file-name")).await
}

/// The audit log of the page's filter, newest first; the export is recorded.
pub async fn audit(
    ui: Ui<perm::ReadAudit>,
    State(app): State<App>,
    QueryFields(q): QueryFields,
    kind: Kind,
) -> UiResult {
    let list = List::<AuditFilter>::from_page(q.pairs().filter(|(k, _)| super::audit::FILTERS.contains(k)))?;
    let mut query = List { sort: Some(IdSort::Id), descending: true, limit: 500, ..list };
    app.export_audit(&ui.actor, &query.filter).await?;
    let keys = [
        ("audit-at", 17.0),
        ("audit-actor", 20.0),
        ("audit-action", 20.0),
        ("asset-tag", 14.0),
        ("audit-details", 60.0),
        ("audit-ip", 16.0),
    ];
    let mut table = Table::new(kind, ui.c.tr, &columns(&ui, &keys))?;
    loop {
        let page = app.list_audit(&ui.actor, &query).await?;
        for e in &page.items {
            let changes = e.after.as_ref().map(|v| v.to_string()).unwrap_or_default();
            table.row(vec![
                Cell::Instant(Some(e.at)),
                Cell::Text(e.actor_name.clone()),
                Cell::Text(e.action.as_str().to_owned()),
                Cell::text(e.asset_tag.clone()),
                Cell::Text(changes),
                Cell::text(e.ip.clone()),
            ])?;
        }
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    table.finish(&ui.c.t("audit-file-name")).await
}
