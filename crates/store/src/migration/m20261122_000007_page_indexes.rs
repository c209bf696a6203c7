//! Indexes for the web pages at 100,000 assets: the dashboard's one pass over the assets reads
//! an index instead of the table; its live-alert count too; the alerts inbox walks the alerts
//! newest first instead of sorting them all.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str); 3] = [
    ("assets_dashboard_idx", "assets (status, site_id, model_id, purchase_cost)"),
    ("alerts_live_severity_idx", "alerts (severity) WHERE state <> 'resolved'"),
    ("alerts_opened_at_idx", "alerts (opened_at, id)"),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, on) in INDEXES {
            m.get_connection().execute_unprepared(&format!("CREATE INDEX {name} ON {on}")).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            m.get_connection().execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        Ok(())
    }
}
