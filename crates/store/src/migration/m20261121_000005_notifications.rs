//! Notifications: each site's IT contacts, who hear of its alerts. Alerts opened before
//! notifications existed count as notified, so that the first dispatch does not mail a backlog.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A JSON array of e-mail addresses.
        let contacts = text("it_contacts").default("[]").take();
        m.alter_table(Table::alter().table("sites").add_column(contacts).take()).await?;
        m.get_connection()
            .execute_unprepared("UPDATE alerts SET notified_at = opened_at WHERE notified_at IS NULL")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("sites").drop_column("it_contacts").take()).await?;
        Ok(())
    }
}
