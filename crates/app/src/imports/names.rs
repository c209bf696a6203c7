//! Looking names up for a row of an asset file: its model (or a new one with its category and
//! manufacturer), where it is (site, location), who holds it, its custom values.

use radgestmat_domain::{
    AssetFields, AssetPlan, DomainError, Holder, LocationPlan, ModelPlan, Named, Reason, RowError, Term,
};
use radgestmat_import::AssetColumn as C;
use radgestmat_store::Found;

use super::row::Row;
use super::rows::AssetRows;

impl AssetRows<'_> {
    pub(super) fn model(&self, row: &mut Row<'_, C>, create_missing: bool, current: Option<i64>) -> Option<ModelPlan> {
        let number = row.text(C::ModelNumber);
        let Some(name) = row.text(C::Model) else {
            return match number.as_deref().map(|n| self.lookups.model_numbers.find(n)) {
                Some(Found::One(id)) => Some(ModelPlan::Id(id)),
                _ => current.map(ModelPlan::Id).or_else(|| {
                    row.fail(Some(C::Model), Reason::Empty);
                    None
                }),
            };
        };
        match self.lookups.models.find(&name) {
            Found::One(id) => Some(ModelPlan::Id(id)),
            Found::Several => match number.as_deref().map(|n| self.lookups.model_numbers.find(n)) {
                Some(Found::One(id)) => Some(ModelPlan::Id(id)),
                _ => {
                    row.fail(Some(C::Model), Reason::AmbiguousNamed { what: Term::Model, name });
                    None
                }
            },
            Found::None if !create_missing => {
                row.fail(Some(C::Model), Reason::UnknownNamed { what: Term::Model, name });
                None
            }
            Found::None => {
                let category = row.named(C::Category, &self.lookups.categories, Term::Category, true);
                let manufacturer = row.named(C::Manufacturer, &self.lookups.manufacturers, Term::Manufacturer, true);
                match (category, manufacturer) {
                    (Some(category), Some(manufacturer)) => {
                        Some(ModelPlan::New { name, model_number: number, category, manufacturer })
                    }
                    _ => {
                        row.fail(Some(C::Model), Reason::NewModelNeeds { name });
                        None
                    }
                }
            }
        }
    }

    /// Where the asset will be. A location given is where it is (its site follows, unless the row
    /// names one, which must be the location's); a site given without a location leaves the old
    /// location behind, as a bulk change does; neither keeps what the register has.
    pub(super) fn placement(
        &self,
        row: &mut Row<'_, C>,
        site: Option<Named>,
        location: Option<LocationPlan>,
        base: Option<&AssetFields>,
    ) -> (Option<Named>, Option<LocationPlan>) {
        match (site, location) {
            (site, Some(LocationPlan::Id(id))) => {
                let at = self.lookups.location_site.get(&id).copied();
                if let (Some(Named::Id(site)), Some(at)) = (&site, at)
                    && *site != at
                {
                    row.fail(Some(C::Location), Reason::LocationElsewhere);
                }
                (site, Some(LocationPlan::Id(id)))
            }
            (site, Some(new)) => (site, Some(new)),
            (Some(site), None) => (Some(site), None),
            (None, None) => {
                (base.and_then(|b| b.site_id).map(Named::Id), base.and_then(|b| b.location_id).map(LocationPlan::Id))
            }
        }
    }

    /// The location a row names: at its site when it gives one.
    pub(super) fn location(
        &self,
        row: &mut Row<'_, C>,
        site: Option<&Named>,
        create_missing: bool,
    ) -> Option<LocationPlan> {
        let name = row.text(C::Location)?;
        let candidates: Vec<i64> = match self.lookups.locations.find_all(&name) {
            ids if matches!(site, Some(Named::Id(_))) => {
                ids.into_iter().filter(|id| Some(&Named::Id(self.lookups.location_site[id])) == site).collect()
            }
            _ if matches!(site, Some(Named::New(_))) => Vec::new(),
            ids => ids,
        };
        match (candidates.as_slice(), site) {
            ([id], _) => Some(LocationPlan::Id(*id)),
            ([], Some(site)) if create_missing => Some(LocationPlan::New { site: site.clone(), name }),
            ([], None) if create_missing => {
                row.fail(Some(C::Location), Reason::NewLocationNeedsSite { name });
                None
            }
            ([], _) => {
                row.fail(Some(C::Location), Reason::UnknownNamed { what: Term::Location, name });
                None
            }
            _ => {
                row.fail(Some(C::Location), Reason::AmbiguousNamed { what: Term::Location, name });
                None
            }
        }
    }

    /// Who the row checks the asset out to: an employee by matricule, name, username or
    /// e-mail, or a location.
    pub(super) fn holder(&self, row: &mut Row<'_, C>) -> Option<Holder> {
        let full_name = match (row.cell(C::HolderFirstName), row.cell(C::HolderLastName)) {
            (Some(first), Some(last)) => Some(format!("{first} {last}")),
            _ => None,
        };
        let keys = [(C::Holder, row.text(C::Holder)), (C::HolderUsername, row.text(C::HolderUsername))]
            .into_iter()
            .chain([(C::HolderEmail, row.text(C::HolderEmail)), (C::HolderLastName, full_name)]);
        let mut named = None;
        for (field, key) in keys {
            let Some(key) = key else { continue };
            match self.lookups.employees.find(&key) {
                Found::One(id) => return Some(Holder::Employee(id)),
                Found::Several => named = named.or(Some((field, key, true))),
                Found::None => named = named.or(Some((field, key, false))),
            }
        }
        if let Some(place) = row.text(C::HolderLocation) {
            match self.lookups.locations.find(&place) {
                Found::One(id) => return Some(Holder::Location(id)),
                Found::Several => named = named.or(Some((C::HolderLocation, place, true))),
                Found::None => named = named.or(Some((C::HolderLocation, place, false))),
            }
        }
        if let Some((field, name, several)) = named {
            let what = if field == C::HolderLocation { Term::Location } else { Term::Employee };
            let reason =
                if several { Reason::AmbiguousNamed { what, name } } else { Reason::UnknownNamed { what, name } };
            row.fail(Some(field), reason);
        }
        None
    }

    /// The row's custom values over the asset's, checked against its category's fields.
    pub(super) fn custom(&mut self, row: &mut Row<'_, C>, plan: &mut AssetPlan, line: u64) {
        // An empty cell keeps the asset's value, as for the other columns.
        let mut given = Vec::new();
        for (column, key) in &self.columns.custom {
            if let Some(value) = row.values.get(*column).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                plan.custom.insert(key.clone(), serde_json::Value::String(value.to_owned()));
                given.push(key.as_str());
            }
        }
        let category = match &plan.model {
            ModelPlan::Id(id) => self.lookups.model_info.get(id).map(|m| m.category_id),
            ModelPlan::New { category: Named::Id(id), .. } => Some(*id),
            ModelPlan::New { .. } => None,
        };
        let fields = category.and_then(|c| self.lookups.custom_fields.get(&c)).map_or(&[][..], Vec::as_slice);
        // The asset's values of fields its (new) category lacks are let go; the file's are checked.
        plan.custom.retain(|key, _| given.contains(&key.as_str()) || fields.iter().any(|f| &f.key == key));
        match radgestmat_domain::check_custom(fields, &plan.custom) {
            Ok(values) => {
                plan.custom = values;
                self.unique_custom(row, plan, category.unwrap_or_default(), fields, line);
            }
            Err(DomainError::Invalid(errors)) => {
                for error in errors {
                    let key = error.field.strip_prefix("custom.").unwrap_or(&error.field);
                    let column = self
                        .columns
                        .custom
                        .iter()
                        .find(|(_, k)| k == key)
                        .map(|(c, _)| self.columns.headers[*c].clone());
                    row.errors.push(RowError::new(column.as_deref(), &error.reason));
                }
            }
            Err(other) => row.fail(None, Reason::Malformed { detail: other.to_string() }),
        }
    }

    /// A unique custom value another asset has, or another line of the file.
    pub(super) fn unique_custom(
        &mut self,
        row: &mut Row<'_, C>,
        plan: &AssetPlan,
        category: i64,
        fields: &[radgestmat_domain::CustomFieldFields],
        line: u64,
    ) {
        for field in fields.iter().filter(|f| f.unique) {
            let Some(value) = plan.custom.get(&field.key) else { continue };
            let key = (category, field.key.clone(), radgestmat_domain::CustomFieldFields::text(value));
            let column = self
                .columns
                .custom
                .iter()
                .find(|(_, k)| k == &field.key)
                .map(|(c, _)| self.columns.headers[*c].clone());
            match self.lookups.custom_taken.get(&key) {
                Some(tag) if plan.asset_tag.as_deref() != Some(tag.as_str()) => {
                    row.errors.push(RowError::new(column.as_deref(), &Reason::CustomValueUsed { tag: tag.clone() }));
                }
                _ => {}
            }
            if let Some(first) = self.custom_values.insert(key, line) {
                row.errors.push(RowError::new(column.as_deref(), &Reason::ValueTwiceInFile { line: first }));
            }
        }
    }

    pub(super) fn model_name(&self, model: &ModelPlan) -> String {
        match model {
            ModelPlan::Id(id) => self.lookups.model_info.get(id).map(|m| m.name.clone()).unwrap_or_default(),
            ModelPlan::New { name, .. } => name.clone(),
        }
    }

    pub(super) fn manufacturer_of(&self, model: &ModelPlan) -> Option<i64> {
        match model {
            ModelPlan::Id(id) => self.lookups.model_info.get(id).map(|m| m.manufacturer_id),
            ModelPlan::New { manufacturer: Named::Id(id), .. } => Some(*id),
            ModelPlan::New { .. } => None,
        }
    }
}
