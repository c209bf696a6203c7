//! The catalogue: categories, manufacturers, models and suppliers.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{DomainError, Validate, Violations};

filter! {
    /// Filters of the model list.
    pub struct ModelFilter sorted by crate::NameSort {
        category_id: Option<i64>,
        manufacturer_id: Option<i64>,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryFields {
    #[schema(example = "Ordinateurs portables", min_length = 1, max_length = 200)]
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManufacturerFields {
    #[schema(example = "Dell", min_length = 1, max_length = 200)]
    pub name: String,
}

impl Validate for CategoryFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.text("name", &self.name, 200);
        v.into_result()
    }
}

impl Validate for ManufacturerFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.text("name", &self.name, 200);
        v.into_result()
    }
}

/// A model of equipment: a manufacturer's product in one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetModelFields {
    #[schema(example = "Latitude 5440", min_length = 1, max_length = 200)]
    pub name: String,
    #[schema(minimum = 1)]
    pub category_id: i64,
    #[schema(minimum = 1)]
    pub manufacturer_id: i64,
    #[serde(default)]
    #[schema(max_length = 100)]
    pub model_number: Option<String>,
}

impl Validate for AssetModelFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.text("name", &self.name, 200)
            .opt_id("category_id", Some(self.category_id))
            .opt_id("manufacturer_id", Some(self.manufacturer_id))
            .opt_text("model_number", self.model_number.as_deref(), 100);
        v.into_result()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierFields {
    #[schema(example = "Tunisie Informatique SARL", min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    #[serde(default)]
    #[schema(max_length = 40)]
    pub phone: Option<String>,
}

impl Validate for SupplierFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.text("name", &self.name, 200).opt_email("email", self.email.as_deref()).opt_text(
            "phone",
            self.phone.as_deref(),
            40,
        );
        v.into_result()
    }
}
