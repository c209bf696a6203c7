//! Printing labels: the asset list's selection (or one asset) → a layout and a start position →
//! the PDF; and the address a label's QR code opens, `/a/{tag}`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::App;
use radgestmat_domain::{AssetFilter, LabelLayout, List, Symbology};

use super::forms::{QueryFields, query};
use super::{Ctx, Ui, UiResult};
use crate::AppState;
use crate::auth::perm;
use crate::extract::QueryPairs;

#[derive(Template)]
#[template(path = "labels.html")]
struct Page {
    c: Ctx,
    /// The filter as hidden fields.
    filter: Vec<(String, String)>,
    /// The assets it selects.
    count: u64,
    /// `RADGESTMAT_PUBLIC_URL` is not set: the QR codes will open the address of this request.
    no_public_url: bool,
    back: String,
}

impl Page {
    fn layouts(&self) -> Vec<(&'static str, String)> {
        LabelLayout::ALL.iter().map(|l| (l.as_str(), self.c.t(&format!("labels-layout-{}", l.as_str())))).collect()
    }

    fn counted(&self) -> String {
        self.c.tr.count("labels-count", self.count)
    }

    fn codes(&self) -> Vec<(&'static str, String)> {
        Symbology::ALL.iter().map(|s| (s.as_str(), self.c.t(&format!("labels-code-{}", s.as_str())))).collect()
    }
}

/// The choice of layout for the selected assets.
pub async fn page(ui: Ui<perm::ReadInventory>, State(state): State<AppState>, QueryFields(q): QueryFields) -> UiResult {
    let app = &state.app;
    // The ticked assets, else the list's filter (its link, or "all of this filter").
    let ticked = q.get("all") != "yes" && q.names("ids");
    let filter: Vec<(String, String)> = q
        .pairs()
        .filter(|(k, v)| !v.is_empty() && if ticked { *k == "ids" } else { super::bulk::is_filter(k) || *k == "sort" })
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let mut list: List<AssetFilter> = List::parse(filter.clone())?;
    list.count = true;
    list.limit = 1;
    let count = app.list_assets(&ui.actor, &list).await?.total.unwrap_or(0);
    let back = match q.get("ids") {
        id if !id.is_empty() && !id.contains(',') => format!("/assets/{id}"),
        _ => format!(
            "/assets{}",
            query(filter.iter().filter(|(k, _)| k != "ids").map(|(k, v)| (k.as_str(), v.as_str())))
        ),
    };
    let no_public_url = state.config.public_url.is_none();
    super::render(&Page { c: ui.c, filter, count, back, no_public_url })
}

/// The PDF; a refusal is the error page, in the reader's language.
pub async fn pdf(
    ui: Ui<perm::ReadInventory>,
    State(state): State<AppState>,
    headers: HeaderMap,
    query: QueryPairs,
) -> UiResult {
    Ok(crate::api::labels::labels(&state.app, &state.config, &ui.actor, &headers, query).await?)
}

/// What a label's QR code opens: the asset's page, after signing in; an employee's own
/// equipment page for whoever does not read the register.
pub async fn scanned(ui: Ui<perm::SignedIn>, State(app): State<App>, Path(tag): Path<String>) -> UiResult {
    if !ui.c.reads_inventory() {
        return Ok(Redirect::to("/mine").into_response());
    }
    let asset = app.get_asset_by_tag(&ui.actor, &tag).await?;
    Ok(Redirect::to(&format!("/assets/{}", asset.id)).into_response())
}
