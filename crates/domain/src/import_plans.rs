//! What the commit of an import does with each checked row, by the file's kind: its plan, made
//! by the dry run and stored with the row. A name the register lacks is [`Named::New`]: the
//! commit creates it ("create missing") before the record that names it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{AssetModelFields, AssetStatus, EmployeeFields, Holder, ImportKind, UserFields};

/// A catalogue entry a row names: one that exists, or one the commit creates (with "create missing").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Named {
    Id(i64),
    New(String),
}

/// The model a row names: an existing one, or a new one with its category and manufacturer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelPlan {
    Id(i64),
    New { name: String, model_number: Option<String>, category: Named, manufacturer: Named },
}

/// The location a row names: an existing one, or a new one at its site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationPlan {
    Id(i64),
    New { site: Named, name: String },
}

/// What the commit does with one checked row of an asset file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetPlan {
    /// The asset to change (found by tag), or `None` to register one.
    pub existing: Option<i64>,
    /// The version the dry run read: a change made since refuses the line.
    #[serde(default)]
    pub version: Option<i64>,
    /// `None`: generated at commit.
    pub asset_tag: Option<String>,
    pub name: String,
    pub serial: Option<String>,
    pub model: ModelPlan,
    pub status: AssetStatus,
    pub site: Option<Named>,
    pub location: Option<LocationPlan>,
    pub supplier: Option<Named>,
    pub order_number: Option<String>,
    pub purchase_date: Option<NaiveDate>,
    pub purchase_cost: Option<i64>,
    pub warranty_end: Option<NaiveDate>,
    pub notes: Option<String>,
    /// Checked out to them at commit (a new asset, or one not checked out yet).
    pub holder: Option<Holder>,
    /// The loan's due day, for a holder.
    pub expected_checkin: Option<NaiveDate>,
    /// Last seen in a physical audit.
    pub last_audit: Option<NaiveDate>,
    /// The custom fields' values, checked against the category's fields.
    #[serde(default)]
    pub custom: crate::CustomValues,
}

impl AssetPlan {
    /// The asset's fields, with the ids its names stand for.
    pub fn fields(
        &self,
        model_id: i64,
        site_id: Option<i64>,
        location_id: Option<i64>,
        supplier_id: Option<i64>,
    ) -> crate::AssetFields {
        crate::AssetFields {
            asset_tag: self.asset_tag.clone(),
            serial: self.serial.clone(),
            name: self.name.clone(),
            model_id,
            status: self.status,
            site_id,
            location_id,
            supplier_id,
            order_number: self.order_number.clone(),
            purchase_date: self.purchase_date,
            purchase_cost: self.purchase_cost,
            warranty_end: self.warranty_end,
            notes: self.notes.clone(),
            custom: self.custom.clone(),
        }
    }
}

/// A record the row changes, as the dry run read it: a change made since refuses the line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Existing<F> {
    pub id: i64,
    pub fields: F,
}

/// What the commit does with one row of an employee file. The fields' department and site are
/// those the names below stand for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployeePlan {
    pub existing: Option<Existing<EmployeeFields>>,
    pub fields: EmployeeFields,
    pub department: Option<Named>,
    pub site: Option<Named>,
}

/// What the commit does with one row of a model file. The fields' category and manufacturer
/// are those the names below stand for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelImport {
    pub existing: Option<Existing<AssetModelFields>>,
    pub fields: AssetModelFields,
    pub category: Named,
    pub manufacturer: Named,
}

/// What the commit does with one row of an account file.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct UserPlan {
    pub existing: Option<Existing<UserFields>>,
    pub fields: UserFields,
    /// The Argon2 hash of a new account's first password (the file and the plans are deleted at
    /// the commit); `None`: it signs in once an administrator sets one. An account already
    /// registered keeps its own.
    pub password_hash: Option<String>,
}

impl std::fmt::Debug for UserPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserPlan")
            .field("existing", &self.existing)
            .field("fields", &self.fields)
            .field("password_hash", &self.password_hash.as_ref().map(|_| "…"))
            .finish()
    }
}

/// What the commit does with one checked row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Plan {
    Asset(AssetPlan),
    Employee(EmployeePlan),
    /// A new location (a location already there is unchanged: it has nothing else to change).
    Location(LocationPlan),
    Model(ModelImport),
    User(UserPlan),
}

impl Plan {
    /// A stored plan, read as its import's kind wrote it.
    pub fn read(kind: ImportKind, text: &str) -> serde_json::Result<Plan> {
        Ok(match kind {
            ImportKind::Assets => Plan::Asset(serde_json::from_str(text)?),
            ImportKind::Employees => Plan::Employee(serde_json::from_str(text)?),
            ImportKind::Locations => Plan::Location(serde_json::from_str(text)?),
            ImportKind::Models => Plan::Model(serde_json::from_str(text)?),
            ImportKind::Users => Plan::User(serde_json::from_str(text)?),
        })
    }
}
