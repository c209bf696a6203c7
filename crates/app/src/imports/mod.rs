//! Imports: a file brought in is kept, checked in the background (the dry run: every row read,
//! looked up and checked, what it would do stored, nothing written in the register), then
//! committed all or nothing. The administrators and the IT service import.

mod mapping;
mod names;
mod records;
mod row;
mod rows;

use std::io::Cursor;
use std::sync::Arc;

use radgestmat_domain::{
    Actor, CommitImport, DomainError, ImportCounts, ImportKind, ImportRowFilter, ImportRowView, ImportView, List, Page,
    Permission, Reason, RowError, RowStatus,
};
use radgestmat_import::{AssetColumn, EmployeeColumn, FileProblem, LocationColumn, ModelColumn, Reader, UserColumn};
use radgestmat_store::{CheckedRow, ImportFile, NewImport};

use self::mapping::Keyed;
pub use self::mapping::import_fields;
use self::records::Records;
use self::row::{File, MakeChecker};
use self::rows::AssetRows;
use crate::{App, Result};

/// The largest file taken, in bytes (100,000 rows of a Snipe-IT export are about 25 MB).
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// Rows checked, then stored, at once.
const BATCH: usize = 500;

impl App {
    /// Keeps the file and queues its dry run.
    pub async fn start_import(&self, actor: &Actor, upload: NewImport) -> Result<ImportView> {
        self.keep_import(actor, upload, true).await
    }

    /// Keeps the file for a dry run the caller runs itself ([`App::check_import`]: the command line).
    pub async fn keep_import(&self, actor: &Actor, upload: NewImport, queue: bool) -> Result<ImportView> {
        self.authorize(actor, upload.kind.permission()).await?;
        if upload.file.is_empty() {
            return Err(DomainError::invalid("file", Reason::FileEmpty).into());
        }
        if upload.file.len() > MAX_IMPORT_BYTES {
            return Err(DomainError::invalid("file", Reason::TooManyBytes { max: MAX_IMPORT_BYTES }).into());
        }
        Ok(self.store.create_import(actor, upload, queue).await?)
    }

    /// The same file checked again with other choices (a column moved, "create missing"
    /// ticked): a new import, queued; the earlier one stays as it was.
    pub async fn recheck_import(
        &self,
        actor: &Actor,
        id: i64,
        choose: impl FnOnce(&mut NewImport),
    ) -> Result<ImportView> {
        self.get_import(actor, id).await?;
        let mut upload = self.store.import_upload(id).await?;
        choose(&mut upload);
        self.keep_import(actor, upload, true).await
    }

    pub async fn get_import(&self, actor: &Actor, id: i64) -> Result<ImportView> {
        self.authorize(actor, Permission::ManageInventory).await?;
        let import = self.store.get_import(id).await?;
        self.authorize(actor, import.kind.permission()).await?;
        Ok(import)
    }

    /// The latest imports, newest first.
    pub async fn recent_imports(&self, actor: &Actor) -> Result<Vec<ImportView>> {
        self.authorize(actor, Permission::ManageInventory).await?;
        Ok(self.store.recent_imports(20).await?)
    }

    pub async fn import_rows(
        &self,
        actor: &Actor,
        id: i64,
        query: &List<ImportRowFilter>,
    ) -> Result<Page<ImportRowView>> {
        self.get_import(actor, id).await?;
        Ok(self.store.import_rows(id, query).await?)
    }

    /// Applies a checked import, all or nothing.
    pub async fn commit_import(&self, actor: &Actor, id: i64, request: CommitImport) -> Result<ImportView> {
        let kind = self.get_import(actor, id).await?.kind;
        let committed = self.store.commit_import(actor, id, request.skip_errors).await?;
        if kind == ImportKind::Users {
            // Roles, passwords and disabled accounts take effect at once.
            self.forget_credentials();
        }
        Ok(committed)
    }

