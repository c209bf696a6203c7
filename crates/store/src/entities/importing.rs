//! Imports and their checked rows.

pub mod imports {
    use radgestmat_domain::{ColumnUse, ImportKind, ImportMode, ImportOptions, ImportState, RowError};
    use sea_orm::entity::prelude::*;

    use crate::json_text::JsonText;
    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "imports")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: Name<ImportKind>,
        pub mode: Name<ImportMode>,
        pub create_missing: bool,
        pub state: Name<ImportState>,
        pub file_name: String,
        pub file: Option<Vec<u8>>,
        pub options: JsonText<ImportOptions>,
        pub mapping: JsonText<Vec<ColumnUse>>,
        pub problems: JsonText<Vec<RowError>>,
        pub rows: Option<i64>,
        pub done: i64,
        pub to_create: i64,
        pub to_update: i64,
        pub unchanged: i64,
        pub errors: i64,
        pub created_by: Option<i64>,
        pub created_at: DateTimeUtc,
        pub checked_at: Option<DateTimeUtc>,
        pub committed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod import_rows {
    use radgestmat_domain::{RowError, RowStatus};
    use sea_orm::entity::prelude::*;

    use crate::json_text::JsonText;
    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "import_rows")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub import_id: i64,
        pub line: i64,
        pub status: Name<RowStatus>,
        /// What the row names its record by (an asset's tag, an employee's matricule, …).
        #[sea_orm(column_name = "row_key")]
        pub key: Option<String>,
        pub plan: Option<String>,
        pub errors: Option<JsonText<Vec<RowError>>>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
