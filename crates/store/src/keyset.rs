//! Keyset (cursor) pagination: stable pages without duplicates or gaps, whatever the sort.
//!
//! A page is ordered by `(key, id)`; the cursor carries the last row's key and id, and the next
//! page starts strictly after them. Nullable keys are sorted through `COALESCE` with a sentinel
//! so that the comparison stays total.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use radgestmat_domain::page::Cursor;
use radgestmat_domain::{DomainError, Filter, List, Page, Reason};
use sea_orm::sea_query::{Alias, BinOper, Expr, ExprTrait, Func, Keyword, SeaRc, SimpleExpr};
use sea_orm::{Condition, Order, QueryFilter, QueryOrder, QuerySelect, Value};

/// The type of a sort key, to turn the cursor's text back into a typed value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum KeyKind {
    Text,
    Number,
    /// A nullable date; NULL sorts first, as the earliest date.
    Date,
    Instant,
}

/// Stands for a missing date in a sort: 0001-01-01, inside both databases' date ranges.
pub(crate) const DATE_SENTINEL: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Stands for a missing instant in a sort: 0001-01-01T00:00:00Z.
pub(crate) const INSTANT_SENTINEL: DateTime<Utc> = DATE_SENTINEL.and_time(chrono::NaiveTime::MIN).and_utc();

/// How one list is ordered: `key` then `id`, both in the same direction.
pub(crate) struct Sort {
    pub key: Option<(SimpleExpr, KeyKind)>,
    pub id: SimpleExpr,
    pub descending: bool,
}

/// A sort on names people read, the French way: through the `names` collation (ICU's root
/// order on PostgreSQL, [`radgestmat_domain::name_order`] on SQLite), in the order and in the
/// cursor's comparison alike.
pub(crate) fn name_key(column: SimpleExpr) -> (SimpleExpr, KeyKind) {
    // An operator, not custom text with a placeholder: the placeholder differs per database.
    let names = SimpleExpr::Keyword(Keyword::Custom(SeaRc::new(Alias::new("names"))));
    (column.binary(BinOper::Custom("COLLATE"), names), KeyKind::Text)
}

impl Sort {
    /// A sort on a nullable date column.
    pub(crate) fn date_expr(column: SimpleExpr) -> SimpleExpr {
        Func::coalesce([column, Expr::val(DATE_SENTINEL)]).into()
    }

    /// A sort on a nullable instant column.
    pub(crate) fn instant_expr(column: SimpleExpr) -> SimpleExpr {
        Func::coalesce([column, Expr::val(INSTANT_SENTINEL)]).into()
    }

    pub(crate) fn order(&self) -> Order {
        if self.descending { Order::Desc } else { Order::Asc }
    }

    /// The condition "strictly after the cursor", or an error naming `cursor`.
    pub(crate) fn after(&self, cursor: &str) -> Result<Condition, DomainError> {
        let bad = || DomainError::invalid("cursor", Reason::NotACursor);
        let cursor = Cursor::decode(cursor)?;
        let beyond = |a: SimpleExpr, b: Value| -> SimpleExpr { if self.descending { a.lt(b) } else { a.gt(b) } };
        let id_after = beyond(self.id.clone(), cursor.id.into());
        Ok(match (&self.key, cursor.k) {
            (None, None) => Condition::all().add(id_after),
            (Some((key, kind)), Some(text)) => {
                let value = parse(*kind, &text).ok_or_else(bad)?;
                Condition::any()
                    .add(beyond(key.clone(), value.clone()))
                    .add(Condition::all().add(key.clone().eq(value)).add(id_after))
            }
            _ => return Err(bad()),
        })
    }

    /// Orders `select` by this sort and keeps one page after the query's cursor, plus one row
    /// to tell whether another page follows (see [`page`]).
    pub(crate) fn apply<S: QueryFilter + QueryOrder + QuerySelect, F: Filter>(
        &self,
        mut select: S,
        query: &List<F>,
    ) -> Result<S, DomainError> {
        if let Some(cursor) = &query.cursor {
            select = select.filter(self.after(cursor)?);
        }
        if let Some((key, _)) = &self.key {
            select = select.order_by(key.clone(), self.order());
        }
        Ok(select.order_by(self.id.clone(), self.order()).limit(query.limit + 1))
    }

    /// The cursor pointing after a row with this key text and id.
    pub(crate) fn cursor(key: Option<String>, id: i64) -> String {
        Cursor { k: key, id }.encode()
    }
}

/// Cuts the extra row fetched by [`Sort::apply`] and makes the next page's cursor.
pub(crate) fn page<T>(mut items: Vec<T>, limit: u64, total: Option<u64>, cursor: impl Fn(&T) -> String) -> Page<T> {
    let more = items.len() as u64 > limit;
    items.truncate(limit as usize);
    let next_cursor = if more { items.last().map(cursor) } else { None };
    Page { items, next_cursor, total }
}

fn parse(kind: KeyKind, text: &str) -> Option<Value> {
    // Years 1 (the sentinel) to 9999: what both databases store and compare alike.
    let years = 1..=9999;
    Some(match kind {
        KeyKind::Text => text.to_owned().into(),
        KeyKind::Number => text.parse::<i64>().ok()?.into(),
        KeyKind::Date => text.parse::<NaiveDate>().ok().filter(|d| years.contains(&d.year()))?.into(),
        KeyKind::Instant => {
            let at = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
            (years.contains(&at.year())).then_some(at)?.into()
        }
    })
}

/// The cursor text of a date key (the sentinel when absent).
pub(crate) fn date_key(date: Option<NaiveDate>) -> String {
    date.unwrap_or(DATE_SENTINEL).to_string()
}

/// The cursor text of an instant key.
pub(crate) fn instant_key(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// `column LIKE '%text%'` on a folded search column, with `%` and `_` in the text escaped.
pub(crate) fn contains(column: SimpleExpr, folded: &str) -> SimpleExpr {
    column.like(sea_orm::sea_query::LikeExpr::new(format!("%{}%", escape_like(folded))).escape('\\'))
}

/// A text to find with `LIKE … ESCAPE '\'`: its `\`, `%` and `_` taken as themselves.
pub(crate) fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, PostgresQueryBuilder, Query, SqliteQueryBuilder};

    /// The same text on both databases: a custom expression's placeholder would differ.
    #[test]
    fn a_name_key_sorts_and_compares_through_the_collation() {
        let (key, _) = super::name_key(Expr::col(Alias::new("name")));
        let query = Query::select()
            .column(Alias::new("id"))
            .from(Alias::new("sites"))
            .and_where(key.clone().gt("b"))
            .order_by_expr(key, sea_orm::Order::Asc)
            .to_owned();
        let expected =
            r#"SELECT "id" FROM "sites" WHERE ("name" COLLATE names) > 'b' ORDER BY "name" COLLATE names ASC"#;
        assert_eq!(query.to_string(PostgresQueryBuilder), expected);
        assert_eq!(query.to_string(SqliteQueryBuilder), expected);
    }
}
