//! What `/metrics` reads from the database at each scrape: the same figures on every node.

use chrono::{DateTime, Utc};
use radgestmat_domain::{AlertState, JobKind, JobState};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::entities::{alerts, jobs};
use crate::{Result, Store};

/// Counts of live alerts and of jobs, by their labels.
#[derive(Debug, Clone, Default)]
pub struct Gauges {
    /// (kind, severity, state, count) of the alerts not resolved.
    pub alerts: Vec<(String, String, String, i64)>,
    /// (kind, state, count) of the jobs in the table.
    pub jobs: Vec<(String, String, i64)>,
    /// When the longest-waiting due job became due: the queue's backlog.
    pub oldest_due_job: Option<DateTime<Utc>>,
    /// When the last scheduled backup succeeded (within the jobs kept, 7 days).
    pub last_backup: Option<DateTime<Utc>>,
}

impl Store {
    pub async fn gauges(&self) -> Result<Gauges> {
        use alerts::Column as A;
        use jobs::Column as J;
        let alerts = alerts::Entity::find()
            .select_only()
            .columns([A::Kind, A::Severity, A::State])
            .column_as(Expr::from(Func::count(Expr::col(A::Id))), "count")
            .filter(A::State.ne(AlertState::Resolved.as_str()))
            .group_by(A::Kind)
            .group_by(A::Severity)
            .group_by(A::State)
            .into_tuple()
            .all(&self.db)
            .await?;
        let jobs = jobs::Entity::find()
            .select_only()
            .columns([J::Kind, J::State])
            .column_as(Expr::from(Func::count(Expr::col(J::Id))), "count")
            .group_by(J::Kind)
            .group_by(J::State)
            .into_tuple()
            .all(&self.db)
            .await?;
        let oldest_due_job = jobs::Entity::find()
            .select_only()
            .column_as(Expr::from(Func::min(Expr::col(J::RunAt))), "oldest")
            .filter(J::State.eq(JobState::Queued.as_str()))
            .filter(J::RunAt.lte(Utc::now()))
            .into_tuple::<Option<DateTime<Utc>>>()
            .one(&self.db)
            .await?
            .flatten();
        let last_backup = jobs::Entity::find()
            .select_only()
            .column_as(Expr::from(Func::max(Expr::col(J::FinishedAt))), "last")
            .filter(J::Kind.eq(JobKind::Backup.as_str()))
            .filter(J::State.eq(JobState::Succeeded.as_str()))
            .into_tuple::<Option<DateTime<Utc>>>()
            .one(&self.db)
            .await?
            .flatten();
        Ok(Gauges { alerts, jobs, oldest_due_job, last_backup })
    }
}
