//! Employees: the list, and each one's page with what they hold and their history, and the
//! leaver's check-in of everything at once.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::{App, Employees, Names};
use radgestmat_domain::{
    AssignmentFilter, AssignmentSort, CheckIn, EmployeeFields, EmployeeFilter, List, Page, Stored,
};

use super::dashboard::{LoanRow, loans};
use super::forms::{Fields, Pager, QueryFields};
use super::{Ctx, Ui, UiResult};
use crate::auth::perm;

#[derive(Template)]
#[template(path = "employees/list.html")]
struct ListPage {
    c: Ctx,
    q: Fields,
    page: Page<Stored<EmployeeFields>>,
    sites: HashMap<i64, String>,
    departments: HashMap<i64, String>,
    pager: Pager,
    /// The list's filter as a query string, for the exports.
    filter_query: String,
}

impl ListPage {
    fn site(&self, e: &Stored<EmployeeFields>) -> &str {
        e.fields.site_id.and_then(|id| self.sites.get(&id)).map_or("", String::as_str)
    }

    fn department(&self, e: &Stored<EmployeeFields>) -> &str {
        e.fields.department_id.and_then(|id| self.departments.get(&id)).map_or("", String::as_str)
    }
}

pub async fn list(ui: Ui<perm::ReadInventory>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let query = List { count: true, ..List::<EmployeeFilter>::from_page(q.pairs())? };
    let page = app.list::<Employees>(&ui.actor, &query).await?;
    let pager = Pager::new("/employees", &q, &["q", "site_id", "department_id", "active"], page.next_cursor.as_deref());
    let filter_query = super::forms::query(q.pairs().filter(|(k, _)| *k != "cursor"));
    super::render(&ListPage {
        c: ui.c,
        q,
        page,
        sites: app.names(Names::Sites, None).await?,
        departments: app.names(Names::Departments, None).await?,
        pager,
        filter_query,
    })
}

#[derive(Template)]
#[template(path = "employees/detail.html")]
struct DetailPage {
    c: Ctx,
    e: Stored<EmployeeFields>,
    site: String,
    department: String,
    held: Vec<LoanRow>,
    history: Vec<LoanRow>,
    done: String,
}

pub async fn detail(
    ui: Ui<perm::ReadInventory>,
    State(app): State<App>,
    Path(id): Path<i64>,
    QueryFields(q): QueryFields,
) -> UiResult {
    let e = app.get::<Employees>(&ui.actor, id).await?;
    let all = AssignmentFilter { employee_id: Some(id), ..AssignmentFilter::default() };
    let newest = List { sort: Some(AssignmentSort::CheckedOutAt), descending: true, ..List::of(all) };
    let (held, history): (Vec<_>, Vec<_>) =
        loans(&app, &ui.actor, newest).await?.into_iter().partition(|row| row.loan.returned_at.is_none());
    let site = super::assets::name_of(&app, Names::Sites, e.fields.site_id).await?;
    let department = super::assets::name_of(&app, Names::Departments, e.fields.department_id).await?;
    super::render(&DetailPage { c: ui.c, e, site, department, held, history, done: q.get("done").to_owned() })
}

/// A leaver: everything they hold comes back at once, all or nothing.
pub async fn leaver(ui: Ui<perm::CheckOut>, State(app): State<App>, Path(id): Path<i64>, form: Fields) -> UiResult {
    if !form.is("confirm", "yes") {
        return Ok(Redirect::to(&format!("/employees/{id}?done=unconfirmed")).into_response());
    }
    let request =
        CheckIn { condition: form.choice_or_default("condition")?, location_id: None, note: form.opt("note") };
    let done = app.check_in_everything(&ui.actor, id, request).await?;
    Ok(Redirect::to(&format!("/employees/{id}?done={}", done.len())).into_response())
}
