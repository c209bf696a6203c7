//! Decoding client JSON into domain types, with errors that name the field.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::{DomainError, FieldError, Reason};

/// A patch's optional field: absent keeps the value (`None`), `null` clears it (`Some(None)`),
/// a value sets it. For `Option<Option<T>>` fields with `#[serde(default, deserialize_with = …)]`.
pub fn nullable<'de, T: serde::Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    <Option<T> as serde::Deserialize>::deserialize(d).map(Some)
}

/// Parses JSON text, refusing an object that names a key twice (serde_json alone keeps the
/// last value, so `{"role": "reader", "role": "admin"}` would mean what a filter in front did
/// not read).
pub fn parse(text: &[u8]) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let value = Strict.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// A JSON value whose objects have distinct keys, at any depth.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format_args!("the key `{key}` is given twice")));
            }
            let value = map.next_value_seed(Strict)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

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
        merge_into(fields, changes, true);
    }
    decode(merged)
}

/// RFC 7386: an object merges into an object (a `null` inside removes its key); anything else
/// replaces. At the top, `null` clears the field (its `Option` becomes `None`).
fn merge_into(target: &mut serde_json::Map<String, Value>, changes: serde_json::Map<String, Value>, top: bool) {
    for (key, change) in changes {
        match (target.get_mut(&key), change) {
            (Some(Value::Object(inner)), Value::Object(change)) => merge_into(inner, change, false),
            (_, Value::Null) if !top => drop(target.remove(&key)),
            (_, change) => drop(target.insert(key, change)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SiteFields;
    use serde_json::json;

    #[test]
    fn a_patch_merges_into_an_object_and_null_removes_a_key_there() {
        let mut current = json!({"name": "a", "custom": {"imei": "1", "net": "4G"}}).as_object().cloned().unwrap();
        let patch = json!({"custom": {"net": null, "ports": 24}, "name": null}).as_object().cloned().unwrap();
        merge_into(&mut current, patch, true);
        assert_eq!(Value::Object(current), json!({"name": null, "custom": {"imei": "1", "ports": 24}}));
    }

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
    fn a_key_given_twice_is_refused_at_any_depth() {
        assert_eq!(parse(br#"{"a": [1, {"b": null}], "c": 2.5}"#).unwrap(), json!({"a": [1, {"b": null}], "c": 2.5}));
        let twice = parse(br#"{"role": "reader", "role": "admin"}"#).unwrap_err().to_string();
        assert!(twice.contains("the key `role` is given twice"), "{twice}");
        assert!(parse(br#"{"a": {"b": 1, "b": 2}}"#).is_err());
        assert!(parse(br#"{"a": 1} x"#).is_err(), "trailing text");
    }

    #[test]
    fn merge_keeps_absent_fields_and_clears_nulls() {
        let site: SiteFields = decode(json!({"code": "A", "name": "B", "kind": "store", "city": "Sfax"})).unwrap();
        let patched: SiteFields = merge(&site, json!({"name": "C", "city": null})).unwrap();
        assert_eq!((patched.code.as_str(), patched.name.as_str(), patched.city), ("A", "C", None));
        assert!(merge(&site, json!({"id": 3})).is_err());
    }
}
