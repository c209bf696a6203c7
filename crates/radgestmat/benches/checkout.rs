//! Check-out + check-in pairs over HTTP against a running server (issue 4): each of N
//! connections owns its own slice of assets in stock and, until the time is up, checks a random
//! one of them out to a random employee and back in. Every pair is two durable commits with
//! their audit entries; the server's sequencer seals the chain meanwhile.
//!
//! Run through `bench/checkout.sh` (which loads the data and starts the server), or by hand:
//! `cargo bench -p radgestmat --bench checkout -- --url http://127.0.0.1:18099 --token T
//! [--seconds 15] [--connections 32]`.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

struct Options {
    url: String,
    token: String,
    seconds: u64,
    connections: usize,
}

/// What one connection measured: request latencies in microseconds, pairs done, failures.
#[derive(Default)]
struct Tally {
    check_out: Vec<u32>,
    check_in: Vec<u32>,
    pairs: u64,
    failures: u64,
    first_failure: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = options()?;
    let client = reqwest::Client::builder().pool_max_idle_per_host(options.connections).build()?;
    let per_connection = 200;
    let assets = in_stock(&client, &options, options.connections * per_connection).await?;
    let employees = ids(&client, &options, "/api/v1/employees?active=true&limit=500").await?;
    if assets.len() < options.connections || employees.is_empty() {
        bail!("need assets in stock and active employees (load demo data first)");
    }
    println!(
        "{} connections, {} s, {} assets in stock in play, {} employees; {} cores",
        options.connections,
        options.seconds,
        assets.len(),
        employees.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, slice) in assets.chunks(assets.len().div_ceil(options.connections)).enumerate() {
        let (client, slice, employees) = (client.clone(), slice.to_vec(), employees.clone());
        let (url, token) = (options.url.clone(), options.token.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = 0x9E37_79B9_7F4A_7C15u64 ^ (n as u64 + 1);
            let mut tally = Tally::default();
            while Instant::now() < deadline {
                let asset = slice[next(&mut rng, slice.len())];
                let employee = employees[next(&mut rng, employees.len())];
                let out = post(
                    &client,
                    &url,
                    &token,
                    &format!("/api/v1/assets/{asset}/checkout"),
                    json!({"employee_id": employee}),
                )
                .await;
                let back = match out {
                    Ok(micros) => {
                        tally.check_out.push(micros);
                        post(&client, &url, &token, &format!("/api/v1/assets/{asset}/checkin"), json!({})).await
                    }
                    Err(e) => Err(e),
                };
                match back {
                    Ok(micros) => {
                        tally.check_in.push(micros);
                        tally.pairs += 1;
                    }
                    Err(e) => {
                        tally.failures += 1;
                        tally.first_failure.get_or_insert(format!("{e:#}"));
                    }
                }
            }
            tally
        }));
    }
    let mut total = Tally::default();
    for task in tasks {
        let tally = task.await?;
        total.check_out.extend(tally.check_out);
        total.check_in.extend(tally.check_in);
        total.pairs += tally.pairs;
        total.failures += tally.failures;
        total.first_failure = total.first_failure.or(tally.first_failure);
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "pairs: {} in {elapsed:.1} s = {:.0} pairs/s, failures: {}",
        total.pairs,
        total.pairs as f64 / elapsed,
        total.failures
    );
    for (name, latencies) in [("check-out", &mut total.check_out), ("check-in", &mut total.check_in)] {
        latencies.sort_unstable();
        println!(
            "{name}: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            ms(latencies, 0.50),
            ms(latencies, 0.99),
            ms(latencies, 1.0)
        );
    }
    if let Some(failure) = total.first_failure {
        bail!("{} request(s) failed; the first: {failure}", total.failures);
    }
    anyhow::ensure!(total.pairs > 0, "no pair completed");
    Ok(())
}

fn options() -> anyhow::Result<Options> {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    Ok(Options {
        url: value("--url").context("--url http://host:port is required")?,
        token: value("--token").context("--token is required")?,
        seconds: value("--seconds").and_then(|v| v.parse().ok()).unwrap_or(15),
        connections: value("--connections").and_then(|v| v.parse().ok()).unwrap_or(32),
    })
}

/// xorshift64: a reproducible pick in `0..below`.
fn next(state: &mut u64, below: usize) -> usize {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state % below as u64) as usize
}

fn ms(sorted: &[u32], quantile: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() - 1) as f64 * quantile).round() as usize;
    f64::from(sorted[index]) / 1000.0
}

/// One POST; its latency in microseconds, or why it failed.
async fn post(client: &reqwest::Client, url: &str, token: &str, path: &str, body: Value) -> anyhow::Result<u32> {
    let started = Instant::now();
    let response = client.post(format!("{url}{path}")).bearer_auth(token).json(&body).send().await?;
    let status = response.status();
    let text = response.text().await?;
    if !status.is_success() {
        bail!("{path}: {status} {text}");
    }
    Ok(u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX))
}

async fn get(client: &reqwest::Client, options: &Options, path: &str) -> anyhow::Result<Value> {
    let response = client.get(format!("{}{path}", options.url)).bearer_auth(&options.token).send().await?;
    let status = response.status();
    let body: Value = response.json().await?;
    if !status.is_success() {
        bail!("GET {path}: {status} {body}");
    }
    Ok(body)
}

async fn ids(client: &reqwest::Client, options: &Options, path: &str) -> anyhow::Result<Vec<i64>> {
    let page = get(client, options, path).await?;
    Ok(page["items"].as_array().into_iter().flatten().filter_map(|item| item["id"].as_i64()).collect())
}

/// Up to `wanted` ids of assets in stock, page after page.
async fn in_stock(client: &reqwest::Client, options: &Options, wanted: usize) -> anyhow::Result<Vec<i64>> {
    let mut found = Vec::with_capacity(wanted);
    let mut cursor = String::new();
    while found.len() < wanted {
        let page =
            get(client, options, &format!("/api/v1/assets?status=in_stock&sort=id&limit=500&cursor={cursor}")).await?;
        found.extend(page["items"].as_array().into_iter().flatten().filter_map(|item| item["id"].as_i64()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    found.truncate(wanted);
    Ok(found)
}
