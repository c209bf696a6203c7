//! JSON kept in a text column (custom values, an import's options and results): read back into
//! its type, with an error when the text does not read, never a default, as vocabulary columns
//! are ([`crate::vocabulary::Name`]).

use std::sync::Arc;

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, DbErr, QueryResult, TryFromU64, TryGetError, TryGetable, Value};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A value of `T` in a text column, as its JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JsonText<T>(pub T);

/// The types a column may hold as JSON.
pub trait Json: Serialize + DeserializeOwned + Send + Sync + 'static {}
impl<T: Serialize + DeserializeOwned + Send + Sync + 'static> Json for T {}

impl<T: Json> From<JsonText<T>> for Value {
    fn from(value: JsonText<T>) -> Value {
        // The columns' types are plain data: they always serialise.
        serde_json::to_string(&value.0).unwrap_or_else(|_| "null".into()).into()
    }
}

impl<T: Json> TryGetable for JsonText<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let text = String::try_get_by(res, index)?;
        serde_json::from_str(&text).map(JsonText).map_err(|err| {
            TryGetError::DbErr(DbErr::TryIntoErr {
                from: "String",
                into: std::any::type_name::<T>(),
                source: Arc::new(err),
            })
        })
    }
}

impl<T: Json> ValueType for JsonText<T> {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        let text = <String as ValueType>::try_from(value)?;
        serde_json::from_str(&text).map(JsonText).map_err(|_| ValueTypeErr)
    }

    fn type_name() -> String {
        format!("JSON of {}", std::any::type_name::<T>())
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::Text
    }
}

impl<T: Json> Nullable for JsonText<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

/// JSON is never an auto-increment key.
impl<T: Json> TryFromU64 for JsonText<T> {
    fn try_from_u64(_: u64) -> Result<Self, DbErr> {
        Err(DbErr::ConvertFromU64("JSON text"))
    }
}

impl<T: Json> sea_orm::IntoActiveValue<JsonText<T>> for JsonText<T> {
    fn into_active_value(self) -> sea_orm::ActiveValue<JsonText<T>> {
        sea_orm::ActiveValue::Set(self)
    }
}
