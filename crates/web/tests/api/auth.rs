//! Login, sessions, tokens and throttling.

use std::str::FromStr;

use radgestmat_domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{PASSWORD, TestApp};

async fn login(app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn login_opens_a_cookie_session_that_logout_ends() {
    let app = TestApp::spawn().await;
    let ok = login(&app, "ADMIN", PASSWORD).await;
    assert_eq!(ok.status(), StatusCode::OK);
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let session = cookie.split(';').next().unwrap().to_owned();
    let me = |session: String| app.client.get(format!("{}/api/v1/me", app.base)).header("cookie", session).send();
    let who = me(session.clone()).await.unwrap();
    assert_eq!(who.status(), StatusCode::OK);
    assert_eq!(who.json::<serde_json::Value>().await.unwrap()["username"], "admin");
    let out =
        app.client.post(format!("{}/api/v1/auth/logout", app.base)).header("cookie", &session).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert_eq!(me(session).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

/// The cookie carries the session and its tag under the secret key: altered, it is refused; on
/// another node with the same key it works; after a key change it no longer does.
#[tokio::test]
async fn the_session_cookie_is_signed_with_the_secret_key() {
    let app = TestApp::spawn().await;
    let ok = login(&app, "admin", PASSWORD).await;
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let (secret, tag) = cookie.rsplit_once('.').expect("rgm_session=<secret>.<tag>");
    let me = async |app: &TestApp, cookie: &str| {
        app.client.get(format!("{}/api/v1/me", app.base)).header("cookie", cookie).send().await.unwrap().status()
    };
    assert_eq!(me(&app, &cookie).await, StatusCode::OK);
    let flipped = |text: &str, at: usize| {
        let mut bytes = text.as_bytes().to_vec();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    };
    for forged in [
        secret.to_owned(),
        format!("{secret}."),
        format!("{secret}.{}", flipped(tag, 3)),
        format!("{}.{tag}", flipped(secret, secret.len() - 2)),
    ] {
        assert_eq!(me(&app, &forged).await, StatusCode::UNAUTHORIZED, "{forged}");
    }
    let second_node = TestApp::spawn_on(app.database_url.clone()).await;
    assert_eq!(me(&second_node, &cookie).await, StatusCode::OK, "the same key on another node");
    let new_key = TestApp::spawn_with_key(app.database_url.clone(), radgestmat_store::SecretKey::ephemeral()).await;
    assert_eq!(me(&new_key, &cookie).await, StatusCode::UNAUTHORIZED, "a new key signs everyone out");
}

#[tokio::test]
async fn five_failures_lock_an_account_name_known_or_not_across_restarts() {
    let app = TestApp::spawn().await;
    for name in ["admin", "nobody-here"] {
        for attempt in 1..=5 {
            let reply = login(&app, name, "wrong password").await;
            assert_eq!(reply.status(), StatusCode::UNAUTHORIZED, "{name} attempt {attempt}");
        }
        let locked = login(&app, name, PASSWORD).await;
        assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS, "{name}");
        let retry: u64 = locked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((800..=900).contains(&retry), "retry after {retry}");
    }
    // The lock is in the database: a restarted node (a new app on the same database) keeps it.
    let restarted = TestApp::spawn_on(app.database_url.clone()).await;
    assert_eq!(login(&restarted, "admin", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // Other accounts are not affected.
    restarted.user_token("amira", Role::It).await;
    assert_eq!(login(&restarted, "amira", PASSWORD).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn one_address_is_locked_after_twenty_failures_on_any_names() {
    let app = TestApp::spawn().await;
    for n in 0..20 {
        assert_eq!(login(&app, &format!("guess{n}"), "x").await.status(), StatusCode::UNAUTHORIZED);
    }
    let locked = login(&app, "admin", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.headers().contains_key("retry-after"));
}

/// An attacker can lock only themselves out: five failures lock the name for their address,
/// not for its owner elsewhere; failures from many addresses slow the name down (one attempt
/// per 30 s), they never lock it (issue 18, point 12).
#[tokio::test]
async fn an_attacker_cannot_lock_the_owner_out() {
    let proxy = radgestmat_web::client_ip::Cidr::from_str("127.0.0.1").unwrap();
    let config = radgestmat_web::WebConfig { trusted_proxies: vec![proxy], ..Default::default() };
    let app = TestApp::spawn_with(config).await;
    let from = |client: String, username: &'static str, password: &'static str| {
        let body = json!({"username": username, "password": password});
        app.client.post(format!("{}/api/v1/auth/login", app.base)).header("x-forwarded-for", client).json(&body).send()
    };
    for _ in 0..5 {
        assert_eq!(from("203.0.113.9".into(), "admin", "x").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    }
    let locked = from("203.0.113.9".into(), "admin", PASSWORD).await.unwrap();
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS, "the attacker's address is locked out");
    assert_eq!(from("198.51.100.4".into(), "admin", PASSWORD).await.unwrap().status(), StatusCode::OK, "not the owner");

    app.user_token("nadia", Role::Reception).await;
    // Ten addresses, one failure each (5 more from the attacker above were on another name).
    for n in 1..=10 {
        let status = from(format!("192.0.2.{n}"), "nadia", "x").await.unwrap().status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "failure {n}");
    }
    let slowed = from("198.51.100.7".into(), "nadia", PASSWORD).await.unwrap();
    assert_eq!(slowed.status(), StatusCode::TOO_MANY_REQUESTS, "the name slows down for everyone");
    let retry: u64 = slowed.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry), "a wait of seconds, not a lock: {retry}");
    let page = app
        .client
        .post(format!("{}/login", app.base))
        .header("x-forwarded-for", "198.51.100.7")
        .header("accept-language", "fr")
        .header("sec-fetch-site", "same-origin")
        .form(&[("username", "nadia"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    let text = page.text().await.unwrap();
    assert!(text.contains("patientez") && text.contains(" s avant de réessayer"), "{text}");
    // The wait over (the clock moved on), the owner signs in, and the count starts again.
    app.store.execute_raw("UPDATE login_throttle SET locked_until = NULL").await.unwrap();
    assert_eq!(from("198.51.100.7".into(), "nadia", PASSWORD).await.unwrap().status(), StatusCode::OK);
    assert_eq!(from("192.0.2.1".into(), "nadia", "x").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(from("198.51.100.7".into(), "nadia", PASSWORD).await.unwrap().status(), StatusCode::OK);

    // A name written like another row's key names no other row.
    app.user_token("sonia", Role::Reception).await;
    for _ in 0..5 {
        from("203.0.113.50".into(), "sonia|198.51.100.9", "x").await.unwrap();
    }
    assert_eq!(from("198.51.100.9".into(), "sonia", "x").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(from("198.51.100.9".into(), "sonia", PASSWORD).await.unwrap().status(), StatusCode::OK);

    app.store.seal_audit().await.unwrap();
    let lockouts = app.get("/api/v1/audit?action=auth.lockout&limit=10").await.body;
    let scopes: Vec<_> = lockouts["items"].as_array().unwrap().iter().map(|e| e["after"]["scope"].clone()).collect();
    assert_eq!(scopes, [json!(null), json!("slowed"), json!(null)], "each lock and the slow-down, once");
}

/// Behind a trusted proxy the lock-out and the audit log see each client, not the proxy; a
/// client that is not a proxy cannot choose its address with the header.
#[tokio::test]
async fn forwarded_addresses_count_only_from_trusted_proxies() {
    let proxy = radgestmat_web::client_ip::Cidr::from_str("127.0.0.1").unwrap();
    let config = radgestmat_web::WebConfig { trusted_proxies: vec![proxy], ..Default::default() };
    let app = TestApp::spawn_with(config).await;
    let from = |client: &'static str, username: &str, password: &str| {
        let body = json!({"username": username, "password": password});
        app.client.post(format!("{}/api/v1/auth/login", app.base)).header("x-forwarded-for", client).json(&body).send()
    };
    for n in 0..20 {
        assert_eq!(from("203.0.113.9", &format!("guess{n}"), "x").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(from("203.0.113.9", "admin", PASSWORD).await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(from("198.51.100.4", "admin", PASSWORD).await.unwrap().status(), StatusCode::OK, "others still sign in");
    app.store.seal_audit().await.unwrap();
    let failures = app.get("/api/v1/audit?action=auth.login_failed&limit=1").await.body;
    assert_eq!(failures["items"][0]["ip"], "203.0.113.9");

    let direct = TestApp::spawn().await;
    let body = json!({"username": "nobody", "password": "x"});
    let request = direct.client.post(format!("{}/api/v1/auth/login", direct.base));
    request.header("x-forwarded-for", "203.0.113.9").json(&body).send().await.unwrap();
    direct.store.seal_audit().await.unwrap();
    let failures = direct.get("/api/v1/audit?action=auth.login_failed&limit=1").await.body;
    assert_eq!(failures["items"][0]["ip"], "127.0.0.1", "the header of a client that is no proxy is ignored");
}

#[tokio::test]
async fn api_tokens_are_shown_once_expire_and_can_be_revoked() {
    let app = TestApp::spawn().await;
    let created = app.post("/api/v1/me/tokens", json!({"name": "scanner"})).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let token = created.body["token"].as_str().unwrap().to_owned();
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::OK);
    let listed = app.get("/api/v1/me/tokens").await;
    let listed_text = listed.body.to_string();
    assert!(listed_text.contains("scanner") && !listed_text.contains(&token), "the secret is never listed");
    let used_at = listed.body.as_array().unwrap().iter().find(|t| t["id"] == id).unwrap()["last_used_at"].clone();
    let used_at =
        chrono::DateTime::parse_from_rfc3339(used_at.as_str().expect("last_used_at is set once used")).unwrap();
    assert!((chrono::Utc::now() - used_at.to_utc()).num_seconds() < 60, "{used_at}");

    assert_eq!(app.delete(&format!("/api/v1/me/tokens/{id}")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::UNAUTHORIZED);

    let soon = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let short = app.post("/api/v1/me/tokens", json!({"name": "short", "expires_at": soon})).await;
    let short = short.body["token"].as_str().unwrap().to_owned();
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&short), None).await.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    let before = app.total("/api/v1/audit?action=auth.expired_token_used").await;
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&short), None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&short), None).await.status, StatusCode::UNAUTHORIZED);
    let after = app.total("/api/v1/audit?action=auth.expired_token_used").await;
    assert_eq!(after - before, 1, "the use of an expired token is recorded, once a day at most");

    let past = app.post("/api/v1/me/tokens", json!({"name": "x", "expires_at": "2020-01-01T00:00:00Z"})).await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn admins_manage_users_and_disabling_ends_access() {
    let app = TestApp::spawn().await;
    let created = app
        .post("/api/v1/users", json!({"username": "Sami.Gharbi", "display_name": "Sami Gharbi", "role": "reception", "password": "mot de passe solide"}))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["username"], "sami.gharbi");
    assert!(created.body.get("password").is_none() && created.body.get("password_hash").is_none());
    let id = created.body["id"].as_i64().unwrap();
    let dup = app
        .post(
            "/api/v1/users",
            json!({"username": "sami.gharbi", "display_name": "X", "role": "it", "password": "mot de passe solide"}),
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    let weak = app
        .post("/api/v1/users", json!({"username": "weak", "display_name": "X", "role": "it", "password": "short"}))
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let common = app
        .post(
            "/api/v1/users",
            json!({"username": "weak", "display_name": "X", "role": "it", "password": "password123"}),
        )
        .await;
    assert_eq!(
        (common.status, &common.body["errors"][0]["code"]),
        (StatusCode::UNPROCESSABLE_ENTITY, &json!("easy-to-guess"))
    );

    let session = login(&app, "sami.gharbi", "mot de passe solide").await;
    assert_eq!(session.status(), StatusCode::OK);
    let cookie = session.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let disabled = app.patch(&format!("/api/v1/users/{id}"), json!({"disabled": true, "role": "it"})).await;
    assert_eq!((&disabled.body["disabled"], &disabled.body["role"]), (&json!(true), &json!("it")));
    let me = app.client.get(format!("{}/api/v1/me", app.base)).header("cookie", cookie).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(login(&app, "sami.gharbi", "mot de passe solide").await.status(), StatusCode::UNAUTHORIZED);

    // The last enabled administrator cannot demote themself.
    let admin_id = app.get("/api/v1/me").await.body["id"].as_i64().unwrap();
    let demote = app.patch(&format!("/api/v1/users/{admin_id}"), json!({"role": "it"})).await;
    assert_eq!(demote.status, StatusCode::CONFLICT);
}

/// A new password or a disabled account ends every way in, tokens too; enabling the account
/// again revives none of them.
#[tokio::test]
async fn a_password_reset_or_a_disabled_account_revokes_its_tokens() {
    let app = TestApp::spawn().await;
    let token = app.user_token("rim", Role::It).await;
    let me = app.call(Method::GET, "/api/v1/me", Some(&token), None).await;
    let id = me.body["id"].as_i64().unwrap();
    let reset = app.patch(&format!("/api/v1/users/{id}"), json!({"password": "un nouveau mot de passe"})).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::UNAUTHORIZED);
    let entry = &app.get("/api/v1/audit?action=user.update&limit=1").await.body["items"][0];
    assert_eq!((&entry["after"]["password"], &entry["after"]["tokens_revoked"]), (&json!("changed"), &json!(1)));

    let second = app.user_token("rim", Role::It).await;
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&second), None).await.status, StatusCode::OK);
    app.patch(&format!("/api/v1/users/{id}"), json!({"disabled": true})).await;
    app.patch(&format!("/api/v1/users/{id}"), json!({"disabled": false})).await;
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&second), None).await.status, StatusCode::UNAUTHORIZED);
    let tokens = app.get(&format!("/api/v1/users/{id}/tokens")).await.body;
    assert!(tokens.as_array().unwrap().iter().all(|t| t["revoked_at"].is_string()), "{tokens}");
}

