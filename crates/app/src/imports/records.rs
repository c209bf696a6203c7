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
use radgestmat_store::{CheckedRow, Lookups};

use super::mapping::role;
use super::row::{Checker, File, Row, fail_domain};

/// Checks the rows of a file of records of one kind, in order.
pub(crate) struct Records<'a, C> {
    file: &'a File<'a, C>,
    /// The records the file named so far, with their line.
    seen: HashMap<Key, u64>,
}

/// What a row's record is, to find it named twice: a registered record, or a new one by its
/// folded key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Id(i64),
    New(Vec<String>),
}

impl Key {
    /// A new record's key, folded.
    fn new<const N: usize>(parts: [&str; N]) -> Key {
        Key::New(parts.iter().map(|p| fold(p.trim())).collect())
    }
}

/// A kind of record a file brings: the column of its key, and how one row is checked.
pub(crate) trait RecordKind: super::mapping::Keyed {
    const KEY: Self;

    fn plan(records: &mut Records<'_, Self>, row: &mut Row<'_, Self>, line: u64) -> Option<(Plan, RowStatus)>;
}

impl<'a, C: RecordKind> Records<'a, C> {
    pub fn make(file: &'a File<'a, C>) -> Box<dyn Checker + 'a> {
        Box::new(Records { file, seen: HashMap::new() })
    }

    /// Refuses a record the file already named.
    fn once(&mut self, row: &mut Row<'_, C>, key: Key, line: u64) {
        if let Some(first) = self.seen.insert(key, line) {
            row.fail(Some(C::KEY), Reason::KeyTwiceInFile { line: first });
        }
    }
}

impl<C: RecordKind> Checker for Records<'_, C> {
    fn check(&mut self, record: &Record) -> CheckedRow {
        let mut row = Row::new(record, self.file.columns);
        let key = row.text(C::KEY);
        let plan = C::plan(self, &mut row, record.line);
        row.checked(record, key, plan)
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

impl RecordKind for EmployeeColumn {
    const KEY: EmployeeColumn = EmployeeColumn::Matricule;

    fn plan(records: &mut Records<'_, Self>, row: &mut Row<'_, Self>, line: u64) -> Option<(Plan, RowStatus)> {
        use EmployeeColumn as E;
        let (l, import) = (records.file.lookups, records.file.import);
        let matricule = required(row, E::Matricule)?;
        let found = l.staff.get(&fold(&matricule)).map(|(id, fields)| Existing { id: *id, fields: fields.clone() });
        records.once(row, found.as_ref().map_or_else(|| Key::new([&matricule]), |e| Key::Id(e.id)), line);
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
            row.fail(
                Some(E::Active),
                Reason::StillHolds { who: fields.who(), count: tags.len(), tags: tags.join(", ") },
            );
        }
        let status = status(&existing, &fields, is_new(&department) || is_new(&site));
        Some((Plan::Employee(EmployeePlan { existing, fields, department, site }), status))
    }
}

impl RecordKind for LocationColumn {
    const KEY: LocationColumn = LocationColumn::Name;

    fn plan(records: &mut Records<'_, Self>, row: &mut Row<'_, Self>, line: u64) -> Option<(Plan, RowStatus)> {
        use LocationColumn as L;
        let (l, import) = (records.file.lookups, records.file.import);
        let site = row.named(L::Site, &l.sites, Term::Site, import.create_missing);
        let site = site.or_else(|| {
            required(row, L::Site);
            None
        });
        let name = required(row, L::Name)?;
        let site = site?;
        let (found, key) = match &site {
            Named::Id(id) => match l.location_at.get(&(*id, fold(&name))) {
                Some(location) => (Some(Existing { id: *location, fields: () }), Key::Id(*location)),
                None => (None, Key::new([&id.to_string(), &name])),
            },
            Named::New(site) => (None, Key::new(["", site, &name])),
        };
        records.once(row, key, line);
        let existing = as_mode(row, L::Name, import.mode, Term::Location, &name, found);
        // A new site stands for the id the commit gives it; the rules take it as given.
        rules(row, &LocationFields { site_id: id_of(&Some(site.clone())).unwrap_or(1), name: name.clone() });
        Some(match existing {
            Some(e) => (Plan::Location(LocationPlan::Id(e.id)), RowStatus::Unchanged),
            None => (Plan::Location(LocationPlan::New { site, name }), RowStatus::Create),
        })
    }
}

