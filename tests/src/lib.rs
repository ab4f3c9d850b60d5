//! Kith's integration test harness.
//!
//! - [`TestApp`]: a fresh database per test (SQLite temp file or PostgreSQL database), the real
//!   server on port 0 in this process, a fixed clock, and staff of every role with API tokens.
//! - [`db_test!`]: writes a test once and runs it on both engines.
//! - [`browser`]: Chromium through chromedriver (Debian's packages), for page tests.
//! - [`logs`]: every log line the suite produces, for the privacy detector.

pub mod a11y;
pub mod browser;
pub mod fixtures;
pub mod journeys;
pub mod logs;
pub mod oidc;
pub mod pdf;
pub mod privacy;
pub mod smtp;
pub mod web;
pub mod wheel;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use kith_app::{App, CprVault, FixedClock};
use kith_domain::{Email, Lang, Role, UnitKind};
pub use kith_store::testdb::Engine;
use kith_store::testdb::TestDb;
use serde_json::Value;
use tokio::sync::OnceCell;

/// The instant the test clock starts at: Monday 16 November 2026, 10:00 in Copenhagen.
pub const TEST_NOW: &str = "2026-11-16T09:00:00Z";

/// The password of every seeded test user.
pub const TEST_PASSWORD: &str = "test-password-123";

/// Runs an async test body on SQLite and on PostgreSQL, as two tests.
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::TestApp) {
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::TestApp::spawn($crate::Engine::Sqlite).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run($crate::TestApp::spawn($crate::Engine::Postgres).await).await;
            }
        }
    };
}

/// Like [`db_test!`], with the server's settings changed by `$configure` (a
/// `fn(&mut kith_server::Settings)`).
#[macro_export]
macro_rules! db_test_with {
    ($name:ident, $configure:expr, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::TestApp) {
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::TestApp::spawn_with($crate::Engine::Sqlite, $configure).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run($crate::TestApp::spawn_with($crate::Engine::Postgres, $configure).await).await;
            }
        }
    };
}

/// A seeded user: id, e-mail and an API token.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: i64,
    pub email: String,
    pub token: String,
}

/// The staff every test app starts with.
///
/// | user | roles | units |
/// |---|---|---|
/// | admin | admin | – |
/// | adviser, adviser2 | adviser | Team A |
/// | adviser_b | adviser | Team B |
/// | matcher | matcher | Match |
/// | consultant, consultant2 | consultant | Foster |
/// | leader | leader | Team A, Foster |
/// | match_leader | leader | Match |
/// | leader_b | leader | Team B |
/// | auditor | auditor | – |
#[derive(Debug, Clone)]
pub struct Staff {
    pub admin: TestUser,
    pub adviser: TestUser,
    pub adviser2: TestUser,
    pub adviser_b: TestUser,
    pub matcher: TestUser,
    pub consultant: TestUser,
    pub consultant2: TestUser,
    pub leader: TestUser,
    pub match_leader: TestUser,
    pub leader_b: TestUser,
    pub auditor: TestUser,
}

/// A running Kith with its own database.
#[derive(Debug)]
pub struct TestApp {
    pub base: String,
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub staff: Staff,
    pub db: TestDb,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

static PASSWORD_HASH: OnceCell<String> = OnceCell::const_new();

async fn password_hash() -> String {
    PASSWORD_HASH
        .get_or_init(|| async { kith_app::password::hash(TEST_PASSWORD).expect("hash") })
        .await
        .clone()
}

/// A CPR vault with a fixed key, the same for every test app.
pub fn test_vault() -> CprVault {
    CprVault::from_base64_key("a2l0aC10ZXN0LWtleS1rZXB0LXN0YWJsZS0zMmJ5dGU=").expect("32-byte key")
}

impl TestApp {
    /// A fresh app on `engine`.
    pub async fn spawn(engine: Engine) -> Self {
        Self::spawn_with(engine, |_| {}).await
    }

    /// A fresh app on `engine` whose server settings `configure` changes (behind a proxy,
    /// cookies only over TLS).
    pub async fn spawn_with(
        engine: Engine,
        configure: impl FnOnce(&mut kith_server::Settings),
    ) -> Self {
        Self::spawn_signing_in(engine, configure, |_| Default::default()).await
    }

