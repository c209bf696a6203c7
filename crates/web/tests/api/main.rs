//! The HTTP API, tested through real HTTP against a real database: SQLite by default,
//! PostgreSQL when `RADGESTMAT_TEST_DATABASE_URL=postgres://…` is set.

mod alerts;
mod assets;
mod assignment_model;
mod assignments;
mod audit;
mod auth;
mod backup;
mod bulk;
mod concurrency;
mod custom_fields;
mod exports;
mod holders;
mod imports;
mod imports_records;
mod inbox;
mod kits;
mod labels;
mod metrics;
mod notifications;
mod permissions;
mod receivers;
mod reference;
mod settings;
mod support;
mod ui;
mod ui_admin;
mod ui_assets;
mod ui_desk;
mod validation;
mod vocabulary;
