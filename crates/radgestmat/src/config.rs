//! Every setting of the binary, from a flag or its `RADGESTMAT_*` variable, and the options
//! of the store, the worker and the web layer built from them.

use std::net::SocketAddr;
use std::time::Duration;

use clap::{Args, ValueEnum};
use radgestmat_app::NotifyOptions;
use radgestmat_domain::Language;
use radgestmat_jobs::{BackupOptions, WorkerOptions};
use radgestmat_web::WebConfig;

/// Every setting, from a flag or its environment variable.
#[derive(Args)]
pub(crate) struct Config {
    /// `sqlite://path/to/file.db` or `postgres://user:password@host/db`.
    #[arg(
        long,
        global = true,
        env = "RADGESTMAT_DATABASE_URL",
        default_value = "sqlite://data/radgestmat.db",
        hide_env_values = true
    )]
    pub(crate) database_url: String,
    /// `production` refuses to start without a secret key; `development` makes one beside a
    /// SQLite database.
    #[arg(long, global = true, env = "RADGESTMAT_ENV", default_value = "development")]
    pub(crate) environment: Environment,
    /// Signs the session cookies and encrypts the secrets kept in the database (SMTP password,
    /// webhook secret); at least 32 characters. Changing it signs everyone out.
    #[arg(long, global = true, env = "RADGESTMAT_SECRET_KEY", hide_env_values = true)]
    pub(crate) secret_key: Option<String>,
    /// During a planned rotation, the key being replaced: what it signed or sealed is still
    /// accepted, and the secrets it sealed are sealed again with the new key at start.
    #[arg(long, global = true, env = "RADGESTMAT_SECRET_KEY_PREVIOUS", hide_env_values = true)]
    pub(crate) secret_key_previous: Option<String>,
    /// A file holding the secret key instead (a mounted secret).
    #[arg(long, global = true, env = "RADGESTMAT_SECRET_KEY_FILE")]
    pub(crate) secret_key_file: Option<std::path::PathBuf>,
    /// Address and port to serve on.
    #[arg(long, global = true, env = "RADGESTMAT_LISTEN", default_value = "127.0.0.1:8080")]
    pub(crate) listen: SocketAddr,
    /// Log lines as human-readable `text` or `json`.
    #[arg(long, global = true, env = "RADGESTMAT_LOG_FORMAT", default_value = "text")]
    pub(crate) log_format: LogFormat,
    /// Log filter, e.g. `info` or `radgestmat=debug,info`.
    #[arg(long, global = true, env = "RADGESTMAT_LOG", default_value = "info")]
    pub(crate) log: String,
    /// Prefix of generated asset tags (`KIT` gives `KIT-000123`).
    #[arg(long, global = true, env = "RADGESTMAT_ASSET_TAG_PREFIX", default_value = "KIT")]
    pub(crate) asset_tag_prefix: String,
    /// Mark the session cookie `Secure`; set it when serving over HTTPS.
    #[arg(long, global = true, env = "RADGESTMAT_COOKIE_SECURE", default_value_t = false)]
    pub(crate) cookie_secure: bool,
    /// Hours a browser session lasts.
    #[arg(long, global = true, env = "RADGESTMAT_SESSION_TTL_HOURS", default_value_t = 12)]
    pub(crate) session_ttl_hours: u64,
    /// Size of the database connection pool.
    #[arg(long, global = true, env = "RADGESTMAT_DB_MAX_CONNECTIONS", default_value_t = 16)]
    pub(crate) db_max_connections: u32,
    /// Seconds between two alert scans (across all nodes).
    #[arg(long, global = true, env = "RADGESTMAT_ALERT_SCAN_SECONDS", default_value_t = 900,
        value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub(crate) alert_scan_seconds: u64,
    /// `serve` also runs the background worker; set to false when `radgestmat worker` runs apart.
    #[arg(long, global = true, env = "RADGESTMAT_EMBEDDED_WORKER", default_value_t = true,
        action = clap::ArgAction::Set)]
    pub(crate) embedded_worker: bool,
    /// SMTP server for alert e-mails: `smtp://host:587?tls=required` (STARTTLS), `smtps://host:465`
    /// (TLS) or `smtp://host:25` (plain, a local relay); `user:password@` before the host. Unset: no e-mail.
    #[arg(long, global = true, env = "RADGESTMAT_SMTP_URL", hide_env_values = true)]
    pub(crate) smtp_url: Option<String>,
    /// Sender of alert e-mails.
    #[arg(long, global = true, env = "RADGESTMAT_SMTP_FROM", default_value = "RadGestMat <radgestmat@localhost>")]
    pub(crate) smtp_from: String,
    /// URL that receives each batch of new alerts as a JSON POST. Unset: no webhook.
    #[arg(long, global = true, env = "RADGESTMAT_WEBHOOK_URL")]
    pub(crate) webhook_url: Option<String>,
    /// Secret signing webhook calls (header `X-RadGestMat-Signature: sha256=<HMAC-SHA256 of the body>`).
    #[arg(long, global = true, env = "RADGESTMAT_WEBHOOK_SECRET", hide_env_values = true)]
    pub(crate) webhook_secret: Option<String>,
    /// Language of notifications: `fr` or `en`.
    #[arg(long, global = true, env = "RADGESTMAT_NOTIFY_LANGUAGE", default_value = "fr", value_parser = parse_language)]
    pub(crate) notify_language: Language,
    /// The local time the web pages show, as an offset from UTC (Tunisia: `+01:00`).
    #[arg(long, global = true, env = "RADGESTMAT_UTC_OFFSET", default_value = "+01:00", value_parser = parse_offset)]
    pub(crate) utc_offset: chrono::FixedOffset,
    /// Reverse proxies (addresses or networks, comma-separated) whose `X-Forwarded-For` names the
    /// client, e.g. `127.0.0.1,::1` for nginx on the same machine. Others' header is ignored.
    #[arg(long, global = true, env = "RADGESTMAT_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_cidr)]
    pub(crate) trusted_proxies: Vec<radgestmat_web::client_ip::Cidr>,
    /// Folder of the scheduled backups (a worker with it writes them). Unset: no scheduled backup.
    #[arg(long, global = true, env = "RADGESTMAT_BACKUP_DIR")]
    pub(crate) backup_dir: Option<std::path::PathBuf>,
    /// Hours between two scheduled backups (across all nodes).
    #[arg(long, global = true, env = "RADGESTMAT_BACKUP_EVERY_HOURS", default_value_t = 24,
        value_parser = clap::value_parser!(u64).range(1..=24 * 30))]
    pub(crate) backup_every_hours: u64,
    /// Scheduled backups kept: the last of each of this many days…
    #[arg(long, global = true, env = "RADGESTMAT_BACKUP_KEEP_DAILY", default_value_t = 7)]
    pub(crate) backup_keep_daily: usize,
    /// …and the last of each of this many ISO weeks.
    #[arg(long, global = true, env = "RADGESTMAT_BACKUP_KEEP_WEEKLY", default_value_t = 4)]
    pub(crate) backup_keep_weekly: usize,
    /// When set, `/metrics` requires `Authorization: Bearer <this token>`.
    #[arg(long, global = true, env = "RADGESTMAT_METRICS_TOKEN", hide_env_values = true)]
    pub(crate) metrics_token: Option<String>,
    /// Address of the web interface as users reach it (`https://parc.magasin.tn`), for links in
    /// e-mails and the QR codes of labels.
    #[arg(long, global = true, env = "RADGESTMAT_PUBLIC_URL")]
    pub(crate) public_url: Option<String>,
    /// The company's name, printed on the labels.
    #[arg(long, global = true, env = "RADGESTMAT_COMPANY_NAME")]
    pub(crate) company_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum LogFormat {
    Text,
    Json,
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::parse(text).map_err(|err| err.to_string())
}

