//! Reading submitted forms and query strings as text, and showing what was wrong with them
//! next to each field. Nothing typed is lost: a refused form comes back filled in.

use std::collections::BTreeMap;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use chrono::NaiveDate;
use radgestmat_domain::{DomainError, FieldError, Reason, Vocabulary};

use super::UiError;
use super::i18n::Tr;

/// The fields of a form or a query string, as typed. Several values per name are kept (bulk
/// selections).
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn from_pairs<K: Into<String>>(pairs: impl IntoIterator<Item = (K, String)>) -> Fields {
        Fields(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// These pairs added.
    pub fn with(mut self, pairs: impl IntoIterator<Item = (String, String)>) -> Fields {
        self.0.extend(pairs);
        self
    }

    /// The value of `name`, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.trim())
    }

    /// Whether `name` holds `value` (a selected option).
    pub fn is(&self, name: &str, value: &str) -> bool {
        self.get(name) == value
    }

    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name)).filter(|v| !v.is_empty()).map(str::to_owned)
    }

    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.trim())
    }

    /// The pairs that have a value, for passing a filter on.
    /// Whether the form names the field at all, empty or not (`site_id=`: every site).
    pub fn names(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    pub fn push(&mut self, name: &str, value: String) {
        self.0.push((name.to_owned(), value));
    }

    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.trim())).filter(|(_, v)| !v.is_empty())
    }

    /// An optional id; a value that is not one is recorded in `errors`.
    pub fn id(&self, name: &str, errors: &mut Errors) -> Option<i64> {
        let text = self.get(name);
        if text.is_empty() {
            return None;
        }
        let id = text.parse::<i64>().ok().filter(|id| *id > 0);
        if id.is_none() {
            errors.add(name, Reason::PositiveWholeNumber);
        }
        id
    }

    /// One of a vocabulary's values, `None` when the field is empty or absent; an unknown
    /// value (a tampered form) is recorded in `errors`.
    pub fn choice<T: Vocabulary>(&self, name: &str, errors: &mut Errors) -> Option<T> {
        let text = self.get(name);
        if text.is_empty() {
            return None;
        }
        let choice = T::parse(text).ok();
        if choice.is_none() {
            errors.add(name, Reason::NotValid);
        }
        choice
    }

    /// One of a vocabulary's values, its default when the field is empty or absent; an unknown
    /// value (a tampered form) refuses the request.
    pub fn choice_or_default<T: Vocabulary + Default>(&self, name: &str) -> Result<T, UiError> {
        let mut errors = Errors::default();
        let choice = self.choice(name, &mut errors).unwrap_or_default();
        match errors.is_empty() {
            true => Ok(choice),
            false => Err(UiError::Refused(vec![FieldError::new(name, Reason::NotValid)])),
        }
    }

    /// An optional date (`2026-11-21`, as `<input type=date>` sends it, or `21/11/2026`).
    pub fn date(&self, name: &str, errors: &mut Errors) -> Option<NaiveDate> {
        let text = self.get(name);
        if text.is_empty() {
            return None;
        }
        let date = radgestmat_domain::parse_day(text);
        if date.is_none() {
            errors.add(name, Reason::DateExample);
        }
        date
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = UiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Form(pairs) = axum::Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(|e| UiError::BadRequest(e.body_text()))?;
        Ok(Fields(pairs))
    }
}

/// `next` if it is a path of this site, fit for a `Location` header. Browsers drop tabs and
/// line breaks from a URL and read `\` as `/`: `/<TAB>/evil.example` is `//evil.example`,
/// another site. A path with neither, not starting `//`, stays here.
pub fn local_path(next: &str) -> Option<&str> {
    let plain = next.chars().all(|c| !c.is_control() && c != '\\');
    (plain && next.starts_with('/') && !next.starts_with("//")).then_some(next)
}

/// The query string of a page, read the same way.
pub struct QueryFields(pub Fields);

impl<S: Send + Sync> FromRequestParts<S> for QueryFields {
    type Rejection = UiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(parts.uri.query().unwrap_or(""))
            .map_err(|e| UiError::BadRequest(e.to_string()))?;
        Ok(QueryFields(Fields(pairs)))
    }
}

/// What was wrong with a form, field by field, as the domain's reasons (said in the page's
/// language).
#[derive(Debug, Clone, Default)]
pub struct Errors {
    fields: BTreeMap<String, Reason>,
    /// What concerns the whole form (a conflict, a stale version).
    pub general: Option<Reason>,
}

