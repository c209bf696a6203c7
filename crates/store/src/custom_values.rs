//! An asset's custom values: the fields of its category, and the one row per value of a unique
//! field that lets the database refuse a second asset with the same value.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use radgestmat_domain::{AssetFields, CustomFieldFields, DomainError, Reason};

use crate::Result;
use crate::entities::{asset_models, assets, custom_fields, custom_unique};
use crate::resources::Resource;

/// The custom fields of a category, with their ids.
pub(crate) async fn custom_fields_of(
    db: &impl ConnectionTrait,
    category_id: i64,
) -> Result<Vec<(i64, CustomFieldFields)>> {
    let rows = custom_fields::Entity::find().filter(custom_fields::Column::CategoryId.eq(category_id)).all(db).await?;
    Ok(rows.iter().map(|m| (m.id, crate::reference_data::CustomFields::fields(m))).collect())
}

/// The asset's values of its unique custom fields, one row each: a value another asset has
/// is refused naming that asset (and the database's unique index refuses it under a race).
pub(crate) async fn keep_unique(txn: &DatabaseTransaction, asset_id: i64, f: &AssetFields) -> Result<()> {
    custom_unique::Entity::delete_many().filter(custom_unique::Column::AssetId.eq(asset_id)).exec(txn).await?;
    if f.custom.is_empty() {
        return Ok(());
    }
    let Some(model) = asset_models::Entity::find_by_id(f.model_id).one(txn).await? else { return Ok(()) };
    for (field_id, field) in custom_fields_of(txn, model.category_id).await?.into_iter().filter(|(_, f)| f.unique) {
        let Some(value) = f.custom.get(&field.key) else { continue };
        let value = CustomFieldFields::text(value);
        let taken = custom_unique::Entity::find()
            .filter(custom_unique::Column::FieldId.eq(field_id))
            .filter(custom_unique::Column::Value.eq(value.as_str()))
            .one(txn)
            .await?;
        if let Some(other) = taken {
            let tag =
                assets::Entity::find_by_id(other.asset_id).one(txn).await?.map(|a| a.asset_tag).unwrap_or_default();
            return Err(
                DomainError::conflict_on(format!("custom.{}", field.key), Reason::CustomValueUsed { tag }).into()
            );
        }
        let row = custom_unique::ActiveModel {
            field_id: Set(field_id),
            value: Set(value),
            asset_id: Set(asset_id),
            ..Default::default()
        };
        custom_unique::Entity::insert(row).exec(txn).await?;
    }
    Ok(())
}
