//! What the store's benchmarks share.

use radgestmat_store::{Store, StoreOptions};

/// Drops and re-creates the PostgreSQL database of `url`; returns `url`.
pub async fn fresh_postgres(url: &str) -> anyhow::Result<String> {
    let (server, name) = url.rsplit_once('/').ok_or_else(|| anyhow::anyhow!("no database name in {url}"))?;
    let admin = Store::connect(&format!("{server}/postgres"), StoreOptions::default()).await?;
    admin.execute_raw(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await?;
    admin.execute_raw(&format!("CREATE DATABASE {name}")).await?;
    Ok(url.to_owned())
}
