//! The figures of the dashboard, each from one aggregate query.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeDelta, Utc};
use radgestmat_domain::{AlertState, AssetStatus, Severity};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Statement};
use tracing::instrument;

use crate::entities::{alerts, assets, assignments};
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

impl Store {
    #[instrument(skip_all)]
    pub async fn dashboard(&self) -> Result<Dashboard> {
        let mut dashboard = Dashboard::default();
        // One pass over the assets gives the statuses, both charts and the value.
        let sql = "SELECT a.status, a.site_id, m.category_id, COUNT(*), \
                   CAST(COALESCE(SUM(a.purchase_cost), 0) AS BIGINT) \
                   FROM assets a JOIN asset_models m ON m.id = a.model_id \
                   GROUP BY a.status, a.site_id, m.category_id";
        let rows = self.db.query_all_raw(Statement::from_string(self.db.get_database_backend(), sql)).await?;
        let mut by_status = [0i64; AssetStatus::ALL.len()];
        let mut by_site = HashMap::<Option<i64>, i64>::new();
        let mut by_category = HashMap::<i64, i64>::new();
        for row in rows {
            let status: String = row.try_get_by_index(0)?;
            let Some(status) = AssetStatus::parse(&status) else { continue };
            let (site, category): (Option<i64>, i64) = (row.try_get_by_index(1)?, row.try_get_by_index(2)?);
            let (count, cost): (i64, i64) = (row.try_get_by_index(3)?, row.try_get_by_index(4)?);
            by_status[AssetStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)] += count;
            if in_service(status) {
                *by_site.entry(site).or_default() += count;
                *by_category.entry(category).or_default() += count;
                dashboard.in_service += count;
                dashboard.value += cost;
            }
        }
        dashboard.by_status = AssetStatus::ALL.into_iter().zip(by_status).collect();
        let site_names = self.names(Names::Sites, None).await?;
        dashboard.by_site = slices(by_site, |id| id.and_then(|id| site_names.get(&id).cloned()).unwrap_or_default());
        let category_names = self.names(Names::Categories, None).await?;
        dashboard.by_category = slices(by_category.into_iter().map(|(id, n)| (Some(id), n)).collect(), |id| {
            id.and_then(|id| category_names.get(&id).cloned()).unwrap_or_default()
        });

        let severities: Vec<(String, i64)> = alerts::Entity::find()
            .select_only()
            .column(alerts::Column::Severity)
            .column_as(Expr::from(Func::count(Expr::col(alerts::Column::Id))), "count")
            .filter(alerts::Column::State.ne(AlertState::Resolved.as_str()))
            .group_by(alerts::Column::Severity)
            .into_tuple()
            .all(&self.db)
            .await?;
        dashboard.alerts_by_severity = [Severity::Critical, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|s| (s, severities.iter().find(|(name, _)| name == s.as_str()).map_or(0, |(_, n)| *n)))
            .collect();

        let now = Utc::now();
        dashboard.overdue_loans = assignments::Entity::find()
            .filter(assignments::Column::ReturnedAt.is_null())
            .filter(assignments::Column::ExpectedReturnAt.lt(now))
            .count(&self.db)
            .await? as i64;
        let today = now.date_naive();
        dashboard.warranty_horizon = today + TimeDelta::days(WARRANTY_HORIZON_DAYS);
        dashboard.warranties_expiring = assets::Entity::find()
            .filter(assets::Column::WarrantyEnd.between(today, dashboard.warranty_horizon))
            .filter(assets::Column::Status.is_not_in([AssetStatus::Retired.as_str(), AssetStatus::Lost.as_str()]))
            .count(&self.db)
            .await? as i64;
        Ok(dashboard)
    }
}

fn slices(counts: HashMap<Option<i64>, i64>, label: impl Fn(Option<i64>) -> String) -> Vec<Slice> {
    let mut slices: Vec<Slice> = counts.into_iter().map(|(id, count)| Slice { id, label: label(id), count }).collect();
    slices.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    slices
}
