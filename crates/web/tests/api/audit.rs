//! The audit log: one entry per change, in the change's transaction; append-only; a hash
//! chain that stays one line under concurrent writers and points at a tampered entry.

use std::collections::BTreeSet;

use radgestmat_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::receivers::SmtpSink;
use crate::support::{PASSWORD, Reply, TestApp};

/// One mutating call and the entry it must leave.
struct Case {
    method: Method,
    /// The OpenAPI path template, to check that the table covers every mutating operation.
    template: String,
    path: String,
    /// `false`: call without credentials (login).
    signed_in: bool,
    body: Option<Value>,
    action: String,
    entity_id: Option<i64>,
    /// Keys and values the entry's `before` / `after` must hold.
    before: Value,
    after: Value,
}

fn case(method: Method, template: &str, path: impl Into<String>, body: Option<Value>, action: &str) -> Case {
    Case {
        method,
        template: template.to_owned(),
        path: path.into(),
        signed_in: true,
        body,
        action: action.to_owned(),
        entity_id: None,
        before: Value::Null,
        after: Value::Null,
    }
}

impl Case {
    fn id(mut self, id: i64) -> Case {
        self.entity_id = Some(id);
        self
    }
    fn changes(mut self, before: Value, after: Value) -> Case {
        (self.before, self.after) = (before, after);
        self
    }
}

/// The newest entries, newest first.
async fn latest(app: &TestApp, limit: u32) -> Vec<Value> {
    let page = app.get(&format!("/api/v1/audit?limit={limit}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.body["items"].as_array().cloned().unwrap_or_default()
}

async fn newest_id(app: &TestApp) -> i64 {
    latest(app, 1).await.first().map_or(0, |e| e["id"].as_i64().unwrap())
}

/// Every key of `expected` has that value in `actual` (an object).
fn assert_holds(actual: &Value, expected: &Value, what: &str) {
    for (key, value) in expected.as_object().into_iter().flatten() {
        assert_eq!(&actual[key], value, "{what}: `{key}` in {actual}");
    }
}

/// Runs cases as the admin and remembers which operations they covered.
struct Audited<'a> {
    app: &'a TestApp,
    me: i64,
    covered: BTreeSet<(String, String)>,
}

impl Audited<'_> {
    /// Makes the call and returns the one entry it left, checked against the case.
    async fn check(&mut self, case: Case) -> Value {
        let app = self.app;
        let before = newest_id(app).await;
        let token = case.signed_in.then_some(app.admin.as_str());
        let reply: Reply = app.call(case.method.clone(), &case.path, token, case.body.clone()).await;
        let what = format!("{} {}", case.method, case.path);
        assert!(reply.status.is_success(), "{what}: {} {}", reply.status, reply.body);
        let new: Vec<Value> =
            latest(app, 10).await.into_iter().filter(|e| e["id"].as_i64().unwrap() > before).collect();
        assert_eq!(new.len(), 1, "{what} leaves exactly one entry: {new:?}");
        let entry = new.into_iter().next().unwrap();
        assert_eq!(entry["action"], case.action, "{what}");
        assert_eq!(entry["actor_id"], self.me, "{what}");
        assert_eq!(entry["ip"], "127.0.0.1", "{what}");
        assert_eq!(entry["request_id"], reply.headers["x-request-id"].to_str().unwrap(), "{what}");
        if let Some(id) = case.entity_id {
            assert_eq!(entry["entity_id"], id, "{what}");
        }
        assert_holds(&entry["before"], &case.before, &what);
        assert_holds(&entry["after"], &case.after, &what);
        self.covered.insert((case.method.to_string(), case.template));
        entry
    }
}

