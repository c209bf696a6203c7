use radgestmat_domain::DomainError;
use sea_orm::{DbErr, SqlErr};

/// What a store function can fail with: a refusal the client can act on, or an internal fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<DbErr> for Error {
    fn from(err: DbErr) -> Self {
        // A unique index that a concurrent writer won between our check and our insert.
        if let Some(SqlErr::UniqueConstraintViolation(message)) = err.sql_err() {
            return DomainError::conflict(unique_message(&message)).into();
        }
        Error::Internal(anyhow::Error::new(err).context("database error"))
    }
}

/// A readable reason for a unique violation, from the index or column named in the message
/// (`assets_asset_tag_key` on PostgreSQL, `assets.asset_tag` on SQLite).
fn unique_message(message: &str) -> String {
    const KNOWN: [(&str, &str); 5] = [
        ("asset_tag", "this asset tag is already used"),
        ("serial", "this serial number is already registered for this manufacturer"),
        ("assignments_open_asset", "the asset is already checked out"),
        ("assignments.asset_id", "the asset is already checked out"),
        ("username", "this username is already taken"),
    ];
    KNOWN
        .iter()
        .find(|(key, _)| message.contains(key))
        .map_or_else(|| "a record with these values already exists".to_owned(), |(_, text)| (*text).to_owned())
}

impl Error {
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Domain(DomainError::NotFound { .. }))
    }
}
