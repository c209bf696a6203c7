//! Sites, locations, departments and employees: where equipment is and who may hold it.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{DomainError, Reason, Validate, Violations};

vocabulary! {
    /// What a site is.
    pub enum SiteKind: "site kind" {
        HeadOffice = "head_office",
        Warehouse = "warehouse",
        Store = "store",
    }
}

vocabulary! {
    /// Sort keys of the lists ordered by name.
    pub enum NameSort: "sort key" {
        Name = "name",
        Id = "id",
    }
}

vocabulary! {
    /// Sort keys of the site list.
    pub enum SiteSort: "sort key" {
        Name = "name",
        Code = "code",
        Id = "id",
    }
}

vocabulary! {
    /// Sort keys of the employee list.
    pub enum EmployeeSort: "sort key" {
        LastName = "last_name",
        FirstName = "first_name",
        Matricule = "matricule",
        Id = "id",
    }
}

filter! {
    /// A list ordered by name, without filters (departments, the catalogue).
    pub struct ByName sorted by NameSort {}
}

filter! {
    /// The site list.
    pub struct SiteFilter sorted by SiteSort {}
}

filter! {
    /// Filters of the location list.
    pub struct LocationFilter sorted by NameSort {
        site_id: Option<i64>,
    }
}

filter! {
    /// Filters of the employee list (`q` searches names, matricule and e-mail).
    pub struct EmployeeFilter sorted by EmployeeSort {
        department_id: Option<i64>,
        site_id: Option<i64>,
        active: Option<bool>,
    }
}

/// At most this many IT contacts per site.
pub const MAX_CONTACTS: usize = 20;

/// A head office, warehouse or store.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFields {
    /// Short unique code, e.g. `TUN-HQ`, `MAG-SFAX-01`.
    #[schema(example = "MAG-SFAX-01", min_length = 1, max_length = 20, pattern = "^[A-Za-z0-9_-]+$")]
    pub code: String,
    #[schema(example = "Magasin Sfax Centre", min_length = 1, max_length = 200)]
    pub name: String,
    pub kind: SiteKind,
    #[serde(default)]
    #[schema(example = "Sfax", max_length = 100)]
    pub city: Option<String>,
    /// E-mail addresses of the site's IT contacts: they hear of the site's alerts.
    #[serde(default)]
    #[schema(example = json!(["informatique.sfax@magasin.tn"]))]
    pub it_contacts: Vec<String>,
}

impl Validate for SiteFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.text("code", &self.code, 20).check(
            self.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "code",
            Reason::CodeCharacters,
        );
        v.text("name", &self.name, 200).opt_text("city", self.city.as_deref(), 100).emails(
            "it_contacts",
            &self.it_contacts,
            MAX_CONTACTS,
        );
        v.into_result()
    }
}

/// A place inside a site: an office, a floor, a stock room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationFields {
    #[schema(minimum = 1)]
    pub site_id: i64,
    #[schema(example = "Réserve informatique", min_length = 1, max_length = 200)]
    pub name: String,
}

impl Validate for LocationFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.opt_id("site_id", Some(self.site_id)).text("name", &self.name, 200);
        v.into_result()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentFields {
    #[schema(example = "Comptabilité", min_length = 1, max_length = 200)]
    pub name: String,
}

impl Validate for DepartmentFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.text("name", &self.name, 200);
        v.into_result()
    }
}

/// A person who can hold equipment (not necessarily a user of the application).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmployeeFields {
    /// The HR number, unique.
    #[schema(example = "E01234", min_length = 1, max_length = 32)]
    pub matricule: String,
    #[schema(example = "Amira", min_length = 1, max_length = 100)]
    pub first_name: String,
    #[schema(example = "Ben Salah", min_length = 1, max_length = 100)]
    pub last_name: String,
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    #[serde(default)]
    #[schema(minimum = 1)]
    pub department_id: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 1)]
    pub site_id: Option<i64>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl EmployeeFields {
    /// Who they are, in a message: `Amira Ben Salah (E01234)`.
    pub fn who(&self) -> String {
        format!("{} {} ({})", self.first_name, self.last_name, self.matricule)
    }
}

impl Validate for EmployeeFields {
    fn validate(&self) -> Result<(), DomainError> {
        let mut v = Violations::default();
        v.text("matricule", &self.matricule, 32)
            .text("first_name", &self.first_name, 100)
            .text("last_name", &self.last_name, 100)
            .opt_email("email", self.email.as_deref())
            .opt_id("department_id", self.department_id)
            .opt_id("site_id", self.site_id);
        v.into_result()
    }
}
