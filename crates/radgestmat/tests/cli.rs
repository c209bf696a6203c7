//! The command line, run as a real process against a fresh database (SQLite by default,
//! PostgreSQL with `RADGESTMAT_TEST_DATABASE_URL`).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use radgestmat_store::{Store, StoreOptions};

#[path = "cli/resilience.rs"]
mod resilience;
#[path = "cli/secret_key.rs"]
mod secret_key;

async fn fresh_database(name: &str) -> String {
    let unique = format!("cli_{name}_{}", std::process::id());
    match std::env::var("RADGESTMAT_TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let admin = Store::connect(&base, StoreOptions::default()).await.expect("PostgreSQL is not reachable");
            // Once per process: concurrent CREATE EXTENSION calls collide.
            static EXTENSION: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
            EXTENSION
                .get_or_init(|| async {
                    admin.execute_raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").await.expect("pg_trgm")
                })
                .await;
            admin
                .execute_raw(&format!("DROP SCHEMA IF EXISTS {unique} CASCADE; CREATE SCHEMA {unique}"))
                .await
                .unwrap();
            let separator = if base.contains('?') { '&' } else { '?' };
            format!("{base}{separator}options=-c%20search_path%3D{unique}%2Cpublic")
        }
        _ => {
            let dir = std::env::temp_dir().join("radgestmat-tests");
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("{unique}.db"));
            let _ = std::fs::remove_file(&file);
            format!("sqlite://{}", file.display())
        }
    }
}

/// The secret key the commands run with (with PostgreSQL none is made for them).
const SECRET_KEY: &str = "the secret key of the command-line tests";

