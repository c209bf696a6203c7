//! The only SQL that differs between SQLite and PostgreSQL.

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
