//! The one portable migration set, for SQLite and PostgreSQL alike.

use sea_orm_migration::prelude::*;

mod helpers;
mod m20261121_000001_foundation;
mod m20261121_000002_audit;
mod m20261121_000003_assignments;
mod m20261121_000004_alerts;
mod m20261121_000005_notifications;
mod m20261122_000006_ui;
mod m20261122_000007_page_indexes;
mod m20261122_000008_settings;
mod m20261201_000009_vocabularies;
mod m20261201_000010_accounts;
mod m20261201_000011_employee_seat;
mod m20261201_000012_names_collation;
mod m20261201_000013_imports;
mod m20261201_000014_custom_fields;
mod m20261201_000015_import_kinds;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_foundation::Migration),
            Box::new(m20261121_000002_audit::Migration),
            Box::new(m20261121_000003_assignments::Migration),
            Box::new(m20261121_000004_alerts::Migration),
            Box::new(m20261121_000005_notifications::Migration),
            Box::new(m20261122_000006_ui::Migration),
            Box::new(m20261122_000007_page_indexes::Migration),
            Box::new(m20261122_000008_settings::Migration),
            Box::new(m20261201_000009_vocabularies::Migration),
            Box::new(m20261201_000010_accounts::Migration),
            Box::new(m20261201_000011_employee_seat::Migration),
            Box::new(m20261201_000012_names_collation::Migration),
            Box::new(m20261201_000013_imports::Migration),
            Box::new(m20261201_000014_custom_fields::Migration),
            Box::new(m20261201_000015_import_kinds::Migration),
        ]
    }
}

/// How many migrations this version of RadGestMat has.
pub(crate) fn count() -> usize {
    Migrator::migrations().len()
}
