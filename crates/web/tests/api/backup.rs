//! Backups: one taken while people check assets out and in is one instant of the database (once
//! restored, every asset's status agrees with its assignments); scheduled ones are written,
//! pruned and reported.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use std::time::Duration;

use radgestmat_domain::{AssetStatus, AssignmentFilter, DomainError, Language, List, Reason};
use radgestmat_jobs::{BackupOptions, Worker, WorkerOptions};
use radgestmat_store::{NewJob, Store, StoreOptions};
use serde_json::json;

use crate::support::{TestApp, fresh_database};

#[tokio::test]
async fn every_table_of_the_schema_is_backed_up_or_left_out_on_purpose() {
    let app = TestApp::spawn().await;
    let missing = app.store.tables_missing_from_backups().await.expect("tables");
    assert!(missing.is_empty(), "tables a migration added that the backup leaves out: {missing:?}");
    // The check sees a table that a migration would add.
    app.store.execute_raw("CREATE TABLE repairs (id BIGINT PRIMARY KEY)").await.expect("a new table");
    assert_eq!(app.store.tables_missing_from_backups().await.expect("tables"), ["repairs"]);
}

#[tokio::test]
async fn a_backup_taken_during_check_outs_restores_to_a_consistent_instant() {
    let app = Arc::new(TestApp::spawn().await);
    let cat = app.catalogue().await;
    let mut assets = Vec::new();
    for n in 0..24 {
        assets
            .push(app.create("/api/v1/assets", json!({"name": format!("Portable {n}"), "model_id": cat.model})).await);
    }
    let employee =
        app.create("/api/v1/employees", json!({"matricule": "E-1", "first_name": "Rim", "last_name": "Jaziri"})).await;
    let stop = Arc::new(AtomicBool::new(false));
    let moves = Arc::new(AtomicU64::new(0));
    let mut writers = Vec::new();
    for lane in 0..4 {
        let (app, stop, moves) = (app.clone(), stop.clone(), moves.clone());
        let mine: Vec<i64> = assets.iter().copied().skip(lane).step_by(4).collect();
        writers.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                for id in &mine {
                    app.post(&format!("/api/v1/assets/{id}/checkout"), json!({"employee_id": employee})).await;
                    if *id % 2 == 0 {
                        app.post(&format!("/api/v1/assets/{id}/checkin"), json!({})).await;
                    }
                    moves.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let dir = std::env::temp_dir().join(format!("radgestmat-online-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut archives = Vec::new();
    while archives.len() < 3 {
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        let path = dir.join(format!("online-{}.rgmbak", archives.len()));
        app.store.backup(&path).await.unwrap();
        archives.push(path);
    }
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    assert!(moves.load(Ordering::Relaxed) > 24, "writers were busy during the backups");

    for archive in &archives {
        let store = Store::connect(&fresh_database().await, StoreOptions::default()).await.unwrap();
        let report = store.restore(archive).await.unwrap();
        assert!(report.manifest.tables.iter().any(|t| t.name == "assignments" && t.rows > 0));
        let restored = store.list_assets(&List { limit: 500, ..List::default() }).await.unwrap();
        let assigned = restored.items.iter().filter(|a| a.fields.status == AssetStatus::Assigned).count();
        for asset in &restored.items {
            let out = asset.fields.status == AssetStatus::Assigned;
            assert_eq!(out, asset.current_assignment.is_some(), "{} in {}", asset.tag(), archive.display());
        }
        let open = AssignmentFilter { open: Some(true), ..AssignmentFilter::default() };
        let open = List { count: true, ..List::of(open) };
        let open = store.list_assignments(&open).await.unwrap().total;
        assert_eq!(open, Some(assigned as u64), "one open assignment per assigned asset");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn worker_with_backups(app: &TestApp, dir: &std::path::Path, keep_daily: usize, keep_weekly: usize) -> Worker {
    let backups = BackupOptions { dir: dir.to_owned(), every: Duration::from_secs(3600), keep_daily, keep_weekly };
    let options =
        WorkerOptions { retry_base: Duration::from_millis(100), backups: Some(backups), ..Default::default() };
    Worker::new(app.app.clone(), app.store.clone(), options)
}

/// The worker schedules the backup of its tick, writes it, prunes the folder to the retention,
/// and `/metrics` says when the last one succeeded; a folder it cannot write fails the job.
#[tokio::test]
async fn scheduled_backups_are_written_pruned_and_reported() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    app.create("/api/v1/assets", json!({"name": "Serveur de caisse", "model_id": cat.model})).await;
    let dir = std::env::temp_dir().join(format!("radgestmat-scheduled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Older archives: two a day for the 20 previous days.
    let now = chrono::Utc::now();
    for hours in (24..24 * 21).step_by(12) {
        let at = now - chrono::TimeDelta::hours(hours);
        std::fs::write(dir.join(format!("radgestmat-{}.rgmbak", at.format("%Y%m%dT%H%M%SZ"))), b"old").unwrap();
    }
    std::fs::write(dir.join("notes.txt"), b"not an archive").unwrap();

    let running = tokio::spawn(worker_with_backups(&app, &dir, 3, 2).run());
    let started = std::time::Instant::now();
    let newest = loop {
        let done = app.get("/api/v1/jobs?kind=backup&state=succeeded").await.body["items"].as_array().unwrap().len();
        if done == 1 {
            break std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).max().unwrap();
        }
        assert!(started.elapsed() < Duration::from_secs(20), "no scheduled backup ran");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    running.abort();
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    // Today's new archive and the last of the two days before; the weeks add at most one more.
    let archives = names.iter().filter(|n| n.ends_with(".rgmbak")).count();
    assert!((3..=4).contains(&archives), "{names:?}");
    assert!(names.contains(&"notes.txt".to_owned()), "other files are left alone");
    let store = Store::connect(&fresh_database().await, StoreOptions::default()).await.unwrap();
    let report = store.restore(&newest).await.unwrap();
    assert!(report.manifest.tables.iter().any(|t| t.name == "assets" && t.rows == 1));
    let metrics = app.client.get(format!("{}/metrics", app.base)).send().await.unwrap().text().await.unwrap();
    let last: i64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("radgestmat_backup_last_success_timestamp_seconds "))
        .and_then(|v| v.parse().ok())
        .unwrap();
    assert!((now.timestamp() - 5..=chrono::Utc::now().timestamp()).contains(&last), "{last}");

    // A "folder" that is a file: the job fails and says why.
    let blocked = dir.join("notes.txt");
    let failing = worker_with_backups(&app, &blocked, 3, 2);
    app.store.enqueue(NewJob::now(&radgestmat_domain::Backup { tick: chrono::Utc::now() })).await.unwrap();
    failing.run_once().await.unwrap();
    let jobs = app.get("/api/v1/jobs?kind=backup&state=queued").await.body;
    let error = jobs["items"][0]["last_error"].as_str().unwrap_or_default().to_owned();
    assert!(error.contains("notes.txt"), "{jobs}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A NUL character that an old SQLite database holds cannot go into PostgreSQL: the restore
/// names the row and its column before writing anything. Into SQLite, the row comes back whole.
#[tokio::test]
async fn a_restore_names_a_row_that_the_database_cannot_store() {
    let dir = std::env::temp_dir().join("radgestmat-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}", dir.join(format!("nul-{}.db", std::process::id())).display());
    let source = TestApp::spawn_on(sqlite).await;
    let cat = source.catalogue().await;
    let asset = source.create("/api/v1/assets", json!({"name": "Écran", "model_id": cat.model})).await;
    source
        .store
        .execute_raw(&format!("UPDATE assets SET notes = 'a' || char(0) || 'b' WHERE id = {asset}"))
        .await
        .unwrap();
    let archive = dir.join(format!("nul-{}.rgmbak", std::process::id()));
    source.store.backup(&archive).await.unwrap();

    let target = Store::connect(&fresh_database().await, StoreOptions::default()).await.unwrap();
    let restored = target.restore(&archive).await;
    if target.backend_name() == "postgres" {
        let Err(radgestmat_store::Error::Domain(DomainError::Invalid(errors))) = restored else {
            panic!("the restore must refuse the row: {restored:?}")
        };
        let expected = Reason::NulInRow { table: "assets".into(), key: asset.to_string(), column: "notes".into() };
        assert_eq!(errors[0].reason, expected);
        assert!(errors[0].reason.text(Language::En).contains("column notes holds a NUL character"));
        assert_eq!(target.list_assets(&List::default()).await.unwrap().items.len(), 0, "nothing was written");
    } else {
        restored.expect("SQLite keeps the row");
        assert_eq!(target.get_asset(asset).await.unwrap().fields.notes.as_deref(), Some("a\0b"));
    }
    let _ = std::fs::remove_file(&archive);
}
