//! The scanner's page: a tag scanned (a phone's camera, or a wedge scanner that types it) opens
//! the asset with what can be done now: check it out, check it in, record it seen in an inventory
//! round; the field is ready for the next scan.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::App;
use radgestmat_domain::{AssetView, AuditAsset};

use super::assets::Lookup;
use super::forms::{QueryFields, query};
use super::{Ctx, Ui, UiResult};
use crate::auth::perm;

#[derive(Template)]
#[template(path = "scan.html")]
struct Page {
    c: Ctx,
    tag: String,
    found: Option<(AssetView, Lookup)>,
    /// The tag scanned names no asset.
    unknown: bool,
    /// The last asset recorded seen.
    seen: String,
}

impl Page {
    fn can_check_out(&self, a: &AssetView) -> bool {
        self.c.checks_out() && a.fields.status.can_check_out()
    }

    fn can_check_in(&self, a: &AssetView) -> bool {
        self.c.checks_out() && a.current_assignment.is_some()
    }
}

pub async fn page(ui: Ui<perm::ReadInventory>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    // A label's QR code holds the asset's address: its tag is what follows `/a/`.
    let scanned = q.get("tag").trim();
    let tag = scanned.rsplit_once("/a/").map_or(scanned, |(_, tag)| tag).to_owned();
    let (mut found, mut unknown) = (None, false);
    if !tag.is_empty() {
        match app.get_asset_by_tag(&ui.actor, &tag).await {
            Ok(asset) => {
                let names = Lookup::of(&app, std::slice::from_ref(&asset)).await?;
                found = Some((asset, names));
            }
            Err(err) if err.is_not_found() => unknown = true,
            Err(err) => return Err(err.into()),
        }
    }
    let seen = q.get("seen").to_owned();
    super::render(&Page { c: ui.c, tag, found, unknown, seen })
}

/// Seen in an inventory round, where the register has it; back to the scanner for the next.
pub async fn seen(ui: Ui<perm::ManageInventory>, State(app): State<App>, Path(id): Path<i64>) -> UiResult {
    let asset = app.audit_asset(&ui.actor, id, AuditAsset::default()).await?;
    Ok(Redirect::to(&format!("/scan{}", query([("seen", asset.tag())]))).into_response())
}
