//! Check-out and check-in: how an assignment ended, the note given at check-in, where the asset
//! was before it went out (where an `ok` check-in puts it back), and the indexes of the
//! assignment lists and of the overdue-loan look-ups.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time. No foreign keys on the
        // home columns: a check-in falls back to no location when the home one was deleted.
        for column in [
            string_null("outcome"),
            text_null("return_note"),
            big_integer_null("home_site_id"),
            big_integer_null("home_location_id"),
        ] {
            m.alter_table(Table::alter().table("assignments").add_column(column).take()).await?;
        }
        for columns in [&["asset_id", "checked_out_at"][..], &["location_id"], &["checked_out_at"]] {
            m.create_index(index("assignments", columns, false)).await?;
        }
        m.get_connection()
            .execute_unprepared(
                "CREATE INDEX assignments_open_due_idx ON assignments (expected_return_at) WHERE returned_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection().execute_unprepared("DROP INDEX assignments_open_due_idx").await?;
        for name in
            ["assignments_asset_id_checked_out_at_idx", "assignments_location_id_idx", "assignments_checked_out_at_idx"]
        {
            m.drop_index(Index::drop().name(name).table("assignments").to_owned()).await?;
        }
        for column in ["home_location_id", "home_site_id", "return_note", "outcome"] {
            m.alter_table(Table::alter().table("assignments").drop_column(column).take()).await?;
        }
        Ok(())
    }
}
