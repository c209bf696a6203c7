//! Settings an administrator changes in the application rather than in the server's
//! environment: where notifications go. Their secrets (the SMTP password, the webhook's signing
//! secret) are written, never read back: the API says only whether one is set.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{DomainError, Language, Reason, Validate, Violations};

vocabulary! {
    /// How the connection to the SMTP server is protected.
    #[derive(Default)]
    pub enum SmtpSecurity: "SMTP security" {
        /// STARTTLS on the submission port (587 by default).
        #[default]
        Starttls = "starttls",
        /// TLS from the start (port 465 by default).
        Tls = "tls",
        /// No encryption: only for a relay on the same machine or network (port 25 by default).
        None = "none",
    }
}

/// Where the alerts' notifications go, as an administrator sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationSettings {
    /// The SMTP server's name; no e-mail is sent without it.
    #[schema(example = "smtp.magasin.tn")]
    pub smtp_host: Option<String>,
    /// The server's port; by default 587, 465 or 25 according to `smtp_security`.
    pub smtp_port: Option<u16>,
    #[serde(default)]
    pub smtp_security: SmtpSecurity,
    pub smtp_username: Option<String>,
    /// Write-only: absent keeps the stored password, an empty string removes it.
    #[serde(default, skip_serializing)]
    #[schema(write_only)]
    pub smtp_password: Option<String>,
    /// The sender, required with a server: `parc@magasin.tn` or `RadGestMat <parc@magasin.tn>`.
    #[schema(example = "RadGestMat <parc@magasin.tn>")]
    pub smtp_from: Option<String>,
    /// Receives each batch of new alerts as a JSON POST.
    pub webhook_url: Option<String>,
    /// Write-only: signs each webhook call; absent keeps the stored one, empty removes it.
    #[serde(default, skip_serializing)]
    #[schema(write_only)]
    pub webhook_secret: Option<String>,
    /// The language of the notifications.
    #[serde(default)]
    pub language: Language,
}

vocabulary! {
    /// Whether a secret is stored, as far as the API tells.
    pub enum SecretState: "secret state" {
        Unset = "unset",
        Set = "set",
        /// Stored, but sealed with another secret key (`RADGESTMAT_SECRET_KEY` changed): enter it again.
        Unreadable = "unreadable",
    }
}

vocabulary! {
    /// Where the notification settings in force come from.
    pub enum SettingsSource: "settings source" {
        /// Nothing saved in the application: the server's `RADGESTMAT_SMTP_*` / `_WEBHOOK_*` variables apply.
        Environment = "environment",
        /// Saved by an administrator; the environment's are ignored.
        Database = "database",
    }
}

/// The notification settings as the API shows them: secrets only as their state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationSettingsView {
    pub source: SettingsSource,
    #[serde(flatten)]
    pub settings: NotificationSettings,
    pub smtp_password_state: SecretState,
    pub webhook_secret_state: SecretState,
    pub updated_at: Option<DateTime<Utc>>,
}

impl NotificationSettings {
    /// The `smtp://` URL of these settings with `password`, or `None` without a server.
    pub fn smtp_url(&self, password: Option<&str>) -> Option<String> {
        let host = self.smtp_host.as_deref()?;
        let (scheme, query) = match self.smtp_security {
            SmtpSecurity::Starttls => ("smtp", "?tls=required"),
            SmtpSecurity::Tls => ("smtps", ""),
            SmtpSecurity::None => ("smtp", ""),
        };
        let port = self.smtp_port.unwrap_or(match self.smtp_security {
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        });
        let credentials = match (&self.smtp_username, password) {
            (Some(user), Some(password)) => format!("{}:{}@", url_encode(user), url_encode(password)),
            (Some(user), None) => format!("{}@", url_encode(user)),
            (None, _) => String::new(),
        };
        Some(format!("{scheme}://{credentials}{host}:{port}{query}"))
    }

