//! Vocabulary columns: a domain enum stored as its name, read back with an error when the text
//! names no value (never a default). The database refuses such a text too: migration 9 gave
//! every vocabulary column a CHECK (PostgreSQL) or a guard trigger (SQLite).

use std::sync::Arc;

use radgestmat_domain::Vocabulary;
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, StringLen, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, DbErr, QueryResult, TryFromU64, TryGetError, TryGetable, Value};
use serde::{Deserialize, Serialize};

/// A value of the vocabulary `T` in an entity's column: its name as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Name<T>(pub T);

impl<T: Vocabulary> From<Name<T>> for Value {
    fn from(name: Name<T>) -> Value {
        name.0.as_str().into()
    }
}

impl<T: Vocabulary> From<T> for Name<T> {
    fn from(value: T) -> Name<T> {
        Name(value)
    }
}

impl<T: Vocabulary> TryGetable for Name<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let text = String::try_get_by(res, index)?;
        T::parse(&text).map(Name).map_err(|err| {
            TryGetError::DbErr(DbErr::TryIntoErr { from: "String", into: T::WHAT, source: Arc::new(err) })
        })
    }
}

impl<T: Vocabulary> ValueType for Name<T> {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        let text = <String as ValueType>::try_from(value)?;
        T::parse(&text).map(Name).map_err(|_| ValueTypeErr)
    }

    fn type_name() -> String {
        T::WHAT.to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::String(StringLen::None)
    }
}

impl<T: Vocabulary> Nullable for Name<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

/// A vocabulary is never an auto-increment key.
impl<T: Vocabulary> TryFromU64 for Name<T> {
    fn try_from_u64(_: u64) -> Result<Self, DbErr> {
        Err(DbErr::ConvertFromU64(T::WHAT))
    }
}

impl<T: Vocabulary> sea_orm::IntoActiveValue<Name<T>> for Name<T> {
    fn into_active_value(self) -> sea_orm::ActiveValue<Name<T>> {
        sea_orm::ActiveValue::Set(self)
    }
}

/// A vocabulary column: table, column, and the names the code knows for it.
pub type Column = (&'static str, &'static str, fn() -> Vec<&'static str>);

/// Every vocabulary column: what migration 9's guards must accept, and nothing else (a test
/// checks both databases against this list).
pub const COLUMNS: &[Column] = {
    use radgestmat_domain::*;
    fn names<T: Vocabulary>() -> Vec<&'static str> {
        T::ALL.iter().map(|v| v.as_str()).collect()
    }
    &[
        ("sites", "kind", names::<SiteKind>),
        ("users", "role", names::<Role>),
        ("users", "language", names::<Language>),
        ("assets", "status", names::<AssetStatus>),
        ("assignments", "condition", names::<Condition>),
        ("assignments", "outcome", names::<Outcome>),
        ("alerts", "kind", names::<AlertKind>),
        ("alerts", "severity", names::<Severity>),
        ("alerts", "state", names::<AlertState>),
        ("alerts", "resolution", names::<Resolution>),
        ("alert_rules", "kind", names::<AlertKind>),
        ("alert_rules", "severity", names::<Severity>),
        ("jobs", "kind", names::<JobKind>),
        ("jobs", "state", names::<JobState>),
        ("audit_entries", "actor_kind", names::<ActorKind>),
        ("imports", "kind", names::<ImportKind>),
        ("imports", "mode", names::<ImportMode>),
        ("imports", "state", names::<ImportState>),
        ("import_rows", "status", names::<RowStatus>),
        ("custom_fields", "kind", names::<CustomKind>),
        ("custom_fields", "format", names::<CustomFormat>),
    ]
};
