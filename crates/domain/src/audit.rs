//! The audit log's vocabulary: who acts, and what an entry says.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::{Permission, Role};

vocabulary! {
    /// What kind of actor did something.
    #[derive(Default)]
    pub enum ActorKind: "actor kind" {
        /// A signed-in user (browser session).
        User = "user",
        /// A user through one of their API tokens.
        Token = "token",
        /// The application itself: the command line, a background job.
        System = "system",
        /// Nobody identified yet: a failed login, a refused credential.
        #[default]
        Anonymous = "anonymous",
    }
}

vocabulary! {
    /// What an audit entry records, `entity.verb`. Entries keep their action for ever: a value
    /// may be added, never renamed or removed.
    pub enum AuditAction: "audit action" {
        AssetCreate = "asset.create",
        AssetUpdate = "asset.update",
        AssetRetire = "asset.retire",
        AssetDelete = "asset.delete",
        AssetCheckout = "asset.checkout",
        AssetCheckin = "asset.checkin",
        AssetLost = "asset.lost",
        /// Seen in a physical audit.
        AssetAudit = "asset.audit",
        AssetImport = "asset.import",
        /// Its holder acknowledged receiving it.
        AssetReceived = "asset.received",
        /// Its holder reported a problem with it.
        AssetProblem = "asset.problem",
        AssignmentImport = "assignment.import",
        SiteCreate = "site.create",
        SiteUpdate = "site.update",
        SiteDelete = "site.delete",
        LocationCreate = "location.create",
        LocationUpdate = "location.update",
        LocationDelete = "location.delete",
        DepartmentCreate = "department.create",
        DepartmentUpdate = "department.update",
        DepartmentDelete = "department.delete",
        EmployeeCreate = "employee.create",
        EmployeeUpdate = "employee.update",
        EmployeeDelete = "employee.delete",
        CategoryCreate = "category.create",
        CategoryUpdate = "category.update",
        CategoryDelete = "category.delete",
        ManufacturerCreate = "manufacturer.create",
        ManufacturerUpdate = "manufacturer.update",
        ManufacturerDelete = "manufacturer.delete",
        ModelCreate = "model.create",
        ModelUpdate = "model.update",
        ModelDelete = "model.delete",
        SupplierCreate = "supplier.create",
        SupplierUpdate = "supplier.update",
        SupplierDelete = "supplier.delete",
        CustomFieldCreate = "custom_field.create",
        CustomFieldUpdate = "custom_field.update",
        CustomFieldDelete = "custom_field.delete",
        AlertAcknowledge = "alert.acknowledge",
        AlertResolve = "alert.resolve",
        /// A scan was asked for.
        AlertScan = "alert.scan",
        AlertRuleUpdate = "alert_rule.update",
        UserCreate = "user.create",
        UserUpdate = "user.update",
        UserLogin = "user.login",
        UserLogout = "user.logout",
        TokenCreate = "token.create",
        TokenRevoke = "token.revoke",
        AuthLoginFailed = "auth.login_failed",
        /// A name reached its failure limit.
        AuthLockout = "auth.lockout",
        /// A login was refused because the name or the address is locked out.
        AuthLoginLocked = "auth.login_locked",
        /// A revoked or expired token was presented (once a minute per token at most).
        AuthRevokedTokenUsed = "auth.revoked_token_used",
        AuthExpiredTokenUsed = "auth.expired_token_used",
        AuthPermissionDenied = "auth.permission_denied",
        SettingsNotifications = "settings.notifications",
        SettingsNotificationsTest = "settings.notifications_test",
        /// The stored secrets were sealed again with a new secret key.
        SettingsReseal = "settings.reseal",
        AuditExport = "audit.export",
        /// A file was uploaded for import (its dry run follows).
        ImportCreate = "import.create",
        /// An import was committed; each row has its own entry (`asset.import`).
        ImportCommit = "import.commit",
    }
}

impl AuditAction {
    /// The kind of record the action is about: `asset` for `asset.checkout`.
    pub fn entity(self) -> &'static str {
        self.as_str().split_once('.').map_or(self.as_str(), |(entity, _)| entity)
    }
}

filter! {
    /// Filters of the audit log; `from` and `to` take a day (`2026-11-21`, the whole day) or an
    /// instant.
    pub struct AuditFilter sorted by crate::IdSort {
        /// `asset`, `user`, `site`, …
        entity: Option<String>,
        entity_id: Option<i64>,
        asset_tag: Option<String>,
        actor_id: Option<i64>,
        action: Option<AuditAction>,
        #[param(value_type = Option<String>)]
        from: Option<crate::DayOrInstant>,
        #[param(value_type = Option<String>)]
        to: Option<crate::DayOrInstant>,
    }
}

