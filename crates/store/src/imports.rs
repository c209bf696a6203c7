//! Imports: the uploaded file and its dry run, row by row. The dry run writes only here, never
//! in the register; the commit (`import_commit`) applies the checked rows all or nothing.

use chrono::{DateTime, Utc};
use radgestmat_domain::{
    Actor, AuditAction, ColumnUse, DomainError, ImportCheck, ImportCounts, ImportKind, ImportMode, ImportOptions,
    ImportRowFilter, ImportRowView, ImportState, ImportView, List, Page, Plan, Reason, RowError, RowStatus,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, IntoSimpleExpr, Iterable, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tracing::instrument;

use crate::audit::{Change, record};
use crate::entities::{import_rows, imports};
use crate::json_text::JsonText;
use crate::keyset::{Sort, page};
use crate::{NewJob, Result, Store, now};

/// An uploaded file to check.
#[derive(Debug, Clone)]
pub struct NewImport {
    pub kind: ImportKind,
    pub mode: ImportMode,
    pub create_missing: bool,
    pub file_name: String,
    pub file: Vec<u8>,
    pub options: ImportOptions,
}

/// One checked row, as the dry run stores it.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    pub line: i64,
    pub status: RowStatus,
    /// What the row names its record by (an asset's tag, an employee's matricule, …).
    pub key: Option<String>,
    /// What the commit does; `None` for a row in error or unchanged.
    pub plan: Option<Plan>,
    pub errors: Vec<RowError>,
}

/// An import and its file, for its dry run.
pub struct ImportFile {
    pub import: ImportView,
    pub bytes: Vec<u8>,
}

pub(crate) fn view(m: imports::Model) -> ImportView {
    ImportView {
        id: m.id,
        kind: m.kind.0,
        mode: m.mode.0,
        create_missing: m.create_missing,
        state: m.state.0,
        file_name: m.file_name,
        options: m.options.0,
        mapping: m.mapping.0,
        problems: m.problems.0,
        rows: m.rows,
        done: m.done,
        counts: ImportCounts { create: m.to_create, update: m.to_update, unchanged: m.unchanged, error: m.errors },
        created_by: m.created_by,
        created_at: m.created_at,
        checked_at: m.checked_at,
        committed_at: m.committed_at,
    }
}

fn row_view(kind: ImportKind, m: import_rows::Model) -> ImportRowView {
    ImportRowView {
        line: m.line,
        status: m.status.0,
        asset_tag: m.key.clone().filter(|_| kind == ImportKind::Assets),
        key: m.key,
        // No errors are stored for a row without any.
        errors: m.errors.map(|e| e.0).unwrap_or_default(),
    }
}

