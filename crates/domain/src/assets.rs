//! Assets: one physical item each, identified by its tag.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{DomainError, Reason, Validate, Violations};

vocabulary! {
    /// Where an asset is in its life.
    #[derive(Default)]
    pub enum AssetStatus: "asset status" {
        /// Deployable, in stock.
        #[default]
        InStock = "in_stock",
        /// Checked out to an employee or a location (only through a check-out).
        Assigned = "assigned",
        InRepair = "in_repair",
        Lost = "lost",
        /// Out of service; kept with its history.
        Retired = "retired",
    }
}

vocabulary! {
    /// Sort keys of the asset list; without `sort`, by tag.
    pub enum AssetSort: "sort key" {
        AssetTag = "asset_tag",
        Name = "name",
        PurchaseDate = "purchase_date",
        WarrantyEnd = "warranty_end",
        UpdatedAt = "updated_at",
        Id = "id",
    }
}

filter! {
    /// Filters of the asset list (`q` searches tag, serial, name, model and manufacturer).
    pub struct AssetFilter sorted by AssetSort {
        status: Option<AssetStatus>,
        category_id: Option<i64>,
        model_id: Option<i64>,
        site_id: Option<i64>,
        location_id: Option<i64>,
        supplier_id: Option<i64>,
        /// Assets the employee holds now.
        employee_id: Option<i64>,
        /// These assets only (`ids=3,7,12`): the ones ticked in a list.
        ids: Vec<i64>,
        /// Custom values, each exactly (`custom.imei=356938035643809`, `custom.ports=24`).
        #[param(ignore)]
        custom: std::collections::BTreeMap<String, String>,
    }
}

/// A normalised asset tag: upper case letters, digits and `-_.`, e.g. `KIT-000123`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AssetTag(String);

impl AssetTag {
    pub const MAX_LEN: usize = 32;

    pub fn parse(input: &str) -> Result<AssetTag, DomainError> {
        let tag = input.trim().to_ascii_uppercase();
        if tag.is_empty() || tag.len() > Self::MAX_LEN {
            return Err(DomainError::invalid("asset_tag", Reason::TagLength));
        }
        if !tag.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            return Err(DomainError::invalid("asset_tag", Reason::TagCharacters));
        }
        Ok(AssetTag(tag))
    }

    /// The tag generated for the n-th asset: `KIT-000123`.
    pub fn generated(prefix: &str, n: i64) -> AssetTag {
        AssetTag(format!("{prefix}-{n:06}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a client writes about an asset.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetFields {
    /// Unique tag; generated as `PREFIX-000123` when omitted.
    #[serde(default)]
    #[schema(example = "KIT-000123", min_length = 1, max_length = 32, pattern = "^[A-Za-z0-9._-]+$")]
    pub asset_tag: Option<String>,
    /// Serial number, unique per manufacturer.
    #[serde(default)]
    #[schema(max_length = 100)]
    pub serial: Option<String>,
    #[schema(example = "Portable Dell Latitude 5440", min_length = 1, max_length = 200)]
    pub name: String,
    #[schema(minimum = 1)]
    pub model_id: i64,
    #[serde(default)]
    pub status: AssetStatus,
    #[serde(default)]
    #[schema(minimum = 1)]
    pub site_id: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 1)]
    pub location_id: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 1)]
    pub supplier_id: Option<i64>,
    #[serde(default)]
    #[schema(max_length = 100)]
    pub order_number: Option<String>,
    #[serde(default)]
    pub purchase_date: Option<NaiveDate>,
    /// Purchase cost in millimes (1 TND = 1000 millimes), from 0 to 10^12 (a billion dinars).
    #[serde(default)]
    #[schema(example = 2_450_000, minimum = 0, maximum = 1_000_000_000_000_i64)]
    pub purchase_cost: Option<i64>,
    #[serde(default)]
    pub warranty_end: Option<NaiveDate>,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub notes: Option<String>,
    /// The values of the custom fields of the model's category, by key (`{"imei": "3569…"}`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    #[schema(value_type = Object, example = json!({"imei": "356938035643809"}))]
    pub custom: crate::CustomValues,
}

/// The highest purchase cost, in millimes: a billion dinars. Sums of a whole fleet stay far
/// from overflowing.
pub const MAX_COST: i64 = 1_000_000_000_000;

