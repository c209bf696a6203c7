//! What several migrations build with. Frozen once a migration uses it: a migration must create
//! the same schema whenever it runs, so a different need is a new helper, never a change here.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// `id`, then the given columns, then `search` (folded text) and the timestamps.
pub(super) fn table(name: &'static str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut t = Table::create();
    t.table(name).col(big_pk_auto("id"));
    for mut c in columns {
        t.col(&mut c);
    }
    t.col(text("search").default("").take())
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .take()
}

pub(super) fn fk(from: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("{from}_{column}_fkey"))
        .from(from, column)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

pub(super) fn index(table: &'static str, columns: &[&'static str], unique: bool) -> IndexCreateStatement {
    let suffix = if unique { "key" } else { "idx" };
    let mut i = Index::create();
    i.name(format!("{table}_{}_{suffix}", columns.join("_"))).table(table);
    for c in columns {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i.take()
}
