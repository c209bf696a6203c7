//! Imports: a file of existing records brought in, checked row by row in a dry run that writes
//! nothing, then committed all or nothing. What a checked row will do is its [`AssetPlan`], stored
//! with the import, so that the commit applies exactly what the dry run showed.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{AssetStatus, Holder, JobKind, JobPayload, Language, Reason};

vocabulary! {
    /// What a file brings in.
    pub enum ImportKind: "import kind" {
        Assets = "assets",
    }
}

vocabulary! {
    /// What a row does to the register: only new records, only changes to existing ones (found
    /// by asset tag), or either.
    #[derive(Default)]
    pub enum ImportMode: "import mode" {
        #[default]
        Create = "create",
        Update = "update",
        Upsert = "upsert",
    }
}

vocabulary! {
    /// Where an import is: waiting for its dry run, being checked, checked (ready to commit),
    /// committed, or failed (the file could not be read; nothing was written).
    pub enum ImportState: "import state" {
        Queued = "queued",
        Checking = "checking",
        Checked = "checked",
        Committed = "committed",
        Failed = "failed",
    }
}

vocabulary! {
    /// What the dry run found a row would do.
    pub enum RowStatus: "row status" {
        Create = "create",
        Update = "update",
        Unchanged = "unchanged",
        Error = "error",
    }
}

vocabulary! {
    /// How a date written with slashes reads: `21/11/26` day first (France, Tunisia), `11/21/26`
    /// month first (Snipe-IT's exports).
    #[derive(Default)]
    pub enum DateOrder: "date order" {
        #[default]
        DayFirst = "day_first",
        MonthFirst = "month_first",
    }
}

/// What the uploader says of the file beside it: which column is which field where the
/// headers do not say, and how its dates read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportOptions {
    /// Header → field name (`asset_tag`, `name`, `serial`, …); an empty name leaves the column out.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub date_order: DateOrder,
    /// The sheet of a workbook to read; its first by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// `import_check`: the dry run of one import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCheck {
    pub import_id: i64,
}

impl JobPayload for ImportCheck {
    const KIND: JobKind = JobKind::ImportCheck;
}

/// A catalogue entry a row names: one that exists, or one the commit creates (with "create missing").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Named {
    Id(i64),
    New(String),
}

/// The model a row names: an existing one, or a new one with its category and manufacturer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelPlan {
    Id(i64),
    New { name: String, model_number: Option<String>, category: Named, manufacturer: Named },
}

/// The location a row names: an existing one, or a new one at its site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationPlan {
    Id(i64),
    New { site: Named, name: String },
}

/// What the commit does with one checked row of an asset file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetPlan {
    /// The asset to change (found by tag), or `None` to register one.
    pub existing: Option<i64>,
    /// The version the dry run read: a change made since refuses the line.
    #[serde(default)]
    pub version: Option<i64>,
    /// `None`: generated at commit.
    pub asset_tag: Option<String>,
    pub name: String,
    pub serial: Option<String>,
    pub model: ModelPlan,
    pub status: AssetStatus,
    pub site: Option<Named>,
    pub location: Option<LocationPlan>,
    pub supplier: Option<Named>,
    pub order_number: Option<String>,
    pub purchase_date: Option<NaiveDate>,
    pub purchase_cost: Option<i64>,
    pub warranty_end: Option<NaiveDate>,
    pub notes: Option<String>,
    /// Checked out to them at commit (a new asset, or one not checked out yet).
    pub holder: Option<Holder>,
    /// The loan's due day, for a holder.
    pub expected_checkin: Option<NaiveDate>,
    /// Last seen in a physical audit.
    pub last_audit: Option<NaiveDate>,
    /// The custom fields' values, checked against the category's fields.
    #[serde(default)]
    pub custom: crate::CustomValues,
}

impl AssetPlan {
    /// The asset's fields, with the ids its names stand for.
    pub fn fields(
        &self,
        model_id: i64,
        site_id: Option<i64>,
        location_id: Option<i64>,
        supplier_id: Option<i64>,
    ) -> crate::AssetFields {
        crate::AssetFields {
            asset_tag: self.asset_tag.clone(),
            serial: self.serial.clone(),
            name: self.name.clone(),
            model_id,
            status: self.status,
            site_id,
            location_id,
            supplier_id,
            order_number: self.order_number.clone(),
            purchase_date: self.purchase_date,
            purchase_cost: self.purchase_cost,
            warranty_end: self.warranty_end,
            notes: self.notes.clone(),
            custom: self.custom.clone(),
        }
    }
}

/// One problem of one row: the file's column (its header) and, in each language, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RowError {
    /// The column's header; `None` for the row as a whole.
    pub column: Option<String>,
    /// The reason's stable code.
    pub code: String,
    /// The reason, in English.
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schema(ignore)]
    pub message_fr: String,
}

impl RowError {
    pub fn new(column: Option<&str>, reason: &Reason) -> RowError {
        RowError {
            column: column.map(str::to_owned),
            code: reason.code().to_owned(),
            message: reason.text(Language::En),
            message_fr: reason.text(Language::Fr),
        }
    }

    /// The reason in `language`.
    pub fn text(&self, language: Language) -> &str {
        match language {
            Language::Fr if !self.message_fr.is_empty() => &self.message_fr,
            _ => &self.message,
        }
    }
}

/// One row of a checked file.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ImportRowView {
    /// The line of the file the row starts on (the header is line 1).
    pub line: i64,
    pub status: RowStatus,
    /// The tag the row names, if any.
    pub asset_tag: Option<String>,
    pub errors: Vec<RowError>,
}

filter! {
    /// Filters of an import's rows, in file order.
    pub struct ImportRowFilter sorted by crate::IdSort {
        status: Option<RowStatus>,
    }
}

/// How many rows do what.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ImportCounts {
    pub create: i64,
    pub update: i64,
    pub unchanged: i64,
    pub error: i64,
}

impl ImportCounts {
    pub fn add(&mut self, status: RowStatus) {
        match status {
            RowStatus::Create => self.create += 1,
            RowStatus::Update => self.update += 1,
            RowStatus::Unchanged => self.unchanged += 1,
            RowStatus::Error => self.error += 1,
        }
    }
}

/// One column of the file and the field it fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ColumnUse {
    pub header: String,
    /// `None`: left out (unknown, or a field another column already fills).
    pub field: Option<String>,
}

/// An import as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportView {
    pub id: i64,
    pub kind: ImportKind,
    pub mode: ImportMode,
    pub create_missing: bool,
    pub state: ImportState,
    pub file_name: String,
    pub options: ImportOptions,
    /// The file's columns, in order, and what each fills (known once checking started).
    pub mapping: Vec<ColumnUse>,
    /// Why the file as a whole cannot be imported (blank or duplicate headers, a column
    /// missing, unreadable bytes).
    pub problems: Vec<RowError>,
    /// The file's rows, once counted.
    pub rows: Option<i64>,
    /// Rows checked so far.
    pub done: i64,
    pub counts: ImportCounts,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub checked_at: Option<DateTime<Utc>>,
    pub committed_at: Option<DateTime<Utc>>,
}

impl ImportView {
    /// Whether the dry run is over.
    pub fn checked(&self) -> bool {
        matches!(self.state, ImportState::Checked | ImportState::Committed | ImportState::Failed)
    }
}

/// `POST /imports/{id}/commit`.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitImport {
    /// Commit the rows without errors and leave out those in error (they stay in the report).
    #[serde(default)]
    pub skip_errors: bool,
}