/// Imports without their file, which only the dry run reads.
fn without_file() -> sea_orm::Select<imports::Entity> {
    imports::Entity::find()
        .select_only()
        .columns(imports::Column::iter().filter(|c| !matches!(c, imports::Column::File)))
        .expr_as(Expr::val(Option::<Vec<u8>>::None), "file")
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

impl Store {
    /// Keeps the file and, with `queue`, enqueues its dry run in the same transaction (without,
    /// the caller runs it: the command line).
    #[instrument(skip_all, fields(import.kind = %new.kind, bytes = new.file.len()))]
    pub async fn create_import(&self, actor: &Actor, new: NewImport, queue: bool) -> Result<ImportView> {
        let details = serde_json::json!({
            "kind": new.kind, "mode": new.mode, "create_missing": new.create_missing,
            "file_name": new.file_name, "bytes": new.file.len(),
        });
        let txn = self.write().await?;
        let row = imports::ActiveModel {
            kind: Set(new.kind.into()),
            mode: Set(new.mode.into()),
            create_missing: Set(new.create_missing),
            state: Set(ImportState::Queued.into()),
            file_name: Set(new.file_name),
            file: Set(Some(new.file)),
            options: Set(JsonText(new.options)),
            mapping: Set(JsonText(Vec::new())),
            problems: Set(JsonText(Vec::new())),
            created_by: Set(actor.user_id),
            created_at: Set(now()),
            ..Default::default()
        };
        let id = imports::Entity::insert(row).exec(&txn).await?.last_insert_id;
        if queue {
            crate::jobs::enqueue(&txn, NewJob::now(&ImportCheck { import_id: id })).await?;
        }
        record(&txn, actor, Change::created(AuditAction::ImportCreate, id, &details)).await?;
        let import = imports::Entity::find_by_id(id).one(&txn).await?.map(view);
        self.commit(txn).await?;
        import.ok_or_else(|| DomainError::not_found("import", id).into())
    }

    pub async fn get_import(&self, id: i64) -> Result<ImportView> {
        let row = without_file().filter(imports::Column::Id.eq(id)).one(&self.db).await?;
        Ok(view(row.ok_or_else(|| DomainError::not_found("import", id))?))
    }

    /// The upload of an import not committed yet, to check it again with other choices.
    pub async fn import_upload(&self, id: i64) -> Result<NewImport> {
        let row = imports::Entity::find_by_id(id).one(&self.db).await?;
        let row = row.ok_or_else(|| DomainError::not_found("import", id))?;
        let Some(file) = row.file else {
            let reason = Reason::ImportNotChecked { state: row.state.0.as_str().to_owned() };
            return Err(DomainError::conflict_on("state", reason).into());
        };
        Ok(NewImport {
            kind: row.kind.0,
            mode: row.mode.0,
            create_missing: row.create_missing,
            file_name: row.file_name,
            file,
            options: row.options.0,
        })
    }

    /// The latest imports, newest first.
    pub async fn recent_imports(&self, limit: u64) -> Result<Vec<ImportView>> {
        let rows = without_file().order_by_desc(imports::Column::Id).limit(limit).all(&self.db).await?;
        Ok(rows.into_iter().map(view).collect())
    }

    /// An import's checked rows, in file order.
    pub async fn import_rows(&self, id: i64, query: &List<ImportRowFilter>) -> Result<Page<ImportRowView>> {
        let kind = self.get_import(id).await?.kind;
        let mut select = import_rows::Entity::find().filter(import_rows::Column::ImportId.eq(id));
        if let Some(status) = query.filter.status {
            select = select.filter(import_rows::Column::Status.eq(status.as_str()));
        }
        let total = if query.count { Some(select.clone().count(&self.db).await?) } else { None };
        let sort = Sort { key: None, id: import_rows::Column::Id.into_simple_expr(), descending: query.descending };
        let rows = sort.apply(select, query)?.all(&self.db).await?;
        let rows: Vec<(i64, ImportRowView)> = rows.into_iter().map(|r| (r.id, row_view(kind, r))).collect();
        let Page { items, next_cursor, total } = page(rows, query.limit, total, |(id, _)| Sort::cursor(None, *id));
        Ok(Page { items: items.into_iter().map(|(_, row)| row).collect(), next_cursor, total })
    }

    /// The file of an import waiting for its dry run, marked as being checked (its earlier
    /// rows, from a run that stopped half-way, dropped); `None` once checked or committed.
    #[instrument(skip_all, fields(import.id = id))]
    pub async fn begin_check(&self, id: i64) -> Result<Option<ImportFile>> {
        let txn = self.write().await?;
        let Some(row) = imports::Entity::find_by_id(id).one(&txn).await? else { return Ok(None) };
        if !matches!(row.state.0, ImportState::Queued | ImportState::Checking) {
            return Ok(None);
        }
        // A file is kept until its import is committed.
        let bytes =
            row.file.clone().ok_or_else(|| anyhow::anyhow!("import {id} waits for its dry run without its file"))?;
        import_rows::Entity::delete_many().filter(import_rows::Column::ImportId.eq(id)).exec(&txn).await?;
        imports::Entity::update_many()
            .col_expr(imports::Column::State, Expr::val(ImportState::Checking.as_str()))
            .col_expr(imports::Column::Done, Expr::val(0))
            .filter(imports::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        self.commit(txn).await?;
        let import = ImportView { state: ImportState::Checking, done: 0, ..view(row) };
        Ok(Some(ImportFile { import, bytes }))
    }

    /// The file's columns and, once known, its number of rows.
    pub async fn set_import_mapping(&self, id: i64, mapping: &[ColumnUse], rows: Option<i64>) -> Result<()> {
        imports::Entity::update_many()
            .col_expr(imports::Column::Mapping, Expr::val(json(&mapping)))
            .col_expr(imports::Column::Rows, Expr::val(rows))
            .filter(imports::Column::Id.eq(id))
            .exec(&self.writer)
            .await?;
        Ok(())
    }

    /// Stores a batch of checked rows and the progress so far.
    pub async fn add_checked_rows(&self, id: i64, rows: Vec<CheckedRow>, counts: ImportCounts) -> Result<()> {
        let txn = self.write().await?;
        let done = rows.len() as i64;
        let models = rows.into_iter().map(|r| import_rows::ActiveModel {
            import_id: Set(id),
            line: Set(r.line),
            status: Set(r.status.into()),
            key: Set(r.key),
            plan: Set(r.plan.as_ref().map(json)),
            errors: Set((!r.errors.is_empty()).then_some(JsonText(r.errors))),
            ..Default::default()
        });
        if done > 0 {
            import_rows::Entity::insert_many(models).exec_without_returning(&txn).await?;
        }
        imports::Entity::update_many()
            .col_expr(imports::Column::Done, Expr::col(imports::Column::Done).add(done))
            .set(counted(counts))
            .filter(imports::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Ends the dry run: checked, or failed with the file's problems (nothing to commit then).
    pub async fn finish_check(&self, id: i64, problems: &[RowError], rows: i64) -> Result<()> {
        let state = if problems.is_empty() { ImportState::Checked } else { ImportState::Failed };
        imports::Entity::update_many()
            .col_expr(imports::Column::State, Expr::val(state.as_str()))
            .col_expr(imports::Column::Problems, Expr::val(json(&problems)))
            .col_expr(imports::Column::Rows, Expr::val(rows))
            .col_expr(imports::Column::CheckedAt, Expr::val(now()))
            .filter(imports::Column::Id.eq(id))
            .exec(&self.writer)
            .await?;
        Ok(())
    }
}

/// The counts as columns to set.
fn counted(c: ImportCounts) -> imports::ActiveModel {
    imports::ActiveModel {
        to_create: Set(c.create),
        to_update: Set(c.update),
        unchanged: Set(c.unchanged),
        errors: Set(c.error),
        ..Default::default()
    }
}

/// When an import was committed, for the commit's update.
pub(crate) fn committed_at(at: DateTime<Utc>) -> imports::ActiveModel {
    imports::ActiveModel {
        state: Set(ImportState::Committed.into()),
        file: Set(None),
        committed_at: Set(Some(at)),
        ..Default::default()
    }
}
