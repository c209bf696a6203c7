//! The interface's language: every string comes from the catalogue (`radgestmat-i18n`); dates,
//! numbers and amounts are written the way each language writes them. The language is chosen per
//! request (the `rgm_lang` cookie, set from the user's preference at login and by the language
//! switch; else `Accept-Language`; else French), never globally.

use axum::http::{HeaderMap, header};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use radgestmat_domain::{AlertKind, Language, Reason, Severity};
use radgestmat_i18n::FluentValue;

pub const LANGUAGE_COOKIE: &str = "rgm_lang";

/// A request's translator and formatter.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub language: Language,
    /// Local time of the installation, for instants.
    pub offset: FixedOffset,
}

impl Tr {
    pub fn new(language: Language, offset: FixedOffset) -> Tr {
        Tr { language, offset }
    }

    /// The language a request asks for: its cookie, else its `Accept-Language`, else French.
    pub fn negotiate(headers: &HeaderMap) -> Language {
        let cookie = crate::auth::cookie(headers, LANGUAGE_COOKIE).and_then(|v| Language::parse(&v).ok());
        cookie.or_else(|| accept_language(headers)).unwrap_or_default()
    }

    pub fn code(&self) -> &'static str {
        self.language.as_str()
    }

    /// The message `key`; the key itself when it is missing (a test checks none is).
    pub fn t(&self, key: &str) -> String {
        radgestmat_i18n::text(self.code(), key, &[])
    }

    /// The message `key` with arguments.
    pub fn args(&self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        radgestmat_i18n::text(self.code(), key, args)
    }

    /// The message `key` with one argument; a whole number goes as a number, so that the
    /// message's plural forms choose by it ("1 champ", "2 champs").
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        let text = value.to_string();
        // Only a number that reads back the same: `0042` stays text.
        let number = text.parse::<i64>().ok().filter(|n| n.to_string() == text);
        let value = number.map_or_else(|| FluentValue::from(text), FluentValue::from);
        self.args(key, &[(name, value)])
    }

    /// A count of things: `$count` chooses the plural form, `$shown` is the number written the
    /// way of the language (`1 234`).
    pub fn count(&self, key: &str, n: u64) -> String {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        self.args(key, &[("count", FluentValue::from(n)), ("shown", FluentValue::from(self.number(&n)))])
    }

    /// Why something was refused, in this language.
    pub fn reason(&self, reason: &Reason) -> String {
        reason.text(self.language)
    }

    pub fn kind(&self, kind: &AlertKind) -> String {
        kind.label(self.language)
    }

    pub fn severity(&self, severity: &Severity) -> String {
        severity.label(self.language)
    }

    /// `21/11/2026` in French, `2026-11-21` in English.
    pub fn date(&self, date: &NaiveDate) -> String {
        match self.language {
            Language::Fr => date.format("%d/%m/%Y").to_string(),
            Language::En => date.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn opt_date(&self, date: &Option<NaiveDate>) -> String {
        date.as_ref().map_or_else(|| "—".to_owned(), |d| self.date(d))
    }

    /// An instant in the installation's local time: `21/11/2026 14:05`.
    pub fn time(&self, at: &DateTime<Utc>) -> String {
        let local = at.with_timezone(&self.offset);
        format!("{} {}", self.date(&local.date_naive()), local.format("%H:%M"))
    }

    pub fn opt_time(&self, at: &Option<DateTime<Utc>>) -> String {
        at.as_ref().map_or_else(|| "—".to_owned(), |t| self.time(t))
    }

    /// The local day of an instant.
    pub fn day(&self, at: &DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.offset).date_naive()
    }

    /// `12 345` in French (narrow no-break space), `12,345` in English.
    pub fn number(&self, n: &i64) -> String {
        let separator = match self.language {
            Language::Fr => '\u{202f}',
            Language::En => ',',
        };
        group(n.unsigned_abs(), separator, if *n < 0 { "-" } else { "" })
    }

    /// An amount in millimes: `1 234,500 TND` in French, `TND 1,234.500` in English.
    pub fn money(&self, millimes: &i64) -> String {
        let whole = self.number(&(millimes / 1000));
        let fraction = (millimes % 1000).unsigned_abs();
        let sign = if *millimes < 0 && millimes / 1000 == 0 { "-" } else { "" };
        match self.language {
            Language::Fr => format!("{sign}{whole},{fraction:03}\u{a0}TND"),
            Language::En => format!("TND {sign}{whole}.{fraction:03}"),
        }
    }

    /// An amount in a form's field, as people type it (`2 522,000`; `2522.000` in English,
    /// whose grouping comma would read as a decimal mark).
    pub fn amount_input(&self, millimes: i64) -> String {
        match self.language {
            Language::Fr => {
                let whole = group(millimes.unsigned_abs() / 1000, ' ', if millimes < 0 { "-" } else { "" });
                format!("{whole},{:03}", millimes.unsigned_abs() % 1000)
            }
            Language::En => self.spreadsheet_amount(millimes),
        }
    }

    /// An amount as a spreadsheet in this language reads a number: no grouping, no currency,
    /// the language's decimal mark (`1234,500` in French, `1234.500` in English).
    pub fn spreadsheet_amount(&self, millimes: i64) -> String {
        let sign = if millimes < 0 { "-" } else { "" };
        let (whole, fraction) = (millimes.unsigned_abs() / 1000, millimes.unsigned_abs() % 1000);
        let mark = if self.language == Language::Fr { ',' } else { '.' };
        format!("{sign}{whole}{mark}{fraction:03}")
    }

    pub fn opt_money(&self, millimes: &Option<i64>) -> String {
        millimes.as_ref().map_or_else(|| "—".to_owned(), |m| self.money(m))
    }
}

