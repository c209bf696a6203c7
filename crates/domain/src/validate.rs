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

    /// A required text: not blank, at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> &mut Self {
        if value.trim().is_empty() {
            self.check(false, field, Reason::Empty)
        } else {
            self.check(value.chars().count() <= max, field, Reason::TooLong { max })
        }
    }

    /// An optional text: when present, at most `max` characters.
    pub fn opt_text(&mut self, field: &str, value: Option<&str>, max: usize) -> &mut Self {
        match value {
            Some(v) => self.check(v.chars().count() <= max, field, Reason::TooLong { max }),
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
                && !v.chars().any(char::is_whitespace)
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

    /// An optional reference id: positive when present.
    pub fn opt_id(&mut self, field: &str, value: Option<i64>) -> &mut Self {
        self.check(value.is_none_or(|v| v > 0), field, Reason::NotAnId)
    }

    pub fn into_result(self) -> Result<(), DomainError> {
        if self.0.is_empty() { Ok(()) } else { Err(DomainError::Invalid(self.0)) }
    }
}
