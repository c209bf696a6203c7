//! Imports: the file brought in (kept until it is committed), what its dry run found, and each
//! row's result with what the commit will do (`plan`, JSON). A job of a new kind checks it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index};
use crate::dialect;

#[derive(DeriveMigrationName)]
pub struct Migration;

const JOB_KINDS: &[&str] = &["alert_scan", "alert_check", "notify_email", "notify_webhook", "backup", "import_check"];

const GUARDS: &[(&str, &str, &[&str])] = &[
    ("imports", "kind", &["assets"]),
    ("imports", "mode", &["create", "update", "upsert"]),
    ("imports", "state", &["queued", "checking", "checked", "committed", "failed"]),
    ("import_rows", "status", &["create", "update", "unchanged", "error"]),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        dialect::reallow(m, "jobs", "kind", JOB_KINDS).await?;
        m.create_table(
            Table::create()
                .table("imports")
                .col(big_pk_auto("id"))
                .col(string("kind"))
                .col(string("mode"))
                .col(boolean("create_missing"))
                .col(string("state"))
                .col(string("file_name"))
                .col(blob_null("file"))
                .col(text("options"))
                .col(text("mapping").default("[]"))
                .col(text("problems").default("[]"))
                .col(big_integer_null("rows"))
                .col(big_integer("done").default(0))
                .col(big_integer("to_create").default(0))
                .col(big_integer("to_update").default(0))
                .col(big_integer("unchanged").default(0))
                .col(big_integer("errors").default(0))
                .col(big_integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("checked_at"))
                .col(timestamp_with_time_zone_null("committed_at"))
                .foreign_key(&mut fk("imports", "created_by", "users"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("import_rows")
                .col(big_pk_auto("id"))
                .col(big_integer("import_id"))
                .col(big_integer("line"))
                .col(string("status"))
                .col(string_null("asset_tag"))
                .col(text_null("plan"))
                .col(text_null("errors"))
                .foreign_key(&mut fk("import_rows", "import_id", "imports").on_delete(ForeignKeyAction::Cascade).take())
                .take(),
        )
        .await?;
        m.create_index(index("import_rows", &["import_id", "status", "line"], false)).await?;
        for (table, column, names) in GUARDS {
            dialect::allow_only(m, table, column, names).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("import_rows").to_owned()).await?;
        m.drop_table(Table::drop().table("imports").to_owned()).await?;
        let jobs = Query::delete().from_table("jobs").and_where(Expr::col("kind").eq("import_check")).to_owned();
        m.exec_stmt(jobs).await?;
        dialect::reallow(m, "jobs", "kind", &JOB_KINDS[..JOB_KINDS.len() - 1]).await
    }
}
