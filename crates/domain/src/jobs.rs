//! Background jobs as the API shows them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// Where a job is: waiting (`queued`, perhaps for a retry), `running`, or finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Succeeded,
    /// Gave up after its last attempt.
    Failed,
}

names!(JobState { Queued = "queued", Running = "running", Succeeded = "succeeded", Failed = "failed" });

/// A background job.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobView {
    pub id: i64,
    /// `alert_scan`, `alert_check`, …
    pub kind: String,
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
