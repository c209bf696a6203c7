use radgestmat_domain::{DomainError, Permission, Reason};

/// What a use case can fail with: a refusal the caller can act on, or a fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The actor's role lacks the permission; the refusal is already in the audit log.
    #[error("{}", why.as_ref().map_or_else(|| format!("your role lacks the permission {permission}"), Reason::to_string))]
    Denied { permission: Permission, why: Option<Reason> },
    /// A server we talk to (the SMTP server) refused: its answer.
    #[error("{0}")]
    Upstream(String),
    /// The database cannot be reached now; the request may succeed later.
    #[error("the database is unavailable: {0:#}")]
    Unavailable(anyhow::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<radgestmat_store::Error> for Error {
    fn from(err: radgestmat_store::Error) -> Self {
        match err {
            radgestmat_store::Error::Domain(e) => Error::Domain(e),
            radgestmat_store::Error::Unavailable(e) => Error::Unavailable(e),
            radgestmat_store::Error::Internal(e) => Error::Internal(e),
        }
    }
}

impl Error {
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Domain(DomainError::NotFound { .. }))
    }
}
