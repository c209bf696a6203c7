//! Several assets at once, all or nothing: a new hire's kit, a leaver's return.

use radgestmat_domain::{Actor, AssignmentView, CheckIn, DomainError, FieldError, KitCheckOut, Reason, Validate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use tracing::instrument;

use crate::assignments::{AssetRef, asset_state, check_in_one, check_out_one, to_employee};
use crate::entities::{assignments, employees};
use crate::{Result, Store};

impl Store {
    /// A new hire's kit: every asset to one employee, all or nothing. Every refusal is listed.
    #[instrument(skip_all, fields(employee.id = employee_id))]
    pub async fn check_out_kit(
        &self,
        actor: &Actor,
        employee_id: i64,
        kit: KitCheckOut,
    ) -> Result<Vec<AssignmentView>> {
        kit.validate()?;
        let request = kit.each(employee_id);
        let (_, at) = request.validate_at(crate::now())?;
        let txn = self.write().await?;
        let to = to_employee(&employee(&txn, employee_id).await?)?;
        let mut assets = Vec::new();
        let mut missing = Vec::new();
        let named =
            kit.asset_ids.iter().map(|id| AssetRef::Id(*id)).chain(kit.asset_tags.iter().map(|t| AssetRef::Tag(t)));
        for asset in named {
            match asset_state(&txn, asset).await {
                Ok(state) => assets.push(state),
                Err(crate::Error::Domain(DomainError::NotFound { key, .. })) => missing.push(Reason::NoAsset { key }),
                Err(err) => return Err(err),
            }
        }
        if !missing.is_empty() {
            return Err(
                DomainError::Invalid(missing.into_iter().map(|r| FieldError::new("asset_ids", r)).collect()).into()
            );
        }
        // Always lock rows in id order, so that two kits sharing assets cannot deadlock.
        assets.sort_by_key(|a| a.id);
        if let Some(twice) = assets.windows(2).find(|w| w[0].id == w[1].id) {
            let reason = Reason::NamedTwice { tag: twice[0].asset_tag.clone() };
            return Err(DomainError::invalid("asset_ids", reason).into());
        }
        let refused: Vec<Reason> = assets
            .iter()
            .filter_map(|a| match a.status().check_out(&a.asset_tag) {
                Err(DomainError::Conflict { reason, .. }) => Some(reason),
                _ => None,
            })
            .collect();
        if !refused.is_empty() {
            return Err(DomainError::conflict_on("asset_ids", Reason::all(refused)).into());
        }
        let mut done = Vec::with_capacity(assets.len());
        for asset in &assets {
            done.push(check_out_one(&txn, actor, asset, &to, &request, at).await?);
        }
        self.commit(txn).await?;
        Ok(done)
    }

    /// A leaver: checks in everything the employee holds, all or nothing.
    #[instrument(skip_all, fields(employee.id = employee_id))]
    pub async fn check_in_everything(
        &self,
        actor: &Actor,
        employee_id: i64,
        request: CheckIn,
    ) -> Result<Vec<AssignmentView>> {
        request.validate()?;
        let txn = self.write().await?;
        employee(&txn, employee_id).await?;
        let held = assignments::Entity::find()
            .filter(assignments::Column::EmployeeId.eq(employee_id))
            .filter(assignments::Column::ReturnedAt.is_null())
            .order_by_asc(assignments::Column::AssetId)
            .all(&txn)
            .await?;
        let mut done = Vec::with_capacity(held.len());
        for open in held {
            let asset = asset_state(&txn, AssetRef::Id(open.asset_id)).await?;
            done.push(check_in_one(&txn, actor, &asset, open, &request).await?);
        }
        self.commit(txn).await?;
        Ok(done)
    }
}

/// The employee named in the path, or 404.
async fn employee(db: &impl ConnectionTrait, id: i64) -> Result<employees::Model> {
    Ok(employees::Entity::find_by_id(id).one(db).await?.ok_or_else(|| DomainError::not_found("employee", id))?)
}
