//! Lists: which page (limit, opaque cursor), in which order, of what (search text and the list's
//! own filter). Each list has one typed filter, parsed once at the edge and used as it is by the
//! API, the pages, the exports and the OpenAPI document.

use std::fmt::Debug;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::{ObjectBuilder, Required, Type};
use utoipa::{IntoParams, ToSchema};

use crate::{DomainError, FieldError, Reason, Vocabulary};

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 500;
/// The longest sort key a cursor carries, in characters (names are at most 200).
const MAX_CURSOR_KEY: usize = 1000;
/// The longest search text, in characters.
pub const MAX_SEARCH: usize = 200;

/// Where a page ends: the sort key's text (none for a sort by id) and the id of its last row,
/// as URL-safe base64 of JSON. Opaque to clients; whatever they send back is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub k: Option<String>,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// The cursor a client sent back, or an error naming `cursor`.
    pub fn decode(text: &str) -> Result<Cursor, DomainError> {
        let bad = || DomainError::invalid("cursor", Reason::NotACursor);
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        // The key goes into a query: one line of text, as the sort keys are.
        match cursor.k.as_deref().and_then(|k| crate::validate::line_problem(k, MAX_CURSOR_KEY)) {
            Some(_) => Err(bad()),
            None => Ok(cursor),
        }
    }
}

/// One page of a list. Pass `next_cursor` back as `cursor` for the next page; `null` ends it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    /// Present when the request asked `count=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

/// The filter of one list: its parameters and its sort keys.
pub trait Filter: Default + Clone + PartialEq + Debug + Send + Sync + 'static {
    /// The keys the list may be sorted by.
    type Sort: Vocabulary;
    /// The names of its parameters.
    const NAMES: &'static [&'static str];

    /// Reads the value of its parameter `name` (one of [`Filter::NAMES`], or `NAME.key` for a
    /// parameter with keys).
    fn take(&mut self, name: &str, value: &str) -> Result<(), FieldError>;

    /// Whether `name` is one of its parameters (`custom.imei` is one of `custom`'s, a parameter
    /// that takes keys).
    fn accepts(name: &str) -> bool {
        Self::NAMES.contains(&name)
    }
}

/// A list request, parsed: the common parameters and the list's filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<F: Filter> {
    pub limit: u64,
    pub cursor: Option<String>,
    /// `None`: the list's own default order.
    pub sort: Option<F::Sort>,
    /// The `-` of `sort=-name`.
    pub descending: bool,
    /// Search text, folded (lower case, no accents).
    pub q: Option<String>,
    /// Add the total to the page.
    pub count: bool,
    pub filter: F,
}

impl<F: Filter> Default for List<F> {
    /// The first page of the default order, unfiltered.
    fn default() -> Self {
        List {
            limit: DEFAULT_LIMIT,
            cursor: None,
            sort: None,
            descending: false,
            q: None,
            count: false,
            filter: F::default(),
        }
    }
}

impl<F: Filter> List<F> {
    /// The first page of the default order with this filter.
    pub fn of(filter: F) -> Self {
        List { filter, ..List::default() }
    }

    /// An API list's query string: any parameter the list does not know is an error rather
    /// than silently ignored (a typo must not widen a search). Every problem is reported.
    pub fn parse(pairs: impl IntoIterator<Item = (String, String)>) -> Result<Self, DomainError> {
        Self::read(pairs, true)
    }

