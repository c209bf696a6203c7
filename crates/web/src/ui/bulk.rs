//! Changing many assets at once from the list: the ticked ones (or every one the filter finds),
//! a preview of what changes, then the change, all or nothing.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use radgestmat_app::{App, Names};
use radgestmat_domain::{AssetFilter, AssetStatus, BulkReport, BulkSet, List};

use super::forms::{Fields, query};
use super::{Ctx, SiteLocations, Ui, UiResult};
use crate::auth::perm;

/// Whether `key` is one of the asset list's filter parameters (its search included, the ticked
/// `ids` aside): what a bulk form carries along, from the filter's own names.
pub(crate) fn is_filter(key: &str) -> bool {
    key == "q" || (key != "ids" && <AssetFilter as radgestmat_domain::Filter>::accepts(key))
}

#[derive(Template)]
#[template(path = "assets/bulk.html")]
struct Page {
    c: Ctx,
    /// The form as sent, to send again to confirm.
    form: Vec<(String, String)>,
    report: BulkReport,
    /// The list the change came from.
    back: String,
    /// The names of the records a change names, by field.
    names: Vec<(&'static str, HashMap<i64, String>)>,
}

impl Page {
    fn field_label(&self, field: &str) -> String {
        self.c.t(&format!("asset-{}", field.trim_end_matches("_id").replace('_', "-")))
    }

    /// A count's sentence.
    fn counted(&self, key: &str) -> String {
        self.c.tr.count(key, self.report.changed)
    }

    /// A value as a reader knows it: a status's label, a record's name, `—` for none.
    fn shown(&self, field: &str, value: &serde_json::Value) -> String {
        match value {
            serde_json::Value::Null => "—".into(),
            serde_json::Value::String(status) if field == "status" => self.c.t(&format!("status-{status}")),
            serde_json::Value::Object(values) => values
                .iter()
                .map(|(key, value)| format!("{key}: {}", radgestmat_domain::CustomFieldFields::text(value)))
                .collect::<Vec<_>>()
                .join(", "),
            serde_json::Value::Number(id) => {
                let names = self.names.iter().find(|(f, _)| *f == field).map(|(_, names)| names);
                let name = id.as_i64().and_then(|id| names.and_then(|n| n.get(&id)));
                name.cloned().unwrap_or_else(|| id.to_string())
            }
            other => other.to_string(),
        }
    }
}

/// The choices of the list's bulk form.
pub(crate) struct Choices {
    pub statuses: Vec<(String, String)>,
    pub sites: Vec<(i64, String)>,
    pub locations: Vec<SiteLocations>,
    pub models: Vec<(i64, String)>,
    pub suppliers: Vec<(i64, String)>,
    /// The custom fields: (key, "name (category)").
    pub custom: Vec<(String, String)>,
}

impl Choices {
    pub async fn of(app: &App, c: &Ctx) -> UiResult<Choices> {
        let statuses = AssetStatus::ALL
            .iter()
            .filter(|s| **s != AssetStatus::Assigned)
            .map(|s| (s.as_str().to_owned(), c.t(&format!("status-{}", s.as_str()))))
            .collect();
        Ok(Choices {
            statuses,
            sites: super::options(app, Names::Sites).await?,
            locations: super::locations_by_site(app).await?,
            models: super::options(app, Names::Models).await?,
            suppliers: super::options(app, Names::Suppliers).await?,
            custom: custom_choices(app).await?,
        })
    }
}

/// Each custom field with its category's name (a key may be the field of several categories).
async fn custom_choices(app: &App) -> UiResult<Vec<(String, String)>> {
    let categories = app.names(Names::Categories, None).await?;
    let mut choices: Vec<(String, String)> = Vec::new();
    for field in app.custom_fields().await? {
        let category = categories.get(&field.category_id).cloned().unwrap_or_default();
        match choices.iter_mut().find(|(key, _)| *key == field.key) {
            Some((_, label)) => label.push_str(&format!(", {category}")),
            None => choices.push((field.key.clone(), format!("{} ({category})", field.name))),
        }
    }
    Ok(choices)
}

/// What the form sets: an empty choice leaves a field as it is, `none` clears it.
fn set_of(form: &Fields) -> UiResult<BulkSet> {
    let id = |name: &str| -> UiResult<Option<Option<i64>>> {
        match form.get(name) {
            "" => Ok(None),
            "none" => Ok(Some(None)),
            text => {
                text.parse().map(|id| Some(Some(id))).map_err(|_| super::UiError::BadRequest(format!("{name}: {text}")))
            }
        }
    };
    let status = match form.get("set_status") {
        "" => None,
        text => Some(AssetStatus::parse(text).map_err(|e| super::UiError::BadRequest(e.to_string()))?),
    };
    Ok(BulkSet {
        status,
        site_id: id("set_site_id")?,
        location_id: id("set_location_id")?,
        model_id: id("set_model_id")?.flatten(),
        supplier_id: id("set_supplier_id")?,
        // One custom field: its value, or none (removed) when left empty.
        custom: match form.get("set_custom_key") {
            "" => None,
            key => {
                let value = form.get("set_custom_value");
                let value = if value.is_empty() { serde_json::Value::Null } else { value.into() };
                Some([(key.to_owned(), value)].into())
            }
        },
    })
}

/// The selection: every asset of the filter with `all=yes`, else the ticked ones.
fn selection(form: &Fields) -> UiResult<List<AssetFilter>> {
    let pairs: Vec<(&str, &str)> = match form.get("all") {
        "yes" => form.pairs().filter(|(k, _)| is_filter(k)).collect(),
        _ => form.all("ids").map(|id| ("ids", id)).collect(),
    };
    Ok(List::from_page(pairs)?)
}

/// The preview (`confirm` absent) or the change.
pub async fn bulk(ui: Ui<perm::ManageInventory>, State(app): State<App>, form: Fields) -> UiResult {
    let set = set_of(&form)?;
    let selection = selection(&form)?;
    let preview = form.get("confirm") != "yes";
    let report = app.bulk_edit_assets(&ui.actor, &selection, &set, preview).await?;
    let back = format!("/assets{}", query(form.pairs().filter(|(k, _)| is_filter(k))));
    let form = form.pairs().filter(|(k, _)| *k != "confirm").map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    let mut names = Vec::new();
    for (field, of) in [
        ("site_id", Names::Sites),
        ("location_id", Names::Locations),
        ("model_id", Names::Models),
        ("supplier_id", Names::Suppliers),
    ] {
        names.push((field, app.names(of, None).await?));
    }
    super::render(&Page { c: ui.c, form, report, back, names })
}
