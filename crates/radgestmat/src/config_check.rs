//! `radgestmat config check`: prints the configuration as the process sees it, secrets
//! redacted, and checks what can be checked before serving: the database answers, the
//! notification settings are usable, the public address is a URL. Exit status 1 otherwise.

use std::time::Duration;

use radgestmat_store::{Store, StoreOptions, redact};

use crate::config::{Config, notify_options};

/// Every setting as `(variable, value)`, secrets shown only as set or not.
fn settings(c: &Config) -> Vec<(&'static str, String)> {
    let secret = |v: &Option<String>| if v.as_deref().is_some_and(|s| !s.is_empty()) { "(set)" } else { "(unset)" };
    let opt = |v: &Option<String>| v.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "(unset)".into());
    vec![
        ("RADGESTMAT_ENV", format!("{:?}", c.environment).to_lowercase()),
        ("RADGESTMAT_SECRET_KEY", secret(&c.secret_key).into()),
        (
            "RADGESTMAT_SECRET_KEY_FILE",
            c.secret_key_file.as_ref().map_or("(unset)".into(), |f| f.display().to_string()),
        ),
        ("RADGESTMAT_DATABASE_URL", redact(&c.database_url)),
        ("RADGESTMAT_LISTEN", c.listen.to_string()),
        ("RADGESTMAT_LOG_FORMAT", format!("{:?}", c.log_format).to_lowercase()),
        ("RADGESTMAT_LOG", c.log.clone()),
        ("RADGESTMAT_ASSET_TAG_PREFIX", c.asset_tag_prefix.clone()),
        ("RADGESTMAT_COOKIE_SECURE", c.cookie_secure.to_string()),
        ("RADGESTMAT_SESSION_TTL_HOURS", c.session_ttl_hours.to_string()),
        ("RADGESTMAT_DB_MAX_CONNECTIONS", c.db_max_connections.to_string()),
        ("RADGESTMAT_ALERT_SCAN_SECONDS", c.alert_scan_seconds.to_string()),
        ("RADGESTMAT_EMBEDDED_WORKER", c.embedded_worker.to_string()),
        ("RADGESTMAT_SMTP_URL", c.smtp_url.as_deref().filter(|u| !u.is_empty()).map_or("(unset)".into(), redact)),
        ("RADGESTMAT_SMTP_FROM", c.smtp_from.clone()),
        ("RADGESTMAT_WEBHOOK_URL", opt(&c.webhook_url)),
        ("RADGESTMAT_WEBHOOK_SECRET", secret(&c.webhook_secret).into()),
        ("RADGESTMAT_NOTIFY_LANGUAGE", c.notify_language.as_str().into()),
        ("RADGESTMAT_UTC_OFFSET", c.utc_offset.to_string()),
        ("RADGESTMAT_TRUSTED_PROXIES", {
            let list: Vec<String> = c.trusted_proxies.iter().map(ToString::to_string).collect();
            if list.is_empty() { "(none)".into() } else { list.join(",") }
        }),
        ("RADGESTMAT_BACKUP_DIR", c.backup_dir.as_ref().map_or("(unset)".into(), |d| d.display().to_string())),
        ("RADGESTMAT_BACKUP_EVERY_HOURS", c.backup_every_hours.to_string()),
        ("RADGESTMAT_BACKUP_KEEP_DAILY", c.backup_keep_daily.to_string()),
        ("RADGESTMAT_BACKUP_KEEP_WEEKLY", c.backup_keep_weekly.to_string()),
        ("RADGESTMAT_METRICS_TOKEN", secret(&c.metrics_token).into()),
        ("RADGESTMAT_PUBLIC_URL", opt(&c.public_url)),
    ]
}

pub async fn check(config: &Config) -> anyhow::Result<()> {
    let rows = settings(config);
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (name, value) in &rows {
        println!("{name:<width$}  {value}");
    }
    let mut problems = Vec::new();
    match super::secret::resolve(config, false) {
        Ok((key, source)) => {
            let previous = key.previous_fingerprint().map(|p| format!(" (previous key {p} still accepted)"));
            println!("\nok    secret key: {source}, fingerprint {}{}", key.fingerprint(), previous.unwrap_or_default());
        }
        Err(err) => problems.push(format!("{err:#}")),
    }
    let options = StoreOptions { max_connections: 1, ..StoreOptions::default() };
    let database = tokio::time::timeout(Duration::from_secs(10), async {
        let store = Store::connect(&config.database_url, options).await?;
        store.ping().await.map_err(anyhow::Error::from)
    });
    match database.await {
        Ok(Ok(())) => println!("ok    database answers"),
        Ok(Err(err)) => problems.push(format!("database: {err:#}")),
        Err(_) => problems.push("database: no answer within 10 s".into()),
    }
    if let Err(err) = radgestmat_app::Notifier::new(&notify_options(config)) {
        problems.push(format!("notification settings: {err:#}"));
    }
    if let Some(dir) = &config.backup_dir {
        let probe = dir.join(".radgestmat-write-test");
        let writable = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&probe, b""))
            .and_then(|()| std::fs::remove_file(&probe));
        if let Err(err) = writable {
            problems.push(format!("RADGESTMAT_BACKUP_DIR: cannot write in {}: {err}", dir.display()));
        }
    }
    if let Some(url) = config.public_url.as_deref().filter(|u| !u.is_empty()) {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            problems.push(format!("RADGESTMAT_PUBLIC_URL: expected http(s)://host, got {url:?}"));
        } else if url.starts_with("https://") && !config.cookie_secure {
            problems.push("RADGESTMAT_COOKIE_SECURE must be true when the public address is https://".into());
        }
    }
    for problem in &problems {
        println!("FAIL  {problem}");
    }
    anyhow::ensure!(problems.is_empty(), "{} problem(s) in the configuration", problems.len());
    println!("ok    configuration is valid");
    Ok(())
}
