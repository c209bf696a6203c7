//! The web pages, through real HTTP as a browser sends it: a cookie jar, forms, no redirects
//! followed (each answer is checked). The browser walk itself is in `e2e/`.

use radgestmat_domain::Role;
use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, redirect::Policy};
use serde_json::json;

use crate::notifications::yesterday;
use crate::support::{PASSWORD, TestApp};

/// A browser: its own cookies, its language, and where the forms it sends come from.
pub struct Browser {
    client: reqwest::Client,
    base: String,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

impl Browser {
    pub fn new(app: &TestApp, language: &str) -> Browser {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, language.parse().unwrap());
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .default_headers(headers)
            .build()
            .unwrap();
        Browser { client, base: app.base.clone() }
    }

    /// Signs in as a user with this role (created if needed).
    pub async fn signed_in(app: &TestApp, username: &str, role: Role) -> Browser {
        app.user_token(username, role).await;
        let browser = Browser::new(app, "fr-FR,fr;q=0.9");
        let page = browser.post("/login", &[("username", username), ("password", PASSWORD), ("next", "/assets")]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        browser
    }

    /// Signs in a browser of its own language as an existing user.
    pub async fn sign_in(self, app: &TestApp, username: &str) -> Browser {
        let _ = app;
        let page = self.post("/login", &[("username", username), ("password", PASSWORD), ("next", "/assets")]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        self
    }

    /// A download: its status and bytes.
    pub async fn bytes(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let response = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        (response.status(), response.bytes().await.unwrap().to_vec())
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        Page { status: response.status(), headers: response.headers().clone(), body: response.text().await.unwrap() }
    }

    /// A form sent from one of our pages, as a browser marks it.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        self.post_from(path, form, "same-origin").await
    }

    async fn post_from(&self, path: &str, form: &[(&str, &str)], fetch_site: &str) -> Page {
        let origin = if fetch_site == "same-origin" { self.base.clone() } else { "https://evil.example".into() };
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("sec-fetch-site", fetch_site)
            .header(header::ORIGIN, origin)
            .form(form)
            .send()
            .await
            .unwrap();
        Page { status: response.status(), headers: response.headers().clone(), body: response.text().await.unwrap() }
    }
}

/// An in-stock asset and an active employee: (asset id, tag, employee id).
pub async fn asset_and_employee(app: &TestApp) -> (i64, String, i64) {
    let cat = app.catalogue().await;
    let asset = app.post("/api/v1/assets", json!({"name": "Portable Dell Latitude", "model_id": cat.model})).await;
    let employee = app
        .create(
            "/api/v1/employees",
            json!({"matricule": "E-0042", "first_name": "Sonia", "last_name": "Trabelsi", "site_id": cat.site}),
        )
        .await;
    (asset.body["id"].as_i64().unwrap(), asset.body["asset_tag"].as_str().unwrap().to_owned(), employee)
}

#[tokio::test]
async fn pages_need_a_session_and_carry_the_security_headers() {
    let app = TestApp::spawn().await;
    let browser = Browser::new(&app, "fr");
    let page = browser.get("/assets?status=in_stock").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/login?next=%2Fassets%3Fstatus%3Din_stock");

    let login = browser.get("/login").await;
    assert_eq!(login.status, StatusCode::OK);
    let csp = login.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(login.headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(login.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(login.body.contains("<html lang=\"fr\">") && login.body.contains("Connexion"));
    assert!(!login.body.contains("<script>"), "no inline script");

    app.user_token("agent", Role::It).await;
    let wrong = browser.post("/login", &[("username", "agent"), ("password", "pas le bon")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("Identifiant ou mot de passe incorrect"), "{}", wrong.body);
    assert!(wrong.body.contains("value=\"agent\""), "the username stays typed");

    let ok = browser.post("/login", &[("username", "agent"), ("password", PASSWORD), ("next", "/assets")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), "/assets");
    let cookie = ok.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), "{cookie}");
    assert_eq!(browser.get("/assets").await.status, StatusCode::OK);

    // Another site's address after login or a language switch is not followed, however it is
    // spelled for a browser (which drops tabs and line breaks, and reads `\` as `/`).
    for next in [
        "//evil.example",
        "/\t/evil.example",
        "/\\evil.example",
        "/\n/evil.example",
        "/a\r\nSet-Cookie: x=1",
        "https://evil.example",
    ] {
        let login = browser.post("/login", &[("username", "agent"), ("password", PASSWORD), ("next", next)]).await;
        assert_eq!((login.status, login.location()), (StatusCode::SEE_OTHER, "/dashboard"), "{next:?}");
        let language = browser.post("/language", &[("language", "fr"), ("next", next)]).await;
        assert_eq!((language.status, language.location()), (StatusCode::SEE_OTHER, "/dashboard"), "{next:?}");
    }

    let out = browser.post("/logout", &[]).await;
    assert_eq!(out.location(), "/login");
    assert_eq!(browser.get("/assets").await.status, StatusCode::SEE_OTHER, "the session is over");
}

#[tokio::test]
async fn the_login_page_tells_of_the_lock_out() {
    let app = TestApp::spawn().await;
    app.user_token("distrait", Role::Reception).await;
    let browser = Browser::new(&app, "fr");
    for _ in 0..5 {
        browser.post("/login", &[("username", "distrait"), ("password", "non")]).await;
    }
    let locked = browser.post("/login", &[("username", "distrait"), ("password", PASSWORD)]).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.body.contains("connexion bloquée, réessayez dans 15 min"), "{}", locked.body);
}

#[tokio::test]
async fn a_secure_deployment_marks_the_cookie_secure() {
    let config = radgestmat_web::WebConfig { cookie_secure: true, ..Default::default() };
    let app = TestApp::spawn_with(config).await;
    app.user_token("agent", Role::It).await;
    let browser = Browser::new(&app, "fr");
    let ok = browser.post("/login", &[("username", "agent"), ("password", PASSWORD)]).await;
    assert!(ok.headers[header::SET_COOKIE].to_str().unwrap().contains("; Secure"));
}

#[tokio::test]
async fn cross_site_forms_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let model = cat.model.to_string();
    let form = [("name", "Écran piégé"), ("model_id", model.as_str())];
    let refused = it.post_from("/assets/new", &form, "cross-site").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("Accès refusé"), "a page, not a bare status: {}", refused.body);
    assert_eq!(app.total("/api/v1/assets").await, 0);
    let api = app.client.post(format!("{}/api/v1/assets", app.base)).header("sec-fetch-site", "cross-site");
    let api = api.bearer_auth(&app.admin).json(&json!({"name": "x", "model_id": cat.model})).send().await.unwrap();
    assert_eq!(api.status(), StatusCode::FORBIDDEN, "the API is covered too");
    assert_eq!(api.headers()[header::CONTENT_TYPE], "application/problem+json");

    let created = it.post("/assets/new", &form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(app.total("/api/v1/assets").await, 1);
}

