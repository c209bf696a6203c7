//! `radgestmat`: the one binary. `serve` runs the web application; the other commands
//! administer the database. Configuration comes from flags or `RADGESTMAT_*` variables.

use std::io::Read;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use radgestmat_app::{App, AppBuilder, SecretKey, Sites};
use radgestmat_domain::{Actor, List, NewUser, Password, Role, UserPatch};
use radgestmat_jobs::Worker;
use radgestmat_store::{Store, StoreOptions, redact};
use radgestmat_web::AppState;

use config::{Config, LogFormat, notify_options, web_config, worker_options};

mod config;
mod config_check;
mod import_cli;
mod secret;
mod smoke;

/// Many small allocations per request (rows, JSON): mimalloc serves them faster than glibc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "radgestmat", version, about = "Gestion de matériel — equipment management")]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database, create the first admin if there is none, and serve HTTP.
    Serve {
        /// Load demo data first if the database holds no sites.
        #[arg(long)]
        demo: bool,
        /// How many demo assets `--demo` loads.
        #[arg(long, default_value_t = 1_000)]
        demo_assets: u64,
    },
    /// Run the background worker alone (alert scans and re-checks, notifications), as many as you like.
    Worker {
        /// Also serve `/healthz`, `/readyz` and `/metrics` on this address (e.g. `0.0.0.0:9090`).
        #[arg(long, env = "RADGESTMAT_WORKER_LISTEN")]
        listen: Option<SocketAddr>,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Fill an empty database with a plausible company (deterministic for a seed).
    DemoData {
        #[arg(long, default_value_t = 1_000)]
        assets: u64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Check the audit log's hash chain, or print its head to keep elsewhere.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Check the configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Write a consistent, compressed archive of the whole database, online (others may write).
    Backup {
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Fill an empty database (SQLite or PostgreSQL) from an archive, then check row counts,
    /// checksums and the audit chain.
    Restore { file: std::path::PathBuf },
    /// Test a running instance after a deployment (exit status 1 if a check fails).
    Smoke(smoke::Smoke),
    /// Bring a file in: its dry run (nothing written) and report, then with --commit its commit.
    Import(import_cli::ImportArgs),
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print the settings (secrets redacted), check the database and the notification settings.
    Check,
    /// Print a new random secret key, for RADGESTMAT_SECRET_KEY.
    GenerateKey,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Seal what is pending, walk the whole chain; exit status 1 if an entry does not match.
    Verify,
    /// Seal what is pending and print the chain's head (position and hash), to store elsewhere.
    Anchor,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input.
    Create {
        #[arg(long)]
        username: String,
        /// admin, it, reception, direction or employee.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// The employee the account belongs to, by matricule: their page lists what they hold.
        #[arg(long, value_name = "MATRICULE")]
        employee: Option<String>,
        /// Without --employee: link to the one active employee with the same e-mail, if any.
        #[arg(long, requires = "email", conflicts_with = "employee")]
        link_by_email: bool,
        /// Read the password from standard input (the only way: never on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Give an account a new password read from standard input (a lost administrator password);
    /// its sessions end and its tokens are revoked. `--enable` also re-enables a disabled account.
    SetPassword {
        #[arg(long)]
        username: String,
        #[arg(long)]
        enable: bool,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

/// A password from standard input, without its line break.
pub(crate) fn read_password() -> anyhow::Result<String> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password).context("reading the password from standard input")?;
    Ok(password.trim_end_matches(['\r', '\n']).to_owned())
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).map_err(|err| err.to_string())
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logs(&cli.config);
    let outcome = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Into::into)
        .and_then(|rt| rt.block_on(run(cli)));
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logs(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log).unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match config.log_format {
        LogFormat::Json => logs.json().flatten_event(true).with_current_span(true).with_span_list(false).init(),
        LogFormat::Text => logs.init(),
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    // Commands that do not open the database.
    match cli.command {
        Command::Config(ConfigCommand::Check) => return config_check::check(&config).await,
        Command::Config(ConfigCommand::GenerateKey) => {
            println!("{}", SecretKey::generate());
            return Ok(());
        }
        Command::Smoke(smoke) => {
            let password = smoke.password_stdin.then(read_password).transpose()?;
            return smoke.run(password).await;
        }
        _ => {}
    }
    let serves = matches!(cli.command, Command::Serve { .. } | Command::Worker { .. });
    let (app, store) = open(&config, serves).await?;
    match cli.command {
        Command::Migrate => tracing::info!(database = %redact(&config.database_url), "database is up to date"),
        Command::DemoData { assets, seed } => load_demo(&store, assets, seed).await?,
        Command::User(command) => user(&app, command).await?,
        Command::Serve { demo, demo_assets } => {
            if demo && app.list::<Sites>(&cli_actor(), &List::default()).await.map_err(describe)?.items.is_empty() {
                load_demo(&store, demo_assets, 42).await?;
            }
            if let Some(password) = store.ensure_first_admin().await? {
                println!("\nCompte administrateur créé / administrator account created:");
                println!("  identifiant / username : admin");
                println!("  mot de passe / password: {password}");
                println!("  (affiché une seule fois / shown once)\n");
            }
            serve(app, store, &config).await?;
        }
        Command::Worker { listen } => worker(app, store, &config, listen).await?,
        Command::Audit(command) => audit(&app, &store, command).await?,
        Command::Import(args) => import_cli::import(&app, args).await?,
        Command::Backup { out } => {
            // The archive then holds a sealed chain, as a running sequencer keeps it.
            store.seal_audit().await?;
            let manifest = store.backup(&out).await?;
            let rows: u64 = manifest.tables.iter().map(|t| t.rows).sum();
            println!("{}: {rows} rows of {} tables", out.display(), manifest.tables.len());
        }
        Command::Restore { file } => {
            let report = store.restore(&file).await?;
            for table in report.manifest.tables.iter().filter(|t| t.rows > 0) {
                println!("{:<16} {:>9} rows  sha256 {}", table.name, table.rows, &table.sha256[..16]);
            }
            println!(
                "restored from a {} backup of {} (RadGestMat {}); counts and checksums match; audit chain verified ({} entries)",
                report.header.backend, report.header.created_at, report.header.app_version, report.audit_checked
            );
        }
        Command::Config(_) | Command::Smoke(_) => unreachable!("answered before the database is opened"),
    }
    Ok(())
}

/// The application on the configured database. Only what serves or sends needs the secret key
/// and the notification channels; administration commands do without.
async fn open(config: &Config, serves: bool) -> anyhow::Result<(App, Store)> {
    let secret_key = if serves {
        let (key, source) = secret::resolve(config, true)?;
        tracing::info!(%source, fingerprint = key.fingerprint(), "secret key");
        key
    } else {
        SecretKey::ephemeral()
    };
    let options = StoreOptions {
        asset_tag_prefix: config.asset_tag_prefix.clone(),
        max_connections: config.db_max_connections,
        session_ttl: Duration::from_secs(config.session_ttl_hours * 3600),
        secret_key,
    };
    let mut builder = AppBuilder::new(config.database_url.clone(), options);
    if serves {
        builder = builder.notifications(notify_options(config));
    }
    builder.build().await
}

/// The actor of what the command line does.
fn cli_actor() -> Actor {
    Actor::system("cli")
}

async fn user(app: &App, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Create { username, role, display_name, email, employee, link_by_email, password_stdin: _ } => {
            let password = Password::new(read_password()?);
            let employee_id = match employee {
                Some(matricule) => {
                    Some(app.employee_by_matricule(&cli_actor(), "employee", &matricule).await.map_err(describe)?)
                }
                None => None,
            };
            let display_name = display_name.unwrap_or_else(|| username.clone());
            let new =
                NewUser { username, display_name, email, role, employee_id, link_by_email, disabled: false, password };
            let user = app.create_user(&cli_actor(), new).await.map_err(describe)?;
            let linked = user.fields.employee_id.map(|id| format!(", linked to employee {id}")).unwrap_or_default();
            println!("user {} created with id {} and role {}{linked}", user.fields.username, user.id, role.as_str());
        }
        UserCommand::SetPassword { username, enable, password_stdin: _ } => {
            let password = Password::new(read_password()?);
            let user = app.find_user(&cli_actor(), &username).await.map_err(describe)?;
            let user = user.with_context(|| format!("no account named {username}"))?;
            let patch =
                UserPatch { password: Some(password), disabled: enable.then_some(false), ..UserPatch::default() };
            app.update_user(&cli_actor(), user.id, patch).await.map_err(describe)?;
            println!("password of {username} changed; its sessions are closed");
        }
    }
    Ok(())
}

/// The worker alone, with its probes and metrics on `listen`.
async fn worker(app: App, store: Store, config: &Config, listen: Option<SocketAddr>) -> anyhow::Result<()> {
    let sequencer = tokio::spawn(store.clone().run_audit_sequencer());
    let worker = tokio::spawn(Worker::new(app.clone(), store, worker_options(config)).run());
    if let Some(address) = listen {
        let probes = radgestmat_web::probes(AppState::new(app, web_config(config)));
        let listener = tokio::net::TcpListener::bind(address).await.with_context(|| format!("binding {address}"))?;
        tracing::info!(address = %address, "serving probes and metrics");
        tokio::spawn(async move { axum::serve(listener, probes).await });
    }
    shutdown_signal().await;
    worker.abort();
    sequencer.abort();
    tracing::info!("stopped");
    Ok(())
}

async fn audit(app: &App, store: &Store, command: AuditCommand) -> anyhow::Result<()> {
    store.seal_audit().await?;
    match command {
        AuditCommand::Verify => {
            let report = app.verify_audit(&cli_actor()).await.map_err(describe)?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            if let Some(id) = report.first_broken_id {
                anyhow::bail!("the audit log does not match its hash chain from entry {id} on");
            }
        }
        AuditCommand::Anchor => match store.audit_anchor().await? {
            Some(anchor) => println!("{}", serde_json::to_string_pretty(&anchor)?),
            None => println!("the audit log is empty"),
        },
    }
    Ok(())
}

async fn load_demo(store: &Store, assets: u64, seed: u64) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let summary = store.load_demo_data(assets, seed).await?;
    tracing::info!(
        sites = summary.sites,
        employees = summary.employees,
        models = summary.models,
        assets = summary.assets,
        assignments = summary.assignments,
        seconds = started.elapsed().as_secs_f64(),
        "demo data loaded"
    );
    Ok(())
}

