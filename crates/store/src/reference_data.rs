//! The eight kinds of reference data: per kind only what differs — its columns, filter and
//! sorts, references, search text and safeguards.

use radgestmat_domain::{
    AssetModelFields, AuditAction, ByName, CategoryFields, CustomFieldFields, CustomFieldFilter, DepartmentFields,
    DomainError, EmployeeFields, EmployeeFilter, EmployeeSort, LocationFields, LocationFilter, ManufacturerFields,
    ModelFilter, NameSort, Reason, SiteFields, SiteFilter, SiteSort, SupplierFields, Term, fold,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, DatabaseTransaction};

use crate::Result;
use crate::assignment_list::held_by;
use crate::entities::{
    asset_models, categories, custom_fields, departments, employees, locations, manufacturers, sites, suppliers,
};
use crate::resources::{BoxFuture, Columns, Ref, Resource};
use crate::vocabulary::Name;

/// The sort columns of a list ordered by name (`NameSort`).
macro_rules! by_name {
    ($module:ident) => {
        fn sort_column(sort: NameSort) -> Option<$module::Column> {
            match sort {
                NameSort::Name => Some($module::Column::Name),
                NameSort::Id => None,
            }
        }
    };
}

/// The common columns of a reference table's module.
macro_rules! columns {
    ($module:ident) => {
        Columns {
            id: $module::Column::Id,
            search: $module::Column::Search,
            created_at: $module::Column::CreatedAt,
            updated_at: $module::Column::UpdatedAt,
        }
    };
}

/// `Set` of every field, in the order of the struct; the macro keeps the impls to their differences.
macro_rules! active {
    ($module:ident, $fields:expr, { $($name:ident $(: $value:expr)?),* $(,)? }) => {{
        let f = $fields;
        $module::ActiveModel { $($name: Set(active!(@value f, $name $(, $value)?)),)* ..Default::default() }
    }};
    (@value $f:ident, $name:ident) => { $f.$name.clone() };
    (@value $f:ident, $name:ident, $value:expr) => { $value };
}

pub struct Sites;
impl Resource for Sites {
    type Fields = SiteFields;
    type Entity = sites::Entity;
    type Model = sites::Model;
    type Filter = SiteFilter;
    type Active = sites::ActiveModel;
    const TERM: Term = Term::Site;
    const ACTIONS: [AuditAction; 3] = [AuditAction::SiteCreate, AuditAction::SiteUpdate, AuditAction::SiteDelete];
    const COMMON: Columns<sites::Column> = columns!(sites);
    const USED_BY: &'static [(&'static str, &'static str, Term)] = &[
        ("locations", "site_id", Term::Locations),
        ("employees", "site_id", Term::Employees),
        ("assets", "site_id", Term::Assets),
    ];

    fn fields(m: &sites::Model) -> SiteFields {
        let kind = m.kind.0;
        let it_contacts = serde_json::from_str(&m.it_contacts).unwrap_or_default();
        SiteFields { code: m.code.clone(), name: m.name.clone(), kind, city: m.city.clone(), it_contacts }
    }
    fn active(f: &SiteFields) -> sites::ActiveModel {
        active!(sites, f, {
            code: f.code.trim().to_uppercase(),
            name,
            kind: Name(f.kind),
            city,
            it_contacts: serde_json::to_string(&f.it_contacts).unwrap_or_else(|_| "[]".into()),
        })
    }
    fn sort_column(sort: SiteSort) -> Option<sites::Column> {
        match sort {
            SiteSort::Name => Some(sites::Column::Name),
            SiteSort::Code => Some(sites::Column::Code),
            SiteSort::Id => None,
        }
    }
    fn search_text(f: &SiteFields) -> String {
        fold(&format!("{} {} {}", f.code, f.name, f.city.as_deref().unwrap_or("")))
    }
}

