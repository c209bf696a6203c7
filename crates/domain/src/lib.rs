//! RadGestMat domain: the types and rules of equipment management, free of I/O.
//!
//! Everything that crosses the HTTP edge is parsed into these types first; the store and the web
//! layers share them so that a rule (a validation, a permission) lives in exactly one place.

#[macro_use]
mod vocabulary;
#[macro_use]
pub mod page;
mod params;
mod reason;

mod alerts;
mod assets;
mod assignments;
mod audit;
mod bulk;
mod catalogue;
mod custom_fields;
mod error;
mod import_plans;
mod imports;
mod jobs;
pub mod json;
mod labels;
mod lifecycle;
mod notifications;
mod organisation;
mod role;
#[cfg(test)]
mod schema_limits;
mod settings;
mod text;
mod typed;
mod users;
mod validate;

pub use alerts::{
    AlertFilter, AlertKind, AlertRule, AlertRuleView, AlertSort, AlertState, AlertView, AuditAsset, Message,
    MessageFacts, ReportProblem, Resolution, ResolveAlert, Severity,
};
pub use assets::{
    AssetFields, AssetFilter, AssetSort, AssetStatus, AssetTag, AssetView, CurrentAssignment, MAX_COST,
    site_at_location,
};
pub use assignments::{
    AssignmentFilter, AssignmentSort, AssignmentView, CheckIn, CheckOut, Condition, Due, Holder, KitCheckOut, MarkLost,
    Outcome, overdue,
};
pub use audit::{
    Actor, ActorKind, AuditAction, AuditAnchor, AuditEntry, AuditFilter, AuditVerification, changes, snapshot,
};
pub use bulk::{BULK_ASSETS_MAX, BulkChange, BulkEdit, BulkReport, BulkSet};
pub use catalogue::{AssetModelFields, CategoryFields, ManufacturerFields, ModelFilter, SupplierFields};
pub use custom_fields::{
    CUSTOM_TEXT_MAX, CustomFieldFields, CustomFieldFilter, CustomFormat, CustomKind, CustomValues, check_custom,
    filter_values,
};
pub use error::{DomainError, FieldError};
pub use import_plans::{
    AssetPlan, EmployeePlan, Existing, LocationPlan, ModelImport, ModelPlan, Named, Plan, UserPlan,
};
pub use imports::{
    ColumnUse, CommitImport, DateOrder, ImportCheck, ImportCounts, ImportKind, ImportMode, ImportOptions,
    ImportRowFilter, ImportRowView, ImportState, ImportView, RowError, RowStatus,
};
pub use jobs::{
    AlertCheck, AlertScan, Backup, Email, JobFilter, JobKind, JobPayload, JobState, JobView, ScanReason, Scheduled,
    WebhookCall,
};
pub use labels::{LabelLayout, Symbology};
pub use lifecycle::{Record, TRANSITIONS, Transition, Via};
pub use notifications::{DIGEST_LIST, EmailText, Language, alert_email, test_email};
pub use organisation::{
    ByName, DepartmentFields, EmployeeFields, EmployeeFilter, EmployeeSort, LocationFields, LocationFilter, NameSort,
    SiteFields, SiteFilter, SiteKind, SiteSort,
};
pub use page::{DEFAULT_LIMIT, Filter, IdSort, List, MAX_LIMIT, Page, Unfiltered};
pub use params::{DayOrInstant, Param, ParamValue};
pub use reason::{Arg, Reason, Term};
pub use role::{Need, Permission, Role};
pub use settings::{NotificationSettings, NotificationSettingsView, SecretState, SettingsSource, SmtpSecurity};
pub use text::{fold, name_order};
pub use typed::{YEARS, parse_day, parse_money, plausible_day, plausible_instant};
pub use users::{
    Credential, NewUser, Password, PasswordChange, TokenRequest, UserFields, UserFilter, UserPatch, UserSort, UserView,
    Username,
};
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
