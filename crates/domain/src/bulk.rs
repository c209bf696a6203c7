//! One change made to many assets at once (`PATCH /assets`): the ticked ones or every one a
//! filter of the list finds; previewed first, then applied in one transaction, each asset
//! audited as an edit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AssetStatus;

/// The most assets one change reaches.
pub const BULK_ASSETS_MAX: usize = 5_000;

/// `PATCH /assets`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkEdit {
    /// These assets…
    #[serde(default)]
    pub ids: Vec<i64>,
    /// …or every one this filter of the asset list finds (`{"status": "in_stock", "site_id": 3}`).
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub filter: Option<BTreeMap<String, serde_json::Value>>,
    pub set: BulkSet,
    /// Tell what would change, write nothing.
    #[serde(default)]
    pub preview: bool,
}

/// The fields a bulk change sets; `null` clears a location or a supplier. A new site without a
/// location leaves the assets' locations behind (they were in the old site).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkSet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AssetStatus>,
    #[serde(default, deserialize_with = "crate::json::nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<i64>)]
    pub site_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "crate::json::nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<i64>)]
    pub location_id: Option<Option<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_id: Option<i64>,
    #[serde(default, deserialize_with = "crate::json::nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<i64>)]
    pub supplier_id: Option<Option<i64>>,
    /// Custom values to set (`null` removes one), checked against each asset's category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub custom: Option<crate::CustomValues>,
}

impl BulkSet {
    pub fn is_empty(&self) -> bool {
        *self == BulkSet::default()
    }

    /// The merge patch each asset gets.
    pub fn patch(&self) -> serde_json::Value {
        let mut set = self.clone();
        if set.site_id.is_some() && set.location_id.is_none() {
            set.location_id = Some(None);
        }
        serde_json::to_value(set).unwrap_or_default()
    }
}

/// What a bulk change does (or did) to one asset: the fields it changes, before and after.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BulkChange {
    pub id: i64,
    pub asset_tag: String,
    #[schema(value_type = Object)]
    pub before: serde_json::Value,
    #[schema(value_type = Object)]
    pub after: serde_json::Value,
}

/// What a bulk change found and did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BulkReport {
    /// The assets selected.
    pub matched: u64,
    /// Those the change changes.
    pub changed: u64,
    /// Whether nothing was written (a preview).
    pub preview: bool,
    /// The changes, the first 100.
    pub changes: Vec<BulkChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_site_leaves_the_old_locations_behind() {
        let set: BulkSet = serde_json::from_value(serde_json::json!({"site_id": 3})).unwrap();
        assert_eq!(set.patch(), serde_json::json!({"site_id": 3, "location_id": null}));
        let set: BulkSet = serde_json::from_value(serde_json::json!({"site_id": 3, "location_id": 8})).unwrap();
        assert_eq!(set.patch(), serde_json::json!({"site_id": 3, "location_id": 8}));
        let set: BulkSet = serde_json::from_value(serde_json::json!({"supplier_id": null})).unwrap();
        assert_eq!(set.patch(), serde_json::json!({"supplier_id": null}));
        let set: BulkSet = serde_json::from_value(serde_json::json!({"custom": {"reseau": "5G"}})).unwrap();
        assert_eq!(set.patch(), serde_json::json!({"custom": {"reseau": "5G"}}));
        assert!(serde_json::from_value::<BulkSet>(serde_json::json!({"name": "x"})).is_err());
    }
}
