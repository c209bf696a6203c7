//! What a list's filter parameters hold, and how their text is read.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use crate::page::MAX_SEARCH;
use crate::{Reason, Vocabulary};

/// A filter parameter's type: how its text is read.
pub trait Param: Sized {
    /// Whether it takes keys (`custom.imei`).
    const KEYED: bool = false;

    /// Reads `text` into this parameter (a list parameter adds to what it has).
    fn read_into(&mut self, text: &str) -> Result<(), Reason>;

    /// Reads `text` as the value of one of its keys (`custom.imei=…`: `imei`); a parameter
    /// without keys has none.
    fn read_keyed(&mut self, _key: &str, _text: &str) -> Result<(), Reason> {
        Err(Reason::UnknownParameter)
    }
}

/// Values by key, each a text filter: `custom.imei=356938035643809&custom.ports=24`.
impl Param for std::collections::BTreeMap<String, String> {
    const KEYED: bool = true;

    fn read_into(&mut self, _text: &str) -> Result<(), Reason> {
        Err(Reason::UnknownParameter)
    }

    fn read_keyed(&mut self, key: &str, text: &str) -> Result<(), Reason> {
        self.insert(key.to_owned(), String::read(text.trim())?);
        Ok(())
    }
}

/// One value of a filter parameter.
pub trait ParamValue: Sized {
    fn read(text: &str) -> Result<Self, Reason>;
}

impl<T: ParamValue> Param for Option<T> {
    fn read_into(&mut self, text: &str) -> Result<(), Reason> {
        *self = Some(T::read(text)?);
        Ok(())
    }
}

/// `state=open,acknowledged` or `state=open&state=acknowledged`.
impl<T: ParamValue> Param for Vec<T> {
    fn read_into(&mut self, text: &str) -> Result<(), Reason> {
        for one in text.split(',') {
            self.push(T::read(one.trim())?);
        }
        Ok(())
    }
}

/// Ids: positive.
impl ParamValue for i64 {
    fn read(text: &str) -> Result<Self, Reason> {
        text.parse::<i64>().ok().filter(|n| *n > 0).ok_or(Reason::NotAnId)
    }
}

impl ParamValue for bool {
    fn read(text: &str) -> Result<Self, Reason> {
        match text {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(Reason::TrueOrFalse),
        }
    }
}

/// A text filter: one line of at most [`MAX_SEARCH`] characters, as the search text.
impl ParamValue for String {
    fn read(text: &str) -> Result<Self, Reason> {
        match crate::validate::line_problem(text, MAX_SEARCH) {
            Some(reason) => Err(reason),
            None => Ok(text.to_owned()),
        }
    }
}

impl<T: Vocabulary> ParamValue for T {
    fn read(text: &str) -> Result<Self, Reason> {
        T::parse(text).map_err(|err| Reason::OneOf { names: err.known })
    }
}

/// A bound given as a day (`2026-11-21`) or an instant (`2026-11-21T08:30:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum DayOrInstant {
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

impl DayOrInstant {
    /// The instant, or the start of the day.
    pub fn start(self) -> DateTime<Utc> {
        match self {
            DayOrInstant::Day(day) => day.and_time(NaiveTime::MIN).and_utc(),
            DayOrInstant::Instant(at) => at,
        }
    }

    /// The instant, or the start of the next day: the exclusive end of an inclusive `to`.
    pub fn end(self) -> DateTime<Utc> {
        match self {
            DayOrInstant::Day(day) => DayOrInstant::Day(day.succ_opt().unwrap_or(day)).start(),
            DayOrInstant::Instant(at) => at,
        }
    }
}

/// A day or an instant in [`crate::YEARS`].
impl ParamValue for DayOrInstant {
    fn read(text: &str) -> Result<Self, Reason> {
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            let at = at.with_timezone(&Utc);
            return crate::plausible_instant(at).then_some(DayOrInstant::Instant(at)).ok_or(Reason::DayOrInstant);
        }
        let day = text.parse::<NaiveDate>().ok().filter(|day| crate::plausible_day(*day));
        day.map(DayOrInstant::Day).ok_or(Reason::DayOrInstant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_bound_covers_the_whole_day() {
        let day = DayOrInstant::read("2026-11-21").unwrap();
        assert_eq!(day.start().to_rfc3339(), "2026-11-21T00:00:00+00:00");
        assert_eq!(day.end().to_rfc3339(), "2026-11-22T00:00:00+00:00");
        assert!(DayOrInstant::read("21/11/2026").is_err());
        assert!(DayOrInstant::read("-5000-01-01").is_err() && DayOrInstant::read("+200000-01-01").is_err());
    }
}
