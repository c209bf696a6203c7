//! The job queue: a table that survives restarts. Workers on any node claim due jobs with a
//! lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's write lock serialises claims); a job
//! whose worker died is claimed again once its lease expires. A scheduled run carries a unique
//! key (`task@tick`), so that of all the nodes enqueueing it only one row lands.

use chrono::{DateTime, Utc};
use radgestmat_domain::{DomainError, JobFilter, JobKind, JobPayload, JobState, JobView, List, Page};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoSimpleExpr, PaginatorTrait,
    QueryFilter, Statement, TryInsertResult,
};
use serde_json::Value;
use tracing::instrument;

use crate::entities::jobs;
use crate::keyset::{Sort, page};
use crate::vocabulary::Name;
use crate::{Result, Store, now};

/// A job to enqueue: a payload of one of the [`JobKind`]s, as JSON.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: JobKind,
    pub payload: Value,
    /// Only one job with this key is ever enqueued.
    pub unique_key: Option<String>,
    pub run_at: DateTime<Utc>,
    pub max_attempts: i32,
}

impl NewJob {
    /// The job carrying `payload`, due now.
    pub fn now<P: JobPayload>(payload: &P) -> NewJob {
        // The payloads are plain structs of strings, numbers and dates: they always serialise.
        let payload = serde_json::to_value(payload).unwrap_or(Value::Null);
        NewJob { kind: P::KIND, payload, unique_key: None, run_at: now(), max_attempts: 5 }
    }
}

/// A claimed job, for the worker that runs it.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    /// The payload's JSON as stored; read it with [`Job::payload`].
    payload: String,
    /// This run's number, from 1.
    pub attempt: i32,
    pub max_attempts: i32,
}

impl Job {
    /// The payload as the type of its kind.
    pub fn payload<P: JobPayload>(&self) -> anyhow::Result<P> {
        anyhow::ensure!(self.kind == P::KIND, "job {} is a {} job, not a {} one", self.id, self.kind, P::KIND);
        serde_json::from_str(&self.payload)
            .map_err(|err| anyhow::anyhow!("job {}: unreadable {} payload: {err}", self.id, self.kind))
    }
}

impl Job {
    /// A row of the claim's `RETURNING id, kind, payload, attempts, max_attempts`.
    fn claimed(row: &sea_orm::QueryResult) -> std::result::Result<Job, DbErr> {
        let kind: Name<JobKind> = row.try_get_by_index(1)?;
        Ok(Job {
            id: row.try_get_by_index(0)?,
            kind: kind.0,
            payload: row.try_get_by_index(2)?,
            attempt: row.try_get_by_index(3)?,
            max_attempts: row.try_get_by_index(4)?,
        })
    }
}

/// Fails for good the jobs of `kinds` whose worker died during their last attempt.
async fn give_up_abandoned(db: &impl ConnectionTrait, kinds: &[JobKind], at: DateTime<Utc>) -> Result<()> {
    use jobs::Column as C;
    jobs::Entity::update_many()
        .col_expr(C::State, JobState::Failed.as_str().into())
        .col_expr(C::LastError, "the worker stopped during the last attempt".into())
        .col_expr(C::FinishedAt, at.into())
        .filter(C::State.eq(JobState::Running.as_str()))
        .filter(C::LockedUntil.lt(at))
        .filter(C::Kind.is_in(kinds.iter().map(|k| k.as_str())))
        .filter(Expr::col(C::Attempts).gte(Expr::col(C::MaxAttempts)))
        .exec(db)
        .await?;
    Ok(())
}

fn row(job: NewJob, at: DateTime<Utc>) -> jobs::ActiveModel {
    jobs::ActiveModel {
        kind: Set(job.kind.into()),
        payload: Set(job.payload.to_string()),
        unique_key: Set(job.unique_key),
        state: Set(JobState::Queued.into()),
        attempts: Set(0),
        max_attempts: Set(job.max_attempts),
        run_at: Set(job.run_at),
        created_at: Set(at),
        ..Default::default()
    }
}

