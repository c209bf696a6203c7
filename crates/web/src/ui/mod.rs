//! The web interface: server-rendered pages (askama) that work without JavaScript, in French or
//! English. Handlers are thin, as in the API: authorise, call the store, render.

mod accounts;
mod admin;
mod alerts;
mod asset_form;
mod assets;
mod audit;
mod bulk;
mod charts;
mod dashboard;
mod desk;
mod employees;
mod errors;
mod exports;
mod forms;
mod history;
pub mod i18n;
mod imports;
mod labels;
mod mine;
mod notifications;
mod profile;
mod scan;
mod session;
mod statics;

use std::marker::PhantomData;

use askama::Template;
use axum::Router;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use radgestmat_app::{App, Names, Principal};
use radgestmat_domain::{Actor, AlertState, AssetStatus, Permission, Role};

pub use errors::{UiError, mark_error_page, pages as error_pages};
pub use imports::upload_limit;

use crate::AppState;
use crate::auth::{Caller, Requirement, authorized, perm};
use crate::error::ApiError;
use crate::export::Kind;
use i18n::Tr;

pub type UiResult<T = Response> = Result<T, UiError>;

/// The pages, for [`crate::app`] to merge with the API.
pub fn router() -> Router<AppState> {
    admin::all_routes(Router::new())
        .route("/", get(|| async { Redirect::to("/dashboard") }))
        .route("/login", get(session::login_page).post(session::login))
        .route("/logout", post(session::logout))
        .route("/language", post(session::language))
        .route("/dashboard", get(dashboard::page))
        .route("/assets", get(assets::list))
        .route("/find", get(assets::find))
        .route("/scan", get(scan::page))
        .route("/scan/{id}/seen", post(scan::seen))
        .route("/assets.csv", get(|ui, app, q| assets::export(ui, app, q, Kind::Csv)))
        .route("/assets.xlsx", get(|ui, app, q| assets::export(ui, app, q, Kind::Xlsx)))
        .route("/labels", get(labels::page))
        .route("/labels.pdf", get(labels::pdf))
        .route("/a/{tag}", get(labels::scanned))
        .route("/assets/bulk", post(bulk::bulk))
        .route("/assets/new", get(asset_form::new_form).post(asset_form::create))
        .route("/assets/{id}", get(assets::detail))
        .route("/assets/{id}/edit", get(asset_form::edit_form).post(asset_form::update))
        .route("/assets/{id}/retire", post(asset_form::retire))
        .route("/assets/{id}/repaired", post(asset_form::repaired))
        .route("/desk/checkout", get(desk::checkout_page).post(desk::checkout))
        .route("/desk/people", get(desk::people))
        .route("/desk/checkin", get(desk::checkin_page).post(desk::checkin))
        .route("/alerts", get(alerts::inbox))
        .route("/alerts.csv", get(|ui, app, q| exports::alerts(ui, app, q, Kind::Csv)))
        .route("/alerts.xlsx", get(|ui, app, q| exports::alerts(ui, app, q, Kind::Xlsx)))
        .route("/employees.csv", get(|ui, app, q| exports::employees(ui, app, q, Kind::Csv)))
        .route("/employees.xlsx", get(|ui, app, q| exports::employees(ui, app, q, Kind::Xlsx)))
        .route("/assignments.csv", get(|ui, app, q| exports::assignments(ui, app, q, Kind::Csv)))
        .route("/assignments.xlsx", get(|ui, app, q| exports::assignments(ui, app, q, Kind::Xlsx)))
        .route("/audit.csv", get(|ui, app, q| exports::audit(ui, app, q, Kind::Csv)))
        .route("/audit.xlsx", get(|ui, app, q| exports::audit(ui, app, q, Kind::Xlsx)))
        .route("/alerts/bulk", post(alerts::bulk))
        .route("/alerts/{id}", get(alerts::detail))
        .route("/alerts/{id}/acknowledge", post(alerts::acknowledge))
        .route("/alerts/{id}/resolve", post(alerts::resolve))
        .route("/alerts/{id}/seen", post(alerts::seen))
        .route("/employees", get(employees::list))
        .route("/employees/{id}", get(employees::detail))
        .route("/employees/{id}/leaver", post(employees::leaver))
        .route("/audit", get(audit::list))
        .route("/mine", get(mine::page))
        .route("/mine/{id}/acknowledge", post(mine::acknowledge))
        .route("/mine/{id}/problem", post(mine::report))
        .route("/profile", get(profile::show))
        .route("/profile/password", post(profile::change_password))
        .route("/profile/tokens", post(profile::create_token))
        .route("/profile/tokens/{id}/revoke", post(profile::revoke_token))
        .route("/imports", get(imports::index).post(imports::upload).layer(imports::upload_limit()))
        .route("/imports/{id}", get(imports::show))
        .route("/imports/{id}/recheck", post(imports::recheck))
        .route("/imports/{id}/commit", post(imports::commit))
        .route("/imports/{id}/errors.csv", get(imports::error_report))
        .route("/admin", get(accounts::index))
        .route("/admin/users", get(accounts::users).post(accounts::create_user))
        .route("/admin/users/{id}", get(accounts::user).post(accounts::update_user))
        .route("/admin/users/{id}/tokens/{token_id}/revoke", post(accounts::revoke_token))
        .route("/admin/alerts", get(accounts::rules))
        .route("/admin/alerts/{kind}", post(accounts::update_rule))
        .route("/admin/notifications", get(notifications::show).post(notifications::save))
        .route("/admin/notifications/reset", post(notifications::reset))
        .route("/admin/notifications/test", post(notifications::test))
        .route("/static/{name}", get(statics::serve))
}

