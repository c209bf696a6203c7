//! Imports: upload a file (multipart), follow its dry run, read its rows, commit it.

use axum::Json;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use radgestmat_app::{App, MAX_IMPORT_BYTES, NewImport};
use radgestmat_domain::{
    CommitImport, DomainError, ImportKind, ImportMode, ImportOptions, ImportRowFilter, ImportRowView, ImportView, List,
    Page, Reason, Vocabulary, json,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Caller, Require, perm};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Id, OptionalJson, QueryPairs};

/// The import routes, which take bodies as large as an import file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get))
        .routes(routes!(rows))
        .routes(routes!(commit))
        .layer(crate::ui::upload_limit())
}

/// The multipart form of an upload, as OpenAPI shows it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ImportUpload {
    /// A CSV file (UTF-8 or Windows-1252; `,` `;` or tab) or an Excel workbook (`.xlsx`).
    #[schema(format = Binary, value_type = String)]
    file: Vec<u8>,
    kind: ImportKind,
    mode: Option<ImportMode>,
    /// `true` creates the catalogue entries, sites and locations the file names but the
    /// register lacks; `false` (default) makes each such row an error.
    create_missing: Option<bool>,
    /// JSON: `{"columns": {"Header": "field"}, "date_order": "day_first" | "month_first", "sheet": "Name"}`.
    #[schema(value_type = Option<String>)]
    mapping: Option<String>,
}

/// Uploads a file and starts its dry run (nothing is written in the register): follow it with
/// `GET /imports/{id}`, then commit it.
#[utoipa::path(post, path = "/api/v1/imports", tag = "imports",
    request_body(content = ImportUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = ImportView)))]
pub async fn create(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    request: Request,
) -> ApiResult<(StatusCode, Json<ImportView>)> {
    let upload = read_upload(request).await?;
    Ok((StatusCode::CREATED, Json(app.start_import(&actor, upload).await?)))
}

/// The upload's form (the API's and the page's): the file and the choices beside it.
pub(crate) async fn read_upload(request: Request) -> ApiResult<NewImport> {
    let mut form = Multipart::from_request(request, &()).await.map_err(|e| {
        ApiError::bad_request(Some("body"), format!("a multipart/form-data body is expected: {}", e.body_text()))
    })?;
    let (mut file, mut file_name, mut kind, mut mode, mut create_missing, mut options) =
        (None, String::new(), None, ImportMode::default(), false, ImportOptions::default());
    let broken = |e: axum::extract::multipart::MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge(MAX_IMPORT_BYTES),
        _ => ApiError::bad_request(Some("body"), e.body_text()),
    };
    while let Some(field) = form.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" => {
                file_name = field.file_name().unwrap_or("import.csv").chars().take(200).collect();
                file = Some(field.bytes().await.map_err(broken)?.to_vec());
            }
            "kind" => kind = Some(vocabulary("kind", &field.text().await.map_err(broken)?)?),
            "mode" => mode = vocabulary("mode", &field.text().await.map_err(broken)?)?,
            "create_missing" => create_missing = boolean("create_missing", &field.text().await.map_err(broken)?)?,
            // The page's form: the choices one by one.
            "date_order" => options.date_order = vocabulary("date_order", &field.text().await.map_err(broken)?)?,
            "sheet" => {
                let sheet = field.text().await.map_err(broken)?;
                options.sheet = Some(sheet.trim().chars().take(100).collect()).filter(|s: &String| !s.is_empty());
            }
            "mapping" => {
                let text = field.text().await.map_err(broken)?;
                let value = json::parse(text.as_bytes())
                    .map_err(|e| ApiError::bad_request(Some("mapping"), format!("malformed JSON: {e}")))?;
                options = json::decode(value).map_err(|e| super::assets::prefixed("mapping", e))?;
            }
            other => return Err(DomainError::invalid(other, Reason::UnknownParameter).into()),
        }
    }
    let file = file.ok_or_else(|| DomainError::invalid("file", Reason::FileEmpty))?;
    let kind = kind.ok_or_else(|| DomainError::invalid("kind", Reason::OneOf { names: names::<ImportKind>() }))?;
    Ok(NewImport { kind, mode, create_missing, file_name, file, options })
}

fn names<T: Vocabulary>() -> Vec<&'static str> {
    T::ALL.iter().map(|v| v.as_str()).collect()
}

fn vocabulary<T: Vocabulary>(field: &str, text: &str) -> ApiResult<T> {
    T::parse(text.trim()).map_err(|_| DomainError::invalid(field, Reason::OneOf { names: names::<T>() }).into())
}

fn boolean(field: &str, text: &str) -> ApiResult<bool> {
    match text.trim() {
        "true" | "on" | "1" => Ok(true),
        "false" | "off" | "0" | "" => Ok(false),
        _ => Err(DomainError::invalid(field, Reason::TrueOrFalse).into()),
    }
}

/// The latest imports, newest first.
#[utoipa::path(get, path = "/api/v1/imports", tag = "imports", responses((status = 200, body = Vec<ImportView>)))]
pub async fn list(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
) -> ApiResult<Json<Vec<ImportView>>> {
    Ok(Json(app.recent_imports(&actor).await?))
}

/// An import: its state, progress (`done` of `rows`), the mapping used and the counts.
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "imports", params(("id" = i64, Path)),
    responses((status = 200, body = ImportView)))]
pub async fn get(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    Id(id): Id,
) -> ApiResult<Json<ImportView>> {
    Ok(Json(app.get_import(&actor, id).await?))
}

/// The checked rows in file order, with their line, status and errors (`status=error`).
#[utoipa::path(get, path = "/api/v1/imports/{id}/rows", tag = "imports",
    params(("id" = i64, Path), List<ImportRowFilter>), responses((status = 200, body = Page<ImportRowView>)))]
pub async fn rows(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    Id(id): Id,
    query: QueryPairs,
) -> ApiResult<Json<Page<ImportRowView>>> {
    let query = query.list()?;
    Ok(Json(app.import_rows(&actor, id, &query).await?))
}

/// Applies a checked import, all or nothing; 409 while it has rows in error, unless
/// `skip_errors` is `true`.
#[utoipa::path(post, path = "/api/v1/imports/{id}/commit", tag = "imports", params(("id" = i64, Path)),
    request_body(content = CommitImport, description = "Optional"), responses((status = 200, body = ImportView)))]
pub async fn commit(
    Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
    State(app): State<App>,
    Id(id): Id,
    OptionalJson(request): OptionalJson<CommitImport>,
) -> ApiResult<Json<ImportView>> {
    Ok(Json(app.commit_import(&actor, id, request).await?))
}