/// An administrator sees and revokes any account's tokens; others only their own.
#[tokio::test]
async fn an_administrator_lists_and_revokes_the_tokens_of_any_account() {
    let app = TestApp::spawn().await;
    let token = app.user_token("scanner.mag01", Role::Reception).await;
    let other = app.user_token("amel", Role::Reception).await;
    let id = app.call(Method::GET, "/api/v1/me", Some(&token), None).await.body["id"].as_i64().unwrap();
    let listed = app.get(&format!("/api/v1/users/{id}/tokens")).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let token_id = listed.body[0]["id"].as_i64().unwrap();
    assert_eq!(listed.body[0]["name"], "tests");
    assert!(!listed.body.to_string().contains(&token), "never the secret");

    let mine = app.call(Method::GET, &format!("/api/v1/users/{id}/tokens"), Some(&token), None).await;
    assert_eq!(mine.status, StatusCode::OK, "one's own, by id");
    let theirs = app.call(Method::GET, &format!("/api/v1/users/{id}/tokens"), Some(&other), None).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let revoke = format!("/api/v1/users/{id}/tokens/{token_id}");
    assert_eq!(app.call(Method::DELETE, &revoke, Some(&other), None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::OK, "still valid");

    assert_eq!(app.delete(&revoke).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::UNAUTHORIZED);
    let entry = &app.get("/api/v1/audit?action=token.revoke&limit=1").await.body["items"][0];
    assert_eq!((&entry["actor_name"], &entry["after"]["user_id"]), (&json!("admin"), &json!(id)));
    assert_eq!(app.delete(&format!("/api/v1/users/{id}/tokens/999999")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/users/999999/tokens").await.status, StatusCode::NOT_FOUND);
    let bad = app.delete(&format!("/api/v1/users/{id}/tokens/x")).await;
    assert_eq!((bad.status, &bad.body["errors"][0]["field"]), (StatusCode::BAD_REQUEST, &json!("token_id")));
}

/// An employee has one account at most.
#[tokio::test]
async fn two_accounts_cannot_share_an_employee() {
    let app = TestApp::spawn().await;
    let employee = app
        .create("/api/v1/employees", json!({"matricule": "E-7", "first_name": "Hela", "last_name": "Mansour"}))
        .await;
    let user = |name: &str| {
        json!({"username": name, "display_name": name, "role": "employee",
        "employee_id": employee, "password": "mot de passe solide"})
    };
    app.create("/api/v1/users", user("hela")).await;
    let second = app.post("/api/v1/users", user("hela.m")).await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert_eq!(second.body["detail"], "this employee already has a user account");
    let other = app
        .create(
            "/api/v1/users",
            json!({"username": "autre", "display_name": "Autre", "role": "employee",
        "password": "mot de passe solide"}),
        )
        .await;
    let linked = app.patch(&format!("/api/v1/users/{other}"), json!({"employee_id": employee})).await;
    assert_eq!(linked.status, StatusCode::CONFLICT, "{}", linked.body);
    assert_eq!(app.total("/api/v1/users?role=employee").await, 2);
}

#[tokio::test]
async fn employees_see_only_their_own_user_record() {
    let app = TestApp::spawn().await;
    let token = app.user_token("nour", Role::Employee).await;
    let me = app.call(Method::GET, "/api/v1/me", Some(&token), None).await;
    let my_id = me.body["id"].as_i64().unwrap();
    let admin_id = app.get("/api/v1/me").await.body["id"].as_i64().unwrap();
    assert_eq!(
        app.call(Method::GET, &format!("/api/v1/users/{my_id}"), Some(&token), None).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.call(Method::GET, &format!("/api/v1/users/{admin_id}"), Some(&token), None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.call(Method::GET, "/api/v1/users", Some(&token), None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call(Method::GET, "/api/v1/assets", Some(&token), None).await.status, StatusCode::FORBIDDEN);
}

/// Nobody can grow the audit log, which is never pruned: an odd or long request id is replaced,
/// what a caller says of itself is bounded, and the attempts on a locked name or address are
/// counted, not each written.
#[tokio::test]
async fn a_flood_of_logins_cannot_grow_the_audit_log() {
    let app = TestApp::spawn().await;
    let attempt = |request_id: String, username: String| {
        app.client
            .post(format!("{}/api/v1/auth/login", app.base))
            .header("x-request-id", request_id)
            .header("user-agent", "u".repeat(5_000))
            .json(&json!({"username": username, "password": "wrong password"}))
            .send()
    };
    let odd = attempt("r".repeat(10_000), format!("nul\u{0}byte{}", "é".repeat(3_000))).await.unwrap();
    assert_eq!(odd.status(), StatusCode::UNAUTHORIZED, "a NUL or a long name is a failed login like any other");
    let given = odd.headers()["x-request-id"].to_str().unwrap();
    assert!(given.len() <= 64 && !given.starts_with("rrr"), "a long request id is replaced: {given}");
    let plain = attempt("rq-42.b:c".into(), "nobody".into()).await.unwrap();
    assert_eq!(plain.headers()["x-request-id"], "rq-42.b:c", "a plain one is kept");

    for _ in 0..5 {
        attempt("rq".into(), "admin".into()).await.unwrap();
    }
    for _ in 0..30 {
        assert_eq!(attempt("rq".into(), "admin".into()).await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    }
    let locked = app.get("/api/v1/audit?action=auth.login_locked&limit=500").await.body;
    let locked = locked["items"].as_array().unwrap();
    assert_eq!(locked.len(), 1, "30 refusals on a locked name, one entry: {locked:?}");
    assert_eq!(locked[0]["after"]["username"], "admin");

    // The address locks after 20 failures (7 above: the refusals of a locked name do not count).
    for n in 0..13 {
        attempt("rq".into(), format!("guess{n}")).await.unwrap();
    }
    for n in 0..30 {
        assert_eq!(attempt("rq".into(), format!("more{n}")).await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    }
    let address = app.total("/api/v1/audit?action=auth.login_locked").await;
    assert_eq!(address, 2, "one entry for the name, one for the address");

    let entries = app.get("/api/v1/audit?limit=500").await.body;
    for entry in entries["items"].as_array().unwrap() {
        let len = |field: &str| entry[field].as_str().map_or(0, |s| s.chars().count());
        assert!(len("request_id") <= 64 && len("user_agent") <= 400 && len("actor_name") <= 100, "{entry}");
        let name = entry["after"]["username"].as_str().unwrap_or_default();
        assert!(name.chars().count() <= 100 && !name.contains('\u{0}'), "{name:?}");
    }
}

/// Accounts that shared an employee before the rule: the upgrade keeps the oldest link and
/// removes the others, instead of failing to start.
#[tokio::test]
async fn the_upgrade_keeps_one_account_per_employee() {
    use radgestmat_store::{Store, StoreOptions};
    let store = Store::connect(&crate::support::fresh_database().await, StoreOptions::default()).await.unwrap();
    store.migrate_first(9).await.unwrap();
    let at = "'2026-11-30 10:00:00+00:00'";
    store
        .execute_raw(&format!(
            "INSERT INTO employees (id, matricule, first_name, last_name, active, search, created_at, updated_at) \
             VALUES (7, 'E-7', 'Hela', 'Mansour', true, 'hela mansour', {at}, {at})"
        ))
        .await
        .unwrap();
    for (id, name) in [(1, "hela"), (2, "hela.m"), (3, "autre")] {
        let employee = if id < 3 { "7" } else { "NULL" };
        store
            .execute_raw(&format!(
                "INSERT INTO users (id, username, display_name, password_hash, role, employee_id, disabled, \
                 created_at, updated_at) VALUES ({id}, '{name}', '{name}', 'x', 'employee', {employee}, false, {at}, {at})"
            ))
            .await
            .unwrap();
    }
    store.migrate().await.expect("the upgrade runs");
    let users = store.list_users(&Default::default()).await.unwrap().items;
    let links: Vec<_> = users.iter().map(|u| (u.fields.username.as_str(), u.fields.employee_id)).collect();
    assert_eq!(links, [("autre", None), ("hela", Some(7)), ("hela.m", None)]);
}

/// Parallel attempts: a name is locked at its fifth failure and stays locked, whatever the
/// failures still in flight do; an address is locked at its twentieth attempt; each lock and
/// its first refusal are recorded once.
#[tokio::test]
async fn lock_outs_hold_under_parallel_attempts() {
    let app = TestApp::spawn().await;
    let count = |action: &'static str| {
        let app = &app;
        async move { app.total(&format!("/api/v1/audit?action={action}")).await }
    };
    let name_attempts: Vec<_> = (0..12).map(|_| login(&app, "victim", "not the password")).collect();
    let answers = futures_util::future::join_all(name_attempts).await;
    let statuses: Vec<_> = answers.iter().map(|r| r.status()).collect();
    let expected = [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS];
    assert!(statuses.iter().all(|s| expected.contains(s)), "two first failures may not collide: {statuses:?}");
    for _ in 0..3 {
        assert_eq!(login(&app, "victim", "not the password").await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    // Twelve failures of the name may also slow it down for everyone (from the tenth): that is
    // another entry, with its scope.
    let lockouts = app.get("/api/v1/audit?action=auth.lockout&limit=10").await.body;
    let of_address = lockouts["items"].as_array().unwrap().iter().filter(|e| e["after"]["scope"].is_null()).count();
    assert_eq!(of_address, 1, "one lock of the name for this address");
    assert_eq!(count("auth.login_locked").await, 1, "its first refusal only");

    let names: Vec<String> = (0..30).map(|n| format!("ghost{n}")).collect();
    let address_attempts: Vec<_> = names.iter().map(|name| login(&app, name, "not the password")).collect();
    let answers = futures_util::future::join_all(address_attempts).await;
    let refused = answers.iter().filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS).count();
    // The 5 to 12 attempts on `victim` that tried a password counted too (those refused by the
    // name's lock did not): the address reaches its limit of 20 within these 30.
    assert!((18..=25).contains(&refused), "the address is locked at its twentieth attempt, in parallel too: {refused}");
    assert_eq!(count("auth.login_locked").await, 2, "and its first refusal is recorded once");
}

/// Users change their own password, proving the current one; their other sessions and tokens
/// end, the credential they used stays (issue 18, point 13).
#[tokio::test]
async fn users_change_their_own_password_and_their_other_credentials_end() {
    let app = TestApp::spawn().await;
    let token = app.user_token("nadia", Role::Reception).await;
    let session = |reply: reqwest::Response| {
        reply.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned()
    };
    let (here, elsewhere) =
        (session(login(&app, "nadia", PASSWORD).await), session(login(&app, "nadia", PASSWORD).await));
    let change = |cookie: &str, current: &str, new: &str| {
        app.client
            .post(format!("{}/api/v1/me/password", app.base))
            .header("cookie", cookie)
            .json(&json!({"current_password": current, "new_password": new}))
            .send()
    };
    let me = async |cookie: &str| {
        app.client.get(format!("{}/api/v1/me", app.base)).header("cookie", cookie).send().await.unwrap().status()
    };
    let wrong = change(&here, "not it", "un mot de passe tout neuf").await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.json::<serde_json::Value>().await.unwrap()["errors"][0]["field"], "current_password");
    let easy = change(&here, PASSWORD, "azertyuiop").await.unwrap();
    assert_eq!(easy.json::<serde_json::Value>().await.unwrap()["errors"][0]["field"], "new_password");
    assert_eq!(change(&here, PASSWORD, "un mot de passe tout neuf").await.unwrap().status(), StatusCode::NO_CONTENT);
    assert_eq!(me(&here).await, StatusCode::OK, "this session stays");
    assert_eq!(me(&elsewhere).await, StatusCode::UNAUTHORIZED, "the other ends");
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(login(&app, "nadia", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(login(&app, "nadia", "un mot de passe tout neuf").await.status(), StatusCode::OK);

    // Through a token: that token stays, the sessions end.
    let scanner = app.user_token("nadia", Role::Reception).await;
    let body = json!({"current_password": "un mot de passe tout neuf", "new_password": "encore un autre mot de passe"});
    let changed = app.call(Method::POST, "/api/v1/me/password", Some(&scanner), Some(body)).await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
    assert_eq!(app.call(Method::GET, "/api/v1/me", Some(&scanner), None).await.status, StatusCode::OK);
    assert_eq!(me(&here).await, StatusCode::UNAUTHORIZED);
    let entry = &app.get("/api/v1/audit?action=user.update&limit=1").await.body["items"][0];
    assert_eq!((&entry["after"]["password"], &entry["actor_name"]), (&json!("changed"), &json!("nadia")), "{entry}");

    // A wrong current password counts as a failed login: a stolen session cannot try many.
    for _ in 0..5 {
        let body = json!({"current_password": "guess", "new_password": "un mot de passe tout neuf"});
        app.call(Method::POST, "/api/v1/me/password", Some(&scanner), Some(body)).await;
    }
    let body = json!({"current_password": "encore un autre mot de passe", "new_password": "un mot de passe tout neuf"});
    let throttled = app.call(Method::POST, "/api/v1/me/password", Some(&scanner), Some(body)).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
}

/// The profile page's form, in French.
#[tokio::test]
async fn the_profile_page_changes_the_password() {
    let app = TestApp::spawn().await;
    let browser = crate::ui::Browser::signed_in(&app, "karim", Role::It).await;
    let page = browser.get("/profile").await;
    assert!(page.body.contains("Changer mon mot de passe"));
    let wrong = browser.post("/profile/password", &[("current_password", "x"), ("new_password", "y")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("n’est pas votre mot de passe actuel"), "{}", wrong.body);
    let form = [("current_password", PASSWORD), ("new_password", "un mot de passe tout neuf")];
    let done = browser.post("/profile/password", &form).await;
    assert_eq!(done.location(), "/profile?done=password");
    assert!(browser.get(done.location()).await.body.contains("Mot de passe changé"));
}
