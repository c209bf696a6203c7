//! Extractors that turn every malformed input into a problem document naming the field.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, request::Parts};
use radgestmat_domain::{DomainError, Filter, List, Reason, json};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Largest accepted JSON body.
pub const BODY_LIMIT: usize = 256 * 1024;

/// A JSON body decoded into `T`: 415 without a JSON content type, 400 for broken JSON, 413 when
/// too large, 422 naming the field for a wrong type, a missing or an unknown field.
pub struct ApiJson<T>(pub T);

/// The raw JSON object of a merge patch, checked to be JSON but not yet decoded.
pub struct JsonObject(pub serde_json::Value);

async fn json_value<S: Send + Sync>(req: Request, state: &S) -> Result<serde_json::Value, ApiError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    // Media types and their parameters are case-insensitive (RFC 9110, 8.3.1); JSON is UTF-8.
    let content_type = content_type.to_ascii_lowercase();
    let mut parts = content_type.split(';').map(str::trim);
    let mime = parts.next().unwrap_or("");
    let utf8 =
        parts.all(|p| p.strip_prefix("charset=").is_none_or(|c| matches!(c.trim_matches('"'), "utf-8" | "utf8")));
    let is_json = utf8 && (mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json")));
    if !is_json {
        return Err(ApiError::UnsupportedMediaType);
    }
    let bytes = Bytes::from_request(req, state).await.map_err(|e| match e {
        BytesRejection::FailedToBufferBody(_) => ApiError::TooLarge(BODY_LIMIT),
        other => ApiError::bad_request(None, other.body_text()),
    })?;
    let value = json::parse(&bytes).map_err(|e| ApiError::bad_request(Some("body"), format!("malformed JSON: {e}")))?;
    if !value.is_object() {
        return Err(ApiError::Domain(DomainError::invalid("body", Reason::JsonObject)));
    }
    Ok(value)
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = json_value(req, state).await?;
        Ok(ApiJson(json::decode(value)?))
    }
}

/// A JSON body whose fields are all optional: no body at all means the defaults (a check-in
/// posted by a scanner with nothing to add); a body is decoded as strictly as [`ApiJson`].
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let empty = req.headers().get(header::CONTENT_TYPE).is_none()
            && req.headers().get(header::CONTENT_LENGTH).is_none_or(|v| v.as_bytes() == b"0")
            && req.headers().get(header::TRANSFER_ENCODING).is_none();
        if empty {
            return Ok(OptionalJson(T::default()));
        }
        Ok(OptionalJson(ApiJson::<T>::from_request(req, state).await?.0))
    }
}

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Ok(JsonObject(json_value(req, state).await?))
    }
}

/// The query string as key/value pairs; a query that is not UTF-8 once decoded is a 400.
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    /// The query string as the request of the list of `F`.
    pub fn list<F: Filter>(self) -> Result<List<F>, ApiError> {
        Ok(List::parse(self.0)?)
    }

    /// `force=true` on an update; any other parameter is refused.
    pub fn force(self) -> Result<bool, ApiError> {
        let mut force = false;
        for (key, value) in self.0 {
            force = match (key.as_str(), value.as_str()) {
                ("force", "true" | "1") => true,
                ("force", "false" | "0" | "") => false,
                ("force", _) => return Err(DomainError::invalid("force", Reason::TrueOrFalse).into()),
                _ => return Err(DomainError::invalid(key, Reason::UnknownParameter).into()),
            };
        }
        Ok(force)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let mut pairs = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            pairs.push((decode_component(key)?, decode_component(value)?));
        }
        Ok(QueryPairs(pairs))
    }
}

/// Percent-decodes one query component (`+` is a space); bytes that are not UTF-8 are a 400,
/// not silently replaced.
fn decode_component(text: &str) -> Result<String, ApiError> {
    let bad = || ApiError::bad_request(Some("query"), "the query string is not valid percent-encoded UTF-8");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).ok_or_else(bad)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| bad())
}

/// A numeric id in the path: `/assets/abc` is a 400 naming `id`, not a 500.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(text) = axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::bad_request(Some("id"), e.body_text()))?;
        Ok(Id(record_id("id", &text)?))
    }
}

/// Two numeric ids in the path, the parent's and the record's: `/users/{id}/tokens/{token_id}`;
/// a bad one is a 400 naming it.
pub struct Ids(pub i64, pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Ids {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(params) =
            axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state)
                .await
                .map_err(|e| ApiError::bad_request(Some("id"), e.body_text()))?;
        match params.as_slice() {
            [(parent, a), (child, b)] => Ok(Ids(record_id(parent, a)?, record_id(child, b)?)),
            _ => Err(ApiError::bad_request(Some("id"), "two record ids were expected in the path")),
        }
    }
}

fn record_id(name: &str, text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::bad_request(Some(name), format!("'{text}' is not a record id")))
}
