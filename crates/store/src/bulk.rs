//! One change made to many assets in one transaction: each an edit, audited; a refusal of any
//! undoes all and names its asset; a preview rolls back and tells.

use radgestmat_domain::{Actor, BulkChange, BulkReport, DomainError, Reason};
use tracing::instrument;

use crate::assets::{by_id, edit, json_of};
use crate::{Error, Result, Store};

impl Store {
    /// One merge patch applied to each asset of `ids`.
    #[instrument(skip_all, fields(assets = ids.len()))]
    pub async fn bulk_update_assets(
        &self,
        actor: &Actor,
        ids: &[i64],
        patch: serde_json::Value,
        preview: bool,
    ) -> Result<BulkReport> {
        let txn = self.write().await?;
        let mut report = BulkReport { matched: ids.len() as u64, changed: 0, preview, changes: Vec::new() };
        for &id in ids {
            let (before, after) = match edit(&txn, actor, id, None, patch.clone()).await {
                Ok(edited) => edited,
                Err(Error::Domain(e)) => {
                    let tag = by_id(&txn, id).await.map_or_else(|_| id.to_string(), |a| a.tag().to_owned());
                    return Err(DomainError::conflict(Reason::BulkRefused { tag, detail: e.detail() }).into());
                }
                Err(other) => return Err(other),
            };
            let (b, a) = radgestmat_domain::changes(&json_of(&before.fields), &json_of(&after.fields));
            if a.as_object().is_some_and(|o| !o.is_empty()) {
                report.changed += 1;
                if report.changes.len() < 100 {
                    report.changes.push(BulkChange { id, asset_tag: after.tag().to_owned(), before: b, after: a });
                }
            }
        }
        if preview {
            txn.rollback().await?;
        } else {
            self.commit(txn).await?;
        }
        Ok(report)
    }
}
