//! Backups that restore. An archive is a gzip stream of lines, portable between SQLite and
//! PostgreSQL because rows go through the entities' own types:
//!
//! ```text
//! H {"format":"radgestmat-backup","version":1,"app_version":…,"migrations":7,…}
//! T sites
//! R {"id":1,"code":"SIEGE",…}
//! …
//! M {"tables":[{"name":"sites","rows":12,"sha256":"…"},…]}
//! ```
//!
//! `backup` reads every table in one read-only transaction (a consistent snapshot while others
//! write); `restore` fills an empty database of the same schema version in one transaction, then
//! checks row counts, checksums and the audit chain. Sessions and login throttles are not kept: they are transient.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use radgestmat_domain::{DomainError, Reason};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{
    AccessMode, ActiveModelTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, IntoActiveModel,
    IsolationLevel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};
use tracing::instrument;

use crate::entities::*;
use crate::{Result, Store, migration};

pub const FORMAT: &str = "radgestmat-backup";
pub const VERSION: u32 = 1;
/// Rows read or written per statement.
const PAGE: u64 = 5_000;

/// What the archive says of itself, first line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub app_version: String,
    pub created_at: DateTime<Utc>,
    /// `sqlite` or `postgres`: where it was taken.
    pub backend: String,
    /// How many migrations the schema had.
    pub migrations: usize,
}

/// One table's rows in the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSum {
    pub name: String,
    pub rows: u64,
    /// SHA-256 of the table's row lines, each followed by a line feed.
    pub sha256: String,
}

/// The last line: counts and checksums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub tables: Vec<TableSum>,
}

/// What `restore` found once done.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    pub header: Header,
    pub manifest: Manifest,
    /// Sealed audit entries walked by the chain check.
    pub audit_checked: u64,
}

/// A table: its name, its key column (integer keys are read page by page), and how to read
/// and write its rows.
macro_rules! tables {
    ($($module:ident : $key:literal),* $(,)?) => {
        /// Every table and its key column.
        const KEYS: &[(&str, &str)] = &[$((stringify!($module), $key)),*];

        async fn export_all(txn: &DatabaseTransaction, out: &mut (dyn Write + Send)) -> Result<Vec<TableSum>> {
            let mut sums = Vec::new();
            $(sums.push(export::<$module::Entity>(txn, stringify!($module), $key, out).await?);)*
            Ok(sums)
        }

        async fn import_one(txn: &DatabaseTransaction, table: &str, rows: &[String]) -> Result<()> {
            match table {
                $(stringify!($module) => import::<$module::Entity, $module::ActiveModel>(txn, table, rows).await,)*
                other => Err(anyhow::anyhow!("the archive holds an unknown table {other}").into()),
            }
        }
    };
}

/// The tables a backup leaves out: transient (sessions end, throttles expire, an import's dry
/// run is uploaded again) or the migrations' own record (the archive's header says how many
/// were applied). A committed import lives on in the audit log.
const LEFT_OUT: &[&str] = &["sessions", "login_throttle", "seaql_migrations", "imports", "import_rows"];

// In an order that satisfies the foreign keys.
tables! {
    sites: "id", locations: "id", departments: "id", employees: "id", categories: "id", custom_fields: "id",
    manufacturers: "id", asset_models: "id", suppliers: "id", assets: "id", custom_unique: "id", users: "id",
    assignments: "id", api_tokens: "id", counters: "name", audit_entries: "id", audit_chain: "seq",
    audit_pending: "entry_id", jobs: "id", alerts: "id", alert_rules: "kind", settings: "name",
}

/// Writes one table's rows as `R` lines after a `T` line, in key order; returns its sum.
/// Integer keys are read page by page after the last one; the small text-keyed tables at once.
async fn export<E>(txn: &DatabaseTransaction, name: &str, key: &str, out: &mut (dyn Write + Send)) -> Result<TableSum>
where
    E: EntityTrait,
    E::Model: Serialize,
{
    writeln!(out, "T {name}").context("writing the archive")?;
    let mut hash = Sha256::new();
    let mut rows = 0u64;
    let mut after: Option<i64> = None;
    loop {
        let mut select = E::find().order_by_asc(Expr::col(Alias::new(key)));
        if let Some(last) = after {
            select = select.filter(Expr::col(Alias::new(key)).gt(last));
        }
        let batch = select.limit(PAGE).all(txn).await?;
        for model in &batch {
            let line = serde_json::to_string(model).context("serialising a row")?;
            hash.update(line.as_bytes());
            hash.update(b"\n");
            writeln!(out, "R {line}").context("writing the archive")?;
        }
        rows += batch.len() as u64;
        let last = batch.last().map(|m| serde_json::to_value(m).ok().and_then(|v| v[key].as_i64()));
        match last {
            Some(Some(key)) if batch.len() as u64 == PAGE => after = Some(key),
            _ => break,
        }
    }
    Ok(TableSum { name: name.to_owned(), rows, sha256: hex::encode(hash.finalize()) })
}

