//! An asset's custom values: the fields of its category, and the one row per value of a unique
//! field that lets the database refuse a second asset with the same value.

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use std::collections::HashMap;

use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, QueryTrait,
};

use radgestmat_domain::{AssetFields, CustomFieldFields, DomainError, Reason, filter_values};

use crate::Result;
use crate::entities::{asset_models, assets, custom_fields, custom_unique};
use crate::keyset::escape_like;
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

/// A custom field's unique rows after an edit: turned unique (or moved to another category or
/// key), every asset's value gets its row, and a value two assets share refuses the change
/// naming one; no longer unique, its rows go.
pub(crate) async fn follow_field(
    txn: &DatabaseTransaction,
    field_id: i64,
    before: &CustomFieldFields,
    after: &CustomFieldFields,
) -> Result<()> {
    let same = (before.unique, &before.key, before.category_id) == (after.unique, &after.key, after.category_id);
    if same {
        return Ok(());
    }
    custom_unique::Entity::delete_many().filter(custom_unique::Column::FieldId.eq(field_id)).exec(txn).await?;
    if !after.unique {
        return Ok(());
    }
    let models = asset_models::Entity::find()
        .select_only()
        .column(asset_models::Column::Id)
        .filter(asset_models::Column::CategoryId.eq(after.category_id))
        .into_query();
    let held = assets::Entity::find().filter(assets::Column::ModelId.in_subquery(models)).all(txn).await?;
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut rows = Vec::new();
    for asset in held {
        let Some(value) = asset.custom.0.get(&after.key) else { continue };
        let value = CustomFieldFields::text(value);
        if let Some(first) = taken.insert(value.clone(), asset.asset_tag.clone()) {
            let reason = Reason::CustomValueShared { tags: format!("{first}, {}", asset.asset_tag), value };
            return Err(DomainError::conflict_on("unique", reason).into());
        }
        rows.push(custom_unique::ActiveModel {
            field_id: Set(field_id),
            value: Set(value),
            asset_id: Set(asset.id),
            ..Default::default()
        });
    }
    for batch in rows.chunks(500) {
        custom_unique::Entity::insert_many(batch.to_vec()).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// Assets whose custom value of `key` is `value`, as any kind of field would write it
/// ([`filter_values`]), letter case aside (as SQLite's `LIKE` is anyway; `lower` on both sides
/// makes PostgreSQL agree). The values are one JSON object per asset, written by us:
/// `"key":value` closed by a quote, `,` or `}` can only be that pair (a quote inside a text is
/// escaped).
pub(crate) fn holds(key: &str, value: &str) -> Condition {
    let key = serde_json::to_string(key).unwrap_or_default();
    let column = Expr::expr(Func::lower(Expr::col((assets::Entity, assets::Column::Custom))));
    let mut any = Condition::any();
    for value in filter_values(value) {
        let written = format!("{key}:{}", serde_json::to_string(&value).unwrap_or_default()).to_lowercase();
        let ends: &[&str] = if value.is_string() { &[""] } else { &[",", "}"] };
        for end in ends {
            let pattern = format!("%{}{end}%", escape_like(&written));
            any = any.add(column.clone().like(LikeExpr::new(pattern).escape('\\')));
        }
    }
    any
}
