//! Names sort the French way ("Béja" before "Bizerte", "Écrans" among the E's): the `names`
//! collation the lists sort through. On PostgreSQL, ICU's root order where the server has ICU
//! (the database's own collation is often `C`, byte order), else a copy of the database's own
//! locale; SQLite has it from the connection (`radgestmat_domain::name_order`).

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let icu = "SELECT 1 FROM pg_collation WHERE collprovider = 'i' LIMIT 1";
        let has_icu = db.query_one_raw(Statement::from_string(DbBackend::Postgres, icu)).await?.is_some();
        let sql = match has_icu {
            true => "CREATE COLLATION names (provider = icu, locale = 'und')".to_owned(),
            false => {
                let own = "SELECT datcollate FROM pg_database WHERE datname = current_database()";
                let row = db.query_one_raw(Statement::from_string(DbBackend::Postgres, own)).await?;
                let locale: String = row.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or_else(|| "C".into());
                // A locale name from the server's own catalogue, quoted as SQL text.
                format!("CREATE COLLATION names (provider = libc, locale = '{}')", locale.replace('\'', "''"))
            }
        };
        db.execute_unprepared(&sql).await.map(|_| ())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        match m.get_connection().get_database_backend() {
            DbBackend::Postgres => m.get_connection().execute_unprepared("DROP COLLATION names").await.map(|_| ()),
            _ => Ok(()),
        }
    }
}
