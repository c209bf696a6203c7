//! Reading assignments: the history of an asset, of an employee, of a location; open ones,
//! overdue loans, loans due before a date.

use chrono::{DateTime, Utc};
use radgestmat_domain::{AssignmentFilter, AssignmentSort, AssignmentView, List, Page, overdue};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, IntoSimpleExpr, JoinType, PaginatorTrait,
    QueryFilter, QueryResult, QuerySelect, RelationTrait,
};
use tracing::instrument;

use crate::entities::{assets, assignments};
use crate::keyset::{self, KeyKind, Sort, page};
use crate::positional::Cursor;
use crate::{Result, Store, now};

positional! {
    /// An assignment's columns in a list row.
    AssignmentColumns: assignments::Model, from assignments {
        id, asset_id, employee_id, location_id, checked_out_at, checked_out_by, expected_return_at, returned_at,
        returned_by, condition, outcome, note, return_note, acknowledged_at,
    } else { home_site_id: None, home_location_id: None }
}

/// What an assignment's view shows of its asset.
pub(crate) struct Label {
    pub(crate) tag: String,
    pub(crate) name: String,
    pub(crate) serial: Option<String>,
}

/// An assignment and its asset's label, decoded by position.
struct Row(assignments::Model, Label);

impl FromQueryResult for Row {
    fn from_query_result(row: &QueryResult, _: &str) -> std::result::Result<Self, DbErr> {
        let mut r = Cursor::new(row);
        let assignment = AssignmentColumns::read(&mut r)?;
        Ok(Row(assignment, Label { tag: r.next()?, name: r.next()?, serial: r.next()? }))
    }
}

fn with_asset() -> sea_orm::Select<assignments::Entity> {
    let mut select =
        assignments::Entity::find().select_only().join(JoinType::InnerJoin, assignments::Relation::Asset.def());
    for column in AssignmentColumns::columns() {
        select = select.column(column);
    }
    // Then what `Row` reads after the assignment.
    select
        .column_as(Expr::col((assets::Entity, assets::Column::AssetTag)), "asset_tag")
        .column_as(Expr::col((assets::Entity, assets::Column::Name)), "asset_name")
        .column_as(Expr::col((assets::Entity, assets::Column::Serial)), "asset_serial")
}

/// An assignment as the API shows it, `overdue` judged at `at`.
pub(crate) fn view(a: assignments::Model, asset: Label, at: DateTime<Utc>) -> AssignmentView {
    AssignmentView {
        overdue: overdue(a.expected_return_at, a.returned_at, at),
        id: a.id,
        asset_id: a.asset_id,
        asset_tag: asset.tag,
        asset_name: asset.name,
        asset_serial: asset.serial,
        employee_id: a.employee_id,
        location_id: a.location_id,
        checked_out_at: a.checked_out_at,
        acknowledged_at: a.acknowledged_at,
        checked_out_by: a.checked_out_by,
        expected_return_at: a.expected_return_at,
        returned_at: a.returned_at,
        returned_by: a.returned_by,
        condition: a.condition.map(|c| c.0),
        outcome: a.outcome.map(|o| o.0),
        note: a.note,
        return_note: a.return_note,
    }
}

type AssignmentList = List<AssignmentFilter>;

fn sort_of(query: &AssignmentList) -> Sort {
    use assignments::Column as C;
    let (key, descending) = match query.sort {
        None => (Some((C::CheckedOutAt.into_simple_expr(), KeyKind::Instant)), true),
        Some(AssignmentSort::CheckedOutAt) => {
            (Some((C::CheckedOutAt.into_simple_expr(), KeyKind::Instant)), query.descending)
        }
        Some(AssignmentSort::ExpectedReturnAt) => {
            (Some((Sort::instant_expr(C::ExpectedReturnAt.into_simple_expr()), KeyKind::Instant)), query.descending)
        }
        Some(AssignmentSort::Id) => (None, query.descending),
    };
    Sort { key, id: C::Id.into_simple_expr(), descending }
}

fn cursor_of(query: &AssignmentList, a: &AssignmentView) -> String {
    let key = match query.sort {
        None | Some(AssignmentSort::CheckedOutAt) => Some(keyset::instant_key(a.checked_out_at)),
        Some(AssignmentSort::ExpectedReturnAt) => {
            Some(keyset::instant_key(a.expected_return_at.unwrap_or(keyset::INSTANT_SENTINEL)))
        }
        Some(AssignmentSort::Id) => None,
    };
    Sort::cursor(key, a.id)
}

fn filtered<S: QueryFilter>(mut select: S, filter: &AssignmentFilter, at: DateTime<Utc>) -> S {
    use assignments::Column as C;
    for (id, column) in
        [(filter.asset_id, C::AssetId), (filter.employee_id, C::EmployeeId), (filter.location_id, C::LocationId)]
    {
        if let Some(id) = id {
            select = select.filter(column.eq(id));
        }
    }
    match filter.open {
        Some(true) => select = select.filter(C::ReturnedAt.is_null()),
        Some(false) => select = select.filter(C::ReturnedAt.is_not_null()),
        None => {}
    }
    // Every term is true or false, never NULL, so that `overdue=false` is its exact complement.
    let late = Expr::col((assignments::Entity, C::ReturnedAt))
        .is_null()
        .and(C::ExpectedReturnAt.is_not_null())
        .and(C::ExpectedReturnAt.lt(at));
    match filter.overdue {
        Some(true) => select = select.filter(late),
        Some(false) => select = select.filter(late.not()),
        None => {}
    }
    if let Some(before) = filter.due_before {
        select = select.filter(C::ReturnedAt.is_null()).filter(C::ExpectedReturnAt.lt(before.start()));
    }
    select
}

impl Store {
    #[instrument(skip_all)]
    pub async fn list_assignments(&self, query: &AssignmentList) -> Result<Page<AssignmentView>> {
        let at = now();
        let total = match query.count {
            true => Some(filtered(assignments::Entity::find(), &query.filter, at).count(&self.db).await?),
            false => None,
        };
        let select = sort_of(query).apply(filtered(with_asset(), &query.filter, at), query)?;
        let rows = select.into_model::<Row>().all(&self.db).await?;
        let items = rows.into_iter().map(|Row(a, label)| view(a, label, at)).collect();
        Ok(page(items, query.limit, total, |a| cursor_of(query, a)))
    }
}

/// The tags of the assets an employee holds now.
/// What every employee who holds something holds now: employee → tags.
pub(crate) async fn holdings(db: &impl ConnectionTrait) -> Result<std::collections::HashMap<i64, Vec<String>>> {
    let rows = assignments::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, assignments::Relation::Asset.def())
        .column(assignments::Column::EmployeeId)
        .column(assets::Column::AssetTag)
        .filter(assignments::Column::EmployeeId.is_not_null())
        .filter(assignments::Column::ReturnedAt.is_null())
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?;
    let mut held = std::collections::HashMap::<i64, Vec<String>>::new();
    for (employee, tag) in rows {
        held.entry(employee).or_default().push(tag);
    }
    Ok(held)
}

pub(crate) async fn held_by(db: &impl ConnectionTrait, employee_id: i64) -> Result<Vec<String>> {
    let tags = assignments::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, assignments::Relation::Asset.def())
        .column(assets::Column::AssetTag)
        .filter(assignments::Column::EmployeeId.eq(employee_id))
        .filter(assignments::Column::ReturnedAt.is_null())
        .into_tuple::<String>()
        .all(db)
        .await?;
    Ok(tags)
}
