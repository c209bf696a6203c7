//! Detection: each alert rule is a condition in SQL, evaluated over the whole table in two
//! statements — open an alert for every subject where it holds and none is live, clear the live
//! alerts where it no longer holds (resolving them `auto` unless someone resolved them already).
//! The unique partial index `alerts_live_key` keeps one live alert per (rule, subject) even when
//! two nodes scan at once. A re-check after a change runs the same statements on a few assets.

use chrono::{DateTime, Months, SubsecRound, TimeDelta, Utc};
use radgestmat_domain::{
    Actor, AlertKind, AlertRule, AlertRuleView, AlertScan, AlertState, AuditAction, Resolution, ScanReason, Validate,
    changes,
};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Statement, Value};
use serde::Serialize;
use serde_json::json;
use tracing::instrument;

use crate::audit::{Change, record};
use crate::entities::alert_rules;
use crate::jobs::{NewJob, enqueue};
use crate::vocabulary::Name;
use crate::{Result, Store, now};

/// What a scan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ScanReport {
    pub opened: u64,
    pub cleared: u64,
}

/// A full scan that opens or clears this many alerts refreshes the table's statistics.
const ANALYZE_AFTER: u64 = 1_000;

/// Assets still in service: the ones whose warranty and audits matter.
const IN_SERVICE: &str = "a.status IN ('in_stock', 'assigned', 'in_repair')";

/// A rule in SQL, with the parameters `:now`, `:today` and `:bound` (what the threshold gives).
struct Condition {
    /// Rows: `a` is the asset, `s` the assignment when there is one.
    from: &'static str,
    holds: String,
    subject: &'static str,
    assignment: &'static str,
    reference_at: &'static str,
    reference_date: &'static str,
}

const ASSETS: &str = "assets a";
const OPEN_LOANS: &str = "assignments s JOIN assets a ON a.id = s.asset_id";

/// The rule's condition; none for alerts people raise (a reported problem), which the scan
/// neither opens nor clears.
fn condition(kind: AlertKind) -> Option<Condition> {
    use AlertKind::*;
    let on_asset = |holds: String, reference_at, reference_date| Condition {
        from: ASSETS,
        holds,
        subject: "a.id",
        assignment: "NULL",
        reference_at,
        reference_date,
    };
    let loan = |holds: &str| Condition {
        from: OPEN_LOANS,
        holds: format!("s.returned_at IS NULL AND s.expected_return_at IS NOT NULL AND {holds}"),
        subject: "s.id",
        assignment: "s.id",
        reference_at: "s.expected_return_at",
        reference_date: "NULL",
    };
    Some(match kind {
        LoanDueSoon => loan("s.expected_return_at >= :now AND s.expected_return_at <= :bound"),
        LoanOverdue => loan("s.expected_return_at < :bound"),
        WarrantyExpiring => on_asset(
            format!("{IN_SERVICE} AND a.warranty_end >= :today AND a.warranty_end <= :bound"),
            "NULL",
            "a.warranty_end",
        ),
        WarrantyExpired => on_asset(
            format!("{IN_SERVICE} AND a.warranty_end < :today AND a.warranty_end >= :bound"),
            "NULL",
            "a.warranty_end",
        ),
        AuditDue => on_asset(
            format!("{IN_SERVICE} AND COALESCE(a.last_audit_at, a.created_at) < :bound"),
            "COALESCE(a.last_audit_at, a.created_at)",
            "NULL",
        ),
        InRepairTooLong => on_asset(
            "a.status = 'in_repair' AND COALESCE(a.status_since, a.updated_at) < :bound".into(),
            "COALESCE(a.status_since, a.updated_at)",
            "NULL",
        ),
        LostAsset => on_asset("a.status = 'lost'".into(), "COALESCE(a.status_since, a.updated_at)", "NULL"),
        ProblemReported => return None,
    })
}

/// `:bound` of a rule: the instant or date its threshold gives, from `at`.
fn bound(kind: AlertKind, threshold: i64, at: DateTime<Utc>) -> Value {
    use AlertKind::*;
    match kind {
        LoanDueSoon => (at + TimeDelta::hours(threshold)).into(),
        LoanOverdue => (at - TimeDelta::hours(threshold)).into(),
        WarrantyExpiring => (at.date_naive() + TimeDelta::days(threshold)).into(),
        WarrantyExpired => (at.date_naive() - TimeDelta::days(threshold)).into(),
        AuditDue => at.checked_sub_months(Months::new(threshold as u32)).unwrap_or(at).into(),
        InRepairTooLong => (at - TimeDelta::days(threshold)).into(),
        LostAsset | ProblemReported => at.into(),
    }
}

