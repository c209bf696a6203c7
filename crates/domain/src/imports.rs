//! Imports: a file of existing records brought in, checked row by row in a dry run that writes
//! nothing, then committed all or nothing. What a checked row will do is its plan
//! ([`crate::Plan`]), stored with the import, so that the commit applies exactly what the dry run
//! showed.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{JobKind, JobPayload, Language, Reason};

vocabulary! {
    /// What a file brings in.
    pub enum ImportKind: "import kind" {
        Assets = "assets",
        Employees = "employees",
        Locations = "locations",
        Models = "models",
        Users = "users",
    }
}

impl ImportKind {
    /// Who may import such a file: accounts are the administrators' (an account file sets roles
    /// and passwords), the rest the IT service's too.
    pub fn permission(self) -> crate::Permission {
        match self {
            ImportKind::Users => crate::Permission::ManageUsers,
            _ => crate::Permission::ManageInventory,
        }
    }

    /// Whether its rows may fill custom fields (an asset's).
    pub fn has_custom_fields(self) -> bool {
        self == ImportKind::Assets
    }
}

vocabulary! {
    /// What a row does to the register: only new records, only changes to existing ones (found
    /// by their key: an asset's tag, an employee's matricule, a model's name and number, an
    /// account's username, a location's site and name), or either.
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
    /// What the row names its record by: an asset's tag, an employee's matricule, a location's
    /// or a model's name, an account's username.
    pub key: Option<String>,
    /// The tag an asset row names (`key`, in an asset file).
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
