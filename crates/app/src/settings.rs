//! The settings an administrator changes in the application: where notifications go, and the
//! test e-mail that proves it.

use radgestmat_domain::{Actor, NotificationSettings, NotificationSettingsView, Permission};

use crate::{App, Error, Notifier, Result};

impl App {
    /// The notification settings as an administrator sees them (secrets as their state).
    pub async fn notification_settings(&self, actor: &Actor) -> Result<NotificationSettingsView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.notification_settings().await?)
    }

    /// Saves them; they replace the server's variables on every worker, without a restart.
    pub async fn update_notification_settings(
        &self,
        actor: &Actor,
        settings: NotificationSettings,
    ) -> Result<NotificationSettingsView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.update_notification_settings(actor, settings).await?)
    }

    /// Forgets them: the server's variables apply again.
    pub async fn clear_notification_settings(&self, actor: &Actor) -> Result<NotificationSettingsView> {
        self.authorize(actor, Permission::ManageUsers).await?;
        Ok(self.store.clear_notification_settings(actor).await?)
    }

    /// Sends a test e-mail to `to` now with the saved settings; the SMTP server's refusal is an
    /// `Upstream` error carrying its answer. Recorded in the audit log either way.
    pub async fn send_test_email(&self, actor: &Actor, to: &str) -> Result<()> {
        self.authorize(actor, Permission::ManageUsers).await?;
        let delivery = self.store.notification_test(to).await?;
        let notifier = Notifier::from_settings(&delivery.settings, None)?;
        let outcome = notifier.send_test(to, &actor.name).await;
        self.store.record_notification_test(actor, to, &outcome).await?;
        outcome.map_err(|err| Error::Upstream(format!("{err:#}")))
    }
}
