//! What the application keeps for itself: counters, the audit log, jobs, alerts and their rules, settings.

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
        #[sea_orm(has_one = "crate::entities::audit_chain::Entity")]
        Chain,
    }

    impl Related<crate::entities::audit_chain::Entity> for Entity {
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
            belongs_to = "crate::entities::audit_entries::Entity",
            from = "Column::EntryId",
            to = "crate::entities::audit_entries::Column::Id"
        )]
        Entry,
    }

    impl Related<crate::entities::audit_entries::Entity> for Entity {
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
        pub note: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "crate::entities::assets::Entity",
            from = "Column::AssetId",
            to = "crate::entities::assets::Column::Id"
        )]
        Asset,
        #[sea_orm(
            belongs_to = "crate::entities::assignments::Entity",
            from = "Column::AssignmentId",
            to = "crate::entities::assignments::Column::Id"
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
