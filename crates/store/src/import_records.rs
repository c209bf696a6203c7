//! The commit of a row of an employee, location, model or account file: the record created, or
//! changed as its own page changes it (and audited as that creation or change is), with the names
//! it gives resolved, created once when new ("create missing").

use radgestmat_domain::{
    Actor, AssetPlan, CategoryFields, DepartmentFields, DomainError, EmployeePlan, Existing, LocationFields,
    LocationPlan, ManufacturerFields, ModelImport, Plan, Reason, UserPlan, fold,
};
use sea_orm::{DatabaseTransaction, EntityTrait};

use crate::Result;
use crate::auth::NO_PASSWORD;
use crate::entities::users;
use crate::import_commit::{Made, new_site};
use crate::reference_data::{Categories, Departments, Employees, Locations, Manufacturers, Models, Sites};
use crate::resources::{Resource, fields_of, insert, update_in};
use crate::users::{insert_user, update_user_in, user_view};

impl Made {
    /// Writes the record a row plans; an asset's plan is given back (assets go in batches).
    pub(crate) async fn record(
        &mut self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        plan: Plan,
    ) -> Result<Option<AssetPlan>> {
        match plan {
            Plan::Asset(plan) => return Ok(Some(plan)),
            Plan::Employee(plan) => self.employee(txn, actor, plan).await?,
            Plan::Location(plan) => self.location(txn, actor, &plan).await.map(drop)?,
            Plan::Model(plan) => self.model_record(txn, actor, plan).await?,
            Plan::User(plan) => user(txn, actor, plan).await?,
        }
        Ok(None)
    }

    async fn employee(&mut self, txn: &DatabaseTransaction, actor: &Actor, plan: EmployeePlan) -> Result<()> {
        let mut fields = plan.fields;
        let department = |name| DepartmentFields { name };
        fields.department_id = self.maybe::<Departments>(txn, actor, plan.department.as_ref(), department).await?;
        fields.site_id = self.maybe::<Sites>(txn, actor, plan.site.as_ref(), new_site).await?;
        let key = fields.matricule.clone();
        put::<Employees>(txn, actor, plan.existing, fields, &key).await
    }

    /// The id of a location a row names, created once when new.
    pub(crate) async fn location(
        &mut self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        plan: &LocationPlan,
    ) -> Result<i64> {
        match plan {
            LocationPlan::Id(id) => Ok(*id),
            LocationPlan::New { site, name } => {
                let site = self.named::<Sites>(txn, actor, site, new_site).await?;
                let key = format!("{site}\u{1f}{}", fold(name));
                let id = self
                    .create::<Locations>(txn, actor, key, || LocationFields { site_id: site, name: name.clone() })
                    .await?;
                self.location_site.insert(id, site);
                Ok(id)
            }
        }
    }

    async fn model_record(&mut self, txn: &DatabaseTransaction, actor: &Actor, plan: ModelImport) -> Result<()> {
        let mut fields = plan.fields;
        fields.category_id = self.category(txn, actor, &plan.category).await?;
        fields.manufacturer_id = self.manufacturer(txn, actor, &plan.manufacturer).await?;
        let key = fields.name.clone();
        put::<Models>(txn, actor, plan.existing, fields, &key).await
    }

    pub(crate) async fn category(
        &mut self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        named: &radgestmat_domain::Named,
    ) -> Result<i64> {
        self.named::<Categories>(txn, actor, named, |name| CategoryFields { name }).await
    }

    pub(crate) async fn manufacturer(
        &mut self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        named: &radgestmat_domain::Named,
    ) -> Result<i64> {
        self.named::<Manufacturers>(txn, actor, named, |name| ManufacturerFields { name }).await
    }
}

/// Creates the record, or changes it unless it changed since the dry run read it.
async fn put<R: Resource>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    existing: Option<Existing<R::Fields>>,
    fields: R::Fields,
    key: &str,
) -> Result<()>
where
    R::Fields: PartialEq,
{
    match existing {
        None => drop(insert::<R>(txn, actor, fields).await?),
        Some(Existing { id, fields: seen }) => {
            let before = fields_of::<R>(txn, id).await?;
            if before != seen {
                return Err(DomainError::conflict(Reason::ChangedSinceCheck { tag: key.to_owned() }).into());
            }
            update_in::<R>(txn, actor, id, &before, fields, false).await?;
        }
    }
    Ok(())
}

async fn user(txn: &DatabaseTransaction, actor: &Actor, plan: UserPlan) -> Result<()> {
    let Some(Existing { id, fields: seen }) = plan.existing else {
        let hash = plan.password_hash.unwrap_or_else(|| NO_PASSWORD.to_owned());
        return insert_user(txn, actor, plan.fields, hash).await.map(drop);
    };
    let current = users::Entity::find_by_id(id).one(txn).await?;
    let current = current.ok_or_else(|| DomainError::not_found("user", id))?;
    if user_view(current.clone()).fields != seen {
        return Err(DomainError::conflict(Reason::ChangedSinceCheck { tag: seen.username }).into());
    }
    update_user_in(txn, actor, current, plan.fields, plan.password_hash).await.map(drop)
}
