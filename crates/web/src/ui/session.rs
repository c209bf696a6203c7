//! Signing in and out, and the language switch.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use radgestmat_app::LoginAttempt;
use radgestmat_domain::{DomainError, Language, Password};

use super::forms::{Fields, QueryFields};
use super::i18n::{LANGUAGE_COOKIE, Tr};
use super::{Ctx, UiError, UiResult};
use crate::AppState;
use crate::api::session::{CLEAR_SESSION, sign_in};
use crate::auth::{Caller, Origin, authenticate, credential};
use crate::client_ip::ClientIp;
use crate::error::ApiError;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Ctx,
    username: String,
    next: String,
    /// Why the last attempt failed, already in the page's language.
    error: Option<String>,
}

/// Where to go after signing in or switching language: a path of this site only.
fn local(next: &str) -> &str {
    super::forms::local_path(next).unwrap_or("/dashboard")
}

fn ctx(state: &AppState, headers: &HeaderMap, next: &str) -> Ctx {
    let tr = Tr::new(Tr::negotiate(headers), state.config.utc_offset);
    Ctx { tr, user: None, path: "/login".into(), here: format!("/login?next={}", super::forms::encode(next)) }
}

pub async fn login_page(State(state): State<AppState>, headers: HeaderMap, QueryFields(q): QueryFields) -> UiResult {
    let next = local(q.get("next"));
    let page = LoginPage { c: ctx(&state, &headers, next), username: String::new(), next: next.into(), error: None };
    super::render(&page)
}

pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Origin(origin): Origin,
    headers: HeaderMap,
    form: Fields,
) -> UiResult {
    let c = ctx(&state, &headers, local(form.get("next")));
    let attempt =
        LoginAttempt { username: form.get("username").to_owned(), password: Password::new(form.get("password")) };
    let next = local(form.get("next")).to_owned();
    let (status, error) = match sign_in(&state, ip, &origin, attempt).await {
        Ok((principal, cookie)) => {
            let mut response = Redirect::to(&next).into_response();
            let h = response.headers_mut();
            h.append(header::SET_COOKIE, cookie);
            // The user's own choice of language follows them to this browser.
            if let Some(language) = principal.language {
                h.append(header::SET_COOKIE, language_cookie(language, state.config.cookie_secure));
            }
            return Ok(response);
        }
        Err(ApiError::Domain(DomainError::BadCredentials)) => (StatusCode::UNAUTHORIZED, c.t("login-failed")),
        // A name slowed down under attack waits seconds; a name locked from this address, minutes.
        Err(ApiError::Domain(DomainError::Throttled { retry_after_secs })) if retry_after_secs < 120 => {
            (StatusCode::TOO_MANY_REQUESTS, c.tr.t1("login-slowed", "seconds", retry_after_secs))
        }
        Err(ApiError::Domain(DomainError::Throttled { retry_after_secs })) => {
            let minutes = retry_after_secs.div_ceil(60);
            (StatusCode::TOO_MANY_REQUESTS, c.tr.t1("login-locked", "minutes", minutes))
        }
        Err(ApiError::Domain(DomainError::Invalid(_))) => (StatusCode::UNAUTHORIZED, c.t("login-failed")),
        Err(err) => return Err(err.into()),
    };
    let page = LoginPage { c, username: form.get("username").to_owned(), next, error: Some(error) };
    super::render_status(status, &page)
}

pub async fn logout(State(state): State<AppState>, parts: axum::http::request::Parts) -> UiResult {
    if let Ok(Caller { actor, .. }) = authenticate(&state.app, &parts).await {
        state.app.logout(&actor, credential(&parts, state.app.secret_key()).as_deref()).await?;
    }
    Ok(([(header::SET_COOKIE, HeaderValue::from_static(CLEAR_SESSION))], Redirect::to("/login")).into_response())
}

/// Switches the interface's language: for this browser (a cookie), and for the user when one
/// is signed in, so that it follows them.
pub async fn language(State(state): State<AppState>, parts: axum::http::request::Parts, form: Fields) -> UiResult {
    let Ok(language) = Language::parse(form.get("language")) else {
        return Err(UiError::BadRequest("language: expected fr or en".into()));
    };
    if let Ok(Caller { actor, .. }) = authenticate(&state.app, &parts).await {
        state.app.set_language(&actor, Some(language)).await?;
    }
    let cookie = language_cookie(language, state.config.cookie_secure);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(local(form.get("next")))).into_response())
}

fn language_cookie(language: Language, secure: bool) -> HeaderValue {
    let cookie = format!(
        "{LANGUAGE_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000{}",
        language.as_str(),
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}
