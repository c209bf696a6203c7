//! An Excel workbook (`.xlsx`): its first sheet or a named one, read cell by cell in a thread of
//! its own and handed over row by row through a small channel, so that a large workbook is never
//! held as a table. A cell reads as the text a CSV of it would hold: dates as `2026-11-21`,
//! numbers as written (`1234.5`), so that the same value parsers serve both.

use std::io::Cursor;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{DataRef, Reader as _, Xlsx};

use crate::reader::{FileProblem, Record};

/// What the reading thread sends: the header row first, then the rows.
pub(crate) enum Item {
    Headers(Vec<String>),
    Row(Result<Record, FileProblem>),
}

/// Starts reading `bytes` (a workbook); returns its header row and the rows to come.
pub(crate) fn open(bytes: Vec<u8>, sheet: Option<String>) -> Result<(Vec<String>, Receiver<Item>), Vec<FileProblem>> {
    let (send, receive) = sync_channel(256);
    std::thread::Builder::new()
        .name("xlsx-reader".into())
        .spawn(move || read(bytes, sheet.as_deref(), &send))
        .map_err(|e| vec![FileProblem::Unreadable { line: 1, detail: e.to_string() }])?;
    match receive.recv() {
        Ok(Item::Headers(headers)) => Ok((headers, receive)),
        Ok(Item::Row(Err(problem))) => Err(vec![problem]),
        Ok(Item::Row(Ok(_))) | Err(_) => Err(vec![FileProblem::Empty]),
    }
}

fn read(bytes: Vec<u8>, sheet: Option<&str>, send: &SyncSender<Item>) {
    let unreadable = |detail: String| Item::Row(Err(FileProblem::Unreadable { line: 1, detail }));
    let mut book: Xlsx<_> = match Xlsx::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(e) => return drop(send.send(unreadable(format!("not a readable .xlsx workbook: {e}")))),
    };
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.eq_ignore_ascii_case(wanted)).cloned(),
        None => names.first().cloned(),
    };
    let Some(name) = name else {
        let detail = format!("no sheet named {:?} (the workbook has {})", sheet.unwrap_or(""), names.join(", "));
        return drop(send.send(Item::Row(Err(FileProblem::NoSheet { detail }))));
    };
    let mut cells = match book.worksheet_cells_reader(&name) {
        Ok(cells) => cells,
        Err(e) => return drop(send.send(unreadable(e.to_string()))),
    };
    let (mut row, mut values, mut first) = (None, Vec::new(), true);
    loop {
        let cell = match cells.next_cell() {
            Ok(cell) => cell,
            Err(e) => {
                return drop(send.send(Item::Row(Err(FileProblem::Unreadable {
                    line: row.map_or(1, |r: u32| u64::from(r) + 1),
                    detail: e.to_string(),
                }))));
            }
        };
        let position = cell.as_ref().map(|c| c.get_position());
        if let Some(current) = row
            && position.is_none_or(|(r, _)| r != current)
        {
            let item = if std::mem::take(&mut first) {
                Item::Headers(std::mem::take(&mut values))
            } else {
                Item::Row(Ok(Record { line: u64::from(current) + 1, values: std::mem::take(&mut values) }))
            };
            let blank = matches!(&item, Item::Row(Ok(r)) if r.values.iter().all(String::is_empty));
            if !blank && send.send(item).is_err() {
                return; // The reader was dropped.
            }
        }
        let Some(cell) = cell else { return };
        let (r, column) = cell.get_position();
        row = Some(r);
        let column = column as usize;
        if values.len() <= column {
            values.resize(column + 1, String::new());
        }
        values[column] = text(cell.get_value());
    }
}

/// A cell as text.
fn text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::String(s) => s.trim().to_owned(),
        DataRef::SharedString(s) => s.trim().to_owned(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d.as_datetime().map(|d| d.date().format("%Y-%m-%d").to_string()).unwrap_or_default(),
        DataRef::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        DataRef::DurationIso(_) | DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    use crate::reader::{FileProblem, Reader};

    fn workbook() -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("Inventaire").unwrap();
        for (column, header) in
            ["N° d'inventaire", "Désignation", "Date d'achat", "Prix d'achat", "Quantité"].iter().enumerate()
        {
            sheet.write_string(0, column as u16, *header).unwrap();
        }
        let day = Format::new().set_num_format("dd/mm/yyyy");
        sheet.write_string(1, 0, "KIT-1").unwrap();
        sheet.write_string(1, 1, " Écran 24\" ").unwrap();
        sheet.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2025, 11, 21).unwrap(), &day).unwrap();
        sheet.write_number(1, 3, 1234.5).unwrap();
        sheet.write_number(1, 4, 3.0).unwrap();
        // Row 3 is left empty; row 4 has only its tag.
        sheet.write_string(3, 0, "KIT-2").unwrap();
        let other = book.add_worksheet().set_name("Stock").unwrap();
        other.write_string(0, 0, "Asset Tag").unwrap();
        other.write_string(1, 0, "KIT-9").unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_workbook_reads_row_by_row_as_its_csv_would() {
        let mut reader = Reader::open(std::io::Cursor::new(workbook())).expect("opens");
        assert_eq!(reader.dialect, None);
        assert_eq!(reader.headers, ["N° d'inventaire", "Désignation", "Date d'achat", "Prix d'achat", "Quantité"]);
        let rows: Vec<_> = (&mut reader).map(|r| r.expect("a row")).collect();
        assert_eq!(rows.len(), 2, "the empty row is skipped: {rows:?}");
        assert_eq!(rows[0].line, 2, "lines are the sheet's row numbers");
        assert_eq!(rows[0].values, ["KIT-1", "Écran 24\"", "2025-11-21", "1234.5", "3"]);
        assert_eq!((rows[1].line, rows[1].values[0].as_str()), (4, "KIT-2"));
    }

    #[test]
    fn a_named_sheet_is_read_and_an_unknown_one_is_said() {
        let mut stock = Reader::open_sheet(std::io::Cursor::new(workbook()), Some("stock")).expect("opens");
        assert_eq!(stock.headers, ["Asset Tag"]);
        assert_eq!(stock.next().unwrap().unwrap().values, ["KIT-9"]);
        let Err(problems) = Reader::open_sheet(std::io::Cursor::new(workbook()), Some("Feuil9")) else {
            panic!("opened")
        };
        assert!(
            matches!(&problems[..], [FileProblem::NoSheet { detail }] if detail.contains("Inventaire, Stock")),
            "{problems:?}"
        );
        let Err(problems) = Reader::open(std::io::Cursor::new(b"PK\x03\x04 not a zip".to_vec())) else {
            panic!("opened")
        };
        assert!(matches!(&problems[..], [FileProblem::Unreadable { .. }]), "{problems:?}");
        let old = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1].to_vec();
        assert!(matches!(Reader::open(std::io::Cursor::new(old)), Err(p) if p == [FileProblem::OldExcel]));
    }
}
