//! Lists: limit, opaque cursor, sort and filters, parsed from a query string.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use crate::{DomainError, FieldError};

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 500;

/// One page of a list. Pass `next_cursor` back as `cursor` for the next page; `null` ends it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    /// Present when the request asked `count=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

/// A list request, parsed: the common parameters plus the resource's own filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub limit: u64,
    pub cursor: Option<String>,
    /// Sort key without its sign; `descending` holds the `-`.
    pub sort: Option<String>,
    pub descending: bool,
    /// Search text, already folded (lower case, no accents).
    pub q: Option<String>,
    pub count: bool,
    pub filters: BTreeMap<String, String>,
}

impl Default for ListQuery {
    /// The first page of the default order, unfiltered.
    fn default() -> Self {
        ListQuery {
            limit: DEFAULT_LIMIT,
            cursor: None,
            sort: None,
            descending: false,
            q: None,
            count: false,
            filters: BTreeMap::new(),
        }
    }
}

impl ListQuery {
    /// Parses `limit, cursor, sort, q, count` and the filters named in `filters`; any other
    /// parameter is an error rather than silently ignored (a typo must not widen a search).
    pub fn parse(pairs: Vec<(String, String)>, sorts: &[&str], filters: &[&str]) -> Result<ListQuery, DomainError> {
        let mut query = ListQuery::default();
        let mut errors = Vec::new();
        for (key, value) in pairs {
            match key.as_str() {
                "limit" => match value.parse::<u64>() {
                    Ok(n) if (1..=MAX_LIMIT).contains(&n) => query.limit = n,
                    _ => errors.push(FieldError::new("limit", format!("must be a number from 1 to {MAX_LIMIT}"))),
                },
                "cursor" if !value.is_empty() => query.cursor = Some(value),
                "sort" if !value.is_empty() => {
                    let (descending, name) = match value.strip_prefix('-') {
                        Some(name) => (true, name),
                        None => (false, value.as_str()),
                    };
                    if sorts.contains(&name) {
                        query.sort = Some(name.to_owned());
                        query.descending = descending;
                    } else {
                        errors.push(FieldError::new(
                            "sort",
                            format!("must be one of {} (prefix - to reverse)", sorts.join(", ")),
                        ));
                    }
                }
                "q" => {
                    let folded = crate::fold(&value);
                    query.q = (!folded.is_empty()).then_some(folded);
                }
                "count" => match value.as_str() {
                    "true" | "1" => query.count = true,
                    "false" | "0" | "" => query.count = false,
                    _ => errors.push(FieldError::new("count", "must be true or false")),
                },
                "cursor" | "sort" => {}
                name if filters.contains(&name) => {
                    if !value.is_empty() {
                        query.filters.insert(key, value);
                    }
                }
                _ => errors.push(FieldError::new(key.clone(), "unknown parameter")),
            }
        }
        if errors.is_empty() { Ok(query) } else { Err(DomainError::Invalid(errors)) }
    }

    /// A filter's value as an id.
    pub fn id_filter(&self, name: &str) -> Result<Option<i64>, DomainError> {
        self.filters
            .get(name)
            .map(|v| {
                v.parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| DomainError::invalid(name, "must be a positive id"))
            })
            .transpose()
    }

    /// A filter's value as a boolean.
    pub fn bool_filter(&self, name: &str) -> Result<Option<bool>, DomainError> {
        self.filters
            .get(name)
            .map(|v| match v.as_str() {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(DomainError::invalid(name, "must be true or false")),
            })
            .transpose()
    }

    /// A filter's value as one of `all`, named by `as_str`.
    pub fn choice_filter<T: Copy>(
        &self,
        name: &str,
        all: &[T],
        as_str: fn(T) -> &'static str,
    ) -> Result<Option<T>, DomainError> {
        let Some(text) = self.filters.get(name) else { return Ok(None) };
        choice(name, text, all, as_str).map(Some)
    }

    /// A filter's values, comma-separated (`state=open,acknowledged`), each one of `all`.
    pub fn choices_filter<T: Copy>(
        &self,
        name: &str,
        all: &[T],
        as_str: fn(T) -> &'static str,
    ) -> Result<Vec<T>, DomainError> {
        let Some(text) = self.filters.get(name) else { return Ok(vec![]) };
        text.split(',').map(|one| choice(name, one.trim(), all, as_str)).collect()
    }
}

fn choice<T: Copy>(name: &str, text: &str, all: &[T], as_str: fn(T) -> &'static str) -> Result<T, DomainError> {
    all.iter().copied().find(|&v| as_str(v) == text).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|&v| as_str(v)).collect();
        DomainError::invalid(name, format!("must be one of {}", names.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn parses_common_parameters_and_filters() {
        let q = ListQuery::parse(
            pairs(&[("limit", "20"), ("sort", "-name"), ("q", " Écran "), ("site_id", "3"), ("count", "true")]),
            &["name"],
            &["site_id"],
        )
        .unwrap();
        assert_eq!(
            (q.limit, q.sort.as_deref(), q.descending, q.q.as_deref(), q.count),
            (20, Some("name"), true, Some("ecran"), true)
        );
        assert_eq!(q.id_filter("site_id").unwrap(), Some(3));
    }

    #[test]
    fn names_every_bad_parameter() {
        let Err(DomainError::Invalid(errors)) =
            ListQuery::parse(pairs(&[("limit", "0"), ("sort", "price"), ("sitee_id", "1")]), &["name"], &["site_id"])
        else {
            panic!("must fail")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["limit", "sort", "sitee_id"]);
    }
}
