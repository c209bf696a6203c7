//! Check-out and check-in through the API: the flows, kits and leavers, what people hold,
//! the assignment list, and bad input that changes nothing.

use radgestmat_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Catalogue, Reply, TestApp, fields_of};

/// A second site with two employees, and assets in the catalogue's stock room.
pub struct Floor {
    pub c: Catalogue,
    pub head_office: i64,
    pub amira: i64,
    pub karim: i64,
}

impl Floor {
    pub async fn new(app: &TestApp) -> Floor {
        let c = app.catalogue().await;
        let head_office =
            app.create("/api/v1/sites", json!({"code": "HQ", "name": "Siège", "kind": "head_office"})).await;
        let employee = |matricule: &str, first: &str| json!({"matricule": matricule, "first_name": first, "last_name": "Ben Ali", "site_id": head_office});
        let amira = app.create("/api/v1/employees", employee("E-1", "Amira")).await;
        let karim = app.create("/api/v1/employees", employee("E-2", "Karim")).await;
        Floor { c, head_office, amira, karim }
    }

    /// A new asset in stock, in the stock room; returns its id.
    pub async fn asset(&self, app: &TestApp, name: &str) -> i64 {
        let body =
            json!({"name": name, "model_id": self.c.model, "site_id": self.c.site, "location_id": self.c.location});
        app.create("/api/v1/assets", body).await
    }
}

pub fn in_days(days: i64) -> String {
    (chrono::Utc::now() + chrono::TimeDelta::days(days)).to_rfc3339()
}

pub async fn asset(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/api/v1/assets/{id}")).await.body
}

#[tokio::test]
async fn an_asset_goes_out_to_an_employee_and_comes_back_to_its_stock_room() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let id = f.asset(&app, "Portable Dell").await;
    let due = in_days(7);

    let out = app
        .post(
            &format!("/api/v1/assets/{id}/checkout"),
            json!({"employee_id": f.amira, "expected_return_at": due, "note": " sac inclus "}),
        )
        .await;
    assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    let me = app.get("/api/v1/me").await.body["id"].clone();
    assert_eq!(out.body["asset_id"], id);
    assert_eq!(out.body["employee_id"], f.amira);
    assert_eq!(out.body["checked_out_by"], me);
    assert_eq!(out.body["note"], "sac inclus");
    assert_eq!(out.body["overdue"], false);
    assert!(out.body["returned_at"].is_null());
    let held = asset(&app, id).await;
    assert_eq!(held["status"], "assigned");
    let home = (&json!(f.c.site), &json!(f.c.location));
    assert_eq!((&held["site_id"], &held["location_id"]), home, "a loan stays counted at home");
    assert_eq!(held["current_assignment"]["employee_id"], f.amira);
    assert_eq!(held["version"], 2);

    let again = app.post(&format!("/api/v1/assets/{id}/checkout"), json!({"employee_id": f.karim})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.body["detail"].as_str().unwrap().contains("already checked out"), "{}", again.body);

    // The body of a check-in is optional: a scanner just posts.
    let back = app.call(Method::POST, &format!("/api/v1/assets/{id}/checkin"), Some(&app.admin), None).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!((&back.body["condition"], &back.body["outcome"]), (&json!("ok"), &json!("returned")));
    assert_eq!(back.body["returned_by"], me);
    let home = asset(&app, id).await;
    assert_eq!(home["status"], "in_stock");
    assert_eq!((&home["site_id"], &home["location_id"]), (&json!(f.c.site), &json!(f.c.location)), "back home");
    assert!(home["current_assignment"].is_null());

    let twice = app.post(&format!("/api/v1/assets/{id}/checkin"), json!({})).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert!(twice.body["detail"].as_str().unwrap().contains("not checked out"));
}

