//! Alert scan benchmark (issue 5), on PostgreSQL and SQLite: 1,000,000 assets and 300,000 open
//! assignments, shaped so that a first full scan opens about 50,000 alerts. It times:
//! 1. the first full scan (target on PostgreSQL: < 10 s);
//! 2. a second one with nothing new (< 3 s);
//! 3. the dispatch of the notifications of those alerts (e-mail digests per site contact and
//!    webhook calls, enqueued as jobs);
//! 4. the re-check of 200 assets, the worker's usual batch.
//!
//! `cargo bench -p radgestmat-store --bench alert_scan [-- --assets N --backend postgres|sqlite]`
//! (release build); `--reuse` measures again on the data the previous run seeded. Databases: `RADGESTMAT_BENCH_PG` (default
//! `postgres://postgres@127.0.0.1:5432/radgestmat_bench_alerts`, dropped and re-created) and a
//! SQLite file under the system temp directory.

mod common;

use std::time::Instant;

use chrono::{TimeDelta, Utc};
use radgestmat_domain::{AssignmentFilter, Language, List};
use radgestmat_store::{Channels, Store, StoreOptions};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let assets: u64 = value("--assets").and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let pg = std::env::var("RADGESTMAT_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/radgestmat_bench_alerts".into());
    let sqlite = std::env::temp_dir().join("radgestmat-bench-alerts.db");
    println!("machine: {} cores; {assets} assets", std::thread::available_parallelism().map_or(1, |n| n.get()));
    for backend in ["postgres", "sqlite"].into_iter().filter(|b| value("--backend").is_none_or(|o| o == *b)) {
        let reuse = args.iter().any(|a| a == "--reuse");
        let url = match backend {
            "postgres" if reuse => pg.clone(),
            "postgres" => common::fresh_postgres(&pg).await?,
            _ if reuse => format!("sqlite://{}", sqlite.display()),
            _ => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
                }
                format!("sqlite://{}", sqlite.display())
            }
        };
        let store = Store::connect(&url, StoreOptions { max_connections: 8, ..Default::default() }).await?;
        store.migrate().await?;
        println!("\n== {}", store.backend_name());
        if reuse {
            // The data of the previous run, without its alerts and jobs.
            store.execute_raw("DELETE FROM alerts").await?;
            store.execute_raw("DELETE FROM jobs").await?;
        } else {
            seed(&store, assets).await?;
        }
        measure(&store).await?;
    }
    Ok(())
}

/// An instant as both databases compare it in SQL text.
fn at(delta: TimeDelta) -> String {
    (Utc::now() + delta).format("'%Y-%m-%d %H:%M:%S%.6f+00:00'").to_string()
}

fn day(delta: TimeDelta) -> String {
    (Utc::now() + delta).format("'%Y-%m-%d'").to_string()
}

/// The demo company at `assets` assets (a quarter of them out, one loan in eight, a third of the
/// loans late), then reshaped: 50,000 more assets out for good (300,000 open assignments at 1M),
/// warranties far ahead but for 2 % ended and 2 % ending, everything audited last month, repairs
/// recent, a tenth of the lost assets still lost.
async fn seed(store: &Store, assets: u64) -> anyhow::Result<()> {
    let started = Instant::now();
    store.load_demo_data(assets, 42).await?;
    let extra = assets / 20;
    let statements = [
        format!(
            "INSERT INTO assignments (asset_id, employee_id, checked_out_at, home_site_id, home_location_id) \
             SELECT id, (SELECT MIN(id) FROM employees), {}, site_id, location_id FROM assets \
             WHERE status = 'in_stock' AND id % 7 = 3 ORDER BY id LIMIT {extra}",
            at(TimeDelta::days(-100))
        ),
        "UPDATE assets SET status = 'assigned', location_id = NULL WHERE status = 'in_stock' AND id IN \
         (SELECT asset_id FROM assignments WHERE returned_at IS NULL)"
            .into(),
        format!(
            "UPDATE assets SET last_audit_at = {}, status_since = {}, warranty_end = {}",
            at(TimeDelta::days(-30)),
            at(TimeDelta::days(-10)),
            day(TimeDelta::days(1500)),
        ),
        format!("UPDATE assets SET warranty_end = {} WHERE id % 50 = 0", day(TimeDelta::days(-200))),
        format!("UPDATE assets SET warranty_end = {} WHERE id % 50 = 1", day(TimeDelta::days(30))),
        "UPDATE assets SET status = 'retired' WHERE status = 'lost' AND id % 10 <> 0".into(),
        match store.backend_name() {
            "postgres" => "ANALYZE".into(),
            _ => "PRAGMA optimize=0x10002".into(),
        },
    ];
    for sql in &statements {
        store.execute_raw(sql).await?;
    }
    let open = store.list_assignments(&List { count: true, limit: 1, ..open_loans() }).await?.total.unwrap_or(0);
    println!("seeded in {:.1} s: {assets} assets, {open} open assignments", started.elapsed().as_secs_f64());
    Ok(())
}

fn open_loans() -> List<AssignmentFilter> {
    List::of(AssignmentFilter { open: Some(true), ..AssignmentFilter::default() })
}

async fn measure(store: &Store) -> anyhow::Result<()> {
    let started = Instant::now();
    let first = store.scan_alerts(Utc::now()).await?;
    let first_s = started.elapsed().as_secs_f64();
    println!("full scan, first:   {first_s:6.2} s  opened {:6} cleared {}", first.opened, first.cleared);

    let started = Instant::now();
    let again = store.scan_alerts(Utc::now()).await?;
    let again_s = started.elapsed().as_secs_f64();
    println!("full scan, no-op:   {again_s:6.2} s  opened {:6} cleared {}", again.opened, again.cleared);

    let channels = Channels {
        email: true,
        webhook: true,
        language: Language::Fr,
        public_url: Some("https://parc.example.tn".into()),
        domain: "example.tn".into(),
    };
    let started = Instant::now();
    let sent = store.dispatch_notifications(&channels).await?;
    println!(
        "dispatch:           {:6.2} s  {} alerts -> {} e-mails, {} webhook calls",
        started.elapsed().as_secs_f64(),
        sent.alerts,
        sent.emails,
        sent.webhooks
    );

    let ids: Vec<i64> = (0..200).map(|i| 1 + i * 4_999).collect();
    let started = Instant::now();
    let check = store.check_alerts(&ids, Utc::now()).await?;
    println!(
        "re-check 200:       {:6.3} s  opened {} cleared {}",
        started.elapsed().as_secs_f64(),
        check.opened,
        check.cleared
    );
    Ok(())
}
