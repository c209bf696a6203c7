//! Reading the files people bring in, as spreadsheets really write them: UTF-8 with or without a
//! BOM or Windows-1252 (French Excel's "CSV"), `;` `,` or tab separated (sniffed), CRLF, LF or
//! CR-only lines, quoted fields with line breaks, or an Excel workbook (`.xlsx`); and their values: dates in the orders people
//! write them, amounts with either decimal mark; which column is which field. Streamed: a file is
//! never held whole.

mod columns;
mod reader;
mod sheet;
mod values;

pub use columns::{AssetColumn, Column, EmployeeColumn, LocationColumn, Mapping, ModelColumn, UserColumn};
pub use reader::{Dialect, FileProblem, Reader, Record};
pub use values::{DateOrder, parse_amount, parse_date, parse_yes_no};
