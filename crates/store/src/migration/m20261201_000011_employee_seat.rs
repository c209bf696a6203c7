//! What an employee does with what they hold: a loan records when its holder acknowledged
//! receiving it, and an alert may be a problem its holder reported (`problem_reported`), with
//! the holder's words. An ended warranty alerts for a window of days now (`threshold`, 30 by
//! default): a stored rule kept 0, which would mean "never", and takes the default.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{text_null, timestamp_with_time_zone_null};

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
    "problem_reported",
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["alerts", "alert_rules"] {
            dialect::reallow(m, table, "kind", ALERT_KINDS).await?;
        }
        let acknowledged = timestamp_with_time_zone_null("acknowledged_at");
        m.alter_table(Table::alter().table("assignments").add_column(acknowledged).to_owned()).await?;
        m.alter_table(Table::alter().table("alerts").add_column(text_null("note")).to_owned()).await?;
        let window = Query::update()
            .table("alert_rules")
            .value("threshold", 30)
            .and_where(Expr::col("kind").eq("warranty_expired"))
            .and_where(Expr::col("threshold").eq(0))
            .to_owned();
        m.exec_stmt(window).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("alerts").drop_column("note").to_owned()).await?;
        m.alter_table(Table::alter().table("assignments").drop_column("acknowledged_at").to_owned()).await?;
        let before = &ALERT_KINDS[..ALERT_KINDS.len() - 1];
        for table in ["alerts", "alert_rules"] {
            let reported =
                Query::delete().from_table(table).and_where(Expr::col("kind").eq("problem_reported")).to_owned();
            m.exec_stmt(reported).await?;
        }
        for table in ["alerts", "alert_rules"] {
            dialect::reallow(m, table, "kind", before).await?;
        }
        Ok(())
    }
}
