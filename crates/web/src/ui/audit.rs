//! The audit log: who did what, filtered; the hash chain's check on demand; the CSV export
//! (the API's, which records that the log was exported).

use askama::Template;
use axum::extract::State;
use radgestmat_app::App;
use radgestmat_domain::{AuditAction, AuditEntry, AuditFilter, AuditVerification, IdSort, List, Page};

use super::forms::{Fields, Pager, QueryFields, query};
use super::{Ctx, Ui, UiResult};
use crate::auth::perm;

pub(crate) const FILTERS: [&str; 5] = ["entity", "action", "asset_tag", "from", "to"];

#[derive(Template)]
#[template(path = "audit/list.html")]
struct ListPage {
    c: Ctx,
    q: Fields,
    page: Page<AuditEntry>,
    verification: Option<AuditVerification>,
    pager: Pager,
    filter_query: String,
}

impl ListPage {
    fn verified(&self, v: &AuditVerification) -> String {
        let (checked, pending) = (self.c.tr.number(&(v.checked as i64)), self.c.tr.number(&(v.pending as i64)));
        self.c.tr.args("audit-verify-ok", &[("checked", checked.into()), ("pending", pending.into())])
    }

    /// The actions to filter on, and the kinds of record they are about.
    fn actions(&self) -> &'static [AuditAction] {
        AuditAction::ALL
    }

    fn entities(&self) -> Vec<&'static str> {
        entities()
    }

    fn details(&self, entry: &AuditEntry) -> String {
        let after = entry.after.as_ref().map(|v| v.to_string()).unwrap_or_default();
        after.chars().take(160).collect()
    }
}

pub async fn list(ui: Ui<perm::ReadAudit>, State(app): State<App>, QueryFields(q): QueryFields) -> UiResult {
    let list = List::<AuditFilter>::from_page(q.pairs().filter(|(k, _)| FILTERS.contains(k) || *k == "cursor"))?;
    let page = app.list_audit(&ui.actor, &List { sort: Some(IdSort::Id), descending: true, ..list }).await?;
    let verification = if q.get("verify").is_empty() { None } else { Some(app.verify_audit(&ui.actor).await?) };
    let filter_query = query(q.pairs().filter(|(k, _)| FILTERS.contains(k)));
    let pager = Pager::new("/audit", &q, &FILTERS, page.next_cursor.as_deref());
    super::render(&ListPage { c: ui.c, q, page, verification, pager, filter_query })
}

/// The kinds of record the log names, in the order of the actions.
fn entities() -> Vec<&'static str> {
    let mut entities: Vec<_> = AuditAction::ALL.iter().map(|a| a.entity()).collect();
    entities.dedup();
    entities
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_entity_of_the_log_has_its_label_in_every_language() {
        for language in radgestmat_i18n::LANGUAGES {
            let keys = radgestmat_i18n::keys(language);
            for entity in super::entities() {
                assert!(keys.contains(&format!("entity-{entity}")), "entity-{entity} missing in {language}");
            }
        }
    }
}
