//! Reference data, assets, assignments, users, sessions and API tokens.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index, table};
use crate::dialect;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(table("sites", vec![string("code"), string("name"), string("kind"), string_null("city")]))
            .await?;
        m.create_index(index("sites", &["code"], true)).await?;

        m.create_table(
            table("locations", vec![big_integer("site_id"), string("name")])
                .foreign_key(&mut fk("locations", "site_id", "sites"))
                .take(),
        )
        .await?;
        m.create_index(index("locations", &["site_id", "name"], true)).await?;

        m.create_table(table("departments", vec![string("name")])).await?;
        m.create_index(index("departments", &["name"], true)).await?;

        m.create_table(
            table(
                "employees",
                vec![
                    string("matricule"),
                    string("first_name"),
                    string("last_name"),
                    string_null("email"),
                    big_integer_null("department_id"),
                    big_integer_null("site_id"),
                    boolean("active").default(true).take(),
                ],
            )
            .foreign_key(&mut fk("employees", "department_id", "departments"))
            .foreign_key(&mut fk("employees", "site_id", "sites"))
            .take(),
        )
        .await?;
        m.create_index(index("employees", &["matricule"], true)).await?;
        m.create_index(index("employees", &["last_name"], false)).await?;

        for name in ["categories", "manufacturers"] {
            m.create_table(table(name, vec![string("name")])).await?;
            m.create_index(index(name, &["name"], true)).await?;
        }

        m.create_table(
            table(
                "asset_models",
                vec![
                    string("name"),
                    big_integer("category_id"),
                    big_integer("manufacturer_id"),
                    string_null("model_number"),
                ],
            )
            .foreign_key(&mut fk("asset_models", "category_id", "categories"))
            .foreign_key(&mut fk("asset_models", "manufacturer_id", "manufacturers"))
            .take(),
        )
        .await?;
        m.create_index(index("asset_models", &["manufacturer_id", "name"], true)).await?;
        m.create_index(index("asset_models", &["category_id"], false)).await?;

        m.create_table(table("suppliers", vec![string("name"), string_null("email"), string_null("phone")])).await?;
        m.create_index(index("suppliers", &["name"], true)).await?;

        m.create_table(
            table(
                "assets",
                vec![
                    string("asset_tag"),
                    string_null("serial"),
                    string("name"),
                    big_integer("model_id"),
                    // Copied from the model so that (manufacturer, serial) can be unique.
                    big_integer("manufacturer_id"),
                    string("status"),
                    big_integer_null("site_id"),
                    big_integer_null("location_id"),
                    big_integer_null("supplier_id"),
                    string_null("order_number"),
                    date_null("purchase_date"),
                    big_integer_null("purchase_cost"),
                    date_null("warranty_end"),
                    text_null("notes"),
                    big_integer("version").default(1).take(),
                ],
            )
            .foreign_key(&mut fk("assets", "model_id", "asset_models"))
            .foreign_key(&mut fk("assets", "manufacturer_id", "manufacturers"))
            .foreign_key(&mut fk("assets", "site_id", "sites"))
            .foreign_key(&mut fk("assets", "location_id", "locations"))
            .foreign_key(&mut fk("assets", "supplier_id", "suppliers"))
            .take(),
        )
        .await?;
        m.create_index(index("assets", &["asset_tag"], true)).await?;
        m.create_index(index("assets", &["manufacturer_id", "serial"], true)).await?;
        for column in ["model_id", "site_id", "location_id", "supplier_id", "name", "updated_at"] {
            m.create_index(index("assets", &[column], false)).await?;
        }
        m.create_index(index("assets", &["status", "model_id"], false)).await?;
        m.create_index(index("assets", &["purchase_date"], false)).await?;
        m.create_index(index("assets", &["warranty_end"], false)).await?;

        m.create_table(
            Table::create()
                .table("users")
                .col(big_pk_auto("id"))
                .col(string("username"))
                .col(string("display_name"))
                .col(string_null("email"))
                .col(string("role"))
                .col(big_integer_null("employee_id"))
                .col(boolean("disabled").default(false))
                .col(string("password_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("users", "employee_id", "employees"))
                .take(),
        )
        .await?;
        m.create_index(index("users", &["username"], true)).await?;

        m.create_table(
            Table::create()
                .table("assignments")
                .col(big_pk_auto("id"))
                .col(big_integer("asset_id"))
                .col(big_integer_null("employee_id"))
                .col(big_integer_null("location_id"))
                .col(timestamp_with_time_zone("checked_out_at"))
                .col(big_integer_null("checked_out_by"))
                .col(timestamp_with_time_zone_null("expected_return_at"))
                .col(timestamp_with_time_zone_null("returned_at"))
                .col(big_integer_null("returned_by"))
                .col(string_null("condition"))
                .col(text_null("note"))
                .foreign_key(&mut fk("assignments", "asset_id", "assets"))
                .foreign_key(&mut fk("assignments", "employee_id", "employees"))
                .foreign_key(&mut fk("assignments", "location_id", "locations"))
                .foreign_key(&mut fk("assignments", "checked_out_by", "users"))
                .foreign_key(&mut fk("assignments", "returned_by", "users"))
                .take(),
        )
        .await?;
        m.create_index(index("assignments", &["employee_id"], false)).await?;
        // At most one open assignment per asset: the database, not the code, guarantees it.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX assignments_open_asset_key ON assignments (asset_id) WHERE returned_at IS NULL",
            )
            .await?;

        for (name, extra) in [("sessions", None), ("api_tokens", Some(()))] {
            let mut t = Table::create();
            t.table(name)
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string("token_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name(format!("{name}_user_id_fkey"))
                        .from(name, "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                );
            if extra.is_some() {
                t.col(string("name"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"));
            }
            m.create_table(t).await?;
            m.create_index(index(name, &["token_hash"], true)).await?;
            m.create_index(index(name, &["user_id"], false)).await?;
        }

        // Failed logins per folded username, whether or not the account exists.
        m.create_table(
            Table::create()
                .table("login_throttle")
                .col(string("key").primary_key())
                .col(integer("failures").default(0))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;

        // Named counters, e.g. the number behind generated asset tags.
        m.create_table(
            Table::create()
                .table("counters")
                .col(string("name").primary_key())
                .col(big_integer("value").default(0))
                .take(),
        )
        .await?;

        dialect::after_foundation(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "counters",
            "login_throttle",
            "api_tokens",
            "sessions",
            "assignments",
            "users",
            "assets",
            "suppliers",
            "asset_models",
            "manufacturers",
            "categories",
            "employees",
            "departments",
            "locations",
            "sites",
        ] {
            m.drop_table(Table::drop().table(name).to_owned()).await?;
        }
        Ok(())
    }
}