    /// Empty texts read as absent (a form's blank field), the others trimmed; secrets untouched.
    pub fn normalised(mut self) -> NotificationSettings {
        for field in [&mut self.smtp_host, &mut self.smtp_username, &mut self.smtp_from, &mut self.webhook_url] {
            *field = field.take().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        }
        self
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The address inside `Name <address>`, or the whole text.
fn address_of(mailbox: &str) -> &str {
    match (mailbox.rfind('<'), mailbox.rfind('>')) {
        (Some(open), Some(close)) if open < close && close == mailbox.len() - 1 => &mailbox[open + 1..close],
        _ => mailbox,
    }
}

impl Validate for NotificationSettings {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        let host_ok = self.smtp_host.as_deref().is_none_or(|h| {
            !h.is_empty()
                && h.len() <= 253
                && h.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        });
        v.check(host_ok, "smtp_host", Reason::NotAServerName);
        v.check(self.smtp_port != Some(0), "smtp_port", Reason::PortRange);
        v.opt_text("smtp_username", self.smtp_username.as_deref(), 254);
        v.opt_text("smtp_password", self.smtp_password.as_deref(), 1024);
        v.opt_text("webhook_secret", self.webhook_secret.as_deref(), 1024);
        match &self.smtp_from {
            Some(from) => {
                v.opt_text("smtp_from", Some(from), 254);
                v.opt_email("smtp_from", Some(address_of(from.trim())));
            }
            None => {
                v.check(self.smtp_host.is_none(), "smtp_from", Reason::RequiredToSend);
            }
        }
        let password_given = self.smtp_password.as_deref().is_some_and(|p| !p.is_empty());
        v.check(!password_given || self.smtp_username.is_some(), "smtp_username", Reason::RequiredWithPassword);
        let url_ok = self.webhook_url.as_deref().is_none_or(|u| {
            (u.starts_with("https://") || u.starts_with("http://"))
                && u.len() <= 2048
                && !u.chars().any(|c| c.is_whitespace() || c.is_control())
        });
        v.check(url_ok, "webhook_url", Reason::NotHttp);
        v.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smtp(host: &str) -> NotificationSettings {
        NotificationSettings {
            smtp_host: Some(host.into()),
            smtp_from: Some("RadGestMat <parc@magasin.tn>".into()),
            ..NotificationSettings::default()
        }
    }

    #[test]
    fn the_url_follows_the_security_and_encodes_the_credentials() {
        let mut s = smtp("smtp.magasin.tn");
        assert_eq!(s.smtp_url(None).as_deref(), Some("smtp://smtp.magasin.tn:587?tls=required"));
        s.smtp_security = SmtpSecurity::Tls;
        s.smtp_username = Some("parc@magasin.tn".into());
        assert_eq!(
            s.smtp_url(Some("p@ss:w/rd é")).as_deref(),
            Some("smtps://parc%40magasin.tn:p%40ss%3Aw%2Frd%20%C3%A9@smtp.magasin.tn:465")
        );
        s.smtp_security = SmtpSecurity::None;
        s.smtp_port = Some(2525);
        s.smtp_username = None;
        assert_eq!(s.smtp_url(Some("ignored")).as_deref(), Some("smtp://smtp.magasin.tn:2525"));
        assert_eq!(NotificationSettings::default().smtp_url(Some("x")), None);
    }

    #[test]
    fn validation_names_every_wrong_field() {
        assert!(smtp("smtp.magasin.tn").validate().is_ok());
        assert!(NotificationSettings::default().validate().is_ok(), "nothing configured is valid");
        let wrong = NotificationSettings {
            smtp_host: Some("smtp magasin".into()),
            smtp_port: Some(0),
            smtp_password: Some("secret".into()),
            smtp_from: Some("RadGestMat <pas-une-adresse>".into()),
            webhook_url: Some("ftp://hooks".into()),
            ..NotificationSettings::default()
        };
        let Err(DomainError::Invalid(errors)) = wrong.validate() else { panic!("invalid settings accepted") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["smtp_host", "smtp_port", "smtp_from", "smtp_username", "webhook_url"]);
        let no_sender = NotificationSettings { smtp_from: None, ..smtp("smtp.magasin.tn") };
        assert!(no_sender.validate().is_err());
    }

    #[test]
    fn blank_fields_read_as_absent() {
        let form = NotificationSettings {
            smtp_host: Some("  ".into()),
            smtp_from: Some(" parc@magasin.tn ".into()),
            smtp_password: Some(String::new()),
            ..NotificationSettings::default()
        }
        .normalised();
        assert_eq!(form.smtp_host, None);
        assert_eq!(form.smtp_from.as_deref(), Some("parc@magasin.tn"));
        assert_eq!(form.smtp_password.as_deref(), Some(""), "an empty password means: remove it");
    }
}