    /// The dry run of an import (the worker's job, or the command line's; who kept the file was
    /// authorised then, see [`App::keep_import`]): reads the file, checks each row against the
    /// register, stores the results batch by batch (the progress shows). Runs again from the
    /// start if it stopped half-way; does nothing once checked.
    pub async fn check_import(&self, id: i64) -> Result<()> {
        let Some(file) = self.store.begin_check(id).await? else { return Ok(()) };
        match file.import.kind {
            ImportKind::Assets => self.check_file::<AssetColumn>(file, |f| Box::new(AssetRows::new(f))).await,
            ImportKind::Employees => self.check_file::<EmployeeColumn>(file, |f| Records::make(f)).await,
            ImportKind::Locations => self.check_file::<LocationColumn>(file, |f| Records::make(f)).await,
            ImportKind::Models => self.check_file::<ModelColumn>(file, |f| Records::make(f)).await,
            ImportKind::Users => self.check_file::<UserColumn>(file, |f| Records::make(f)).await,
        }
    }

    async fn check_file<C: Keyed>(&self, file: ImportFile, checker: MakeChecker<C>) -> Result<()> {
        let import = file.import;
        let id = import.id;
        let bytes: Arc<[u8]> = file.bytes.into();
        let sheet = import.options.sheet.clone();
        let reader = match Reader::open_sheet(Cursor::new(bytes.clone()), sheet.as_deref()) {
            Ok(reader) => reader,
            Err(problems) => {
                let problems: Vec<RowError> = problems.iter().map(|p| RowError::new(None, &reason(p))).collect();
                return Ok(self.store.finish_check(id, &problems, 0).await?);
            }
        };
        let custom: Vec<(String, String)> = match import.kind.has_custom_fields() {
            true => self.store.all_custom_fields().await?.into_iter().map(|f| (f.key, f.name)).collect(),
            false => Vec::new(),
        };
        let (columns, problems) = mapping::columns::<C>(&reader.headers, &import.options, import.mode, &custom);
        if !problems.is_empty() {
            self.store.set_import_mapping(id, &columns.uses(), None).await?;
            return Ok(self.store.finish_check(id, &problems, 0).await?);
        }
        // A first pass counts the rows, so that the progress has its end.
        let rows = Reader::open_sheet(Cursor::new(bytes), sheet.as_deref()).map(Iterator::count).unwrap_or_default();
        self.store.set_import_mapping(id, &columns.uses(), Some(rows as i64)).await?;
        let lookups = self.store.import_lookups(import.kind).await?;
        // Reading a workbook and hashing a password take time: the rows are checked on a blocking
        // thread, and come back batch by batch to be stored.
        let (sender, mut batches) = tokio::sync::mpsc::channel::<Vec<CheckedRow>>(2);
        let checking = tokio::task::spawn_blocking(move || {
            let file = File { lookups: &lookups, columns: &columns, import: &import };
            let mut checker = checker(&file);
            let mut batch = Vec::with_capacity(BATCH);
            for record in reader {
                batch.push(match record {
                    Ok(record) => checker.check(&record),
                    Err(problem) => unreadable(&problem),
                });
                // The receiver gone, the dry run has failed already.
                if batch.len() == BATCH && sender.blocking_send(std::mem::take(&mut batch)).is_err() {
                    return;
                }
            }
            let _ = sender.blocking_send(batch);
        });
        let (mut counts, mut total) = (ImportCounts::default(), 0);
        while let Some(batch) = batches.recv().await {
            batch.iter().for_each(|row| counts.add(row.status));
            total += batch.len() as i64;
            self.store.add_checked_rows(id, batch, counts).await?;
        }
        checking.await.map_err(anyhow::Error::from)?;
        Ok(self.store.finish_check(id, &[], total).await?)
    }
}

/// A problem of the file as a reason.
fn reason(problem: &FileProblem) -> Reason {
    match problem {
        FileProblem::Empty => Reason::FileEmpty,
        FileProblem::BlankHeader { column } => Reason::BlankHeader { column: *column },
        FileProblem::DuplicateHeader { name, first, again } => {
            Reason::DuplicateHeader { name: name.clone(), first: *first, again: *again }
        }
        FileProblem::Unreadable { line, detail } => Reason::UnreadableLine { line: *line, detail: detail.clone() },
        FileProblem::NoSheet { detail } => Reason::NoSheet { detail: detail.clone() },
        FileProblem::OldExcel => Reason::OldExcel,
    }
}

/// A row the reader could not split: in error, with its line.
fn unreadable(problem: &FileProblem) -> CheckedRow {
    let line = match problem {
        FileProblem::Unreadable { line, .. } => *line as i64,
        _ => 0,
    };
    let errors = vec![RowError::new(None, &reason(problem))];
    CheckedRow { line, status: RowStatus::Error, key: None, plan: None, errors }
}
