//! RadGestMat persistence. Each public function is one use case in one transaction; SeaORM
//! entities stay inside this crate and the callers see domain types only.

#[macro_use]
mod positional;
mod alert_scan;
mod alerts;
mod assets;
mod assignment_list;
mod assignments;
mod audit;
mod audit_log;
mod auth;
mod backup;
mod bulk;
mod counters;
mod custom_values;
mod dashboard;
mod demo;
mod dialect;
mod entities;
mod error;
mod gauges;
mod holder;
mod import_commit;
mod import_lookups;
mod import_records;
mod imports;
mod jobs;
mod json_text;
mod keyset;
mod kits;
mod migration;
mod names;
mod notify;
/// The kinds of reference record, each a [`Resource`].
pub mod reference_data;
mod resources;
mod scheduled_backups;
mod secret_key;
mod settings;
mod tokens;
mod users;
mod vocabulary;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

pub use alert_scan::ScanReport;
pub use assignments::AssetRef;
pub use auth::{LoginAttempt, Principal, hash_password_here};
pub use backup::{Header as BackupHeader, Manifest as BackupManifest, RestoreReport, TableSum};
pub use dashboard::{Dashboard, Slice, WARRANTY_HORIZON_DAYS};
pub use demo::DemoSummary;
pub use error::{Error, Result};
pub use gauges::Gauges;
pub use import_lookups::{Found, Lookups, ModelInfo, NameIndex};
pub use imports::{CheckedRow, ImportFile, NewImport};
pub use jobs::{Job, NewJob};
pub use names::Names;
pub use notify::{Channels, Dispatch};
pub use reference_data::*;
pub use resources::Resource;
pub use scheduled_backups::prune_backups;
pub use secret_key::{MIN_KEY_CHARS, SecretKey, Unsealable};
pub use settings::Delivery;
pub use tokens::{ApiToken, NewToken, TokenInfo};
pub use vocabulary::COLUMNS as VOCABULARY_COLUMNS;

/// Settings the store needs from the configuration.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Prefix of generated asset tags: `KIT` gives `KIT-000123`.
    pub asset_tag_prefix: String,
    pub max_connections: u32,
    /// How long a browser session lasts without being renewed.
    pub session_ttl: Duration,
    /// Signs the session cookies and seals the secrets kept in the database.
    pub secret_key: SecretKey,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            asset_tag_prefix: "KIT".into(),
            max_connections: 16,
            session_ttl: Duration::from_secs(12 * 3600),
            secret_key: SecretKey::ephemeral(),
        }
    }
}

/// The database behind RadGestMat, SQLite or PostgreSQL, chosen by the URL.
#[derive(Clone)]
pub struct Store {
    /// Reads, and everything on PostgreSQL.
    db: DatabaseConnection,
    /// Write transactions. On SQLite a pool of one connection: writers queue there in order
    /// instead of in SQLite's busy handler, whose sleeps gave p99 latencies of 200 ms under load.
    writer: DatabaseConnection,
    options: StoreOptions,
    /// Wakes the audit sequencer after a commit.
    sealer: Arc<tokio::sync::Notify>,
    /// Wakes this process's worker after a commit: it may have enqueued a job.
    jobs_ready: Arc<tokio::sync::Notify>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.db.get_database_backend()).finish_non_exhaustive()
    }
}

impl Store {
    /// Connects to `sqlite://path` (the file and its folder are created) or `postgres://…`.
    pub async fn connect(url: &str, options: StoreOptions) -> anyhow::Result<Store> {
        let pool = |size: u32| {
            let mut connect = ConnectOptions::new(url);
            // A request waits at most this long for a connection, then answers 503 (database down, or
            // every connection busy) instead of hanging.
            connect.max_connections(size).sqlx_logging(false).acquire_timeout(Duration::from_secs(5));
            if url.starts_with("sqlite:") {
                connect.map_sqlx_sqlite_opts(|o: SqliteConnectOptions| {
                    o.create_if_missing(true)
                        .journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .busy_timeout(Duration::from_secs(10))
                        .foreign_keys(true)
                        .collation("names", radgestmat_domain::name_order)
                });
            }
            async move { Database::connect(connect).await.with_context(|| format!("connecting to {}", redact(url))) }
        };
        if !url.starts_with("sqlite:") {
            let db = pool(options.max_connections).await?;
            return Ok(Store::new(db.clone(), db, options));
        }
        let Some(file) = sqlite_path(url) else {
            // In memory: every connection would be its own database, so there is only one.
            let db = pool(1).await?;
            return Ok(Store::new(db.clone(), db, options));
        };
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let writer = pool(1).await?;
        let db = pool(options.max_connections).await?;
        Ok(Store::new(db, writer, options))
    }

    fn new(db: DatabaseConnection, writer: DatabaseConnection, options: StoreOptions) -> Store {
        Store { db, writer, options, sealer: Arc::default(), jobs_ready: Arc::default() }
    }

    /// The installation's secret key.
    pub fn secret_key(&self) -> &SecretKey {
        &self.options.secret_key
    }

    /// Applies the migrations not yet applied.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        migration::Migrator::up(&self.db, None).await.context("migrating the database")
    }

    /// Applies the first `count` migrations only: for the tests of a migration on older data.
    #[doc(hidden)]
    pub async fn migrate_first(&self, count: u32) -> anyhow::Result<()> {
        migration::Migrator::up(&self.db, Some(count)).await.context("migrating the database")
    }

    /// Readiness: the database answers.
    pub async fn ping(&self) -> Result<()> {
        Ok(self.db.ping().await?)
    }

    pub fn backend_name(&self) -> &'static str {
        match self.db.get_database_backend() {
            DbBackend::Sqlite => "sqlite",
            DbBackend::Postgres => "postgres",
            _ => "other",
        }
    }

    /// Runs raw SQL; for tests and maintenance commands, never for the request path.
    pub async fn execute_raw(&self, sql: &str) -> Result<()> {
        self.db.execute_unprepared(sql).await?;
        Ok(())
    }

    /// Starts a write transaction. On SQLite it is `IMMEDIATE`: it takes the write lock at once,
    /// so that a writer of another process (the CLI, a worker) waits behind the busy timeout
    /// instead of failing on upgrade.
    async fn write(&self) -> Result<DatabaseTransaction> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.writer.begin_with_options(options).await?)
    }
}

/// The current instant at the precision both databases keep (microseconds).
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// The file of a `sqlite:` URL, unless the database is in memory.
pub fn sqlite_path(url: &str) -> Option<&Path> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (path != ":memory:" && !path.is_empty()).then(|| Path::new(path))
}

/// A database URL with its password replaced by `***`, for logs and error messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme + 3], &credentials[..colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_in_urls() {
        assert_eq!(redact("postgres://app:s3cret@db:5432/rgm"), "postgres://app:***@db:5432/rgm");
        assert_eq!(redact("postgres://app@db/rgm"), "postgres://app@db/rgm");
        assert_eq!(redact("sqlite://data/radgestmat.db"), "sqlite://data/radgestmat.db");
    }

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(sqlite_path("sqlite://data/radgestmat.db?mode=rwc"), Some(Path::new("data/radgestmat.db")));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
