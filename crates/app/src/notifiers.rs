//! Which notification channels are in force: the settings an administrator saved in the
//! application, else the server's environment. The notifier of the saved settings is built again
//! only when they change; settings that cannot be used (sealed with another key) block deliveries,
//! logged once and shown as `radgestmat_notifications_blocked 1`, until they are fixed.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use radgestmat_store::{Delivery, Dispatch};

use crate::{App, Notifier, Result};

pub(crate) struct Notifiers {
    /// The server's environment's channels.
    environment: Notifier,
    saved: Mutex<Saved>,
}

#[derive(Default)]
struct Saved {
    notifier: Option<(DateTime<Utc>, Notifier)>,
    /// The last problem logged, so that it is logged once, not on every poll.
    problem: Option<String>,
}

impl Notifiers {
    pub(crate) fn new(environment: Notifier) -> Notifiers {
        Notifiers { environment, saved: Mutex::default() }
    }

    /// The notifier of the saved settings, built again only when they changed.
    fn saved(&self, delivery: &Delivery) -> anyhow::Result<Notifier> {
        let mut saved = self.saved.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, notifier)) = &saved.notifier
            && *at == delivery.updated_at
        {
            return Ok(notifier.clone());
        }
        let public_url = self.environment.channels().public_url.clone();
        let notifier = Notifier::from_settings(&delivery.settings, public_url)?;
        saved.notifier = Some((delivery.updated_at, notifier.clone()));
        Ok(notifier)
    }

    fn report(&self, built: anyhow::Result<Notifier>) -> Option<Notifier> {
        metrics::gauge!("radgestmat_notifications_blocked").set(if built.is_ok() { 0.0 } else { 1.0 });
        let mut saved = self.saved.lock().unwrap_or_else(|e| e.into_inner());
        match built {
            Ok(notifier) => {
                saved.problem = None;
                Some(notifier)
            }
            Err(err) => {
                let problem = format!("{err:#}");
                if saved.problem.as_ref() != Some(&problem) {
                    tracing::error!(error = %problem, "the notification settings cannot be used; nothing is sent");
                    saved.problem = Some(problem);
                }
                None
            }
        }
    }
}

impl App {
    /// The notifier in force; `None` when the saved settings cannot be used (nothing is sent,
    /// the alerts wait un-notified until they are fixed) or the database does not answer.
    pub async fn notifier(&self) -> Option<Notifier> {
        let built = match self.store.notification_delivery().await {
            Ok(None) => Ok(self.notifiers.environment.clone()),
            Ok(Some(delivery)) => self.notifiers.saved(&delivery),
            Err(radgestmat_store::Error::Domain(err)) => Err(err.into()),
            // The database's trouble: claiming the jobs fails and says so.
            Err(_) => return None,
        };
        self.notifiers.report(built)
    }

    /// Turns the alerts nobody was told of into deliveries (jobs) through `notifier`'s channels.
    pub async fn dispatch_notifications(&self, notifier: &Notifier) -> Result<Dispatch> {
        let sent = self.store.dispatch_notifications(notifier.channels()).await?;
        if sent.alerts > 0 {
            tracing::info!(
                alerts = sent.alerts,
                emails = sent.emails,
                webhooks = sent.webhooks,
                "notifications dispatched"
            );
        }
        Ok(sent)
    }
}
