//! The secret key: required in production, made beside a SQLite database in development and
//! kept there, so that sessions survive a restart and end when the key changes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{SECRET_KEY, serve, text};

/// Runs `radgestmat args` with these variables (and no secret key unless given); returns its
/// exit success and output. A command that would keep running is killed and fails the test.
fn run(vars: &[(&str, &str)], args: &[&str]) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_radgestmat"));
    command.args(args).env_remove("RADGESTMAT_SECRET_KEY").env("RADGESTMAT_LOG", "warn");
    for (key, value) in vars {
        command.env(key, value);
    }
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the binary starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("radgestmat {args:?} with {vars:?} did not stop: it should have refused to start");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (output.status.success(), text(&output))
}

fn sqlite(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("radgestmat.db").display())
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("radgestmat-key-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn production_refuses_to_start_without_a_good_secret_key() {
    let dir = scratch("production");
    let db = sqlite(&dir);
    let production = |more: &[(&'static str, String)]| {
        let mut vars = vec![("RADGESTMAT_ENV", "production".to_owned()), ("RADGESTMAT_DATABASE_URL", db.clone())];
        vars.extend(more.iter().cloned());
        vars
    };
    let refused = |vars: Vec<(&str, String)>, args: &[&str], why: &str| {
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (ok, out) = run(&vars, args);
        assert!(!ok, "{args:?} with {vars:?} started: {out}");
        assert!(out.contains(why), "{args:?} with {vars:?}: expected {why:?} in {out}");
    };
    let needs = "RADGESTMAT_ENV=production needs a secret key";
    refused(production(&[]), &["serve"], needs);
    refused(production(&[]), &["worker"], needs);
    assert!(!dir.join("radgestmat.db").exists(), "refused before opening the database");
    refused(production(&[]), &["config", "check"], &format!("FAIL  {needs}"));
    assert!(!dir.join("secret.key").exists(), "production never makes a development key");

    refused(production(&[("RADGESTMAT_SECRET_KEY", "court".into())]), &["serve"], "at least 32 characters (it has 5)");
    let file = dir.join("key");
    std::fs::write(&file, format!("{SECRET_KEY}\n")).unwrap();
    let both =
        [("RADGESTMAT_SECRET_KEY", SECRET_KEY.to_owned()), ("RADGESTMAT_SECRET_KEY_FILE", file.display().to_string())];
    refused(production(&both), &["serve"], "not both");
    let missing = [("RADGESTMAT_SECRET_KEY_FILE", "/nonexistent/radgestmat.key".to_owned())];
    refused(production(&missing), &["serve"], "reading the secret key /nonexistent/radgestmat.key");
    // PostgreSQL in development: no key file is made for it.
    let postgres = [("RADGESTMAT_DATABASE_URL", "postgres://radgestmat@127.0.0.1:1/radgestmat".to_owned())];
    refused(postgres.to_vec(), &["serve"], "a key file is made for you only beside a SQLite database");

    // The key from a file and from the variable are the same key.
    let from_file = [("RADGESTMAT_SECRET_KEY_FILE", file.display().to_string())];
    let vars: Vec<(&str, String)> = production(&from_file);
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (ok, by_file) = run(&vars, &["config", "check"]);
    assert!(ok, "{by_file}");
    let (_, by_variable) =
        run(&[("RADGESTMAT_DATABASE_URL", &db), ("RADGESTMAT_SECRET_KEY", SECRET_KEY)], &["config", "check"]);
    let fingerprint = |out: &str| out.split("fingerprint ").nth(1).map(|f| f[..8].to_owned()).expect("a fingerprint");
    assert_eq!(fingerprint(&by_file), fingerprint(&by_variable));
    assert!(!by_variable.contains(SECRET_KEY), "the key is never printed: {by_variable}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn development_makes_a_key_file_that_keeps_sessions_across_restarts() {
    let dir = scratch("development");
    let db = sqlite(&dir);
    let no_key = [("RADGESTMAT_SECRET_KEY", "")];
    let (mut first, base, password) = serve(&db, &no_key, Stdio::null());
    let key_file = dir.join("secret.key");
    let key = std::fs::read_to_string(&key_file).expect("a key file beside the database");
    assert_eq!(key.trim().len(), 43, "{key}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let client = reqwest::Client::new();
    let login = serde_json::json!({"username": "admin", "password": password});
    let reply = client.post(format!("{base}/api/v1/auth/login")).json(&login).send().await.unwrap();
    assert_eq!(reply.status(), 200);
    let cookie = reply.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let me = async |base: &str| {
        let reply = client.get(format!("{base}/api/v1/me")).header("cookie", &cookie).send().await.unwrap();
        reply.status().as_u16()
    };
    assert_eq!(me(&base).await, 200);
    let _ = first.kill();
    let _ = first.wait();

    // Restarted, it reads the same key: the session goes on.
    let (mut second, base, _) = serve(&db, &no_key, Stdio::null());
    assert_eq!(me(&base).await, 200, "the session survives a restart");
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), key, "the key file is kept");
    let _ = second.kill();
    let _ = second.wait();

    // Another key: everyone signs in again.
    let (mut third, base, _) = serve(&db, &[("RADGESTMAT_SECRET_KEY", SECRET_KEY)], Stdio::null());
    assert_eq!(me(&base).await, 401, "a new key ends the sessions");
    let _ = third.kill();
    let _ = third.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Settings sealed under one key, a worker started with another: it sends nothing, says so once
/// in its log, and shows `radgestmat_notifications_blocked 1` on its `/metrics` (an alert rule
/// watches it).
#[tokio::test]
async fn a_worker_with_another_key_reports_blocked_notifications() {
    use std::io::Read;

    let dir = scratch("blocked");
    let db = sqlite(&dir);
    let (mut app, base, password) = serve(&db, &[("RADGESTMAT_SECRET_KEY", "")], Stdio::null());
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let login = serde_json::json!({"username": "admin", "password": password});
    assert_eq!(client.post(format!("{base}/api/v1/auth/login")).json(&login).send().await.unwrap().status(), 200);
    let settings = serde_json::json!({"smtp_host": "127.0.0.1", "smtp_port": 2525, "smtp_security": "none",
        "smtp_username": "parc", "smtp_password": "secret", "smtp_from": "parc@magasin.tn"});
    let saved = client.put(format!("{base}/api/v1/settings/notifications")).json(&settings).send().await.unwrap();
    assert_eq!(saved.status(), 200);
    let _ = app.kill();
    let _ = app.wait();

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut worker = Command::new(env!("CARGO_BIN_EXE_radgestmat"))
        .args(["worker", "--listen", &format!("127.0.0.1:{port}")])
        .env("RADGESTMAT_DATABASE_URL", &db)
        .env("RADGESTMAT_SECRET_KEY", SECRET_KEY)
        .env("RADGESTMAT_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the worker starts");
    let started = Instant::now();
    let mut metrics = String::new();
    while !metrics.contains("radgestmat_notifications_blocked 1") {
        assert!(started.elapsed() < Duration::from_secs(20), "no blocked gauge: {metrics}");
        tokio::time::sleep(Duration::from_millis(200)).await;
        if let Ok(reply) = client.get(format!("http://127.0.0.1:{port}/metrics")).send().await {
            metrics = reply.text().await.unwrap();
        }
    }
    // A few more polls of the worker: the problem is still logged only once.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let _ = worker.kill();
    let _ = worker.wait();
    let mut logs = String::new();
    worker.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    let lines: Vec<&str> = logs.lines().filter(|l| l.contains("notification settings cannot be used")).collect();
    assert_eq!(lines.len(), 1, "{logs}");
    assert!(lines[0].contains("sealed with another secret key"), "{}", lines[0]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A planned rotation: the new key with the old one as previous keeps the sessions and the
/// saved secrets; after that start the old key can go — the secrets were sealed again.
#[tokio::test]
async fn a_planned_rotation_keeps_sessions_then_lets_the_old_key_go() {
    let dir = scratch("rotation");
    let db = sqlite(&dir);
    let (old, new) = ("the key that is being replaced, 40 chars", SECRET_KEY);
    let (mut first, base, password) = serve(&db, &[("RADGESTMAT_SECRET_KEY", old)], Stdio::null());
    let client = reqwest::Client::new();
    let login = serde_json::json!({"username": "admin", "password": password});
    let reply = client.post(format!("{base}/api/v1/auth/login")).json(&login).send().await.unwrap();
    let cookie = reply.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let settings = serde_json::json!({"smtp_host": "smtp.magasin.tn", "smtp_username": "parc",
        "smtp_password": "secret", "smtp_from": "parc@magasin.tn"});
    let path = "/api/v1/settings/notifications";
    let saved = client.put(format!("{base}{path}")).header("cookie", &cookie).json(&settings).send().await.unwrap();
    assert_eq!(saved.status(), 200);
    let _ = first.kill();
    let _ = first.wait();

    let state = async |base: &str, cookie: &str| {
        let reply = client.get(format!("{base}{path}")).header("cookie", cookie).send().await.unwrap();
        let status = reply.status().as_u16();
        (status, reply.json::<serde_json::Value>().await.unwrap_or_default()["smtp_password_state"].clone())
    };
    let same = [("RADGESTMAT_SECRET_KEY", new), ("RADGESTMAT_SECRET_KEY_PREVIOUS", new)];
    let (ok, out) = run(&[("RADGESTMAT_DATABASE_URL", &db), same[0], same[1]], &["serve"]);
    assert!(!ok && out.contains("RADGESTMAT_SECRET_KEY_PREVIOUS is the current key itself"), "{out}");

    let rotating = [("RADGESTMAT_SECRET_KEY", new), ("RADGESTMAT_SECRET_KEY_PREVIOUS", old)];
    let (mut second, base, _) = serve(&db, &rotating, Stdio::null());
    assert_eq!(state(&base, &cookie).await, (200, serde_json::json!("set")), "the session and the secret go on");
    let _ = second.kill();
    let _ = second.wait();

    let (mut third, base, _) = serve(&db, &[("RADGESTMAT_SECRET_KEY", new)], Stdio::null());
    assert_eq!(state(&base, &cookie).await.0, 401, "a cookie signed by the old key ends with it");
    let reply = client.post(format!("{base}/api/v1/auth/login")).json(&login).send().await.unwrap();
    let cookie = reply.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    assert_eq!(state(&base, &cookie).await, (200, serde_json::json!("set")), "the secret was sealed again");
    let _ = third.kill();
    let _ = third.wait();
    let _ = std::fs::remove_dir_all(&dir);
}