#[tokio::test]
async fn every_mutation_leaves_one_entry_with_its_changes() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let me = app.get("/api/v1/me").await.body["id"].as_i64().unwrap();
    let mut audited = Audited { app: &app, me, covered: BTreeSet::new() };
    // (entity, collection, body to create, a field to change, its new value)
    let resources = [
        (
            "site",
            "sites",
            json!({"code": "mag-02", "name": "Magasin Sousse", "kind": "store"}),
            "name",
            json!("Sousse 2"),
        ),
        ("location", "locations", json!({"site_id": c.site, "name": "Bureau"}), "name", json!("Bureau 2")),
        ("department", "departments", json!({"name": "Caisse"}), "name", json!("Caisses")),
        (
            "employee",
            "employees",
            json!({"matricule": "E-1", "first_name": "Amel", "last_name": "Ben Salah"}),
            "active",
            json!(false),
        ),
        ("category", "categories", json!({"name": "Imprimantes"}), "name", json!("Imprimantes laser")),
        ("manufacturer", "manufacturers", json!({"name": "HP"}), "name", json!("HP Inc.")),
        (
            "model",
            "models",
            json!({"name": "M404", "category_id": c.category, "manufacturer_id": c.manufacturer}),
            "model_number",
            json!("W1A52A"),
        ),
        ("supplier", "suppliers", json!({"name": "Sahel Réseaux"}), "phone", json!("+216 73 000 000")),
        (
            "custom_field",
            "custom-fields",
            json!({"category_id": c.category, "key": "ports", "name": "Ports", "kind": "number"}),
            "name",
            json!("Nombre de ports"),
        ),
    ];
    for (entity, plural, create, field, value) in resources {
        let (list, item) = (format!("/api/v1/{plural}"), format!("/api/v1/{plural}/{{id}}"));
        let created = audited.check(case(Method::POST, &list, &list, Some(create), &format!("{entity}.create"))).await;
        let id = created["entity_id"].as_i64().unwrap();
        assert!(created["before"].is_null() && created["after"].is_object(), "{created}");
        let path = format!("{list}/{id}");
        let old = app.get(&path).await.body[field].clone();
        let patch = case(Method::PATCH, &item, &path, Some(json!({ field: value })), &format!("{entity}.update"))
            .id(id)
            .changes(json!({ field: old }), json!({ field: value }));
        let updated = audited.check(patch).await;
        assert_eq!(updated["after"].as_object().unwrap().len(), 1, "only the changed field: {updated}");
        let deleted = audited.check(case(Method::DELETE, &item, &path, None, &format!("{entity}.delete")).id(id)).await;
        assert_eq!(deleted["before"][field], value, "the deleted record's last state: {deleted}");
    }

    let asset = json!({"name": "Écran accueil", "model_id": c.model, "asset_tag": "kit-900001"});
    let created =
        audited.check(case(Method::POST, "/api/v1/assets", "/api/v1/assets", Some(asset), "asset.create")).await;
    assert_eq!(created["asset_tag"], "KIT-900001");
    let id = created["entity_id"].as_i64().unwrap();
    let path = format!("/api/v1/assets/{id}");
    let item = "/api/v1/assets/{id}";
    let rename = case(Method::PATCH, item, &path, Some(json!({"name": "Écran caisse"})), "asset.update")
        .id(id)
        .changes(json!({"name": "Écran accueil"}), json!({"name": "Écran caisse"}));
    audited.check(rename).await;
    let bulk = json!({"ids": [id], "set": {"status": "in_repair"}});
    let bulk = case(Method::PATCH, "/api/v1/assets", "/api/v1/assets", Some(bulk), "asset.update")
        .id(id)
        .changes(json!({"status": "in_stock"}), json!({"status": "in_repair"}));
    audited.check(bulk).await;
    let back = json!({"ids": [id], "set": {"status": "in_stock"}});
    audited.check(case(Method::PATCH, "/api/v1/assets", "/api/v1/assets", Some(back), "asset.update").id(id)).await;
    let retire = case(Method::PATCH, item, &path, Some(json!({"status": "retired"})), "asset.retire")
        .id(id)
        .changes(json!({"status": "in_stock"}), json!({"status": "retired"}));
    audited.check(retire).await;
    let deleted = audited.check(case(Method::DELETE, item, &path, None, "asset.delete").id(id)).await;
    assert_eq!(deleted["before"]["asset_tag"], "KIT-900001");

    // Check-out and check-in, by id and by tag, one asset at a time and as a kit or a leaver.
    let employee =
        app.create("/api/v1/employees", json!({"matricule": "E-7", "first_name": "Ines", "last_name": "Haddad"})).await;
    let laptop =
        app.create("/api/v1/assets", json!({"name": "Portable", "model_id": c.model, "asset_tag": "KIT-900002"})).await;
    let (by_id, by_tag) = ("/api/v1/assets/{id}", "/api/v1/assets/by-tag/{tag}");
    let moves = [
        (
            format!("{by_id}/checkout"),
            format!("/api/v1/assets/{laptop}/checkout"),
            Some(json!({"employee_id": employee})),
            "asset.checkout",
            "in_stock",
            "assigned",
        ),
        (
            format!("{by_id}/checkin"),
            format!("/api/v1/assets/{laptop}/checkin"),
            Some(json!({"condition": "ok"})),
            "asset.checkin",
            "assigned",
            "in_stock",
        ),
        (
            format!("{by_tag}/checkout"),
            "/api/v1/assets/by-tag/kit-900002/checkout".into(),
            Some(json!({"employee_id": employee})),
            "asset.checkout",
            "in_stock",
            "assigned",
        ),
        (
            format!("{by_tag}/checkin"),
            "/api/v1/assets/by-tag/kit-900002/checkin".into(),
            None,
            "asset.checkin",
            "assigned",
            "in_stock",
        ),
        (
            "/api/v1/employees/{id}/checkout".into(),
            format!("/api/v1/employees/{employee}/checkout"),
            Some(json!({"asset_ids": [laptop]})),
            "asset.checkout",
            "in_stock",
            "assigned",
        ),
        (
            "/api/v1/employees/{id}/checkin".into(),
            format!("/api/v1/employees/{employee}/checkin"),
            Some(json!({"note": "départ"})),
            "asset.checkin",
            "assigned",
            "in_stock",
        ),
        (
            format!("{by_id}/checkout"),
            format!("/api/v1/assets/{laptop}/checkout"),
            Some(json!({"location_id": c.location})),
            "asset.checkout",
            "in_stock",
            "assigned",
        ),
        (format!("{by_id}/lost"), format!("/api/v1/assets/{laptop}/lost"), None, "asset.lost", "assigned", "lost"),
    ];
    for (template, path, body, action, from, to) in moves {
        let entry = audited
            .check(
                case(Method::POST, &template, path, body, action)
                    .id(laptop)
                    .changes(json!({"status": from}), json!({"status": to})),
            )
            .await;
        assert_eq!(entry["asset_tag"], "KIT-900002");
        assert!(entry["after"]["assignment"]["id"].is_i64(), "the entry names the assignment: {entry}");
    }

    // Alerts: the lost laptop's, handled by hand; a scan on request; a rule's settings; an audit.
    app.settle().await;
    let alert = app.get(&format!("/api/v1/alerts?kind=lost_asset&asset_id={laptop}")).await.body["items"][0]["id"]
        .as_i64()
        .expect("the lost laptop's alert");
    let path = format!("/api/v1/alerts/{alert}");
    for (verb, body) in [("acknowledge", None), ("resolve", Some(json!({"note": "assurance"})))] {
        let template = format!("/api/v1/alerts/{{id}}/{verb}");
        let handled = case(Method::POST, &template, format!("{path}/{verb}"), body, &format!("alert.{verb}"));
        audited.check(handled.id(alert)).await;
    }
    let scan =
        audited.check(case(Method::POST, "/api/v1/alerts/scan", "/api/v1/alerts/scan", None, "alert.scan")).await;
    assert!(scan["after"]["job_id"].is_i64(), "{scan}");
    let rule = json!({"enabled": true, "threshold": 6, "severity": "warning"});
    let template = "/api/v1/settings/alert-rules/{kind}";
    let rule = case(Method::PUT, template, "/api/v1/settings/alert-rules/audit_due", Some(rule), "alert_rule.update")
        .changes(json!({"threshold": 12, "severity": "info"}), json!({"kind": "audit_due", "threshold": 6}));
    audited.check(rule).await;
    let path = "/api/v1/settings/notifications";
    let settings = json!({"smtp_host": "smtp.magasin.tn", "smtp_username": "parc", "smtp_password": "secret-smtp-1",
        "smtp_from": "parc@magasin.tn"});
    let saved = case(Method::PUT, path, path, Some(settings), "settings.notifications")
        .changes(json!(null), json!({"smtp_host": "smtp.magasin.tn", "smtp_password": "changed"}));
    let entry = audited.check(saved).await;
    assert!(!entry.to_string().contains("secret-smtp-1"), "no secret in the log: {entry}");
    let moved = json!({"smtp_host": "smtp.magasin.tn", "smtp_port": 2525, "smtp_username": "parc", "smtp_from": "parc@magasin.tn"});
    let moved = case(Method::PUT, path, path, Some(moved), "settings.notifications")
        .changes(json!({"smtp_port": null}), json!({"smtp_port": 2525, "smtp_password": null}));
    audited.check(moved).await;
    let sink = SmtpSink::start();
    let local = json!({"smtp_host": "127.0.0.1", "smtp_port": sink.port, "smtp_security": "none", "smtp_from": "parc@magasin.tn"});
    audited.check(case(Method::PUT, path, path, Some(local), "settings.notifications")).await;
    let test = "/api/v1/settings/notifications/test";
    let sent = case(Method::POST, test, test, Some(json!({"to": "it@magasin.tn"})), "settings.notifications_test")
        .changes(json!(null), json!({"to": "it@magasin.tn", "sent": true}));
    audited.check(sent).await;
    let reset = case(Method::DELETE, path, path, None, "settings.notifications")
        .changes(json!(null), json!({"source": "environment"}));
    audited.check(reset).await;
    let seen =
        case(Method::POST, "/api/v1/assets/{id}/audit", format!("/api/v1/assets/{laptop}/audit"), None, "asset.audit");
    assert!(audited.check(seen.id(laptop)).await["after"]["last_audit_at"].is_string());

    let user = json!({"username": "nadia", "display_name": "Nadia", "role": "employee", "password": PASSWORD});
    let created = audited.check(case(Method::POST, "/api/v1/users", "/api/v1/users", Some(user), "user.create")).await;
    assert!(!created.to_string().contains(PASSWORD), "no password in the log: {created}");
    let nadia = created["entity_id"].as_i64().unwrap();
    let promote = json!({"role": "it", "password": "another long password"});
    let promote =
        case(Method::PATCH, "/api/v1/users/{id}", format!("/api/v1/users/{nadia}"), Some(promote), "user.update")
            .id(nadia)
            .changes(json!({"role": "employee"}), json!({"role": "it", "password": "changed"}));
    let entry = audited.check(promote).await;
    assert!(!entry.to_string().contains("another long password"), "no password in the log: {entry}");

    let token =
        case(Method::POST, "/api/v1/me/tokens", "/api/v1/me/tokens", Some(json!({"name": "scanner"})), "token.create");
    let token_id = audited.check(token).await["entity_id"].as_i64().unwrap();
    let revoke =
        case(Method::DELETE, "/api/v1/me/tokens/{id}", format!("/api/v1/me/tokens/{token_id}"), None, "token.revoke");
    audited.check(revoke.id(token_id)).await;
    let token = app.post("/api/v1/me/tokens", json!({"name": "douchette"})).await.body["id"].as_i64().unwrap();
    let template = "/api/v1/users/{id}/tokens/{token_id}";
    let revoke = case(Method::DELETE, template, format!("/api/v1/users/{me}/tokens/{token}"), None, "token.revoke");
    audited.check(revoke.id(token)).await;

    let login = json!({"username": "admin", "password": PASSWORD});
    let login = Case {
        signed_in: false,
        ..case(Method::POST, "/api/v1/auth/login", "/api/v1/auth/login", Some(login), "user.login").id(me)
    };
    assert_eq!(audited.check(login).await["actor_kind"], "user");
    audited.check(case(Method::POST, "/api/v1/auth/logout", "/api/v1/auth/logout", None, "user.logout").id(me)).await;

    // What a holder does: the administrator's account belongs to an employee who holds a laptop.
    let holder =
        app.create("/api/v1/employees", json!({"matricule": "E-ME", "first_name": "Ines", "last_name": "Admin"})).await;
    app.patch(&format!("/api/v1/users/{me}"), json!({"employee_id": holder})).await;
    let held = app.create("/api/v1/assets", json!({"name": "Portable", "model_id": c.model})).await;
    let loan = app.post(&format!("/api/v1/assets/{held}/checkout"), json!({"employee_id": holder})).await.body["id"]
        .as_i64()
        .unwrap();
    app.settle().await;
    let template = "/api/v1/me/assets/{id}/acknowledge";
    let received =
        case(Method::POST, template, format!("/api/v1/me/assets/{loan}/acknowledge"), None, "asset.received");
    audited.check(received.id(held).changes(json!(null), json!({"assignment_id": loan}))).await;
    let template = "/api/v1/me/assets/{id}/problem";
    let problem = case(
        Method::POST,
        template,
        format!("/api/v1/me/assets/{loan}/problem"),
        Some(json!({"note": "clavier"})),
        "asset.problem",
    );
    audited.check(problem.id(held).changes(json!(null), json!({"assignment_id": loan, "note": "clavier"}))).await;
    app.settle().await;
    let password = json!({"current_password": PASSWORD, "new_password": "un tout autre mot de passe"});
    let changed = case(Method::POST, "/api/v1/me/password", "/api/v1/me/password", Some(password), "user.update");
    let entry = audited.check(changed.id(me).changes(json!(null), json!({"password": "changed"}))).await;
    assert!(!entry.to_string().contains("un tout autre mot de passe"), "no password in the log: {entry}");

    // An upload (a multipart form) and the commit of an import whose only row is in error.
    let before = newest_id(&app).await;
    let fields = [("kind", "assets")];
    let upload = app
        .upload(
            "/api/v1/imports",
            &app.admin,
            &fields,
            (
                "a.csv",
                b"Model
Inconnu
",
            ),
        )
        .await;
    assert_eq!(upload.status, StatusCode::CREATED, "{}", upload.body);
    let import = upload.body["id"].as_i64().unwrap();
    let entries = latest(&app, 10).await;
    let new: Vec<&Value> = entries.iter().filter(|e| e["id"].as_i64().unwrap() > before).collect();
    assert_eq!(new.len(), 1, "the upload leaves one entry: {new:?}");
    assert_eq!((&new[0]["action"], &new[0]["entity_id"]), (&json!("import.create"), &json!(import)));
    assert_eq!(new[0]["after"]["file_name"], "a.csv");
    audited.covered.insert(("POST".into(), "/api/v1/imports".into()));
    app.settle().await;
    let template = "/api/v1/imports/{id}/commit";
    let commit = case(
        Method::POST,
        template,
        format!("/api/v1/imports/{import}/commit"),
        Some(json!({"skip_errors": true})),
        "import.commit",
    );
    audited
        .check(
            commit
                .id(import)
                .changes(json!(null), json!({"counts": {"create": 0, "update": 0, "unchanged": 0, "error": 1}})),
        )
        .await;

    // A new mutating endpoint must join this table, and so leave an entry.
    let spec = app.call(Method::GET, "/api/openapi.json", None, None).await.body;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in ["post", "patch", "put", "delete"] {
            if item.get(method).is_some() {
                let key = (method.to_uppercase(), path.clone());
                assert!(audited.covered.contains(&key), "{method} {path} is not in the audit table");
            }
        }
    }
}

