//! What an import's dry run looks names up in: the catalogue, the places, the people and the
//! assets already registered, read once into memory (by folded name, so that "DELL" is "Dell").

use std::collections::HashMap;

use radgestmat_domain::{AssetFilter, AssetView, EmployeeFields, ImportKind, List, UserView, fold};
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect};

use crate::entities::{
    asset_models, categories, departments, employees, locations, manufacturers, sites, suppliers, users,
};
use crate::reference_data::Employees;
use crate::resources::Resource;
use crate::{Result, Store};

/// Names to the ids of the records they name; a name may name several.
#[derive(Debug, Default)]
pub struct NameIndex(HashMap<String, Vec<i64>>);

/// What a name finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    None,
    One(i64),
    Several,
}

impl NameIndex {
    pub fn insert(&mut self, name: &str, id: i64) {
        let key = fold(name.trim());
        if key.is_empty() {
            return;
        }
        let ids = self.0.entry(key).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    /// Every record the name names.
    pub fn find_all(&self, name: &str) -> Vec<i64> {
        self.0.get(&fold(name.trim())).cloned().unwrap_or_default()
    }

    pub fn find(&self, name: &str) -> Found {
        match self.0.get(&fold(name.trim())).map(Vec::as_slice) {
            None | Some([]) => Found::None,
            Some([id]) => Found::One(*id),
            Some(_) => Found::Several,
        }
    }
}

/// A model, with what a row must agree with.
#[derive(Debug, Clone)]
pub struct ModelInfo {
    pub name: String,
    pub model_number: Option<String>,
    pub manufacturer_id: i64,
    pub category_id: i64,
}

/// Everything a dry run looks up.
#[derive(Debug, Default)]
pub struct Lookups {
    pub categories: NameIndex,
    pub manufacturers: NameIndex,
    pub models: NameIndex,
    pub model_numbers: NameIndex,
    pub model_info: HashMap<i64, ModelInfo>,
    pub suppliers: NameIndex,
    /// By code, and by name.
    pub sites: NameIndex,
    pub locations: NameIndex,
    /// A location's site.
    pub location_site: HashMap<i64, i64>,
    /// (site, folded name) → the location.
    pub location_at: HashMap<(i64, String), i64>,
    pub departments: NameIndex,
    /// By matricule, e-mail, "first last", "last first", and the username of their account.
    pub employees: NameIndex,
    /// Every employee, the former ones too, by folded matricule: (id, fields).
    pub staff: HashMap<String, (i64, EmployeeFields)>,
    /// What each employee holds now: the tags (for an employee file).
    pub holding: HashMap<i64, Vec<String>>,
    /// The accounts, by username in lower case.
    pub accounts: HashMap<String, UserView>,
    /// The registered assets, by tag (read for an asset file only, as what follows).
    pub assets: HashMap<String, AssetView>,
    /// (manufacturer, folded serial) → the tag that has it.
    pub serials: HashMap<(i64, String), String>,
    /// The custom fields, by category.
    pub custom_fields: HashMap<i64, Vec<radgestmat_domain::CustomFieldFields>>,
    /// The values of unique custom fields: (category, key, value) → the tag that has it.
    pub custom_taken: HashMap<(i64, String, String), String>,
}

impl Store {
    /// Every custom field, in name order.
    pub async fn all_custom_fields(&self) -> Result<Vec<radgestmat_domain::CustomFieldFields>> {
        use crate::resources::Resource;
        let rows = crate::entities::custom_fields::Entity::find().all(&self.db).await?;
        let mut all: Vec<_> = rows.iter().map(crate::reference_data::CustomFields::fields).collect();
        all.sort_by(|a, b| radgestmat_domain::name_order(&a.name, &b.name));
        Ok(all)
    }

    /// Reads what the dry run of a file of `kind` looks up, in a few queries.
    pub async fn import_lookups(&self, kind: ImportKind) -> Result<Lookups> {
        let db = &self.db;
        let mut l = Lookups::default();
        catalogue(db, &mut l).await?;
        places(db, &mut l).await?;
        people(db, &mut l).await?;
        if kind == ImportKind::Employees {
            l.holding = crate::assignment_list::holdings(db).await?;
        }
        // The register's assets, for the files that name them.
        if kind == ImportKind::Assets {
            self.register(&mut l).await?;
        }
        Ok(l)
    }