fn radgestmat(database: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_radgestmat"))
        .args(args)
        .env("RADGESTMAT_DATABASE_URL", database)
        .env("RADGESTMAT_SECRET_KEY", SECRET_KEY)
        .env("RADGESTMAT_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// `radgestmat serve` on `database` with these extra variables, started: the process, its
/// address and the first administrator's password it printed (empty when there was one already).
fn serve(database: &str, vars: &[(&str, &str)], stderr: Stdio) -> (std::process::Child, String, String) {
    use std::io::{BufRead, BufReader};

    let mut command = Command::new(env!("CARGO_BIN_EXE_radgestmat"));
    command.arg("serve").env("RADGESTMAT_DATABASE_URL", database).env("RADGESTMAT_LISTEN", "127.0.0.1:0");
    command.env("RADGESTMAT_SECRET_KEY", SECRET_KEY);
    for (key, value) in vars {
        command.env(key, value);
    }
    let mut child = command.stdout(Stdio::piped()).stderr(stderr).spawn().expect("the binary starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (mut password, mut base, mut line) = (String::new(), String::new(), String::new());
    while base.is_empty() && stdout.read_line(&mut line).unwrap() > 0 {
        if let Some(p) = line.split("password:").nth(1) {
            password = p.trim().to_owned();
        }
        if let Some(url) = line.strip_prefix("RadGestMat: ") {
            base = url.split_whitespace().next().unwrap().to_owned();
        }
        line.clear();
    }
    assert!(!base.is_empty(), "serve prints its address");
    (child, base, password)
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[tokio::test]
async fn audit_verify_passes_then_fails_on_an_edited_entry_and_anchor_prints_the_head() {
    let db = fresh_database("audit").await;
    let created = radgestmat(
        &db,
        &["user", "create", "--username", "it1", "--role", "it", "--password-stdin"],
        "a long password\n",
    );
    assert!(created.status.success(), "{}", text(&created));
    radgestmat(&db, &["user", "create", "--username", "it2", "--role", "it", "--password-stdin"], "a long password\n");

    let verify = radgestmat(&db, &["audit", "verify"], "");
    assert!(verify.status.success(), "{}", text(&verify));
    let report: serde_json::Value = serde_json::from_slice(&verify.stdout).unwrap();
    assert_eq!(report, serde_json::json!({"ok": true, "checked": 2, "pending": 0, "first_broken_id": null}));

    let anchor = radgestmat(&db, &["audit", "anchor"], "");
    let head: serde_json::Value = serde_json::from_slice(&anchor.stdout).unwrap();
    assert_eq!((head["seq"].as_i64(), head["hash"].as_str().map(str::len)), (Some(2), Some(64)));

    // Behind the app's back, with the triggers out of the way, rewrite who was created first.
    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
    let forge = "UPDATE audit_entries SET after = replace(after, 'it1', 'intrus') WHERE id = 1";
    let sql = if store.backend_name() == "postgres" {
        format!("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only; {forge}")
    } else {
        format!("DROP TRIGGER audit_entries_no_update; {forge}")
    };
    store.execute_raw(&sql).await.unwrap();
    let verify = radgestmat(&db, &["audit", "verify"], "");
    assert!(!verify.status.success(), "a broken chain fails the command");
    assert!(text(&verify).contains("from entry 1 on"), "{}", text(&verify));
}

#[tokio::test]
async fn user_create_reads_the_password_from_stdin_and_refuses_bad_input() {
    let db = fresh_database("user").await;
    let short =
        radgestmat(&db, &["user", "create", "--username", "xavier", "--role", "it", "--password-stdin"], "short\n");
    assert!(!short.status.success());
    assert!(text(&short).contains("password"), "{}", text(&short));
    let role = radgestmat(&db, &["user", "create", "--username", "xavier", "--role", "boss", "--password-stdin"], "");
    assert!(!role.status.success());
    assert!(text(&role).contains("admin, it, reception, direction, employee"), "{}", text(&role));
    let nobody =
        ["user", "create", "--username", "amira", "--role", "employee", "--employee", "E-404", "--password-stdin"];
    let unknown = radgestmat(&db, &nobody, "a long password\n");
    assert!(
        !unknown.status.success() && text(&unknown).contains("no employee has the matricule E-404"),
        "{}",
        text(&unknown)
    );
}

/// `--employee MATRICULE` links the account to its employee, `--link-by-email` finds them.
#[tokio::test]
async fn user_create_links_the_account_to_its_employee() {
    use radgestmat_domain::{Actor, EmployeeFields};

    let db = fresh_database("link").await;
    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
    store.migrate().await.unwrap();
    let actor = Actor::system("tests");
    let employee = |matricule: &str, email: &str| EmployeeFields {
        matricule: matricule.into(),
        first_name: "Amira".into(),
        last_name: "Ben Ali".into(),
        email: Some(email.into()),
        department_id: None,
        site_id: None,
        active: true,
    };
    let amira = store.create::<radgestmat_store::Employees>(&actor, employee("E-1", "amira@magasin.tn")).await.unwrap();
    let salma = store.create::<radgestmat_store::Employees>(&actor, employee("E-2", "salma@magasin.tn")).await.unwrap();
    let by_matricule =
        ["user", "create", "--username", "amira", "--role", "employee", "--employee", "E-1", "--password-stdin"];
    let created = radgestmat(&db, &by_matricule, "a long password\n");
    assert!(text(&created).contains(&format!("linked to employee {}", amira.id)), "{}", text(&created));
    let by_email = [
        "user",
        "create",
        "--username",
        "salma",
        "--role",
        "employee",
        "--email",
        "SALMA@magasin.tn",
        "--link-by-email",
        "--password-stdin",
    ];
    let created = radgestmat(&db, &by_email, "a long password\n");
    assert!(text(&created).contains(&format!("linked to employee {}", salma.id)), "{}", text(&created));
}

/// The lost administrator password: `user set-password` from the server's shell.
#[tokio::test]
async fn set_password_gives_a_lost_account_back_and_refuses_bad_input() {
    use radgestmat_domain::Actor;
    use radgestmat_store::LoginAttempt;

    let db = fresh_database("setpw").await;
    let created = radgestmat(
        &db,
        &["user", "create", "--username", "patron", "--role", "admin", "--password-stdin"],
        "premier mot de passe\n",
    );
    assert!(created.status.success(), "{}", text(&created));
    let args = ["user", "set-password", "--username", "patron", "--password-stdin"];
    assert!(!radgestmat(&db, &args, "court\n").status.success(), "a short password is refused");
    let unknown = radgestmat(
        &db,
        &["user", "set-password", "--username", "personne", "--password-stdin"],
        "nouveau mot de passe\n",
    );
    assert!(text(&unknown).contains("no account named personne"), "{}", text(&unknown));
    let changed = radgestmat(&db, &args, "nouveau mot de passe\n");
    assert!(changed.status.success(), "{}", text(&changed));

    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
    let attempt = |password: &str| LoginAttempt {
        username: "patron".into(),
        password: radgestmat_domain::Password::new(password),
    };
    assert!(store.login(&Actor::default(), attempt("premier mot de passe")).await.is_err());
    assert!(store.login(&Actor::default(), attempt("nouveau mot de passe")).await.is_ok());
}

/// `serve` with JSON logs: one line per request with method, path, status, latency, request id
/// and user id; no secret in the logs; SIGTERM stops it cleanly.
#[tokio::test]
async fn serve_logs_one_json_line_per_request_without_secrets() {
    use std::io::Read;

    let db = fresh_database("logs").await;
    let vars = [("RADGESTMAT_LOG_FORMAT", "json"), ("RADGESTMAT_LOG", "info")];
    let (mut child, base, password) = serve(&db, &vars, Stdio::piped());

    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let login = serde_json::json!({"username": "admin", "password": password});
    let reply = client.post(format!("{base}/api/v1/auth/login")).json(&login).send().await.unwrap();
    assert_eq!(reply.status(), 200);
    let me = client.get(format!("{base}/api/v1/me")).header("x-request-id", "trace-me-42").send().await.unwrap();
    assert_eq!(me.headers()["x-request-id"], "trace-me-42", "the request id is echoed");

    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "SIGTERM is a clean stop");
    let mut logs = String::new();
    child.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    assert!(!logs.contains(&password), "the password never reaches the logs");
    assert!(!logs.contains(SECRET_KEY), "nor the secret key");
    let lines: Vec<serde_json::Value> =
        logs.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}"))).collect();
    let request = lines
        .iter()
        .find(|l| l["span"]["request_id"] == "trace-me-42")
        .unwrap_or_else(|| panic!("a line for the request: {logs}"));
    assert_eq!(request["span"]["method"], "GET");
    assert_eq!(request["span"]["path"], "/api/v1/me");
    assert_eq!(request["status"], 200);
    assert!(request["latency_ms"].as_f64().is_some());
    assert_eq!(request["span"]["user_id"], 1);
}

/// Two `radgestmat worker` processes on one database, scanning every second: each tick's scan
/// is enqueued by both and runs once, and every alert opens once.
#[tokio::test]
async fn two_workers_run_each_scheduled_scan_once() {
    let db = fresh_database("workers").await;
    let demo = radgestmat(&db, &["demo-data", "--assets", "300"], "");
    assert!(demo.status.success(), "{}", text(&demo));
    let start = |listen: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_radgestmat"))
            .args(["worker"])
            .args(listen)
            .env("RADGESTMAT_DATABASE_URL", &db)
            .env("RADGESTMAT_SECRET_KEY", SECRET_KEY)
            .env("RADGESTMAT_ALERT_SCAN_SECONDS", "1")
            .env("RADGESTMAT_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the worker starts")
    };
    let started = std::time::Instant::now();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut workers = [start(&["--listen", &format!("127.0.0.1:{port}")]), start(&[])];
    tokio::time::sleep(std::time::Duration::from_millis(4_500)).await;
    // The first serves its probes, what it counted and what the database holds.
    let probe = |path: &str| reqwest::get(format!("http://127.0.0.1:{port}{path}"));
    assert_eq!(probe("/readyz").await.expect("readyz").status(), 200);
    let metrics = probe("/metrics").await.expect("metrics").text().await.unwrap();
    assert!(metrics.contains(r#"radgestmat_http_requests_total{method="GET",route="/readyz",status="200"} 1"#));
    assert!(metrics.contains(r#"radgestmat_jobs{kind="alert_scan",state="succeeded"}"#), "{metrics}");
    assert!(metrics.contains("radgestmat_database_up 1"), "{metrics}");
    for worker in &mut workers {
        Command::new("kill").args(["-TERM", &worker.id().to_string()]).status().unwrap();
    }
    let mut logs = String::new();
    for worker in workers {
        let output = worker.wait_with_output().unwrap();
        assert!(output.status.success(), "SIGTERM is a clean stop");
        logs.push_str(&String::from_utf8_lossy(&output.stderr));
    }
    let elapsed = started.elapsed().as_secs_f64();

    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
    let pairs = |filters: &[(&str, &str)]| {
        let mut pairs: Vec<(String, String)> = filters.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        pairs.push(("limit".into(), "500".into()));
        radgestmat_domain::List::<radgestmat_domain::JobFilter>::parse(pairs).unwrap()
    };
    let scans = store.list_jobs(&pairs(&[("kind", "alert_scan")])).await.unwrap().items;
    // Both nodes enqueue every tick; one row per tick lands.
    assert!(scans.len() >= 3 && scans.len() as f64 <= elapsed.ceil() + 1.0, "{} scans in {elapsed} s", scans.len());
    assert!(scans.iter().all(|j| j.attempts <= 1), "no scan ran twice: {scans:?}");
    assert!(store.list_jobs(&pairs(&[("state", "failed")])).await.unwrap().items.is_empty(), "{logs}");
    let succeeded = scans.iter().filter(|j| j.state == radgestmat_domain::JobState::Succeeded).count();
    assert!(succeeded >= 2, "{scans:?}");

    let alerts = store
        .list_alerts(&radgestmat_domain::List::<radgestmat_domain::AlertFilter> { count: true, ..Default::default() })
        .await
        .unwrap();
    assert!(alerts.total.unwrap() > 0, "the demo data has late loans and lost assets");
    assert!(!logs.contains("ERROR"), "{logs}");
}

/// `radgestmat smoke` against a served instance: every check passes with the right password;
/// a wrong one, or nothing listening, gives exit status 1 and says what failed.
#[tokio::test]
async fn smoke_passes_on_a_running_instance_and_fails_loudly_otherwise() {
    let db = fresh_database("smoke").await;
    let (mut child, base, password) = serve(&db, &[("RADGESTMAT_LOG", "warn")], Stdio::null());
    let smoke = |password: &str, url: &str| {
        let args = ["smoke", "--url", url, "--username", "admin", "--password-stdin"];
        radgestmat("sqlite://unused.db", &args, &format!("{password}\n"))
    };
    let ok = smoke(&password, &base);
    assert!(ok.status.success(), "{}", text(&ok));
    for check in
        ["health", "readiness (database)", "OpenAPI document", "web interface", "metrics", "sign-in", "asset list"]
    {
        assert!(text(&ok).contains(&format!("ok    {check} (")), "{check}: {}", text(&ok));
    }
    let liveness = radgestmat("sqlite://unused.db", &["smoke", "--health-only", "--url", &base], "");
    assert!(liveness.status.success() && text(&liveness).is_empty(), "{}", text(&liveness));
    let wrong = smoke("not the password", &base);
    assert!(!wrong.status.success());
    assert!(text(&wrong).contains("FAIL  sign-in: status 401"), "{}", text(&wrong));
    let _ = child.kill();
    let _ = child.wait();
    let nothing = smoke(&password, &base);
    assert!(!nothing.status.success());
    let dead = radgestmat("sqlite://unused.db", &["smoke", "--health-only", "--url", &base], "");
    assert!(!dead.status.success(), "the liveness check fails when nothing answers");
    assert!(text(&nothing).contains("FAIL  health"), "{}", text(&nothing));
}

/// `radgestmat config check` prints the settings without their secrets and refuses what cannot work.
#[test]
fn config_check_redacts_secrets_and_names_each_problem() {
    let dir = std::env::temp_dir().join(format!("radgestmat-config-{}", std::process::id()));
    let db = format!("sqlite://{}", dir.join("check.db").display());
    let run = |vars: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_radgestmat"));
        command.args(["config", "check"]).env("RADGESTMAT_DATABASE_URL", &db);
        for (k, v) in vars {
            command.env(k, v);
        }
        command.output().unwrap()
    };
    let good = run(&[("RADGESTMAT_SMTP_URL", "smtp://parc:motdepasse-smtp@mail.tn:587?tls=required")]);
    assert!(good.status.success(), "{}", text(&good));
    assert!(text(&good).contains("smtp://parc:***@mail.tn:587"), "{}", text(&good));
    assert!(!text(&good).contains("motdepasse-smtp"));
    let bad = run(&[
        ("RADGESTMAT_SMTP_URL", "http://mail.tn"),
        ("RADGESTMAT_PUBLIC_URL", "https://parc.tn"),
        ("RADGESTMAT_WEBHOOK_SECRET", "tres-secret"),
    ]);
    assert!(!bad.status.success());
    let out = text(&bad);
    assert!(out.contains("FAIL  notification settings: SMTP URL"), "{out}");
    assert!(out.contains("FAIL  RADGESTMAT_COOKIE_SECURE must be true"), "{out}");
    assert!(out.contains("RADGESTMAT_WEBHOOK_SECRET      (set)") && !out.contains("tres-secret"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The last line of an archive: its manifest of counts and checksums.
fn manifest_of(archive: &std::path::Path) -> String {
    use std::io::BufRead;
    let lines = std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(archive).unwrap())).lines();
    lines.map(Result::unwrap).last().unwrap()
}

/// `backup` then `restore` into an empty database of the other kind and back: the same rows,
/// checked by the restore itself (counts, checksums, audit chain) and by the two manifests.
/// In the PostgreSQL pass this is PostgreSQL → SQLite → PostgreSQL.
#[tokio::test]
async fn backup_restores_into_an_empty_database_of_either_kind() {
    let dir = std::env::temp_dir().join(format!("radgestmat-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = fresh_database("backup_src").await;
    assert!(radgestmat(&source, &["demo-data", "--assets", "200"], "").status.success());
    let first = dir.join("first.rgmbak");
    let out = radgestmat(&source, &["backup", "--out", first.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out));

    let sqlite = format!("sqlite://{}", dir.join("restored.db").display());
    let restored = radgestmat(&sqlite, &["restore", first.to_str().unwrap()], "");
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(text(&restored).contains("counts and checksums match; audit chain verified"), "{}", text(&restored));
    let again = radgestmat(&sqlite, &["restore", first.to_str().unwrap()], "");
    assert!(text(&again).contains("restore needs an empty database"), "{}", text(&again));

    let second = dir.join("second.rgmbak");
    assert!(radgestmat(&sqlite, &["backup", "--out", second.to_str().unwrap()], "").status.success());
    let target = fresh_database("backup_dst").await;
    let back = radgestmat(&target, &["restore", second.to_str().unwrap()], "");
    assert!(back.status.success(), "{}", text(&back));
    assert_eq!(manifest_of(&first), manifest_of(&second), "the same rows after a round trip");

    // A row changed inside the archive, or an archive cut short, is refused.
    let tampered = dir.join("tampered.rgmbak");
    {
        use std::io::{BufRead, Write};
        let input = std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(&first).unwrap()));
        let mut output = flate2::write::GzEncoder::new(std::fs::File::create(&tampered).unwrap(), Default::default());
        let mut done = false;
        for line in input.lines().map(Result::unwrap) {
            let line = if !done && line.contains("\"Siège Tunis\"") {
                done = true;
                line.replace("Siège Tunis", "Siège Sfax")
            } else {
                line
            };
            writeln!(output, "{line}").unwrap();
        }
        output.finish().unwrap();
        assert!(done, "the demo data has the head office");
    }
    let empty = format!("sqlite://{}", dir.join("empty.db").display());
    let refused = radgestmat(&empty, &["restore", tampered.to_str().unwrap()], "");
    assert!(!refused.status.success());
    assert!(text(&refused).contains("table sites differs after restore"), "{}", text(&refused));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn import_reports_the_dry_run_then_commits_all_or_nothing() {
    let db = fresh_database("import").await;
    let dir = std::env::temp_dir().join(format!("radgestmat-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("inventaire.csv");
    std::fs::write(
        &file,
        "N° d'inventaire;Modèle;Catégorie;Fabricant;Site;Emplacement;Prix d'achat\n\
         PC-1;Latitude 5440;Portables;Dell;Magasin Sfax;Réserve;1 200,000\n\
         PC-2;Latitude 5440;Portables;Dell;Magasin Sfax;Réserve;douze\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();

    let dry = radgestmat(&db, &["import", "assets", file], "");
    assert!(dry.status.success(), "{}", text(&dry));
    let out = text(&dry);
    assert!(out.contains("0 to create, 0 to update, 0 unchanged, 2 in error"), "{out}");
    assert!(out.contains("line 2 [Modèle]: no model is named “Latitude 5440”"), "{out}");
    assert!(out.contains("line 3 [Prix d'achat]: must be an amount"), "{out}");
    assert!(out.contains("dry run: nothing was written"), "{out}");

    let refused = radgestmat(&db, &["import", "assets", file, "--create-missing", "--commit"], "");
    assert!(!refused.status.success(), "a file with an error is not committed: {}", text(&refused));
    assert!(text(&refused).contains("1 row is in error"), "{}", text(&refused));

    let done = radgestmat(&db, &["import", "assets", file, "--create-missing", "--commit", "--skip-errors"], "");
    assert!(done.status.success(), "{}", text(&done));
    assert!(
        text(&done).contains("committed: 1 assets registered, 0 changed, 1 rows in error left out"),
        "{}",
        text(&done)
    );
    let again = radgestmat(&db, &["import", "assets", file, "--mode", "upsert"], "");
    assert!(text(&again).contains("0 to create, 0 to update, 1 unchanged, 1 in error"), "{}", text(&again));

    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
    let page = store.list_assets(&Default::default()).await.unwrap();
    let tags: Vec<&str> = page.items.iter().map(|a| a.tag()).collect();
    assert_eq!(tags, ["PC-1"]);
    assert_eq!(page.items[0].fields.purchase_cost, Some(1_200_000));
    let bad = radgestmat(&db, &["import", "printers", file], "");
    assert!(!bad.status.success() && text(&bad).contains("employees"), "{}", text(&bad));

    let staff = dir.join("personnel.csv");
    std::fs::write(
        &staff,
        "Matricule;Nom;Prénom;Magasin
E1;Ben Salah;Amira;Magasin Sfax
",
    )
    .unwrap();
    let hired = radgestmat(&db, &["import", "employees", staff.to_str().unwrap(), "--commit"], "");
    assert!(text(&hired).contains("committed: 1 employees registered, 0 changed"), "{}", text(&hired));
}
