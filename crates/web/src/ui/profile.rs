//! The signed-in user's own page: their account and their API tokens (a token's secret is shown
//! once, right after it is made).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::NaiveTime;
use radgestmat_app::{NewToken, Owner, TokenInfo};
use radgestmat_domain::{TokenRequest, UserView};

use super::forms::{Errors, Fields};
use super::{Ctx, Ui, UiResult};
use crate::AppState;
use crate::auth::perm;

#[derive(Template)]
#[template(path = "profile/page.html")]
struct ProfilePage {
    c: Ctx,
    me: UserView,
    tokens: Vec<TokenInfo>,
    new_token: Option<NewToken>,
    form: Fields,
    errors: Errors,
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
    Ok(ProfilePage { c: ui.c, me, tokens, new_token, form, errors })
}

pub async fn show(ui: Ui<perm::SignedIn>, State(state): State<AppState>) -> UiResult {
    super::render(&page(&state, ui, None, Fields::default(), Errors::default()).await?)
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
