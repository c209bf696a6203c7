//! The core promise under real parallel requests: at most one open assignment per asset, no
//! `database is locked`, and a consistent state after storms of check-outs and check-ins.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::assignments::Floor;
use crate::support::TestApp;

async fn employees(app: &TestApp, n: usize) -> Vec<i64> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let body = json!({"matricule": format!("P-{i}"), "first_name": "Personne", "last_name": format!("{i}")});
        ids.push(app.create("/api/v1/employees", body).await);
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_check_outs_of_one_asset_let_exactly_one_through() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let id = f.asset(&app, "Portable convoité").await;
    let people = employees(&app, 50).await;
    let path = format!("/api/v1/assets/{id}/checkout");
    let replies = join_all(people.iter().map(|e| app.post(&path, json!({"employee_id": e})))).await;

    let won: Vec<&Value> = replies.iter().filter(|r| r.status == StatusCode::CREATED).map(|r| &r.body).collect();
    let lost = replies.iter().filter(|r| r.status == StatusCode::CONFLICT).count();
    let others: Vec<_> = replies
        .iter()
        .filter(|r| ![StatusCode::CREATED, StatusCode::CONFLICT].contains(&r.status))
        .map(|r| (r.status, r.body.clone()))
        .collect();
    assert!(others.is_empty(), "only 201 and 409: {others:?}");
    assert_eq!((won.len(), lost), (1, 49));
    let asset = app.get(&format!("/api/v1/assets/{id}")).await.body;
    assert_eq!(asset["current_assignment"]["employee_id"], won[0]["employee_id"]);
    assert_eq!(asset["version"], 2, "the asset moved once");
    assert_eq!(app.total(&format!("/api/v1/assignments?asset_id={id}")).await, 1);
    assert_eq!(app.total(&format!("/api/v1/audit?action=asset.checkout&entity_id={id}")).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_check_outs_of_different_assets_all_succeed() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let mut assets = Vec::new();
    for n in 0..50 {
        assets.push(f.asset(&app, &format!("Écran {n}")).await);
    }
    let paths: Vec<String> = assets.iter().map(|id| format!("/api/v1/assets/{id}/checkout")).collect();
    let replies = join_all(paths.iter().map(|p| app.post(p, json!({"employee_id": f.amira})))).await;
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    assert_eq!(app.total(&format!("/api/v1/assignments?employee_id={}&open=true", f.amira)).await, 50);
    assert_eq!(app.total("/api/v1/assets?status=assigned").await, 50);
}

/// A tiny deterministic generator: the storm is random-looking but reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn storms_of_check_outs_and_check_ins_leave_every_asset_consistent() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let people = employees(&app, 6).await;
    let mut assets = Vec::new();
    for n in 0..4 {
        assets.push(f.asset(&app, &format!("Terminal {n}")).await);
    }
    let mut rng = Lcg(0x5eed);
    let (mut outs, mut ins) = (0u64, 0u64);
    for _wave in 0..12 {
        let calls: Vec<(String, Value)> = (0..16)
            .map(|_| {
                let asset = assets[rng.next(assets.len())];
                if rng.next(2) == 0 {
                    (format!("/api/v1/assets/{asset}/checkout"), json!({"employee_id": people[rng.next(people.len())]}))
                } else {
                    (format!("/api/v1/assets/{asset}/checkin"), json!({}))
                }
            })
            .collect();
        let replies = join_all(calls.iter().map(|(path, body)| app.post(path, body.clone()))).await;
        for (reply, (path, _)) in replies.iter().zip(&calls) {
            match reply.status {
                StatusCode::CREATED => outs += 1,
                StatusCode::OK => ins += 1,
                StatusCode::CONFLICT => {}
                other => panic!("{path}: {other} {}", reply.body),
            }
        }
    }
    assert!(outs > 10 && ins > 10, "the storm exercised both ways: {outs} out, {ins} in");
    let mut assigned = 0;
    for id in &assets {
        let asset = app.get(&format!("/api/v1/assets/{id}")).await.body;
        let open = app.total(&format!("/api/v1/assignments?asset_id={id}&open=true")).await;
        let status = asset["status"].as_str().unwrap();
        assert!(matches!((status, open), ("assigned", 1) | ("in_stock", 0)), "asset {id}: {status} with {open} open");
        assert_eq!(asset["current_assignment"].is_null(), open == 0);
        assigned += open;
    }
    assert_eq!(outs - ins, assigned, "every success moved exactly one asset");
    assert_eq!(app.total("/api/v1/audit?action=asset.checkout").await, outs);
    assert_eq!(app.total("/api/v1/audit?action=asset.checkin").await, ins);
}
