//! Delivery: e-mails over SMTP (lettre, rustls), and JSON posts to a webhook signed with
//! HMAC-SHA256. Each delivery is one job, retried with back-off when the server is away.

use std::time::Duration;

use anyhow::Context;
use hmac::{Hmac, KeyInit, Mac};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use radgestmat_domain::{Email, JobKind, Language, NotificationSettings};
use radgestmat_store::Channels;
use serde_json::Value;
use sha2::Sha256;

/// Header carrying `sha256=<hex HMAC of the body with the shared secret>`.
pub const SIGNATURE_HEADER: &str = "X-RadGestMat-Signature";
/// Header carrying the delivery's id: the same on every retry, so that a receiver can drop a copy.
pub const DELIVERY_HEADER: &str = "X-RadGestMat-Delivery";

/// Where notifications go; nothing is sent where nothing is configured.
#[derive(Debug, Clone, Default)]
pub struct NotifyOptions {
    /// `smtp://host:587?tls=required` (STARTTLS), `smtps://host:465` (TLS), `smtp://host:25`
    /// (plain, for a relay on the same network); credentials as `smtp://user:password@host…`.
    pub smtp_url: Option<String>,
    /// The sender, e.g. `RadGestMat <parc@magasin.tn>`.
    pub from: String,
    pub webhook_url: Option<String>,
    /// Signs each webhook call; the receiver checks the signature header with it.
    pub webhook_secret: Option<String>,
    pub language: Language,
    /// The web interface's address, for links in e-mails.
    pub public_url: Option<String>,
}

/// The configured channels, ready to deliver.
#[derive(Clone, Default)]
pub struct Notifier {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Option<Mailbox>,
    webhook: Option<Webhook>,
    channels: Channels,
}

#[derive(Clone)]
struct Webhook {
    url: reqwest::Url,
    secret: Option<String>,
    client: reqwest::Client,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier").field("channels", &self.channels).finish_non_exhaustive()
    }
}

impl Notifier {
    /// Checks the settings and prepares the channels; nothing connects yet.
    pub fn new(options: &NotifyOptions) -> anyhow::Result<Notifier> {
        let from: Option<Mailbox> = match options.smtp_url {
            Some(_) => Some(options.from.parse().with_context(|| format!("sender address {:?}", options.from))?),
            None => None,
        };
        let smtp = match &options.smtp_url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("SMTP URL: expected smtp://host:port, smtp://…?tls=required or smtps://host:port")?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            ),
            None => None,
        };
        let webhook = match &options.webhook_url {
            Some(url) => Some(Webhook {
                url: url.parse().with_context(|| format!("webhook URL {url:?}"))?,
                secret: options.webhook_secret.clone().filter(|s| !s.is_empty()),
                client: reqwest::Client::builder().timeout(Duration::from_secs(15)).build()?,
            }),
            None => None,
        };
        let domain = from.as_ref().map(|m| m.email.domain().to_owned()).unwrap_or_else(|| "radgestmat.invalid".into());
        let channels = Channels {
            email: smtp.is_some(),
            webhook: webhook.is_some(),
            language: options.language,
            public_url: options.public_url.clone(),
            domain,
        };
        Ok(Notifier { smtp, from, webhook, channels })
    }

    /// The notifier of the settings an administrator saved (their secrets opened).
    pub fn from_settings(settings: &NotificationSettings, public_url: Option<String>) -> anyhow::Result<Notifier> {
        Notifier::new(&NotifyOptions {
            smtp_url: settings.smtp_url(settings.smtp_password.as_deref()),
            from: settings.smtp_from.clone().unwrap_or_default(),
            webhook_url: settings.webhook_url.clone(),
            webhook_secret: settings.webhook_secret.clone(),
            language: settings.language,
            public_url,
        })
    }

    pub fn channels(&self) -> &Channels {
        &self.channels
    }

    /// The kinds of delivery job this notifier can run.
    pub fn kinds(&self) -> impl Iterator<Item = JobKind> {
        [(self.channels.email, JobKind::NotifyEmail), (self.channels.webhook, JobKind::NotifyWebhook)]
            .into_iter()
            .filter_map(|(on, kind)| on.then_some(kind))
    }

    /// Sends the test e-mail to `to` now, asked for by `by`: the SMTP server's answer is the result.
    pub async fn send_test(&self, to: &str, by: &str) -> anyhow::Result<()> {
        let text = radgestmat_domain::test_email(self.channels.language, by);
        let stamp = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let message_id = format!("<test.{stamp}@{}>", self.channels.domain);
        self.send(Email { to: to.to_owned(), subject: text.subject, body: text.body, message_id }).await
    }

    pub async fn send(&self, email: Email) -> anyhow::Result<()> {
        let (Some(smtp), Some(from)) = (&self.smtp, &self.from) else { anyhow::bail!("no SMTP server configured") };
        let message = Message::builder()
            .from(from.clone())
            .to(email.to.parse().with_context(|| format!("recipient {:?}", email.to))?)
            .subject(email.subject)
            .message_id(Some(email.message_id))
            .header(ContentType::TEXT_PLAIN)
            .body(email.body)?;
        smtp.send(message).await.with_context(|| format!("sending the e-mail to {}", email.to))?;
        Ok(())
    }

    pub async fn post_webhook(&self, delivery: i64, payload: &Value) -> anyhow::Result<()> {
        let Some(webhook) = &self.webhook else { anyhow::bail!("no webhook configured") };
        let body = serde_json::to_vec(payload)?;
        let mut request = webhook
            .client
            .post(webhook.url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(DELIVERY_HEADER, delivery.to_string());
        if let Some(secret) = &webhook.secret {
            request = request.header(SIGNATURE_HEADER, signature(secret, &body));
        }
        let response = request.body(body).send().await.context("calling the webhook")?;
        let status = response.status();
        anyhow::ensure!(status.is_success(), "the webhook answered {status}");
        Ok(())
    }
}

/// `sha256=<hex>`: the HMAC-SHA256 of the body with the shared secret.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_like_the_rfc_4231_test_case_2() {
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assert_eq!(signature("Jefe", b"what do ya want for nothing?"), format!("sha256={expected}"));
    }

    #[tokio::test]
    async fn refuses_unreadable_settings() {
        let bad_smtp =
            NotifyOptions { smtp_url: Some("ftp://mail".into()), from: "a@b.tn".into(), ..Default::default() };
        assert!(Notifier::new(&bad_smtp).is_err());
        let bad_from =
            NotifyOptions { smtp_url: Some("smtp://127.0.0.1:25".into()), from: "nope".into(), ..Default::default() };
        assert!(Notifier::new(&bad_from).is_err());
        let fine = NotifyOptions {
            smtp_url: Some("smtp://127.0.0.1:2525".into()),
            from: "RadGestMat <parc@magasin.tn>".into(),
            webhook_url: Some("https://relay.magasin.tn/hook".into()),
            ..Default::default()
        };
        let notifier = Notifier::new(&fine).expect("valid settings");
        assert_eq!(notifier.channels().domain, "magasin.tn");
        assert_eq!(notifier.kinds().collect::<Vec<_>>(), [JobKind::NotifyEmail, JobKind::NotifyWebhook]);
    }
}
