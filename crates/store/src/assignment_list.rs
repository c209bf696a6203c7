//! Reading assignments: the history of an asset, of an employee, of a location; open ones,
//! overdue loans, loans due before a date.

use chrono::{DateTime, Utc};
use radgestmat_domain::{AssignmentView, ListQuery, Page, overdue};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, IntoSimpleExpr, JoinType, PaginatorTrait,
    QueryFilter, QueryResult, QuerySelect, RelationTrait,
};
use tracing::instrument;

use crate::entities::{assets, assignments};
use crate::keyset::{self, KeyKind, Sort, page};
use crate::{Result, Store, now};

/// Sort keys of the assignment list; without `sort`, the newest check-out comes first.
pub const ASSIGNMENT_SORTS: &[&str] = &["checked_out_at", "expected_return_at", "id"];
/// Filters of the assignment list. `open`, `overdue`: `true`/`false`; `due_before`: a date
/// (the start of that day) or an instant, on open loans.
pub const ASSIGNMENT_FILTERS: &[&str] = &["asset_id", "employee_id", "location_id", "open", "overdue", "due_before"];

const COLUMNS: [assignments::Column; 13] = {
    use assignments::Column as C;
    [
        C::Id,
        C::AssetId,
        C::EmployeeId,
        C::LocationId,
        C::CheckedOutAt,
        C::CheckedOutBy,
        C::ExpectedReturnAt,
        C::ReturnedAt,
        C::ReturnedBy,
        C::Condition,
        C::Outcome,
        C::Note,
        C::ReturnNote,
    ]
};

/// An assignment and its asset's tag and name, decoded by position.
struct Row(assignments::Model, String, String);

impl FromQueryResult for Row {
    fn from_query_result(r: &QueryResult, _: &str) -> std::result::Result<Self, DbErr> {
        let model = assignments::Model {
            id: r.try_get_by_index(0)?,
            asset_id: r.try_get_by_index(1)?,
            employee_id: r.try_get_by_index(2)?,
            location_id: r.try_get_by_index(3)?,
            checked_out_at: r.try_get_by_index(4)?,
            checked_out_by: r.try_get_by_index(5)?,
            expected_return_at: r.try_get_by_index(6)?,
            returned_at: r.try_get_by_index(7)?,
            returned_by: r.try_get_by_index(8)?,
            condition: r.try_get_by_index(9)?,
            outcome: r.try_get_by_index(10)?,
            note: r.try_get_by_index(11)?,
            return_note: r.try_get_by_index(12)?,
            home_site_id: None,
            home_location_id: None,
        };
        Ok(Row(model, r.try_get_by_index(13)?, r.try_get_by_index(14)?))
    }
}

fn with_asset() -> sea_orm::Select<assignments::Entity> {
    let mut select =
        assignments::Entity::find().select_only().join(JoinType::InnerJoin, assignments::Relation::Asset.def());
    for column in COLUMNS {
        select = select.column(column);
    }
    select
        .column_as(Expr::col((assets::Entity, assets::Column::AssetTag)), "asset_tag")
        .column_as(Expr::col((assets::Entity, assets::Column::Name)), "asset_name")
}

/// An assignment as the API shows it, `overdue` judged at `at`.
pub(crate) fn view(a: assignments::Model, asset_tag: String, asset_name: String, at: DateTime<Utc>) -> AssignmentView {
    AssignmentView {
        overdue: overdue(a.expected_return_at, a.returned_at, at),
        id: a.id,
        asset_id: a.asset_id,
        asset_tag,
        asset_name,
        employee_id: a.employee_id,
        location_id: a.location_id,
        checked_out_at: a.checked_out_at,
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

fn sort_of(query: &ListQuery) -> Sort {
    use assignments::Column as C;
    let (key, descending) = match query.sort.as_deref() {
        None => (Some((C::CheckedOutAt.into_simple_expr(), KeyKind::Instant)), true),
        Some("checked_out_at") => (Some((C::CheckedOutAt.into_simple_expr(), KeyKind::Instant)), query.descending),
        Some("expected_return_at") => {
            (Some((Sort::instant_expr(C::ExpectedReturnAt.into_simple_expr()), KeyKind::Instant)), query.descending)
        }
        _ => (None, query.descending),
    };
    Sort { key, id: C::Id.into_simple_expr(), descending }
}

fn cursor_of(query: &ListQuery, a: &AssignmentView) -> String {
    let key = match query.sort.as_deref() {
        None | Some("checked_out_at") => Some(keyset::instant_key(a.checked_out_at)),
        Some("expected_return_at") => {
            Some(keyset::instant_key(a.expected_return_at.unwrap_or(keyset::INSTANT_SENTINEL)))
        }
        _ => None,
    };
    Sort::cursor(key, a.id)
}

fn filtered<S: QueryFilter>(mut select: S, query: &ListQuery, at: DateTime<Utc>) -> Result<S> {
    use assignments::Column as C;
    for (name, column) in [("asset_id", C::AssetId), ("employee_id", C::EmployeeId), ("location_id", C::LocationId)] {
        if let Some(id) = query.id_filter(name)? {
            select = select.filter(column.eq(id));
        }
    }
    match query.bool_filter("open")? {
        Some(true) => select = select.filter(C::ReturnedAt.is_null()),
        Some(false) => select = select.filter(C::ReturnedAt.is_not_null()),
        None => {}
    }
    // Every term is true or false, never NULL, so that `overdue=false` is its exact complement.
    let late = Expr::col((assignments::Entity, C::ReturnedAt))
        .is_null()
        .and(C::ExpectedReturnAt.is_not_null())
        .and(C::ExpectedReturnAt.lt(at));
    match query.bool_filter("overdue")? {
        Some(true) => select = select.filter(late),
        Some(false) => select = select.filter(late.not()),
        None => {}
    }
    if let Some(before) = keyset::instant_bound(query, "due_before", false)? {
        select = select.filter(C::ReturnedAt.is_null()).filter(C::ExpectedReturnAt.lt(before));
    }
    Ok(select)
}

impl Store {
    #[instrument(skip_all)]
    pub async fn list_assignments(&self, query: &ListQuery) -> Result<Page<AssignmentView>> {
        let at = now();
        let total = if query.count {
            Some(filtered(assignments::Entity::find(), query, at)?.count(&self.db).await?)
        } else {
            None
        };
        let select = sort_of(query).apply(filtered(with_asset(), query, at)?, query)?;
        let rows = select.into_model::<Row>().all(&self.db).await?;
        let items = rows.into_iter().map(|Row(a, tag, name)| view(a, tag, name, at)).collect();
        Ok(page(items, query.limit, total, |a| cursor_of(query, a)))
    }
}

/// The tags of the assets an employee holds now.
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
