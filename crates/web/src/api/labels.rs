//! Labels as a PDF: the assets ticked (`ids`) or every one a filter of the asset list finds.

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use radgestmat_app::{App, LabelOptions};
use radgestmat_domain::{AssetFilter, DomainError, LabelLayout, List, Reason, Symbology, Vocabulary};

use crate::WebConfig;
use crate::auth::{Caller, Require, perm};
use crate::error::{ApiError, ApiResult};
use crate::extract::QueryPairs;

/// How the labels are printed (besides the asset list's filters).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LabelParams {
    /// `avery_l7651` (65 per A4 sheet, default), `avery_l7160` (21), `brother_62`, `dymo_54x25`
    /// (one label per page, thermal printers).
    layout: Option<LabelLayout>,
    /// `qr` (the asset's address, default) or `code128` (its tag).
    code: Option<Symbology>,
    /// The first label's position on a partly used sheet, from 1.
    #[param(minimum = 1, maximum = 1000)]
    start: Option<u32>,
}

/// The PDF of labels: tag, name, company, and a QR code that opens `/a/{tag}` (or a Code 128
/// barcode of the tag). Select with `ids=3,7,12` or any filter of `GET /assets`.
#[utoipa::path(get, path = "/api/v1/labels.pdf", tag = "assets", params(LabelParams, List<AssetFilter>),
    responses((status = 200, description = "The labels", content_type = "application/pdf", body = Vec<u8>)))]
pub async fn pdf(
    Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
    State(app): State<App>,
    State(config): State<std::sync::Arc<WebConfig>>,
    headers: HeaderMap,
    query: QueryPairs,
) -> ApiResult<Response> {
    labels(&app, &config, &actor, &headers, query).await
}

/// The labels' PDF, for the API and the pages alike.
pub(crate) async fn labels(
    app: &App,
    config: &WebConfig,
    actor: &radgestmat_domain::Actor,
    headers: &HeaderMap,
    QueryPairs(pairs): QueryPairs,
) -> ApiResult<Response> {
    let mut options = LabelOptions { start: 1, company: config.company_name.clone(), ..LabelOptions::default() };
    let mut rest = Vec::new();
    for (key, value) in pairs {
        match key.as_str() {
            "layout" => options.layout = vocabulary::<LabelLayout>("layout", &value)?,
            "code" => options.code = vocabulary::<Symbology>("code", &value)?,
            "start" => {
                options.start = value
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| DomainError::invalid("start", Reason::PositiveWholeNumber))?
            }
            _ => rest.push((key, value)),
        }
    }
    let query: List<AssetFilter> = QueryPairs(rest).list()?;
    options.base_url = match &config.public_url {
        Some(url) => url.clone(),
        None => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
            format!("http://{host}")
        }
    };
    let pdf = app.labels(actor, &query, &options).await?;
    let name = format!("inline; filename=\"etiquettes-{}.pdf\"", options.layout.as_str());
    Ok(([(header::CONTENT_TYPE, "application/pdf".to_owned()), (header::CONTENT_DISPOSITION, name)], pdf)
        .into_response())
}

fn vocabulary<T: Vocabulary>(field: &str, text: &str) -> Result<T, ApiError> {
    T::parse(text.trim()).map_err(|e| DomainError::invalid(field, Reason::OneOf { names: e.known }).into())
}
