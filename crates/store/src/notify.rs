//! Notifications: the alerts nobody was told of yet become e-mails (one per recipient: the alert
//! itself, or a digest when several opened at once) and webhook calls — jobs enqueued in the very
//! transaction that marks the alerts `notified_at`. A crash before that transaction leaves the
//! alerts to the next dispatch (after the next scan or re-check); a crash after it leaves jobs,
//! which the queue runs and retries. No alert is ever dispatched twice: the claim only takes
//! alerts whose `notified_at` is still empty, one transaction at a time.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use radgestmat_domain::{AlertKind, AlertRule, AlertView, Email, JobKind, Language, WebhookCall, alert_email};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use tracing::instrument;

use crate::alert_scan::statement;
use crate::alerts::{Row, views, with_names};
use crate::entities::{alerts, employees, sites, users};
use crate::jobs::{NewJob, enqueue_all};
use crate::{Result, Store, now};

/// Alerts dispatched per transaction: each recipient gets one message per batch, so a scan that
/// opens thousands of alerts sends each person one digest.
const BATCH: i64 = 10_000;
/// Alerts read per query.
const READ: usize = 1_000;
/// Alerts per webhook call.
const WEBHOOK_BATCH: usize = 100;

/// Where notifications go, from the configuration.
#[derive(Debug, Clone, Default)]
pub struct Channels {
    /// An SMTP server is configured.
    pub email: bool,
    /// A webhook is configured.
    pub webhook: bool,
    pub language: Language,
    /// The web interface's address, for links in e-mails.
    pub public_url: Option<String>,
    /// The right-hand side of Message-IDs: the sender's domain.
    pub domain: String,
}

/// What a dispatch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Dispatch {
    pub alerts: u64,
    pub emails: u64,
    pub webhooks: u64,
}

/// Who hears of what: the rules' recipients, the sites' IT contacts, the borrowers; and in
/// which language, for the addresses of users who chose one.
struct Directory<'a> {
    rules: &'a HashMap<AlertKind, AlertRule>,
    contacts: HashMap<i64, Vec<String>>,
    borrowers: HashMap<i64, String>,
    languages: HashMap<String, Language>,
}

impl<'a> Directory<'a> {
    async fn load(
        db: &impl ConnectionTrait,
        rules: &'a HashMap<AlertKind, AlertRule>,
        alerts: &[AlertView],
    ) -> Result<Self> {
        let site_ids: BTreeSet<i64> = alerts.iter().filter_map(|a| a.site_id).collect();
        let contacts = sites::Entity::find()
            .filter(sites::Column::Id.is_in(site_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, serde_json::from_str(&s.it_contacts).unwrap_or_default()))
            .collect();
        let employee_ids: BTreeSet<i64> = alerts.iter().filter_map(|a| a.employee_id).collect();
        let borrowers = employees::Entity::find()
            .filter(employees::Column::Id.is_in(employee_ids))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|e| Some((e.id, e.email?)))
            .collect();
        let languages = users::Entity::find()
            .filter(users::Column::Language.is_not_null())
            .filter(users::Column::Email.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|u| Some((u.email?.trim().to_lowercase(), u.language?.0)))
            .collect();
        Ok(Directory { rules, contacts, borrowers, languages })
    }

    /// The language of the e-mails to `address`: its user's choice, else the installation's.
    fn language(&self, address: &str, default: Language) -> Language {
        self.languages.get(address).copied().unwrap_or(default)
    }

    /// The addresses told of an alert, each once (compared without case).
    fn recipients(&self, alert: &AlertView) -> Vec<String> {
        let rule = self.rules.get(&alert.kind);
        let mut all: Vec<&String> = rule.map(|r| r.recipients.iter().collect()).unwrap_or_default();
        all.extend(alert.site_id.and_then(|s| self.contacts.get(&s)).into_iter().flatten());
        if alert.kind.is_loan() && rule.is_some_and(|r| r.notify_borrower) {
            all.extend(alert.employee_id.and_then(|e| self.borrowers.get(&e)));
        }
        let mut addresses: Vec<String> = all.into_iter().map(|a| a.trim().to_lowercase()).collect();
        addresses.sort();
        addresses.dedup();
        addresses
    }
}