#[tokio::test]
async fn the_reception_desk_works_by_scanned_tag_and_damage_goes_to_repair() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let id = f.asset(&app, "Chargeur").await;
    let tag = asset(&app, id).await["asset_tag"].as_str().unwrap().to_lowercase();
    let desk = app.user_token("accueil", Role::Reception).await;
    let (app, desk) = (&app, &desk);
    let call = |action: &str, body: Value| {
        let path = format!("/api/v1/assets/by-tag/{tag}/{action}");
        async move { app.call(Method::POST, &path, Some(desk), Some(body)).await }
    };

    let out = call("checkout", json!({"employee_id": f.karim, "expected_return_at": in_days(1)})).await;
    assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    assert_eq!(out.body["asset_tag"], tag.to_uppercase());
    let back = call("checkin", json!({"condition": "damaged", "note": "écran fissuré"})).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!((&back.body["condition"], &back.body["return_note"]), (&json!("damaged"), &json!("écran fissuré")));
    assert_eq!(asset(app, id).await["status"], "in_repair");

    let refused = call("checkout", json!({"employee_id": f.karim})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body["detail"].as_str().unwrap().contains("is in repair"), "{}", refused.body);
    let unknown = app
        .call(Method::POST, "/api/v1/assets/by-tag/NOPE-1/checkout", Some(desk), Some(json!({"employee_id": f.karim})))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_location_can_hold_an_asset_and_a_check_in_can_put_it_elsewhere() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let room = app.create("/api/v1/locations", json!({"site_id": f.head_office, "name": "Salle de réunion"})).await;
    let id = f.asset(&app, "Vidéoprojecteur").await;
    let out = app.post(&format!("/api/v1/assets/{id}/checkout"), json!({"location_id": room})).await;
    assert_eq!(out.status, StatusCode::CREATED, "{}", out.body);
    let there = asset(&app, id).await;
    assert_eq!((&there["site_id"], &there["location_id"]), (&json!(f.head_office), &json!(room)));
    // A location that holds an asset is in use.
    assert_eq!(app.delete(&format!("/api/v1/locations/{room}")).await.status, StatusCode::CONFLICT);

    let shelf = app.create("/api/v1/locations", json!({"site_id": f.head_office, "name": "Armoire IT"})).await;
    let back = app.post(&format!("/api/v1/assets/{id}/checkin"), json!({"location_id": shelf})).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    let moved = asset(&app, id).await;
    assert_eq!((&moved["status"], &moved["location_id"]), (&json!("in_stock"), &json!(shelf)));
}