async fn import<E, A>(txn: &DatabaseTransaction, table: &str, rows: &[String]) -> Result<()>
where
    E: EntityTrait<ActiveModel = A>,
    E::Model: DeserializeOwned + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = E> + Send,
{
    if rows.is_empty() {
        return Ok(());
    }
    // Rows a migration put in (the default alert rules) give way to the archive's.
    E::delete_many().exec(txn).await?;
    let mut models = Vec::with_capacity(rows.len());
    let postgres = txn.get_database_backend() == DbBackend::Postgres;
    for row in rows {
        // SQLite keeps a NUL character that PostgreSQL refuses: name the row before the insert fails.
        if let Some((key, column)) = postgres.then(|| nul_in(table, row)).flatten() {
            return Err(invalid(Reason::NulInRow { table: table.to_owned(), key, column }));
        }
        let model: E::Model = serde_json::from_str(row).context("reading a row of the archive")?;
        models.push(model.into_active_model().reset_all());
    }
    E::insert_many(models).exec_without_returning(txn).await?;
    Ok(())
}

impl Store {
    /// The database's tables that backups neither carry nor leave out on purpose: a table a
    /// migration added and the backup forgot. Empty when the backup is complete.
    pub async fn tables_missing_from_backups(&self) -> Result<Vec<String>> {
        let tables = crate::dialect::table_names(&self.db).await?;
        let known = |t: &String| KEYS.iter().any(|(name, _)| name == t) || LEFT_OUT.contains(&t.as_str());
        Ok(tables.into_iter().filter(|t| !known(t)).collect())
    }

    /// Writes a consistent archive of the whole database to `out` (online: others may write).
    #[instrument(skip_all, fields(out = %out.display()))]
    pub async fn backup(&self, out: &Path) -> Result<Manifest> {
        let file = std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
        let mut gz = GzEncoder::new(BufWriter::new(file), Compression::default());
        let header = Header {
            format: FORMAT.into(),
            version: VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            created_at: crate::now(),
            backend: self.backend_name().into(),
            migrations: migration::count(),
        };
        writeln!(gz, "H {}", serde_json::to_string(&header).context("header")?).context("writing the archive")?;
        let txn = self.snapshot().await?;
        let tables = export_all(&txn, &mut gz).await?;
        txn.commit().await?;
        let manifest = Manifest { tables };
        writeln!(gz, "M {}", serde_json::to_string(&manifest).context("manifest")?).context("writing the archive")?;
        gz.finish().and_then(|mut w| w.flush()).with_context(|| format!("finishing {}", out.display()))?;
        Ok(manifest)
    }

    /// A read-only transaction that sees one instant of the database.
    async fn snapshot(&self) -> Result<DatabaseTransaction> {
        Ok(match self.db.get_database_backend() {
            // SQLite in WAL mode: a read transaction is a snapshot.
            DbBackend::Sqlite => self.db.begin().await?,
            _ => self.db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?,
        })
    }

    /// Fills this empty database from an archive, then checks it against the archive's
    /// manifest and walks the audit chain. Refuses a database that holds data.
    #[instrument(skip_all, fields(input = %input.display()))]
    pub async fn restore(&self, input: &Path) -> Result<RestoreReport> {
        let file = std::fs::File::open(input).with_context(|| format!("opening {}", input.display()))?;
        let mut lines = BufReader::new(GzDecoder::new(file)).lines();
        let mut next = || -> Result<Option<String>> {
            Ok(lines.next().transpose().with_context(|| format!("reading {}", input.display()))?)
        };
        let header: Header = match next()? {
            Some(line) if line.starts_with("H ") => serde_json::from_str(&line[2..]).context("the archive's header")?,
            _ => return Err(invalid(Reason::NotABackup { file: input.display().to_string() })),
        };
        if header.format != FORMAT || header.version > VERSION {
            let (format, version) = (header.format, u64::from(header.version));
            return Err(invalid(Reason::UnsupportedArchive { format, version }));
        }
        if header.migrations != migration::count() {
            let (archive, app_version, here) = (header.migrations, header.app_version, migration::count());
            return Err(invalid(Reason::OtherSchema { archive, app_version, here }));
        }
        self.migrate().await?;
        self.refuse_if_not_empty().await?;

        let txn = self.db.begin().await?;
        let manifest = import_rows(&txn, &mut next).await?;
        reset_sequences(&txn).await?;
        txn.commit().await?;
        let audit_checked = self.check_restored(&manifest).await?;
        Ok(RestoreReport { header, manifest, audit_checked })
    }

