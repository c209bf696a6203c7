//! The HTTP API, tested through real HTTP against a real database: SQLite by default,
//! PostgreSQL when `RADGESTMAT_TEST_DATABASE_URL=postgres://…` is set.

mod assets;
mod audit;
mod auth;
mod permissions;
mod reference;
mod support;
mod validation;
