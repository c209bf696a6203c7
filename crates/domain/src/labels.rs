//! Labels to stick on assets: the sheets and printers they are drawn for, and their code.

vocabulary! {
    /// Where labels are printed: an A4 sheet of labels, or a thermal printer's roll (one label
    /// per page).
    #[derive(Default)]
    pub enum LabelLayout: "label layout" {
        /// Avery L7651: 65 labels of 38.1 × 21.2 mm.
        #[default]
        AveryL7651 = "avery_l7651",
        /// Avery L7160: 21 labels of 63.5 × 38.1 mm.
        AveryL7160 = "avery_l7160",
        /// Brother 62 mm roll, labels of 62 × 29 mm.
        Brother62 = "brother_62",
        /// Dymo 54 × 25 mm.
        Dymo54x25 = "dymo_54x25",
    }
}

vocabulary! {
    /// What a label's code is: a QR code of the asset's address (a phone's camera opens it), or
    /// a Code 128 barcode of its tag (a desk's wedge scanner types it).
    #[derive(Default)]
    pub enum Symbology: "label code" {
        #[default]
        Qr = "qr",
        Code128 = "code128",
    }
}
