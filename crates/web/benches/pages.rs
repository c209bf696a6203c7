//! Page rendering benchmark (issue 6): the main pages at 100,000 assets on PostgreSQL, target
//! under 50 ms each, server-side. The real application runs in this process on a loopback port
//! and a signed-in client asks each page repeatedly, one request at a time; it reports the
//! client's median and 95th percentile (loopback included, so an upper bound) and the server's
//! own mean over the same requests, from its `radgestmat_http_request_duration_seconds`. Then it
//! exports the whole register as CSV and as a workbook and reports the time and the growth of the
//! process's peak memory (the client reads the file as it comes, without keeping it).
//!
//! `cargo bench -p radgestmat-web --bench pages [-- --assets N --rounds N --reuse]`
//! (release build). Database: `RADGESTMAT_BENCH_PG` (default
//! `postgres://postgres@127.0.0.1:5432/radgestmat_bench_pages`, dropped and re-created unless
//! `--reuse`).

#[path = "../../store/benches/common/mod.rs"]
mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use radgestmat_app::AppBuilder;
use radgestmat_domain::{Actor, AssetFilter, AssetStatus, List, Password, Role, UserFields};
use radgestmat_store::StoreOptions;
use radgestmat_web::{AppState, WebConfig};

const PASSWORD: &str = "banc d'essai des pages";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let assets: u64 = value("--assets").and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let rounds: usize = value("--rounds").and_then(|v| v.parse().ok()).unwrap_or(50);
    let url = std::env::var("RADGESTMAT_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/radgestmat_bench_pages".into());
    let reuse = args.iter().any(|a| a == "--reuse");
    if !reuse {
        common::fresh_postgres(&url).await?;
    }
    let (app, store) =
        AppBuilder::new(url.clone(), StoreOptions { max_connections: 8, ..Default::default() }).build().await?;
    if !reuse {
        let started = Instant::now();
        store.load_demo_data(assets, 42).await?;
        store.scan_alerts(chrono::Utc::now()).await?;
        store.execute_raw("VACUUM ANALYZE").await?;
        println!("seeded {assets} assets in {:.0} s", started.elapsed().as_secs_f64());
    }
    let user = UserFields {
        username: "banc".into(),
        display_name: "Banc".into(),
        email: None,
        role: Role::Direction,
        employee_id: None,
        disabled: false,
    };
    let _ = store.create_user(&Actor::system("bench"), user, Password::new(PASSWORD)).await;

    let app = radgestmat_web::app(AppState::new(app, WebConfig::default()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await });
    let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build()?;
    let login =
        client.post(format!("{base}/login")).form(&[("username", "banc"), ("password", PASSWORD)]).send().await?;
    anyhow::ensure!(login.status() == 303, "login failed: {}", login.status());

    let total = store.list_assets(&List { count: true, limit: 1, ..Default::default() }).await?.total.unwrap_or(0);
    let assigned = store
        .list_assets(&List::of(AssetFilter { status: Some(AssetStatus::Assigned), ..AssetFilter::default() }))
        .await?
        .items[0]
        .id;
    println!(
        "machine: {} cores (shared); PostgreSQL; {total} assets; {rounds} requests per page after 3 warm-up\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let pages = [
        ("dashboard", "/dashboard".to_owned()),
        ("asset list", "/assets".to_owned()),
        ("asset list, search", "/assets?q=latitude".to_owned()),
        ("asset list, filtered", "/assets?status=assigned&site_id=3&sort=-updated_at".to_owned()),
        ("asset detail (checked out)", format!("/assets/{assigned}")),
        ("alerts inbox", "/alerts".to_owned()),
    ];
    println!("{:<28} {:>9} {:>9} {:>12}", "page", "p50 ms", "p95 ms", "server ms");
    for (name, path) in pages {
        let route = path.split('?').next().unwrap_or("").to_owned();
        let route = if route.starts_with("/assets/") { "/assets/{id}".to_owned() } else { route };
        let before = server_totals(&client, &base, &route).await?;
        let mut times = Vec::with_capacity(rounds);
        for i in 0..rounds + 3 {
            let started = Instant::now();
            let response = client.get(format!("{base}{path}")).send().await?;
            anyhow::ensure!(response.status() == 200, "{path}: {}", response.status());
            response.bytes().await?;
            if i >= 3 {
                times.push(started.elapsed());
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let after = server_totals(&client, &base, &route).await?;
        let server = (after.0 - before.0) / (after.1 - before.1).max(1.0) * 1000.0;
        println!(
            "{name:<28} {:>9.1} {:>9.1} {server:>12.1}",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 95 / 100])
        );
    }
    exports(&client, &base, &url, total).await
}

/// The whole register as CSV and as a workbook: the time, and how much the process's peak memory
/// grew (its high-water mark reset first), against the database alone writing the table as CSV.
async fn exports(client: &reqwest::Client, base: &str, url: &str, total: u64) -> anyhow::Result<()> {
    let started = Instant::now();
    let copied = std::process::Command::new("psql")
        .args([url, "-q", "-c", "COPY (SELECT * FROM assets) TO STDOUT WITH CSV"])
        .stdout(std::process::Stdio::null())
        .status()?;
    anyhow::ensure!(copied.success(), "psql COPY failed");
    let yardstick = started.elapsed().as_secs_f64();
    println!("\nexport of {total} assets {:>12} {:>10} {:>14} {:>10}", "seconds", "MB", "peak growth MB", "/ COPY");
    println!("{:<30} {yardstick:>8.2} {:>10} {:>14} {:>10}", "yardstick: psql COPY … CSV", "", "", "1.0");
    for path in ["/assets.csv", "/assets.xlsx"] {
        let before = memory("VmRSS")?;
        std::fs::write("/proc/self/clear_refs", "5")?;
        let started = Instant::now();
        let mut response = client.get(format!("{base}{path}")).send().await?;
        anyhow::ensure!(response.status() == 200, "{path}: {}", response.status());
        // Read as it comes, not held: the growth is the server's.
        let mut bytes = 0;
        while let Some(chunk) = response.chunk().await? {
            bytes += chunk.len();
        }
        let seconds = started.elapsed().as_secs_f64();
        let growth = memory("VmHWM")?.saturating_sub(before);
        println!(
            "{path:<30} {seconds:>8.2} {:>10.1} {:>14.1} {:>10.1}",
            bytes as f64 / 1e6,
            growth as f64 / 1024.0,
            seconds / yardstick
        );
    }
    Ok(())
}

/// A line of `/proc/self/status`, in KiB.
fn memory(name: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status.lines().find(|l| l.starts_with(name)).ok_or_else(|| anyhow::anyhow!("no {name}"))?;
    Ok(line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0))
}

/// The server's total seconds and request count for a route so far, from its own histogram.
async fn server_totals(client: &reqwest::Client, base: &str, route: &str) -> anyhow::Result<(f64, f64)> {
    let text = client.get(format!("{base}/metrics")).send().await?.text().await?;
    let series = |suffix: &str| {
        text.lines()
            .filter(|l| l.starts_with(&format!("radgestmat_http_request_duration_seconds_{suffix}")))
            .filter(|l| l.contains(&format!("route=\"{route}\"")) && l.contains("method=\"GET\""))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum::<f64>()
    };
    Ok((series("sum"), series("count")))
}
