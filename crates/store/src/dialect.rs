//! The only SQL that differs between SQLite and PostgreSQL. Migrations call some of these
//! functions: what they write is frozen (a database migrated before a change would differ from
//! one migrated after); a new need gets a new function.

use sea_orm::{ConnectionTrait, DbBackend, DbErr};
use sea_orm_migration::SchemaManager;

/// PostgreSQL answers `search LIKE '%…%'` from a trigram index; SQLite scans, which is fine at
/// the sizes an embedded installation holds.
pub(crate) async fn after_foundation(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
        for table in ["assets", "employees"] {
            db.execute_unprepared(&format!(
                "CREATE INDEX {table}_search_trgm ON {table} USING gin (search gin_trgm_ops)"
            ))
            .await?;
        }
    }
    Ok(())
}

/// Triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on these tables.
pub(crate) async fn append_only(m: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    let db = m.get_connection();
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(
            "CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$",
        )
        .await?;
    }
    for table in tables {
        let sql = match db.get_database_backend() {
            DbBackend::Postgres => format!(
                "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} \
                 FOR EACH ROW EXECUTE FUNCTION append_only(); \
                 CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION append_only();"
            ),
            _ => format!(
                "CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} \
                 BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END; \
                 CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} \
                 BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
            ),
        };
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Refuses a value of `table.column` outside `names` (NULL passes): a CHECK constraint on
/// PostgreSQL; on SQLite, which cannot add a constraint to an existing table, two triggers.
pub(crate) async fn allow_only(m: &SchemaManager<'_>, table: &str, column: &str, names: &[&str]) -> Result<(), DbErr> {
    let db = m.get_connection();
    db.execute_unprepared(&allow_only_sql(db.get_database_backend(), table, column, names)).await.map(|_| ())
}

/// Undoes [`allow_only`].
pub(crate) async fn drop_allow_only(m: &SchemaManager<'_>, table: &str, column: &str) -> Result<(), DbErr> {
    let db = m.get_connection();
    db.execute_unprepared(&drop_allow_only_sql(db.get_database_backend(), table, column)).await.map(|_| ())
}

/// Replaces the names a column accepts. One call, so one connection: on SQLite another
/// connection of the pool may still see the old trigger when it prepares the new one.
pub(crate) async fn reallow(m: &SchemaManager<'_>, table: &str, column: &str, names: &[&str]) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let sql =
        format!("{}; {}", drop_allow_only_sql(backend, table, column), allow_only_sql(backend, table, column, names));
    db.execute_unprepared(&sql).await.map(|_| ())
}

fn allow_only_sql(backend: DbBackend, table: &str, column: &str, names: &[&str]) -> String {
    let list = names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ");
    let name = format!("{table}_{column}_check");
    match backend {
        DbBackend::Postgres => format!("ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({column} IN ({list}))"),
        _ => {
            let refuse = format!("BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END");
            format!(
                "CREATE TRIGGER {name}_insert BEFORE INSERT ON {table} WHEN NEW.{column} NOT IN ({list}) {refuse}; \
                 CREATE TRIGGER {name}_update BEFORE UPDATE OF {column} ON {table} \
                 WHEN NEW.{column} NOT IN ({list}) {refuse};"
            )
        }
    }
}

fn drop_allow_only_sql(backend: DbBackend, table: &str, column: &str) -> String {
    let name = format!("{table}_{column}_check");
    match backend {
        DbBackend::Postgres => format!("ALTER TABLE {table} DROP CONSTRAINT {name}"),
        _ => format!("DROP TRIGGER {name}_insert; DROP TRIGGER {name}_update"),
    }
}

/// Refreshes one table's planner statistics, after a change of its size the planner must know of.
pub(crate) async fn analyze_table(db: &impl ConnectionTrait, table: &str) -> Result<(), DbErr> {
    db.execute_unprepared(&format!("ANALYZE {table}")).await.map(|_| ())
}

/// The names of the tables of the current schema.
pub(crate) async fn table_names(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT table_name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let rows = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await?;
    rows.iter().map(|row| row.try_get_by_index::<String>(0)).collect()
}

/// Refreshes the planner's statistics, after a bulk load: without them PostgreSQL sorts every
/// matching asset instead of walking the sort index (a filtered page went from 45 ms to 0.6 ms).
pub(crate) async fn analyze(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "ANALYZE",
        _ => "PRAGMA optimize=0x10002",
    };
    db.execute_unprepared(sql).await.map(|_| ())
}