fn postgres(app: &TestApp) -> bool {
    app.store.backend_name() == "postgres"
}

#[tokio::test]
async fn an_entry_rolls_back_with_its_change() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let (assets, entries) = (app.total("/api/v1/assets").await, app.total("/api/v1/audit").await);
    // Fail the transaction right after its entry is written: on the entry's queue row.
    let (install, remove) = if postgres(&app) {
        (
            "CREATE FUNCTION fail_now() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced'; END $$; \
             CREATE TRIGGER fail_pending BEFORE INSERT ON audit_pending FOR EACH ROW EXECUTE FUNCTION fail_now();",
            "DROP TRIGGER fail_pending ON audit_pending",
        )
    } else {
        (
            "CREATE TRIGGER fail_pending BEFORE INSERT ON audit_pending BEGIN SELECT RAISE(ABORT, 'forced'); END;",
            "DROP TRIGGER fail_pending",
        )
    };
    app.store.execute_raw(install).await.unwrap();
    let reply = app.post("/api/v1/assets", json!({"name": "Portable", "model_id": c.model})).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", reply.body);
    app.store.execute_raw(remove).await.unwrap();
    assert_eq!(app.total("/api/v1/assets").await, assets, "the asset rolled back");
    assert_eq!(app.total("/api/v1/audit").await, entries, "its entry rolled back");
    // And without the fault, the same request writes both.
    let reply = app.post("/api/v1/assets", json!({"name": "Portable", "model_id": c.model})).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(app.total("/api/v1/audit").await, entries + 1);
}

