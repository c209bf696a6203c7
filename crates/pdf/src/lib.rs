//! RadGestMat's light PDF stack: sheets of labels (A4 label sheets, or one label per page for a
//! thermal printer), each with a QR code or a Code 128 barcode and its text, drawn with the
//! PDF's own Helvetica (no font embedded, no layout engine: a few hundred kilobytes of build).

mod code128;
mod labels;
mod text;

pub use code128::{Code128Error, code128};
pub use labels::{Label, LabelError, Layout, Symbology, label_sheet, per_sheet};
