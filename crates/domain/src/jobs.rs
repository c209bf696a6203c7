//! Background jobs: their kinds, each with its payload as a type, and how the API shows them.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// What a job does. Each kind has one payload type ([`JobPayload`]) and one runner.
    pub enum JobKind: "job kind" {
        /// Scan every asset for alerts to open or clear.
        AlertScan = "alert_scan",
        /// Re-check the alerts of one changed asset (the worker checks a batch at once).
        AlertCheck = "alert_check",
        /// Send one e-mail.
        NotifyEmail = "notify_email",
        /// Post one batch of alerts to the webhook.
        NotifyWebhook = "notify_webhook",
        /// Write the scheduled backup.
        Backup = "backup",
        /// The dry run of an import: read the file, check every row, store what each would do.
        ImportCheck = "import_check",
    }
}

vocabulary! {
    /// Where a job is: waiting (`queued`, perhaps for a retry), `running`, or finished.
    pub enum JobState: "job state" {
        Queued = "queued",
        Running = "running",
        Succeeded = "succeeded",
        /// Gave up after its last attempt.
        Failed = "failed",
    }
}

filter! {
    /// Filters of the job list, newest first unless `sort=id`.
    pub struct JobFilter sorted by crate::IdSort {
        state: Option<JobState>,
        kind: Option<JobKind>,
    }
}

/// The payload of one kind of job: enqueued as JSON, read back into this type.
pub trait JobPayload: Serialize + DeserializeOwned + Send + Sync + 'static {
    const KIND: JobKind;
}

/// A job enqueued once per tick of a schedule, across all nodes.
pub trait Scheduled: JobPayload {
    fn at_tick(tick: DateTime<Utc>) -> Self;
}

/// Why the alert scan runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanReason {
    /// The schedule's tick (jobs queued by versions before 0.2 carried only their tick).
    #[default]
    Scheduled,
    /// An administrator changed the alert rules.
    #[serde(alias = "rules changed")]
    RulesChanged,
    /// Someone asked for it (`POST /alerts/scan`).
    Requested,
}

/// `alert_scan`: the whole scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertScan {
    #[serde(default)]
    pub reason: ScanReason,
    /// The schedule's tick, for a scheduled scan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tick: Option<DateTime<Utc>>,
}

impl JobPayload for AlertScan {
    const KIND: JobKind = JobKind::AlertScan;
}

impl Scheduled for AlertScan {
    fn at_tick(tick: DateTime<Utc>) -> Self {
        AlertScan { reason: ScanReason::Scheduled, tick: Some(tick) }
    }
}

/// `alert_check`: one changed asset to check again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertCheck {
    pub asset_id: i64,
}

impl JobPayload for AlertCheck {
    const KIND: JobKind = JobKind::AlertCheck;
}

/// `notify_email`: an e-mail ready to send; the worker adds the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The same on every attempt, so that a mail server or client can drop a copy.
    pub message_id: String,
}

impl JobPayload for Email {
    const KIND: JobKind = JobKind::NotifyEmail;
}

/// `notify_webhook`: the JSON body to post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WebhookCall(pub serde_json::Value);

impl JobPayload for WebhookCall {
    const KIND: JobKind = JobKind::NotifyWebhook;
}

/// `backup`: the scheduled archive of one tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub tick: DateTime<Utc>,
}

impl JobPayload for Backup {
    const KIND: JobKind = JobKind::Backup;
}

impl Scheduled for Backup {
    fn at_tick(tick: DateTime<Utc>) -> Self {
        Backup { tick }
    }
}

/// A background job.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobView {
    pub id: i64,
    pub kind: JobKind,
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    pub state: JobState,
    pub attempts: i32,
    pub max_attempts: i32,
    /// When it runs, or runs again after a failure.
    pub run_at: DateTime<Utc>,
    /// The worker running it.
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}
