//! The import pages, for the administrators and the IT service: upload a file, follow its dry
//! run (the page refreshes itself while it runs, no script needed), see the detected columns and
//! change them, see the counts and the first errors, download the error report, commit.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use radgestmat_app::{App, import_fields};
use radgestmat_domain::{
    ColumnUse, CommitImport, DateOrder, ImportKind, ImportMode, ImportRowFilter, ImportRowView, ImportState,
    ImportView, List, RowError, RowStatus,
};

use super::forms::{Errors, Fields};
use super::{Ctx, Ui, UiError, UiResult};
use crate::auth::perm;
use crate::extract::Id;

/// The errors a page shows at once; the report has them all.
const SHOWN: u64 = 50;

#[derive(Template)]
#[template(path = "imports/index.html")]
struct IndexPage {
    c: Ctx,
    imports: Vec<ImportView>,
    errors: Errors,
}

#[derive(Template)]
#[template(path = "imports/show.html")]
struct ShowPage {
    c: Ctx,
    import: ImportView,
    errors: Vec<ImportRowView>,
    refused: Errors,
    /// The custom fields a column may fill: (`custom.key`, name).
    custom: Vec<(String, String)>,
}

impl ShowPage {
    /// Every field a column may fill, with its label.
    fn fields(&self) -> Vec<(String, String)> {
        let own =
            import_fields(self.import.kind).into_iter().map(|f| (f.to_owned(), self.c.t(&format!("import-field-{f}"))));
        own.chain(self.custom.iter().cloned()).collect()
    }

    fn running(&self) -> bool {
        matches!(self.import.state, ImportState::Queued | ImportState::Checking)
    }

    /// How far the dry run is, in percent.
    fn percent(&self) -> i64 {
        match self.import.rows {
            Some(rows) if rows > 0 => self.import.done * 100 / rows,
            _ => 0,
        }
    }
}

fn mode_label(c: &Ctx, mode: &ImportMode) -> String {
    c.t(&format!("import-mode-{}", mode.as_str()))
}

fn kind_label(c: &Ctx, kind: &ImportKind) -> String {
    c.t(&format!("import-kind-{}", kind.as_str()))
}

impl IndexPage {
    fn modes(&self) -> Vec<(&'static str, String)> {
        ImportMode::ALL.iter().map(|m| (m.as_str(), mode_label(&self.c, m))).collect()
    }

    fn kinds(&self) -> Vec<(&'static str, String)> {
        ImportKind::ALL.iter().map(|k| (k.as_str(), kind_label(&self.c, k))).collect()
    }

    fn kind(&self, kind: &ImportKind) -> String {
        kind_label(&self.c, kind)
    }

    fn state(&self, state: &ImportState) -> String {
        self.c.t(&format!("import-state-{}", state.as_str()))
    }
}

impl ShowPage {
    fn state(&self) -> String {
        self.c.t(&format!("import-state-{}", self.import.state.as_str()))
    }

    fn mode(&self) -> String {
        mode_label(&self.c, &self.import.mode)
    }

    fn kind(&self) -> String {
        kind_label(&self.c, &self.import.kind)
    }

    fn modes(&self) -> Vec<(&'static str, String)> {
        ImportMode::ALL.iter().map(|m| (m.as_str(), mode_label(&self.c, m))).collect()
    }

    fn progress(&self) -> String {
        self.c.tr.count("import-progress", self.import.done.max(0) as u64)
    }

    /// A row's or the file's problem in the reader's language.
    fn said(&self, error: &RowError) -> String {
        error.text(self.c.tr.language).to_owned()
    }

    fn fills(&self, column: &ColumnUse, field: &str) -> bool {
        column.field.as_deref() == Some(field)
    }

    fn is_mode(&self, mode: &str) -> bool {
        self.import.mode.as_str() == mode
    }

    fn month_first(&self) -> bool {
        self.import.options.date_order == DateOrder::MonthFirst
    }
}

/// An upload's body may be as large as an import file.
pub fn upload_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(radgestmat_app::MAX_IMPORT_BYTES + 64 * 1024)
}

pub async fn index(ui: Ui<perm::ManageInventory>, State(app): State<App>) -> UiResult {
    let imports = app.recent_imports(&ui.actor).await?;
    super::render(&IndexPage { c: ui.c, imports, errors: Errors::default() })
}

