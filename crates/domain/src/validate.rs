use crate::{DomainError, FieldError, Reason};

/// Input that checks itself before any use case touches it.
pub trait Validate {
    fn validate(&self) -> Result<(), DomainError>;
}

/// Collects every problem with an input, so the client sees them all at once.
#[derive(Debug, Default)]
pub struct Violations(Vec<FieldError>);

impl Violations {
    pub fn check(&mut self, ok: bool, field: &str, reason: Reason) -> &mut Self {
        if !ok {
            self.0.push(FieldError::new(field, reason));
        }
        self
    }

    /// Takes the problems of another check (a tag, a username parsed on its own).
    pub fn absorb(&mut self, result: Result<(), DomainError>) -> &mut Self {
        if let Err(DomainError::Invalid(errors)) = result {
            self.0.extend(errors);
        }
        self
    }

    /// A required one-line text (a name, a code): something visible, no control character, at
    /// most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> &mut Self {
        self.shaped(field, Some(value), max, Shape::Line, true)
    }

    /// An optional one-line text: when present, no control character and at most `max` characters.
    pub fn opt_text(&mut self, field: &str, value: Option<&str>, max: usize) -> &mut Self {
        self.shaped(field, value, max, Shape::Line, false)
    }

    /// An optional note: line breaks and tabs allowed, other control characters not.
    pub fn opt_note(&mut self, field: &str, value: Option<&str>, max: usize) -> &mut Self {
        self.shaped(field, value, max, Shape::Note, false)
    }

    /// A required note: something visible, then as [`Self::opt_note`].
    pub fn note(&mut self, field: &str, value: &str, max: usize) -> &mut Self {
        self.shaped(field, Some(value), max, Shape::Note, true)
    }

    fn shaped(&mut self, field: &str, value: Option<&str>, max: usize, shape: Shape, required: bool) -> &mut Self {
        match value.and_then(|v| text_problem(v, max, shape, required)) {
            Some(reason) => self.check(false, field, reason),
            None => self,
        }
    }

    /// An optional e-mail address: something@domain, no spaces.
    pub fn opt_email(&mut self, field: &str, value: Option<&str>) -> &mut Self {
        let ok = value.is_none_or(|v| {
            let mut parts = v.split('@');
            let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            parts.next().is_none()
                && !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.chars().any(|c| c.is_whitespace() || c.is_control())
                && v.len() <= 254
        });
        self.check(ok, field, Reason::NotAnEmail)
    }

    /// A list of at most `max` e-mail addresses, each checked.
    pub fn emails(&mut self, field: &str, values: &[String], max: usize) -> &mut Self {
        self.check(values.len() <= max, field, Reason::TooManyAddresses { max });
        for (i, address) in values.iter().enumerate() {
            self.opt_email(&format!("{field}[{i}]"), Some(address));
        }
        self
    }

    /// An optional day: in [`crate::YEARS`] when present.
    pub fn opt_day(&mut self, field: &str, value: Option<chrono::NaiveDate>) -> &mut Self {
        self.check(value.is_none_or(crate::plausible_day), field, year_range())
    }

    /// An optional instant: in [`crate::YEARS`] when present.
    pub fn opt_instant(&mut self, field: &str, value: Option<chrono::DateTime<chrono::Utc>>) -> &mut Self {
        self.check(value.is_none_or(crate::plausible_instant), field, year_range())
    }

    /// An optional reference id: positive when present.
    pub fn opt_id(&mut self, field: &str, value: Option<i64>) -> &mut Self {
        self.check(value.is_none_or(|v| v > 0), field, Reason::NotAnId)
    }

    pub fn into_result(self) -> Result<(), DomainError> {
        if self.0.is_empty() { Ok(()) } else { Err(DomainError::Invalid(self.0)) }
    }
}

/// What shows nothing: white space, Unicode's default-ignorable code points (zero-width spaces
/// and joiners, the soft hyphen, direction marks, variation selectors, tags…), the Hangul
/// fillers and the blank Braille pattern.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}')
}

/// The refusal of a date outside [`crate::YEARS`].
fn year_range() -> Reason {
    Reason::YearRange { min: i64::from(*crate::YEARS.start()), max: i64::from(*crate::YEARS.end()) }
}

/// What a text may hold: one line, or a note, which keeps its line breaks and tabs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Line,
    Note,
}

/// Why a text cannot be kept, if it cannot; a required one must show something.
fn text_problem(value: &str, max: usize, shape: Shape, required: bool) -> Option<Reason> {
    let kept = |c: char| shape == Shape::Note && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| c.is_control() && !kept(c)) {
        Some(Reason::ControlCharacters)
    } else if value.chars().count() > max {
        Some(Reason::TooLong { max })
    } else {
        (required && value.chars().all(invisible)).then_some(Reason::Empty)
    }
}

/// Why a one-line text cannot be kept, if it cannot (a search, a filter, a cursor's key).
pub(crate) fn line_problem(value: &str, max: usize) -> Option<Reason> {
    text_problem(value, max, Shape::Line, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reasons found so far, emptying the list for the next check.
    fn reasons(v: &mut Violations) -> Vec<Reason> {
        std::mem::take(&mut v.0).into_iter().map(|e| e.reason).collect()
    }

    #[test]
    fn names_are_visible_one_line_text() {
        let v = &mut Violations::default();
        assert_eq!(reasons(v.text("name", "Écran Dell", 20)), vec![]);
        for blank in [
            "",
            "   ",
            "\u{200B}",
            "\u{200B}\u{FEFF} \u{2060}",
            "\u{3164}",
            "\u{115F}\u{034F}",
            "\u{202E}\u{E0020}",
            "\u{2800}",
        ] {
            assert_eq!(reasons(v.text("name", blank, 20)), vec![Reason::Empty], "{blank:?}");
        }
        for bad in ["nul\u{0}byte", "two\nlines", "tab\there", "\u{85}next", "\u{1b}[31m"] {
            assert_eq!(reasons(v.text("name", bad, 20)), vec![Reason::ControlCharacters], "{bad:?}");
            assert_eq!(reasons(v.opt_text("city", Some(bad), 20)), vec![Reason::ControlCharacters]);
        }
        assert_eq!(reasons(v.text("name", &"é".repeat(21), 20)), vec![Reason::TooLong { max: 20 }]);
        assert_eq!(reasons(v.opt_text("city", None, 20)), vec![]);
    }

    #[test]
    fn notes_keep_their_line_breaks_but_not_other_controls() {
        let v = &mut Violations::default();
        assert_eq!(reasons(v.opt_note("note", Some("Écran fissuré\r\n\tcoin gauche"), 100)), vec![]);
        assert_eq!(reasons(v.opt_note("note", Some("a\u{0}b"), 100)), vec![Reason::ControlCharacters]);
        assert_eq!(reasons(v.note("note", "\n\u{200B}", 100)), vec![Reason::Empty]);
        assert_eq!(reasons(v.opt_note("note", Some(&"x".repeat(101)), 100)), vec![Reason::TooLong { max: 100 }]);
    }
}
