//! RadGestMat domain: the types and rules of equipment management, free of I/O.
//!
//! Everything that crosses the HTTP edge is parsed into these types first; the store and the web
//! layers share them so that a rule (a validation, a permission) lives in exactly one place.

#[macro_use]
mod vocabulary;

mod alerts;
mod assets;
mod assignments;
mod audit;
mod catalogue;
mod error;
mod jobs;
pub mod json;
mod notifications;
mod organisation;
mod page;
mod role;
mod settings;
mod text;
mod users;
mod validate;

pub use alerts::{
    AlertKind, AlertRule, AlertRuleView, AlertState, AlertView, AuditAsset, Message, MessageFacts, Resolution,
    ResolveAlert, Severity,
};
pub use assets::{AssetFields, AssetStatus, AssetTag, AssetView, CurrentAssignment};
pub use assignments::{
    AssignmentView, CheckIn, CheckOut, Condition, Holder, KitCheckOut, MarkLost, Outcome, overdue, refuse_check_out,
};
pub use audit::{Actor, ActorKind, AuditAction, AuditAnchor, AuditEntry, AuditVerification, changes, snapshot};
pub use catalogue::{AssetModelFields, CategoryFields, ManufacturerFields, SupplierFields};
pub use error::{DomainError, FieldError};
pub use jobs::{
    AlertCheck, AlertScan, Backup, Email, JobKind, JobPayload, JobState, JobView, ScanReason, Scheduled, WebhookCall,
};
pub use notifications::{DIGEST_LIST, EmailText, Language, alert_email, test_email};
pub use organisation::{DepartmentFields, EmployeeFields, LocationFields, SiteFields, SiteKind};
pub use page::{DEFAULT_LIMIT, ListQuery, MAX_LIMIT, Page};
pub use role::{Permission, Role};
pub use settings::{NotificationSettings, NotificationSettingsView, SecretState, SettingsSource, SmtpSecurity};
pub use text::fold;
pub use users::{NewUser, Password, UserFields, UserPatch, UserView, Username};
pub use validate::{Validate, Violations};
pub use vocabulary::{UnknownName, Vocabulary};

/// A stored record: its id and timestamps around the fields a client writes.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Stored<T> {
    pub id: i64,
    #[serde(flatten)]
    pub fields: T,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}