/// Enqueues a job in the caller's transaction; `None` when its unique key is already taken.
pub(crate) async fn enqueue(db: &impl ConnectionTrait, job: NewJob) -> Result<Option<i64>> {
    let inserted =
        jobs::Entity::insert(row(job, now())).on_conflict_do_nothing_on([jobs::Column::UniqueKey]).exec(db).await?;
    Ok(match inserted {
        TryInsertResult::Inserted(r) => Some(r.last_insert_id),
        TryInsertResult::Empty | TryInsertResult::Conflicted => None,
    })
}

/// Enqueues many jobs in the caller's transaction, a few hundred rows per statement; returns how
/// many were new (the others' unique keys were taken).
pub(crate) async fn enqueue_all(db: &impl ConnectionTrait, all: Vec<NewJob>) -> Result<u64> {
    let at = now();
    let mut inserted = 0;
    let mut all = all.into_iter().peekable();
    while all.peek().is_some() {
        let rows: Vec<jobs::ActiveModel> = all.by_ref().take(200).map(|job| row(job, at)).collect();
        let outcome = jobs::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([jobs::Column::UniqueKey])
            .exec_without_returning(db)
            .await?;
        if let TryInsertResult::Inserted(n) = outcome {
            inserted += n;
        }
    }
    Ok(inserted)
}

fn view(j: jobs::Model) -> JobView {
    JobView {
        id: j.id,
        kind: j.kind.0,
        payload: serde_json::from_str(&j.payload).unwrap_or(Value::Null),
        state: j.state.0,
        attempts: j.attempts,
        max_attempts: j.max_attempts,
        run_at: j.run_at,
        locked_by: j.locked_by,
        last_error: j.last_error,
        created_at: j.created_at,
        started_at: j.started_at,
        finished_at: j.finished_at,
    }
}

impl Store {
    /// Enqueues a job; `None` when its unique key is already taken.
    #[instrument(skip_all, fields(job.kind = job.kind.as_str()))]
    pub async fn enqueue(&self, job: NewJob) -> Result<Option<i64>> {
        let txn = self.write().await?;
        let id = enqueue(&txn, job).await?;
        txn.commit().await?;
        self.jobs_ready.notify_one();
        Ok(id)
    }

    /// Wakes when a transaction of this process enqueued work (or anything else committed).
    pub async fn jobs_ready(&self) {
        self.jobs_ready.notified().await;
    }

    /// Claims up to `limit` due jobs of these kinds for `worker`, leased until `until`; gives up
    /// on jobs whose worker died on their last attempt.
    #[instrument(skip_all)]
    pub async fn claim_jobs(
        &self,
        worker: &str,
        kinds: &[JobKind],
        limit: u64,
        until: DateTime<Utc>,
    ) -> Result<Vec<Job>> {
        use jobs::Column as C;
        let at = now();
        let due = C::State
            .eq(JobState::Queued.as_str())
            .and(C::RunAt.lte(at))
            .or(C::State.eq(JobState::Running.as_str()).and(C::LockedUntil.lt(at)))
            .and(C::Kind.is_in(kinds.iter().map(|k| k.as_str())));
        // A read first: most polls find nothing and need no write lock.
        if jobs::Entity::find().filter(due).one(&self.db).await?.is_none() {
            return Ok(Vec::new());
        }
        let txn = self.write().await?;
        give_up_abandoned(&txn, kinds, at).await?;
        let skip_locked = match txn.get_database_backend() {
            DbBackend::Postgres => "FOR UPDATE SKIP LOCKED",
            _ => "",
        };
        let mut values: Vec<sea_orm::Value> = vec![worker.into(), until.into(), at.into(), (limit as i64).into()];
        let mut marks = Vec::new();
        for kind in kinds {
            values.push(kind.as_str().into());
            marks.push(format!("${}", values.len()));
        }
        let sql = format!(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1, locked_until = $2, \
             started_at = $3 WHERE id IN (SELECT id FROM jobs \
             WHERE ((state = 'queued' AND run_at <= $3) OR (state = 'running' AND locked_until < $3)) \
             AND kind IN ({}) ORDER BY run_at, id LIMIT $4 {skip_locked}) \
             RETURNING id, kind, payload, attempts, max_attempts",
            marks.join(", ")
        );
        let rows = txn.query_all_raw(Statement::from_sql_and_values(txn.get_database_backend(), sql, values)).await?;
        txn.commit().await?;
        let mut claimed = rows.iter().map(Job::claimed).collect::<std::result::Result<Vec<_>, DbErr>>()?;
        claimed.sort_by_key(|j| j.id);
        Ok(claimed)
    }

