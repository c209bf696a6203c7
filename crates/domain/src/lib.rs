//! RadGestMat domain: the types and rules of equipment management, free of I/O.
//!
//! Everything that crosses the HTTP edge is parsed into these types first; the store and the web
//! layers share them so that a rule (a validation, a permission) lives in exactly one place.

/// `ALL`, `as_str` and `parse` for an enum whose values travel as snake_case names.
macro_rules! names {
    ($type:ty { $($variant:ident = $name:literal),+ $(,)? }) => {
        impl $type {
            pub const ALL: &'static [$type] = &[$(<$type>::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(<$type>::$variant => $name),+ }
            }

            pub fn parse(text: &str) -> Option<$type> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

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
pub use audit::{Actor, ActorKind, AuditAnchor, AuditEntry, AuditVerification, changes, snapshot};
pub use catalogue::{AssetModelFields, CategoryFields, ManufacturerFields, SupplierFields};
pub use error::{DomainError, FieldError};
pub use jobs::{JobState, JobView};
pub use notifications::{DIGEST_LIST, EmailText, Language, alert_email, test_email};
pub use organisation::{DepartmentFields, EmployeeFields, LocationFields, SiteFields, SiteKind};
pub use page::{DEFAULT_LIMIT, ListQuery, MAX_LIMIT, Page};
pub use role::{Permission, Role};
pub use settings::{NotificationSettings, NotificationSettingsView, SecretState, SettingsSource, SmtpSecurity};
pub use text::fold;
pub use users::{NewUser, Password, UserFields, UserPatch, UserView, Username};
pub use validate::{Validate, Violations};

/// A stored record: its id and timestamps around the fields a client writes.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Stored<T> {
    pub id: i64,
    #[serde(flatten)]
    pub fields: T,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}
