//! The JSON API under `/api/v1` and its OpenAPI document.

pub mod alerts;
pub mod assets;
pub mod assignments;
pub mod audit;
pub mod health;
pub mod imports;
pub mod jobs;
pub mod labels;
pub mod openapi;
pub mod reference;
pub mod session;
pub mod settings;
pub mod users;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use openapi::ApiDoc;

/// Every API route, with its OpenAPI description gathered from the handlers.
pub fn router() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(session::login))
        .routes(routes!(session::logout))
        .routes(routes!(session::me))
        .routes(routes!(session::change_password))
        .routes(routes!(session::create_token, session::list_tokens))
        .routes(routes!(session::revoke_token))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::get, users::update))
        .routes(routes!(users::list_tokens))
        .routes(routes!(users::revoke_token))
        .routes(routes!(assets::list, assets::create, assets::bulk_update))
        .routes(routes!(assets::get, assets::update, assets::delete))
        .routes(routes!(assets::by_tag))
        .routes(routes!(labels::pdf))
        .routes(routes!(assignments::check_out))
        .routes(routes!(assignments::check_out_by_tag))
        .routes(routes!(assignments::check_in))
        .routes(routes!(assignments::check_in_by_tag))
        .routes(routes!(assignments::mark_lost))
        .routes(routes!(assignments::check_out_kit))
        .routes(routes!(assignments::check_in_everything))
        .routes(routes!(assignments::held_by_employee))
        .routes(routes!(assignments::mine))
        .routes(routes!(assignments::acknowledge_receipt))
        .routes(routes!(assignments::report_problem))
        .routes(routes!(assignments::list))
        .routes(routes!(assets::audit))
        .routes(routes!(alerts::list))
        .routes(routes!(alerts::get))
        .routes(routes!(alerts::acknowledge))
        .routes(routes!(alerts::resolve))
        .routes(routes!(alerts::scan))
        .routes(routes!(alerts::rules))
        .routes(routes!(alerts::update_rule))
        .routes(routes!(settings::get, settings::update, settings::reset))
        .routes(routes!(settings::test))
        .routes(routes!(jobs::list))
        .routes(routes!(jobs::get))
        .routes(routes!(audit::asset_history))
        .routes(routes!(audit::list))
        .routes(routes!(audit::verify))
        .routes(routes!(audit::export));
    reference::routes(router).merge(imports::routes())
}
