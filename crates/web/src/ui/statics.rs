//! The stylesheet, the script and the icon, embedded in the binary. Pages link them with their
//! content's hash (`/static/app.css?v=…`), so browsers keep them for a year and still see a new
//! version at once.

use std::sync::LazyLock;

use axum::extract::{Path, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::UiError;

struct File {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
    version: String,
}

static FILES: LazyLock<Vec<File>> = LazyLock::new(|| {
    let files: [(&str, &str, &[u8]); 5] = [
        ("app.css", "text/css; charset=utf-8", include_bytes!("../../static/app.css")),
        ("app.js", "text/javascript; charset=utf-8", include_bytes!("../../static/app.js")),
        ("icon.svg", "image/svg+xml", include_bytes!("../../static/icon.svg")),
        // Camera scanning where the browser has no BarcodeDetector (static/vendor/README.md).
        (
            "barcode-detector.js",
            "text/javascript; charset=utf-8",
            include_bytes!("../../static/vendor/barcode-detector.js"),
        ),
        ("zxing_reader.wasm", "application/wasm", include_bytes!("../../static/vendor/zxing_reader.wasm")),
    ];
    files
        .into_iter()
        .map(|(name, content_type, body)| File {
            name,
            content_type,
            body,
            version: hex::encode(&Sha256::digest(body)[..6]),
        })
        .collect()
});

/// `/static/app.css?v=<hash>`.
pub fn url(name: &str) -> String {
    match FILES.iter().find(|f| f.name == name) {
        Some(file) => format!("/static/{name}?v={}", file.version),
        None => format!("/static/{name}"),
    }
}

#[derive(serde::Deserialize)]
pub struct Version {
    v: Option<String>,
}

pub async fn serve(Path(name): Path<String>, Query(query): Query<Version>, headers: HeaderMap) -> Response {
    let Some(file) = FILES.iter().find(|f| f.name == name) else { return UiError::NotFound.into_response() };
    let etag = format!("\"{}\"", file.version);
    let cache =
        if query.v.as_deref() == Some(&file.version) { "public, max-age=31536000, immutable" } else { "no-cache" };
    let not_modified = headers.get(header::IF_NONE_MATCH).is_some_and(|v| v.as_bytes() == etag.as_bytes());
    let mut response = if not_modified { StatusCode::NOT_MODIFIED.into_response() } else { file.body.into_response() };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(file.content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(etag) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, etag);
    }
    response
}
