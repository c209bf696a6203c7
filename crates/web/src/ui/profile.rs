//! The signed-in user's own page: their account and their API tokens (a token's secret is shown
//! once, right after it is made).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect};
use chrono::NaiveTime;
use radgestmat_app::{NewToken, Owner, TokenInfo};
use radgestmat_domain::{Password, PasswordChange, TokenRequest, UserView};

use super::forms::{Errors, Fields, QueryFields};
use super::{Ctx, Ui, UiResult};
use crate::AppState;
use crate::auth::{perm, request_credential, session_cookie};

#[derive(Template)]
#[template(path = "profile/page.html")]
struct ProfilePage {
    c: Ctx,
    me: UserView,
    tokens: Vec<TokenInfo>,
    new_token: Option<NewToken>,
    /// The token form.
    form: Fields,
    errors: Errors,
    /// The password form's refusal.
    password_errors: Errors,
    done: String,
}

async fn page(
    state: &AppState,
    ui: Ui<perm::SignedIn>,
    new_token: Option<NewToken>,
    form: Fields,
    errors: Errors,
) -> UiResult<ProfilePage> {
    let me = state.app.me(&ui.actor).await?;
    let tokens = state.app.list_tokens(&ui.actor, Owner::Me).await?;
    let (password_errors, done) = (Errors::default(), String::new());
    Ok(ProfilePage { c: ui.c, me, tokens, new_token, form, errors, password_errors, done })
}

pub async fn show(ui: Ui<perm::SignedIn>, State(state): State<AppState>, QueryFields(q): QueryFields) -> UiResult {
    let mut page = page(&state, ui, None, Fields::default(), Errors::default()).await?;
    page.done = q.get("done").to_owned();
    super::render(&page)
}

/// One's own new password; the other sessions and the tokens end, this session stays.
pub async fn change_password(
    ui: Ui<perm::SignedIn>,
    State(state): State<AppState>,
    parts: Parts,
    form: Fields,
) -> UiResult {
    let change = PasswordChange {
        current_password: Password::new(form.get("current_password")),
        new_password: Password::new(form.get("new_password")),
    };
    let session = session_cookie(&parts, state.app.secret_key());
    let mut password_errors = Errors::default();
    match state.app.change_my_password(&ui.actor, request_credential(&ui.actor, session.as_deref()), change).await {
        Ok(()) => return Ok(Redirect::to("/profile?done=password").into_response()),
        Err(err) => password_errors.absorb(err)?,
    }
    let mut page = page(&state, ui, None, Fields::default(), Errors::default()).await?;
    page.password_errors = password_errors;
    super::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

pub async fn create_token(ui: Ui<perm::SignedIn>, State(state): State<AppState>, form: Fields) -> UiResult {
    let mut errors = Errors::default();
    let expires = form.date("expires", &mut errors);
    let expires_at = expires
        .and_then(|d| d.and_time(NaiveTime::MIN).and_local_timezone(ui.c.tr.offset).single())
        .map(|t| t.to_utc());
    let mut new_token = None;
    if errors.is_empty() {
        let request = TokenRequest { name: form.get("name").to_owned(), expires_at };
        match state.app.create_token(&ui.actor, request).await {
            Ok(token) => new_token = Some(token),
            Err(err) => errors.absorb(err)?,
        }
    }
    let status = if errors.is_empty() { StatusCode::CREATED } else { StatusCode::UNPROCESSABLE_ENTITY };
    let form = if errors.is_empty() { Fields::default() } else { form };
    super::render_status(status, &page(&state, ui, new_token, form, errors).await?)
}

pub async fn revoke_token(ui: Ui<perm::SignedIn>, State(state): State<AppState>, Path(id): Path<i64>) -> UiResult {
    state.app.revoke_token(&ui.actor, Owner::Me, id).await?;
    Ok(Redirect::to("/profile").into_response())
}