#[tokio::test]
async fn a_lost_asset_closes_its_assignment() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let id = f.asset(&app, "Téléphone").await;
    let lost_in_stock = app.post(&format!("/api/v1/assets/{id}/lost"), json!({})).await;
    assert_eq!(lost_in_stock.status, StatusCode::CONFLICT, "only a checked-out asset: {}", lost_in_stock.body);
    app.post(&format!("/api/v1/assets/{id}/checkout"), json!({"employee_id": f.amira})).await;
    let lost = app.post(&format!("/api/v1/assets/{id}/lost"), json!({"note": "oublié dans le train"})).await;
    assert_eq!(lost.status, StatusCode::OK, "{}", lost.body);
    assert_eq!((&lost.body["outcome"], &lost.body["return_note"]), (&json!("lost"), &json!("oublié dans le train")));
    assert!(lost.body["returned_at"].is_string());
    assert_eq!(asset(&app, id).await["status"], "lost");
    assert_eq!(
        app.post(&format!("/api/v1/assets/{id}/checkout"), json!({"employee_id": f.karim})).await.status,
        StatusCode::CONFLICT
    );
    let history = app.get(&format!("/api/v1/assignments?asset_id={id}")).await.body;
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_employee_sees_what_they_hold_and_cannot_be_deactivated_while_holding_it() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let id = f.asset(&app, "Portable").await;
    let tag = asset(&app, id).await["asset_tag"].clone();
    app.post(
        &format!("/api/v1/assets/{id}/checkout"),
        json!({"employee_id": f.amira, "expected_return_at": in_days(3)}),
    )
    .await;

    let user = json!({"username": "amira", "display_name": "Amira", "role": "employee", "employee_id": f.amira, "password": crate::support::PASSWORD});
    assert_eq!(app.post("/api/v1/users", user).await.status, StatusCode::CREATED);
    let amira = app.user_token("amira", Role::Employee).await;
    let mine = app.call(Method::GET, "/api/v1/me/assets", Some(&amira), None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert_eq!(mine.body["items"][0]["asset_tag"], tag);
    assert!(mine.body["items"][0]["expected_return_at"].is_string());
    let nobody = app.call(Method::GET, "/api/v1/me/assets", Some(&app.admin), None).await;
    assert_eq!(nobody.body["items"], json!([]), "an account linked to no employee holds nothing");

    let path = format!("/api/v1/employees/{}", f.amira);
    let refused = app.patch(&path, json!({"active": false})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body["detail"].as_str().unwrap().contains(tag.as_str().unwrap()), "{}", refused.body);
    assert_eq!(app.get(&path).await.body["active"], true);
    let it = app.user_token("informatique", Role::It).await;
    let not_admin =
        app.call(Method::PATCH, &format!("{path}?force=true"), Some(&it), Some(json!({"active": false}))).await;
    assert_eq!(not_admin.status, StatusCode::FORBIDDEN, "{}", not_admin.body);
    let bad_flag = app.patch(&format!("{path}?force=maybe"), json!({"active": false})).await;
    assert_eq!(bad_flag.status, StatusCode::UNPROCESSABLE_ENTITY);
    let forced = app.patch(&format!("{path}?force=true"), json!({"active": false})).await;
    assert_eq!((forced.status, &forced.body["active"]), (StatusCode::OK, &json!(false)));
    let entry =
        &app.get(&format!("/api/v1/audit?entity=employee&entity_id={}&limit=1", f.amira)).await.body["items"][0];
    assert_eq!(entry["after"]["forced"], true, "{entry}");
    // Someone without equipment is deactivated without ceremony.
    assert_eq!(
        app.patch(&format!("/api/v1/employees/{}", f.karim), json!({"active": false})).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_assignment_list_filters_open_overdue_and_due_loans() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let mut assets = Vec::new();
    for n in 0..5 {
        assets.push(f.asset(&app, &format!("Portable {n}")).await);
    }
    let app = &app;
    let out = |id: i64, body: Value| async move { app.post(&format!("/api/v1/assets/{id}/checkout"), body).await };
    out(assets[0], json!({"employee_id": f.amira, "expected_return_at": in_days(2)})).await;
    out(assets[1], json!({"employee_id": f.amira, "expected_return_at": in_days(10)})).await;
    out(assets[2], json!({"employee_id": f.karim})).await;
    out(assets[3], json!({"employee_id": f.karim, "expected_return_at": in_days(1)})).await;
    app.post(&format!("/api/v1/assets/{}/checkin", assets[3]), json!({})).await;
    // A loan that fell due yesterday, as the clock would have it.
    let overdue_loan =
        out(assets[4], json!({"employee_id": f.karim, "expected_return_at": in_days(1)})).await.body["id"]
            .as_i64()
            .unwrap();
    let yesterday = (chrono::Utc::now() - chrono::TimeDelta::days(1)).format("%Y-%m-%d %H:%M:%S%:z");
    app.store
        .execute_raw(&format!("UPDATE assignments SET expected_return_at = '{yesterday}' WHERE id = {overdue_loan}"))
        .await
        .unwrap();

    let ids = |reply: Reply| -> Vec<i64> {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.body["items"].as_array().unwrap().iter().map(|a| a["asset_id"].as_i64().unwrap()).collect()
    };
    let all = ids(app.get("/api/v1/assignments").await);
    assert_eq!(all, [assets[4], assets[3], assets[2], assets[1], assets[0]], "newest check-out first");
    assert_eq!(ids(app.get("/api/v1/assignments?open=false").await), [assets[3]]);
    assert_eq!(ids(app.get("/api/v1/assignments?overdue=true").await), [assets[4]]);
    assert_eq!(ids(app.get("/api/v1/assignments?overdue=false").await).len(), 4);
    let listed = app.get("/api/v1/assignments?overdue=true").await.body;
    assert_eq!(listed["items"][0]["overdue"], true);
    let due = (chrono::Utc::now() + chrono::TimeDelta::days(5)).date_naive();
    assert_eq!(
        ids(app.get(&format!("/api/v1/assignments?due_before={due}&sort=expected_return_at")).await),
        [assets[4], assets[0]]
    );
    assert_eq!(
        ids(app.get(&format!("/api/v1/assignments?employee_id={}&open=true&sort=id", f.karim)).await),
        [assets[2], assets[4]]
    );
    assert_eq!(ids(app.get(&format!("/api/v1/assignments?asset_id={}", assets[3])).await), [assets[3]]);

    // Pages cover every assignment once, whatever the sort.
    for sort in ["checked_out_at", "-checked_out_at", "expected_return_at", "-expected_return_at", "id"] {
        let mut seen = Vec::new();
        let mut cursor = String::new();
        loop {
            let page = app.get(&format!("/api/v1/assignments?limit=2&sort={sort}&cursor={cursor}")).await.body;
            seen.extend(page["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()));
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_owned(),
                None => break,
            }
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 5, "sort={sort}");
    }
    for bad in ["open=maybe", "due_before=soon", "sort=asset_tag", "colour=red"] {
        let reply = app.get(&format!("/api/v1/assignments?{bad}")).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {}", reply.body);
    }
}

/// What a refused check-out must leave untouched.
async fn snapshot(app: &TestApp, id: i64) -> (Value, Value, Value) {
    let asset = asset(app, id).await;
    let assignments = app.get(&format!("/api/v1/assignments?asset_id={id}")).await.body["items"].clone();
    let newest = app.get("/api/v1/audit?limit=1").await.body["items"][0]["id"].clone();
    (json!([asset["status"], asset["version"], asset["site_id"]]), assignments, newest)
}

#[tokio::test]
async fn bad_check_outs_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let id = f.asset(&app, "Portable").await;
    let gone = app
        .create(
            "/api/v1/employees",
            json!({"matricule": "E-9", "first_name": "Sami", "last_name": "Trabelsi", "active": false}),
        )
        .await;
    let desk = app.user_token("accueil", Role::Reception).await;
    let before = snapshot(&app, id).await;
    let cases: Vec<(Option<&str>, Value, StatusCode, &str)> = vec![
        (None, json!({"employee_id": 999999}), StatusCode::UNPROCESSABLE_ENTITY, "employee_id"),
        (None, json!({"employee_id": gone}), StatusCode::UNPROCESSABLE_ENTITY, "employee_id"),
        (None, json!({"location_id": 999999}), StatusCode::UNPROCESSABLE_ENTITY, "location_id"),
        (
            None,
            json!({"employee_id": f.amira, "location_id": f.c.location}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "location_id",
        ),
        (None, json!({}), StatusCode::UNPROCESSABLE_ENTITY, "employee_id"),
        (
            None,
            json!({"employee_id": f.amira, "expected_return_at": in_days(-1)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "expected_return_at",
        ),
        (
            None,
            json!({"employee_id": f.amira, "checked_out_at": in_days(1)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "checked_out_at",
        ),
        (
            None,
            json!({"employee_id": f.amira, "expected_return_at": "demain"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "expected_return_at",
        ),
        (None, json!({"employee_id": f.amira, "colour": "red"}), StatusCode::UNPROCESSABLE_ENTITY, "colour"),
        (None, json!({"employee_id": -3}), StatusCode::UNPROCESSABLE_ENTITY, "employee_id"),
        (Some(&desk), json!({"employee_id": f.amira, "checked_out_at": in_days(-2)}), StatusCode::FORBIDDEN, ""),
    ];
    for (token, body, status, field) in cases {
        let reply = app
            .call(
                Method::POST,
                &format!("/api/v1/assets/{id}/checkout"),
                Some(token.unwrap_or(&app.admin)),
                Some(body.clone()),
            )
            .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        assert_eq!(reply.headers["content-type"], "application/problem+json", "{body}");
        if !field.is_empty() {
            assert!(fields_of(&reply.body).contains(&field.to_owned()), "{body}: {}", reply.body);
        }
        assert_eq!(snapshot(&app, id).await, before, "{body} changed nothing");
    }
    let broken = app
        .client
        .post(format!("{}/api/v1/assets/{id}/checkout", app.base))
        .bearer_auth(&app.admin)
        .header("content-type", "application/json")
        .body("{\"employee_id\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        app.post("/api/v1/assets/999999/checkout", json!({"employee_id": f.amira})).await.status,
        StatusCode::NOT_FOUND
    );

    // Retired and lost assets stay where they are.
    app.patch(&format!("/api/v1/assets/{id}"), json!({"status": "retired"})).await;
    let retired = app.post(&format!("/api/v1/assets/{id}/checkout"), json!({"employee_id": f.amira})).await;
    assert_eq!(retired.status, StatusCode::CONFLICT);
    assert_eq!(fields_of(&retired.body), ["status"]);

    // IT may record an earlier hand-over.
    let other = f.asset(&app, "Écran").await;
    let earlier = chrono::Utc::now() - chrono::TimeDelta::days(3);
    let backdated = app
        .post(&format!("/api/v1/assets/{other}/checkout"), json!({"employee_id": f.amira, "checked_out_at": earlier}))
        .await;
    assert_eq!(backdated.status, StatusCode::CREATED, "{}", backdated.body);
    let recorded: chrono::DateTime<chrono::Utc> = backdated.body["checked_out_at"].as_str().unwrap().parse().unwrap();
    assert!((recorded - earlier).num_milliseconds().abs() < 1, "{recorded} vs {earlier}");
}

#[tokio::test]
async fn demo_data_holds_consistent_assignments_and_late_loans() {
    let app = TestApp::spawn().await;
    let summary = app.store.load_demo_data(1_000, 7).await.expect("demo data");
    let assigned = app.total("/api/v1/assets?status=assigned").await;
    assert_eq!(summary.assignments, assigned);
    assert!(assigned > 150, "about a quarter of the assets are out: {assigned}");
    assert_eq!(app.total("/api/v1/assignments?open=true").await, assigned, "one open assignment per assigned asset");
    assert!(app.total("/api/v1/assignments?overdue=true").await > 0, "some loans are late");
    let first = &app.get("/api/v1/assets?status=assigned&limit=1").await.body["items"][0];
    let holder = app.get(&format!("/api/v1/employees/{}", first["current_assignment"]["employee_id"])).await.body;
    assert_eq!((holder["active"].clone(), first["site_id"].clone()), (json!(true), holder["site_id"].clone()));
    assert!(first["location_id"].is_null());
    let verify = app.get("/api/v1/audit/verify").await.body;
    assert_eq!(verify["ok"], true, "{verify}");
}

/// A loan leaves the asset counted at home (site and location); a hand-over for good moves it to
/// the holder's site; the dashboard counts it accordingly (issue 18, point 7).
#[tokio::test]
async fn a_loan_stays_counted_at_home_and_a_hand_over_moves_the_asset() {
    let app = TestApp::spawn().await;
    let f = Floor::new(&app).await;
    let (home, room) = (f.c.site, f.c.location);
    let lent = f.asset(&app, "Portable de prêt").await;
    let given = f.asset(&app, "Portable attribué").await;
    let loan = json!({"employee_id": f.amira, "expected_return_at": in_days(5)});
    assert_eq!(app.post(&format!("/api/v1/assets/{lent}/checkout"), loan).await.status, StatusCode::CREATED);
    let out = asset(&app, lent).await;
    assert_eq!(
        (&out["status"], &out["site_id"], &out["location_id"]),
        (&json!("assigned"), &json!(home), &json!(room))
    );
    app.post(&format!("/api/v1/assets/{given}/checkout"), json!({"employee_id": f.amira})).await;
    let moved = asset(&app, given).await;
    assert_eq!((&moved["site_id"], &moved["location_id"]), (&json!(f.head_office), &json!(null)), "{moved}");

    let board = app.store.dashboard().await.unwrap();
    let count = |site: i64| board.by_site.iter().find(|s| s.id == Some(site)).map_or(0, |s| s.count);
    assert_eq!((count(home), count(f.head_office)), (1, 1), "the loan counted at home, the hand-over at the holder's");
    // Back from the loan, where it was.
    app.post(&format!("/api/v1/assets/{lent}/checkin"), json!({})).await;
    let back = asset(&app, lent).await;
    assert_eq!((&back["site_id"], &back["location_id"]), (&json!(home), &json!(room)));
}
