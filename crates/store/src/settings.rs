//! Notification settings kept in the database: saved by an administrator, they replace the
//! server's environment variables for the worker. The SMTP password and the webhook secret are
//! sealed with the secret key; the API only says whether they are set.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use radgestmat_domain::{
    Actor, AuditAction, DomainError, NotificationSettings, NotificationSettingsView, Reason, SecretState,
    SettingsSource, Term, Validate, Violations, changes,
};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tracing::instrument;

use crate::audit::{Change, record};
use crate::entities::settings;
use crate::secret_key::Unsealable;
use crate::{Result, Store, now};

const NOTIFICATIONS: &str = "notifications";
const SMTP_PASSWORD: &str = "notifications.smtp_password";
const WEBHOOK_SECRET: &str = "notifications.webhook_secret";

/// The stored document: the settings without their secrets, and the secrets sealed.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    settings: NotificationSettings,
    #[serde(default)]
    sealed: BTreeMap<String, String>,
}

/// The saved notification settings, secrets opened, for the worker that sends.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub settings: NotificationSettings,
    pub updated_at: DateTime<Utc>,
}

impl Store {
    /// The notification settings as an administrator sees them.
    pub async fn notification_settings(&self) -> Result<NotificationSettingsView> {
        Ok(match stored_notifications(&self.db).await? {
            Some((stored, updated_at)) => self.view(stored, Some(updated_at)),
            None => self.view(Stored::default(), None),
        })
    }

    /// Saves the notification settings; secrets absent from `input` stay as they were, empty
    /// ones are removed. Audited without the secrets.
    #[instrument(skip_all)]
    pub async fn update_notification_settings(
        &self,
        actor: &Actor,
        input: NotificationSettings,
    ) -> Result<NotificationSettingsView> {
        let mut input = input.normalised();
        input.validate()?;
        let txn = self.write().await?;
        let before = stored_notifications(&txn).await?.map(|(stored, _)| stored);
        let mut sealed = before.as_ref().map(|b| b.sealed.clone()).unwrap_or_default();
        let secrets = self.apply_secrets(&mut input, &mut sealed);
        let stored = Stored { settings: input, sealed };
        let updated_at = now();
        write_notifications(&txn, &stored, updated_at).await?;
        let previous = before.map(|b| json!(b.settings));
        let (before_fields, mut after) = changes(previous.as_ref().unwrap_or(&Value::Null), &json!(stored.settings));
        if let Value::Object(after) = &mut after {
            after.extend(secrets);
        }
        let change = Change {
            before: previous.map(|_| before_fields),
            ..Change::event(AuditAction::SettingsNotifications, after)
        };
        record(&txn, actor, change).await?;
        self.commit(txn).await?;
        Ok(self.view(stored, Some(updated_at)))
    }

    /// Moves the secrets given in `input` into `sealed`: typed ones sealed anew, empty ones
    /// removed (and the password with the account). Returns what changed, for the audit log.
    fn apply_secrets(
        &self,
        input: &mut NotificationSettings,
        sealed: &mut BTreeMap<String, String>,
    ) -> serde_json::Map<String, Value> {
        let mut changed = serde_json::Map::new();
        let given = [(SMTP_PASSWORD, input.smtp_password.take()), (WEBHOOK_SECRET, input.webhook_secret.take())];
        for (name, value) in given {
            let field = name.trim_start_matches("notifications.");
            let change = match value.as_deref() {
                None => None,
                Some("") => sealed.remove(name).map(|_| "removed"),
                Some(plain) => {
                    sealed.insert(name.into(), self.secret_key().seal(name, plain));
                    Some("changed")
                }
            };
            if let Some(change) = change {
                changed.insert(field.into(), change.into());
            }
        }
        if input.smtp_username.is_none() && sealed.remove(SMTP_PASSWORD).is_some() {
            changed.insert("smtp_password".into(), "removed".into());
        }
        changed
    }

    /// Forgets the saved notification settings: the environment's apply again.
    #[instrument(skip_all)]
    pub async fn clear_notification_settings(&self, actor: &Actor) -> Result<NotificationSettingsView> {
        let txn = self.write().await?;
        let removed = settings::Entity::delete_by_id(NOTIFICATIONS).exec(&txn).await?.rows_affected;
        if removed > 0 {
            record(&txn, actor, Change::event(AuditAction::SettingsNotifications, json!({"source": "environment"})))
                .await?;
        }
        self.commit(txn).await?;
        Ok(self.view(Stored::default(), None))
    }