async fn serve(app: App, store: Store, config: &Config) -> anyhow::Result<()> {
    let sequencer = tokio::spawn(store.clone().run_audit_sequencer());
    let worker = match config.embedded_worker {
        true => Some(tokio::spawn(Worker::new(app.clone(), store.clone(), worker_options(config)).run())),
        false => None,
    };
    let state = AppState::new(app, web_config(config));
    let app = radgestmat_web::app(state);
    let listener =
        tokio::net::TcpListener::bind(config.listen).await.with_context(|| format!("binding {}", config.listen))?;
    tracing::info!(address = %listener.local_addr()?, database = %redact(&config.database_url), "serving");
    println!("RadGestMat: http://{}  (API docs: /api/docs)", listener.local_addr()?);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    sequencer.abort();
    if let Some(worker) = worker {
        worker.abort();
    }
    store.seal_audit().await?;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, let in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}

/// A use case's error as one readable line for the command line.
fn describe(err: radgestmat_app::Error) -> anyhow::Error {
    match err {
        radgestmat_app::Error::Domain(radgestmat_domain::DomainError::Invalid(errors)) => {
            let text: Vec<_> = errors.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect();
            anyhow::anyhow!("invalid input: {}", text.join("; "))
        }
        radgestmat_app::Error::Internal(e) => e,
        err => anyhow::anyhow!("{err}"),
    }
}
