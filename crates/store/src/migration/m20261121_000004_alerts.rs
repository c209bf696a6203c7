//! The background work: the job queue, the alerts the scan raises and the settings of the alert
//! rules; on assets, when they were last audited and since when they have their status.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("jobs")
                .col(big_pk_auto("id"))
                .col(string("kind"))
                .col(text("payload"))
                // A scheduled run's `task@tick`: every node may enqueue it, only one row lands.
                .col(string_null("unique_key"))
                .col(string("state"))
                .col(integer("attempts").default(0))
                .col(integer("max_attempts"))
                .col(timestamp_with_time_zone("run_at"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(string_null("locked_by"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("started_at"))
                .col(timestamp_with_time_zone_null("finished_at"))
                .take(),
        )
        .await?;
        m.create_index(index("jobs", &["unique_key"], true)).await?;
        m.create_index(index("jobs", &["state", "run_at"], false)).await?;

        m.create_table(
            Table::create()
                .table("alerts")
                .col(big_pk_auto("id"))
                .col(string("kind"))
                .col(string("severity"))
                .col(string("state"))
                // The assignment for loan alerts, the asset for the others.
                .col(big_integer("subject_id"))
                .col(big_integer("asset_id"))
                .col(big_integer_null("assignment_id"))
                .col(big_integer_null("site_id"))
                .col(timestamp_with_time_zone_null("reference_at"))
                .col(date_null("reference_date"))
                .col(timestamp_with_time_zone("opened_at"))
                .col(timestamp_with_time_zone_null("acknowledged_at"))
                .col(big_integer_null("acknowledged_by"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .col(big_integer_null("resolved_by"))
                .col(string_null("resolution"))
                .col(text_null("resolution_note"))
                // When the condition stopped holding. Until then a manually resolved alert still
                // stands for its condition, so the scan does not open it again.
                .col(timestamp_with_time_zone_null("cleared_at"))
                .col(timestamp_with_time_zone_null("notified_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("alerts_asset_id_fkey")
                        .from("alerts", "asset_id")
                        .to("assets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        let db = m.get_connection();
        // At most one alert per rule and subject whose condition still holds.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX alerts_live_key ON alerts (kind, subject_id) WHERE cleared_at IS NULL",
        )
        .await?;
        db.execute_unprepared("CREATE INDEX alerts_unnotified_idx ON alerts (id) WHERE notified_at IS NULL").await?;
        m.create_index(index("alerts", &["state", "id"], false)).await?;
        m.create_index(index("alerts", &["asset_id"], false)).await?;

        // Only the rules an administrator changed have a row; the others use their defaults.
        m.create_table(
            Table::create()
                .table("alert_rules")
                .col(string("kind").primary_key())
                .col(boolean("enabled"))
                .col(big_integer("threshold"))
                .col(string("severity"))
                .col(text("recipients"))
                .col(boolean("notify_borrower"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;

        for column in [timestamp_with_time_zone_null("last_audit_at"), timestamp_with_time_zone_null("status_since")] {
            m.alter_table(Table::alter().table("assets").add_column(column).take()).await?;
        }
        db.execute_unprepared("UPDATE assets SET status_since = updated_at").await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["status_since", "last_audit_at"] {
            m.alter_table(Table::alter().table("assets").drop_column(column).take()).await?;
        }
        for table in ["alert_rules", "alerts", "jobs"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
