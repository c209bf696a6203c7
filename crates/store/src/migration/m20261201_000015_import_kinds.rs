//! Imports of employees, locations, models and accounts beside assets: the kinds a file may be,
//! and a row's key, which is no longer always an asset's tag.

use sea_orm_migration::prelude::*;

use crate::dialect;

#[derive(DeriveMigrationName)]
pub struct Migration;

const KINDS: &[&str] = &["assets", "employees", "locations", "models", "users"];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        dialect::reallow(m, "imports", "kind", KINDS).await?;
        m.alter_table(Table::alter().table("import_rows").rename_column("asset_tag", "row_key").to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("import_rows").rename_column("row_key", "asset_tag").to_owned()).await?;
        let others = Query::delete().from_table("imports").and_where(Expr::col("kind").ne("assets")).to_owned();
        m.exec_stmt(others).await?;
        dialect::reallow(m, "imports", "kind", &KINDS[..1]).await
    }
}