/// Where notifications go unless settings are saved in the application.
pub(crate) fn notify_options(config: &Config) -> NotifyOptions {
    NotifyOptions {
        smtp_url: config.smtp_url.clone().filter(|u| !u.is_empty()),
        from: config.smtp_from.clone(),
        webhook_url: config.webhook_url.clone().filter(|u| !u.is_empty()),
        webhook_secret: config.webhook_secret.clone(),
        language: config.notify_language,
        public_url: config.public_url.clone(),
    }
}

pub(crate) fn worker_options(config: &Config) -> WorkerOptions {
    let backups = config.backup_dir.clone().filter(|d| !d.as_os_str().is_empty()).map(|dir| BackupOptions {
        dir,
        every: Duration::from_secs(config.backup_every_hours * 3600),
        keep_daily: config.backup_keep_daily,
        keep_weekly: config.backup_keep_weekly,
    });
    WorkerOptions { scan_every: Duration::from_secs(config.alert_scan_seconds), backups, ..WorkerOptions::default() }
}

pub(crate) fn web_config(config: &Config) -> WebConfig {
    WebConfig {
        cookie_secure: config.cookie_secure,
        metrics_token: config.metrics_token.clone().filter(|t| !t.is_empty()),
        utc_offset: config.utc_offset,
        trusted_proxies: config.trusted_proxies.clone(),
        public_url: config.public_url.clone().filter(|u| !u.is_empty()),
        company_name: config.company_name.clone().filter(|n| !n.trim().is_empty()),
    }
}

fn parse_cidr(text: &str) -> Result<radgestmat_web::client_ip::Cidr, String> {
    text.parse()
}

fn parse_offset(text: &str) -> Result<chrono::FixedOffset, String> {
    text.parse().map_err(|_| format!("expected an offset such as +01:00, got {text:?}"))
}
