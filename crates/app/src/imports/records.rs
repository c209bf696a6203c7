//! The dry run of one row of an employee, location, model or account file: its key looked up
//! (a matricule, a location's site and name, a model's name and number, a username), as the mode
//! wants it; its names looked up; the record's own rules applied. An empty cell keeps what the
//! register has.

use std::collections::HashMap;

use radgestmat_domain::{
    AssetModelFields, DomainError, EmployeeFields, EmployeePlan, Existing, ImportMode, LocationFields, LocationPlan,
    ModelImport, Named, Password, Plan, Reason, Role, RowStatus, Term, UserFields, UserPlan, Username, Validate, fold,
};
use radgestmat_import::{Column, EmployeeColumn, LocationColumn, ModelColumn, Record, UserColumn};
use radgestmat_store::CheckedRow;

use super::mapping::role;
use super::row::{Checker, File, Row, fail_domain};

/// The keys a file gave so far, folded, with their line.
#[derive(Default)]
struct Seen(HashMap<String, u64>);

impl Seen {
    /// Refuses a key the file already gave.
    fn once<C: Column>(&mut self, row: &mut Row<'_, C>, field: C, key: &str, line: u64) {
        if let Some(first) = self.0.insert(fold(key.trim()), line) {
            row.fail(Some(field), Reason::KeyTwiceInFile { line: first });
        }
    }
}

/// The record a key finds, if the mode allows what the row would do with it.
fn as_mode<C: Column, F>(
    row: &mut Row<'_, C>,
    field: C,
    mode: ImportMode,
    what: Term,
    key: &str,
    found: Option<Existing<F>>,
) -> Option<Existing<F>> {
    match (mode, &found) {
        (ImportMode::Create, Some(_)) => row.fail(Some(field), Reason::RecordExists { what, key: key.to_owned() }),
        (ImportMode::Update, None) => row.fail(Some(field), Reason::NoRecord { what, key: key.to_owned() }),
        _ => {}
    }
    found
}

/// A required cell, or an error on its column.
fn required<C: Column>(row: &mut Row<'_, C>, field: C) -> Option<String> {
    let text = row.text(field).map(|t| t.trim().to_owned());
    if text.is_none() {
        row.fail(Some(field), Reason::Empty);
    }
    text
}

/// The record's own rules, each refusal on the column of its field (`site_id` is the site's).
fn rules<C: Column>(row: &mut Row<'_, C>, fields: &impl Validate) {
    if let Err(DomainError::Invalid(errors)) = fields.validate() {
        for error in errors {
            let column = C::named(&error.field).or_else(|| error.field.strip_suffix("_id").and_then(C::named));
            row.fail(column, error.reason);
        }
    }
}

/// The id a name stands for, once it exists.
fn id_of(named: &Option<Named>) -> Option<i64> {
    match named {
        Some(Named::Id(id)) => Some(*id),
        _ => None,
    }
}

/// What a row does: registers, changes, or leaves the record as it is.
fn status<F: PartialEq>(existing: &Option<Existing<F>>, fields: &F, names_new: bool) -> RowStatus {
    match existing {
        None => RowStatus::Create,
        Some(e) if e.fields == *fields && !names_new => RowStatus::Unchanged,
        Some(_) => RowStatus::Update,
    }
}

fn is_new(named: &Option<Named>) -> bool {
    matches!(named, Some(Named::New(_)))
}

pub(crate) struct EmployeeRows<'a> {
    file: &'a File<'a, EmployeeColumn>,
    seen: Seen,
}

impl<'a> EmployeeRows<'a> {
    pub fn new(file: &'a File<'a, EmployeeColumn>) -> EmployeeRows<'a> {
        EmployeeRows { file, seen: Seen::default() }
    }

    fn plan(&mut self, row: &mut Row<'_, EmployeeColumn>, line: u64) -> Option<(EmployeePlan, RowStatus)> {
        use EmployeeColumn as E;
        let (l, import) = (self.file.lookups, self.file.import);
        let matricule = required(row, E::Matricule)?;
        self.seen.once(row, E::Matricule, &matricule, line);
        let found = l.staff.get(&fold(&matricule)).map(|(id, fields)| Existing { id: *id, fields: fields.clone() });
        let existing = as_mode(row, E::Matricule, import.mode, Term::Employee, &matricule, found);
        let base = existing.as_ref().map(|e| &e.fields);
        let create_missing = import.create_missing;
        let department = row
            .named(E::Department, &l.departments, Term::Department, create_missing)
            .or_else(|| base.and_then(|b| b.department_id).map(Named::Id));
        let site = row
            .named(E::Site, &l.sites, Term::Site, create_missing)
            .or_else(|| base.and_then(|b| b.site_id).map(Named::Id));
        let fields = EmployeeFields {
            matricule,
            first_name: row.text(E::FirstName).or_else(|| base.map(|b| b.first_name.clone())).unwrap_or_default(),
            last_name: row.text(E::LastName).or_else(|| base.map(|b| b.last_name.clone())).unwrap_or_default(),
            email: row.text(E::Email).or_else(|| base.and_then(|b| b.email.clone())),
            department_id: id_of(&department),
            site_id: id_of(&site),
            active: row.yes_no(E::Active).or(base.map(|b| b.active)).unwrap_or(true),
        };
        rules(row, &fields);
        // Someone who leaves with equipment: their check-in comes first.
        if let Some(e) = &existing
            && e.fields.active
            && !fields.active
            && let Some(tags) = l.holding.get(&e.id)
        {
            let who = format!("{} {} ({})", fields.first_name, fields.last_name, fields.matricule);
            row.fail(Some(E::Active), Reason::StillHolds { who, count: tags.len(), tags: tags.join(", ") });
        }
        let status = status(&existing, &fields, is_new(&department) || is_new(&site));
        Some((EmployeePlan { existing, fields, department, site }, status))
    }
}