    /// A page's query string, which also carries the page's own parameters: those are left to
    /// the page; a bad value of the list's is still an error.
    pub fn from_page<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, DomainError> {
        Self::read(pairs.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())), false)
    }

    fn read(pairs: impl IntoIterator<Item = (String, String)>, strict: bool) -> Result<Self, DomainError> {
        let mut list = List::default();
        let mut errors = Vec::new();
        for (key, value) in pairs {
            if let Err(error) = list.take(&key, value, strict) {
                errors.push(error);
            }
        }
        if errors.is_empty() { Ok(list) } else { Err(DomainError::Invalid(errors)) }
    }

    fn take(&mut self, key: &str, value: String, strict: bool) -> Result<(), FieldError> {
        match key {
            "limit" => match value.parse::<u64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => self.limit = n,
                _ => return Err(FieldError::new("limit", Reason::LimitRange { max: MAX_LIMIT })),
            },
            "cursor" => self.cursor = Some(value).filter(|v| !v.is_empty()),
            "sort" if value.is_empty() => {}
            "sort" => {
                let (descending, name) = value.strip_prefix('-').map_or((false, value.as_str()), |name| (true, name));
                let sort = F::Sort::parse(name)
                    .map_err(|err| FieldError::new("sort", Reason::SortOneOf { names: err.known }))?;
                (self.sort, self.descending) = (Some(sort), descending);
            }
            // Two cells pasted from a spreadsheet are two words.
            "q" => match crate::validate::line_problem(&value.replace(['\t', '\r', '\n'], " "), MAX_SEARCH) {
                Some(reason) => return Err(FieldError::new("q", reason)),
                None => self.q = Some(crate::fold(&value)).filter(|q| !q.is_empty()),
            },
            "count" => {
                self.count = match value.as_str() {
                    "true" | "1" => true,
                    "false" | "0" | "" => false,
                    _ => return Err(FieldError::new("count", Reason::TrueOrFalse)),
                }
            }
            name if !F::accepts(name) => {
                if strict {
                    return Err(FieldError::new(name, Reason::UnknownParameter));
                }
            }
            // An empty value is no filter.
            _ if value.is_empty() => {}
            name => return self.filter.take(name, &value),
        }
        Ok(())
    }
}

impl<F: Filter> List<F> {
    /// The same page and order with another filter of the same sort keys.
    pub fn with<G: Filter<Sort = F::Sort>>(self, filter: G) -> List<G> {
        let List { limit, cursor, sort, descending, q, count, filter: _ } = self;
        List { limit, cursor, sort, descending, q, count, filter }
    }
}

/// A list sorted by `S` that takes no filter from the caller: the page's subject is fixed by its
/// path (`/me/assets`, `/assets/{id}/history`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unfiltered<S>(#[serde(skip)] std::marker::PhantomData<S>);

impl<S> Default for Unfiltered<S> {
    fn default() -> Self {
        Unfiltered(std::marker::PhantomData)
    }
}

impl<S: Vocabulary> Filter for Unfiltered<S> {
    type Sort = S;
    const NAMES: &'static [&'static str] = &[];

    fn take(&mut self, _: &str, _: &str) -> Result<(), FieldError> {
        Ok(())
    }
}

impl<S> IntoParams for Unfiltered<S> {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        Vec::new()
    }
}

impl<F: Filter + IntoParams> IntoParams for List<F> {
    /// The common parameters, then the filter's.
    fn into_params(parameter_in: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let sorts: Vec<&str> = F::Sort::ALL.iter().map(|s| s.as_str()).collect();
        let param = |name: &str, schema: ObjectBuilder, description: String| {
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(description))
                .schema(Some(schema))
                .build()
        };
        let of = |kind: Type| ObjectBuilder::new().schema_type(kind);
        let orders = sorts.iter().flat_map(|s| [s.to_string(), format!("-{s}")]);
        let mut params = vec![
            param(
                "limit",
                of(Type::Integer).minimum(Some(1)).maximum(Some(MAX_LIMIT as f64)),
                format!("Page size, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})."),
            ),
            param("cursor", of(Type::String), "`next_cursor` of the previous page.".into()),
            param(
                "sort",
                of(Type::String).enum_values(Some(orders)),
                format!("One of `{}`; prefix `-` for descending.", sorts.join("`, `")),
            ),
            param(
                "q",
                of(Type::String).max_length(Some(MAX_SEARCH)),
                "Search text; case and accents are ignored.".into(),
            ),
            param("count", of(Type::Boolean), "`true` adds `total` to the page.".into()),
        ];
        params.extend(F::into_params(parameter_in));
        params
    }
}

