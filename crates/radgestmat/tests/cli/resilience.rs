//! PostgreSQL stops under a running `radgestmat serve`: requests get a 503 problem quickly (no
//! hang, no crash), `/readyz` goes red, and when PostgreSQL is back the same process serves
//! again. The database is a private cluster (initdb on a free port), so that stopping it
//! disturbs no other test.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A PostgreSQL cluster of this test's own, run as the `postgres` user when we are root.
struct PrivatePostgres {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

fn as_postgres(program: &Path) -> Command {
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

impl PrivatePostgres {
    fn start() -> PrivatePostgres {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL's server binaries are needed (apt-get install postgresql)")
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .find(|p| p.join("initdb").exists())
            .expect("no initdb under /usr/lib/postgresql/*/bin");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = std::env::temp_dir().join(format!("radgestmat-pg-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let _ = Command::new("chown").args(["postgres:postgres"]).arg(&dir).status();
        let init = as_postgres(&bin.join("initdb"))
            .args(["-D"])
            .arg(dir.join("data"))
            .args(["-U", "postgres", "--auth=trust", "-E", "UTF8"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(init.success(), "initdb failed");
        let cluster = PrivatePostgres { dir, bin, port };
        cluster.resume();
        cluster
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn pg_ctl(&self, args: &[&str]) -> bool {
        as_postgres(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success()
    }

    fn resume(&self) {
        let options =
            format!("-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories={}", self.port, self.dir.display());
        let log = self.dir.join("log").display().to_string();
        assert!(self.pg_ctl(&["-l", &log, "-o", &options, "-w", "start"]), "PostgreSQL did not start");
    }

    /// Stops it as a crash would: connections are cut.
    fn kill(&self) {
        assert!(self.pg_ctl(&["-m", "immediate", "-w", "stop"]), "PostgreSQL did not stop");
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        self.pg_ctl(&["-m", "immediate", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

/// Runs in the PostgreSQL pass of `./scripts/test` (its cluster is its own either way).
#[tokio::test]
async fn requests_get_503_while_postgresql_is_down_and_succeed_again_when_it_returns() {
    if std::env::var("RADGESTMAT_TEST_DATABASE_URL").is_err() {
        return;
    }
    let pg = PrivatePostgres::start();
    let vars = [("RADGESTMAT_EMBEDDED_WORKER", "false"), ("RADGESTMAT_LOG", "warn")];
    let (child, base, password) = super::serve(&pg.url(), &vars, Stdio::null());
    let server = Server(child);
    let client = reqwest::Client::builder().cookie_store(true).timeout(Duration::from_secs(30)).build().unwrap();
    let login = serde_json::json!({"username": "admin", "password": password});
    assert_eq!(client.post(format!("{base}/api/v1/auth/login")).json(&login).send().await.unwrap().status(), 200);
    let assets = format!("{base}/api/v1/assets");
    assert_eq!(client.get(&assets).send().await.unwrap().status(), 200);

    pg.kill();
    for round in 0..2 {
        let started = Instant::now();
        let reply = client.get(&assets).send().await.unwrap();
        assert_eq!(reply.status(), 503, "round {round}");
        assert!(started.elapsed() < Duration::from_secs(8), "answered in {:?}, not a hang", started.elapsed());
        assert_eq!(reply.headers()["content-type"], "application/problem+json");
        assert_eq!(reply.headers()["retry-after"], "5");
        let problem: serde_json::Value = reply.json().await.unwrap();
        assert_eq!(problem["status"], 503);
    }
    assert_eq!(client.get(format!("{base}/readyz")).send().await.unwrap().status(), 503);
    assert_eq!(client.get(format!("{base}/healthz")).send().await.unwrap().status(), 200, "the process lives");
    let page = client.get(format!("{base}/assets")).header("accept-language", "fr").send().await.unwrap();
    assert_eq!(page.status(), 503);
    assert!(page.text().await.unwrap().contains("Service indisponible"), "the pages say it in words");

    pg.resume();
    let started = Instant::now();
    loop {
        let status = client.get(&assets).send().await.unwrap().status();
        if status == 200 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "still {status} 20 s after PostgreSQL returned");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(client.get(format!("{base}/readyz")).send().await.unwrap().status(), 200);
    drop(server);
}
