//! The alerts inbox: filter, acknowledge, resolve with a note, one by one or in bulk.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::{App, Names};
use radgestmat_domain::{
    AlertFilter, AlertKind, AlertState, AlertView, DomainError, Language, List, Page, ResolveAlert, Severity, Validate,
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

pub async fn inbox(ui: Ui<perm::ReadInventory>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let shown = ["cursor", "state", "kind", "severity", "site_id"];
    let mut list = List::<AlertFilter>::from_page(q.pairs().filter(|(k, _)| shown.contains(k)))?;
    if list.filter.state.is_empty() {
        list.filter.state = AlertState::LIVE.to_vec();
    }
    list.count = true;
    let page = app.list_alerts(&ui.actor, &list).await?;
    let filter_query = query(q.pairs().filter(|(k, _)| !["cursor", "done", "n", "failed"].contains(k)));
    let sites = app.names(Names::Sites, None).await?;
    let pager = Pager::new("/alerts", &q, &["state", "kind", "severity", "site_id"], page.next_cursor.as_deref());
    super::render(&Inbox { c: ui.c, q, page, sites, pager, filter_query })
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

/// Acknowledges or resolves every alert ticked, each on its own: one refused (already handled,
/// not the desk's to handle) does not stop the others; the inbox says how many of each.
pub async fn bulk(ui: Ui<perm::HandleAlerts>, State(app): State<App>, form: Fields) -> UiResult {
    let ids: Vec<i64> = form.all("id").filter_map(|id| id.parse().ok()).collect();
    let action = form.get("action");
    let note = form.get("note");
    // The domain's rule, checked once for the whole selection rather than refused alert by alert.
    if action == "resolve" && (ResolveAlert { note: note.to_owned() }).validate().is_err() {
        return Err(UiError::BadRequest(ui.c.t("alerts-bulk-note-required")));
    }
    let (mut done, mut failed) = (0, 0);
    for id in ids {
        let result = match action {
            "acknowledge" => app.acknowledge_alert(&ui.actor, id).await,
            "resolve" => app.resolve_alert(&ui.actor, id, ResolveAlert { note: note.to_owned() }).await,
            _ => return Err(UiError::BadRequest("action: expected acknowledge or resolve".into())),
        };
        match result {
            Ok(_) => done += 1,
            // Already handled, or not the desk's: counted, the others go on.
            Err(radgestmat_app::Error::Domain(_) | radgestmat_app::Error::Denied { .. }) => failed += 1,
            Err(err) => return Err(err.into()),
        }
    }
    let verb = if action == "resolve" { "resolved" } else { "acknowledged" };
    Ok(Redirect::to(&with_done(&back(&form, "/alerts".into()), verb, done, failed)).into_response())
}