/// The upload: on to the import's page, where its dry run shows.
pub async fn upload(ui: Ui<perm::ManageInventory>, State(app): State<App>, request: Request) -> UiResult {
    let mut errors = Errors::default();
    let started = match crate::api::imports::read_upload(request).await {
        Ok(upload) => app.start_import(&ui.actor, upload).await.map_err(Into::into),
        Err(err) => Err(err),
    };
    match started {
        Ok(import) => return Ok(Redirect::to(&format!("/imports/{}", import.id)).into_response()),
        Err(err) => errors.absorb_api(err)?,
    }
    let imports = app.recent_imports(&ui.actor).await?;
    super::render_status(StatusCode::UNPROCESSABLE_ENTITY, &IndexPage { c: ui.c, imports, errors })
}

async fn show_page(app: &App, ui: Ui<perm::ManageInventory>, id: i64, status: StatusCode, refused: Errors) -> UiResult {
    let import = app.get_import(&ui.actor, id).await?;
    let query = List { limit: SHOWN, ..List::of(ImportRowFilter { status: Some(RowStatus::Error) }) };
    let errors = app.import_rows(&ui.actor, id, &query).await?.items;
    let custom = match import.kind.has_custom_fields() {
        true => app.custom_fields().await?.into_iter().map(|f| (format!("custom.{}", f.key), f.name)).collect(),
        false => Vec::new(),
    };
    super::render_status(status, &ShowPage { c: ui.c, import, errors, refused, custom })
}

pub async fn show(ui: Ui<perm::ManageInventory>, State(app): State<App>, Id(id): Id) -> UiResult {
    show_page(&app, ui, id, StatusCode::OK, Errors::default()).await
}

/// The same file checked again with the columns and choices of the form.
pub async fn recheck(ui: Ui<perm::ManageInventory>, State(app): State<App>, Id(id): Id, form: Fields) -> UiResult {
    let import = app.get_import(&ui.actor, id).await?;
    // The form's choices; an unknown one is a bad request, never a default.
    let refused = |e: radgestmat_domain::UnknownName| UiError::BadRequest(e.to_string());
    let mode = ImportMode::parse(form.get("mode")).map_err(refused)?;
    let date_order = DateOrder::parse(form.get("date_order")).map_err(refused)?;
    let create_missing = form.names("create_missing");
    let columns: std::collections::BTreeMap<String, String> = import
        .mapping
        .iter()
        .enumerate()
        .map(|(i, column)| (column.header.clone(), form.get(&format!("column-{i}")).to_owned()))
        .collect();
    let again = app
        .recheck_import(&ui.actor, id, |upload| {
            upload.mode = mode;
            upload.create_missing = create_missing;
            upload.options.date_order = date_order;
            upload.options.columns = columns;
        })
        .await?;
    Ok(Redirect::to(&format!("/imports/{}", again.id)).into_response())
}

pub async fn commit(ui: Ui<perm::ManageInventory>, State(app): State<App>, Id(id): Id, form: Fields) -> UiResult {
    let request = CommitImport { skip_errors: form.names("skip_errors") };
    let mut refused = Errors::default();
    match app.commit_import(&ui.actor, id, request).await {
        Ok(_) => return Ok(Redirect::to(&format!("/imports/{id}")).into_response()),
        Err(err) => refused.absorb(err)?,
    }
    show_page(&app, ui, id, StatusCode::CONFLICT, refused).await
}

/// Every row in error as CSV: line, column, error (the headers in the reader's language).
pub async fn error_report(ui: Ui<perm::ManageInventory>, State(app): State<App>, Id(id): Id) -> UiResult<Response> {
    let c = &ui.c;
    let header = ["import-line", "import-column", "import-error"].map(|k| c.t(k));
    let mut out = format!("{}{}", crate::csv::BOM, crate::csv::line(&header));
    let mut query = List { limit: 500, ..List::of(ImportRowFilter { status: Some(RowStatus::Error) }) };
    loop {
        let page = app.import_rows(&ui.actor, id, &query).await?;
        for row in &page.items {
            for error in &row.errors {
                let cells = [
                    row.line.to_string(),
                    error.column.clone().unwrap_or_default(),
                    error.text(c.tr.language).to_owned(),
                ];
                out.push_str(&crate::csv::line(&cells));
            }
        }
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    let disposition = format!("attachment; filename=\"import-{id}-errors.csv\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        out,
    )
        .into_response())
}
