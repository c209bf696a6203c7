//! Friendly error pages in the user's language, and the security headers of every page.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use radgestmat_domain::{DomainError, FieldError, Reason};

use super::Ctx;
use super::i18n::Tr;
use crate::AppState;
use crate::error::ApiError;

/// Why a page cannot be shown. Turned into a bare status with an [`ErrorPage`] marker; the
/// [`pages`] middleware, which knows the request's language, renders it.
#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("{0}")]
    BadRequest(String),
    /// Refused by a rule, said in the reader's language (the field first, when there is one).
    #[error("refused")]
    Refused(Vec<FieldError>),
    #[error("database unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(anyhow::Error),
}

impl From<ApiError> for UiError {
    fn from(err: ApiError) -> Self {
        match err {
            ApiError::Domain(DomainError::NotFound { .. }) | ApiError::NoRoute => UiError::NotFound,
            ApiError::Forbidden { .. } | ApiError::Unauthenticated => UiError::Forbidden,
            ApiError::Unavailable => UiError::Unavailable,
            ApiError::Internal(e) => UiError::Internal(e),
            ApiError::Domain(DomainError::Conflict { reason, field }) => {
                UiError::Refused(vec![FieldError::new(field.unwrap_or_default(), reason)])
            }
            ApiError::Domain(DomainError::Invalid(errors)) => UiError::Refused(errors),
            // Said in the reader's language too.
            ApiError::Domain(DomainError::Stale { current }) => {
                UiError::Refused(vec![FieldError::new("", Reason::Stale { current })])
            }
            ApiError::Domain(DomainError::Throttled { retry_after_secs: seconds }) => {
                UiError::Refused(vec![FieldError::new("", Reason::TryAgainIn { seconds })])
            }
            other => UiError::BadRequest(other.to_string()),
        }
    }
}

impl From<DomainError> for UiError {
    fn from(err: DomainError) -> Self {
        ApiError::from(err).into()
    }
}

impl From<radgestmat_app::Error> for UiError {
    fn from(err: radgestmat_app::Error) -> Self {
        ApiError::from(err).into()
    }
}

/// The marker a failed page leaves for [`pages`].
#[derive(Debug, Clone)]
struct ErrorPage {
    detail: Option<Detail>,
}

/// What went wrong, to say on the error page.
#[derive(Debug, Clone)]
enum Detail {
    Text(String),
    Refusals(Vec<FieldError>),
}

impl Detail {
    fn say(self, tr: &Tr) -> String {
        match self {
            Detail::Text(text) => text,
            Detail::Refusals(all) => {
                let say = |e: &FieldError| match e.field.as_str() {
                    "" => tr.reason(&e.reason),
                    field => format!("{field} : {}", tr.reason(&e.reason)),
                };
                all.iter().map(say).collect::<Vec<_>>().join("; ")
            }
        }
    }
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let status = match &self {
            UiError::NotFound => StatusCode::NOT_FOUND,
            UiError::Forbidden => StatusCode::FORBIDDEN,
            UiError::BadRequest(_) | UiError::Refused(_) => StatusCode::BAD_REQUEST,
            UiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            UiError::Internal(err) => {
                tracing::error!(error = format!("{err:#}"), "page failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let detail = match self {
            UiError::BadRequest(text) => Some(Detail::Text(text)),
            UiError::Refused(all) => Some(Detail::Refusals(all)),
            _ => None,
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPage { detail });
        response
    }
}

/// Makes a refusal from outside the pages (the CSRF layer) show as an error page.
pub fn mark_error_page(response: &mut Response) {
    response.extensions_mut().insert(ErrorPage { detail: None });
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    c: Ctx,
    status: u16,
    detail: Option<String>,
    request_id: String,
}

impl ErrorTemplate {
    fn title(&self) -> String {
        self.c.t(&format!("error-{}-title", self.status))
    }

    fn text(&self) -> String {
        self.c.t(&format!("error-{}-text", self.status))
    }
}

/// Renders the error pages and sets the headers every page of the interface carries: a
/// Content-Security-Policy without `unsafe-inline`, no framing, no sniffing. The API (its
/// problem documents, the Swagger UI) is left as it is.
pub async fn pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with("/api/") || matches!(path.as_str(), "/metrics" | "/healthz" | "/readyz") {
        return next.run(request).await;
    }
    let tr = Tr::new(Tr::negotiate(request.headers()), state.config.utc_offset);
    let request_id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let mut response = next.run(request).await;
    // What an extractor refused before any page ran (`/assets/abc`, a form that is not one)
    // comes as plain text from axum: it becomes the error page too, without its wording.
    let refused_by_axum = (response.status().is_client_error() || response.status().is_server_error())
        && response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/plain"));
    if refused_by_axum && response.extensions().get::<ErrorPage>().is_none() {
        mark_error_page(&mut response);
    }
    if let Some(page) = response.extensions_mut().remove::<ErrorPage>() {
        let status = response.status();
        let known = matches!(status.as_u16(), 400 | 403 | 404 | 500 | 503);
        let detail = page.detail.map(|d| d.say(&tr));
        let template = ErrorTemplate {
            c: Ctx { tr, user: None, here: path.clone(), path },
            status: if known { status.as_u16() } else { 500 },
            detail,
            request_id,
        };
        let body = template.render().unwrap_or_else(|_| status.to_string());
        response = (status, Html(body)).into_response();
    }
    let headers = response.headers_mut();
    let set = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(self), microphone=(), geolocation=()"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

// `wasm-unsafe-eval`: the barcode decoder is WebAssembly (compiling it, not `eval`).
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
