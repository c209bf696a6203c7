//! Custom fields: their definitions per category, each asset's values (`assets.custom`, JSON
//! text, searched through the asset's search text), and the values of the fields that must be
//! unique, one row each, so that the database itself refuses a second asset with the same IMEI.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index, table};
use crate::dialect;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table(
                "custom_fields",
                vec![
                    big_integer("category_id"),
                    string("key"),
                    string("name"),
                    string("kind"),
                    boolean("required").default(false).take(),
                    boolean("unique_values").default(false).take(),
                    string_null("format"),
                    text("options").default("[]").take(),
                ],
            )
            .foreign_key(&mut fk("custom_fields", "category_id", "categories"))
            .take(),
        )
        .await?;
        m.create_index(index("custom_fields", &["category_id", "key"], true)).await?;
        m.alter_table(Table::alter().table("assets").add_column(text("custom").default("{}")).to_owned()).await?;
        m.create_table(
            Table::create()
                .table("custom_unique")
                .col(big_pk_auto("id"))
                .col(big_integer("field_id"))
                .col(string("value"))
                .col(big_integer("asset_id"))
                .foreign_key(
                    &mut fk("custom_unique", "field_id", "custom_fields").on_delete(ForeignKeyAction::Cascade).take(),
                )
                .foreign_key(&mut fk("custom_unique", "asset_id", "assets").on_delete(ForeignKeyAction::Cascade).take())
                .take(),
        )
        .await?;
        m.create_index(index("custom_unique", &["field_id", "value"], true)).await?;
        m.create_index(index("custom_unique", &["asset_id"], false)).await?;
        dialect::allow_only(m, "custom_fields", "kind", &["text", "number", "date", "list", "boolean"]).await?;
        dialect::allow_only(m, "custom_fields", "format", &["mac_address", "imei"]).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("custom_unique").to_owned()).await?;
        m.alter_table(Table::alter().table("assets").drop_column("custom").to_owned()).await?;
        m.drop_table(Table::drop().table("custom_fields").to_owned()).await
    }
}
