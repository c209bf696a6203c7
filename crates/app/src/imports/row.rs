//! One row of a file being checked, whatever its kind: its cells by field, the problems found
//! so far, each with its column; and what checks a kind's rows.

use chrono::NaiveDate;
use radgestmat_domain::{DateOrder, DomainError, ImportView, Named, Plan, Reason, RowError, RowStatus, Term};
use radgestmat_import::{Column, Record, parse_date, parse_yes_no};
use radgestmat_store::{CheckedRow, Found, Lookups, NameIndex};

use super::mapping::Columns;

/// What checking a file's rows reads: the register's names, the file's columns, the import.
pub(crate) struct File<'a, C> {
    pub lookups: &'a Lookups,
    pub columns: &'a Columns<C>,
    pub import: &'a ImportView,
}

/// Checks the rows of one file, in order (what a file gives twice is caught on its second line).
pub(crate) trait Checker {
    fn check(&mut self, record: &Record) -> CheckedRow;
}

/// Makes the checker of a kind of file.
pub(crate) type MakeChecker<C> = for<'a> fn(&'a File<'a, C>) -> Box<dyn Checker + 'a>;

/// One row being read: its cells, and the problems found so far.
pub(super) struct Row<'r, C> {
    pub(super) values: &'r [String],
    columns: &'r Columns<C>,
    pub(super) errors: Vec<RowError>,
}

impl<'r, C: Column> Row<'r, C> {
    pub(super) fn new(record: &'r Record, columns: &'r Columns<C>) -> Row<'r, C> {
        Row { values: &record.values, columns, errors: Vec::new() }
    }

    /// The cell of a field, unless empty.
    pub(super) fn cell(&self, field: C) -> Option<&'r str> {
        let i = self.columns.of(field)?;
        self.values.get(i).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub(super) fn fail(&mut self, field: Option<C>, reason: Reason) {
        let column = field.and_then(|f| self.columns.header_of(f));
        self.errors.push(RowError::new(column, &reason));
    }

    pub(super) fn date(&mut self, field: C, order: DateOrder) -> Option<NaiveDate> {
        let text = self.cell(field)?;
        let day = parse_date(text, order);
        if day.is_none() {
            self.fail(Some(field), Reason::DateExample);
        }
        day
    }

    pub(super) fn text(&self, field: C) -> Option<String> {
        self.cell(field).map(str::to_owned)
    }

    /// The record a name finds in `index`; a new one to create, or an error.
    pub(super) fn named(&mut self, field: C, index: &NameIndex, what: Term, create_missing: bool) -> Option<Named> {
        let name = self.cell(field)?.to_owned();
        match index.find(&name) {
            Found::One(id) => Some(Named::Id(id)),
            Found::Several => {
                self.fail(Some(field), Reason::AmbiguousNamed { what, name });
                None
            }
            Found::None if create_missing => Some(Named::New(name)),
            Found::None => {
                self.fail(Some(field), Reason::UnknownNamed { what, name });
                None
            }
        }
    }

    /// A yes or a no; `None` when empty.
    pub(super) fn yes_no(&mut self, field: C) -> Option<bool> {
        let text = self.cell(field)?;
        let answer = parse_yes_no(text);
        if answer.is_none() {
            self.fail(Some(field), Reason::YesOrNo);
        }
        answer
    }

    /// The row's result: its plan and what it does, or in error with every reason found.
    pub(super) fn checked(self, record: &Record, key: Option<String>, plan: Option<(Plan, RowStatus)>) -> CheckedRow {
        let line = record.line as i64;
        match plan {
            Some((plan, status)) if self.errors.is_empty() => {
                let plan = (status != RowStatus::Unchanged).then_some(plan);
                CheckedRow { line, status, key, plan, errors: Vec::new() }
            }
            _ => CheckedRow { line, status: RowStatus::Error, key, plan: None, errors: self.errors },
        }
    }
}

/// A domain rule's refusal, as the row's errors on a column.
pub(super) fn fail_domain<C: Column>(row: &mut Row<'_, C>, field: C, err: DomainError) {
    match err {
        DomainError::Invalid(errors) => errors.into_iter().for_each(|e| row.fail(Some(field), e.reason)),
        DomainError::Conflict { reason, .. } => row.fail(Some(field), reason),
        other => row.fail(Some(field), Reason::Malformed { detail: other.to_string() }),
    }
}
