use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::{Language, Reason};

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub reason: Reason,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: Reason) -> Self {
        Self { field: field.into(), reason }
    }
}

/// As the API shows it: the field, the reason's stable code, and its words in English.
impl Serialize for FieldError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("FieldError", 3)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("code", self.reason.code())?;
        s.serialize_field("message", &self.reason.text(Language::En))?;
        s.end()
    }
}

impl utoipa::PartialSchema for FieldError {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        let text = |description: &str| ObjectBuilder::new().schema_type(Type::String).description(Some(description));
        ObjectBuilder::new()
            .property("field", text("The input field, as the request named it"))
            .property("code", text("A stable code of the reason (`too-long`), to translate it"))
            .property("message", text("The reason, in English"))
            .required("field")
            .required("code")
            .required("message")
            .into()
    }
}

impl utoipa::ToSchema for FieldError {}

/// Why a use case refused to act. Infrastructure failures are not domain errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{entity} {key} not found")]
    NotFound { entity: &'static str, key: String },
    #[error("{reason}")]
    Conflict { reason: Reason, field: Option<String> },
    #[error("the record was changed by someone else (current version {current})")]
    Stale { current: i64 },
    #[error("too many failed attempts, retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    #[error("invalid username or password")]
    BadCredentials,
}

impl DomainError {
    pub fn invalid(field: impl Into<String>, reason: Reason) -> Self {
        Self::Invalid(vec![FieldError::new(field, reason)])
    }

    pub fn not_found(entity: &'static str, key: impl ToString) -> Self {
        Self::NotFound { entity, key: key.to_string() }
    }

    pub fn conflict(reason: Reason) -> Self {
        Self::Conflict { reason, field: None }
    }

    pub fn conflict_on(field: impl Into<String>, reason: Reason) -> Self {
        Self::Conflict { reason, field: Some(field.into()) }
    }

    /// In words (English), each refused field named: a refusal told inside another (a line of
    /// an import, an asset of a bulk change).
    pub fn detail(&self) -> String {
        match self {
            DomainError::Invalid(errors) => {
                errors.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect::<Vec<_>>().join("; ")
            }
            other => other.to_string(),
        }
    }
}
