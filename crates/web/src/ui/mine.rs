//! An employee's own page: what they hold (tag, name, serial, due date), where they acknowledge
//! receiving it and report a problem with it; the report reaches the IT service as an alert.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::App;
use radgestmat_domain::{AssignmentView, List, ReportProblem};

use super::forms::{Errors, Fields, QueryFields};
use super::{Ctx, Ui, UiResult};
use crate::auth::perm;

#[derive(Template)]
#[template(path = "mine.html")]
struct Page {
    c: Ctx,
    loans: Vec<AssignmentView>,
    /// What was just done: `received` or `reported`.
    done: String,
    /// The report that was refused: its loan, what was typed, why.
    refused: Option<(i64, Fields, Errors)>,
}

impl Page {
    fn refused_for(&self, id: &i64) -> Option<&(i64, Fields, Errors)> {
        self.refused.as_ref().filter(|(loan, _, _)| loan == id)
    }

    /// Whether this loan's report was refused for its note.
    fn note_refused(&self, id: &i64) -> bool {
        self.refused_for(id).is_some_and(|(_, _, errors)| errors.has("note"))
    }
}

async fn render(
    app: &App,
    ui: Ui<perm::SignedIn>,
    status: StatusCode,
    done: String,
    refused: Option<(i64, Fields, Errors)>,
) -> UiResult {
    let loans = app.my_assets(&ui.actor, List { limit: 500, ..List::default() }).await?.items;
    super::render_status(status, &Page { c: ui.c, loans, done, refused })
}

/// The page, for whoever holds equipment (the dashboard of the `employee` role).
pub async fn page(ui: Ui<perm::SignedIn>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let done = q.get("done").to_owned();
    render(&app, ui, StatusCode::OK, done, None).await
}

pub async fn acknowledge(ui: Ui<perm::SignedIn>, State(app): State<App>, Path(id): Path<i64>) -> UiResult {
    app.acknowledge_receipt(&ui.actor, id).await?;
    Ok(Redirect::to(&format!("/mine?done=received#loan-{id}")).into_response())
}

pub async fn report(ui: Ui<perm::SignedIn>, State(app): State<App>, Path(id): Path<i64>, form: Fields) -> UiResult {
    let request = ReportProblem { note: form.get("note").to_owned() };
    let mut errors = Errors::default();
    match app.report_problem(&ui.actor, id, request).await {
        Ok(_) => return Ok(Redirect::to(&format!("/mine?done=reported#loan-{id}")).into_response()),
        Err(err) => errors.absorb(err)?,
    }
    render(&app, ui, StatusCode::UNPROCESSABLE_ENTITY, String::new(), Some((id, form, errors))).await
}
