//! Settings an administrator changes in the application: where notifications go.

use axum::Json;
use axum::extract::State;
use radgestmat_app::App;
use radgestmat_domain::{NotificationSettings, NotificationSettingsView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{Caller, Require, perm};
use crate::error::ApiResult;
use crate::extract::ApiJson;

/// The notification settings in force: those saved here, or `source: environment` when the
/// server's variables apply. Secrets appear only as their state.
#[utoipa::path(get, path = "/api/v1/settings/notifications", tag = "settings",
    responses((status = 200, body = NotificationSettingsView)))]
pub async fn get(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
) -> ApiResult<Json<NotificationSettingsView>> {
    Ok(Json(app.notification_settings(&actor).await?))
}

/// Saves the notification settings (they replace the server's variables). A secret left out
/// stays as it was; an empty one is removed. Secrets are stored encrypted with the secret key.
#[utoipa::path(put, path = "/api/v1/settings/notifications", tag = "settings",
    request_body = NotificationSettings, responses((status = 200, body = NotificationSettingsView)))]
pub async fn update(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
    ApiJson(settings): ApiJson<NotificationSettings>,
) -> ApiResult<Json<NotificationSettingsView>> {
    Ok(Json(app.update_notification_settings(&actor, settings).await?))
}

/// Forgets the saved settings: the server's variables apply again.
#[utoipa::path(delete, path = "/api/v1/settings/notifications", tag = "settings",
    responses((status = 200, body = NotificationSettingsView)))]
pub async fn reset(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
) -> ApiResult<Json<NotificationSettingsView>> {
    Ok(Json(app.clear_notification_settings(&actor).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestEmail {
    /// Who receives the test e-mail.
    #[schema(example = "parc@magasin.tn")]
    pub to: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TestEmailSent {
    pub sent_to: String,
}

/// Sends a test e-mail now with the saved settings; a refusal by the SMTP server is a 502
/// problem carrying its answer. Audited either way.
#[utoipa::path(post, path = "/api/v1/settings/notifications/test", tag = "settings", request_body = TestEmail,
    responses((status = 200, body = TestEmailSent),
        (status = 502, description = "The SMTP server refused; `detail` holds its answer", body = crate::error::Problem)))]
pub async fn test(
    Require(Caller { actor, .. }, _): Require<perm::ManageUsers>,
    State(app): State<App>,
    ApiJson(request): ApiJson<TestEmail>,
) -> ApiResult<Json<TestEmailSent>> {
    app.send_test_email(&actor, &request.to).await?;
    Ok(Json(TestEmailSent { sent_to: request.to }))
}
