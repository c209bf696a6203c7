//! Every failure becomes one RFC 9457 `application/problem+json` answer, here and nowhere else.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use radgestmat_domain::{DomainError, FieldError, Permission, Reason};
use serde::Serialize;
use utoipa::ToSchema;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    #[schema(example = "https://radgestmat.dev/problems/validation")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A stable code of the reason (`not-available`), when the refusal has one; `several` when
    /// `errors` lists them.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub code: Option<&'static str>,
    /// One entry per offending field (and per reason of a field refused for several).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// On 412: the version the record has now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
}

/// Why a request failed, as the web layer sees it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("authentication required")]
    Unauthenticated,
    /// The role lacks the permission (already audited by the application).
    #[error("forbidden")]
    Forbidden { permission: Permission, why: Option<Reason> },
    #[error("{message}")]
    BadRequest { message: String, field: Option<String> },
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("no such endpoint")]
    NoRoute,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("service unavailable")]
    Unavailable,
    #[error("cross-site request refused")]
    CrossSite,
    /// A server we talk to (the SMTP server) refused: its answer.
    #[error("{0}")]
    Upstream(String),
    #[error(transparent)]
    Internal(anyhow::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl From<radgestmat_app::Error> for ApiError {
    fn from(err: radgestmat_app::Error) -> Self {
        use radgestmat_app::Error as E;
        match err {
            E::Domain(e) => ApiError::Domain(e),
            E::Denied { permission, why } => ApiError::Forbidden { permission, why },
            E::Upstream(answer) => ApiError::Upstream(answer),
            E::Unavailable(e) => {
                tracing::warn!(error = format!("{e:#}"), "database unavailable");
                ApiError::Unavailable
            }
            E::Internal(e) => ApiError::Internal(e),
        }
    }
}

impl ApiError {
    pub fn bad_request(field: Option<&str>, message: impl Into<String>) -> Self {
        ApiError::BadRequest { message: message.into(), field: field.map(str::to_owned) }
    }

    fn problem(&self) -> (StatusCode, &'static str, &'static str, Problem) {
        let mut p = Problem {
            kind: String::new(),
            title: String::new(),
            status: 0,
            detail: None,
            code: None,
            errors: vec![],
            current_version: None,
        };
        let (status, kind, title) = match self {
            ApiError::Domain(e) => refusal(e, &mut p),
            ApiError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated", "Authentication required"),
            ApiError::Forbidden { permission, why } => {
                let lacks = || format!("your role lacks the permission {permission}");
                p.detail = Some(why.as_ref().map_or_else(lacks, Reason::to_string));
                p.code = why.as_ref().map(Reason::code);
                (StatusCode::FORBIDDEN, "forbidden", "Forbidden")
            }
            ApiError::BadRequest { message, field } => {
                p.detail = Some(message.clone());
                if let Some(field) = field {
                    p.errors = vec![FieldError::new(field.clone(), Reason::Malformed { detail: message.clone() })];
                }
                (StatusCode::BAD_REQUEST, "bad-request", "Malformed request")
            }
            ApiError::TooLarge(_) => {
                p.detail = Some(self.to_string());
                (StatusCode::PAYLOAD_TOO_LARGE, "too-large", "Request body too large")
            }
            ApiError::UnsupportedMediaType => {
                p.detail = Some("send the body as application/json".into());
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type")
            }
            ApiError::NoRoute => (StatusCode::NOT_FOUND, "not-found", "No such endpoint"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
            ApiError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The database does not answer"),
            ApiError::CrossSite => {
                p.detail =
                    Some("a state-changing request from another site (Sec-Fetch-Site, Origin) was refused".into());
                (StatusCode::FORBIDDEN, "cross-site", "Cross-site request refused")
            }
            ApiError::Upstream(answer) => {
                p.detail = Some(answer.clone());
                (StatusCode::BAD_GATEWAY, "upstream", "Another server refused the request")
            }
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal error"),
        };
        p.kind = format!("https://radgestmat.dev/problems/{kind}");
        p.title = title.to_owned();
        p.status = status.as_u16();
        (status, kind, title, p)
    }
}

/// A refusal of the domain as a problem: its status, type and title; its detail and fields in `p`.
fn refusal(e: &DomainError, p: &mut Problem) -> (StatusCode, &'static str, &'static str) {
    match e {
        DomainError::Invalid(errors) => {
            p.errors = errors.iter().flat_map(|e| field_errors(&e.field, &e.reason)).collect();
            p.detail = Some(errors.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect::<Vec<_>>().join("; "));
            (StatusCode::UNPROCESSABLE_ENTITY, "validation", "The request contains invalid values")
        }
        DomainError::NotFound { entity, key } => {
            p.detail = Some(format!("no {entity} {key}"));
            (StatusCode::NOT_FOUND, "not-found", "Not found")
        }
        DomainError::Conflict { reason, field } => {
            p.detail = Some(reason.to_string());
            p.code = Some(reason.code());
            if let Some(field) = field {
                p.errors = field_errors(field, reason);
            }
            (StatusCode::CONFLICT, "conflict", "Conflict with the current state")
        }
        DomainError::Stale { current } => {
            p.detail = Some(e.to_string());
            p.current_version = Some(*current);
            (StatusCode::PRECONDITION_FAILED, "stale", "The record changed since you read it")
        }
        DomainError::Throttled { .. } => {
            p.detail = Some(e.to_string());
            (StatusCode::TOO_MANY_REQUESTS, "throttled", "Too many attempts")
        }
        DomainError::BadCredentials => (StatusCode::UNAUTHORIZED, "bad-credentials", "Invalid username or password"),
    }
}

/// A field's entries: one per reason when it was refused for several.
fn field_errors(field: &str, reason: &Reason) -> Vec<FieldError> {
    match reason {
        Reason::Several(all) => all.iter().map(|r| FieldError::new(field, r.clone())).collect(),
        one => vec![FieldError::new(field, one.clone())],
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(err) = &self {
            // The request span carries the request id; the client gets no details.
            tracing::error!(error = format!("{err:#}"), "request failed");
        }
        let (status, _, _, problem) = self.problem();
        let mut response = (status, axum::Json(problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        match &self {
            ApiError::Domain(DomainError::Throttled { retry_after_secs }) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            ApiError::Domain(DomainError::Stale { current }) => {
                if let Ok(etag) = HeaderValue::from_str(&format!("\"{current}\"")) {
                    headers.insert(header::ETAG, etag);
                }
            }
            ApiError::Unavailable => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            ApiError::Unauthenticated | ApiError::Domain(DomainError::BadCredentials) => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"radgestmat\""));
            }
            _ => {}
        }
        response
    }
}
