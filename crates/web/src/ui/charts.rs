//! Bar charts drawn on the server as SVG: no script, readable by screen readers (each bar is a
//! link with its label and count), scaled by the browser from a phone to a desktop.

/// One bar, laid out.
pub struct Bar {
    pub label: String,
    pub count: String,
    pub href: String,
    pub y: u32,
    pub width: u32,
    /// Where the count is written: after the bar.
    pub count_x: u32,
    /// A class for the bar's colour (a status or a severity), or "".
    pub tone: &'static str,
}

/// A horizontal bar chart: labels, then bars from `bar_x`, then counts; `width` × `height`.
pub struct Chart {
    pub bars: Vec<Bar>,
    pub bar_x: u32,
    pub width: u32,
    pub height: u32,
}

/// Room for a site or category name of 28 characters ("Magasin Djerba Houmt Souk"): names are
/// not cut below that.
pub const LABEL_WIDTH: u32 = 200;
const BAR_SPACE: u32 = 200;
const ROW: u32 = 26;
const LABEL_CHARS: usize = 28;
/// Room for a count after the longest bar ("12 345").
const COUNT_SPACE: u32 = 60;

pub struct Datum {
    pub label: String,
    pub value: i64,
    pub count: String,
    pub href: String,
    pub tone: &'static str,
}

impl Chart {
    pub fn new(data: Vec<Datum>) -> Chart {
        let max = data.iter().map(|d| d.value).max().unwrap_or(0).max(1);
        let bars: Vec<Bar> = data
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let width = if d.value > 0 { ((d.value * i64::from(BAR_SPACE)) / max).max(2) as u32 } else { 0 };
                let label = if d.label.chars().count() > LABEL_CHARS {
                    format!("{}…", d.label.chars().take(LABEL_CHARS - 1).collect::<String>())
                } else {
                    d.label
                };
                Bar {
                    label,
                    count: d.count,
                    href: d.href,
                    y: i as u32 * ROW,
                    width,
                    count_x: LABEL_WIDTH + width + 6,
                    tone: d.tone,
                }
            })
            .collect();
        let height = (bars.len() as u32 * ROW).max(ROW);
        Chart { bars, bar_x: LABEL_WIDTH, width: LABEL_WIDTH + BAR_SPACE + COUNT_SPACE, height }
    }

    pub fn is_empty(&self) -> bool {
        self.bars.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datum(label: &str, value: i64) -> Datum {
        Datum { label: label.into(), value, count: value.to_string(), href: "/".into(), tone: "" }
    }

    #[test]
    fn bars_are_proportional_and_labels_shortened() {
        let chart =
            Chart::new(vec![datum("Tunis — Siège social et entrepôt", 40), datum("Sfax", 10), datum("Vide", 0)]);
        assert_eq!(chart.bars[0].width, BAR_SPACE);
        assert_eq!(chart.bars[1].width, BAR_SPACE / 4);
        assert_eq!(chart.bars[2].width, 0);
        assert_eq!(chart.bars[0].label.chars().count(), LABEL_CHARS);
        assert!(chart.bars[0].label.ends_with('…'));
        assert_eq!(chart.bars[2].y, 2 * ROW);
        assert_eq!(chart.height, 3 * ROW);
    }
}
