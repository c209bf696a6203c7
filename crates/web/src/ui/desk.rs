//! The reception desk: check an asset out (scan, pick the employee, due date, confirm) and in
//! (scan, condition, done). A scanner types the tag and Enter; a phone can use its camera.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::{NaiveDate, NaiveTime, TimeDelta, Utc};
use radgestmat_app::{App, AssetRef, Employees, Names};
use radgestmat_domain::{
    Actor, AssetStatus, AssetView, CheckIn, CheckOut, DomainError, EmployeeFields, EmployeeFilter, List, Reason, Stored,
};

use super::assets::name_of;
use super::forms::{Errors, Fields, QueryFields};
use super::{Ctx, Ui, UiResult};
use crate::auth::perm;

/// How many matching employees the picker shows.
const PEOPLE_SHOWN: u64 = 8;
/// How long a loan lasts unless the desk says otherwise.
const DEFAULT_LOAN_DAYS: i64 = 7;
/// The hour of the due day by which a loan is expected back (local time).
const DUE_HOUR: u32 = 18;

/// The asset the desk is looking at, and what it may do with it.
pub struct Found {
    asset: AssetView,
    /// Who or where holds it now, when it is out.
    holder: String,
}

#[derive(Template)]
#[template(path = "desk/checkout.html")]
struct CheckoutPage {
    c: Ctx,
    form: Fields,
    found: Option<Found>,
    /// Why the asset cannot be checked out, or the form's errors.
    problem: Option<String>,
    errors: Errors,
    people: People,
    /// After a check-out: what was done.
    done: Option<Found>,
    default_due: NaiveDate,
}

#[derive(Template)]
#[template(path = "desk/checkin.html")]
struct CheckinPage {
    c: Ctx,
    form: Fields,
    found: Option<Found>,
    problem: Option<String>,
    done: Option<AssetView>,
}

impl CheckoutPage {
    fn available(&self) -> bool {
        self.problem.is_none() && self.found.as_ref().is_some_and(|f| f.asset.fields.status.can_check_out())
    }

    fn done_message(&self, done: &Found) -> String {
        let args = [("tag", done.asset.tag().to_owned().into()), ("holder", done.holder.clone().into())];
        self.c.tr.args("checkout-done", &args)
    }
}

/// The employees matching the desk's search, each with what tells two namesakes apart.
pub struct People {
    found: Vec<Person>,
    /// More matched than shown: the desk should type more.
    more: bool,
    /// What the search was; empty before any.
    q: String,
    /// The one chosen, if any: never guessed among several.
    picked: Option<i64>,
}

pub struct Person {
    employee: Stored<EmployeeFields>,
    department: String,
    site: String,
}

impl People {
    /// The active employees matching `q` (at most [`PEOPLE_SHOWN`]), `picked` the one chosen, or
    /// the only match.
    async fn search(app: &App, actor: &Actor, q: &str, picked: Option<i64>) -> UiResult<People> {
        // Through the list's own checks of a search (length, control characters).
        let mut query = List::<EmployeeFilter>::from_page([("q", q)])?;
        (query.filter.active, query.limit) = (Some(true), PEOPLE_SHOWN);
        let page = app.list::<Employees>(actor, &query).await?;
        let people = People::named(app, page.items).await?;
        let picked = picked.or_else(|| match &people[..] {
            [only] => Some(only.employee.id),
            _ => None,
        });
        Ok(People { found: people, more: page.next_cursor.is_some(), q: q.to_owned(), picked })
    }

    /// The one chosen, alone (a form sent back with an error).
    async fn chosen(app: &App, actor: &Actor, id: i64) -> UiResult<People> {
        let found = app.get::<Employees>(actor, id).await.map(|e| vec![e]).unwrap_or_default();
        Ok(People { found: People::named(app, found).await?, more: false, q: String::new(), picked: Some(id) })
    }

