//! A list exported for a spreadsheet, as CSV or as an Excel workbook, from the same rows: in
//! CSV, dates and amounts written the way the reader's language writes them; in XLSX, real dates
//! and numbers (with their formats), a frozen bold header and column widths. Rows are added page
//! by page into a temporary file, never all held (the workbook's rows too: rust_xlsxwriter's
//! constant-memory mode), and the file is sent as it is read: 100,000 rows in bounded memory.

use std::io::{BufWriter, Seek, Write};

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use radgestmat_domain::Language;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::ui::i18n::Tr;

/// Which file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Xlsx,
}

/// One cell.
pub enum Cell {
    Text(String),
    /// An amount in millimes.
    Amount(Option<i64>),
    Day(Option<NaiveDate>),
    Instant(Option<DateTime<Utc>>),
}

impl Cell {
    /// A text cell, empty for none.
    pub fn text(text: Option<impl Into<String>>) -> Cell {
        Cell::Text(text.map(Into::into).unwrap_or_default())
    }
}

/// A column: its header and its width in characters (a date 12, an amount 14, a name 24…).
pub type Column = (String, f64);

/// An export being written.
pub struct Table {
    tr: Tr,
    sink: Sink,
    formats: Formats,
}

/// Where the rows go: CSV lines into a temporary file, or the workbook (whose sheet keeps its
/// rows in a temporary file of its own) and its next row.
enum Sink {
    Csv(BufWriter<std::fs::File>),
    Xlsx { book: Box<Workbook>, row: u32 },
}

struct Formats {
    header: Format,
    day: Format,
    instant: Format,
    amount: Format,
}

/// A worksheet's rows (the header's included), and a cell's characters.
const SHEET_ROWS: u32 = 1_048_576;
const CELL_CHARS: usize = 32_767;

fn failed(err: XlsxError) -> crate::ui::UiError {
    match err {
        XlsxError::RowColumnLimitError => {
            let reason = radgestmat_domain::Reason::SheetFull { max: u64::from(SHEET_ROWS - 1) };
            crate::ui::UiError::Refused(vec![radgestmat_domain::FieldError::new("", reason)])
        }
        other => crate::ui::UiError::Internal(anyhow::anyhow!("writing the workbook: {other}")),
    }
}

fn unwritten(err: std::io::Error) -> crate::ui::UiError {
    crate::ui::UiError::Internal(anyhow::anyhow!("writing the export's temporary file: {err}"))
}

impl Table {
    /// An export with these columns (headers in the reader's language).
    pub fn new(kind: Kind, tr: Tr, columns: &[Column]) -> Result<Table, crate::ui::UiError> {
        let headers: Vec<String> = columns.iter().map(|(header, _)| header.clone()).collect();
        let day = match tr.language {
            Language::Fr => "dd/mm/yyyy",
            Language::En => "yyyy-mm-dd",
        };
        let formats = Formats {
            header: Format::new().set_bold(),
            day: Format::new().set_num_format(day),
            instant: Format::new().set_num_format(format!("{day} hh:mm")),
            amount: Format::new().set_num_format("#,##0.000"),
        };
        let sink = match kind {
            Kind::Csv => {
                let mut out = BufWriter::new(tempfile::tempfile().map_err(unwritten)?);
                write!(out, "{}{}", crate::csv::BOM, crate::csv::line(&headers)).map_err(unwritten)?;
                Sink::Csv(out)
            }
            Kind::Xlsx => {
                let mut book = Box::new(Workbook::new());
                let sheet = book.add_worksheet_with_constant_memory().map_err(failed)?;
                for (i, (text, width)) in columns.iter().enumerate() {
                    sheet.set_column_width(i as u16, *width).map_err(failed)?;
                    sheet.write_string_with_format(0, i as u16, text, &formats.header).map_err(failed)?;
                }
                sheet.set_freeze_panes(1, 0).map_err(failed)?;
                Sink::Xlsx { book, row: 1 }
            }
        };
        Ok(Table { tr, sink, formats })
    }

    pub fn row(&mut self, cells: Vec<Cell>) -> Result<(), crate::ui::UiError> {
        let tr = self.tr;
        match &mut self.sink {
            Sink::Csv(out) => {
                let texts: Vec<String> = cells
                    .into_iter()
                    .map(|cell| match cell {
                        Cell::Text(text) => text,
                        Cell::Amount(m) => m.map(|m| tr.spreadsheet_amount(m)).unwrap_or_default(),
                        Cell::Day(d) => d.map(|d| tr.date(&d)).unwrap_or_default(),
                        Cell::Instant(at) => at.map(|at| tr.time(&at)).unwrap_or_default(),
                    })
                    .collect();
                out.write_all(crate::csv::line(&texts).as_bytes()).map_err(unwritten)
            }
            Sink::Xlsx { book, row } => {
                sheet_row(book, *row, cells, &self.formats, tr.offset).map_err(failed)?;
                *row += 1;
                Ok(())
            }
        }
    }

    /// The file, as a download named `name` (without its extension), sent as it is read.
    pub async fn finish(self, name: &str) -> Result<Response, crate::ui::UiError> {
        let (file, content_type, extension) = match self.sink {
            Sink::Csv(out) => {
                (out.into_inner().map_err(|e| unwritten(e.into_error()))?, "text/csv; charset=utf-8", "csv")
            }
            Sink::Xlsx { mut book, .. } => {
                // Zipping the sheets takes a while: on a blocking thread.
                let saved = tokio::task::spawn_blocking(move || {
                    let mut file = tempfile::tempfile().map_err(unwritten)?;
                    book.save_to_writer(&mut file).map_err(failed)?;
                    Ok::<_, crate::ui::UiError>(file)
                });
                let file = saved.await.map_err(|e| crate::ui::UiError::Internal(e.into()))??;
                (file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
            }
        };
        let mut file = file;
        file.rewind().map_err(unwritten)?;
        let body = Body::from_stream(tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(file)));
        let disposition = format!("attachment; filename=\"{name}.{extension}\"");
        Ok(([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
            .into_response())
    }
}
/// One row of the sheet.
fn sheet_row(
    book: &mut Workbook,
    row: u32,
    cells: Vec<Cell>,
    f: &Formats,
    offset: chrono::FixedOffset,
) -> Result<(), XlsxError> {
    if row >= SHEET_ROWS {
        return Err(XlsxError::RowColumnLimitError);
    }
    let sheet = book.worksheet_from_index(0)?;
    for (i, cell) in cells.into_iter().enumerate() {
        let column = i as u16;
        match cell {
            Cell::Text(text) if text.is_empty() => {}
            Cell::Text(text) => {
                // A cell holds at most 32,767 characters (a long audit entry is cut).
                let cut: String = text.chars().take(CELL_CHARS).collect();
                sheet.write_string(row, column, cut)?;
            }
            Cell::Amount(Some(m)) => {
                sheet.write_number_with_format(row, column, m as f64 / 1000.0, &f.amount)?;
            }
            Cell::Day(Some(d)) => {
                let day = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                sheet.write_datetime_with_format(row, column, day, &f.day)?;
            }
            Cell::Instant(Some(at)) => {
                let local = at.with_timezone(&offset);
                let when = ExcelDateTime::from_ymd(local.year() as u16, local.month() as u8, local.day() as u8)?
                    .and_hms(local.hour() as u16, local.minute() as u8, local.second() as f64)?;
                sheet.write_datetime_with_format(row, column, when, &f.instant)?;
            }
            Cell::Amount(None) | Cell::Day(None) | Cell::Instant(None) => {}
        }
    }
    Ok(())
}
