//! Label sheets: the layouts, where each label goes, and what one label shows.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use qrcode::{EcLevel, QrCode};
pub use radgestmat_domain::{LabelLayout as Layout, Symbology};

use crate::text::{fit, width, win_ansi};

/// One label: what its code carries and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// What the QR code encodes: the asset's address (`https://…/a/KIT-000123`).
    pub url: String,
    pub tag: String,
    pub name: String,
    /// The company's name, in small print.
    pub company: Option<String>,
}

/// Why a sheet cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelError {
    /// The address is too long for a QR code that still reads on a small label.
    UrlTooLong(String),
    /// The tag holds a character Code 128 cannot carry.
    NotCode128 { tag: String, character: char },
    /// The start position is past the sheet's last label.
    StartPastSheet { start: usize, per_sheet: usize },
}

const MM: f32 = 72.0 / 25.4;

/// A layout's geometry, in millimetres: the page, one label, the grid and where it starts.
struct Geometry {
    page: (f32, f32),
    label: (f32, f32),
    columns: usize,
    rows: usize,
    /// The top left corner of the first label.
    left: f32,
    top: f32,
    /// From one label to the next.
    pitch: (f32, f32),
}

fn geometry(layout: Layout) -> Geometry {
    match layout {
        // 65 labels of 38.1 × 21.2 mm on A4, 5 × 13.
        Layout::AveryL7651 => Geometry {
            page: (210.0, 297.0),
            label: (38.1, 21.2),
            columns: 5,
            rows: 13,
            left: 4.75,
            top: 10.7,
            pitch: (40.64, 21.2),
        },
        // 21 labels of 63.5 × 38.1 mm on A4, 3 × 7.
        Layout::AveryL7160 => Geometry {
            page: (210.0, 297.0),
            label: (63.5, 38.1),
            columns: 3,
            rows: 7,
            left: 7.2,
            top: 15.15,
            pitch: (66.04, 38.1),
        },
        // One label per page: a 62 mm roll cut at 29 mm (Brother DK-11209), a Dymo 11352.
        Layout::Brother62 => single(62.0, 29.0),
        Layout::Dymo54x25 => single(54.0, 25.0),
    }
}

fn single(width: f32, height: f32) -> Geometry {
    Geometry {
        page: (width, height),
        label: (width, height),
        columns: 1,
        rows: 1,
        left: 0.0,
        top: 0.0,
        pitch: (width, height),
    }
}

/// The labels per page of a layout.
pub fn per_sheet(layout: Layout) -> usize {
    let g = geometry(layout);
    g.columns * g.rows
}

/// A PDF of `labels` in `layout`, the first one at position `start` (1-based, left to right
/// then top to bottom: the rest of a partly used sheet).
pub fn label_sheet(
    labels: &[Label],
    layout: Layout,
    symbology: Symbology,
    start: usize,
) -> Result<Vec<u8>, LabelError> {
    let g = geometry(layout);
    let per_sheet = g.columns * g.rows;
    let skip = start.max(1) - 1;
    if skip >= per_sheet && per_sheet > 1 {
        return Err(LabelError::StartPastSheet { start, per_sheet });
    }
    let skip = if per_sheet == 1 { 0 } else { skip };
    let slots = skip + labels.len();
    let pages = slots.div_ceil(per_sheet).max(1);

    let mut pdf = Pdf::new();
    let (catalog, tree, regular, bold) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
    pdf.catalog(catalog).pages(tree);
    let page_ids: Vec<Ref> = (0..pages).map(|i| Ref::new(5 + 2 * i as i32)).collect();
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages as i32);
    pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
    for (index, page_id) in page_ids.iter().enumerate() {
        let content_id = Ref::new(page_id.get() + 1);
        let mut content = Content::new();
        for slot in index * per_sheet..((index + 1) * per_sheet).min(slots) {
            let Some(label) = slot.checked_sub(skip).and_then(|i| labels.get(i)) else { continue };
            let position = slot % per_sheet;
            let (column, row) = (position % g.columns, position / g.columns);
            let x = g.left + column as f32 * g.pitch.0;
            let top = g.top + row as f32 * g.pitch.1;
            let area = Area { x: x * MM, y: (g.page.1 - top - g.label.1) * MM, w: g.label.0 * MM, h: g.label.1 * MM };
            draw(&mut content, label, area, symbology)?;
        }
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, g.page.0 * MM, g.page.1 * MM)).parent(tree).contents(content_id);
        page.resources().fonts().pair(Name(b"F1"), regular).pair(Name(b"F2"), bold);
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    Ok(pdf.finish())
}