    async fn named(app: &App, employees: Vec<Stored<EmployeeFields>>) -> UiResult<Vec<Person>> {
        let departments: Vec<i64> = employees.iter().filter_map(|e| e.fields.department_id).collect();
        let sites: Vec<i64> = employees.iter().filter_map(|e| e.fields.site_id).collect();
        let departments = app.names(Names::Departments, Some(&departments)).await?;
        let sites = app.names(Names::Sites, Some(&sites)).await?;
        let name = |names: &HashMap<i64, String>, id: Option<i64>| {
            id.and_then(|id| names.get(&id)).cloned().unwrap_or_default()
        };
        Ok(employees
            .into_iter()
            .map(|e| Person {
                department: name(&departments, e.fields.department_id),
                site: name(&sites, e.fields.site_id),
                employee: e,
            })
            .collect())
    }

    fn empty() -> People {
        People { found: vec![], more: false, q: String::new(), picked: None }
    }

    fn is_picked(&self, id: &i64) -> bool {
        self.picked == Some(*id)
    }
}

/// The picker alone, for the search as one types (the page's script swaps it in).
#[derive(Template)]
#[template(path = "desk/people.html")]
struct PeopleFragment {
    c: Ctx,
    people: People,
}

pub async fn people(ui: Ui<perm::CheckOut>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let people = People::search(&app, &ui.actor, q.get("q"), None).await?;
    super::render(&PeopleFragment { c: ui.c, people })
}

/// Finds the asset by the tag typed or scanned; `problem` says why there is none.
async fn find(app: &App, actor: &Actor, c: &Ctx, tag: &str) -> UiResult<(Option<Found>, Option<String>)> {
    if tag.is_empty() {
        return Ok((None, None));
    }
    match app.get_asset_by_tag(actor, tag).await {
        Ok(asset) => Ok((Some(Found::of(app, asset).await?), None)),
        Err(err) if err.is_not_found() => Ok((None, Some(c.tr.t1("desk-no-such-tag", "tag", tag)))),
        Err(err) => Err(err.into()),
    }
}

impl Found {
    /// The asset with the name of who or where holds it.
    async fn of(app: &App, asset: AssetView) -> UiResult<Found> {
        let holder = match &asset.current_assignment {
            Some(current) => match current.employee_id {
                Some(id) => name_of(app, Names::Employees, Some(id)).await?,
                None => name_of(app, Names::Locations, current.location_id).await?,
            },
            None => String::new(),
        };
        Ok(Found { asset, holder })
    }
}

/// Why this asset cannot go out now, in words for the desk.
fn refusal(c: &Ctx, found: &Found) -> Option<String> {
    let asset = &found.asset;
    match (&asset.current_assignment, asset.fields.status) {
        (Some(current), _) => Some(c.tr.args(
            "desk-already-out",
            &[
                ("tag", asset.tag().to_owned().into()),
                ("holder", found.holder.clone().into()),
                ("since", c.tr.time(&current.checked_out_at).into()),
            ],
        )),
        (None, AssetStatus::InStock) => None,
        (None, status) => Some(c.tr.args(
            "desk-not-available",
            &[("tag", asset.tag().to_owned().into()), ("status", c.status(&status).into())],
        )),
    }
}

async fn checkout_view(app: &App, actor: &Actor, c: Ctx, form: Fields, errors: Errors) -> UiResult<CheckoutPage> {
    let (found, mut problem) = find(app, actor, &c, form.get("tag")).await?;
    if let Some(found) = &found {
        problem = problem.or_else(|| refusal(&c, found));
    }
    let picked = form.get("employee_id").parse::<i64>().ok();
    let people = match picked {
        _ if problem.is_none() && found.is_some() && !form.get("q").is_empty() => {
            People::search(app, actor, form.get("q"), picked).await?
        }
        Some(id) => People::chosen(app, actor, id).await?,
        None => People::empty(),
    };
    let default_due = c.tr.day(&Utc::now()) + TimeDelta::days(DEFAULT_LOAN_DAYS);
    Ok(CheckoutPage { c, form, found, problem, errors, people, done: None, default_due })
}

