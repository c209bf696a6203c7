//! Amounts and dates as people type them in a form (and, later, in an imported file).

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// The years a date may fall in: both databases store and compare these alike (SQLite compares
/// dates as text, PostgreSQL stores none before 4713 BC).
pub const YEARS: RangeInclusive<i32> = 1900..=9999;

/// Whether a day falls in [`YEARS`].
pub fn plausible_day(day: NaiveDate) -> bool {
    YEARS.contains(&day.year())
}

/// Whether an instant falls in [`YEARS`].
pub fn plausible_instant(at: DateTime<Utc>) -> bool {
    YEARS.contains(&at.year())
}

/// An amount in TND (`1234,5`, `1 234.500`, `12 TND`) as millimes; `None` when it is not one
/// (a sign, more than three decimals, too large to count).
pub fn parse_money(text: &str) -> Option<i64> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    let cleaned = cleaned.trim_end_matches("TND").replace(',', ".");
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || fraction.len() > 3 {
        return None;
    }
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<3}").parse().ok()?;
    whole.checked_mul(1000)?.checked_add(fraction)
}

/// A day as `<input type=date>` sends it (`2026-11-21`) or as it is written in Tunisia and
/// France (`21/11/2026`).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"));
    day.ok().filter(|day| plausible_day(*day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_typed_in_either_language_are_read() {
        assert_eq!(parse_money("1 234,5"), Some(1_234_500));
        assert_eq!(parse_money("1234.500 TND"), Some(1_234_500));
        assert_eq!(parse_money("12"), Some(12_000));
        assert_eq!(parse_money("1,2345"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money("-3"), None);
        assert_eq!(parse_money("99999999999999999999"), None, "too large to count");
    }

    #[test]
    fn days_are_read_in_both_forms() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 21);
        assert_eq!((parse_day("2026-11-21"), parse_day("21/11/2026")), (day, day));
        assert_eq!(parse_day("31/02/2026"), None);
        assert_eq!(parse_day("21-11-2026"), None);
        assert_eq!(parse_day("-5000-01-01"), None);
        assert_eq!(parse_day("01/01/12026"), None);
    }
}
