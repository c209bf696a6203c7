//! A CSV file or an Excel workbook as records with their line numbers, whatever the CSV's
//! encoding, separator and line ends.

use std::io::{self, Read};
use std::sync::mpsc::Receiver;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// How much of a file is looked at to tell its encoding and separator.
const SNIFF: u64 = 64 * 1024;

/// How a file is written, as told from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub encoding: &'static Encoding,
    pub delimiter: u8,
}

impl Dialect {
    /// UTF-8 (a BOM or not) when the bytes are UTF-8, else Windows-1252; the separator the first
    /// line holds most of, outside quotes (`;` on a tie: a French file's amounts hold commas).
    pub fn sniff(sample: &[u8]) -> Dialect {
        let text = sample.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(sample);
        let encoding = match std::str::from_utf8(text) {
            Ok(_) => UTF_8,
            // Cut in the middle of a character at the end of the sample: still UTF-8.
            Err(e) if e.error_len().is_none() => UTF_8,
            Err(_) => WINDOWS_1252,
        };
        Dialect { encoding, delimiter: first_line_delimiter(text) }
    }
}

fn first_line_delimiter(text: &[u8]) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for &byte in text {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => counts.iter_mut().filter(|(d, _)| *d == byte).for_each(|(_, n)| *n += 1),
            _ => {}
        }
    }
    counts.iter().fold((b';', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}

/// What makes a file unreadable as a table, said with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// No header line.
    Empty,
    /// A column without a name (1-based).
    BlankHeader { column: usize },
    /// Two columns with one name (1-based).
    DuplicateHeader { name: String, first: usize, again: usize },
    /// The bytes could not be read or split (its line, 1-based).
    Unreadable { line: u64, detail: String },
    /// The workbook has no sheet of that name.
    NoSheet { detail: String },
    /// An Excel 97–2003 workbook (`.xls`), which is read only once saved as `.xlsx` or CSV.
    OldExcel,
}

/// One row of the file: the line it starts on (a quoted field may span several) and its values,
/// trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub values: Vec<String>,
}

/// The rows of a file, after its header line.
pub struct Reader {
    /// How the CSV is written; `None` for a workbook.
    pub dialect: Option<Dialect>,
    /// The columns' names, trimmed.
    pub headers: Vec<String>,
    rows: Rows,
}

enum Rows {
    Csv(csv::StringRecordsIntoIter<Box<dyn Read + Send>>),
    Sheet(Receiver<crate::sheet::Item>),
}

impl Reader {
    /// Opens a CSV file or the first sheet of a workbook.
    pub fn open(input: impl Read + Send + 'static) -> Result<Reader, Vec<FileProblem>> {
        Reader::open_sheet(input, None)
    }

    /// Opens a file: a workbook (its sheet `sheet`, else its first) or a CSV file, whose
    /// dialect is sniffed; reads its header line and checks it (every problem at once).
    pub fn open_sheet(mut input: impl Read + Send + 'static, sheet: Option<&str>) -> Result<Reader, Vec<FileProblem>> {
        let mut sample = Vec::new();
        let unreadable = |e: io::Error| vec![FileProblem::Unreadable { line: 1, detail: e.to_string() }];
        (&mut input).take(SNIFF).read_to_end(&mut sample).map_err(unreadable)?;
        if sample.starts_with(b"PK\x03\x04") {
            input.read_to_end(&mut sample).map_err(unreadable)?;
            let (mut headers, rows) = crate::sheet::open(sample, sheet.map(str::to_owned))?;
            while headers.last().is_some_and(|h| h.trim().is_empty()) {
                headers.pop();
            }
            let headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
            let problems = if headers.is_empty() { vec![FileProblem::Empty] } else { header_problems(&headers) };
            return match problems.is_empty() {
                true => Ok(Reader { dialect: None, headers, rows: Rows::Sheet(rows) }),
                false => Err(problems),
            };
        }
        if sample.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(vec![FileProblem::OldExcel]);
        }
        let dialect = Dialect::sniff(&sample);
        let decoded = DecodeReaderBytesBuilder::new()
            .encoding(Some(dialect.encoding))
            .bom_override(true)
            .build(io::Cursor::new(sample).chain(input));
        let lines: Box<dyn Read + Send> = Box::new(LineEnds { inner: decoded, after_cr: false });
        let mut csv = csv::ReaderBuilder::new().delimiter(dialect.delimiter).flexible(true).from_reader(lines);
        let headers: Vec<String> = match csv.headers() {
            Ok(h) if !h.is_empty() => h.iter().map(|name| name.trim().to_owned()).collect(),
            Ok(_) => return Err(vec![FileProblem::Empty]),
            Err(e) => return Err(vec![FileProblem::Unreadable { line: 1, detail: e.to_string() }]),
        };
        let problems = header_problems(&headers);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Reader { dialect: Some(dialect), headers, rows: Rows::Csv(csv.into_records()) })
    }
}

