//! The alerts inbox: filter, acknowledge, resolve with a note, one by one or in bulk.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::{App, Employees, Handling, Names, Selection};
use radgestmat_domain::{
    AlertFilter, AlertKind, AlertSort, AlertState, AlertView, DomainError, Language, List, Page, ResolveAlert, Role,
    Severity,
};

use super::forms::{Errors, Fields, Pager, QueryFields, query};
use super::{Ctx, Ui, UiError, UiResult};
use crate::auth::{Requirement, perm};

#[derive(Template)]
#[template(path = "alerts/inbox.html")]
struct Inbox {
    c: Ctx,
    q: Fields,
    page: Page<AlertView>,
    sites: HashMap<i64, String>,
    pager: Pager,
    /// The current filters as a query string: where a bulk action comes back to.
    filter_query: String,
    /// The desk's site, shown by default.
    own_site: Option<i64>,
}

impl Inbox {
    fn selected(&self, name: &str, value: &str) -> bool {
        let live = self.live();
        let current = if name == "state" && self.q.get("state").is_empty() { &live } else { self.q.get(name) };
        current == value
    }

    /// What the inbox shows unless asked otherwise: what still needs someone.
    fn live(&self) -> String {
        AlertState::LIVE.map(|s| s.as_str()).join(",")
    }

    fn kinds(&self) -> Vec<(&'static str, String)> {
        AlertKind::ALL.iter().map(|k| (k.as_str(), self.c.tr.kind(k))).collect()
    }

    fn severities(&self) -> Vec<(&'static str, String)> {
        Severity::ALL.iter().rev().map(|s| (s.as_str(), self.c.tr.severity(s))).collect()
    }

    fn sites(&self) -> Vec<(i64, &str)> {
        let mut sites: Vec<_> = self.sites.iter().map(|(id, name)| (*id, name.as_str())).collect();
        sites.sort_by_key(|(_, name)| *name);
        sites
    }

    fn message<'a>(&self, alert: &'a AlertView) -> &'a str {
        message(alert, self.c.tr.language)
    }

    /// Whether "apply to the whole filter" acts on what the page counts: the filter shows live
    /// alerts only (a bulk action handles no resolved one).
    fn whole_filter(&self) -> bool {
        self.page.total.unwrap_or(0) > self.page.items.len() as u64
            && self.q.get("state").split(',').all(|s| s != AlertState::Resolved.as_str())
    }

    /// The filters in force, for a bulk action over all of them.
    fn filters(&self) -> Vec<(&str, &str)> {
        self.q.pairs().filter(|(k, _)| FILTERS.contains(k)).collect()
    }

    /// The desk's own site, when the inbox shows it by default.
    fn own_site_shown(&self) -> Option<&str> {
        self.own_site.and_then(|id| self.sites.get(&id)).map(String::as_str)
    }

    fn site(&self, alert: &AlertView) -> &str {
        alert.site_id.and_then(|id| self.sites.get(&id)).map_or("", String::as_str)
    }

    fn done(&self) -> String {
        let (done, count, failed) = (self.q.get("done"), self.q.get("n"), self.q.get("failed"));
        if done.is_empty() {
            return String::new();
        }
        let mut text = self.c.tr.t1(&format!("alerts-done-{done}"), "count", count);
        if !failed.is_empty() && failed != "0" {
            text = format!("{text} {}", self.c.tr.t1("alerts-done-failed", "count", failed));
        }
        text
    }
}

/// The alert's message in the page's language.
pub fn message(alert: &AlertView, language: Language) -> &str {
    match language {
        Language::Fr => &alert.message.fr,
        Language::En => &alert.message.en,
    }
}

/// The inbox's filters.
pub(crate) const FILTERS: [&str; 4] = ["state", "kind", "severity", "site_id"];

/// The inbox: the most severe first, then the newest. The desk sees its own site's alerts unless
/// it chooses another (or all: `site_id=` empty).
pub async fn inbox(ui: Ui<perm::ReadInventory>, State(app): State<App>, QueryFields(mut q): QueryFields) -> UiResult {
    let own = match q.names("site_id") {
        true => None,
        false => own_site(&app, &ui).await?,
    };
    if let Some(site) = own {
        q.push("site_id", site.to_string());
    }
    let mut list = List::<AlertFilter>::from_page(q.pairs().filter(|(k, _)| FILTERS.contains(k) || *k == "cursor"))?;
    if list.filter.state.is_empty() {
        list.filter.state = AlertState::LIVE.to_vec();
    }
    (list.count, list.sort, list.descending) = (true, Some(AlertSort::Severity), true);
    let page = app.list_alerts(&ui.actor, &list).await?;
    let filter_query = query(q.pairs().filter(|(k, _)| !["cursor", "done", "n", "failed"].contains(k)));
    let sites = app.names(Names::Sites, None).await?;
    let pager = Pager::new("/alerts", &q, &FILTERS, page.next_cursor.as_deref());
    super::render(&Inbox { c: ui.c, q, page, sites, pager, filter_query, own_site: own })
}

/// The site of the desk's own employee record, if the account is linked to one.
async fn own_site(app: &App, ui: &Ui<perm::ReadInventory>) -> UiResult<Option<i64>> {
    match (ui.user.role, ui.actor.employee_id) {
        (Role::Reception, Some(employee)) => Ok(app.get::<Employees>(&ui.actor, employee).await?.fields.site_id),
        _ => Ok(None),
    }
}