    /// The restored tables against the archive's manifest, then the audit chain; returns the
    /// sealed entries walked.
    async fn check_restored(&self, manifest: &Manifest) -> Result<u64> {
        let found = self.checksums().await?;
        for expected in &manifest.tables {
            match found.iter().find(|t| t.name == expected.name) {
                Some(t) if t == expected => {}
                Some(t) => {
                    return Err(anyhow::anyhow!(
                        "table {} differs after restore: {} rows, sha256 {} (the archive: {} rows, {})",
                        t.name,
                        t.rows,
                        t.sha256,
                        expected.rows,
                        expected.sha256
                    )
                    .into());
                }
                None => return Err(anyhow::anyhow!("table {} is missing after restore", expected.name).into()),
            }
        }
        self.seal_audit().await?;
        let audit = self.verify_audit().await?;
        if let Some(id) = audit.first_broken_id {
            return Err(anyhow::anyhow!("the restored audit log breaks its hash chain at entry {id}").into());
        }
        Ok(audit.checked)
    }

    /// The sums of every table as an archive would hold them.
    pub async fn checksums(&self) -> Result<Vec<TableSum>> {
        let txn = self.snapshot().await?;
        let sums = export_all(&txn, &mut std::io::sink()).await?;
        txn.commit().await?;
        Ok(sums)
    }

    async fn refuse_if_not_empty(&self) -> Result<()> {
        let used = sites::Entity::find().count(&self.db).await?
            + assets::Entity::find().count(&self.db).await?
            + users::Entity::find().count(&self.db).await?
            + audit_entries::Entity::find().count(&self.db).await?;
        if used > 0 {
            return Err(DomainError::conflict(Reason::RestoreNeedsEmpty).into());
        }
        Ok(())
    }
}

/// Inserts the `T`/`R` lines that follow the header, table by table, up to the manifest.
async fn import_rows(txn: &DatabaseTransaction, next: &mut impl FnMut() -> Result<Option<String>>) -> Result<Manifest> {
    let (mut table, mut rows) = (None::<String>, Vec::new());
    while let Some(line) = next()? {
        let (kind, rest) = (line.get(..2).unwrap_or(""), line.get(2..).unwrap_or(""));
        if kind == "R " {
            rows.push(rest.to_owned());
            continue;
        }
        if let Some(name) = table.take() {
            for chunk in rows.chunks(PAGE as usize) {
                import_one(txn, &name, chunk).await?;
            }
            rows.clear();
        }
        match kind {
            "T " => table = Some(rest.to_owned()),
            "M " => return Ok(serde_json::from_str(rest).context("the archive's manifest")?),
            _ => {
                let start: String = line.chars().take(40).collect();
                return Err(invalid(Reason::UnexpectedLine { line: start.to_owned() }));
            }
        }
    }
    Err(invalid(Reason::Truncated))
}

/// The row's key and the first column whose text holds a NUL character.
fn nul_in(table: &str, row: &str) -> Option<(String, String)> {
    if !row.contains("\\u0000") {
        return None;
    }
    let serde_json::Value::Object(fields) = serde_json::from_str(row).ok()? else { return None };
    let column = fields.iter().find(|(_, v)| v.as_str().is_some_and(|t| t.contains('\0')))?.0.clone();
    let key = KEYS.iter().find(|(name, _)| *name == table).and_then(|(_, key)| fields.get(*key))?;
    let key = key.as_str().map_or_else(|| key.to_string(), str::to_owned);
    Some((key, column))
}

/// After rows came with their ids, PostgreSQL's sequences must start after them.
async fn reset_sequences(txn: &DatabaseTransaction) -> Result<()> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for (table, _) in KEYS.iter().filter(|(_, key)| *key == "id") {
        txn.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table} \
             HAVING pg_get_serial_sequence('{table}', 'id') IS NOT NULL"
        ))
        .await?;
    }
    Ok(())
}

fn invalid(reason: Reason) -> crate::Error {
    DomainError::invalid("backup", reason).into()
}