pub async fn checkout_page(ui: Ui<perm::CheckOut>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let done = match q.get("done").parse::<i64>() {
        Ok(id) => Some(Found::of(&app, app.get_asset(&ui.actor, id).await?).await?),
        Err(_) => None,
    };
    let mut page = checkout_view(&app, &ui.actor, ui.c, q, Errors::default()).await?;
    page.done = done;
    super::render(&page)
}

pub async fn checkout(ui: Ui<perm::CheckOut>, State(app): State<App>, form: Fields) -> UiResult {
    let mut errors = Errors::default();
    let employee_id = form.id("employee_id", &mut errors);
    if employee_id.is_none() && !errors.has("employee_id") {
        errors.add("employee_id", Reason::ChooseEmployee);
    }
    let due = form.date("due", &mut errors);
    // A cleared due date is a hand-over for good: only when the desk says so.
    let open_ended = form.is("open_ended", "yes");
    if due.is_none() && !open_ended && !errors.has("due") {
        errors.add("due", Reason::ConfirmOpenEnded);
    }
    let due = due.filter(|_| !open_ended);
    let offset = ui.c.tr.offset;
    let expected_return_at = due
        .and_then(|d| d.and_time(NaiveTime::from_hms_opt(DUE_HOUR, 0, 0)?).and_local_timezone(offset).single())
        .map(|t| t.to_utc());
    if errors.is_empty() {
        let request = CheckOut { employee_id, expected_return_at, note: form.opt("note"), ..CheckOut::default() };
        match app.check_out(&ui.actor, AssetRef::Tag(form.get("tag")), request).await {
            Ok(loan) => return Ok(Redirect::to(&format!("/desk/checkout?done={}", loan.asset_id)).into_response()),
            Err(radgestmat_app::Error::Domain(DomainError::Conflict { .. })) => {}
            Err(err) => {
                errors.absorb(err)?;
                errors.rename("expected_return_at", "due");
            }
        }
    }
    // Refused: show the asset as it is now (already out, not available) or the field errors.
    let page = checkout_view(&app, &ui.actor, ui.c, form, errors).await?;
    let status = if page.problem.is_some() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
    super::render_status(status, &page)
}

async fn checkin_view(app: &App, actor: &Actor, c: Ctx, form: Fields) -> UiResult<CheckinPage> {
    let (found, mut problem) = find(app, actor, &c, form.get("tag")).await?;
    if let Some(found) = &found
        && found.asset.current_assignment.is_none()
    {
        problem = Some(c.tr.args(
            "desk-not-out",
            &[("tag", found.asset.tag().to_owned().into()), ("status", c.status(&found.asset.fields.status).into())],
        ));
    }
    Ok(CheckinPage { c, form, found, problem, done: None })
}

pub async fn checkin_page(ui: Ui<perm::CheckOut>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let done = match q.get("done").parse::<i64>() {
        Ok(id) => Some(app.get_asset(&ui.actor, id).await?),
        Err(_) => None,
    };
    let mut page = checkin_view(&app, &ui.actor, ui.c, q).await?;
    page.done = done;
    super::render(&page)
}

pub async fn checkin(ui: Ui<perm::CheckOut>, State(app): State<App>, form: Fields) -> UiResult {
    let request =
        CheckIn { condition: form.choice_or_default("condition")?, location_id: None, note: form.opt("note") };
    match app.check_in(&ui.actor, AssetRef::Tag(form.get("tag")), request).await {
        Ok(loan) => Ok(Redirect::to(&format!("/desk/checkin?done={}", loan.asset_id)).into_response()),
        Err(radgestmat_app::Error::Domain(DomainError::Conflict { .. } | DomainError::Invalid(_))) => {
            let mut page = checkin_view(&app, &ui.actor, ui.c, form).await?;
            page.problem.get_or_insert_with(|| page.c.t("desk-checkin-refused"));
            super::render_status(StatusCode::CONFLICT, &page)
        }
        Err(err) => Err(err.into()),
    }
}