#[derive(Template)]
#[template(path = "alerts/detail.html")]
struct Detail {
    c: Ctx,
    alert: AlertView,
    errors: Errors,
    note: String,
    done: String,
    handlers: HashMap<i64, String>,
}

impl Detail {
    fn live(&self) -> bool {
        self.alert.state != AlertState::Resolved
    }

    fn message(&self) -> &str {
        message(&self.alert, self.c.tr.language)
    }

    fn who(&self, id: &Option<i64>) -> &str {
        id.and_then(|id| self.handlers.get(&id)).map_or("", String::as_str)
    }
}

async fn detail_page(
    ui: Ui<impl Requirement>,
    app: &App,
    id: i64,
    errors: Errors,
    note: String,
    done: String,
) -> UiResult<Detail> {
    let alert = app.get_alert(&ui.actor, id).await?;
    let users: Vec<i64> = [alert.acknowledged_by, alert.resolved_by].into_iter().flatten().collect();
    let handlers = app.names(Names::Users, Some(&users)).await?;
    Ok(Detail { c: ui.c, alert, errors, note, done, handlers })
}

/// An alert's page: what the e-mail notifications link to.
pub async fn detail(
    ui: Ui<perm::ReadInventory>,
    State(app): State<App>,
    Path(id): Path<i64>,
    QueryFields(q): QueryFields,
) -> UiResult {
    super::render(&detail_page(ui, &app, id, Errors::default(), String::new(), q.get("done").to_owned()).await?)
}

/// Where to go back to: the page the form came from (the inbox with its filters), if it is ours.
fn back(form: &Fields, fallback: String) -> String {
    let next = super::forms::local_path(form.get("next")).filter(|path| path.starts_with("/alerts"));
    next.map_or(fallback, str::to_owned)
}

fn with_done(path: &str, done: &str, count: usize, failed: usize) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}done={done}&n={count}&failed={failed}")
}

pub async fn acknowledge(
    ui: Ui<perm::HandleAlerts>,
    State(app): State<App>,
    Path(id): Path<i64>,
    form: Fields,
) -> UiResult {
    let failed = match app.acknowledge_alert(&ui.actor, id).await {
        Ok(_) => 0,
        Err(radgestmat_app::Error::Domain(DomainError::Conflict { .. })) => 1,
        Err(err) => return Err(err.into()),
    };
    let path = back(&form, format!("/alerts/{id}"));
    Ok(Redirect::to(&with_done(&path, "acknowledged", 1 - failed, failed)).into_response())
}

pub async fn resolve(
    ui: Ui<perm::HandleAlerts>,
    State(app): State<App>,
    Path(id): Path<i64>,
    form: Fields,
) -> UiResult {
    let note = form.get("note").to_owned();
    match app.resolve_alert(&ui.actor, id, ResolveAlert { note: note.clone() }).await {
        Ok(_) => Ok(Redirect::to(&with_done(&back(&form, format!("/alerts/{id}")), "resolved", 1, 0)).into_response()),
        Err(err @ radgestmat_app::Error::Domain(DomainError::Invalid(_) | DomainError::Conflict { .. })) => {
            let mut errors = Errors::default();
            errors.absorb(err)?;
            let page = detail_page(ui, &app, id, errors, note, String::new()).await?;
            super::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(err) => Err(err.into()),
    }
}

/// Acknowledges or resolves the alerts ticked, or, with `all=yes` (the box naming how many),
/// every live alert of the inbox's filter; the inbox says how many of each.
pub async fn bulk(ui: Ui<perm::HandleAlerts>, State(app): State<App>, form: Fields) -> UiResult {
    let handling = match form.get("action") {
        "acknowledge" => Handling::Acknowledge,
        "resolve" => Handling::Resolve(ResolveAlert { note: form.get("note").to_owned() }),
        _ => return Err(UiError::BadRequest(ui.c.t("alerts-bulk-action"))),
    };
    let selection = match form.get("all") {
        "yes" => Selection::Matching(
            List::<AlertFilter>::from_page(form.pairs().filter(|(k, _)| FILTERS.contains(k)))?.filter,
        ),
        _ => Selection::Ids(form.all("id").filter_map(|id| id.parse().ok()).collect()),
    };
    let handled = match app.handle_alerts(&ui.actor, selection, handling).await {
        Ok(handled) => handled,
        // The one refusal of the whole action: a resolution without its note.
        Err(radgestmat_app::Error::Domain(DomainError::Invalid(_))) => {
            return Err(UiError::BadRequest(ui.c.t("alerts-bulk-note-required")));
        }
        Err(err) => return Err(err.into()),
    };
    let verb = if form.get("action") == "resolve" { "resolved" } else { "acknowledged" };
    let (done, refused) = (handled.done as usize, handled.refused as usize);
    Ok(Redirect::to(&with_done(&back(&form, "/alerts".into()), verb, done, refused)).into_response())
}

/// The alert's asset was seen where the register has it: the physical audit that answers an
/// `audit_due` alert (which clears on the re-check that follows).
pub async fn seen(ui: Ui<perm::ManageInventory>, State(app): State<App>, Path(id): Path<i64>) -> UiResult {
    app.answer_audit_reminder(&ui.actor, id).await?;
    Ok(Redirect::to(&format!("/alerts/{id}?done=seen")).into_response())
}