impl RecordKind for ModelColumn {
    const KEY: ModelColumn = ModelColumn::Name;

    fn plan(records: &mut Records<'_, Self>, row: &mut Row<'_, Self>, line: u64) -> Option<(Plan, RowStatus)> {
        use ModelColumn as M;
        let (l, import) = (records.file.lookups, records.file.import);
        let name = required(row, M::Name)?;
        let number = row.text(M::ModelNumber);
        // A model is found by its name; its number tells apart two models of the same name.
        let mut candidates = l.models.find_all(&name);
        if candidates.len() > 1 {
            let theirs = |id: &i64| l.model_info.get(id).and_then(|m| m.model_number.as_deref()).map(fold);
            candidates.retain(|id| number.as_deref().is_some_and(|n| theirs(id) == Some(fold(n))));
        }
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
        records.once(row, found.as_ref().map_or_else(|| Key::new([&name]), |e| Key::Id(e.id)), line);
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
        let (category, manufacturer) = (Some(category?), Some(manufacturer?));
        let fields = AssetModelFields {
            name,
            // A name to create stands for the id the commit gives it; the rules take it as given.
            category_id: id_of(&category).unwrap_or(1),
            manufacturer_id: id_of(&manufacturer).unwrap_or(1),
            model_number: number.or_else(|| base.and_then(|b| b.model_number.clone())),
        };
        rules(row, &fields);
        let status = status(&existing, &fields, is_new(&category) || is_new(&manufacturer));
        let (category, manufacturer) = (category?, manufacturer?);
        Some((Plan::Model(ModelImport { existing, fields, category, manufacturer }), status))
    }
}

impl RecordKind for UserColumn {
    const KEY: UserColumn = UserColumn::Username;

    fn plan(records: &mut Records<'_, Self>, row: &mut Row<'_, Self>, line: u64) -> Option<(Plan, RowStatus)> {
        use UserColumn as U;
        let (l, import) = (records.file.lookups, records.file.import);
        let username = match Username::parse(&required(row, U::Username)?) {
            Ok(name) => name.as_str().to_owned(),
            Err(err) => {
                fail_domain(row, U::Username, err);
                return None;
            }
        };
        let found = l.accounts.get(&username.to_lowercase()).map(|u| Existing { id: u.id, fields: u.fields.clone() });
        records.once(row, found.as_ref().map_or_else(|| Key::new([&username]), |e| Key::Id(e.id)), line);
        let existing = as_mode(row, U::Username, import.mode, Term::UserAccount, &username, found);
        let fields = account(row, l, username, existing.as_ref().map(|e| &e.fields));
        rules(row, &fields);
        let password_hash = match &existing {
            None => first_password(row, &fields),
            // An account already registered keeps its password (its owner may have changed it).
            Some(_) => None,
        };
        let status = status(&existing, &fields, false);
        Some((Plan::User(UserPlan { existing, fields, password_hash }), status))
    }
}

/// An account's fields from the row, over what it has (`base`).
fn account(row: &mut Row<'_, UserColumn>, l: &Lookups, username: String, base: Option<&UserFields>) -> UserFields {
    use UserColumn as U;
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
    UserFields {
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
    }
}

/// A new account's first password, checked by the password rules and hashed (only once the row
/// is otherwise fine: hashing takes a while).
fn first_password(row: &mut Row<'_, UserColumn>, fields: &UserFields) -> Option<String> {
    let password = Password::new(row.text(UserColumn::Password)?);
    if let Err(err) = password.check_new("password", &fields.names()) {
        fail_domain(row, UserColumn::Password, err);
    }
    if !row.errors.is_empty() {
        return None;
    }
    match radgestmat_store::hash_password_here(&password) {
        Ok(hash) => Some(hash),
        Err(err) => {
            row.fail(Some(UserColumn::Password), Reason::Malformed { detail: err.to_string() });
            None
        }
    }
}
