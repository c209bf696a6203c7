//! Audit log benchmark (issue 3), on PostgreSQL and SQLite:
//! 1. write throughput with the hash chain sealed by the sequencer, against the same writes
//!    with the sequencer stopped (entries still written): the chain must keep ≥ 80 %;
//! 2. sealing and verifying 1,000,000 entries (verify must take < 10 s);
//! 3. latency of filtered pages of the log at that size (p99 < 50 ms on PostgreSQL).
//!
//! `cargo bench -p radgestmat-store --bench audit` (release build). Databases:
//! `RADGESTMAT_BENCH_PG` (default `postgres://postgres@127.0.0.1:5432/radgestmat_bench_audit`,
//! dropped and re-created) and a SQLite file under the system temp directory.
//! Options: `--entries N` (default 1,000,000), `--seconds S` per write round (default 5),
//! `--backend postgres|sqlite` (default both).

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use radgestmat_domain::{Actor, AuditFilter, List};
use radgestmat_store::{Store, StoreOptions};
use serde_json::json;

const WRITERS: usize = 16;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let option = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (entries, seconds) = (option("--entries", 1_000_000), option("--seconds", 5));
    let pg = std::env::var("RADGESTMAT_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/radgestmat_bench_audit".into());
    let sqlite = std::env::temp_dir().join("radgestmat-bench-audit.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    println!("machine: {} cores; {WRITERS} writers, {seconds} s per round", num_cpus());
    let only = args.iter().position(|a| a == "--backend").and_then(|i| args.get(i + 1)).cloned();
    for backend in ["postgres", "sqlite"].into_iter().filter(|b| only.as_deref().is_none_or(|o| o == *b)) {
        let url = match backend {
            "postgres" => common::fresh_postgres(&pg).await?,
            _ => format!("sqlite://{}", sqlite.display()),
        };
        let store = Store::connect(&url, StoreOptions { max_connections: 20, ..Default::default() }).await?;
        store.migrate().await?;
        println!("\n== {}", store.backend_name());
        writes(&store, seconds).await?;
        seal_and_verify(&store, entries).await?;
        list_latency(&store).await?;
    }
    Ok(())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Alternating rounds of asset edits without and with the sequencer; prints each and the ratio.
async fn writes(store: &Store, seconds: u64) -> anyhow::Result<()> {
    store.load_demo_data(WRITERS as u64 * 4, 7).await?;
    let ids: Vec<i64> = store.list_assets(&List::default()).await?.items.iter().map(|a| a.id).collect();
    let (mut off, mut on) = (0.0, 0.0);
    for round in 0..4 {
        let chain = round % 2 == 1;
        let sequencer = chain.then(|| tokio::spawn(store.clone().run_audit_sequencer()));
        let rate = edit_rate(store, &ids, Duration::from_secs(seconds)).await?;
        if let Some(task) = sequencer {
            task.abort();
        }
        let pending = store.verify_audit().await?.pending;
        println!(
            "round {round}: chain {:3}  {rate:8.0} writes/s  (pending after: {pending})",
            if chain { "on" } else { "off" }
        );
        *(if chain { &mut on } else { &mut off }) += rate;
        store.seal_audit().await?;
    }
    println!("chain on / chain off: {:.0} %", 100.0 * on / off);
    Ok(())
}

async fn edit_rate(store: &Store, ids: &[i64], duration: Duration) -> anyhow::Result<f64> {
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for writer in 0..WRITERS {
        let (store, done) = (store.clone(), done.clone());
        let ids: Vec<i64> = ids.iter().copied().skip(writer).step_by(WRITERS).collect();
        tasks.push(tokio::spawn(async move {
            let actor = Actor::system("bench");
            let mut n = 0u64;
            while started.elapsed() < duration {
                let id = ids[n as usize % ids.len()];
                store.update_asset(&actor, id, None, json!({ "notes": format!("passage {n}") })).await?;
                n += 1;
                done.fetch_add(1, Ordering::Relaxed);
            }
            anyhow::Ok(())
        }));
    }
    for task in tasks {
        task.await??;
    }
    Ok(done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64())
}

/// Appends `n` entries in bulk, seals them through the sequencer's code, then times a verify.
async fn seal_and_verify(store: &Store, n: u64) -> anyhow::Result<()> {
    let started = Instant::now();
    let sql = if store.backend_name() == "postgres" {
        format!(
            "INSERT INTO audit_entries (at, actor_kind, actor_id, actor_name, action, entity, entity_id, asset_tag, after, ip, request_id) \
             SELECT now() + g * interval '1 microsecond', 'user', 1, 'admin', 'asset.update', 'asset', g % 100000, \
                    'KIT-' || lpad((g % 100000)::text, 6, '0'), '{{\"notes\":\"passage ' || g || '\"}}', '10.0.0.1', md5(g::text) \
             FROM generate_series(1, {n}) g; \
             INSERT INTO audit_pending (entry_id) SELECT id FROM audit_entries e \
             WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = e.id) ON CONFLICT DO NOTHING;"
        )
    } else {
        format!(
            "INSERT INTO audit_entries (at, actor_kind, actor_id, actor_name, action, entity, entity_id, asset_tag, after, ip, request_id) \
             WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {n}) \
             SELECT '2026-11-21T08:00:00.' || printf('%06d', n % 1000000) || '+00:00', 'user', 1, 'admin', 'asset.update', \
                    'asset', n % 100000, printf('KIT-%06d', n % 100000), '{{\"notes\":\"passage ' || n || '\"}}', '10.0.0.1', hex(n) \
             FROM g; \
             INSERT OR IGNORE INTO audit_pending (entry_id) SELECT id FROM audit_entries e \
             WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = e.id);"
        )
    };
    store.execute_raw(&sql).await?;
    println!("bulk insert of {n} entries: {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let sealed = store.seal_audit().await?;
    let secs = started.elapsed().as_secs_f64();
    println!("sealed {sealed} entries in {secs:.1} s ({:.0} entries/s)", sealed as f64 / secs);
    let started = Instant::now();
    let report = store.verify_audit().await?;
    println!(
        "verify: ok={} checked={} pending={} in {:.2} s",
        report.ok,
        report.checked,
        report.pending,
        started.elapsed().as_secs_f64()
    );
    anyhow::ensure!(report.ok && report.pending == 0, "the chain must verify");
    Ok(())
}

/// p50/p99 of a first page of 50 for typical filters, 200 calls each, one at a time.
async fn list_latency(store: &Store) -> anyhow::Result<()> {
    let cases: [(&str, &[(&str, &str)]); 6] = [
        ("newest", &[]),
        ("entity + id", &[("entity", "asset"), ("entity_id", "4242")]),
        ("asset tag", &[("asset_tag", "KIT-004242")]),
        ("action", &[("action", "asset.update")]),
        ("actor", &[("actor_id", "1")]),
        ("one day", &[("from", "2026-11-21"), ("to", "2026-11-21")]),
    ];
    for (name, filters) in cases {
        let pairs: Vec<(String, String)> = filters.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let query = List::<AuditFilter>::parse(pairs)?;
        let mut times = Vec::new();
        for _ in 0..200 {
            let started = Instant::now();
            store.list_audit(&query).await?;
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "list {name:12} p50 {:6.2} ms  p99 {:6.2} ms",
            times[100].as_secs_f64() * 1e3,
            times[197].as_secs_f64() * 1e3
        );
    }
    Ok(())
}