impl Checker for EmployeeRows<'_> {
    fn check(&mut self, record: &Record) -> CheckedRow {
        let mut row = Row::new(record, self.file.columns);
        let key = row.text(EmployeeColumn::Matricule);
        let plan = self.plan(&mut row, record.line);
        row.checked(record, key, plan.map(|(plan, status)| (Plan::Employee(plan), status)))
    }
}

pub(crate) struct LocationRows<'a> {
    file: &'a File<'a, LocationColumn>,
    seen: Seen,
}

impl<'a> LocationRows<'a> {
    pub fn new(file: &'a File<'a, LocationColumn>) -> LocationRows<'a> {
        LocationRows { file, seen: Seen::default() }
    }

    fn plan(&mut self, row: &mut Row<'_, LocationColumn>, line: u64) -> Option<(LocationPlan, RowStatus)> {
        use LocationColumn as L;
        let (l, import) = (self.file.lookups, self.file.import);
        let site = row.named(L::Site, &l.sites, Term::Site, import.create_missing);
        let site = site.or_else(|| {
            required(row, L::Site);
            None
        });
        let name = required(row, L::Name)?;
        let site = site?;
        let site_key = match &site {
            Named::Id(id) => id.to_string(),
            Named::New(name) => fold(name),
        };
        self.seen.once(row, L::Name, &format!("{site_key}\u{1f}{name}"), line);
        let found = match &site {
            Named::Id(site) => l.location_at.get(&(*site, fold(&name))).map(|id| Existing { id: *id, fields: () }),
            Named::New(_) => None,
        };
        let existing = as_mode(row, L::Name, import.mode, Term::Location, &name, found);
        rules(row, &LocationFields { site_id: id_of(&Some(site.clone())).unwrap_or(1), name: name.clone() });
        match existing {
            Some(e) => Some((LocationPlan::Id(e.id), RowStatus::Unchanged)),
            None => Some((LocationPlan::New { site, name }, RowStatus::Create)),
        }
    }
}

impl Checker for LocationRows<'_> {
    fn check(&mut self, record: &Record) -> CheckedRow {
        let mut row = Row::new(record, self.file.columns);
        let key = row.text(LocationColumn::Name);
        let plan = self.plan(&mut row, record.line);
        row.checked(record, key, plan.map(|(plan, status)| (Plan::Location(plan), status)))
    }
}

pub(crate) struct ModelRows<'a> {
    file: &'a File<'a, ModelColumn>,
    seen: Seen,
}

impl<'a> ModelRows<'a> {
    pub fn new(file: &'a File<'a, ModelColumn>) -> ModelRows<'a> {
        ModelRows { file, seen: Seen::default() }
    }

    fn plan(&mut self, row: &mut Row<'_, ModelColumn>, line: u64) -> Option<(ModelImport, RowStatus)> {
        use ModelColumn as M;
        let (l, import) = (self.file.lookups, self.file.import);
        let name = required(row, M::Name)?;
        let number = row.text(M::ModelNumber);
        self.seen.once(row, M::Name, &format!("{name}\u{1f}{}", number.as_deref().unwrap_or_default()), line);
        // A model is its name, and its number where two share a name.
        let same_number = |id: &i64| {
            let theirs = l.model_info.get(id).and_then(|m| m.model_number.as_deref()).map(fold);
            number.as_deref().is_none_or(|n| theirs.as_deref() == Some(fold(n).as_str()))
        };
        let candidates: Vec<i64> = l.models.find_all(&name).into_iter().filter(same_number).collect();
        let found = match candidates[..] {
            [] => None,
            [id] => l.model_info.get(&id).map(|m| Existing {
                id,
                fields: AssetModelFields {
                    name: m.name.clone(),
                    category_id: m.category_id,
                    manufacturer_id: m.manufacturer_id,
                    model_number: m.model_number.clone(),
                },
            }),
            _ => {
                row.fail(Some(M::Name), Reason::AmbiguousNamed { what: Term::Model, name: name.clone() });
                return None;
            }
        };
        let existing = as_mode(row, M::Name, import.mode, Term::Model, &name, found);
        let base = existing.as_ref().map(|e| &e.fields);
        let create_missing = import.create_missing;
        let category = row
            .named(M::Category, &l.categories, Term::Category, create_missing)
            .or_else(|| base.map(|b| Named::Id(b.category_id)))
            .or_else(|| required(row, M::Category).and(None));
        let manufacturer = row
            .named(M::Manufacturer, &l.manufacturers, Term::Manufacturer, create_missing)
            .or_else(|| base.map(|b| Named::Id(b.manufacturer_id)))
            .or_else(|| required(row, M::Manufacturer).and(None));
        let (category, manufacturer) = (category?, manufacturer?);
        let (new_category, new_manufacturer) = (Some(category.clone()), Some(manufacturer.clone()));
        let fields = AssetModelFields {
            name,
            // A name to create stands for an id the commit gives; the rules take it as given.
            category_id: id_of(&new_category).unwrap_or(1),
            manufacturer_id: id_of(&new_manufacturer).unwrap_or(1),
            model_number: number.or_else(|| base.and_then(|b| b.model_number.clone())),
        };
        rules(row, &fields);
        let status = status(&existing, &fields, is_new(&new_category) || is_new(&new_manufacturer));
        Some((ModelImport { existing, fields, category, manufacturer }, status))
    }
}