fn header_problems(headers: &[String]) -> Vec<FileProblem> {
    let mut problems = Vec::new();
    for (i, name) in headers.iter().enumerate() {
        if name.is_empty() {
            problems.push(FileProblem::BlankHeader { column: i + 1 });
        } else if let Some(first) = headers[..i].iter().position(|other| other.eq_ignore_ascii_case(name)) {
            problems.push(FileProblem::DuplicateHeader { name: name.clone(), first: first + 1, again: i + 1 });
        }
    }
    problems
}

impl Iterator for Reader {
    type Item = Result<Record, FileProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        let records = match &mut self.rows {
            Rows::Csv(records) => records,
            Rows::Sheet(rows) => loop {
                match rows.recv() {
                    Ok(crate::sheet::Item::Row(row)) => return Some(row),
                    Ok(crate::sheet::Item::Headers(_)) => continue,
                    Err(_) => return None,
                }
            },
        };
        let record = records.next()?;
        Some(match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                Ok(Record { line, values: r.iter().map(|v| v.trim().to_owned()).collect() })
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                Err(FileProblem::Unreadable { line, detail: e.to_string() })
            }
        })
    }
}

/// Line ends as one: CRLF and a lone CR (old Mac exports) read as LF, so that lines are counted
/// in every file.
struct LineEnds<R> {
    inner: R,
    after_cr: bool,
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            for i in 0..n {
                let byte = buf[i];
                if byte == b'\n' && self.after_cr {
                    self.after_cr = false;
                    continue;
                }
                self.after_cr = byte == b'\r';
                buf[kept] = if byte == b'\r' { b'\n' } else { byte };
                kept += 1;
            }
            // Everything read was the LF of a CRLF split across two reads: read on.
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &'static [u8]) -> (Reader, Vec<Record>) {
        let mut reader = Reader::open(bytes).expect("opens");
        let records = (&mut reader).map(|r| r.expect("a record")).collect();
        (reader, records)
    }

    #[test]
    fn a_french_excel_csv_in_windows_1252_with_semicolons_and_crlf() {
        // "N° d'inventaire;Désignation;Prix d'achat" and "Écran; 1 234,500" in Windows-1252.
        let file: &'static [u8] =
            b"N\xb0 d'inventaire;D\xe9signation;Prix d'achat\r\nKIT-1;\xc9cran 24\";1 234,500\r\nKIT-2;Souris;12\r\n";
        let (reader, records) = rows(file);
        assert_eq!((reader.dialect.unwrap().encoding, reader.dialect.unwrap().delimiter), (WINDOWS_1252, b';'));
        assert_eq!(reader.headers, ["N° d'inventaire", "Désignation", "Prix d'achat"]);
        assert_eq!(
            records[0],
            Record { line: 2, values: vec!["KIT-1".into(), "Écran 24\"".into(), "1 234,500".into()] }
        );
        assert_eq!(records[1].line, 3);
    }

    #[test]
    fn utf8_with_a_bom_commas_quoted_line_breaks_and_cr_only_lines() {
        let file: &'static [u8] =
            "\u{feff}Asset Tag,Item Name,Notes\rKIT-1,\"Latitude, 14\"\"\",\"ligne 1\nligne 2\"\rKIT-2,Souris,\r"
                .as_bytes();
        let (reader, records) = rows(file);
        assert_eq!((reader.dialect.unwrap().encoding, reader.dialect.unwrap().delimiter), (UTF_8, b','));
        assert_eq!(reader.headers[0], "Asset Tag", "the BOM is not part of the first name");
        assert_eq!(records[0].values, ["KIT-1", "Latitude, 14\"", "ligne 1\nligne 2"]);
        assert_eq!((records[0].line, records[1].line), (2, 4), "a quoted field's line break counts");
    }

    #[test]
    fn tabs_are_sniffed_outside_quotes() {
        let (reader, records) = rows(b"tag\tname\t\"a;b;c\"\nKIT-1\tCl\xc3\xa9\tx\n");
        assert_eq!(reader.dialect.unwrap().delimiter, b'\t');
        assert_eq!(records[0].values, ["KIT-1", "Clé", "x"]);
    }

    #[test]
    fn blank_and_duplicate_headers_are_all_reported() {
        let Err(problems) = Reader::open(&b"tag;;Name;name;\nx;y;z;w;v\n"[..]) else { panic!("opened") };
        assert_eq!(
            problems,
            [
                FileProblem::BlankHeader { column: 2 },
                FileProblem::DuplicateHeader { name: "name".into(), first: 3, again: 4 },
                FileProblem::BlankHeader { column: 5 },
            ]
        );
        assert!(matches!(Reader::open(&b""[..]), Err(p) if p == [FileProblem::Empty]));
    }

    #[test]
    fn a_crlf_split_between_two_reads_is_one_line_end() {
        // One byte at a time: every CR comes in a read of its own, its LF in the next.
        struct Trickle(&'static [u8]);
        impl Read for Trickle {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let Some((first, rest)) = self.0.split_first() else { return Ok(0) };
                buf[0] = *first;
                self.0 = rest;
                Ok(1)
            }
        }
        let mut lines = LineEnds { inner: Trickle(b"a\r\nb\rc\n"), after_cr: false };
        let mut out = String::new();
        lines.read_to_string(&mut out).unwrap();
        assert_eq!(out, "a\nb\nc\n");
    }
}
