//! Import benchmark (issue 19): a French spreadsheet of N asset rows (100,000 by default: tags,
//! names, serials, models, sites and locations by name, dates day first, amounts with a decimal
//! comma, one row in five with its holder's matricule), on PostgreSQL and SQLite. It times the
//! dry run (targets on PostgreSQL: ≤ 30 s) and the commit (≤ 60 s), notes the peak memory the
//! dry run adds, and as the yardstick times the database alone copying the rows the commit wrote
//! (`CREATE TABLE … AS SELECT` of the new assets, audit entries and assignments).
//!
//! `cargo bench -p radgestmat-app --bench import [-- --rows N --backend postgres|sqlite]` (release
//! build). Databases: `RADGESTMAT_BENCH_PG` (default
//! `postgres://postgres@127.0.0.1:5432/radgestmat_bench_import`, dropped and re-created) and a
//! SQLite file under the system temp directory.

use std::fmt::Write as _;
use std::time::Instant;

use radgestmat_app::{AppBuilder, NewImport};
use radgestmat_domain::{Actor, CommitImport, EmployeeFilter, ImportKind, ImportMode, List};
use radgestmat_store::{Names, Store, StoreOptions};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let rows: usize = value("--rows").and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let pg = std::env::var("RADGESTMAT_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/radgestmat_bench_import".into());
    println!("machine: {} cores; {rows} rows", std::thread::available_parallelism().map_or(1, |n| n.get()));
    for backend in ["postgres", "sqlite"].into_iter().filter(|b| value("--backend").is_none_or(|o| o == *b)) {
        let url = match backend {
            "postgres" => fresh_postgres(&pg).await?,
            _ => {
                let file = std::env::temp_dir().join("radgestmat-bench-import.db");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                }
                format!("sqlite://{}", file.display())
            }
        };
        let (app, store) =
            AppBuilder::new(&url, StoreOptions { max_connections: 8, ..Default::default() }).build().await?;
        println!("\n== {}", store.backend_name());
        store.load_demo_data(10, 7).await?;
        let file = spreadsheet(&store, rows).await?;
        println!("file: {:.1} MB", file.len() as f64 / 1e6);
        let actor = Actor::system("bench");
        let upload = NewImport {
            kind: ImportKind::Assets,
            mode: ImportMode::Create,
            create_missing: false,
            file_name: "parc.csv".into(),
            file,
            options: Default::default(),
        };
        let before = memory("VmRSS");
        let started = Instant::now();
        let import = app.keep_import(&actor, upload, false).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        app.check_import(import.id).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        let dry_run = started.elapsed();
        let peak = memory("VmHWM");
        let checked = app.get_import(&actor, import.id).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        anyhow::ensure!(
            checked.counts.create == rows as i64,
            "every row checks: {:?} {:?}",
            checked.counts,
            checked.problems
        );
        println!(
            "dry run: {:.1} s ({:.0} rows/s); memory: {} MB before, peak {} MB",
            dry_run.as_secs_f64(),
            rows as f64 / dry_run.as_secs_f64(),
            before / 1024,
            peak / 1024
        );
        let started = Instant::now();
        app.commit_import(&actor, import.id, CommitImport::default()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        let commit = started.elapsed();
        println!("commit: {:.1} s ({:.0} rows/s)", commit.as_secs_f64(), rows as f64 / commit.as_secs_f64());
        let started = Instant::now();
        store
            .execute_raw(
                "CREATE TABLE bench_assets AS SELECT * FROM assets WHERE asset_tag LIKE 'IMP-%'; \
                 CREATE TABLE bench_audit AS SELECT * FROM audit_entries; \
                 CREATE TABLE bench_assignments AS SELECT * FROM assignments",
            )
            .await?;
        let yardstick = started.elapsed();
        println!(
            "yardstick (the database copying what the commit wrote): {:.2} s; commit / yardstick = {:.0}",
            yardstick.as_secs_f64(),
            commit.as_secs_f64() / yardstick.as_secs_f64()
        );
    }
    Ok(())
}

/// The rows, as a French spreadsheet saved as CSV writes them.
async fn spreadsheet(store: &Store, rows: usize) -> anyhow::Result<Vec<u8>> {
    let models: Vec<String> = store.names(Names::Models, None).await?.into_values().collect();
    let sites = store.list::<radgestmat_store::Sites>(&List { limit: 500, ..List::default() }).await?.items;
    let locations = store.locations_with_sites().await?;
    let people = store
        .list::<radgestmat_store::Employees>(&List { limit: 500, ..List::<EmployeeFilter>::default() })
        .await?
        .items;
    let holders: Vec<&str> = people.iter().filter(|e| e.fields.active).map(|e| e.fields.matricule.as_str()).collect();
    let mut out = String::from(
        "N° d'inventaire;Désignation;Numéro de série;Modèle;Site;Emplacement;Date d'achat;Prix d'achat;Fin de garantie;Détenteur\r\n",
    );
    for n in 0..rows {
        let model = &models[n % models.len()];
        let (_, site_id, location) = &locations[n % locations.len()];
        let site = sites.iter().find(|s| s.id == *site_id).map_or("", |s| s.fields.code.as_str());
        let holder = if n % 5 == 0 { holders[n % holders.len()] } else { "" };
        let (day, month, year) = (1 + n % 28, 1 + n % 12, 2020 + n % 6);
        let cost = 150_000 + (n * 7919) % 3_000_000;
        writeln!(
            out,
            "IMP-{n:06};{model} n° {n};SN-{n:08};{model};{site};{location};{day:02}/{month:02}/{year};\"{} {:03},{:03}\";{day:02}/{month:02}/{};{holder}\r",
            cost / 1_000_000,
            cost / 1000 % 1000,
            cost % 1000,
            year + 3
        )?;
    }
    Ok(out.into_bytes())
}

/// A line of `/proc/self/status`, in KiB.
fn memory(name: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(name)?.trim_start_matches(':').split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

async fn fresh_postgres(url: &str) -> anyhow::Result<String> {
    let (server, name) = url.rsplit_once('/').ok_or_else(|| anyhow::anyhow!("no database name in {url}"))?;
    let admin = Store::connect(&format!("{server}/postgres"), StoreOptions::default()).await?;
    admin.execute_raw(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await?;
    admin.execute_raw(&format!("CREATE DATABASE {name}")).await?;
    Ok(url.to_owned())
}
