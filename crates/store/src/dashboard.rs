//! The figures of the dashboard, each from one aggregate query.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use radgestmat_domain::{AlertState, AssetStatus, Severity};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Statement};
use tracing::instrument;

use crate::entities::{alerts, asset_models, assets, assignments};
use crate::vocabulary::Name;
use crate::{Names, Result, Store};

/// How many days ahead "warranty ending soon" looks on the dashboard.
pub const WARRANTY_HORIZON_DAYS: i64 = 30;

/// One bar of a chart: what it counts (`None`: no site) and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    pub id: Option<i64>,
    pub label: String,
    pub count: i64,
}

/// What the dashboard shows, as of one instant.
#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    /// Every status with its count, zeros included, in [`AssetStatus::ALL`] order.
    pub by_status: Vec<(AssetStatus, i64)>,
    /// Assets in service (neither retired nor lost) by site and by category, most first.
    pub by_site: Vec<Slice>,
    pub by_category: Vec<Slice>,
    /// Assets in service, and the sum of their purchase costs in millimes.
    pub in_service: i64,
    pub value: i64,
    /// Alerts not resolved, by severity, most severe first, zeros included.
    pub alerts_by_severity: Vec<(Severity, i64)>,
    pub overdue_loans: i64,
    /// Assets in service whose warranty ends within [`WARRANTY_HORIZON_DAYS`].
    pub warranties_expiring: i64,
    /// The last day of that horizon (for the link to the filtered list).
    pub warranty_horizon: NaiveDate,
}

fn in_service(status: AssetStatus) -> bool {
    !matches!(status, AssetStatus::Retired | AssetStatus::Lost)
}

/// Per (status, site, model): how many assets and their purchase cost.
type AssetGroups = Vec<(AssetStatus, Option<i64>, i64, i64, i64)>;

impl Store {
    /// The dashboard's figures. Its queries run side by side on the pool's connections; the
    /// asset pass reads `assets_dashboard_idx` only.
    #[instrument(skip_all)]
    pub async fn dashboard(&self) -> Result<Dashboard> {
        let now = Utc::now();
        let horizon = now.date_naive() + TimeDelta::days(WARRANTY_HORIZON_DAYS);
        let (groups, models, sites, categories, severities, overdue_loans, warranties_expiring) = tokio::try_join!(
            self.asset_groups(),
            self.model_categories(),
            self.names(Names::Sites, None),
            self.names(Names::Categories, None),
            self.live_alerts_by_severity(),
            self.overdue_loans(now),
            self.warranties_expiring(now.date_naive(), horizon),
        )?;
        let mut dashboard =
            Dashboard { overdue_loans, warranties_expiring, warranty_horizon: horizon, ..Dashboard::default() };
        let mut by_status = [0i64; AssetStatus::ALL.len()];
        let mut by_site = HashMap::<Option<i64>, i64>::new();
        let mut by_category = HashMap::<Option<i64>, i64>::new();
        for (status, site, model, count, cost) in groups {
            by_status[AssetStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)] += count;
            if in_service(status) {
                *by_site.entry(site).or_default() += count;
                *by_category.entry(models.get(&model).copied()).or_default() += count;
                dashboard.in_service += count;
                dashboard.value = dashboard.value.saturating_add(cost);
            }
        }
        dashboard.by_status = AssetStatus::ALL.iter().copied().zip(by_status).collect();
        dashboard.by_site = slices(by_site, |id| id.and_then(|id| sites.get(&id).cloned()).unwrap_or_default());
        dashboard.by_category =
            slices(by_category, |id| id.and_then(|id| categories.get(&id).cloned()).unwrap_or_default());
        dashboard.alerts_by_severity = [Severity::Critical, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|s| (s, severities.iter().find(|(severity, _)| severity.0 == s).map_or(0, |(_, n)| *n)))
            .collect();
        Ok(dashboard)
    }

    async fn asset_groups(&self) -> Result<AssetGroups> {
        // Costs are summed as floating point, which cannot overflow (SQLite's integer SUM fails,
        // PostgreSQL's does not fit back in a BIGINT); exact up to 2^53 millimes per group.
        let sql = "SELECT status, site_id, model_id, COUNT(*), \
                   CAST(COALESCE(SUM(CAST(purchase_cost AS DOUBLE PRECISION)), 0) AS DOUBLE PRECISION) \
                   FROM assets GROUP BY status, site_id, model_id";
        let rows = self.db.query_all_raw(Statement::from_string(self.db.get_database_backend(), sql)).await?;
        rows.iter()
            .map(|r| {
                let status: Name<AssetStatus> = r.try_get_by_index(0)?;
                Ok((
                    status.0,
                    r.try_get_by_index(1)?,
                    r.try_get_by_index(2)?,
                    r.try_get_by_index(3)?,
                    // `as` saturates: a sum beyond i64 reads as i64::MAX.
                    r.try_get_by_index::<f64>(4)? as i64,
                ))
            })
            .collect()
    }

    /// Model id → category id.
    pub async fn model_categories(&self) -> Result<HashMap<i64, i64>> {
        let rows: Vec<(i64, i64)> = asset_models::Entity::find()
            .select_only()
            .columns([asset_models::Column::Id, asset_models::Column::CategoryId])
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().collect())
    }

    async fn live_alerts_by_severity(&self) -> Result<Vec<(Name<Severity>, i64)>> {
        Ok(alerts::Entity::find()
            .select_only()
            .column(alerts::Column::Severity)
            .column_as(Expr::cust("COUNT(*)"), "count")
            .filter(alerts::Column::State.ne(AlertState::Resolved.as_str()))
            .group_by(alerts::Column::Severity)
            .into_tuple()
            .all(&self.db)
            .await?)
    }

    async fn overdue_loans(&self, now: DateTime<Utc>) -> Result<i64> {
        let open = assignments::Entity::find().filter(assignments::Column::ReturnedAt.is_null());
        Ok(open.filter(assignments::Column::ExpectedReturnAt.lt(now)).count(&self.db).await? as i64)
    }

    /// Assets in service whose warranty ends between `from` and `to`.
    async fn warranties_expiring(&self, from: NaiveDate, to: NaiveDate) -> Result<i64> {
        Ok(assets::Entity::find()
            .filter(assets::Column::WarrantyEnd.between(from, to))
            .filter(assets::Column::Status.is_not_in([AssetStatus::Retired.as_str(), AssetStatus::Lost.as_str()]))
            .count(&self.db)
            .await? as i64)
    }
}

fn slices(counts: HashMap<Option<i64>, i64>, label: impl Fn(Option<i64>) -> String) -> Vec<Slice> {
    let mut slices: Vec<Slice> = counts.into_iter().map(|(id, count)| Slice { id, label: label(id), count }).collect();
    slices.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    slices
}
