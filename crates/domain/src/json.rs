//! Decoding client JSON into domain types, with errors that name the field.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{DomainError, FieldError, Reason};

/// Decodes a JSON object; a wrong type, a missing or an unknown field becomes a 422 naming it.
pub fn decode<T: DeserializeOwned>(value: Value) -> Result<T, DomainError> {
    if !value.is_object() {
        return Err(DomainError::invalid("body", Reason::JsonObject));
    }
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let message = err.inner().to_string();
        // serde names missing and unknown fields in the message, at the parent's path.
        let named = message
            .split('`')
            .nth(1)
            .filter(|_| message.starts_with("missing field") || message.starts_with("unknown field"));
        let field = match (named, path.as_str()) {
            (Some(name), ".") => name.to_owned(),
            // An unknown field's path already ends with it; a missing one's is its parent.
            (Some(name), path) if path == name || path.ends_with(&format!(".{name}")) => path.to_owned(),
            (Some(name), parent) => format!("{parent}.{name}"),
            (None, ".") => "body".to_owned(),
            (None, path) => path.to_owned(),
        };
        DomainError::Invalid(vec![FieldError::new(field, Reason::Malformed { detail: message })])
    })
}

/// Applies a JSON merge patch (RFC 7396, one level) to the current fields and decodes the
/// result: absent keys keep their value, `null` clears an optional field.
pub fn merge<T: Serialize + DeserializeOwned>(current: &T, patch: Value) -> Result<T, DomainError> {
    let Value::Object(changes) = patch else {
        return Err(DomainError::invalid("body", Reason::JsonObject));
    };
    let mut merged = serde_json::to_value(current)
        .map_err(|e| DomainError::invalid("body", Reason::Malformed { detail: e.to_string() }))?;
    if let Value::Object(fields) = &mut merged {
        fields.extend(changes);
    }
    decode(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SiteFields;
    use serde_json::json;

    #[test]
    fn names_the_field_in_errors() {
        let err = |v| match decode::<SiteFields>(v) {
            Err(DomainError::Invalid(e)) => e[0].field.clone(),
            _ => panic!("must fail"),
        };
        assert_eq!(err(json!({"code": "A", "name": "B", "kind": "store", "colour": 1})), "colour");
        assert_eq!(err(json!({"code": "A", "kind": "store"})), "name");
        assert_eq!(err(json!({"code": "A", "name": "B", "kind": "castle"})), "kind");
        assert_eq!(err(json!([1])), "body");
    }

    #[test]
    fn merge_keeps_absent_fields_and_clears_nulls() {
        let site: SiteFields = decode(json!({"code": "A", "name": "B", "kind": "store", "city": "Sfax"})).unwrap();
        let patched: SiteFields = merge(&site, json!({"name": "C", "city": null})).unwrap();
        assert_eq!((patched.code.as_str(), patched.name.as_str(), patched.city), ("A", "C", None));
        assert!(merge(&site, json!({"id": 3})).is_err());
    }
}
