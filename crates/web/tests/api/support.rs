//! `TestApp::spawn()`: the real application on port 0 against a fresh database.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use std::time::Duration;

use radgestmat_app::{App, AppBuilder, Notifier, SecretKey};
use radgestmat_domain::{Actor, Password, Role, TokenRequest, UserFields};
use radgestmat_jobs::{Worker, WorkerOptions};
use radgestmat_store::{Store, StoreOptions};
use radgestmat_web::{AppState, WebConfig};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::sync::OnceCell;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    /// The application the server runs, assembled as `radgestmat serve` assembles it.
    pub app: App,
    /// Its store, to arrange and inspect what a test needs past the use cases.
    pub store: Store,
    /// A bearer token of the `admin` account.
    pub admin: String,
    /// The URL of this test's database, to start a second app on it.
    pub database_url: String,
}

/// A response: status, headers and the JSON body (`Null` when empty).
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

static PG_READY: OnceCell<()> = OnceCell::const_new();
static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    format!("{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), nanos % 1_000_000_000)
}

/// A fresh database: a new SQLite file, or a new schema in the PostgreSQL test database.
pub async fn fresh_database() -> String {
    match std::env::var("RADGESTMAT_TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let admin = Store::connect(&base, StoreOptions { max_connections: 2, ..Default::default() })
                .await
                .expect("RADGESTMAT_TEST_DATABASE_URL is set but PostgreSQL is not reachable");
            PG_READY
                .get_or_init(|| async {
                    admin.execute_raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").await.expect("pg_trgm");
                })
                .await;
            let schema = format!("t_{}", unique());
            admin.execute_raw(&format!("CREATE SCHEMA {schema}")).await.expect("create schema");
            let separator = if base.contains('?') { '&' } else { '?' };
            format!("{base}{separator}options=-c%20search_path%3D{schema}%2Cpublic")
        }
        _ => {
            let dir = std::env::temp_dir().join("radgestmat-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            format!("sqlite://{}", dir.join(format!("{}.db", unique())).display())
        }
    }
}

/// The secret key of every test instance: a second node or a restart shares it, as in production.
pub fn test_key() -> SecretKey {
    SecretKey::parse("the secret key of the API tests, 40 chars").expect("a long enough key")
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_on(fresh_database().await).await
    }

    /// The app with these web settings, on a fresh database.
    pub async fn spawn_with(config: WebConfig) -> TestApp {
        Self::start(fresh_database().await, config, test_key()).await
    }

    /// Another instance of the app on an existing database (a restart, or a second node).
    pub async fn spawn_on(database_url: String) -> TestApp {
        Self::start(database_url, WebConfig::default(), test_key()).await
    }

    /// Another instance on an existing database with its own secret key (the key was changed).
    pub async fn spawn_with_key(database_url: String, secret_key: SecretKey) -> TestApp {
        Self::start(database_url, WebConfig::default(), secret_key).await
    }

    async fn start(database_url: String, config: WebConfig, secret_key: SecretKey) -> TestApp {
        let options = StoreOptions { max_connections: 8, secret_key, ..Default::default() };
        let (app, store) = AppBuilder::new(database_url.clone(), options).build().await.expect("the application");
        tokio::spawn(store.clone().run_audit_sequencer());
        let router = radgestmat_web::app(AppState::new(app.clone(), config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.expect("serve");
        });
        let mut app = TestApp {
            base: format!("http://{address}"),
            client: reqwest::Client::new(),
            app,
            store,
            admin: String::new(),
            database_url,
        };
        app.admin = app.user_token("admin", Role::Admin).await;
        app
    }

    /// A bearer token for a user with this role, creating the account if needed.
    pub async fn user_token(&self, username: &str, role: Role) -> String {
        let fields = UserFields {
            username: username.into(),
            display_name: username.into(),
            email: None,
            role,
            employee_id: None,
            disabled: false,
        };
        let actor = Actor::system("tests");
        let user = match self.store.create_user(&actor, fields, Password::new(PASSWORD)).await {
            Ok(user) => user.id,
            Err(_) => {
                self.store
                    .list_users(&Default::default())
                    .await
                    .expect("users")
                    .items
                    .into_iter()
                    .find(|u| u.fields.username == username)
                    .expect("user")
                    .id
            }
        };
        let request = TokenRequest { name: "tests".into(), expires_at: None };
        self.store.create_token(&actor, user, request).await.expect("token").token
    }

    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Reply { status, headers, body }
    }

    /// Posts a multipart form: text fields, then a file.
    pub async fn upload(&self, path: &str, token: &str, fields: &[(&str, &str)], file: (&str, &[u8])) -> Reply {
        const BOUNDARY: &str = "radgestmat-test-boundary-7d3c";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
            );
        }
        let (file_name, bytes) = file;
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: text/csv\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(format!("\r\n--{BOUNDARY}--\r\n").bytes());
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(body)
            .send()
            .await
            .expect("request");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Reply { status, headers, body }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, Some(&self.admin), None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(&self.admin), Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(&self.admin), Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, Some(&self.admin), None).await
    }

    /// A background worker on this app's database, retrying failures after 100 ms. It sends no
    /// notification (and so marks every new alert notified).
    pub fn worker(&self) -> Worker {
        self.notifying_worker(Notifier::default())
    }

    /// A worker that delivers notifications through `notifier`.
    pub fn notifying_worker(&self, notifier: Notifier) -> Worker {
        let options = WorkerOptions { retry_base: Duration::from_millis(100), ..WorkerOptions::default() };
        Worker::new(self.app.with_notifier(notifier), self.store.clone(), options)
    }

    /// Runs the jobs that are due (the alert re-checks of the changes made so far) until none is.
    pub async fn settle(&self) {
        let worker = self.worker();
        while worker.run_once().await.expect("run jobs") > 0 {}
    }

    /// The `total` of a list with `count=true`, failing the test unless it answers 200.
    pub async fn total(&self, path: &str) -> u64 {
        let separator = if path.contains('?') { '&' } else { '?' };
        let reply = self.get(&format!("{path}{separator}count=true&limit=1")).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        reply.body["total"].as_u64().expect("total")
    }

    /// Creates a record and returns its id, failing the test otherwise.
    pub async fn create(&self, path: &str, body: Value) -> i64 {
        let reply = self.post(path, body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "POST {path}: {}", reply.body);
        reply.body["id"].as_i64().expect("id")
    }

    /// A minimal catalogue: returns (site, location, category, manufacturer, model, supplier).
    pub async fn catalogue(&self) -> Catalogue {
        let site = self
            .create("/api/v1/sites", json!({"code": "MAG-01", "name": "Magasin Sfax", "kind": "store", "city": "Sfax"}))
            .await;
        let location = self.create("/api/v1/locations", json!({"site_id": site, "name": "Réserve"})).await;
        let category = self.create("/api/v1/categories", json!({"name": "Écrans"})).await;
        let manufacturer = self.create("/api/v1/manufacturers", json!({"name": "Dell"})).await;
        let model = self
            .create(
                "/api/v1/models",
                json!({"name": "P2422H", "category_id": category, "manufacturer_id": manufacturer}),
            )
            .await;
        let supplier = self.create("/api/v1/suppliers", json!({"name": "Tunisie Informatique"})).await;
        Catalogue { site, location, category, manufacturer, model, supplier }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Catalogue {
    pub site: i64,
    pub location: i64,
    pub category: i64,
    pub manufacturer: i64,
    pub model: i64,
    pub supplier: i64,
}

/// The problem document's field names.
pub fn fields_of(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|e| e.iter().filter_map(|e| e["field"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}