/// What every page's frame needs: the language, who is signed in, where we are.
pub struct Ctx {
    pub tr: Tr,
    pub user: Option<Principal>,
    pub path: String,
    /// The path with its query: where the language switch comes back to.
    pub here: String,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The label of an asset status.
    pub fn status(&self, status: &AssetStatus) -> String {
        self.t(&format!("status-{}", status.as_str()))
    }

    /// The label of an alert's state.
    pub fn alert_state(&self, state: &AlertState) -> String {
        self.t(&format!("alert-state-{}", state.as_str()))
    }

    fn allows(&self, permission: Permission) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.allows(permission))
    }

    pub fn reads_inventory(&self) -> bool {
        self.allows(Permission::ReadInventory)
    }

    /// The account belongs to an employee: "My equipment" is theirs.
    pub fn holds(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.employee_id.is_some())
    }

    pub fn manages(&self) -> bool {
        self.allows(Permission::ManageInventory)
    }

    pub fn checks_out(&self) -> bool {
        self.allows(Permission::CheckOut)
    }

    pub fn reads_audit(&self) -> bool {
        self.allows(Permission::ReadAudit)
    }

    pub fn admin(&self) -> bool {
        self.allows(Permission::ManageUsers)
    }

    pub fn handles_alerts(&self) -> bool {
        self.allows(Permission::HandleAlerts)
    }

    pub fn role_label(&self) -> String {
        self.role().map(|r| self.t(&format!("role-{}", r.as_str()))).unwrap_or_default()
    }

    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    /// `aria-current` for the navigation link to `prefix`.
    pub fn current(&self, prefix: &str) -> &'static str {
        if self.path == prefix || self.path.starts_with(&format!("{prefix}/")) { "page" } else { "false" }
    }

    /// The address of an embedded file, with its version for caching.
    pub fn asset(&self, name: &str) -> String {
        statics::url(name)
    }
}

/// A signed-in user whose page requires `R` (the application decides, refusals audited), with
/// the page frame. Without a session the browser goes to the login page (and comes back after);
/// without the permission it gets the 403 page.
pub struct Ui<R = perm::SignedIn> {
    pub c: Ctx,
    pub actor: Actor,
    pub user: Principal,
    _permission: PhantomData<R>,
}

impl<R: Requirement, S: Send + Sync> FromRequestParts<S> for Ui<R>
where
    AppState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let path = parts.uri.clone();
        match authorized::<R>(&state.app, parts).await {
            Ok(Caller { user, actor }) => {
                let tr = Tr::new(Tr::negotiate(&parts.headers), state.config.utc_offset);
                let here = path.path_and_query().map_or_else(|| path.path().to_owned(), |p| p.as_str().to_owned());
                let c = Ctx { tr, user: Some(user.clone()), path: path.path().to_owned(), here };
                Ok(Ui { c, actor, user, _permission: PhantomData })
            }
            Err(ApiError::Unauthenticated) => {
                let next = path.path_and_query().map_or("/", |p| p.as_str());
                Err(Redirect::to(&format!("/login?next={}", forms::encode(next))).into_response())
            }
            Err(err) => Err(UiError::from(err).into_response()),
        }
    }
}

/// Every record of a small table as `(id, name)` sorted by name: the options of a select.
pub async fn options(app: &App, of: Names) -> UiResult<Vec<(i64, String)>> {
    let mut options: Vec<_> = app.names(of, None).await?.into_iter().collect();
    options.sort_by(|a, b| radgestmat_domain::name_order(&a.1, &b.1));
    Ok(options)
}

/// The locations of one site, for a picker that groups them ("Site — Location").
pub struct SiteLocations {
    pub site_id: i64,
    pub site: String,
    pub locations: Vec<(i64, String)>,
}

/// Every location, grouped by site; sites and locations in name order.
pub async fn locations_by_site(app: &App) -> UiResult<Vec<SiteLocations>> {
    let sites = app.names(Names::Sites, None).await?;
    let mut groups: Vec<SiteLocations> = Vec::new();
    let mut all = app.locations_with_sites().await?;
    let site = |id: &i64| sites.get(id).map_or("", String::as_str);
    all.sort_by(|a, b| {
        radgestmat_domain::name_order(site(&a.1), site(&b.1)).then(radgestmat_domain::name_order(&a.2, &b.2))
    });
    for (id, site_id, name) in all {
        match groups.last_mut() {
            Some(group) if group.site_id == site_id => group.locations.push((id, name)),
            _ => groups.push(SiteLocations { site_id, site: site(&site_id).to_owned(), locations: vec![(id, name)] }),
        }
    }
    Ok(groups)
}

/// Renders a page (200).
pub fn render(page: &impl Template) -> UiResult {
    render_status(StatusCode::OK, page)
}

/// Renders a page with another status: a refused form (422), a conflict (409).
pub fn render_status(status: StatusCode, page: &impl Template) -> UiResult {
    Ok((status, Html(page.render().map_err(|e| UiError::Internal(e.into()))?)).into_response())
}