pub struct Locations;
impl Resource for Locations {
    type Fields = LocationFields;
    type Entity = locations::Entity;
    type Model = locations::Model;
    type Filter = LocationFilter;
    type Active = locations::ActiveModel;
    const TERM: Term = Term::Location;
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::LocationCreate, AuditAction::LocationUpdate, AuditAction::LocationDelete];
    const COMMON: Columns<locations::Column> = columns!(locations);
    const USED_BY: &'static [(&'static str, &'static str, Term)] =
        &[("assets", "location_id", Term::Assets), ("assignments", "location_id", Term::Assignments)];

    fn fields(m: &locations::Model) -> LocationFields {
        LocationFields { site_id: m.site_id, name: m.name.clone() }
    }
    fn active(f: &LocationFields) -> locations::ActiveModel {
        active!(locations, f, { site_id, name })
    }
    by_name!(locations);
    fn condition(filter: &LocationFilter) -> Condition {
        Condition::all().add_option(filter.site_id.map(|id| locations::Column::SiteId.eq(id)))
    }
    fn search_text(f: &LocationFields) -> String {
        fold(&f.name)
    }
    fn references(f: &LocationFields) -> Vec<Ref> {
        vec![Ref::to::<Sites>("site_id", f.site_id)]
    }
}

pub struct Departments;
impl Resource for Departments {
    type Fields = DepartmentFields;
    type Entity = departments::Entity;
    type Model = departments::Model;
    type Filter = ByName;
    type Active = departments::ActiveModel;
    const TERM: Term = Term::Department;
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::DepartmentCreate, AuditAction::DepartmentUpdate, AuditAction::DepartmentDelete];
    const COMMON: Columns<departments::Column> = columns!(departments);
    const USED_BY: &'static [(&'static str, &'static str, Term)] = &[("employees", "department_id", Term::Employees)];

    fn fields(m: &departments::Model) -> DepartmentFields {
        DepartmentFields { name: m.name.clone() }
    }
    fn active(f: &DepartmentFields) -> departments::ActiveModel {
        active!(departments, f, { name })
    }
    by_name!(departments);
    fn search_text(f: &DepartmentFields) -> String {
        fold(&f.name)
    }
}

pub struct Employees;
impl Resource for Employees {
    type Fields = EmployeeFields;
    type Entity = employees::Entity;
    type Model = employees::Model;
    type Filter = EmployeeFilter;
    type Active = employees::ActiveModel;
    const TERM: Term = Term::Employee;
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::EmployeeCreate, AuditAction::EmployeeUpdate, AuditAction::EmployeeDelete];
    const COMMON: Columns<employees::Column> = columns!(employees);
    const USED_BY: &'static [(&'static str, &'static str, Term)] =
        &[("assignments", "employee_id", Term::Assignments), ("users", "employee_id", Term::UserAccounts)];

    fn fields(m: &employees::Model) -> EmployeeFields {
        EmployeeFields {
            matricule: m.matricule.clone(),
            first_name: m.first_name.clone(),
            last_name: m.last_name.clone(),
            email: m.email.clone(),
            department_id: m.department_id,
            site_id: m.site_id,
            active: m.active,
        }
    }
    fn active(f: &EmployeeFields) -> employees::ActiveModel {
        active!(employees, f, {
            matricule: f.matricule.trim().to_owned(), first_name, last_name, email, department_id, site_id, active,
        })
    }
    fn sort_column(sort: EmployeeSort) -> Option<employees::Column> {
        match sort {
            EmployeeSort::LastName => Some(employees::Column::LastName),
            EmployeeSort::FirstName => Some(employees::Column::FirstName),
            EmployeeSort::Matricule => Some(employees::Column::Matricule),
            EmployeeSort::Id => None,
        }
    }
    fn condition(filter: &EmployeeFilter) -> Condition {
        use employees::Column as C;
        Condition::all()
            .add_option(filter.department_id.map(|id| C::DepartmentId.eq(id)))
            .add_option(filter.site_id.map(|id| C::SiteId.eq(id)))
            .add_option(filter.active.map(|active| C::Active.eq(active)))
    }
    fn search_text(f: &EmployeeFields) -> String {
        fold(&format!("{} {} {} {}", f.matricule, f.first_name, f.last_name, f.email.as_deref().unwrap_or("")))
    }
    /// An employee who still holds equipment stays active, unless an administrator forces it.
    fn on_update<'a>(
        txn: &'a DatabaseTransaction,
        id: i64,
        before: &'a EmployeeFields,
        after: &'a EmployeeFields,
        forced: bool,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            if before.active && !after.active && !forced {
                let held = held_by(txn, id).await?;
                if !held.is_empty() {
                    let reason = Reason::StillHolds { who: after.who(), count: held.len(), tags: held.join(", ") };
                    return Err(DomainError::conflict_on("active", reason).into());
                }
            }
            Ok(())
        })
    }
    fn references(f: &EmployeeFields) -> Vec<Ref> {
        let mut refs = Vec::new();
        refs.extend(f.department_id.map(|id| Ref::to::<Departments>("department_id", id)));
        refs.extend(f.site_id.map(|id| Ref::to::<Sites>("site_id", id)));
        refs
    }
}