/// ` AND a.id IN (…)` for a re-check, nothing for a full scan.
fn only(assets: Option<&[i64]>, column: &str) -> String {
    match assets {
        None => String::new(),
        Some(ids) => {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!(" AND {column} IN ({})", ids.join(", "))
        }
    }
}

/// A statement with its named parameters (`:name`) turned into the numbered ones both databases
/// take, binding only those the text uses: PostgreSQL refuses a value it has no place for.
pub(crate) fn statement(db: &impl ConnectionTrait, sql: &str, params: &[(&str, Value)]) -> Statement {
    let mut text = sql.to_owned();
    let mut values = Vec::new();
    for (name, value) in params {
        if text.contains(name) {
            values.push(value.clone());
            text = text.replace(name, &format!("${}", values.len()));
        }
    }
    Statement::from_sql_and_values(db.get_database_backend(), text, values)
}

/// Opens and clears the alerts of one rule; `assets` limits it to those assets.
async fn apply(
    db: &impl ConnectionTrait,
    kind: AlertKind,
    rule: &AlertRule,
    assets: Option<&[i64]>,
    at: DateTime<Utc>,
) -> Result<ScanReport> {
    let name = kind.as_str();
    let Some(c) = condition(kind) else { return Ok(ScanReport::default()) };
    let params = [
        (":now", at.into()),
        (":today", at.date_naive().into()),
        (":bound", bound(kind, rule.threshold, at)),
        (":severity", rule.severity.as_str().into()),
    ];
    let mut report = ScanReport::default();
    if rule.enabled {
        let open = format!(
            "INSERT INTO alerts (kind, severity, state, subject_id, asset_id, assignment_id, site_id, \
             reference_at, reference_date, opened_at) \
             SELECT '{name}', :severity, 'open', {subject}, a.id, {assignment}, a.site_id, {reference_at}, \
             {reference_date}, :now FROM {from} WHERE {holds}{only} AND NOT EXISTS (SELECT 1 FROM alerts x \
             WHERE x.kind = '{name}' AND x.subject_id = {subject} AND x.cleared_at IS NULL) \
             ON CONFLICT (kind, subject_id) WHERE cleared_at IS NULL DO NOTHING",
            subject = c.subject,
            assignment = c.assignment,
            reference_at = c.reference_at,
            reference_date = c.reference_date,
            from = c.from,
            holds = c.holds,
            only = only(assets, "a.id"),
        );
        report.opened = db.execute_raw(statement(db, &open, &params)).await?.rows_affected();
    }
    // A disabled rule watches nothing: its live alerts clear.
    let still_holds = if rule.enabled {
        format!(" AND NOT EXISTS (SELECT 1 FROM {} WHERE {} AND {} = alerts.subject_id)", c.from, c.holds, c.subject)
    } else {
        String::new()
    };
    let clear = format!(
        "UPDATE alerts SET cleared_at = :now, state = '{resolved}', resolved_at = COALESCE(resolved_at, :now), \
         resolution = COALESCE(resolution, '{auto}') \
         WHERE kind = '{name}' AND cleared_at IS NULL{only}{still_holds}",
        resolved = AlertState::Resolved.as_str(),
        auto = Resolution::Auto.as_str(),
        only = only(assets, "alerts.asset_id"),
    );
    report.cleared = db.execute_raw(statement(db, &clear, &params)).await?.rows_affected();
    Ok(report)
}

fn rule_of(row: alert_rules::Model) -> (AlertKind, AlertRule) {
    let rule = AlertRule {
        enabled: row.enabled,
        threshold: row.threshold,
        severity: row.severity.0,
        recipients: serde_json::from_str(&row.recipients).unwrap_or_default(),
        notify_borrower: row.notify_borrower,
    };
    (row.kind.0, rule)
}

