//! Named counters, such as the one that numbers generated asset tags.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction};

use crate::Result;
use crate::entities::counters;

/// Adds `by` to a named counter (creating it at 0) and returns the new value.
pub(crate) async fn bump_counter(txn: &DatabaseTransaction, name: &str, by: i64) -> Result<i64> {
    let insert = Query::insert()
        .into_table(counters::Entity)
        .columns([counters::Column::Name, counters::Column::Value])
        .values_panic([name.into(), 0i64.into()])
        .on_conflict(OnConflict::column(counters::Column::Name).do_nothing().to_owned())
        .to_owned();
    txn.execute(&insert).await?;
    let update = Query::update()
        .table(counters::Entity)
        .value(counters::Column::Value, Expr::col(counters::Column::Value).add(by))
        .and_where(counters::Column::Name.eq(name))
        .returning_col(counters::Column::Value)
        .to_owned();
    let row = txn.query_one(&update).await?.ok_or_else(|| anyhow::anyhow!("counter {name} vanished"))?;
    Ok(row.try_get::<i64>("", "value")?)
}