    /// Seals again with the current key the stored secrets that the previous one sealed (a
    /// planned rotation); returns how many. Run at start: once every node has run with the new
    /// key, the previous one can go.
    #[instrument(skip_all)]
    pub async fn reseal_secrets(&self) -> Result<usize> {
        let key = self.secret_key();
        if key.previous_fingerprint().is_none() {
            return Ok(0);
        }
        let txn = self.write().await?;
        let mut count = 0;
        if let Some((mut stored, updated_at)) = stored_notifications(&txn).await? {
            for (name, sealed) in &mut stored.sealed {
                if let (false, Ok(plain)) = (key.sealed_with_this(sealed), key.open(name, sealed)) {
                    *sealed = key.seal(name, &plain);
                    count += 1;
                }
            }
            if count > 0 {
                // The same settings: `updated_at` stays, the workers keep their notifier.
                write_notifications(&txn, &stored, updated_at).await?;
                let details = json!({"resealed": count, "key": key.fingerprint()});
                record(
                    &txn,
                    &Actor::system("secret key rotation"),
                    Change::event(AuditAction::SettingsReseal, details),
                )
                .await?;
            }
        }
        self.commit(txn).await?;
        Ok(count)
    }

    /// The saved settings to send a test e-mail to `to` with: the address checked, an SMTP
    /// server saved and its secrets readable.
    pub async fn notification_test(&self, to: &str) -> Result<Delivery> {
        let mut v = Violations::default();
        v.opt_email("to", Some(to));
        v.into_result()?;
        let no_server = || DomainError::conflict(Reason::NoSmtpServer);
        Ok(self.notification_delivery().await?.filter(|d| d.settings.smtp_host.is_some()).ok_or_else(no_server)?)
    }

    /// Records that an administrator sent a test e-mail to `to`, and how it went.
    pub async fn record_notification_test(&self, actor: &Actor, to: &str, outcome: &anyhow::Result<()>) -> Result<()> {
        let details = match outcome {
            Ok(()) => json!({"to": to, "sent": true}),
            Err(err) => json!({"to": to, "sent": false, "error": format!("{err:#}")}),
        };
        let txn = self.write().await?;
        record(&txn, actor, Change::event(AuditAction::SettingsNotificationsTest, details)).await?;
        self.commit(txn).await
    }

    /// The saved settings with their secrets opened, or `None` when the environment's apply.
    /// A secret sealed with another key is an error that says what to do.
    pub async fn notification_delivery(&self) -> Result<Option<Delivery>> {
        let Some((mut stored, updated_at)) = stored_notifications(&self.db).await? else { return Ok(None) };
        let mut open = |name: &str, secret: Term| -> Result<Option<String>> {
            let Some(sealed) = stored.sealed.remove(name) else { return Ok(None) };
            let plain = self.secret_key().open(name, &sealed).map_err(|unsealable| {
                DomainError::conflict(match unsealable {
                    Unsealable::OtherKey(fingerprint) => Reason::SecretOtherKey { secret, fingerprint },
                    Unsealable::Damaged => Reason::SecretDamaged { secret },
                })
            })?;
            Ok(Some(plain))
        };
        let smtp_password = open(SMTP_PASSWORD, Term::SmtpPassword)?;
        let webhook_secret = open(WEBHOOK_SECRET, Term::WebhookSecret)?;
        let settings = NotificationSettings { smtp_password, webhook_secret, ..stored.settings };
        Ok(Some(Delivery { settings, updated_at }))
    }

    fn view(&self, stored: Stored, updated_at: Option<DateTime<Utc>>) -> NotificationSettingsView {
        let state = |name: &str| match stored.sealed.get(name) {
            None => SecretState::Unset,
            Some(sealed) if self.secret_key().open(name, sealed).is_ok() => SecretState::Set,
            Some(_) => SecretState::Unreadable,
        };
        NotificationSettingsView {
            source: if updated_at.is_some() { SettingsSource::Database } else { SettingsSource::Environment },
            smtp_password_state: state(SMTP_PASSWORD),
            webhook_secret_state: state(WEBHOOK_SECRET),
            settings: stored.settings,
            updated_at,
        }
    }
}

async fn write_notifications(db: &impl ConnectionTrait, stored: &Stored, updated_at: DateTime<Utc>) -> Result<()> {
    let row = settings::ActiveModel {
        name: Set(NOTIFICATIONS.into()),
        value: Set(serde_json::to_string(stored).map_err(anyhow::Error::from)?),
        updated_at: Set(updated_at),
    };
    settings::Entity::delete_by_id(NOTIFICATIONS).exec(db).await?;
    settings::Entity::insert(row).exec(db).await?;
    Ok(())
}

async fn stored_notifications(db: &impl ConnectionTrait) -> Result<Option<(Stored, DateTime<Utc>)>> {
    let Some(row) = settings::Entity::find_by_id(NOTIFICATIONS).one(db).await? else { return Ok(None) };
    let stored: Stored = serde_json::from_str(&row.value).map_err(anyhow::Error::from)?;
    Ok(Some((stored, row.updated_at)))
}