impl Validate for AssetFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        if let Some(tag) = &self.asset_tag {
            v.absorb(AssetTag::parse(tag).map(drop));
        }
        v.opt_text("serial", self.serial.as_deref(), 100)
            .text("name", &self.name, 200)
            .opt_id("model_id", Some(self.model_id))
            .opt_id("site_id", self.site_id)
            .opt_id("location_id", self.location_id)
            .opt_id("supplier_id", self.supplier_id)
            .opt_text("order_number", self.order_number.as_deref(), 100)
            .check(self.purchase_cost.is_none_or(|c| c >= 0), "purchase_cost", Reason::Negative)
            .check(
                self.purchase_cost.is_none_or(|c| c <= MAX_COST),
                "purchase_cost",
                Reason::CostTooHigh { max: MAX_COST / 1000 },
            )
            .opt_note("notes", self.notes.as_deref(), 10_000)
            .opt_day("purchase_date", self.purchase_date)
            .opt_day("warranty_end", self.warranty_end);
        if let (Some(bought), Some(warranty)) = (self.purchase_date, self.warranty_end) {
            v.check(warranty >= bought, "warranty_end", Reason::BeforePurchase);
        }
        v.into_result()
    }
}

/// The site of an asset placed at a location of `location_site`: that site (given none), or a
/// refusal when the asset is said to be at another site.
pub fn site_at_location(site: Option<i64>, location_site: i64) -> Result<i64, DomainError> {
    match site {
        Some(site) if site != location_site => Err(DomainError::invalid("location_id", Reason::LocationElsewhere)),
        _ => Ok(location_site),
    }
}

impl AssetView {
    pub fn tag(&self) -> &str {
        self.fields.asset_tag.as_deref().unwrap_or_default()
    }
}

/// Who or where an asset is with, while it is checked out.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CurrentAssignment {
    pub id: i64,
    pub employee_id: Option<i64>,
    pub location_id: Option<i64>,
    pub checked_out_at: DateTime<Utc>,
    pub expected_return_at: Option<DateTime<Utc>>,
}

/// An asset as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssetView {
    pub id: i64,
    /// The fields, `asset_tag` always present.
    #[serde(flatten)]
    pub fields: AssetFields,
    /// Increases by one on every change; send it back in `If-Match` to update.
    pub version: i64,
    pub current_assignment: Option<CurrentAssignment>,
    /// When the asset was last seen in a physical audit (`POST /assets/{id}/audit`).
    pub last_audit_at: Option<DateTime<Utc>>,
    /// Since when the asset has its status.
    pub status_since: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset() -> AssetFields {
        serde_json::from_value(serde_json::json!({"name": "Écran", "model_id": 1})).unwrap()
    }

    #[test]
    fn tags_are_normalised_and_checked() {
        assert_eq!(AssetTag::parse(" kit-000123 ").unwrap().as_str(), "KIT-000123");
        assert!(AssetTag::parse("").is_err());
        assert!(AssetTag::parse("KIT 1").is_err());
        assert!(AssetTag::parse(&"A".repeat(33)).is_err());
        assert_eq!(AssetTag::generated("KIT", 123).as_str(), "KIT-000123");
    }

    #[test]
    fn rejects_negative_cost_and_warranty_before_purchase() {
        let mut a = asset();
        a.purchase_cost = Some(-1);
        a.purchase_date = NaiveDate::from_ymd_opt(2026, 5, 1);
        a.warranty_end = NaiveDate::from_ymd_opt(2026, 4, 30);
        let Err(DomainError::Invalid(errors)) = a.validate() else { panic!("must fail") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["purchase_cost", "warranty_end"]);
        a.purchase_cost = Some(0);
        a.warranty_end = a.purchase_date;
        assert!(a.validate().is_ok());
        a.purchase_cost = Some(MAX_COST);
        assert!(a.validate().is_ok());
        a.purchase_cost = Some(MAX_COST + 1);
        let Err(DomainError::Invalid(errors)) = a.validate() else { panic!("a cost beyond a billion dinars") };
        assert_eq!(errors[0].reason, Reason::CostTooHigh { max: 1_000_000_000 });
    }
}
