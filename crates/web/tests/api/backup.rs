//! A backup taken while people check assets out and in is one instant of the database: once
//! restored, its audit chain verifies and every asset's status agrees with its assignments.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use radgestmat_domain::{AssetStatus, ListQuery};
use radgestmat_store::{ASSET_FILTERS, ASSET_SORTS, ASSIGNMENT_FILTERS, ASSIGNMENT_SORTS, Store, StoreOptions};
use serde_json::json;

use crate::support::{TestApp, fresh_database};

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
        let pairs = vec![("limit".into(), "500".into())];
        let restored = store.list_assets(&ListQuery::parse(pairs, ASSET_SORTS, ASSET_FILTERS).unwrap()).await.unwrap();
        let assigned = restored.items.iter().filter(|a| a.fields.status == AssetStatus::Assigned).count();
        for asset in &restored.items {
            let out = asset.fields.status == AssetStatus::Assigned;
            assert_eq!(out, asset.current_assignment.is_some(), "{} in {}", asset.tag(), archive.display());
        }
        let open = vec![("open".into(), "true".into()), ("count".into(), "true".into())];
        let open = ListQuery::parse(open, ASSIGNMENT_SORTS, ASSIGNMENT_FILTERS).unwrap();
        let open = store.list_assignments(&open).await.unwrap().total;
        assert_eq!(open, Some(assigned as u64), "one open assignment per assigned asset");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