/// A short stable digest of what a message is made of, for its Message-ID and unique key.
fn fingerprint(parts: &[&str]) -> String {
    hex::encode(&Sha256::digest(parts.join("\n"))[..8])
}

/// One e-mail per recipient, of all the alerts that recipient hears of.
fn emails(channels: &Channels, directory: &Directory<'_>, alerts: &[AlertView]) -> Vec<Email> {
    let mut by_recipient: BTreeMap<String, Vec<&AlertView>> = BTreeMap::new();
    for alert in alerts {
        for to in directory.recipients(alert) {
            by_recipient.entry(to).or_default().push(alert);
        }
    }
    by_recipient
        .into_iter()
        .map(|(to, alerts)| {
            let language = directory.language(&to, channels.language);
            let text = alert_email(language, &alerts, channels.public_url.as_deref());
            let ids: Vec<String> = alerts.iter().map(|a| a.id.to_string()).collect();
            let print = fingerprint(&[&to, &ids.join(",")]);
            let message_id = format!("<alerts.{}.{print}@{}>", ids[0], channels.domain);
            Email { to, subject: text.subject, body: text.body, message_id }
        })
        .collect()
}

impl Store {
    /// Turns every alert not yet notified into e-mails and webhook calls (as jobs), in batches.
    /// Alerts that cleared before their turn are marked and told to nobody; so are all alerts
    /// when no channel is configured, so that configuring one later does not mail a backlog.
    #[instrument(skip_all)]
    pub async fn dispatch_notifications(&self, channels: &Channels) -> Result<Dispatch> {
        let rules: HashMap<AlertKind, AlertRule> =
            self.alert_rules().await?.into_iter().map(|view| (view.kind, view.rule)).collect();
        let mut total = Dispatch::default();
        loop {
            let batch = self.dispatch_batch(channels, &rules).await?;
            if batch.alerts == 0 {
                return Ok(total);
            }
            total.alerts += batch.alerts;
            total.emails += batch.emails;
            total.webhooks += batch.webhooks;
        }
    }

    async fn dispatch_batch(&self, channels: &Channels, rules: &HashMap<AlertKind, AlertRule>) -> Result<Dispatch> {
        let txn = self.write().await?;
        let claim = "UPDATE alerts SET notified_at = :now WHERE notified_at IS NULL AND id IN \
                     (SELECT id FROM alerts WHERE notified_at IS NULL ORDER BY id LIMIT :limit) RETURNING id";
        let rows =
            txn.query_all_raw(statement(&txn, claim, &[(":now", now().into()), (":limit", BATCH.into())])).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.try_get_by_index(0)).collect::<std::result::Result<_, DbErr>>()?;
        let mut out = Dispatch { alerts: ids.len() as u64, ..Dispatch::default() };
        if ids.is_empty() || !(channels.email || channels.webhook) {
            txn.commit().await?;
            return Ok(out);
        }
        let mut live = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(READ) {
            let rows = with_names()
                .filter(alerts::Column::Id.is_in(chunk.iter().copied()))
                .filter(alerts::Column::ClearedAt.is_null())
                .order_by_asc(alerts::Column::Id)
                .into_model::<Row>()
                .all(&txn)
                .await?;
            live.extend(views(&txn, rows).await?);
        }
        let mut jobs = Vec::new();
        if channels.email {
            let directory = Directory::load(&txn, rules, &live).await?;
            for email in emails(channels, &directory, &live) {
                let key = format!("{}:{}", JobKind::NotifyEmail, email.message_id);
                jobs.push(NewJob { unique_key: Some(key), ..NewJob::now(&email) });
            }
            out.emails = jobs.len() as u64;
        }
        if channels.webhook {
            for chunk in live.chunks(WEBHOOK_BATCH) {
                let ids: Vec<String> = chunk.iter().map(|a| a.id.to_string()).collect();
                let key = format!("{}:{}.{}", JobKind::NotifyWebhook, ids[0], fingerprint(&[&ids.join(",")]));
                let body = WebhookCall(json!({"event": "alerts.opened", "alerts": chunk}));
                jobs.push(NewJob { unique_key: Some(key), ..NewJob::now(&body) });
            }
            out.webhooks = jobs.len() as u64 - out.emails;
        }
        enqueue_all(&txn, jobs).await?;
        self.commit(txn).await?;
        Ok(out)
    }
}