    /// The registered assets by tag, their serials and their unique custom values.
    async fn register(&self, l: &mut Lookups) -> Result<()> {
        for field in self.all_custom_fields().await? {
            l.custom_fields.entry(field.category_id).or_default().push(field);
        }
        let mut query = List::<AssetFilter> { limit: radgestmat_domain::MAX_LIMIT, ..Default::default() };
        loop {
            let page = self.list_assets(&query).await?;
            for asset in page.items {
                let maker = l.model_info.get(&asset.fields.model_id).map(|m| m.manufacturer_id);
                if let (Some(maker), Some(serial)) = (maker, &asset.fields.serial) {
                    l.serials.insert((maker, fold(serial)), asset.tag().to_owned());
                }
                l.assets.insert(asset.tag().to_owned(), asset);
            }
            match page.next_cursor {
                Some(cursor) => query.cursor = Some(cursor),
                None => break,
            }
        }
        for asset in l.assets.values() {
            let Some(category) = l.model_info.get(&asset.fields.model_id).map(|m| m.category_id) else { continue };
            for field in l.custom_fields.get(&category).into_iter().flatten().filter(|f| f.unique) {
                if let Some(value) = asset.fields.custom.get(&field.key) {
                    let text = radgestmat_domain::CustomFieldFields::text(value);
                    l.custom_taken.insert((category, field.key.clone(), text), asset.tag().to_owned());
                }
            }
        }
        Ok(())
    }
}

/// A table's names, by folded name.
async fn names<E: EntityTrait>(db: &DatabaseConnection, id: E::Column, name: E::Column) -> Result<NameIndex> {
    let mut index = NameIndex::default();
    for (id, name) in E::find().select_only().columns([id, name]).into_tuple::<(i64, String)>().all(db).await? {
        index.insert(&name, id);
    }
    Ok(index)
}

/// Categories, manufacturers, models and suppliers.
async fn catalogue(db: &DatabaseConnection, l: &mut Lookups) -> Result<()> {
    l.categories = names::<categories::Entity>(db, categories::Column::Id, categories::Column::Name).await?;
    l.manufacturers =
        names::<manufacturers::Entity>(db, manufacturers::Column::Id, manufacturers::Column::Name).await?;
    for m in asset_models::Entity::find().all(db).await? {
        l.models.insert(&m.name, m.id);
        if let Some(number) = &m.model_number {
            l.model_numbers.insert(number, m.id);
        }
        l.model_info.insert(
            m.id,
            ModelInfo {
                name: m.name,
                model_number: m.model_number,
                manufacturer_id: m.manufacturer_id,
                category_id: m.category_id,
            },
        );
    }
    l.suppliers = names::<suppliers::Entity>(db, suppliers::Column::Id, suppliers::Column::Name).await?;
    Ok(())
}

/// Sites (by code and name), locations and departments.
async fn places(db: &DatabaseConnection, l: &mut Lookups) -> Result<()> {
    for s in sites::Entity::find().all(db).await? {
        l.sites.insert(&s.code, s.id);
        l.sites.insert(&s.name, s.id);
    }
    for loc in locations::Entity::find().all(db).await? {
        l.locations.insert(&loc.name, loc.id);
        l.location_site.insert(loc.id, loc.site_id);
        l.location_at.insert((loc.site_id, fold(loc.name.trim())), loc.id);
    }
    l.departments = names::<departments::Entity>(db, departments::Column::Id, departments::Column::Name).await?;
    Ok(())
}

/// Employees (the active ones by matricule, e-mail, names and account) and accounts.
async fn people(db: &DatabaseConnection, l: &mut Lookups) -> Result<()> {
    let mut active = std::collections::HashSet::new();
    for e in employees::Entity::find().all(db).await? {
        l.staff.insert(fold(e.matricule.trim()), (e.id, Employees::fields(&e)));
        if !e.active {
            continue;
        }
        active.insert(e.id);
        l.employees.insert(&e.matricule, e.id);
        if let Some(email) = &e.email {
            l.employees.insert(email, e.id);
        }
        l.employees.insert(&format!("{} {}", e.first_name, e.last_name), e.id);
        l.employees.insert(&format!("{} {}", e.last_name, e.first_name), e.id);
    }
    for account in users::Entity::find().all(db).await?.into_iter().map(crate::users::user_view) {
        if let Some(employee) = account.fields.employee_id.filter(|id| active.contains(id)) {
            l.employees.insert(&account.fields.username, employee);
        }
        l.accounts.insert(account.fields.username.to_lowercase(), account);
    }
    Ok(())
}
