//! Values as people type them in spreadsheets: dates in several orders, amounts with either
//! decimal mark.

use chrono::NaiveDate;
pub use radgestmat_domain::DateOrder;

/// `2026-11-21`; `21/11/2026`, `21/11/26`, `21.11.2026` day first; `11/21/26` month first. A
/// two-digit year is 2000–2069 or 1970–1999; the day must be plausible (1900–9999).
pub fn parse_date(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day).filter(|d| radgestmat_domain::plausible_day(*d));
    }
    let parts: Vec<u32> = text.split(['/', '.', '-']).map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
    let [a, b, year] = parts[..] else { return None };
    let year = match year {
        0..=69 => 2000 + year,
        70..=99 => 1900 + year,
        _ => year,
    };
    let (day, month) = match order {
        DateOrder::DayFirst => (a, b),
        DateOrder::MonthFirst => (b, a),
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day).filter(|d| radgestmat_domain::plausible_day(*d))
}

/// An amount in TND as written (`1 234,500`, `1234.5`, `1.234,50 TND`, `1,234.50`) in
/// millimes. With both marks, the last is the decimal mark and the other groups thousands; with
/// one, it is the decimal mark (a dinar has three decimals: `1.234` is 1,234 millimes).
pub fn parse_amount(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = text.strip_suffix("TND").unwrap_or(text);
    let kept: String = text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}')).collect();
    let normalized = match (kept.rfind(','), kept.rfind('.')) {
        (Some(comma), Some(dot)) if comma > dot => kept.replace('.', ""),
        (Some(_), Some(_)) => kept.replace(',', ""),
        _ => kept,
    };
    radgestmat_domain::parse_money(&normalized)
}

/// A yes or a no as spreadsheets write it: `oui`/`non`, `yes`/`no`, `1`/`0`, `vrai`/`faux`, `x`.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match radgestmat_domain::fold(text.trim()).as_str() {
        "1" | "yes" | "y" | "oui" | "o" | "true" | "vrai" | "x" | "actif" | "active" => Some(true),
        "0" | "no" | "n" | "non" | "false" | "faux" | "inactif" | "inactive" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_in_the_orders_people_write_them() {
        use DateOrder::*;
        for (text, order, expected) in [
            ("2026-11-21", DayFirst, day(2026, 11, 21)),
            ("21/11/2026", DayFirst, day(2026, 11, 21)),
            ("21/11/26", DayFirst, day(2026, 11, 21)),
            ("21.11.2026", DayFirst, day(2026, 11, 21)),
            ("11/21/26", MonthFirst, day(2026, 11, 21)),
            ("3/4/98", MonthFirst, day(1998, 3, 4)),
            ("03/04/2026", DayFirst, day(2026, 4, 3)),
            ("11/21/26", DayFirst, None),
            ("31/02/2026", DayFirst, None),
            ("21/11", DayFirst, None),
            ("hier", DayFirst, None),
            ("0001-01-01", DayFirst, None),
        ] {
            assert_eq!(parse_date(text, order), expected, "{text} {order:?}");
        }
    }

    #[test]
    fn amounts_with_either_decimal_mark() {
        for (text, expected) in [
            ("1 234,500", Some(1_234_500)),
            ("1\u{202f}234,500\u{a0}TND", Some(1_234_500)),
            ("1234.5", Some(1_234_500)),
            ("1.234,50 TND", Some(1_234_500)),
            ("1,234.50", Some(1_234_500)),
            ("12", Some(12_000)),
            ("1.234", Some(1_234)),
            ("-5", None),
            ("12,3456", None),
            ("beaucoup", None),
        ] {
            assert_eq!(parse_amount(text), expected, "{text}");
        }
    }

    #[test]
    fn yes_and_no_in_both_languages() {
        for (text, expected) in
            [("Oui", Some(true)), ("NON", Some(false)), ("1", Some(true)), ("faux", Some(false)), ("peut-être", None)]
        {
            assert_eq!(parse_yes_no(text), expected, "{text}");
        }
    }
}
