//! Sites, locations, departments, employees and the catalogue: the same five endpoints each.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use radgestmat_app::{
    App, Categories, CustomFields, Departments, Employees, Locations, Manufacturers, Models, Resource, Sites, Suppliers,
};
use radgestmat_domain::{
    AssetModelFields, CategoryFields, CustomFieldFields, DepartmentFields, EmployeeFields, List, LocationFields,
    ManufacturerFields, Page, SiteFields, Stored, SupplierFields,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Caller, Require, perm};
use crate::error::ApiResult;
use crate::extract::{ApiJson, Id, JsonObject, QueryPairs};

/// The five endpoints of each kind, in a module named after it, and [`routes`] for them all.
macro_rules! reference_api {
    ($($module:ident: $resource:ident, $fields:ident, $list:literal, $item:literal, $tag:literal;)*) => {
        $(reference_api!(@kind $module, $resource, $fields, $list, $item, $tag);)*

        /// The routes of every kind.
        pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
            router
                $(.routes(routes!($module::list, $module::create))
                .routes(routes!($module::get, $module::update, $module::delete)))*
        }
    };
    (@kind $module:ident, $resource:ident, $fields:ident, $list:literal, $item:literal, $tag:literal) => {
        pub mod $module {
            use super::*;

            /// List, search (`q`), filter and sort.
            #[utoipa::path(get, path = $list, tag = $tag, params(List<<$resource as Resource>::Filter>),
                                responses((status = 200, description = "One page", body = Page<Stored<$fields>>)))]
            pub async fn list(
                Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
                State(app): State<App>,
                query: QueryPairs,
            ) -> ApiResult<Json<Page<Stored<$fields>>>> {
                let query = query.list()?;
                Ok(Json(app.list::<$resource>(&actor, &query).await?))
            }

            #[utoipa::path(get, path = $item, tag = $tag, params(("id" = i64, Path)),
                                responses((status = 200, body = Stored<$fields>)))]
            pub async fn get(
                Require(Caller { actor, .. }, _): Require<perm::ReadInventory>,
                State(app): State<App>,
                Id(id): Id,
            ) -> ApiResult<Json<Stored<$fields>>> {
                Ok(Json(app.get::<$resource>(&actor, id).await?))
            }

            #[utoipa::path(post, path = $list, tag = $tag, request_body = $fields,
                                responses((status = 201, body = Stored<$fields>)))]
            pub async fn create(
                Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
                State(app): State<App>,
                ApiJson(fields): ApiJson<$fields>,
            ) -> ApiResult<(StatusCode, Json<Stored<$fields>>)> {
                Ok((StatusCode::CREATED, Json(app.create::<$resource>(&actor, fields).await?)))
            }

            /// JSON merge patch: absent fields are kept, `null` clears an optional field.
            /// `force=true` (administrators) overrides a safeguard, such as the refusal to
            /// deactivate an employee who still holds equipment.
            #[utoipa::path(patch, path = $item, tag = $tag,
                                params(("id" = i64, Path), ("force" = Option<bool>, Query)), request_body = $fields,
                                responses((status = 200, body = Stored<$fields>)))]
            pub async fn update(
                Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
                State(app): State<App>,
                Id(id): Id,
                query: QueryPairs,
                JsonObject(patch): JsonObject,
            ) -> ApiResult<Json<Stored<$fields>>> {
                let force = query.force()?;
                Ok(Json(app.update::<$resource>(&actor, id, patch, force).await?))
            }

            /// Deletes a record that nothing refers to; 409 names what still does.
            #[utoipa::path(delete, path = $item, tag = $tag, params(("id" = i64, Path)),
                                responses((status = 204, description = "Deleted")))]
            pub async fn delete(
                Require(Caller { actor, .. }, _): Require<perm::ManageInventory>,
                State(app): State<App>,
                Id(id): Id,
            ) -> ApiResult<StatusCode> {
                app.delete::<$resource>(&actor, id).await?;
                Ok(StatusCode::NO_CONTENT)
            }
        }
    };
}

// Every kind of reference record: its module, resource, fields, paths and OpenAPI tag.
reference_api! {
    sites: Sites, SiteFields, "/api/v1/sites", "/api/v1/sites/{id}", "sites";
    locations: Locations, LocationFields, "/api/v1/locations", "/api/v1/locations/{id}", "sites";
    departments: Departments, DepartmentFields, "/api/v1/departments", "/api/v1/departments/{id}", "people";
    employees: Employees, EmployeeFields, "/api/v1/employees", "/api/v1/employees/{id}", "people";
    categories: Categories, CategoryFields, "/api/v1/categories", "/api/v1/categories/{id}", "catalogue";
    manufacturers: Manufacturers, ManufacturerFields, "/api/v1/manufacturers", "/api/v1/manufacturers/{id}", "catalogue";
    models: Models, AssetModelFields, "/api/v1/models", "/api/v1/models/{id}", "catalogue";
    suppliers: Suppliers, SupplierFields, "/api/v1/suppliers", "/api/v1/suppliers/{id}", "catalogue";
    custom_fields: CustomFields, CustomFieldFields, "/api/v1/custom-fields", "/api/v1/custom-fields/{id}", "catalogue";
}
