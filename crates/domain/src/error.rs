use serde::Serialize;

/// One problem with one input field, as shown to the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// Why a use case refused to act. Infrastructure failures are not domain errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{entity} {key} not found")]
    NotFound { entity: &'static str, key: String },
    #[error("{message}")]
    Conflict { message: String, field: Option<String> },
    #[error("the record was changed by someone else (current version {current})")]
    Stale { current: i64 },
    #[error("too many failed attempts, retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    #[error("invalid username or password")]
    BadCredentials,
}

impl DomainError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    pub fn not_found(entity: &'static str, key: impl ToString) -> Self {
        Self::NotFound { entity, key: key.to_string() }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict { message: message.into(), field: None }
    }

    pub fn conflict_on(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Conflict { message: message.into(), field: Some(field.into()) }
    }
}
