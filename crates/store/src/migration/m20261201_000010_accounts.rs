//! Accounts end cleanly:
//! - an employee has at most one user account (the account's page lists what that employee
//!   holds, and two accounts would share it). Where two accounts already share one, the oldest
//!   keeps the link and the others lose it, named in the log;
//! - the API tokens of accounts already disabled are revoked, as disabling now does, so that
//!   enabling one again revives none;
//! - a token refused (revoked or expired) keeps when it was last presented, and a locked name
//!   counts the attempts refused during its lock, so that these are recorded once, not at every
//!   request.

use chrono::SubsecRound;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, timestamp_with_time_zone_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        unlink_shared_employees(m).await?;
        m.get_connection().execute_unprepared("CREATE UNIQUE INDEX users_employee_key ON users (employee_id)").await?;
        let disabled = Query::select().column("id").from("users").and_where(Expr::col("disabled").eq(true)).to_owned();
        let revoke = Query::update()
            .table("api_tokens")
            // The precision both databases keep, as the store writes it.
            .value("revoked_at", chrono::Utc::now().trunc_subsecs(6))
            .and_where(Expr::col("revoked_at").is_null())
            .and_where(Expr::col("user_id").in_subquery(disabled))
            .to_owned();
        m.exec_stmt(revoke).await?;
        let refused = timestamp_with_time_zone_null("last_refused_at");
        m.alter_table(Table::alter().table("api_tokens").add_column(refused).to_owned()).await?;
        let mut counted = integer("refused");
        m.alter_table(Table::alter().table("login_throttle").add_column(counted.default(0)).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("login_throttle").drop_column("refused").to_owned()).await?;
        m.alter_table(Table::alter().table("api_tokens").drop_column("last_refused_at").to_owned()).await?;
        m.get_connection().execute_unprepared("DROP INDEX users_employee_key").await?;
        Ok(())
    }
}

/// Where several accounts name one employee, the oldest account keeps the link.
async fn unlink_shared_employees(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let shared = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT u.id, u.username, u.employee_id FROM users u WHERE u.employee_id IS NOT NULL AND EXISTS \
             (SELECT 1 FROM users o WHERE o.employee_id = u.employee_id AND o.id < u.id) ORDER BY u.id",
        ))
        .await?;
    for row in shared {
        let (id, username, employee): (i64, String, i64) =
            (row.try_get("", "id")?, row.try_get("", "username")?, row.try_get("", "employee_id")?);
        tracing::warn!(
            user.id = id,
            username,
            employee_id = employee,
            "this account shared its employee with an older account: its link is removed (one account per employee)"
        );
        let unlink = Query::update()
            .table("users")
            .value("employee_id", Option::<i64>::None)
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        m.exec_stmt(unlink).await?;
    }
    Ok(())
}
