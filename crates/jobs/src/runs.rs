//! What each kind of job does. A kind is a payload type with its [`BackgroundJob::run`]; the
//! matches here name every kind, so a new one does not compile until it has a runner, says
//! which workers run it and how it is counted.

use std::time::Instant;

use anyhow::Context;
use chrono::{TimeDelta, Utc};
use radgestmat_domain::{AlertCheck, AlertScan, Backup, Email, ImportCheck, JobKind, JobPayload, WebhookCall};
use radgestmat_store::Job;

use radgestmat_app::Notifier;

use crate::{Worker, count_alerts};

/// Succeeded jobs are kept this long for `GET /jobs`, then purged by the scan.
const KEEP_JOBS: TimeDelta = TimeDelta::days(7);

/// What a job's run may use.
pub(crate) struct Run<'a> {
    pub worker: &'a Worker,
    pub job: &'a Job,
    /// `None` when no notification can go out now (unusable settings, database away).
    pub notifier: Option<&'a Notifier>,
}

impl Run<'_> {
    fn notifier(&self) -> anyhow::Result<&Notifier> {
        self.notifier.context("the notification settings cannot be used")
    }
}

/// A job's payload and what running it does. Runs are idempotent: a job that ran half-way (its
/// worker died) runs again from the start.
pub(crate) trait BackgroundJob: JobPayload {
    fn run(self, run: &Run<'_>) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// Whether this worker runs jobs of `kind`: deliveries need a channel, backups a folder.
pub(crate) fn can_run(worker: &Worker, kind: JobKind, notifier: Option<&Notifier>) -> bool {
    match kind {
        JobKind::AlertScan | JobKind::AlertCheck | JobKind::ImportCheck => true,
        JobKind::NotifyEmail | JobKind::NotifyWebhook => notifier.is_some_and(|n| n.kinds().any(|k| k == kind)),
        JobKind::Backup => worker.options.backups.is_some(),
    }
}

/// Job runs by kind and outcome; deliveries also by channel.
pub(crate) fn count_job(kind: JobKind, succeeded: bool) {
    let name = if succeeded { "radgestmat_jobs_succeeded_total" } else { "radgestmat_job_failures_total" };
    metrics::counter!(name, "kind" => kind.as_str()).increment(1);
    let channel = match kind {
        JobKind::NotifyEmail => "email",
        JobKind::NotifyWebhook => "webhook",
        JobKind::AlertScan | JobKind::AlertCheck | JobKind::Backup | JobKind::ImportCheck => return,
    };
    let name = if succeeded { "radgestmat_notifications_sent_total" } else { "radgestmat_notification_failures_total" };
    metrics::counter!(name, "channel" => channel).increment(1);
}

/// Runs one claimed job (the alert re-checks usually go in batches, see [`batch_checks`]).
pub(crate) async fn perform(worker: &Worker, job: &Job, notifier: Option<&Notifier>) -> anyhow::Result<()> {
    let run = Run { worker, job, notifier };
    match job.kind {
        JobKind::AlertScan => job.payload::<AlertScan>()?.run(&run).await,
        JobKind::AlertCheck => check_alerts(worker, vec![job.payload::<AlertCheck>()?.asset_id], notifier).await,
        JobKind::NotifyEmail => job.payload::<Email>()?.run(&run).await,
        JobKind::NotifyWebhook => job.payload::<WebhookCall>()?.run(&run).await,
        JobKind::Backup => job.payload::<Backup>()?.run(&run).await,
        JobKind::ImportCheck => job.payload::<ImportCheck>()?.run(&run).await,
    }
}

/// Sets apart the alert re-checks that can run as one batch; the others, and a re-check whose
/// payload does not read, run (and fail) one by one.
pub(crate) fn batch_checks(jobs: Vec<Job>) -> (Vec<(Job, AlertCheck)>, Vec<Job>) {
    let (mut checks, mut others) = (Vec::new(), Vec::new());
    for job in jobs {
        match job.kind {
            JobKind::AlertCheck => match job.payload::<AlertCheck>() {
                Ok(check) => checks.push((job, check)),
                Err(_) => others.push(job),
            },
            _ => others.push(job),
        }
    }
    (checks, others)
}

/// The alert re-checks of a batch of changed assets, as one.
pub(crate) async fn check_alerts(
    worker: &Worker,
    mut assets: Vec<i64>,
    notifier: Option<&Notifier>,
) -> anyhow::Result<()> {
    assets.sort_unstable();
    assets.dedup();
    count_alerts(worker.store.check_alerts(&assets, Utc::now()).await?);
    worker.dispatch(notifier).await
}

impl BackgroundJob for AlertScan {
    async fn run(self, run: &Run<'_>) -> anyhow::Result<()> {
        let started = Instant::now();
        let report = run.worker.store.scan_alerts(Utc::now()).await?;
        metrics::histogram!("radgestmat_alert_scan_duration_seconds").record(started.elapsed().as_secs_f64());
        count_alerts(report);
        tracing::info!(
            job.id = run.job.id,
            reason = ?self.reason,
            opened = report.opened,
            cleared = report.cleared,
            seconds = started.elapsed().as_secs_f64(),
            "alert scan"
        );
        run.worker.dispatch(run.notifier).await?;
        run.worker.store.purge_jobs(Utc::now() - KEEP_JOBS).await?;
        Ok(())
    }
}

impl BackgroundJob for Email {
    async fn run(self, run: &Run<'_>) -> anyhow::Result<()> {
        run.notifier()?.send(self).await
    }
}

impl BackgroundJob for WebhookCall {
    async fn run(self, run: &Run<'_>) -> anyhow::Result<()> {
        run.notifier()?.post_webhook(run.job.id, &self.0).await
    }
}

impl BackgroundJob for Backup {
    /// Writes the scheduled archive, then prunes the folder to the retention.
    async fn run(self, run: &Run<'_>) -> anyhow::Result<()> {
        let Some(options) = &run.worker.options.backups else { anyhow::bail!("this worker has no backup folder") };
        let store = &run.worker.store;
        let started = Instant::now();
        store.seal_audit().await?;
        let (path, manifest) = store.backup_into(&options.dir, Utc::now()).await?;
        let deleted = radgestmat_store::prune_backups(&options.dir, options.keep_daily, options.keep_weekly)?;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        metrics::histogram!("radgestmat_backup_duration_seconds").record(started.elapsed().as_secs_f64());
        metrics::gauge!("radgestmat_backup_size_bytes").set(bytes as f64);
        tracing::info!(
            job.id = run.job.id,
            tick = %self.tick,
            path = %path.display(),
            rows = manifest.tables.iter().map(|t| t.rows).sum::<u64>(),
            bytes,
            pruned = deleted.len(),
            seconds = started.elapsed().as_secs_f64(),
            "backup written"
        );
        Ok(())
    }
}

impl BackgroundJob for ImportCheck {
    /// The dry run of an import; run again from the start after a crash.
    async fn run(self, run: &Run<'_>) -> anyhow::Result<()> {
        let started = Instant::now();
        run.worker.app.check_import(self.import_id).await?;
        tracing::info!(
            job.id = run.job.id,
            import.id = self.import_id,
            seconds = started.elapsed().as_secs_f64(),
            "import checked"
        );
        Ok(())
    }
}
