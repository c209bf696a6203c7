//! The limits the OpenAPI document declares on a text field (`minLength`, `maxLength`) are the
//! ones its validation applies: checked here for every input, so that neither drifts.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::*;

/// For each text property with declared limits: the longest text allowed passes, one more
/// character is refused naming the field, and so is an empty one when a minimum is declared.
fn limits_match<T: ToSchema + DeserializeOwned + Validate>(valid: Value) {
    let check = |body: &Value| json::decode::<T>(body.clone()).and_then(|fields| fields.validate());
    check(&valid).unwrap_or_else(|e| panic!("{} example: {e:?}", T::name()));
    let schema = serde_json::to_value(T::schema()).unwrap();
    let mut checked = 0;
    for (field, property) in schema["properties"].as_object().unwrap() {
        let (Some(max), None) = (property["maxLength"].as_u64(), property.get("format")) else { continue };
        let (mut longest, mut too_long) = (valid.clone(), valid.clone());
        longest[field] = json!("x".repeat(max as usize));
        too_long[field] = json!("x".repeat(max as usize + 1));
        assert!(check(&longest).is_ok(), "{}.{field}: {max} characters must pass", T::name());
        assert_refused::<T>(check(&too_long), field);
        if property["minLength"].as_u64().is_some_and(|min| min > 0) {
            let mut empty = valid.clone();
            empty[field] = json!("");
            assert_refused::<T>(check(&empty), field);
        }
        checked += 1;
    }
    assert!(checked > 0, "{} declares no text limit", T::name());
}

fn assert_refused<T: ToSchema>(result: Result<(), DomainError>, field: &str) {
    match result {
        Err(DomainError::Invalid(errors)) => assert_eq!(errors[0].field, field, "{}", T::name()),
        other => panic!("{}.{field} must be refused: {other:?}", T::name()),
    }
}

#[test]
fn the_document_declares_the_limits_the_validation_applies() {
    limits_match::<SiteFields>(json!({"code": "MAG-01", "name": "Magasin", "kind": "store", "city": "Sfax"}));
    limits_match::<LocationFields>(json!({"site_id": 1, "name": "Réserve"}));
    limits_match::<DepartmentFields>(json!({"name": "Comptabilité"}));
    limits_match::<EmployeeFields>(json!({"matricule": "E1", "first_name": "Amira", "last_name": "Ben Salah"}));
    limits_match::<CategoryFields>(json!({"name": "Écrans"}));
    limits_match::<ManufacturerFields>(json!({"name": "Dell"}));
    limits_match::<AssetModelFields>(
        json!({"name": "P2422H", "category_id": 1, "manufacturer_id": 1, "model_number": "P2422H"}),
    );
    limits_match::<SupplierFields>(json!({"name": "Tunisie Informatique", "phone": "71 000 000"}));
    limits_match::<AssetFields>(json!({"asset_tag": "KIT-1", "name": "Écran", "model_id": 1, "serial": "S1",
        "order_number": "BC-1", "notes": "n"}));
    limits_match::<UserFields>(json!({"username": "amira", "display_name": "Amira", "role": "it"}));
}
