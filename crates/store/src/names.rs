//! Names to show beside ids: a page lists ids (a holder, a site, a model) and shows names.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, Statement};

use crate::{Result, Store};

/// What a name is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Names {
    Sites,
    Locations,
    Departments,
    /// "First Last".
    Employees,
    Categories,
    Manufacturers,
    Models,
    Suppliers,
    /// The display name.
    Users,
}

impl Names {
    fn sql(self) -> (&'static str, &'static str) {
        match self {
            Names::Sites => ("sites", "name"),
            Names::Locations => ("locations", "name"),
            Names::Departments => ("departments", "name"),
            Names::Employees => ("employees", "first_name || ' ' || last_name"),
            Names::Categories => ("categories", "name"),
            Names::Manufacturers => ("manufacturers", "name"),
            Names::Models => ("asset_models", "name"),
            Names::Suppliers => ("suppliers", "name"),
            Names::Users => ("users", "display_name"),
        }
    }
}

impl Store {
    /// Id → name for these ids (all rows when `ids` is `None`: for the small reference tables).
    pub async fn names(&self, of: Names, ids: Option<&[i64]>) -> Result<HashMap<i64, String>> {
        names_in(&self.db, of, ids).await
    }

    /// Every location as (id, site, name): what a location picker groups by.
    pub async fn locations_with_sites(&self) -> Result<Vec<(i64, i64, String)>> {
        let sql = "SELECT id, site_id, name FROM locations";
        let rows = self.db.query_all_raw(Statement::from_string(self.db.get_database_backend(), sql)).await?;
        rows.iter().map(|r| Ok((r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?))).collect()
    }
}

/// [`Store::names`] on any connection, a transaction included.
pub(crate) async fn names_in(
    db: &impl ConnectionTrait,
    of: Names,
    ids: Option<&[i64]>,
) -> Result<HashMap<i64, String>> {
    let (table, name) = of.sql();
    let mut sql = format!("SELECT id, {name} FROM {table}");
    if let Some(ids) = ids {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        // Ids are integers: written in the statement, they cannot inject anything.
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        sql.push_str(&format!(" WHERE id IN ({list})"));
    }
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    rows.iter().map(|r| Ok((r.try_get_by_index(0)?, r.try_get_by_index(1)?))).collect()
}
