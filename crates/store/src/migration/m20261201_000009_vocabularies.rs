//! The database refuses a status, role, kind or state the code does not know: every vocabulary
//! column accepts only the names listed here (NULL passes where the column is nullable). The
//! lists are this version's, written out: a later version that adds a value widens its column in
//! a migration of its own, and a test compares these guards with the code's enums.

use sea_orm_migration::prelude::*;

use crate::dialect;

#[derive(DeriveMigrationName)]
pub struct Migration;

const ALERT_KINDS: &[&str] = &[
    "loan_due_soon",
    "loan_overdue",
    "warranty_expiring",
    "warranty_expired",
    "audit_due",
    "in_repair_too_long",
    "lost_asset",
];
const SEVERITIES: &[&str] = &["info", "warning", "critical"];

const GUARDS: &[(&str, &str, &[&str])] = &[
    ("sites", "kind", &["head_office", "warehouse", "store"]),
    ("users", "role", &["admin", "it", "reception", "direction", "employee"]),
    ("users", "language", &["fr", "en"]),
    ("assets", "status", &["in_stock", "assigned", "in_repair", "lost", "retired"]),
    ("assignments", "condition", &["ok", "damaged", "broken"]),
    ("assignments", "outcome", &["returned", "lost"]),
    ("alerts", "kind", ALERT_KINDS),
    ("alerts", "severity", SEVERITIES),
    ("alerts", "state", &["open", "acknowledged", "resolved"]),
    ("alerts", "resolution", &["auto", "manual"]),
    ("alert_rules", "kind", ALERT_KINDS),
    ("alert_rules", "severity", SEVERITIES),
    ("jobs", "kind", &["alert_scan", "alert_check", "notify_email", "notify_webhook", "backup"]),
    ("jobs", "state", &["queued", "running", "succeeded", "failed"]),
    ("audit_entries", "actor_kind", &["user", "token", "system", "anonymous"]),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, names) in GUARDS {
            dialect::allow_only(m, table, column, names).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, _) in GUARDS {
            dialect::drop_allow_only(m, table, column).await?;
        }
        Ok(())
    }
}