    /// Records a job's success, unless its lease went to another worker meanwhile.
    pub async fn finish_job(&self, id: i64, worker: &str) -> Result<()> {
        self.close_job(id, worker, JobState::Succeeded, None, None).await
    }

    /// Records a failed attempt: the job runs again at `retry_at`, or fails for good without one.
    pub async fn fail_job(&self, id: i64, worker: &str, error: &str, retry_at: Option<DateTime<Utc>>) -> Result<()> {
        let state = if retry_at.is_some() { JobState::Queued } else { JobState::Failed };
        self.close_job(id, worker, state, Some(error), retry_at).await
    }

    async fn close_job(
        &self,
        id: i64,
        worker: &str,
        state: JobState,
        error: Option<&str>,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<()> {
        use jobs::Column as C;
        let at = now();
        let finished = (state != JobState::Queued).then_some(at);
        let error: Option<String> = error.map(|e| e.chars().take(2_000).collect());
        let txn = self.write().await?;
        // A success keeps the error of an earlier attempt: it tells why it took several.
        let mut update = jobs::Entity::update_many()
            .col_expr(C::State, state.as_str().into())
            .col_expr(C::FinishedAt, finished.into())
            .col_expr(C::LockedUntil, Option::<DateTime<Utc>>::None.into());
        if error.is_some() {
            update = update.col_expr(C::LastError, error.into());
        }
        if let Some(retry_at) = retry_at {
            update = update.col_expr(C::RunAt, retry_at.into());
        }
        update
            .filter(C::Id.eq(id))
            .filter(C::State.eq(JobState::Running.as_str()))
            .filter(C::LockedBy.eq(worker))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Deletes succeeded jobs finished before `before`; returns how many.
    pub async fn purge_jobs(&self, before: DateTime<Utc>) -> Result<u64> {
        let txn = self.write().await?;
        let deleted = jobs::Entity::delete_many()
            .filter(jobs::Column::State.eq(JobState::Succeeded.as_str()))
            .filter(jobs::Column::FinishedAt.lt(before))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(deleted.rows_affected)
    }

    /// Jobs, newest first.
    #[instrument(skip_all)]
    pub async fn list_jobs(&self, query: &List<JobFilter>) -> Result<Page<JobView>> {
        let mut select = jobs::Entity::find();
        if let Some(state) = query.filter.state {
            select = select.filter(jobs::Column::State.eq(state.as_str()));
        }
        if let Some(kind) = query.filter.kind {
            select = select.filter(jobs::Column::Kind.eq(kind.as_str()));
        }
        let total = if query.count { Some(select.clone().count(&self.db).await?) } else { None };
        let sort = Sort {
            key: None,
            id: jobs::Column::Id.into_simple_expr(),
            descending: query.sort.is_none() || query.descending,
        };
        let rows = sort.apply(select, query)?.all(&self.db).await?;
        Ok(page(rows.into_iter().map(view).collect(), query.limit, total, |j| Sort::cursor(None, j.id)))
    }

    /// One job.
    pub async fn get_job(&self, id: i64) -> Result<JobView> {
        let job = jobs::Entity::find_by_id(id).one(&self.db).await?;
        Ok(view(job.ok_or_else(|| DomainError::not_found("job", id))?))
    }
}