impl AuditFilter {
    /// The history of one record.
    pub fn of(entity: &str, id: i64) -> AuditFilter {
        AuditFilter { entity: Some(entity.to_owned()), entity_id: Some(id), ..AuditFilter::default() }
    }
}

/// Who acts and from where, as recorded with every change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    pub user_id: Option<i64>,
    pub token_id: Option<i64>,
    /// The username, or the command or job name for `system`.
    pub name: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    /// The user's role; `None` for the system (which may do anything) and anonymous callers.
    pub role: Option<Role>,
    /// The employee the user's account belongs to, if any: what "their own" equipment is.
    pub employee_id: Option<i64>,
    /// The request, as `METHOD /path`, for the record of a refusal.
    pub endpoint: Option<String>,
}

impl Actor {
    /// The application itself, e.g. `Actor::system("cli")` or `Actor::system("demo-data")`.
    pub fn system(name: &str) -> Actor {
        Actor { kind: ActorKind::System, name: name.to_owned(), ..Actor::default() }
    }

    /// Whether this actor holds a permission: a user through their role, the system always.
    pub fn may(&self, permission: Permission) -> bool {
        match self.role {
            Some(role) => role.allows(permission),
            None => self.kind == ActorKind::System,
        }
    }
}

/// One entry of the audit log, as read back.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AuditEntry {
    /// Increases with every entry written.
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_kind: ActorKind,
    pub actor_id: Option<i64>,
    /// Username, or command/job name.
    pub actor_name: String,
    pub token_id: Option<i64>,
    pub action: AuditAction,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub asset_tag: Option<String>,
    /// The changed fields before the change (`null` for a creation).
    pub before: Option<Value>,
    /// The changed fields after the change (`null` for a deletion).
    pub after: Option<Value>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    /// Position in the hash chain, once sealed (within about a second of the change).
    pub seq: Option<i64>,
    /// SHA-256 (hex) of the previous entry's hash and this entry, once sealed.
    pub hash: Option<String>,
}

/// The answer of a walk through the hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AuditVerification {
    /// Every sealed entry matches its hash and the chain has no gap.
    pub ok: bool,
    /// Sealed entries walked.
    pub checked: u64,
    /// Entries written but not sealed yet.
    pub pending: u64,
    /// The id of the first entry whose hash does not match, if any.
    pub first_broken_id: Option<i64>,
}

/// The head of the chain, to keep somewhere else and prove later that nothing before it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AuditAnchor {
    pub seq: i64,
    pub hash: String,
    pub entry_id: i64,
    pub at: DateTime<Utc>,
}

/// The fields that differ between two serialised records: `(before, after)`, objects holding
/// only the changed top-level keys.
pub fn changes(before: &Value, after: &Value) -> (Value, Value) {
    let (Value::Object(old), Value::Object(new)) = (before, after) else {
        return (before.clone(), after.clone());
    };
    let mut was = serde_json::Map::new();
    let mut now = serde_json::Map::new();
    for key in old.keys().chain(new.keys().filter(|k| !old.contains_key(*k))) {
        let (a, b) = (old.get(key).unwrap_or(&Value::Null), new.get(key).unwrap_or(&Value::Null));
        if a != b {
            was.insert(key.clone(), a.clone());
            now.insert(key.clone(), b.clone());
        }
    }
    (Value::Object(was), Value::Object(now))
}

/// A record as a snapshot for a creation or a deletion: its non-null fields.
pub fn snapshot(record: &Value) -> Value {
    match record {
        Value::Object(map) => {
            Value::Object(map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect())
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn changes_keep_only_what_differs() {
        let (before, after) = changes(
            &json!({"name": "Écran", "status": "in_stock", "notes": null}),
            &json!({"name": "Écran 24", "status": "in_stock", "notes": "rayé"}),
        );
        assert_eq!(before, json!({"name": "Écran", "notes": null}));
        assert_eq!(after, json!({"name": "Écran 24", "notes": "rayé"}));
    }

    #[test]
    fn an_action_names_its_entity() {
        assert_eq!(AuditAction::AssetCheckout.entity(), "asset");
        assert_eq!(AuditAction::AlertRuleUpdate.entity(), "alert_rule");
        assert_eq!(AuditAction::parse("asset.checkout"), Ok(AuditAction::AssetCheckout));
    }

    #[test]
    fn snapshots_drop_nulls() {
        assert_eq!(snapshot(&json!({"a": 1, "b": null})), json!({"a": 1}));
    }
}
