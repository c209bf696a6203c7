use crate::{DomainError, FieldError};

/// Input that checks itself before any use case touches it.
pub trait Validate {
    fn validate(&self) -> Result<(), DomainError>;
}

/// Collects every problem with an input, so the client sees them all at once.
#[derive(Debug, Default)]
pub struct Violations(Vec<FieldError>);

impl Violations {
    pub fn check(&mut self, ok: bool, field: &str, message: &str) -> &mut Self {
        if !ok {
            self.0.push(FieldError::new(field, message));
        }
        self
    }

    /// A required text: not blank, at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> &mut Self {
        if value.trim().is_empty() {
            self.check(false, field, "must not be empty")
        } else {
            self.check(value.chars().count() <= max, field, &format!("must be at most {max} characters"))
        }
    }

    /// An optional text: when present, at most `max` characters.
    pub fn opt_text(&mut self, field: &str, value: Option<&str>, max: usize) -> &mut Self {
        match value {
            Some(v) => self.check(v.chars().count() <= max, field, &format!("must be at most {max} characters")),
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
        self.check(ok, field, "must be an e-mail address such as nom@exemple.tn")
    }

    /// A list of at most `max` e-mail addresses, each checked.
    pub fn emails(&mut self, field: &str, values: &[String], max: usize) -> &mut Self {
        self.check(values.len() <= max, field, &format!("must hold at most {max} addresses"));
        for (i, address) in values.iter().enumerate() {
            self.opt_email(&format!("{field}[{i}]"), Some(address));
        }
        self
    }

    /// An optional reference id: positive when present.
    pub fn opt_id(&mut self, field: &str, value: Option<i64>) -> &mut Self {
        self.check(value.is_none_or(|v| v > 0), field, "must be a positive id")
    }

    pub fn into_result(self) -> Result<(), DomainError> {
        if self.0.is_empty() { Ok(()) } else { Err(DomainError::Invalid(self.0)) }
    }
}
