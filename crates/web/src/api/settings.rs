//! Settings an administrator changes in the application: where notifications go.

use axum::Json;
use axum::extract::State;
use radgestmat_domain::{NotificationSettings, NotificationSettingsView};
use radgestmat_store::Store;

use crate::auth::{Require, perm};
use crate::error::ApiResult;
use crate::extract::ApiJson;

/// The notification settings in force: those saved here, or `source: environment` when the
/// server's variables apply. Secrets appear only as their state.
#[utoipa::path(get, path = "/api/v1/settings/notifications", tag = "settings",
    responses((status = 200, body = NotificationSettingsView)))]
pub async fn get(
    Require(_me, actor, ..): Require<perm::ManageUsers>,
    State(store): State<Store>,
) -> ApiResult<Json<NotificationSettingsView>> {
    Ok(Json(store.notification_settings(&actor).await?))
}

/// Saves the notification settings (they replace the server's variables). A secret left out
/// stays as it was; an empty one is removed. Secrets are stored encrypted with the secret key.
#[utoipa::path(put, path = "/api/v1/settings/notifications", tag = "settings",
    request_body = NotificationSettings, responses((status = 200, body = NotificationSettingsView)))]
pub async fn update(
    Require(_me, actor, ..): Require<perm::ManageUsers>,
    State(store): State<Store>,
    ApiJson(settings): ApiJson<NotificationSettings>,
) -> ApiResult<Json<NotificationSettingsView>> {
    Ok(Json(store.update_notification_settings(&actor, settings).await?))
}

/// Forgets the saved settings: the server's variables apply again.
#[utoipa::path(delete, path = "/api/v1/settings/notifications", tag = "settings",
    responses((status = 200, body = NotificationSettingsView)))]
pub async fn reset(
    Require(_me, actor, ..): Require<perm::ManageUsers>,
    State(store): State<Store>,
) -> ApiResult<Json<NotificationSettingsView>> {
    Ok(Json(store.clear_notification_settings(&actor).await?))
}
