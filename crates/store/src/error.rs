use radgestmat_domain::{DomainError, Reason};
use sea_orm::{DbErr, SqlErr};

/// What a store function can fail with: a refusal the client can act on, or an internal fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The database cannot be reached (down, restarting, no connection free in time): the
    /// request may succeed later.
    #[error("the database is unavailable: {0:#}")]
    Unavailable(anyhow::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<DbErr> for Error {
    fn from(err: DbErr) -> Self {
        // A unique index that a concurrent writer won between our check and our insert.
        if let Some(SqlErr::UniqueConstraintViolation(message)) = err.sql_err() {
            let (reason, field) = unique_reason(&message);
            return DomainError::Conflict { reason, field: field.map(str::to_owned) }.into();
        }
        if unreachable(&err) {
            return Error::Unavailable(anyhow::Error::new(err));
        }
        Error::Internal(anyhow::Error::new(err).context("database error"))
    }
}

/// Whether the error says the database could not be reached, rather than that a statement failed.
fn unreachable(err: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(sea_orm::RuntimeErr::SqlxError(e)) | DbErr::Query(sea_orm::RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx.as_ref() {
        Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed | Sqlx::Tls(_) => true,
        // The server is shutting down or restarting (admin_shutdown, crash_shutdown, cannot_connect_now).
        Sqlx::Database(e) => e.code().is_some_and(|c| c.starts_with("57P")),
        _ => false,
    }
}

/// A readable reason for a unique violation, and the field it is about, from the index or column
/// named in the message (`assets_asset_tag_key` on PostgreSQL, `assets.asset_tag` on SQLite).
fn unique_reason(message: &str) -> (Reason, Option<&'static str>) {
    const KNOWN: [(&str, Reason, Option<&str>); 7] = [
        ("asset_tag", Reason::TagUsed, Some("asset_tag")),
        ("serial", Reason::SerialUsed, Some("serial")),
        ("assignments_open_asset", Reason::AssetAlreadyOut, None),
        ("assignments.asset_id", Reason::AssetAlreadyOut, None),
        ("username", Reason::UsernameTaken, Some("username")),
        ("users_employee_key", Reason::EmployeeHasAccount, Some("employee_id")),
        ("users.employee_id", Reason::EmployeeHasAccount, Some("employee_id")),
    ];
    let known = KNOWN.into_iter().find(|(key, _, _)| message.contains(key));
    known.map_or((Reason::Duplicate, None), |(_, reason, field)| (reason, field))
}

impl Error {
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Domain(DomainError::NotFound { .. }))
    }
}