    /// A fresh app on `engine` that signs in as `sign_in` says, given the address Kith is
    /// served at (an identity provider must know it before Kith starts).
    pub async fn spawn_signing_in(
        engine: Engine,
        configure: impl FnOnce(&mut kith_server::Settings),
        sign_in: impl FnOnce(&str) -> kith_app::sign_in::SignInSettings,
    ) -> Self {
        logs::install();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let db = TestDb::fresh(engine).await.expect("test database");
        let conn = kith_app::Db::connect(&db.url).await.expect("connect");
        let at: DateTime<Utc> = TEST_NOW.parse().expect("instant");
        let clock = Arc::new(FixedClock::new(at));
        let app = App::new(conn, clock.clone(), test_vault())
            .with_base_url(&base)
            .with_sign_in(sign_in(&base));
        let staff = seed_staff(&app).await;
        let mut settings = kith_server::Settings::local(base.clone());
        configure(&mut settings);
        let state = kith_server::AppState::new(app.clone(), settings);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(kith_server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        TestApp {
            base,
            app,
            clock,
            staff,
            db,
            shutdown: Some(tx),
        }
    }

    /// An API client acting as `user` (bearer token).
    pub fn client(&self, user: &TestUser) -> Api {
        Api::new(&self.base, Some(user.token.clone()))
    }

    /// An API client without credentials.
    pub fn anonymous(&self) -> Api {
        Api::new(&self.base, None)
    }

    /// Moves the test clock to an RFC 3339 instant.
    pub fn set_now(&self, at: &str) {
        self.clock.set(at.parse().expect("instant"));
    }

    /// Which engine this app runs on.
    pub fn engine(&self) -> Engine {
        self.db.engine
    }

    /// The audit entries with this action, oldest first.
    pub async fn audit_rows(&self, action: &str) -> Vec<kith_store::entities::audit_log::Model> {
        use kith_store::entities::audit_log;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .order_by_asc(audit_log::Column::Id)
            .all(self.app.db().conn())
            .await
            .expect("audit rows")
    }
}

/// Serves `app` on `listener`; dropping the sender stops the server.
fn serve_on(
    listener: tokio::net::TcpListener,
    app: &App,
) -> (String, tokio::sync::oneshot::Sender<()>) {
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let state = kith_server::AppState::new(app.clone(), kith_server::Settings::local(base.clone()));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let router = privacy::watched(kith_server::router(state), app.clone());
    tokio::spawn(kith_server::serve_router(listener, router, async move {
        let _ = rx.await;
    }));
    (base, tx)
}

/// A running Kith loaded with the demo municipality (its own users; see `kith_demo`).
#[derive(Debug)]
pub struct DemoApp {
    pub base: String,
    pub app: App,
    pub db: TestDb,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl DemoApp {
    /// A fresh database on `engine` with the demo loaded, served on a free port.
    pub async fn spawn(engine: Engine) -> Self {
        Self::spawn_signing_in(engine, |_| Default::default()).await
    }

    /// Like [`DemoApp::spawn`], signing in as `sign_in` says given Kith's address.
    pub async fn spawn_signing_in(
        engine: Engine,
        sign_in: impl FnOnce(&str) -> kith_app::sign_in::SignInSettings,
    ) -> Self {
        logs::install();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let db = TestDb::fresh(engine).await.expect("test database");
        let conn = kith_app::Db::connect(&db.url).await.expect("connect");
        let at: DateTime<Utc> = TEST_NOW.parse().expect("instant");
        let app = App::new(conn, Arc::new(FixedClock::new(at)), test_vault())
            .with_base_url(&base)
            .with_sign_in(sign_in(&base));
        kith_demo::load(&app).await.expect("demo loads");
        let (base, tx) = serve_on(listener, &app);
        DemoApp {
            base,
            app,
            db,
            _shutdown: tx,
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if !std::thread::panicking() {
            privacy::assert_no_leak();
        }
    }
}

impl Drop for DemoApp {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            privacy::assert_no_leak();
        }
    }
}

async fn seed_staff(app: &App) -> Staff {
    let conn = app.db().conn();
    let now = app.now();
    let hash = password_hash().await;
    let unit = async |name: &str, kind| {
        kith_store::units::insert(conn, name, kind, now)
            .await
            .expect("unit")
    };
    let team_a = unit("Team A", UnitKind::AdvisoryTeam).await;
    let team_b = unit("Team B", UnitKind::AdvisoryTeam).await;
    let matching = unit("Match", UnitKind::MatchUnit).await;
    let foster = unit("Foster", UnitKind::FosterNetwork).await;
    let user = async |handle: &str, name: &str, roles: &[Role], units: &[i64]| -> TestUser {
        let email = format!("{handle}@kith.test");
        let id = kith_store::users::insert(
            conn,
            &kith_store::users::NewUser {
                email: Email::parse(&email).expect("email"),
                name: name.to_owned(),
                password_hash: hash.clone(),
                locale: Lang::En,
                active: true,
            },
            now,
        )
        .await
        .expect("user");
        kith_store::users::set_roles(conn, id, roles)
            .await
            .expect("roles");
        kith_store::users::set_units(conn, id, units)
            .await
            .expect("units");
        let token = kith_app::tokens::create_for_email(app, &email, "tests", None)
            .await
            .expect("token")
            .secret;
        TestUser { id, email, token }
    };
    Staff {
        admin: user("admin", "Ada Admin", &[Role::Admin], &[]).await,
        adviser: user("adviser", "Alma Adviser", &[Role::Adviser], &[team_a]).await,
        adviser2: user("adviser2", "Anders Adviser", &[Role::Adviser], &[team_a]).await,
        adviser_b: user("adviser_b", "Bente Adviser", &[Role::Adviser], &[team_b]).await,
        matcher: user("matcher", "Mads Matcher", &[Role::Matcher], &[matching]).await,
        consultant: user(
            "consultant",
            "Karen Consultant",
            &[Role::Consultant],
            &[foster],
        )
        .await,
        consultant2: user(
            "consultant2",
            "Kim Consultant",
            &[Role::Consultant],
            &[foster],
        )
        .await,
        leader: user("leader", "Lene Leader", &[Role::Leader], &[team_a, foster]).await,
        match_leader: user("match_leader", "Lars Leader", &[Role::Leader], &[matching]).await,
        leader_b: user("leader_b", "Lise Leader", &[Role::Leader], &[team_b]).await,
        auditor: user("auditor", "Rita Revisor", &[Role::Auditor], &[]).await,
    }
}

/// A small HTTP client for the JSON API.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
}

/// An HTTP response, with the body parsed as JSON when it is JSON.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub body: Value,
    pub text: String,
    /// The body as sent (for files).
    pub bytes: Vec<u8>,
    pub headers: reqwest::header::HeaderMap,
}

