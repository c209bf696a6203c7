//! `radgestmat smoke --url https://…`: the post-deployment test. It asks a running instance
//! for its health, readiness, OpenAPI document, login page and metrics, and with an account
//! signs in and reads the asset list; one line per check, exit status 1 if any failed.

use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use reqwest::{Client, StatusCode};

#[derive(Args)]
pub struct Smoke {
    /// The instance's address as users reach it, e.g. `https://parc.magasin.tn`.
    #[arg(long)]
    url: String,
    /// Sign in with this account and read the assets.
    #[arg(long)]
    username: Option<String>,
    /// Read that account's password from standard input.
    #[arg(long, requires = "username")]
    pub password_stdin: bool,
    /// Bearer token of `/metrics`, if the instance requires one.
    #[arg(long, env = "RADGESTMAT_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// A PEM certificate to trust besides the system's (a self-signed or internal CA).
    #[arg(long)]
    ca_cert: Option<std::path::PathBuf>,
    /// Only `/healthz`: the process answers (a container's liveness check).
    #[arg(long)]
    health_only: bool,
}

/// One check: its name and what went wrong, if anything.
type Outcome = (&'static str, Result<String, String>);

impl Smoke {
    pub async fn run(self, password: Option<String>) -> anyhow::Result<()> {
        let mut client = Client::builder().cookie_store(true).timeout(Duration::from_secs(15));
        if let Some(path) = &self.ca_cert {
            let pem = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            client = client.add_root_certificate(reqwest::Certificate::from_pem(&pem)?);
        }
        let client = client.build()?;
        let base = self.url.trim_end_matches('/');
        if self.health_only {
            return expect(&client, &format!("{base}/healthz"), "\"ok\"").await.map(|_| ()).map_err(anyhow::Error::msg);
        }
        let mut outcomes: Vec<Outcome> = vec![
            ("health", expect(&client, &format!("{base}/healthz"), "\"ok\"").await),
            ("readiness (database)", expect(&client, &format!("{base}/readyz"), "\"ok\"").await),
            ("OpenAPI document", expect(&client, &format!("{base}/api/openapi.json"), "\"openapi\"").await),
            ("web interface", expect(&client, &format!("{base}/login"), "RadGestMat").await),
        ];
        let metrics = {
            let mut request = client.get(format!("{base}/metrics"));
            if let Some(token) = &self.metrics_token {
                request = request.bearer_auth(token);
            }
            check(request, "radgestmat_database_up 1").await
        };
        outcomes.push(("metrics", metrics));
        if let (Some(username), Some(password)) = (&self.username, password) {
            let login = serde_json::json!({ "username": username, "password": password });
            let signed_in = check(client.post(format!("{base}/api/v1/auth/login")).json(&login), "\"user\"").await;
            let ok = signed_in.is_ok();
            outcomes.push(("sign-in", signed_in));
            if ok {
                outcomes
                    .push(("asset list", expect(&client, &format!("{base}/api/v1/assets?limit=1"), "\"items\"").await));
                let _ = client.post(format!("{base}/api/v1/auth/logout")).send().await;
            }
        }
        let failed = outcomes.iter().filter(|(_, r)| r.is_err()).count();
        for (name, result) in &outcomes {
            match result {
                Ok(detail) => println!("ok    {name} ({detail})"),
                Err(why) => println!("FAIL  {name}: {why}"),
            }
        }
        anyhow::ensure!(failed == 0, "{failed} of {} checks failed on {base}", outcomes.len());
        println!("all {} checks passed on {base}", outcomes.len());
        Ok(())
    }
}

async fn expect(client: &Client, url: &str, needle: &str) -> Result<String, String> {
    check(client.get(url), needle).await
}

/// The request answers 200 with `needle` in its body, and how long it took.
async fn check(request: reqwest::RequestBuilder, needle: &str) -> Result<String, String> {
    let started = Instant::now();
    let response = request.send().await.map_err(|e| format!("{e:#}"))?;
    let status = response.status();
    let body = response.text().await.map_err(|e| format!("{e:#}"))?;
    let took = format!("{} ms", started.elapsed().as_millis());
    if status != StatusCode::OK {
        return Err(format!("status {status} after {took}: {}", body.chars().take(200).collect::<String>()));
    }
    if !body.contains(needle) {
        return Err(format!("200 but the answer lacks {needle}"));
    }
    Ok(took)
}
