//! RadGestMat's application layer. The web pages, the API, the worker and the command line call
//! one [`App`]: it holds the store and the services outside the database (the notification
//! channels today), decides who may do what (one place: [`App::require`], on the domain's role
//! matrix, every refusal audited), and owns the use cases that need more than one transaction
//! or any I/O besides the database. The store stays the transactional repository; the web crate
//! does not even depend on it, and an `App` does not hand it out: whoever assembles the app (the
//! binary, the tests) gets the store beside it, for the worker's queue and the maintenance commands.

mod alerts;
mod assignments;
mod error;
mod imports;
mod inventory;
mod labels;
mod notifiers;
mod notify;
mod records;
mod sessions;
mod settings;
mod users;

use std::sync::Arc;

use radgestmat_domain::{Actor, AuditAction, Need, Permission};
use radgestmat_store::{Store, StoreOptions};

pub use alerts::{BULK_MAX, Handled, Handling, Selection};
pub use error::{Error, Result};
pub use imports::{MAX_IMPORT_BYTES, import_fields};
pub use labels::{LabelOptions, MAX_LABELS};
pub use notify::{DELIVERY_HEADER, Notifier, NotifyOptions, SIGNATURE_HEADER, signature};
/// The fields a column of an asset file can fill.
pub use sessions::{IP_LOCK, IP_MAX_FAILURES, Owner};

/// What the callers see of the store's types: records and markers, never the store itself.
pub use radgestmat_store::reference_data::*;
pub use radgestmat_store::{
    AssetRef, Dashboard, Dispatch, Gauges, LoginAttempt, Names, NewImport, NewToken, Principal, Resource, SecretKey,
    Slice, TokenInfo,
};

/// The application. Cheap to clone.
#[derive(Clone)]
pub struct App {
    store: Store,
    sessions: Arc<sessions::Sessions>,
    notifiers: Arc<notifiers::Notifiers>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("store", &self.store).finish_non_exhaustive()
    }
}

/// Assembles the application, the same way for `serve`, `worker`, the command line and the tests.
pub struct AppBuilder {
    database_url: String,
    options: StoreOptions,
    notify: NotifyOptions,
}

impl AppBuilder {
    pub fn new(database_url: impl Into<String>, options: StoreOptions) -> AppBuilder {
        AppBuilder { database_url: database_url.into(), options, notify: NotifyOptions::default() }
    }

    /// Where notifications go unless an administrator saved settings in the application.
    pub fn notifications(mut self, notify: NotifyOptions) -> AppBuilder {
        self.notify = notify;
        self
    }

    /// Connects to the database, applies the migrations and seals the stored secrets again when
    /// the secret key changed (a planned rotation). Gives the application and, for the worker's
    /// queue and the maintenance commands (backup, restore, demo data, the audit chain), its store.
    pub async fn build(self) -> anyhow::Result<(App, Store)> {
        let environment = Notifier::new(&self.notify)?;
        let store = Store::connect(&self.database_url, self.options).await?;
        store.migrate().await?;
        let resealed = store.reseal_secrets().await?;
        if resealed > 0 {
            tracing::info!(resealed, "secrets sealed again with the new secret key");
        }
        let app = App {
            store: store.clone(),
            sessions: Arc::default(),
            notifiers: Arc::new(notifiers::Notifiers::new(environment)),
        };
        Ok((app, store))
    }
}

impl App {
    /// The same application sending, unless settings are saved, through `notifier` (a worker
    /// with other channels; the tests' SMTP server).
    pub fn with_notifier(&self, notifier: Notifier) -> App {
        App { notifiers: Arc::new(notifiers::Notifiers::new(notifier)), ..self.clone() }
    }

    /// Checks that `actor` may `permission`: a role that cannot use this at all. The refusal is
    /// recorded in the audit log (`auth.permission_denied`, with the endpoint), then answered.
    pub async fn authorize(&self, actor: &Actor, permission: Permission) -> Result<()> {
        self.require(actor, Need::of(permission)).await
    }

    /// Checks a need of a use case; the one place where a permission is enforced. A need with a
    /// reason is a detail of a request the role may otherwise make (a backdated check-out, an
    /// alert of another kind): refused with that reason, not recorded as a probe.
    pub async fn require(&self, actor: &Actor, need: Need) -> Result<()> {
        if actor.may(need.permission) {
            return Ok(());
        }
        // Recorded once a minute per caller, endpoint and permission on a node (a loop of
        // refused calls is counted, not written in full each time).
        let endpoint = actor.endpoint.as_deref().unwrap_or_default();
        if need.why.is_none() && self.sessions.first_denial(actor.user_id, endpoint, need.permission) {
            let role = actor.role.map(|r| r.as_str());
            tracing::info!(user_id = actor.user_id, role, permission = %need.permission, "permission denied");
            let details =
                serde_json::json!({ "endpoint": actor.endpoint, "role": role, "permission": need.permission });
            self.store.record_event(actor, AuditAction::AuthPermissionDenied, details).await?;
        }
        Err(Error::Denied { permission: need.permission, why: need.why })
    }

    async fn require_all(&self, actor: &Actor, needs: Vec<Need>) -> Result<()> {
        for need in needs {
            self.require(actor, need).await?;
        }
        Ok(())
    }
}

/// The user id of a signed-in actor (every caller of an own-account use case is one).
fn user_of(actor: &Actor) -> Result<i64> {
    actor.user_id.ok_or_else(|| anyhow::anyhow!("{} is not a user account", actor.name).into())
}
