//! RadGestMat background work. A [`Worker`] runs inside `radgestmat serve` (embedded mode) or
//! alone (`radgestmat worker`), as many as you like against one database: it enqueues the
//! scheduled alert scan of each tick (one row per tick across all nodes, by unique key), claims
//! due jobs with a lease, runs them and retries failures with exponential back-off. Jobs are
//! idempotent: one that ran half-way (its worker died) runs again from the start, and opens
//! nothing twice — the database's unique index sees to that. After each scan or re-check the
//! worker dispatches the new alerts' notifications through the application's notifier. A worker given a backup
//! folder also writes the scheduled backups there, the same way (one per tick across nodes).

mod runs;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use radgestmat_app::{App, Notifier};
use radgestmat_domain::{AlertScan, Backup, JobKind, Scheduled};
use radgestmat_store::{Job, NewJob, ScanReport, Store};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Shown in `GET /jobs` as `locked_by`: the host and process by default.
    pub name: String,
    /// How often to look for due jobs when nothing wakes the worker.
    pub poll: Duration,
    /// How long a claimed job is this worker's; after that another worker may take it over.
    pub lease: Duration,
    /// The alert scan runs once per this period across all nodes.
    pub scan_every: Duration,
    /// The first retry waits this long, each next one twice as long (up to an hour).
    pub retry_base: Duration,
    /// Jobs claimed at once; the alert re-checks among them run as one.
    pub batch: u64,
    /// Scheduled backups, when this worker has a folder for them.
    pub backups: Option<BackupOptions>,
}

/// Scheduled backups: an archive every `every` into `dir`, pruned to the last of each of the
/// `keep_daily` latest days and of the `keep_weekly` latest ISO weeks.
#[derive(Debug, Clone)]
pub struct BackupOptions {
    pub dir: std::path::PathBuf,
    pub every: Duration,
    pub keep_daily: usize,
    pub keep_weekly: usize,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        let host = std::env::var("HOSTNAME")
            .ok()
            .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "node".into());
        WorkerOptions {
            name: format!("{host}-{}", std::process::id()),
            poll: Duration::from_secs(1),
            lease: Duration::from_secs(300),
            scan_every: Duration::from_secs(15 * 60),
            retry_base: Duration::from_secs(10),
            batch: 200,
            backups: None,
        }
    }
}

/// The background worker. Cheap to clone.
#[derive(Clone)]
pub struct Worker {
    /// The rules and notifications.
    app: App,
    /// The queue, scans and backups: the worker is trusted code, not a caller.
    store: Store,
    options: Arc<WorkerOptions>,
}

impl Worker {
    pub fn new(app: App, store: Store, options: WorkerOptions) -> Worker {
        Worker { app, store, options: Arc::new(options) }
    }

    /// Runs until the task is dropped: schedules, claims and runs jobs; wakes when this process
    /// commits a change (briefly later, so that a burst of changes is checked as one batch).
    pub async fn run(self) {
        tracing::info!(worker = %self.options.name, scan_every_s = self.options.scan_every.as_secs(), "worker started");
        let (mut scan, mut backup) = (None, None);
        loop {
            let now = Utc::now();
            scan = self.schedule::<AlertScan>(self.options.scan_every, now, scan).await;
            if let Some(backups) = &self.options.backups {
                backup = self.schedule::<Backup>(backups.every, now, backup).await;
            }
            match self.run_once().await {
                Ok(0) => {}
                Ok(_) => continue,
                Err(err) => tracing::error!(error = %format!("{err:#}"), "claiming jobs failed"),
            }
            tokio::select! {
                () = self.store.jobs_ready() => tokio::time::sleep(Duration::from_millis(100)).await,
                () = tokio::time::sleep(self.options.poll) => {}
            }
        }
    }

