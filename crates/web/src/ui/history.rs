//! An asset's history as sentences in the reader's language ("Prêté à Chiraz Ben Salah par it1,
//! retour prévu le …", "Rendu abîmé : écran fissuré"), names instead of ids, money in TND; the
//! raw before and after stay one click away for auditors.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use radgestmat_app::{App, Names};
use radgestmat_domain::{AssetStatus, AuditAction, AuditEntry, Condition};
use radgestmat_i18n::FluentValue;
use serde_json::Value;

use super::UiResult;
use super::i18n::Tr;

/// One entry of the history, told.
pub struct Story {
    pub at: DateTime<Utc>,
    pub sentence: String,
    /// What the person wrote: the check-out's or check-in's note, the reported problem.
    pub note: Option<String>,
    /// For an edit: each changed field, `Label : before → after`.
    pub changes: Vec<String>,
    /// The entry's before and after, as recorded.
    pub raw: String,
}

/// The names the entries refer to by id.
struct Lookup(HashMap<Names, HashMap<i64, String>>);

/// The fields of an asset that hold the id of another record, and whose names they are.
const REFERENCES: [(&str, Names); 5] = [
    ("site_id", Names::Sites),
    ("location_id", Names::Locations),
    ("model_id", Names::Models),
    ("supplier_id", Names::Suppliers),
    ("employee_id", Names::Employees),
];

impl Lookup {
    async fn of(app: &App, entries: &[AuditEntry]) -> UiResult<Lookup> {
        let mut names = HashMap::new();
        for (field, of) in REFERENCES {
            let mut ids = Vec::new();
            for entry in entries {
                for side in [&entry.before, &entry.after].into_iter().flatten() {
                    ids.extend(side.get(field).and_then(Value::as_i64));
                    ids.extend(side.get("assignment").and_then(|a| a.get(field)).and_then(Value::as_i64));
                }
            }
            names.insert(of, app.names(of, Some(&ids)).await?);
        }
        Ok(Lookup(names))
    }

    fn name(&self, of: Names, id: Option<i64>) -> Option<String> {
        id.map(|id| self.0.get(&of).and_then(|n| n.get(&id)).cloned().unwrap_or_else(|| format!("n° {id}")))
    }
}

/// The entries, told in the reader's language.
pub async fn stories(app: &App, tr: &Tr, entries: Vec<AuditEntry>) -> UiResult<Vec<Story>> {
    let names = Lookup::of(app, &entries).await?;
    Ok(entries.into_iter().map(|entry| tell(tr, &names, entry)).collect())
}

fn tell(tr: &Tr, names: &Lookup, entry: AuditEntry) -> Story {
    let after = entry.after.clone().unwrap_or(Value::Null);
    let loan = &after["assignment"];
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let holder = names
        .name(Names::Employees, loan["employee_id"].as_i64())
        .or_else(|| names.name(Names::Locations, loan["location_id"].as_i64()))
        .unwrap_or_default();
    let due = loan["expected_return_at"].as_str().and_then(|d| d.parse::<DateTime<Utc>>().ok());
    let condition = loan["condition"].as_str().and_then(|c| Condition::parse(c).ok());
    let note = text(&loan["note"]).or_else(|| text(&loan["return_note"])).or_else(|| text(&after["note"]));
    let args: Vec<(&'static str, FluentValue<'static>)> = vec![
        ("actor", entry.actor_name.clone().into()),
        ("holder", holder.into()),
        ("due", due.map(|d| tr.time(&d)).unwrap_or_default().into()),
        ("condition", condition.map(|c| tr.t(&format!("condition-{}", c.as_str()))).unwrap_or_default().into()),
        ("dated", if due.is_some() { "yes" } else { "no" }.into()),
    ];
    // Every action on an asset has its sentence (a test checks); anything else says its code.
    let sentence = radgestmat_i18n::lookup(tr.code(), &key(entry.action), &args).unwrap_or_else(|| {
        tr.args("history-other", &[("action", entry.action.as_str().to_owned().into()), args[0].clone()])
    });
    let changes = match entry.action {
        AuditAction::AssetUpdate => changes(tr, names, &entry),
        _ => vec![],
    };
    let raw = format!(
        "{} → {}",
        entry.before.as_ref().map_or_else(|| "—".to_owned(), Value::to_string),
        entry.after.as_ref().map_or_else(|| "—".to_owned(), Value::to_string)
    );
    Story { at: entry.at, sentence, note, changes, raw }
}

