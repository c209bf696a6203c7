//! The audit log: entries written with each change, the hash chain that seals them, and the
//! queue of entries waiting for the sequencer.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::index;
use crate::dialect;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // No foreign keys: an entry outlives whatever it talks about.
        m.create_table(
            Table::create()
                .table("audit_entries")
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(string("actor_kind"))
                .col(big_integer_null("actor_id"))
                .col(string("actor_name"))
                .col(big_integer_null("token_id"))
                .col(string("action"))
                .col(string_null("entity"))
                .col(big_integer_null("entity_id"))
                .col(string_null("asset_tag"))
                .col(text_null("before"))
                .col(text_null("after"))
                .col(string_null("ip"))
                .col(text_null("user_agent"))
                .col(string_null("request_id"))
                .take(),
        )
        .await?;
        // Newest first within each filter: every index ends with the id.
        for columns in [
            &["entity", "entity_id", "id"][..],
            &["actor_id", "id"],
            &["action", "id"],
            &["asset_tag", "id"],
            &["at", "id"],
        ] {
            m.create_index(index("audit_entries", columns, false)).await?;
        }

        // Insert-only: the sequencer appends (seq, entry, hash) and never updates a row.
        m.create_table(
            Table::create()
                .table("audit_chain")
                .col(big_integer("seq").primary_key())
                .col(big_integer("entry_id").unique_key())
                .col(string("hash"))
                .take(),
        )
        .await?;

        // Entries committed but not sealed yet; the sequencer empties it.
        m.create_table(Table::create().table("audit_pending").col(big_integer("entry_id").primary_key()).take())
            .await?;

        dialect::append_only(m, &["audit_entries", "audit_chain"]).await
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("the audit log is never dropped".into()))
    }
}