#[tokio::test]
async fn a_script_stored_in_a_name_is_shown_inert() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    let name = "<script>alert('xss')</script><img src=x onerror=alert(1)>";
    let id = app.create("/api/v1/assets", json!({"name": name, "model_id": cat.model})).await;
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    for path in [format!("/assets/{id}"), "/assets".into(), format!("/assets/{id}/edit")] {
        let page = it.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<script>alert") && !page.body.contains("<img src=x"), "{path}: {}", page.body);
        assert!(page.body.contains("&#60;script&#62;") || page.body.contains("&lt;script&gt;"), "{path}");
    }
}

#[tokio::test]
async fn the_asset_form_keeps_what_was_typed_and_says_what_is_wrong_in_french() {
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    let model = cat.model.to_string();
    let mut form = vec![
        ("name", ""),
        ("model_id", model.as_str()),
        ("serial", "SN-TAPÉ-1"),
        ("purchase_date", "2026-05-10"),
        ("warranty_end", "2026-01-01"),
        ("purchase_cost", "1 234,500"),
    ];
    let refused = it.post("/assets/new", &form).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("ne doit pas être vide"), "{}", refused.body);
    assert!(refused.body.contains("ne doit pas être antérieure à la date d’achat"));
    assert!(refused.body.contains("value=\"SN-TAPÉ-1\""), "what was typed stays");
    assert!(refused.body.contains("2 champs sont à corriger"));
    assert_eq!(app.total("/api/v1/assets").await, 0, "nothing is written");
    let one = [("name", ""), ("model_id", model.as_str())];
    let refused = it.post("/assets/new", &one).await;
    assert!(refused.body.contains("Un champ est à corriger."), "one field, said in the singular");
    // What the form cannot read and what the domain refuses, all in one round (issue 18, point 16).
    let both = [("name", ""), ("model_id", model.as_str()), ("purchase_cost", "beaucoup")];
    let refused = it.post("/assets/new", &both).await;
    assert!(refused.body.contains("2 champs sont à corriger") && refused.body.contains("ne doit pas être vide"));

    form[0].1 = "Portable Dell Latitude 5440";
    form[4].1 = "2029-05-10";
    let created = it.post("/assets/new", &form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: i64 = created.location().trim_start_matches("/assets/").split('?').next().unwrap().parse().unwrap();
    let asset = app.get(&format!("/api/v1/assets/{id}")).await.body;
    assert_eq!(asset["purchase_cost"], 1_234_500);
    assert_eq!(asset["serial"], "SN-TAPÉ-1");
    let page = it.get(created.location()).await;
    assert!(page.body.contains("Matériel enregistré") && page.body.contains("1\u{202f}234,500\u{a0}TND"));
    assert!(page.body.contains("10/05/2026"), "dates written the French way");

    // A stale edit comes back with a notice; the second save goes through.
    let edit = it.get(&format!("/assets/{id}/edit")).await;
    assert!(edit.body.contains("name=\"version\" value=\"1\""), "{}", edit.body);
    assert!(edit.body.contains("value=\"1 234,500\""), "the cost as it is typed");
    app.patch(&format!("/api/v1/assets/{id}"), json!({"notes": "changé ailleurs"})).await;
    let stale = [("name", "Nouveau nom"), ("model_id", model.as_str()), ("version", "1")];
    let page = it.post(&format!("/assets/{id}/edit"), &stale).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Quelqu’un a modifié ce matériel entre-temps"), "{}", page.body);
    assert!(
        page.body.contains("Ce qui a changé depuis") && page.body.contains("Notes : — → changé ailleurs"),
        "what changed"
    );
    assert!(page.body.contains("value=\"Nouveau nom\""));
    let again = [("name", "Nouveau nom"), ("model_id", model.as_str()), ("version", "2")];
    assert_eq!(it.post(&format!("/assets/{id}/edit"), &again).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/api/v1/assets/{id}")).await.body["name"], "Nouveau nom");

    // Retiring asks for a ticked box, which works without JavaScript.
    let retire = it.post(&format!("/assets/{id}/retire"), &[("status", "retired"), ("note", "écran cassé")]).await;
    assert!(it.get(retire.location()).await.body.contains("cochez la case de confirmation"));
    assert_eq!(app.get(&format!("/api/v1/assets/{id}")).await.body["status"], "in_stock");
    let confirmed = [("status", "retired"), ("note", "écran cassé"), ("confirm", "yes")];
    let retired = it.post(&format!("/assets/{id}/retire"), &confirmed).await;
    assert!(it.get(retired.location()).await.body.contains("Matériel réformé"));
    let asset = app.get(&format!("/api/v1/assets/{id}")).await.body;
    assert_eq!((asset["status"].as_str(), asset["notes"].as_str()), (Some("retired"), Some("écran cassé")));
}

type Form<'a> = Vec<(&'a str, &'a str)>;

/// Every page and form × every role: who may, who gets the 403 page (audited), and that a
/// refused form changes nothing.
#[tokio::test]
async fn each_role_reaches_only_its_pages() {
    let app = TestApp::spawn().await;
    let (id, tag, employee) = asset_and_employee(&app).await;
    app.patch(&format!("/api/v1/assets/{id}"), json!({"warranty_end": yesterday()})).await;
    app.store.scan_alerts(chrono::Utc::now()).await.unwrap();
    let alert = app.get("/api/v1/alerts?kind=warranty_expired").await.body["items"][0]["id"].as_i64().unwrap();
    let upload = app.upload("/api/v1/imports", &app.admin, &[("kind", "assets")], ("a.csv", b"Model\nX\n")).await;
    let import = upload.body["id"].as_i64().unwrap();
    app.settle().await;
    let pages = [
        ("/dashboard", [true, true, true, true, true]),
        ("/assets", [true, true, true, true, false]),
        (&format!("/assets/{id}"), [true, true, true, true, false]),
        ("/assets.csv", [true, true, true, true, false]),
        ("/assets/new", [true, true, false, false, false]),
        (&format!("/assets/{id}/edit"), [true, true, false, false, false]),
        ("/desk/checkout", [true, true, true, false, false]),
        ("/desk/checkin", [true, true, true, false, false]),
        ("/alerts", [true, true, true, true, false]),
        (&format!("/alerts/{alert}"), [true, true, true, true, false]),
        ("/employees", [true, true, true, true, false]),
        (&format!("/employees/{employee}"), [true, true, true, true, false]),
        ("/audit", [true, true, false, true, false]),
        ("/profile", [true, true, true, true, true]),
        ("/mine", [true, true, true, true, true]),
        ("/admin", [true, true, false, false, false]),
        ("/scan", [true, true, true, true, false]),
        ("/labels", [true, true, true, true, false]),
        ("/imports", [true, true, false, false, false]),
        (&format!("/imports/{import}"), [true, true, false, false, false]),
        (&format!("/imports/{import}/errors.csv"), [true, true, false, false, false]),
        ("/admin/sites", [true, true, false, false, false]),
        ("/admin/models", [true, true, false, false, false]),
        ("/admin/custom-fields", [true, true, false, false, false]),
        ("/admin/users", [true, false, false, false, false]),
        ("/admin/alerts", [true, false, false, false, false]),
        ("/admin/notifications", [true, false, false, false, false]),
    ];
    let roles = [Role::Admin, Role::It, Role::Reception, Role::Direction, Role::Employee];
    for (i, role) in roles.into_iter().enumerate() {
        let browser = Browser::signed_in(&app, &format!("u-{}", role.as_str()), role).await;
        for (path, allowed) in &pages {
            let page = browser.get(path).await;
            let expected = match allowed[i] {
                // An employee's dashboard is what they hold.
                true if *path == "/dashboard" && role == Role::Employee => StatusCode::SEE_OTHER,
                true => StatusCode::OK,
                false => StatusCode::FORBIDDEN,
            };
            assert_eq!(page.status, expected, "{} GET {path}", role.as_str());
            if !allowed[i] {
                assert!(page.body.contains("Accès refusé"), "{path}: the friendly page");
            }
        }
        let forms: [(&str, Form, bool); 16] = [
            ("/assets/new", vec![("name", "x"), ("model_id", "1")], i < 2),
            (&format!("/assets/{id}/retire"), vec![("status", "lost")], i < 2),
            (&format!("/assets/{id}/repaired"), vec![], i < 2),
            ("/desk/checkin", vec![("tag", tag.as_str())], i < 3),
            // A warranty alert: not the desk's (it handles loan alerts only).
            (&format!("/alerts/{alert}/acknowledge"), vec![], i < 2),
            ("/alerts/bulk", vec![("action", "acknowledge")], i < 3),
            (&format!("/employees/{employee}/leaver"), vec![], i < 3),
            ("/admin/departments", vec![("name", "")], i < 2),
            ("/admin/users", vec![("username", "")], i < 1),
            ("/admin/alerts/audit_due", vec![("threshold", "x")], i < 1),
            ("/admin/notifications", vec![("smtp_port", "x")], i < 1),
            ("/admin/notifications/reset", vec![], i < 1),
            ("/admin/notifications/test", vec![("to", "")], i < 1),
            ("/profile/tokens", vec![("name", "")], true),
            // Anyone's own equipment; someone else's is not found.
            ("/mine/999999/acknowledge", vec![], true),
            ("/mine/999999/problem", vec![("note", "x")], true),
        ];
        for (path, form, allowed) in forms {
            let page = browser.post(path, &form).await;
            if allowed {
                assert_ne!(page.status, StatusCode::FORBIDDEN, "{} POST {path}", role.as_str());
            } else {
                assert_eq!(page.status, StatusCode::FORBIDDEN, "{} POST {path}", role.as_str());
            }
        }
    }
    let denied = app.total("/api/v1/audit?action=auth.permission_denied").await;
    assert!(denied >= 40, "every refusal is in the audit log ({denied})");
    // Direction sees the totals and value; the desk sees today's returns first.
    let direction = Browser::signed_in(&app, "u-direction", Role::Direction).await;
    assert!(direction.get("/dashboard").await.body.contains("valeur d’achat du parc"));
    let desk = Browser::signed_in(&app, "u-reception", Role::Reception).await;
    assert!(desk.get("/dashboard").await.body.contains("Retours attendus"));
}

/// The desk's returns: overdue, due today (until local midnight in Tunis, not in UTC) and due
/// this week, each under its heading (issue 18, point 8).
#[tokio::test]
async fn the_desk_sees_returns_by_when_they_are_due() {
    use chrono::{TimeDelta, Utc};
    use radgestmat_domain::Due;
    let app = TestApp::spawn().await;
    let cat = app.catalogue().await;
    let employee = app
        .create("/api/v1/employees", json!({"matricule": "E-1", "first_name": "Sonia", "last_name": "Trabelsi"}))
        .await;
    let now = Utc::now();
    let tunis = chrono::FixedOffset::east_opt(3600).unwrap();
    let midnight = Due::end_of_today(now, tunis);
    let dues = [
        ("RETARD", now + TimeDelta::hours(1)), // made overdue below
        ("AUJOURDHUI", now + (midnight - now) / 2),
        ("SEMAINE", midnight + TimeDelta::days(3)),
        ("PLUSTARD", midnight + TimeDelta::days(10)),
    ];
    for (tag, due) in dues {
        let asset = app.create("/api/v1/assets", json!({"asset_tag": tag, "name": tag, "model_id": cat.model})).await;
        let out = json!({"employee_id": employee, "expected_return_at": due.to_rfc3339()});
        assert_eq!(app.post(&format!("/api/v1/assets/{asset}/checkout"), out).await.status, StatusCode::CREATED);
    }
    let past = (now - TimeDelta::hours(3)).format("%Y-%m-%d %H:%M:%S+00:00");
    let late = format!(
        "UPDATE assignments SET expected_return_at = '{past}' WHERE asset_id = (SELECT id FROM assets WHERE asset_tag = 'RETARD')"
    );
    app.store.execute_raw(&late).await.unwrap();

    let desk = Browser::signed_in(&app, "accueil", Role::Reception).await;
    let page = desk.get("/dashboard").await.body;
    let section = |id: &str| {
        let start = page.find(&format!("id=\"due-{id}\"")).unwrap_or_else(|| panic!("{id}: {page}"));
        let end = page[start + 1..].find("<h3").map_or(page.len(), |n| start + 1 + n);
        page[start..end].to_owned()
    };
    assert!(section("overdue").contains("RETARD") && !section("overdue").contains("AUJOURDHUI"));
    assert!(section("today").contains("AUJOURDHUI") && section("today").contains("À rendre aujourd’hui"));
    assert!(section("this_week").contains("SEMAINE"));
    assert!(!page.contains("PLUSTARD"), "not due this week");
}

#[tokio::test]
async fn the_language_follows_the_browser_then_the_user() {
    let app = TestApp::spawn().await;
    app.user_token("bilingue", Role::It).await;
    let english = Browser::new(&app, "en-GB,en;q=0.9,fr;q=0.5");
    let page = english.get("/login?next=%2Fassets%3Fstatus%3Dlost").await;
    assert!(page.body.contains("<html lang=\"en\">") && page.body.contains("Sign in"));
    assert!(page.body.contains("name=\"next\" value=\"/login?next=%2Fassets%3Fstatus%3Dlost\""), "{}", page.body);

    let french = Browser::new(&app, "fr");
    french.post("/login", &[("username", "bilingue"), ("password", PASSWORD)]).await;
    assert!(french.get("/dashboard").await.body.contains("Tableau de bord"));
    let list = french.get("/assets?status=lost&sort=name").await;
    assert!(
        list.body.contains("name=\"next\" value=\"/assets?status=lost&#38;sort=name\"")
            || list.body.contains("name=\"next\" value=\"/assets?status=lost&amp;sort=name\""),
        "the switch keeps the filters"
    );
    let switched = french.post("/language", &[("language", "en"), ("next", "/assets?status=lost&sort=name")]).await;
    assert_eq!(switched.location(), "/assets?status=lost&sort=name");
    assert!(french.get("/dashboard").await.body.contains("Dashboard"));

    // On another browser that prefers French, the user's choice wins once signed in.
    let other = Browser::new(&app, "fr");
    assert!(other.get("/login").await.body.contains("Connexion"));
    let login = other.post("/login", &[("username", "bilingue"), ("password", PASSWORD)]).await;
    assert!(login.headers.get_all(header::SET_COOKIE).iter().any(|c| c.to_str().unwrap().starts_with("rgm_lang=en")));
    assert!(other.get("/dashboard").await.body.contains("Dashboard"));
    assert_eq!(app.total("/api/v1/audit?entity=user&action=user.update").await, 1, "the choice is audited");
    assert_eq!(french.post("/language", &[("language", "de")]).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_pages_are_friendly_and_the_api_keeps_its_problems() {
    let app = TestApp::spawn().await;
    let page = Browser::new(&app, "fr").get("/nulle-part").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page introuvable") && page.body.contains("Référence de la requête"));
    let en = Browser::new(&app, "en").get("/nowhere").await;
    assert!(en.body.contains("Page not found"));
    let api = app.get("/api/v1/nowhere").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.headers[header::CONTENT_TYPE], "application/problem+json");
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    assert_eq!(it.get("/assets/999999").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn embedded_files_are_cached_by_version() {
    let app = TestApp::spawn().await;
    let browser = Browser::new(&app, "fr");
    let login = browser.get("/login").await.body;
    let css = login.split("href=\"/static/app.css").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let page = browser.get(&format!("/static/app.css{css}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert!(page.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
    assert_eq!(browser.get("/static/app.css").await.headers[header::CACHE_CONTROL], "no-cache");
    assert_eq!(browser.get("/static/secret.txt").await.status, StatusCode::NOT_FOUND);
}

/// A malformed path or form gets the friendly error page in the reader's language, never the
/// framework's wording (issue 18, point 14); the API answers problem+json.
#[tokio::test]
async fn malformed_paths_and_forms_get_the_error_page() {
    let app = TestApp::spawn().await;
    let it = Browser::signed_in(&app, "informatique", Role::It).await;
    for path in ["/assets/abc", "/assets/-3/edit", "/employees/1e3", "/alerts/x"] {
        let page = it.get(path).await;
        assert!(page.status.is_client_error(), "{path}: {}", page.status);
        let friendly = page.body.contains("Demande incorrecte") || page.body.contains("Page introuvable");
        assert!(page.body.contains("<html lang=\"fr\">") && friendly, "{path}: {}", page.body);
        assert!(!page.body.contains("Cannot parse") && !page.body.contains("Invalid URL"), "{path}: {}", page.body);
        assert!(page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors"));
    }
    let api = app.get("/api/v1/assets/abc").await;
    assert_eq!(
        (api.status, api.headers["content-type"].to_str().unwrap()),
        (StatusCode::BAD_REQUEST, "application/problem+json")
    );
}