impl Checker for ModelRows<'_> {
    fn check(&mut self, record: &Record) -> CheckedRow {
        let mut row = Row::new(record, self.file.columns);
        let key = row.text(ModelColumn::Name);
        let plan = self.plan(&mut row, record.line);
        row.checked(record, key, plan.map(|(plan, status)| (Plan::Model(plan), status)))
    }
}

pub(crate) struct UserRows<'a> {
    file: &'a File<'a, UserColumn>,
    seen: Seen,
}

impl<'a> UserRows<'a> {
    pub fn new(file: &'a File<'a, UserColumn>) -> UserRows<'a> {
        UserRows { file, seen: Seen::default() }
    }

    fn plan(&mut self, row: &mut Row<'_, UserColumn>, line: u64) -> Option<(UserPlan, RowStatus)> {
        use UserColumn as U;
        let (l, import) = (self.file.lookups, self.file.import);
        let username = required(row, U::Username)?;
        let username = match Username::parse(&username) {
            Ok(name) => name.as_str().to_owned(),
            Err(err) => {
                fail_domain(row, U::Username, err);
                return None;
            }
        };
        self.seen.once(row, U::Username, &username, line);
        let found = l.accounts.get(&username.to_lowercase()).map(|u| Existing { id: u.id, fields: u.fields.clone() });
        let existing = as_mode(row, U::Username, import.mode, Term::UserAccount, &username, found);
        let base = existing.as_ref().map(|e| &e.fields);
        let full_name = match (row.text(U::FirstName), row.text(U::LastName)) {
            (Some(first), Some(last)) => Some(format!("{first} {last}")),
            (one, other) => one.or(other),
        };
        let role = row.cell(U::Role).and_then(|text| {
            let found = role(text);
            if found.is_none() {
                row.fail(Some(U::Role), Reason::RoleUnknown { value: text.to_owned() });
            }
            found
        });
        let employee = row.cell(U::Employee).and_then(|matricule| match l.staff.get(&fold(matricule.trim())) {
            Some((id, _)) => Some(*id),
            None => {
                row.fail(Some(U::Employee), Reason::UnknownNamed { what: Term::Employee, name: matricule.to_owned() });
                None
            }
        });
        let fields = UserFields {
            display_name: row
                .text(U::DisplayName)
                .or(full_name)
                .or_else(|| base.map(|b| b.display_name.clone()))
                .unwrap_or_else(|| username.clone()),
            username,
            email: row.text(U::Email).or_else(|| base.and_then(|b| b.email.clone())),
            // A new account without a role is the least one.
            role: role.or(base.map(|b| b.role)).unwrap_or(Role::Employee),
            employee_id: employee.or_else(|| base.and_then(|b| b.employee_id)),
            disabled: row.yes_no(U::Active).map(|active| !active).or(base.map(|b| b.disabled)).unwrap_or(false),
        };
        rules(row, &fields);
        let password_hash = row.text(U::Password).and_then(|text| {
            let password = Password::new(text);
            let hashed = password.check_new("password", &fields.names()).and_then(|()| {
                radgestmat_store::hash_password_here(&password)
                    .map_err(|e| DomainError::invalid("password", Reason::Malformed { detail: e.to_string() }))
            });
            hashed.map_err(|err| fail_domain(row, U::Password, err)).ok()
        });
        let status = status(&existing, &fields, password_hash.is_some());
        Some((UserPlan { existing, fields, password_hash }, status))
    }
}

impl Checker for UserRows<'_> {
    fn check(&mut self, record: &Record) -> CheckedRow {
        let mut row = Row::new(record, self.file.columns);
        let key = row.text(UserColumn::Username);
        let plan = self.plan(&mut row, record.line);
        row.checked(record, key, plan.map(|(plan, status)| (Plan::User(plan), status)))
    }
}