pub struct Categories;
impl Resource for Categories {
    type Fields = CategoryFields;
    type Entity = categories::Entity;
    type Model = categories::Model;
    type Filter = ByName;
    type Active = categories::ActiveModel;
    const TERM: Term = Term::Category;
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::CategoryCreate, AuditAction::CategoryUpdate, AuditAction::CategoryDelete];
    const COMMON: Columns<categories::Column> = columns!(categories);
    const USED_BY: &'static [(&'static str, &'static str, Term)] =
        &[("asset_models", "category_id", Term::Models), ("custom_fields", "category_id", Term::CustomFields)];

    fn fields(m: &categories::Model) -> CategoryFields {
        CategoryFields { name: m.name.clone() }
    }
    fn active(f: &CategoryFields) -> categories::ActiveModel {
        active!(categories, f, { name })
    }
    by_name!(categories);
    fn search_text(f: &CategoryFields) -> String {
        fold(&f.name)
    }
}

pub struct Manufacturers;
impl Resource for Manufacturers {
    type Fields = ManufacturerFields;
    type Entity = manufacturers::Entity;
    type Model = manufacturers::Model;
    type Filter = ByName;
    type Active = manufacturers::ActiveModel;
    const TERM: Term = Term::Manufacturer;
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::ManufacturerCreate, AuditAction::ManufacturerUpdate, AuditAction::ManufacturerDelete];
    const COMMON: Columns<manufacturers::Column> = columns!(manufacturers);
    const USED_BY: &'static [(&'static str, &'static str, Term)] = &[("asset_models", "manufacturer_id", Term::Models)];

    fn fields(m: &manufacturers::Model) -> ManufacturerFields {
        ManufacturerFields { name: m.name.clone() }
    }
    fn active(f: &ManufacturerFields) -> manufacturers::ActiveModel {
        active!(manufacturers, f, { name })
    }
    by_name!(manufacturers);
    fn search_text(f: &ManufacturerFields) -> String {
        fold(&f.name)
    }
}

pub struct Models;
impl Resource for Models {
    type Fields = AssetModelFields;
    type Entity = asset_models::Entity;
    type Model = asset_models::Model;
    type Filter = ModelFilter;
    type Active = asset_models::ActiveModel;
    const TERM: Term = Term::Model;
    const ACTIONS: [AuditAction; 3] = [AuditAction::ModelCreate, AuditAction::ModelUpdate, AuditAction::ModelDelete];
    const COMMON: Columns<asset_models::Column> = columns!(asset_models);
    const USED_BY: &'static [(&'static str, &'static str, Term)] = &[("assets", "model_id", Term::Assets)];

