//! The JSON API under `/api/v1` and its OpenAPI document.

pub mod alerts;
pub mod assets;
pub mod assignments;
pub mod audit;
pub mod health;
pub mod jobs;
pub mod reference;
pub mod session;
pub mod settings;
pub mod users;

use utoipa::OpenApi;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{RefOr, ResponseBuilder, content::ContentBuilder};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::Problem;

#[derive(OpenApi)]
#[openapi(
    info(title = "RadGestMat API", description = "Equipment management: assets, check-out and check-in, people, catalogue, users. \
        Errors are RFC 9457 problem documents. Authenticate with the session cookie from \
        `POST /api/v1/auth/login` or `Authorization: Bearer <token>` from `POST /api/v1/me/tokens`."),
    components(schemas(Problem)),
    security(("bearer" = []), ("cookie" = [])),
    tags(
        (name = "assets", description = "The asset register"),
        (name = "assignments", description = "Check-out and check-in, loans, what people hold"),
        (name = "sites", description = "Sites and locations"),
        (name = "people", description = "Departments and employees"),
        (name = "catalogue", description = "Categories, manufacturers, models, suppliers"),
        (name = "users", description = "User accounts and roles"),
        (name = "session", description = "Login, logout, own account, API tokens"),
        (name = "alerts", description = "Alerts the background scan raises, their lifecycle, the rules' settings"),
        (name = "settings", description = "Notification channels set in the application, secrets encrypted"),
        (name = "audit", description = "The append-only, hash-chained audit log"),
        (name = "operations", description = "Health probes, background jobs"),
    )
)]
struct ApiDoc;

/// Adds the security schemes, and the problem responses every operation can give, to the
/// document once all routes are in it.
pub fn complete(openapi: &mut utoipa::openapi::OpenApi) {
    {
        let components = openapi.components.get_or_insert_default();
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components
            .add_security_scheme("cookie", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("rgm_session"))));
        let problem = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("Problem"))))
                        .build(),
                )
                .build()
        };
        let standard = [
            ("400", "Malformed request (JSON, query string, path)"),
            ("401", "Authentication required"),
            ("403", "The role lacks the permission"),
            ("404", "Not found"),
            ("409", "Conflict with the current state (duplicate, still in use)"),
            ("413", "Body too large"),
            ("415", "Body is not JSON"),
            ("422", "Invalid values, one entry per field"),
            ("500", "Internal error (logged with the request id)"),
        ];
        for item in openapi.paths.paths.values_mut() {
            let operations: [&mut Option<Operation>; 5] =
                [&mut item.get, &mut item.post, &mut item.patch, &mut item.put, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                for (code, description) in standard {
                    operation
                        .responses
                        .responses
                        .entry(code.to_owned())
                        .or_insert_with(|| RefOr::T(problem(description)));
                }
            }
        }
    }
}

/// Every API route, with its OpenAPI description gathered from the handlers.
pub fn router() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(session::login))
        .routes(routes!(session::logout))
        .routes(routes!(session::me))
        .routes(routes!(session::create_token, session::list_tokens))
        .routes(routes!(session::revoke_token))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::get, users::update))
        .routes(routes!(users::list_tokens))
        .routes(routes!(users::revoke_token))
        .routes(routes!(assets::list, assets::create))
        .routes(routes!(assets::get, assets::update, assets::delete))
        .routes(routes!(assets::by_tag))
        .routes(routes!(assignments::check_out))
        .routes(routes!(assignments::check_out_by_tag))
        .routes(routes!(assignments::check_in))
        .routes(routes!(assignments::check_in_by_tag))
        .routes(routes!(assignments::mark_lost))
        .routes(routes!(assignments::check_out_kit))
        .routes(routes!(assignments::check_in_everything))
        .routes(routes!(assignments::held_by_employee))
        .routes(routes!(assignments::mine))
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
    reference::routes(router)
}
