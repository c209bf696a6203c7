//! Accounts end cleanly: an employee has at most one user account (the account's page lists
//! what that employee holds, and two accounts would share it); the API tokens of accounts
//! already disabled are revoked, as disabling now does, so that enabling one again revives none;
//! a token refused (revoked or expired) keeps when it was last presented, so that its use is
//! recorded once a minute, not at every request.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::timestamp_with_time_zone_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection().execute_unprepared("CREATE UNIQUE INDEX users_employee_key ON users (employee_id)").await?;
        let disabled = Query::select().column("id").from("users").and_where(Expr::col("disabled").eq(true)).to_owned();
        let revoke = Query::update()
            .table("api_tokens")
            .value("revoked_at", chrono::Utc::now())
            .and_where(Expr::col("revoked_at").is_null())
            .and_where(Expr::col("user_id").in_subquery(disabled))
            .to_owned();
        m.exec_stmt(revoke).await?;
        let refused = timestamp_with_time_zone_null("last_refused_at");
        m.alter_table(Table::alter().table("api_tokens").add_column(refused).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("api_tokens").drop_column("last_refused_at").to_owned()).await?;
        m.get_connection().execute_unprepared("DROP INDEX users_employee_key").await?;
        Ok(())
    }
}
