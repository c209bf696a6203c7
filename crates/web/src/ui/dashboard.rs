//! The dashboard: the picture at a glance, each figure a link to the list behind it. The
//! reception desk sees today's loans and returns first; management sees totals and value;
//! an employee goes to what they hold (`/mine`).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use chrono::{FixedOffset, TimeDelta, Utc};
use radgestmat_app::{App, Dashboard, Names};
use radgestmat_domain::{Actor, AssignmentFilter, AssignmentSort, AssignmentView, DayOrInstant, Due, List, Role};

use super::charts::{Chart, Datum};
use super::{Ctx, Ui, UiResult};
use crate::auth::perm;

/// A loan in a list, with its holder's name.
pub struct LoanRow {
    pub loan: AssignmentView,
    pub holder: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Page {
    c: Ctx,
    figures: Figures,
    /// For the desk: the loans overdue, due today and due this week, in that order.
    due: Vec<(Due, Vec<LoanRow>)>,
}

struct Figures {
    d: Dashboard,
    by_status: Chart,
    by_site: Chart,
    by_category: Chart,
    alerts: Chart,
}

impl Page {
    fn reception(&self) -> bool {
        self.c.role() == Some(Role::Reception)
    }

    fn direction(&self) -> bool {
        self.c.role() == Some(Role::Direction)
    }

    /// "See all 32 sites": the chart shows the first twelve.
    fn all_sites(&self) -> String {
        self.c.tr.count("dashboard-all-sites", self.figures.d.by_site.len() as u64)
    }
}

pub async fn page(ui: Ui<perm::SignedIn>, State(app): State<App>) -> UiResult {
    let c = ui.c;
    if !c.reads_inventory() {
        return Ok(Redirect::to("/mine").into_response());
    }
    let figures = Figures::new(&c, app.dashboard(&ui.actor).await?);
    let due = match c.role() {
        Some(Role::Reception) => due_this_week(&app, &ui.actor, c.tr.offset).await?,
        _ => vec![],
    };
    super::render(&Page { c, figures, due })
}

/// The open loans due before the end of the week, by when they are due.
async fn due_this_week(app: &App, actor: &Actor, offset: FixedOffset) -> UiResult<Vec<(Due, Vec<LoanRow>)>> {
    let now = Utc::now();
    let end = DayOrInstant::Instant(Due::end_of_today(now, offset) + TimeDelta::days(6));
    let filter = AssignmentFilter { open: Some(true), due_before: Some(end), ..AssignmentFilter::default() };
    let query = List { sort: Some(AssignmentSort::ExpectedReturnAt), limit: 500, ..List::of(filter) };
    let rows = named(app, app.list_assignments(actor, &query).await?.items).await?;
    let mut groups: Vec<(Due, Vec<LoanRow>)> = [Due::Overdue, Due::Today, Due::ThisWeek].map(|d| (d, vec![])).into();
    for row in rows {
        let due = row.loan.expected_return_at.map_or(Due::Later, |at| Due::of(at, now, offset));
        if let Some((_, group)) = groups.iter_mut().find(|(d, _)| *d == due) {
            group.push(row);
        }
    }
    Ok(groups)
}

impl Figures {
    /// The dashboard's figures as charts, each bar a link to its list.
    fn new(c: &Ctx, d: Dashboard) -> Figures {
        let tr = &c.tr;
        let by_status = Chart::new(
            d.by_status
                .iter()
                .map(|(s, n)| Datum {
                    label: c.t(&format!("status-{}", s.as_str())),
                    value: *n,
                    count: tr.number(n),
                    href: format!("/assets?status={}", s.as_str()),
                    tone: s.as_str(),
                })
                .collect(),
        );
        let slices = |slices: &[radgestmat_app::Slice], filter: &str, none: &str| {
            Chart::new(
                slices
                    .iter()
                    .take(12)
                    .map(|s| Datum {
                        label: if s.label.is_empty() { c.t(none) } else { s.label.clone() },
                        value: s.count,
                        count: tr.number(&s.count),
                        href: s.id.map_or_else(|| "/assets".to_owned(), |id| format!("/assets?{filter}={id}")),
                        tone: "",
                    })
                    .collect(),
            )
        };
        let by_site = slices(&d.by_site, "site_id", "dashboard-no-site");
        let by_category = slices(&d.by_category, "category_id", "dashboard-no-category");
        let alerts = Chart::new(
            d.alerts_by_severity
                .iter()
                .map(|(s, n)| Datum {
                    label: s.label(tr.language),
                    value: *n,
                    count: tr.number(n),
                    href: format!("/alerts?severity={}", s.as_str()),
                    tone: s.as_str(),
                })
                .collect(),
        );
        Figures { d, by_status, by_site, by_category, alerts }
    }
}

/// The first page of these loans, with their holders' names.
pub(super) async fn loans(app: &App, actor: &Actor, query: List<AssignmentFilter>) -> UiResult<Vec<LoanRow>> {
    named(app, app.list_assignments(actor, &query).await?.items).await
}

/// Loans with their holders' names.
async fn named(app: &App, loans: Vec<AssignmentView>) -> UiResult<Vec<LoanRow>> {
    let ids: Vec<i64> = loans.iter().filter_map(|l| l.employee_id).collect();
    let names = app.names(Names::Employees, Some(&ids)).await?;
    let locations: Vec<i64> = loans.iter().filter_map(|l| l.location_id).collect();
    let places = app.names(Names::Locations, Some(&locations)).await?;
    Ok(loans
        .into_iter()
        .map(|loan| {
            let holder = loan
                .employee_id
                .and_then(|id| names.get(&id))
                .or_else(|| loan.location_id.and_then(|id| places.get(&id)))
                .cloned()
                .unwrap_or_default();
            LoanRow { loan, holder }
        })
        .collect())
}
