//! Custom fields: what a category of assets has besides the common fields (a phone its IMEI, a
//! switch its MAC address and port count, a payment terminal its TPE id). An administrator
//! defines them; an asset carries their values in `custom`, checked here against the definitions
//! of its model's category.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::{DomainError, FieldError, Reason, Validate, Violations};

vocabulary! {
    /// What a custom field holds.
    pub enum CustomKind: "custom field kind" {
        Text = "text",
        Number = "number",
        Date = "date",
        /// One of the field's `options`.
        List = "list",
        Boolean = "boolean",
    }
}

vocabulary! {
    /// A shape a text field's values must have, and are written in.
    pub enum CustomFormat: "custom field format" {
        /// `AA:BB:CC:DD:EE:FF` (typed with `:`, `-`, `.` or nothing, any case).
        MacAddress = "mac_address",
        /// 15 digits with their Luhn check digit.
        Imei = "imei",
    }
}

filter! {
    /// Filters of the custom field list.
    pub struct CustomFieldFilter sorted by crate::NameSort {
        category_id: Option<i64>,
    }
}

/// The longest text value.
pub const CUSTOM_TEXT_MAX: usize = 200;

/// What an administrator writes about a custom field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomFieldFields {
    /// The category whose assets have it.
    #[schema(minimum = 1)]
    pub category_id: i64,
    /// Its key in `custom` and in files: lower case letters, digits and `_`, e.g. `imei`.
    #[schema(example = "imei", min_length = 1, max_length = 40, pattern = "^[a-z][a-z0-9_]*$")]
    pub key: String,
    /// What forms and lists call it, e.g. `IMEI`.
    #[schema(example = "IMEI", min_length = 1, max_length = 100)]
    pub name: String,
    pub kind: CustomKind,
    #[serde(default)]
    pub required: bool,
    /// No two assets have the same value.
    #[serde(default)]
    pub unique: bool,
    #[serde(default)]
    pub format: Option<CustomFormat>,
    /// The choices of a `list` field.
    #[serde(default)]
    pub options: Vec<String>,
}

impl Validate for CustomFieldFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        let key_ok = self.key.starts_with(|c: char| c.is_ascii_lowercase())
            && self.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        v.opt_id("category_id", Some(self.category_id))
            .text("key", &self.key, 40)
            .check(key_ok, "key", Reason::CustomKeyShape)
            .text("name", &self.name, 100)
            .check(self.format.is_none() || self.kind == CustomKind::Text, "format", Reason::FormatOfText)
            .check(self.kind != CustomKind::List || !self.options.is_empty(), "options", Reason::ListNeedsOptions)
            .check(self.options.len() <= 100, "options", Reason::TooLong { max: 100 });
        for option in &self.options {
            v.text("options", option, CUSTOM_TEXT_MAX);
        }
        v.into_result()
    }
}

