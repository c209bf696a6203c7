//! Rows of the big lists decoded by position: SeaORM's prefixed column names for a joined model
//! cost about a fifth of a list request. One list of field names gives both the columns to
//! select and the order they are read in, so the two cannot drift apart; each name must be a
//! column of the table (a test reads every list).

use sea_orm::{DbErr, QueryResult, TryGetable};

/// Reads a row's values one after the other.
pub(crate) struct Cursor<'a> {
    row: &'a QueryResult,
    at: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(row: &'a QueryResult) -> Cursor<'a> {
        Cursor { row, at: 0 }
    }

    pub(crate) fn next<T: TryGetable>(&mut self) -> Result<T, DbErr> {
        let value = T::try_get_by_index(self.row, self.at)?;
        self.at += 1;
        Ok(value)
    }
}

/// `positional! { Name: Type, from module { field, … } else { field: value, … } }` declares
/// `Name` with `columns()`, the table's columns named like the fields, in order, and
/// `read(cursor)`, a `Type` from the next values in the same order (the `else` fields are not
/// read).
macro_rules! positional {
    (
        $(#[$meta:meta])*
        $name:ident: $($ty:ident)::+, from $module:ident { $($field:ident),* $(,)? } $(else { $($rest:ident: $value:expr),* $(,)? })?
    ) => {
        $(#[$meta])*
        pub(crate) struct $name;

        impl $name {
            pub(crate) const NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The columns, in the order [`Self::read`] reads them.
            pub(crate) fn columns() -> impl Iterator<Item = $module::Column> {
                Self::NAMES.iter().map(|name| {
                    <$module::Column as std::str::FromStr>::from_str(name)
                        .unwrap_or_else(|_| panic!("{} has no column {name}", stringify!($module)))
                })
            }

            /// The fields from the next values; a struct expression evaluates its fields in the
            /// order written, which is the order of the names.
            pub(crate) fn read(r: &mut $crate::positional::Cursor<'_>) -> Result<$($ty)::+, sea_orm::DbErr> {
                Ok($($ty)::+ { $($field: r.next()?,)* $($($rest: $value,)*)? })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    /// Every name of every positional list is a column of its table (an unknown one panics in
    /// `columns()`), the very column of that name.
    #[test]
    fn every_name_is_the_column_of_its_table() {
        use crate::{alerts::AlertColumns, assets, assignment_list::AssignmentColumns, audit_log};
        use sea_orm::IdenStatic;
        fn names<C: IdenStatic>(columns: impl Iterator<Item = C>) -> Vec<&'static str> {
            columns.map(|c| c.as_str()).collect()
        }
        let lists = [
            (assets::AssetColumns::NAMES, names(assets::AssetColumns::columns())),
            (assets::HolderColumns::NAMES, names(assets::HolderColumns::columns())),
            (AlertColumns::NAMES, names(AlertColumns::columns())),
            (AssignmentColumns::NAMES, names(AssignmentColumns::columns())),
            (audit_log::ChainColumns::NAMES, names(audit_log::ChainColumns::columns())),
            (audit_log::EntryColumns::NAMES, names(audit_log::EntryColumns::columns())),
        ];
        for (expected, columns) in lists {
            assert_eq!(columns, expected);
        }
    }
}