#[tokio::test]
async fn the_database_refuses_to_change_or_remove_entries() {
    let app = TestApp::spawn().await;
    app.catalogue().await;
    app.store.seal_audit().await.unwrap();
    let mut refused = vec![
        "UPDATE audit_entries SET action = 'nothing.happened'",
        "DELETE FROM audit_entries",
        "UPDATE audit_chain SET hash = 'forged'",
        "DELETE FROM audit_chain",
    ];
    if postgres(&app) {
        refused.extend(["TRUNCATE audit_entries", "TRUNCATE audit_chain"]);
    }
    for sql in refused {
        let err = app.store.execute_raw(sql).await.expect_err(sql);
        assert!(
            err.to_string().contains("append-only") || format!("{err:?}").contains("append-only"),
            "{sql}: {err:?}"
        );
    }
    let written = app.total("/api/v1/audit").await;
    let report = app.get("/api/v1/audit/verify").await.body;
    assert_eq!(report, json!({"ok": true, "checked": written, "pending": 0, "first_broken_id": null}));
}

#[tokio::test]
async fn verify_points_at_an_entry_edited_behind_the_apps_back() {
    let app = TestApp::spawn().await;
    app.catalogue().await;
    app.store.seal_audit().await.unwrap();
    let target = latest(&app, 6).await[3]["id"].as_i64().unwrap();
    let forge = format!("UPDATE audit_entries SET after = '{{\"name\":\"forged\"}}' WHERE id = {target}");
    let sql = if postgres(&app) {
        format!(
            "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only; {forge}; \
             ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only;"
        )
    } else {
        format!("DROP TRIGGER audit_entries_no_update; {forge};")
    };
    app.store.execute_raw(&sql).await.unwrap();
    let written = app.total("/api/v1/audit").await;
    let report = app.get("/api/v1/audit/verify").await;
    assert_eq!(report.status, StatusCode::OK);
    assert_eq!(report.body, json!({"ok": false, "checked": written, "pending": 0, "first_broken_id": target}));
}