    fn fields(m: &asset_models::Model) -> AssetModelFields {
        AssetModelFields {
            name: m.name.clone(),
            category_id: m.category_id,
            manufacturer_id: m.manufacturer_id,
            model_number: m.model_number.clone(),
        }
    }
    fn active(f: &AssetModelFields) -> asset_models::ActiveModel {
        active!(asset_models, f, { name, category_id, manufacturer_id, model_number })
    }
    by_name!(asset_models);
    fn condition(filter: &ModelFilter) -> Condition {
        use asset_models::Column as C;
        Condition::all()
            .add_option(filter.category_id.map(|id| C::CategoryId.eq(id)))
            .add_option(filter.manufacturer_id.map(|id| C::ManufacturerId.eq(id)))
    }
    fn search_text(f: &AssetModelFields) -> String {
        fold(&format!("{} {}", f.name, f.model_number.as_deref().unwrap_or("")))
    }
    fn references(f: &AssetModelFields) -> Vec<Ref> {
        vec![
            Ref::to::<Categories>("category_id", f.category_id),
            Ref::to::<Manufacturers>("manufacturer_id", f.manufacturer_id),
        ]
    }
    /// The model's assets take its manufacturer, and their search text follows its name.
    fn on_update<'a>(
        txn: &'a DatabaseTransaction,
        id: i64,
        _before: &'a AssetModelFields,
        _after: &'a AssetModelFields,
        _forced: bool,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(crate::assets::refresh_search_for_model(txn, id))
    }
}

pub struct Suppliers;
impl Resource for Suppliers {
    type Fields = SupplierFields;
    type Entity = suppliers::Entity;
    type Model = suppliers::Model;
    type Filter = ByName;
    type Active = suppliers::ActiveModel;
    const TERM: Term = Term::Supplier;
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::SupplierCreate, AuditAction::SupplierUpdate, AuditAction::SupplierDelete];
    const COMMON: Columns<suppliers::Column> = columns!(suppliers);
    const USED_BY: &'static [(&'static str, &'static str, Term)] = &[("assets", "supplier_id", Term::Assets)];

    fn fields(m: &suppliers::Model) -> SupplierFields {
        SupplierFields { name: m.name.clone(), email: m.email.clone(), phone: m.phone.clone() }
    }
    fn active(f: &SupplierFields) -> suppliers::ActiveModel {
        active!(suppliers, f, { name, email, phone })
    }
    by_name!(suppliers);
    fn search_text(f: &SupplierFields) -> String {
        fold(&f.name)
    }
}

pub struct CustomFields;
impl Resource for CustomFields {
    type Fields = CustomFieldFields;
    type Entity = custom_fields::Entity;
    type Model = custom_fields::Model;
    type Filter = CustomFieldFilter;
    type Active = custom_fields::ActiveModel;
    const TERM: Term = Term::CustomField;
    const ACTIONS: [AuditAction; 3] =
        [AuditAction::CustomFieldCreate, AuditAction::CustomFieldUpdate, AuditAction::CustomFieldDelete];
    const COMMON: Columns<custom_fields::Column> = columns!(custom_fields);

    fn fields(m: &custom_fields::Model) -> CustomFieldFields {
        CustomFieldFields {
            category_id: m.category_id,
            key: m.key.clone(),
            name: m.name.clone(),
            kind: m.kind.0,
            required: m.required,
            unique: m.unique_values,
            format: m.format.map(|f| f.0),
            options: m.options.0.clone(),
        }
    }
    fn active(f: &CustomFieldFields) -> custom_fields::ActiveModel {
        active!(custom_fields, f, {
            category_id,
            key,
            name,
            kind: f.kind.into(),
            required,
            unique_values: f.unique,
            format: f.format.map(Name),
            options: crate::json_text::JsonText(f.options.clone()),
        })
    }
    by_name!(custom_fields);
    fn condition(filter: &CustomFieldFilter) -> Condition {
        Condition::all().add_option(filter.category_id.map(|id| custom_fields::Column::CategoryId.eq(id)))
    }
    fn search_text(f: &CustomFieldFields) -> String {
        fold(&format!("{} {}", f.name, f.key))
    }
    fn references(f: &CustomFieldFields) -> Vec<Ref> {
        vec![Ref::to::<Categories>("category_id", f.category_id)]
    }
    /// Made unique, the values already given must be.
    fn on_update<'a>(
        txn: &'a DatabaseTransaction,
        id: i64,
        before: &'a CustomFieldFields,
        after: &'a CustomFieldFields,
        _forced: bool,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(crate::custom_values::follow_field(txn, id, before, after))
    }
}