/// The catalogue's sentence for an action: `history-asset-checkout`.
fn key(action: AuditAction) -> String {
    format!("history-{}", action.as_str().replace(['.', '_'], "-"))
}

/// The fields an edit changed, labelled and written for a reader.
fn changes(tr: &Tr, names: &Lookup, entry: &AuditEntry) -> Vec<String> {
    let (Some(before), Some(Value::Object(after))) = (entry.before.as_ref(), entry.after.as_ref()) else {
        return vec![];
    };
    after
        .iter()
        .filter(|(field, value)| before.get(field.as_str()) != Some(value))
        .map(|(field, value)| {
            let old = before.get(field.as_str()).unwrap_or(&Value::Null);
            let label = label(field).map_or_else(|| field.clone(), |key| tr.t(key));
            format!("{label} : {} → {}", shown(tr, names, field, old), shown(tr, names, field, value))
        })
        .collect()
}

/// The label of an asset's field, as its form says it.
fn label(field: &str) -> Option<&'static str> {
    Some(match field {
        "asset_tag" => "asset-tag",
        "serial" => "asset-serial",
        "name" => "asset-name",
        "model_id" => "asset-model",
        "status" => "asset-status",
        "site_id" => "asset-site",
        "location_id" => "asset-location",
        "supplier_id" => "asset-supplier",
        "order_number" => "asset-order",
        "purchase_date" => "asset-purchase-date",
        "purchase_cost" => "asset-cost",
        "warranty_end" => "asset-warranty",
        "notes" => "asset-notes",
        "last_audit_at" => "asset-last-audit",
        _ => return None,
    })
}

/// A recorded value as a reader reads it: a name for an id, TND for millimes, a date the way of
/// the language, a status in words.
fn shown(tr: &Tr, names: &Lookup, field: &str, value: &Value) -> String {
    if value.is_null() {
        return "—".to_owned();
    }
    if let Some((_, of)) = REFERENCES.iter().find(|(f, _)| *f == field) {
        return names.name(*of, value.as_i64()).unwrap_or_default();
    }
    match (field, value) {
        ("purchase_cost", Value::Number(n)) => n.as_i64().map_or_else(|| n.to_string(), |m| tr.money(&m)),
        ("status", Value::String(s)) => {
            AssetStatus::parse(s).map_or_else(|_| s.clone(), |s| tr.t(&format!("status-{}", s.as_str())))
        }
        (_, Value::String(s)) => match s.parse::<NaiveDate>() {
            Ok(day) => tr.date(&day),
            Err(_) => s.chars().take(200).collect(),
        },
        (_, other) => other.to_string().chars().take(200).collect(),
    }
}

#[cfg(test)]
mod tests {
    use radgestmat_domain::AuditAction;

    #[test]
    fn every_action_on_an_asset_has_its_sentence_in_every_language() {
        for language in radgestmat_i18n::LANGUAGES {
            let keys = radgestmat_i18n::keys(language);
            for action in AuditAction::ALL.iter().filter(|a| a.entity() == "asset") {
                assert!(keys.contains(&super::key(*action)), "{} missing in {language}", super::key(*action));
            }
        }
        let fields: radgestmat_domain::AssetFields =
            serde_json::from_value(serde_json::json!({"name": "x", "model_id": 1})).unwrap();
        for field in serde_json::to_value(fields).unwrap().as_object().unwrap().keys() {
            assert!(super::label(field).is_some(), "{field} has no label");
        }
    }
}