/// Declares a list's filter: its fields (each `Option<T>` or `Vec<T>` of a [`ParamValue`]), with
/// their documentation for the OpenAPI document, and its sort keys.
macro_rules! filter {
    (
        $(#[$meta:meta])*
        pub struct $name:ident sorted by $sort:ty { $( $(#[$fmeta:meta])* $field:ident: $ty:ty ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::IntoParams)]
        #[into_params(parameter_in = Query)]
        pub struct $name { $( $(#[$fmeta])* pub $field: $ty ),* }

        impl $crate::Filter for $name {
            type Sort = $sort;
            const NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            fn accepts(name: &str) -> bool {
                match name.split_once('.') {
                    Some((base, _)) => match base {
                        $( stringify!($field) => <$ty as $crate::Param>::KEYED, )*
                        _ => false,
                    },
                    None => Self::NAMES.contains(&name),
                }
            }

            #[allow(unused_variables)]
            fn take(&mut self, name: &str, value: &str) -> Result<(), $crate::FieldError> {
                let read: Result<(), $crate::Reason> = match name.split_once('.') {
                    Some((base, key)) => match base {
                        $( stringify!($field) => $crate::Param::read_keyed(&mut self.$field, key, value), )*
                        _ => Ok(()),
                    },
                    None => match name {
                        $( stringify!($field) => $crate::Param::read_into(&mut self.$field, value), )*
                        _ => Ok(()),
                    },
                };
                read.map_err(|reason| $crate::FieldError::new(name, reason))
            }
        }
    };
}

vocabulary! {
    /// The sort of a list ordered by id only, newest first unless `sort=id`.
    pub enum IdSort: "sort key" {
        Id = "id",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AssetSort, AssetStatus};

    filter! {
        pub struct TestFilter sorted by AssetSort {
            site_id: Option<i64>,
            status: Vec<AssetStatus>,
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn parses_common_parameters_and_filters() {
        let q = List::<TestFilter>::parse(pairs(&[
            ("limit", "20"),
            ("sort", "-name"),
            ("q", " Écran "),
            ("site_id", "3"),
            ("count", "true"),
            ("status", "in_stock,lost"),
            ("status", "retired"),
        ]))
        .unwrap();
        assert_eq!(
            (q.limit, q.sort, q.descending, q.q.as_deref(), q.count),
            (20, Some(AssetSort::Name), true, Some("ecran"), true)
        );
        assert_eq!(q.filter.site_id, Some(3));
        assert_eq!(q.filter.status, [AssetStatus::InStock, AssetStatus::Lost, AssetStatus::Retired]);
    }

    #[test]
    fn names_every_bad_parameter() {
        let bad = pairs(&[("limit", "0"), ("sort", "price"), ("sitee_id", "1"), ("status", "gone"), ("site_id", "-1")]);
        let Err(DomainError::Invalid(errors)) = List::<TestFilter>::parse(bad.clone()) else { panic!("must fail") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["limit", "sort", "sitee_id", "status", "site_id"]);
        let Err(DomainError::Invalid(errors)) =
            List::<TestFilter>::from_page(bad.iter().map(|(k, v)| (&k[..], &v[..])))
        else {
            panic!("must fail")
        };
        assert_eq!(errors.len(), 4, "a page leaves its own parameters alone, not bad values: {errors:?}");
    }

    #[test]
    fn search_text_is_one_bounded_line() {
        let reason = |q: &str| match List::<TestFilter>::parse(pairs(&[("q", q)])) {
            Err(DomainError::Invalid(errors)) => Some(errors[0].reason.clone()),
            _ => None,
        };
        assert_eq!(reason("Écran  Dell"), None);
        assert_eq!(reason("a\u{0}b"), Some(Reason::ControlCharacters));
        assert_eq!(reason("Ben\tSalah"), None);
        assert_eq!(reason(&"x".repeat(MAX_SEARCH + 1)), Some(Reason::TooLong { max: MAX_SEARCH }));
        // A cursor's key goes into a query too.
        let nul = Cursor { k: Some("a\u{0}".into()), id: 1 }.encode();
        assert_eq!(Cursor::decode(&nul), Err(DomainError::invalid("cursor", Reason::NotACursor)));
        // A text filter too (the audit log's `entity`).
        let entity = List::<crate::AuditFilter>::parse(pairs(&[("entity", "\u{0}\u{f2}J")]));
        assert!(matches!(entity, Err(DomainError::Invalid(e)) if e[0].reason == Reason::ControlCharacters));
    }
}