    /// Enqueues the job `J` of the tick `at` falls in (ticks of `every`), unless this worker
    /// already did; every node does the same and the tick's unique key keeps one. Returns the
    /// tick scheduled.
    async fn schedule<J: Scheduled>(&self, every: Duration, at: DateTime<Utc>, last: Option<i64>) -> Option<i64> {
        let every = every.as_secs().max(1) as i64;
        let tick = at.timestamp().div_euclid(every);
        if last == Some(tick) {
            return last;
        }
        let start = DateTime::from_timestamp(tick * every, 0).unwrap_or(at);
        let job = NewJob {
            unique_key: Some(format!("{}@{}", J::KIND, start.format("%Y-%m-%dT%H:%M:%SZ"))),
            ..NewJob::now(&J::at_tick(start))
        };
        match self.store.enqueue(job).await {
            Ok(_) => Some(tick),
            Err(err) => {
                tracing::error!(error = %err, kind = %J::KIND, "scheduling a periodic job failed; will try again");
                last
            }
        }
    }

    /// Claims one batch of due jobs and runs it; returns how many jobs it ran.
    pub async fn run_once(&self) -> anyhow::Result<usize> {
        let until = Utc::now() + self.options.lease;
        let notifier = self.app.notifier().await;
        let kinds: Vec<JobKind> =
            JobKind::ALL.iter().copied().filter(|k| runs::can_run(self, *k, notifier.as_ref())).collect();
        let jobs = self.store.claim_jobs(&self.options.name, &kinds, self.options.batch, until).await?;
        let count = jobs.len();
        let (checks, others) = runs::batch_checks(jobs);
        if !checks.is_empty() {
            let assets: Vec<i64> = checks.iter().map(|(_, check)| check.asset_id).collect();
            let outcome = runs::check_alerts(self, assets, notifier.as_ref()).await.map_err(|e| format!("{e:#}"));
            for (job, _) in &checks {
                self.settle(job, outcome.clone()).await;
            }
        }
        for job in &others {
            let outcome = runs::perform(self, job, notifier.as_ref()).await.map_err(|e| format!("{e:#}"));
            self.settle(job, outcome).await;
        }
        Ok(count)
    }

    /// Turns the alerts nobody was told of into deliveries: those of the scan or re-check that
    /// just ran, and those a crash left behind (or that waited for usable settings).
    async fn dispatch(&self, notifier: Option<&Notifier>) -> anyhow::Result<()> {
        if let Some(notifier) = notifier {
            self.app.dispatch_notifications(notifier).await?;
        }
        Ok(())
    }

    /// Records how a job went: done, to retry after a back-off, or failed for good.
    async fn settle(&self, job: &Job, outcome: Result<(), String>) {
        runs::count_job(job.kind, outcome.is_ok());
        let name = &self.options.name;
        let recorded = match outcome {
            Ok(()) => self.store.finish_job(job.id, name).await,
            Err(error) => {
                let retry_at = (job.attempt < job.max_attempts).then(|| Utc::now() + self.backoff(job.attempt));
                tracing::warn!(job.id = job.id, job.kind = %job.kind, attempt = job.attempt, %error, ?retry_at, "job failed");
                self.store.fail_job(job.id, name, &error, retry_at).await
            }
        };
        if let Err(err) = recorded {
            // The lease runs out and another worker runs the job again: harmless, jobs are idempotent.
            tracing::error!(job.id = job.id, error = %err, "recording a job's outcome failed");
        }
    }

    /// `retry_base × 2^(attempt − 1)`, at most an hour.
    fn backoff(&self, attempt: i32) -> TimeDelta {
        let wait = self.options.retry_base.saturating_mul(1 << (attempt - 1).clamp(0, 16));
        TimeDelta::from_std(wait.min(Duration::from_secs(3600))).unwrap_or(TimeDelta::hours(1))
    }
}

fn count_alerts(report: ScanReport) {
    metrics::counter!("radgestmat_alerts_opened_total").increment(report.opened);
    metrics::counter!("radgestmat_alerts_cleared_total").increment(report.cleared);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn back_off_doubles_up_to_an_hour() {
        let (app, store) =
            radgestmat_app::AppBuilder::new("sqlite::memory:", Default::default()).build().await.expect("app");
        let options = WorkerOptions { retry_base: Duration::from_secs(10), ..Default::default() };
        let worker = Worker::new(app, store, options);
        let waits: Vec<i64> = [1, 2, 3, 10, 40].into_iter().map(|a| worker.backoff(a).num_seconds()).collect();
        assert_eq!(waits, [10, 20, 40, 3600, 3600]);
    }
}