/// A label's rectangle on the page, in points, from its bottom left corner.
#[derive(Clone, Copy)]
struct Area {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

fn draw(content: &mut Content, label: &Label, area: Area, symbology: Symbology) -> Result<(), LabelError> {
    let pad = (area.h * 0.08).min(2.0 * MM);
    match symbology {
        Symbology::Qr => {
            let side = area.h - 2.0 * pad;
            qr(content, &label.url, area.x + pad, area.y + pad, side)?;
            let text_x = area.x + 2.0 * pad + side;
            let room = Area { x: text_x, y: area.y + pad, w: area.x + area.w - pad - text_x, h: area.h - 2.0 * pad };
            lines(content, label, room);
        }
        Symbology::Code128 => {
            let bars_h = (area.h - 2.0 * pad) * 0.45;
            let bars = crate::code128(&label.tag)
                .map_err(|e| LabelError::NotCode128 { tag: label.tag.clone(), character: e.0 })?;
            barcode(content, &bars, area.x + pad, area.y + pad, area.w - 2.0 * pad, bars_h);
            let gap = pad.max(1.0 * MM);
            let room = Area {
                x: area.x + pad,
                y: area.y + pad + bars_h + gap,
                w: area.w - 2.0 * pad,
                h: area.h - 2.0 * pad - bars_h - gap,
            };
            lines(content, label, room);
        }
    }
    Ok(())
}

/// The tag in bold, the name on up to two lines, the company in small print, from the top.
fn lines(content: &mut Content, label: &Label, room: Area) {
    // The tag whole, as large as the room allows: it is what people read.
    let tag_size = fitting(&label.tag, true, (room.h * 0.28).min(14.0), room.w);
    let size = ((room.h * 0.28).min(14.0) * 0.72).min(tag_size * 0.85).max(4.0);
    let mut y = room.y + room.h - tag_size;
    let show = |content: &mut Content, text: &str, font: &[u8], size: f32, y: f32| {
        content.begin_text().set_font(Name(font), size).next_line(room.x, y).show(Str(&win_ansi(text))).end_text();
    };
    content.set_fill_gray(0.0);
    show(content, &label.tag, b"F2", tag_size, y);
    let mut name = label.name.as_str();
    for _ in 0..2 {
        if name.is_empty() || y - size * 1.2 < room.y + size {
            break;
        }
        y -= size * 1.25;
        let line = wrap(name, size, room.w);
        show(content, &fit(line, size, false, room.w), b"F1", size, y);
        name = name[line.len()..].trim_start();
    }
    if let Some(company) = &label.company {
        let small = fitting(company, false, size * 0.8, room.w).max(4.0);
        show(content, &fit(company, small, false, room.w), b"F1", small, room.y);
    }
}

/// The largest size up to `max` at which `text` fits `room` points.
fn fitting(text: &str, bold: bool, max: f32, room: f32) -> f32 {
    let at_one = width(text, 1.0, bold);
    if at_one <= 0.0 { max } else { max.min(room / at_one) }
}

/// The longest start of `text` that fits `max` points, cut after a word when it can be.
fn wrap(text: &str, size: f32, max: f32) -> &str {
    if width(text, size, false) <= max {
        return text;
    }
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            if width(&text[..i], size, false) > max {
                break;
            }
            end = i;
        }
    }
    if end == 0 { text } else { &text[..end] }
}

/// A QR code of `data`, `side` points wide with a quiet zone of two modules inside.
fn qr(content: &mut Content, data: &str, x: f32, y: f32, side: f32) -> Result<(), LabelError> {
    let code =
        QrCode::with_error_correction_level(data, EcLevel::M).map_err(|_| LabelError::UrlTooLong(data.to_owned()))?;
    let modules = code.width();
    let quiet = 2;
    let size = side / (modules + 2 * quiet) as f32;
    let dark: Vec<bool> = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    content.set_fill_gray(0.0);
    for row in 0..modules {
        // Runs of dark modules as one rectangle each.
        let mut column = 0;
        while column < modules {
            if !dark[row * modules + column] {
                column += 1;
                continue;
            }
            let run_start = column;
            while column < modules && dark[row * modules + column] {
                column += 1;
            }
            let left = x + (quiet + run_start) as f32 * size;
            let bottom = y + side - (quiet + row + 1) as f32 * size;
            content.rect(left, bottom, (column - run_start) as f32 * size, size);
        }
    }
    content.fill_nonzero();
    Ok(())
}

/// Bars of module widths `bars` (bar first), with a quiet zone of ten modules each side.
fn barcode(content: &mut Content, bars: &[u8], x: f32, y: f32, w: f32, h: f32) {
    let modules: u32 = bars.iter().map(|&b| u32::from(b)).sum::<u32>() + 20;
    let module = w / modules as f32;
    let mut at = x + 10.0 * module;
    content.set_fill_gray(0.0);
    for (i, &width) in bars.iter().enumerate() {
        let width = f32::from(width) * module;
        if i % 2 == 0 {
            content.rect(at, y, width, h);
        }
        at += width;
    }
    content.fill_nonzero();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<Label> {
        (1..=n)
            .map(|i| Label {
                url: format!("https://parc.magasin.tn/a/KIT-{i:06}"),
                tag: format!("KIT-{i:06}"),
                name: "Portable Dell Latitude 5440 de la comptabilité".into(),
                company: Some("Magasins Généraux".into()),
            })
            .collect()
    }

    #[test]
    fn a_sheet_holds_its_layout_and_a_start_position_skips_used_labels() {
        assert_eq!((per_sheet(Layout::AveryL7651), per_sheet(Layout::AveryL7160)), (65, 21));
        let pdf = label_sheet(&labels(70), Layout::AveryL7651, Symbology::Qr, 1).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Count 2"), "70 labels on two sheets");
        let pdf = label_sheet(&labels(45), Layout::AveryL7651, Symbology::Qr, 22).unwrap();
        assert!(String::from_utf8_lossy(&pdf).contains("/Count 2"), "21 used + 45 = 66 slots");
        assert_eq!(
            label_sheet(&labels(1), Layout::AveryL7160, Symbology::Qr, 22),
            Err(LabelError::StartPastSheet { start: 22, per_sheet: 21 })
        );
        let thermal = label_sheet(&labels(3), Layout::Brother62, Symbology::Code128, 5).unwrap();
        assert!(String::from_utf8_lossy(&thermal).contains("/Count 3"), "one label per page");
    }

    #[test]
    fn a_tag_beyond_code_128_is_refused() {
        let mut odd = labels(1);
        odd[0].tag = "KIT-É".into();
        assert_eq!(
            label_sheet(&odd, Layout::Dymo54x25, Symbology::Code128, 1),
            Err(LabelError::NotCode128 { tag: "KIT-É".into(), character: 'É' })
        );
    }
}
