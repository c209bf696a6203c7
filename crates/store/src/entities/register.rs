//! The register: assets and their assignments.

pub mod assets {
    use radgestmat_domain::AssetStatus;
    use sea_orm::entity::prelude::*;

    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "assets")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub asset_tag: String,
        pub serial: Option<String>,
        pub name: String,
        pub model_id: i64,
        pub manufacturer_id: i64,
        pub status: Name<AssetStatus>,
        pub site_id: Option<i64>,
        pub location_id: Option<i64>,
        pub supplier_id: Option<i64>,
        pub order_number: Option<String>,
        pub purchase_date: Option<Date>,
        pub purchase_cost: Option<i64>,
        pub warranty_end: Option<Date>,
        pub notes: Option<String>,
        pub version: i64,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub last_audit_at: Option<DateTimeUtc>,
        pub status_since: Option<DateTimeUtc>,
        /// The custom fields' values, a JSON object.
        pub custom: crate::json_text::JsonText<radgestmat_domain::CustomValues>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "crate::entities::assignments::Entity")]
        Assignments,
    }

    impl Related<crate::entities::assignments::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Assignments.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod assignments {
    use radgestmat_domain::{Condition, Outcome};
    use sea_orm::entity::prelude::*;

    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "assignments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub asset_id: i64,
        pub employee_id: Option<i64>,
        pub location_id: Option<i64>,
        pub checked_out_at: DateTimeUtc,
        pub checked_out_by: Option<i64>,
        pub expected_return_at: Option<DateTimeUtc>,
        pub returned_at: Option<DateTimeUtc>,
        pub returned_by: Option<i64>,
        pub condition: Option<Name<Condition>>,
        pub note: Option<String>,
        pub outcome: Option<Name<Outcome>>,
        pub return_note: Option<String>,
        pub home_site_id: Option<i64>,
        pub home_location_id: Option<i64>,
        pub acknowledged_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "crate::entities::assets::Entity",
            from = "Column::AssetId",
            to = "crate::entities::assets::Column::Id"
        )]
        Asset,
    }

    impl Related<crate::entities::assets::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Asset.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}