impl Resp {
    /// Asserts the status, printing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        if self.status != status && self.status >= 500 {
            // The server's own account of the fault, to find it without a debugger.
            let errors: Vec<String> = logs::captured()
                .lines()
                .filter(|l| l.contains("\"ERROR\""))
                .map(str::to_owned)
                .collect();
            eprintln!("server errors logged so far:\n{}", errors.join("\n"));
        }
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }

    /// The first field error's field name (for 422 problems).
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The Content-Type header.
    pub fn content_type(&self) -> String {
        self.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }
}

impl Api {
    /// A client for `base`, optionally with a bearer token. Like a browser on Kith's pages,
    /// it names Kith as the `Origin` of every request.
    pub fn new(base: &str, token: Option<String>) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::ORIGIN,
            reqwest::header::HeaderValue::from_str(base).expect("an origin"),
        );
        Self {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .default_headers(headers)
                .build()
                .expect("client"),
            token,
        }
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Resp {
        let req = match &self.token {
            Some(t) => req.bearer_auth(t),
            None => req,
        };
        let res = req.send().await.expect("request");
        let path = res.url().path().to_owned();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("body").to_vec();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // The suite's privacy detector: no answer but the audited reveal holds a full CPR
        // number, and no log line of the suite so far does.
        if !path.ends_with("/cpr-reveal")
            && let Some(found) = fixtures::full_cpr_in(&text)
        {
            panic!("{path} answered a full CPR number ({found}); only the audited reveal may");
        }
        if let Some(line) = logs::cpr_leak() {
            panic!("a log line holds a full CPR number: {line}");
        }
        privacy::assert_no_leak();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp {
            status,
            body,
            text,
            bytes,
            headers,
        }
    }

    /// GET a path.
    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.http.get(format!("{}{path}", self.base)))
            .await
    }

    /// POST JSON.
    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        self.send(self.http.post(format!("{}{path}", self.base)).json(body))
            .await
    }

    /// PUT JSON.
    pub async fn put(&self, path: &str, body: &Value) -> Resp {
        self.send(self.http.put(format!("{}{path}", self.base)).json(body))
            .await
    }

    /// PATCH JSON.
    pub async fn patch(&self, path: &str, body: &Value) -> Resp {
        self.send(self.http.patch(format!("{}{path}", self.base)).json(body))
            .await
    }

    /// DELETE.
    pub async fn delete(&self, path: &str) -> Resp {
        self.send(self.http.delete(format!("{}{path}", self.base)))
            .await
    }

    /// Any method, with a JSON body or none.
    pub async fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Resp {
        let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let req = self.http.request(m, format!("{}{path}", self.base));
        self.send(match body {
            Some(b) => req.json(b),
            None => req,
        })
        .await
    }

    /// POST JSON asking for answers in `accept_language` (an `Accept-Language` value).
    pub async fn post_in(&self, accept_language: &str, path: &str, body: &Value) -> Resp {
        self.send(
            self.http
                .post(format!("{}{path}", self.base))
                .header(reqwest::header::ACCEPT_LANGUAGE, accept_language)
                .json(body),
        )
        .await
    }

    /// POST a raw body with a content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: &str) -> Resp {
        self.post_bytes(path, content_type, body.as_bytes().to_vec())
            .await
    }

    /// POST bytes (a file) with a content type.
    pub async fn post_bytes(&self, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        self.send(
            self.http
                .post(format!("{}{path}", self.base))
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body),
        )
        .await
    }
}