/// What a filter's text may stand for, as each kind of field writes its values: the text
/// itself, and the MAC address, IMEI, number, day or yes/no it reads as (`24,0` is `24`,
/// `21/11/2026` is `2026-11-21`, `oui` is `true`).
pub fn filter_values(text: &str) -> Vec<Value> {
    let as_kind = |kind: CustomKind, format: Option<CustomFormat>| CustomFieldFields {
        category_id: 0,
        key: String::new(),
        name: String::new(),
        kind,
        required: false,
        unique: false,
        format,
        options: Vec::new(),
    };
    let kinds = [
        as_kind(CustomKind::Text, None),
        as_kind(CustomKind::Text, Some(CustomFormat::MacAddress)),
        as_kind(CustomKind::Text, Some(CustomFormat::Imei)),
        as_kind(CustomKind::Number, None),
        as_kind(CustomKind::Date, None),
        as_kind(CustomKind::Boolean, None),
    ];
    let mut values: Vec<Value> = Vec::new();
    for value in kinds.iter().filter_map(|field| field.value(&Value::String(text.to_owned())).ok()) {
        if !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

impl CustomFieldFields {
    /// A value of this field, checked and written the one way it is stored: a number as a
    /// number, a date as `2026-11-21`, a MAC address upper case with `:`.
    pub fn value(&self, value: &Value) -> Result<Value, Reason> {
        match (self.kind, value) {
            (CustomKind::Text, Value::String(text)) => {
                let text = text.trim();
                if let Some(reason) = crate::validate::line_problem(text, CUSTOM_TEXT_MAX) {
                    return Err(reason);
                }
                match self.format {
                    None => Ok(Value::String(text.to_owned())),
                    Some(CustomFormat::MacAddress) => mac(text).map(Value::String).ok_or(Reason::NotAMacAddress),
                    Some(CustomFormat::Imei) => imei(text).map(Value::String).ok_or(Reason::NotAnImei),
                }
            }
            (CustomKind::Number, Value::Number(n)) => number(n.as_f64().ok_or(Reason::NotANumber)?),
            (CustomKind::Number, Value::String(text)) => {
                number(text.trim().replace(',', ".").parse().map_err(|_| Reason::NotANumber)?)
            }
            (CustomKind::Date, Value::String(text)) => {
                let text = text.trim();
                // As stored (`2026-11-21`) or as a French file writes it (`21/11/2026`).
                let day = text.parse::<NaiveDate>().or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"));
                match day {
                    Ok(day) if crate::plausible_day(day) => Ok(Value::String(day.to_string())),
                    _ => Err(Reason::DateExample),
                }
            }
            (CustomKind::Boolean, Value::Bool(b)) => Ok(Value::Bool(*b)),
            (CustomKind::Boolean, Value::String(text)) => match crate::fold(text.trim()).as_str() {
                "true" | "1" | "oui" | "yes" | "vrai" => Ok(Value::Bool(true)),
                "false" | "0" | "non" | "no" | "faux" => Ok(Value::Bool(false)),
                _ => Err(Reason::TrueOrFalse),
            },
            (CustomKind::List, Value::String(text)) => {
                let wanted = crate::fold(text.trim());
                let found = self.options.iter().find(|o| crate::fold(o) == wanted);
                found
                    .map(|o| Value::String(o.clone()))
                    .ok_or_else(|| Reason::OneOfOptions { names: self.options.join(", ") })
            }
            _ => Err(Reason::CustomKindExpected { kind: self.kind.as_str().to_owned() }),
        }
    }

    /// The value as text: for search, uniqueness and files.
    pub fn text(value: &Value) -> String {
        match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }
}

/// A number as stored: a whole one as an integer (`24`, never `24.0`), so that its text is one.
fn number(n: f64) -> Result<Value, Reason> {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        return Ok(Value::from(n as i64));
    }
    serde_json::Number::from_f64(n).map(Value::Number).ok_or(Reason::NotANumber)
}

/// The values of an asset's custom fields, by key.
pub type CustomValues = BTreeMap<String, Value>;

/// Checks `values` against the fields of the asset's category: every key is one of them, every
/// required one is given, each value has its field's kind and shape. Returns the values as
/// stored (a `null` or empty value removed).
pub fn check_custom(fields: &[CustomFieldFields], values: &CustomValues) -> Result<CustomValues, DomainError> {
    let mut errors = Vec::new();
    let mut kept = CustomValues::new();
    for (key, value) in values {
        if value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty()) {
            continue;
        }
        let Some(field) = fields.iter().find(|f| &f.key == key) else {
            errors.push(FieldError::new(format!("custom.{key}"), Reason::NoCustomField { key: key.clone() }));
            continue;
        };
        match field.value(value) {
            Ok(value) => drop(kept.insert(key.clone(), value)),
            Err(reason) => errors.push(FieldError::new(format!("custom.{key}"), reason)),
        }
    }
    for field in fields.iter().filter(|f| f.required && !kept.contains_key(&f.key)) {
        errors.push(FieldError::new(format!("custom.{}", field.key), Reason::Empty));
    }
    if errors.is_empty() { Ok(kept) } else { Err(DomainError::Invalid(errors)) }
}

/// `aa-bb-cc-dd-ee-ff`, `AABB.CCDD.EEFF`, `aabbccddeeff` → `AA:BB:CC:DD:EE:FF`.
fn mac(text: &str) -> Option<String> {
    let hex: String = text.chars().filter(|c| !matches!(c, ':' | '-' | '.' | ' ')).collect();
    if hex.len() != 12 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let upper = hex.to_ascii_uppercase();
    Some(upper.as_bytes().chunks(2).map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>().join(":"))
}

