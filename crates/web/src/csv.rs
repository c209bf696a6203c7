//! CSV for spreadsheets: UTF-8 with a BOM, `;` separated (what a spreadsheet set to French
//! opens as columns), every cell safe to open.

pub const BOM: char = '\u{feff}';

/// One line, CRLF-terminated.
pub fn line(cells: &[String]) -> String {
    let mut out = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(";");
    out.push_str("\r\n");
    out
}

/// A CSV cell: quoted when it holds a separator, a quote or a line break; text a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'`.
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([';', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a;b"), "\"a;b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(line(&["a".into(), "b;c".into()]), "a;\"b;c\"\r\n");
    }
}