fn group(n: u64, separator: char, sign: &str) -> String {
    let digits = n.to_string();
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// The first of French or English in the browser's preferences, by weight.
fn accept_language(headers: &HeaderMap) -> Option<Language> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(f32, Language)> = None;
    for item in value.split(',') {
        let mut parts = item.trim().split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let weight = parts.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
        let language = match tag.split('-').next() {
            Some("fr") => Language::Fr,
            Some("en") => Language::En,
            _ => continue,
        };
        if best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, language));
        }
    }
    best.map(|(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tr(language: Language) -> Tr {
        Tr::new(language, FixedOffset::east_opt(3600).unwrap())
    }

    #[test]
    fn french_writes_dates_numbers_and_amounts_its_way() {
        let fr = tr(Language::Fr);
        assert_eq!(fr.date(&NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()), "21/11/2026");
        assert_eq!(fr.money(&1_234_500), "1\u{202f}234,500\u{a0}TND");
        assert_eq!(fr.money(&-500), "-0,500\u{a0}TND");
        assert_eq!(fr.number(&1_234_567), "1\u{202f}234\u{202f}567");
        let en = tr(Language::En);
        assert_eq!(en.money(&1_234_500), "TND 1,234.500");
        assert_eq!(en.number(&999), "999");
        let at = DateTime::parse_from_rfc3339("2026-11-21T23:30:00Z").unwrap().to_utc();
        assert_eq!(fr.time(&at), "22/11/2026 00:30");
    }

    #[test]
    fn refusals_are_said_in_the_page_language() {
        assert_eq!(tr(Language::Fr).reason(&Reason::Empty), "ne doit pas être vide");
        assert_eq!(tr(Language::En).reason(&Reason::Empty), "must not be empty");
        assert_eq!(tr(Language::Fr).spreadsheet_amount(1_234_500), "1234,500");
        assert_eq!(tr(Language::En).spreadsheet_amount(-5), "-0.005");
        assert_eq!(tr(Language::Fr).count("assets-count", 3), "3 matériels");
        assert_eq!(tr(Language::Fr).count("assets-count", 1), "1 matériel");
        assert_eq!(tr(Language::Fr).count("assets-count", 12_500), "12\u{202f}500 matériels");
        assert_eq!(tr(Language::En).count("alerts-count", 1), "1 alert");
        assert_eq!(tr(Language::Fr).t1("form-errors", "count", 1), "Un champ est à corriger.");
        assert!(tr(Language::Fr).t1("desk-no-such-tag", "tag", "0042").contains("0042"), "not a number");
    }

    #[test]
    fn the_browser_preference_is_read_by_weight() {
        let headers = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_LANGUAGE, v.parse().unwrap());
            h
        };
        assert_eq!(accept_language(&headers("en-GB,en;q=0.9,fr;q=0.8")), Some(Language::En));
        assert_eq!(accept_language(&headers("de-DE, fr;q=0.5, en;q=0.3")), Some(Language::Fr));
        assert_eq!(accept_language(&headers("de-DE")), None);
    }
}