#[tokio::test]
async fn concurrent_writers_keep_a_single_valid_chain() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    let c = app.catalogue().await;
    let initial = app.total("/api/v1/audit").await;
    let mut tasks = Vec::new();
    for task in 0..8 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let id = app.create("/api/v1/assets", json!({"name": format!("Poste {task}"), "model_id": c.model})).await;
            for n in 0..200 {
                let reply = app.patch(&format!("/api/v1/assets/{id}"), json!({"notes": format!("passage {n}")})).await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let written = app.total("/api/v1/audit").await;
    assert_eq!(written, initial + 8 * 201);
    // The sequencer seals on its own, within about a second of the last commit.
    let mut report = Value::Null;
    for _ in 0..50 {
        report = app.get("/api/v1/audit/verify").await.body;
        if report["pending"] == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(report, json!({"ok": true, "checked": written, "pending": 0, "first_broken_id": null}));
    // One line: positions 1..=n, each entry once.
    let entries = latest(&app, 500).await;
    let seqs: BTreeSet<i64> = entries.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs.len(), entries.len());
    assert_eq!(*seqs.last().unwrap(), written as i64);
}

fn items(reply: &Reply) -> Vec<Value> {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["items"].as_array().cloned().unwrap()
}

#[tokio::test]
async fn the_log_is_filtered_paged_and_exported() {
    let app = TestApp::spawn().await;
    let c = app.catalogue().await;
    let me = app.get("/api/v1/me").await.body["id"].as_i64().unwrap();
    let a = app.post("/api/v1/assets", json!({"name": "Caisse 1", "model_id": c.model})).await.body;
    let (id, tag) = (a["id"].as_i64().unwrap(), a["asset_tag"].as_str().unwrap().to_owned());
    for n in 0..3 {
        app.patch(&format!("/api/v1/assets/{id}"), json!({"notes": format!("contrôle {n}")})).await;
    }
    app.create("/api/v1/assets", json!({"name": "Caisse 2", "model_id": c.model})).await;

    let of_a = items(&app.get(&format!("/api/v1/audit?entity=asset&entity_id={id}")).await);
    let actions: Vec<&str> = of_a.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["asset.update", "asset.update", "asset.update", "asset.create"], "newest first");
    let ids = |entries: &[Value]| entries.iter().map(|e| e["id"].as_i64().unwrap()).collect::<Vec<_>>();
    let by_tag = items(&app.get(&format!("/api/v1/audit?asset_tag={}", tag.to_lowercase())).await);
    assert_eq!(ids(&by_tag), ids(&of_a), "(seq and hash may appear in between: compare ids)");
    assert_eq!(items(&app.get("/api/v1/audit?action=asset.create").await).len(), 2);
    let mine = items(&app.get(&format!("/api/v1/audit?actor_id={me}&limit=500")).await);
    assert_eq!(mine.len(), 6 + 5, "the catalogue and the asset calls, not the test set-up");
    assert!(mine.iter().all(|e| e["actor_id"] == me && e["actor_kind"] == "token"));

    let today = chrono::Utc::now().date_naive();
    let all = app.total("/api/v1/audit").await;
    assert_eq!(app.total(&format!("/api/v1/audit?from={today}&to={today}")).await, all);
    assert_eq!(app.total(&format!("/api/v1/audit?from={}", today.succ_opt().unwrap())).await, 0);
    let bad = app.get("/api/v1/audit?from=yesterday").await;
    assert_eq!((bad.status, &bad.body["errors"][0]["field"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("from")));

    // Pages of two, newest first, without duplicates or gaps.
    let mut seen = Vec::new();
    let mut path = format!("/api/v1/audit?entity=asset&entity_id={id}&limit=2");
    loop {
        let page = app.get(&path).await;
        seen.extend(items(&page).iter().map(|e| e["id"].as_i64().unwrap()));
        match page.body["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/audit?entity=asset&entity_id={id}&limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, ids(&of_a));

    let history = items(&app.get(&format!("/api/v1/assets/{id}/history")).await);
    assert_eq!(history.first().unwrap()["action"], "asset.create", "oldest first");
    assert_eq!(history.len(), 4);
    assert_eq!(app.get("/api/v1/assets/999999/history").await.status, StatusCode::NOT_FOUND);

    let export = app.client.get(format!("{}/api/v1/audit/export?entity=asset", app.base)).bearer_auth(&app.admin);
    let export = export.send().await.unwrap();
    assert_eq!(export.status(), StatusCode::OK);
    assert!(export.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = export.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(lines[0].contains("id;at;actor_kind"));
    assert_eq!(lines.len(), 1 + 5, "header and the five asset entries");
    assert!(lines[1].contains(";asset.create;") || lines[1].contains(";asset.update;"));
    assert_eq!(latest(&app, 1).await[0]["action"], "audit.export", "exporting is recorded");

    // A bad filter is a problem before the first byte, as on the list; nothing is recorded.
    for filter in ["to=x", "from=2026-13-40", "action=asset.explode", "entity_id=-1", "limit=x"] {
        let bad = app.get(&format!("/api/v1/audit/export?{filter}")).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{filter}: {}", bad.body);
        assert_eq!(bad.headers["content-type"], "application/problem+json", "{filter}");
    }
    assert_eq!(app.total("/api/v1/audit?action=audit.export").await, 1, "only the good export is recorded");
}

#[tokio::test]
async fn security_events_are_recorded() {
    let app = TestApp::spawn().await;
    let login = |username: &str, password: &str| {
        app.call(Method::POST, "/api/v1/auth/login", None, Some(json!({"username": username, "password": password})))
    };
    assert_eq!(login("admin", "wrong password!").await.status, StatusCode::UNAUTHORIZED);
    let failed = &latest(&app, 1).await[0];
    assert_eq!((&failed["action"], &failed["actor_kind"]), (&json!("auth.login_failed"), &json!("anonymous")));
    assert_eq!(failed["after"]["username"], "admin");
    assert!(!failed.to_string().contains("wrong password!"), "never the password tried");

    for _ in 0..5 {
        login("ghost", "not a password").await;
    }
    let recent: Vec<Value> = latest(&app, 3).await;
    assert_eq!(recent[0]["action"], "auth.lockout");
    assert_eq!(recent[0]["after"]["username"], "ghost");
    assert_eq!(login("ghost", "not a password").await.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(latest(&app, 1).await[0]["action"], "auth.login_locked");

    let reception = app.user_token("accueil", Role::Reception).await;
    assert_eq!(app.call(Method::GET, "/api/v1/users", Some(&reception), None).await.status, StatusCode::FORBIDDEN);
    let denied = &latest(&app, 1).await[0];
    assert_eq!(denied["action"], "auth.permission_denied");
    assert_eq!(denied["actor_name"], "accueil");
    assert_eq!(
        denied["after"],
        json!({"endpoint": "GET /api/v1/users", "role": "reception", "permission": "manage_users"})
    );
    // The route's template is recorded, not the path as sent: a long path cannot grow the log.
    let long = format!("/api/v1/users/{}", "9".repeat(60_000));
    assert_eq!(app.call(Method::GET, &long, Some(&reception), None).await.status, StatusCode::BAD_REQUEST);
    let tag = format!("/api/v1/assets/by-tag/{}", "A".repeat(60_000));
    let employee = app.user_token("nour", Role::Employee).await;
    assert_eq!(app.call(Method::GET, &tag, Some(&employee), None).await.status, StatusCode::FORBIDDEN);
    let denied = &latest(&app, 1).await[0];
    assert_eq!(denied["after"]["endpoint"], "GET /api/v1/assets/by-tag/{tag}");
    // A loop of refused calls is recorded once a minute per caller and endpoint.
    let before = app.total("/api/v1/audit?action=auth.permission_denied").await;
    for _ in 0..20 {
        app.call(Method::GET, "/api/v1/assets/by-tag/KIT-1", Some(&employee), None).await;
    }
    app.call(Method::GET, "/api/v1/users", Some(&employee), None).await;
    assert_eq!(app.total("/api/v1/audit?action=auth.permission_denied").await - before, 1, "only the new endpoint's");

    let token = app.post("/api/v1/me/tokens", json!({"name": "ancien"})).await.body;
    let token_id = token["id"].as_i64().unwrap();
    app.delete(&format!("/api/v1/me/tokens/{token_id}")).await;
    let secret = token["token"].as_str().unwrap();
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(secret), None).await.status, StatusCode::UNAUTHORIZED);
    let used = &latest(&app, 1).await[0];
    assert_eq!(used["action"], "auth.revoked_token_used");
    assert_eq!(used["after"]["token_id"], token_id);
}
