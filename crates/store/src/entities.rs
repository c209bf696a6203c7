//! SeaORM entities: private to the store crate; the API has its own types. A vocabulary column
//! holds a [`Name`]: read back into its enum, or an error.

pub mod sites {
    use radgestmat_domain::SiteKind;
    use sea_orm::entity::prelude::*;

    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "sites")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub code: String,
        pub name: String,
        pub kind: Name<SiteKind>,
        pub city: Option<String>,
        /// JSON array of e-mail addresses.
        pub it_contacts: String,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod locations {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "locations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub site_id: i64,
        pub name: String,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod departments {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "departments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod employees {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "employees")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub matricule: String,
        pub first_name: String,
        pub last_name: String,
        pub email: Option<String>,
        pub department_id: Option<i64>,
        pub site_id: Option<i64>,
        pub active: bool,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod categories {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "categories")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod manufacturers {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "manufacturers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod asset_models {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "asset_models")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub category_id: i64,
        pub manufacturer_id: i64,
        pub model_number: Option<String>,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod suppliers {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "suppliers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub email: Option<String>,
        pub phone: Option<String>,
        pub search: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

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
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "super::assignments::Entity")]
        Assignments,
    }

    impl Related<super::assignments::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Assignments.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod users {
    use radgestmat_domain::{Language, Role};
    use sea_orm::entity::prelude::*;

    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub username: String,
        pub display_name: String,
        pub email: Option<String>,
        pub role: Name<Role>,
        pub employee_id: Option<i64>,
        pub disabled: bool,
        pub password_hash: String,
        pub language: Option<Name<Language>>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

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
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "super::assets::Entity", from = "Column::AssetId", to = "super::assets::Column::Id")]
        Asset,
    }

    impl Related<super::assets::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Asset.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod sessions {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub expires_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "super::users::Entity", from = "Column::UserId", to = "super::users::Column::Id")]
        User,
    }

    impl Related<super::users::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::User.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod api_tokens {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "api_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub expires_at: Option<DateTimeUtc>,
        pub name: String,
        pub revoked_at: Option<DateTimeUtc>,
        pub last_used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "super::users::Entity", from = "Column::UserId", to = "super::users::Column::Id")]
        User,
    }

    impl Related<super::users::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::User.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod login_throttle {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "login_throttle")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub failures: i32,
        pub locked_until: Option<DateTimeUtc>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod counters {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "counters")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub value: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_entries {
    use radgestmat_domain::ActorKind;
    use sea_orm::entity::prelude::*;

    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "audit_entries")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub at: DateTimeUtc,
        pub actor_kind: Name<ActorKind>,
        pub actor_id: Option<i64>,
        pub actor_name: String,
        pub token_id: Option<i64>,
        pub action: String,
        pub entity: Option<String>,
        pub entity_id: Option<i64>,
        pub asset_tag: Option<String>,
        pub before: Option<String>,
        pub after: Option<String>,
        pub ip: Option<String>,
        pub user_agent: Option<String>,
        pub request_id: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_one = "super::audit_chain::Entity")]
        Chain,
    }

    impl Related<super::audit_chain::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Chain.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_chain {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "audit_chain")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub seq: i64,
        pub entry_id: i64,
        pub hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::audit_entries::Entity",
            from = "Column::EntryId",
            to = "super::audit_entries::Column::Id"
        )]
        Entry,
    }

    impl Related<super::audit_entries::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Entry.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_pending {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "audit_pending")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub entry_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod jobs {
    use radgestmat_domain::{JobKind, JobState};
    use sea_orm::entity::prelude::*;

    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "jobs")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: Name<JobKind>,
        pub payload: String,
        pub unique_key: Option<String>,
        pub state: Name<JobState>,
        pub attempts: i32,
        pub max_attempts: i32,
        pub run_at: DateTimeUtc,
        pub locked_until: Option<DateTimeUtc>,
        pub locked_by: Option<String>,
        pub last_error: Option<String>,
        pub created_at: DateTimeUtc,
        pub started_at: Option<DateTimeUtc>,
        pub finished_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod alerts {
    use radgestmat_domain::{AlertKind, AlertState, Resolution, Severity};
    use sea_orm::entity::prelude::*;

    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "alerts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: Name<AlertKind>,
        pub severity: Name<Severity>,
        pub state: Name<AlertState>,
        pub subject_id: i64,
        pub asset_id: i64,
        pub assignment_id: Option<i64>,
        pub site_id: Option<i64>,
        pub reference_at: Option<DateTimeUtc>,
        pub reference_date: Option<Date>,
        pub opened_at: DateTimeUtc,
        pub acknowledged_at: Option<DateTimeUtc>,
        pub acknowledged_by: Option<i64>,
        pub resolved_at: Option<DateTimeUtc>,
        pub resolved_by: Option<i64>,
        pub resolution: Option<Name<Resolution>>,
        pub resolution_note: Option<String>,
        pub cleared_at: Option<DateTimeUtc>,
        pub notified_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "super::assets::Entity", from = "Column::AssetId", to = "super::assets::Column::Id")]
        Asset,
        #[sea_orm(
            belongs_to = "super::assignments::Entity",
            from = "Column::AssignmentId",
            to = "super::assignments::Column::Id"
        )]
        Assignment,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod alert_rules {
    use radgestmat_domain::{AlertKind, Severity};
    use sea_orm::entity::prelude::*;

    use crate::vocabulary::Name;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "alert_rules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: Name<AlertKind>,
        pub enabled: bool,
        pub threshold: i64,
        pub severity: Name<Severity>,
        /// A JSON array of e-mail addresses.
        pub recipients: String,
        pub notify_borrower: bool,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod settings {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
    #[sea_orm(table_name = "settings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        /// A JSON document; its secrets sealed.
        pub value: String,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
