//! User accounts: who logs in, with which role.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{DomainError, Reason, Role, Validate, Violations};

/// A login name: 3 to 64 of `a-z 0-9 . _ -`, stored lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Username, DomainError> {
        let name = input.trim().to_lowercase();
        let ok = (3..=64).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if ok { Ok(Username(name)) } else { Err(DomainError::invalid("username", Reason::UsernameShape)) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

vocabulary! {
    /// Sort keys of the user list; without `sort`, by username.
    pub enum UserSort: "sort key" {
        Username = "username",
        Id = "id",
    }
}

filter! {
    /// Filters of the user list (`q` searches the username).
    pub struct UserFilter sorted by UserSort {
        role: Option<Role>,
    }
}

/// A clear-text password on its way to being hashed. Never printed.
#[derive(Clone, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, format = Password)]
pub struct Password(String);

impl Password {
    pub const MIN_LEN: usize = 10;

    pub fn new(text: impl Into<String>) -> Password {
        Password(text.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Checks a new password (login accepts any text): at least 10 characters, at most 1024
    /// bytes, and not easy to guess. As NIST SP 800-63B asks, no rule of composition, but a
    /// check against common passwords, words, keyboard patterns, dates and sequences
    /// (zxcvbn's lists), and against `context`: the account's own names, the application's.
    pub fn check_new(&self, field: &str, context: &[&str]) -> Result<(), DomainError> {
        let n = self.0.chars().count();
        if n < Self::MIN_LEN {
            return Err(DomainError::invalid(field, Reason::TooShort { min: Self::MIN_LEN }));
        }
        if self.0.len() > 1024 {
            return Err(DomainError::invalid(field, Reason::TooManyBytes { max: 1024 }));
        }
        let mut words = vec!["radgestmat", "password", "motdepasse"];
        words.extend(context.iter().copied().filter(|c| !c.is_empty()));
        let pieces = context.iter().flat_map(|name| name.split(|ch: char| !ch.is_alphanumeric()));
        words.extend(pieces.filter(|w| w.len() > 2));
        match zxcvbn::zxcvbn(&self.0, &words).score() >= zxcvbn::Score::Three {
            true => Ok(()),
            false => Err(DomainError::invalid(field, Reason::EasyToGuess)),
        }
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// What an admin writes about an account (the password goes separately).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserFields {
    #[schema(example = "amira.bensalah", min_length = 3, max_length = 64, pattern = "^[A-Za-z0-9._-]+$")]
    pub username: String,
    #[schema(example = "Amira Ben Salah", min_length = 1, max_length = 200)]
    pub display_name: String,
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    pub role: Role,
    /// The employee this account belongs to, if any.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub employee_id: Option<i64>,
    #[serde(default)]
    pub disabled: bool,
}

impl UserFields {
    /// What a password of this account must not be made of.
    pub fn names(&self) -> [&str; 3] {
        [&self.username, &self.display_name, self.email.as_deref().unwrap_or_default()]
    }
}

impl Validate for UserFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.absorb(Username::parse(&self.username).map(drop));
        v.text("display_name", &self.display_name, 200)
            .opt_email("email", self.email.as_deref())
            .opt_id("employee_id", self.employee_id);
        v.into_result()
    }
}

/// The body of `POST /api/v1/users`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    #[schema(min_length = 3, max_length = 64, pattern = "^[A-Za-z0-9._-]+$")]
    pub username: String,
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: String,
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    pub role: Role,
    #[serde(default)]
    #[schema(minimum = 1)]
    pub employee_id: Option<i64>,
    /// Without `employee_id`: link the account to the active employee with the same e-mail
    /// address, when exactly one has it and has no account yet.
    #[serde(default)]
    pub link_by_email: bool,
    #[serde(default)]
    pub disabled: bool,
    /// At least 10 characters.
    pub password: Password,
}

impl NewUser {
    pub fn split(self) -> (UserFields, Password) {
        let fields = UserFields {
            username: self.username,
            display_name: self.display_name,
            email: self.email,
            role: self.role,
            employee_id: self.employee_id,
            disabled: self.disabled,
        };
        (fields, self.password)
    }
}

/// The body of `PATCH /api/v1/users/{id}`: any of the fields, and optionally a new password;
/// `null` clears the e-mail or the link to an employee.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    pub username: Option<String>,
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::json::nullable")]
    #[schema(value_type = Option<String>, format = Email)]
    pub email: Option<Option<String>>,
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "crate::json::nullable")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub employee_id: Option<Option<i64>>,
    pub disabled: Option<bool>,
    pub password: Option<Password>,
}

/// The body of `POST /api/v1/me/password`: one's own password, proving the current one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: Password,
    /// At least 10 characters, and not easy to guess.
    pub new_password: Password,
}

/// The credential a request came with: what stays when the user's others end.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// A browser session, by its secret.
    Session(&'a str),
    /// An API token, by its id.
    Token(i64),
}

/// The body of `POST /api/v1/me/tokens`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[schema(example = "inventaire-scanner", min_length = 1, max_length = 100)]
    pub name: String,
    /// When the token stops working, in the future; never when absent.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

impl TokenRequest {
    pub fn validate_at(&self, now: DateTime<Utc>) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.text("name", &self.name, 100).check(self.expires_at.is_none_or(|e| e > now), "expires_at", Reason::InFuture);
        v.into_result()
    }
}

/// An account as the API shows it (never its password hash).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    #[serde(flatten)]
    pub fields: UserFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lower_cased_and_restricted() {
        assert_eq!(Username::parse(" Amira.BenSalah ").unwrap().as_str(), "amira.bensalah");
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("amira bensalah").is_err());
    }

    #[test]
    fn passwords_never_show_in_debug() {
        let p = Password::new("correct horse battery");
        assert_eq!(format!("{p:?}"), "Password(***)");
        assert!(p.check_new("password", &[]).is_ok());
    }

    #[test]
    fn new_passwords_are_long_and_hard_to_guess() {
        let reason = |text: &str, context: &[&str]| match Password::new(text).check_new("password", context) {
            Err(DomainError::Invalid(errors)) => Some(errors[0].reason.clone()),
            _ => None,
        };
        assert_eq!(reason("short", &[]), Some(Reason::TooShort { min: 10 }));
        for common in ["password123", "1234567890", "qwertyuiop", "azertyuiop", "iloveyou12", "Radgestmat2026"] {
            assert_eq!(reason(common, &[]), Some(Reason::EasyToGuess), "{common}");
        }
        assert_eq!(reason("amira.bensalah1", &["amira.bensalah", "Amira Ben Salah"]), Some(Reason::EasyToGuess));
        for good in ["mot de passe solide", "a-long-passphrase", "correct horse battery", "Tabarka-Kef-1987!"] {
            assert_eq!(reason(good, &["amira.bensalah"]), None, "{good}");
        }
    }
}