impl Store {
    /// Every rule's settings: the stored ones, else the defaults.
    pub async fn alert_rules(&self) -> Result<Vec<AlertRuleView>> {
        let stored: Vec<_> = alert_rules::Entity::find().all(&self.db).await?.into_iter().map(rule_of).collect();
        Ok(AlertKind::ALL
            .iter()
            .map(|&kind| {
                let rule =
                    stored.iter().find(|(k, _)| *k == kind).map_or_else(|| kind.default_rule(), |(_, r)| r.clone());
                AlertRuleView { kind, threshold_unit: kind.threshold_unit(), rule }
            })
            .collect())
    }

    /// Changes a rule's settings; the next scan (enqueued now) applies them.
    #[instrument(skip_all, fields(alert.kind = kind.as_str()))]
    pub async fn update_alert_rule(&self, actor: &Actor, kind: AlertKind, rule: AlertRule) -> Result<AlertRuleView> {
        rule.validate()?;
        let before = self.alert_rules().await?.into_iter().find(|r| r.kind == kind).map(|r| r.rule);
        let row = alert_rules::ActiveModel {
            kind: Set(kind.into()),
            enabled: Set(rule.enabled),
            threshold: Set(rule.threshold),
            severity: Set(rule.severity.into()),
            recipients: Set(serde_json::to_string(&rule.recipients).unwrap_or_else(|_| "[]".into())),
            notify_borrower: Set(rule.notify_borrower),
            updated_at: Set(now()),
        };
        let txn = self.write().await?;
        alert_rules::Entity::delete_by_id(Name(kind)).exec(&txn).await?;
        alert_rules::Entity::insert(row).exec(&txn).await?;
        let (before, mut after) = changes(&json!(before), &json!(rule));
        after["kind"] = kind.as_str().into();
        let change = Change { before: Some(before), ..Change::event(AuditAction::AlertRuleUpdate, after) };
        record(&txn, actor, change).await?;
        enqueue(&txn, NewJob::now(&AlertScan { reason: ScanReason::RulesChanged, tick: None })).await?;
        self.commit(txn).await?;
        Ok(AlertRuleView { kind, threshold_unit: kind.threshold_unit(), rule })
    }

    /// Enqueues a scan now, on request; returns the job's id.
    #[instrument(skip_all)]
    pub async fn request_scan(&self, actor: &Actor) -> Result<i64> {
        let txn = self.write().await?;
        let job = enqueue(&txn, NewJob::now(&AlertScan { reason: ScanReason::Requested, tick: None })).await?;
        let job = job.ok_or_else(|| anyhow::anyhow!("a job without a unique key was not inserted"))?;
        record(&txn, actor, Change::event(AuditAction::AlertScan, json!({"job_id": job}))).await?;
        self.commit(txn).await?;
        Ok(job)
    }

    /// Runs every rule over every asset at `at`: opens what holds, clears what no longer does.
    #[instrument(skip_all)]
    pub async fn scan_alerts(&self, at: DateTime<Utc>) -> Result<ScanReport> {
        self.evaluate(None, at).await
    }

    /// Runs every rule over these assets only, after they changed.
    #[instrument(skip_all, fields(assets = assets.len()))]
    pub async fn check_alerts(&self, assets: &[i64], at: DateTime<Utc>) -> Result<ScanReport> {
        if assets.is_empty() {
            return Ok(ScanReport::default());
        }
        self.evaluate(Some(assets), at).await
    }

    /// One transaction per rule, so that a full scan never holds SQLite's write lock for long.
    async fn evaluate(&self, assets: Option<&[i64]>, at: DateTime<Utc>) -> Result<ScanReport> {
        let at = at.trunc_subsecs(6);
        let mut total = ScanReport::default();
        for view in self.alert_rules().await? {
            let txn = self.write().await?;
            let report = apply(&txn, view.kind, &view.rule, assets, at).await?;
            txn.commit().await?;
            total.opened += report.opened;
            total.cleared += report.cleared;
        }
        // After a big change the planner must see it: with statistics of an empty table, the next
        // scan's anti-joins against a table of 50,000 alerts take a nested loop (12 s, not 1).
        if assets.is_none() && total.opened + total.cleared >= ANALYZE_AFTER {
            crate::dialect::analyze_table(&self.db, "alerts").await?;
        }
        Ok(total)
    }
}