impl Errors {
    pub fn add(&mut self, field: &str, reason: Reason) {
        self.fields.entry(field.to_owned()).or_insert(reason);
    }

    /// Shows under `to` what the store said of `from` (the form names a field differently).
    pub fn rename(&mut self, from: &str, to: &str) {
        if let Some(reason) = self.fields.remove(from) {
            self.fields.insert(to.to_owned(), reason);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_none()
    }

    /// Every reason, the general one first: for a page that shows them together.
    pub fn all(&self) -> Vec<&Reason> {
        self.general.iter().chain(self.fields.values()).collect()
    }

    /// The message for `field`, in the page's language; empty when the field is fine.
    pub fn of(&self, field: &str, tr: &Tr) -> String {
        self.fields.get(field).map(|r| tr.reason(r)).unwrap_or_default()
    }

    pub fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    /// How many fields are wrong.
    pub fn count(&self) -> usize {
        self.fields.len()
    }

    /// Takes a refusal of a use case into the form; anything else stays an error.
    /// The reason given for `field`, if any.
    pub fn reason(&self, field: &str) -> Option<&Reason> {
        self.fields.get(field)
    }

    /// A validation's refusals, each beside its field (the first reason of a field stays;
    /// `it_contacts[1]` is shown beside `it_contacts`).
    pub fn absorb_domain(&mut self, err: DomainError) {
        if let DomainError::Invalid(list) = err {
            for FieldError { field, reason } in list {
                // A custom field's error stays its own (`custom.imei`).
                let name = if field.starts_with("custom.") {
                    &field
                } else {
                    field.split(['[', '.']).next().unwrap_or(&field)
                };
                self.add(name, reason);
            }
        }
    }

    /// The same, for what reading the request refused (an upload's form).
    pub fn absorb_api(&mut self, err: crate::error::ApiError) -> Result<(), UiError> {
        use crate::error::ApiError;
        match err {
            ApiError::Domain(err) => self.absorb(err.into()),
            ApiError::BadRequest { message, field } => {
                self.add(field.as_deref().unwrap_or("file"), Reason::Malformed { detail: message });
                Ok(())
            }
            ApiError::TooLarge(max) => {
                self.add("file", Reason::TooManyBytes { max });
                Ok(())
            }
            other => Err(other.into()),
        }
    }

    pub fn absorb(&mut self, err: radgestmat_app::Error) -> Result<(), UiError> {
        match err {
            radgestmat_app::Error::Domain(err @ DomainError::Invalid(_)) => self.absorb_domain(err),
            radgestmat_app::Error::Domain(DomainError::Conflict { reason, field: Some(field) }) => {
                self.add(&field, reason)
            }
            radgestmat_app::Error::Domain(DomainError::Conflict { reason, field: None }) => self.general = Some(reason),
            radgestmat_app::Error::Domain(DomainError::Stale { current }) => {
                self.general = Some(Reason::Stale { current })
            }
            other => return Err(other.into()),
        }
        Ok(())
    }
}

/// The links between the pages of a list: back to the first, on to the next.
pub struct Pager {
    pub first: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// Links to `path` with the `keep` parameters of `q`; the next page adds its cursor.
    pub fn new(path: &str, q: &Fields, keep: &[&str], next_cursor: Option<&str>) -> Pager {
        Pager::keeping(path, q, |k| keep.contains(&k), next_cursor)
    }

    /// Links to `path` with the parameters of `q` that `keep` keeps.
    pub fn keeping(path: &str, q: &Fields, keep: impl Fn(&str) -> bool, next_cursor: Option<&str>) -> Pager {
        let kept: Vec<(&str, &str)> = q.pairs().filter(|(k, _)| keep(k)).collect();
        let first = (!q.get("cursor").is_empty()).then(|| format!("{path}{}", query(kept.iter().copied())));
        let next =
            next_cursor.map(|cursor| format!("{path}{}", query(kept.iter().copied().chain([("cursor", cursor)]))));
        Pager { first, next }
    }
}

/// Percent-encodes a value for a query string.
pub fn encode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)]).map(|s| s[1..].to_owned()).unwrap_or_default()
}

/// A query string of these pairs, `?a=1&b=2`, or nothing.
pub fn query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let pairs: Vec<_> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
    }
}