/// 15 digits (spaces and dashes aside) whose last is the Luhn check digit of the others.
fn imei(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != 15 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap_or(0);
            if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    sum.is_multiple_of(10).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(key: &str, kind: CustomKind) -> CustomFieldFields {
        CustomFieldFields {
            category_id: 1,
            key: key.into(),
            name: key.to_uppercase(),
            kind,
            required: false,
            unique: false,
            format: None,
            options: Vec::new(),
        }
    }

    #[test]
    fn values_are_checked_and_written_one_way() {
        let mac_field = CustomFieldFields { format: Some(CustomFormat::MacAddress), ..field("mac", CustomKind::Text) };
        assert_eq!(mac_field.value(&json!("aa-bb-cc-00-11-2f")), Ok(json!("AA:BB:CC:00:11:2F")));
        assert_eq!(mac_field.value(&json!("aabb.cc00.112f")), Ok(json!("AA:BB:CC:00:11:2F")));
        assert_eq!(mac_field.value(&json!("aa:bb")), Err(Reason::NotAMacAddress));
        let imei_field = CustomFieldFields { format: Some(CustomFormat::Imei), ..field("imei", CustomKind::Text) };
        assert_eq!(imei_field.value(&json!("35-693803-564380-9")), Ok(json!("356938035643809")));
        assert_eq!(imei_field.value(&json!("356938035643808")), Err(Reason::NotAnImei), "a wrong check digit");
        assert_eq!(field("ports", CustomKind::Number).value(&json!("24")), Ok(json!(24)), "one way, as typed or sent");
        assert_eq!(field("ports", CustomKind::Number).value(&json!(48.0)), Ok(json!(48)));
        assert_eq!(field("ports", CustomKind::Number).value(&json!("2,5")), Ok(json!(2.5)));
        assert_eq!(field("since", CustomKind::Date).value(&json!("2026-11-21")), Ok(json!("2026-11-21")));
        assert_eq!(field("since", CustomKind::Date).value(&json!("21/11/2026")), Ok(json!("2026-11-21")));
        assert_eq!(field("poe", CustomKind::Boolean).value(&json!("Oui")), Ok(json!(true)));
        let list = CustomFieldFields { options: vec!["4G".into(), "5G".into()], ..field("net", CustomKind::List) };
        assert_eq!(list.value(&json!("5g")), Ok(json!("5G")));
        assert!(list.value(&json!("3G")).is_err());
        assert!(field("ports", CustomKind::Number).value(&json!(true)).is_err());
    }

    #[test]
    fn a_filter_finds_a_value_as_each_kind_writes_it() {
        assert_eq!(filter_values(" 24,0 "), [json!("24,0"), json!(24)]);
        assert_eq!(filter_values("21/11/2026"), [json!("21/11/2026"), json!("2026-11-21")]);
        assert_eq!(filter_values("oui"), [json!("oui"), json!(true)]);
        assert_eq!(filter_values("aa-bb-cc-dd-ee-ff"), [json!("aa-bb-cc-dd-ee-ff"), json!("AA:BB:CC:DD:EE:FF")]);
    }

    #[test]
    fn an_asset_has_the_fields_of_its_category_and_its_required_ones() {
        let fields =
            [CustomFieldFields { required: true, ..field("imei", CustomKind::Text) }, field("note", CustomKind::Text)];
        let values: CustomValues = [("note".to_owned(), json!(" vitre "))].into();
        let Err(DomainError::Invalid(errors)) = check_custom(&fields, &values) else { panic!("imei is required") };
        assert_eq!(errors[0].field, "custom.imei");
        let values: CustomValues = [("imei".to_owned(), json!("x")), ("colour".to_owned(), json!("red"))].into();
        let Err(DomainError::Invalid(errors)) = check_custom(&fields, &values) else { panic!("colour is no field") };
        assert_eq!(errors[0].field, "custom.colour");
        let values: CustomValues = [("imei".to_owned(), json!("x")), ("note".to_owned(), json!(""))].into();
        assert_eq!(check_custom(&fields, &values).unwrap().len(), 1, "an empty value is no value");
        let bad = CustomFieldFields {
            key: "IMEI".into(),
            format: Some(CustomFormat::Imei),
            ..field("x", CustomKind::Number)
        };
        let Err(DomainError::Invalid(errors)) = bad.validate() else { panic!("two faults") };
        assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["key", "format"]);
    }
}
