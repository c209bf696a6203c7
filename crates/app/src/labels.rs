//! Labels to stick on assets: a PDF of the chosen ones (ticked, or every one a filter finds),
//! each with a QR code of its address or a Code 128 barcode of its tag.

use radgestmat_domain::{Actor, AssetFilter, DomainError, LabelLayout, List, Permission, Reason, Symbology};
use radgestmat_pdf::{Label, LabelError};

use crate::{App, Result};

/// The most labels one PDF holds (77 sheets of 65).
pub const MAX_LABELS: usize = 5_000;

/// How the labels are printed.
#[derive(Debug, Clone, Default)]
pub struct LabelOptions {
    pub layout: LabelLayout,
    pub code: Symbology,
    /// The first label's position on a partly used sheet (1-based).
    pub start: usize,
    /// The installation's address: a label's QR code opens `{base_url}/a/{tag}`.
    pub base_url: String,
    /// Printed in small under each label's text.
    pub company: Option<String>,
}

impl App {
    /// The labels of the assets `query` finds, as a PDF.
    pub async fn labels(&self, actor: &Actor, query: &List<AssetFilter>, options: &LabelOptions) -> Result<Vec<u8>> {
        self.authorize(actor, Permission::ReadInventory).await?;
        self.check_filter(&query.filter).await?;
        let mut query = List { limit: 500, count: false, ..query.clone() };
        let base = options.base_url.trim_end_matches('/');
        let mut labels = Vec::new();
        loop {
            let page = self.store.list_assets(&query).await?;
            for asset in page.items {
                if labels.len() == MAX_LABELS {
                    return Err(DomainError::invalid("ids", Reason::TooManyAssets { max: MAX_LABELS }).into());
                }
                labels.push(Label {
                    url: format!("{base}/a/{}", asset.tag()),
                    tag: asset.tag().to_owned(),
                    name: asset.fields.name.clone(),
                    company: options.company.clone(),
                });
            }
            match page.next_cursor {
                Some(cursor) => query.cursor = Some(cursor),
                None => break,
            }
        }
        if labels.is_empty() {
            return Err(DomainError::invalid("ids", Reason::NoAssetSelected).into());
        }
        // Up to a few thousand labels: drawn on a blocking thread, not the server's.
        let (layout, code, start) = (options.layout, options.code, options.start);
        let drawn = tokio::task::spawn_blocking(move || radgestmat_pdf::label_sheet(&labels, layout, code, start))
            .await
            .map_err(|e| anyhow::anyhow!("drawing the labels: {e}"))?;
        drawn.map_err(|err| {
            let (field, reason) = match err {
                LabelError::UrlTooLong(url) => ("layout", Reason::UrlTooLong { url }),
                LabelError::NotCode128 { tag, character } => {
                    ("code", Reason::NotCode128 { tag, character: character.to_string() })
                }
                LabelError::StartPastSheet { start, per_sheet } => {
                    ("start", Reason::StartPastSheet { start, per_sheet })
                }
            };
            DomainError::invalid(field, reason).into()
        })
    }
}
