//! A real OpenID Connect provider for the sign-in tests: panva's `oidc-provider` from the npm
//! registry, run by Node from `tests/oidc/provider.mjs` on a free port, stopped when dropped.
//! Its packages are installed on first use (`npm ci`, pinned by `package-lock.json`).
//!
//! [`Walk`] goes through a sign-in as a browser does, over HTTP: Kith's button, the provider's
//! sign-in page, back to Kith's callback.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use kith_app::sign_in::{ProviderSettings, SignInSettings};
use kith_domain::sign_in::{AccessFrom, FirstSignIn};
use serde_json::{Value, json};

use crate::{Engine, TestApp};

/// The provider's name in Kith (its addresses are `/login/oidc/kommune…`, as the provider's
/// registered redirect address says).
pub const NAME: &str = "kommune";

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oidc")
}

static INSTALL: Mutex<bool> = Mutex::new(false);

/// `npm ci` once per test process, when the packages are not there yet.
fn ensure_installed() {
    let mut done = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if *done || dir().join("node_modules/oidc-provider").exists() {
        *done = true;
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir())
        .status()
        .expect("npm (Node.js) on the machine");
    assert!(status.success(), "npm ci in tests/oidc");
    *done = true;
}

/// A running provider, killed when dropped.
#[derive(Debug)]
pub struct Provider {
    child: Child,
    pub issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Provider {
    /// Starts a provider that sends people back to the Kith at `kith_base`.
    pub fn start(kith_base: &str) -> Self {
        ensure_installed();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .arg(port.to_string())
            .arg(kith_base)
            .current_dir(dir())
            .stdout(Stdio::piped())
            // What the provider says goes to a file beside the other temporary files.
            .stderr(
                std::fs::File::create(std::env::temp_dir().join(format!("kith-oidc-{port}.log")))
                    .map(Stdio::from)
                    .unwrap_or_else(|_| Stdio::null()),
            )
            .spawn()
            .expect("node on the machine");
        let out = child.stdout.take().expect("stdout");
        let mut out = BufReader::new(out);
        let mut line = String::new();
        out.read_line(&mut line).expect("provider's first line");
        // Whatever else it prints is read and dropped: a closed pipe would stop it.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let issuer = line
            .trim()
            .strip_prefix("ready ")
            .unwrap_or_else(|| panic!("provider did not start: {line:?}"))
            .to_owned();
        Provider { child, issuer }
    }

    /// Kith's settings for this provider: accounts an administrator made, access kept in Kith.
    pub fn settings(&self) -> ProviderSettings {
        ProviderSettings {
            name: NAME.into(),
            display_name: "Testkommune".into(),
            issuer: self.issuer.clone(),
            client_id: "kith".into(),
            client_secret: "kith-test-secret".to_owned().into(),
            scopes: vec!["email".into(), "profile".into(), "groups".into()],
            first_sign_in: FirstSignIn::AdminCreated,
            trust_email: false,
            access: AccessFrom::Kith,
        }
    }

    /// Adds a person the provider knows: `sub`, with these claims.
    pub async fn add(&self, sub: &str, email: &str, verified: bool, name: &str, groups: &[&str]) {
        let body = json!({
            "sub": sub, "email": email, "email_verified": verified, "name": name, "groups": groups,
        });
        self.post("/__test/accounts", body).await;
    }

    /// Spoils the next ID token the provider issues (`wrong_issuer`, `wrong_audience`,
    /// `expired`, `bad_signature`, `unknown_key`, `replay`).
    pub async fn spoil_next(&self, mode: &str) {
        self.post("/__test/tamper", json!({ "mode": mode })).await;
    }

    async fn post(&self, path: &str, body: Value) {
        let r = reqwest::Client::new()
            .post(format!("{}{path}", self.issuer))
            .json(&body)
            .send()
            .await
            .expect("provider answers");
        assert!(r.status().is_success(), "{path}: {}", r.status());
    }
}

/// A Kith on `engine` signing in through a fresh provider, as `configure` changes the
/// provider's settings in Kith (and whether passwords sign in).
pub async fn spawn(
    engine: Engine,
    configure: impl FnOnce(&mut ProviderSettings, &mut bool),
) -> (TestApp, Provider) {
    let mut started = None;
    let app = TestApp::spawn_signing_in(
        engine,
        |_| {},
        |base| {
            let provider = Provider::start(base);
            let mut settings = provider.settings();
            let mut passwords = true;
            configure(&mut settings, &mut passwords);
            started = Some(provider);
            SignInSettings {
                passwords,
                providers: vec![settings],
            }
        },
    )
    .await;
    (app, started.expect("provider started"))
}

#[derive(Debug)]
/// A browser going through sign-ins over HTTP: cookies kept (Kith's and the provider's),
/// redirects followed by hand so each step can be seen.
pub struct Walk {
    pub http: reqwest::Client,
    kith: String,
}

/// Where a sign-in ended at Kith: the callback's status, where it sent the browser, and the
/// page there when it is the sign-in page (a refusal is told there).
#[derive(Debug)]
pub struct Landed {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

impl Landed {
    /// Signed in: sent on to where the person was going.
    pub fn signed_in(&self) -> bool {
        self.status == 303
            && self
                .location
                .as_deref()
                .is_some_and(|l| !l.starts_with("/login"))
    }

    /// Refused: sent to the sign-in page, which says why.
    pub fn refused(&self) -> bool {
        self.status == 303
            && self
                .location
                .as_deref()
                .is_some_and(|l| l.starts_with("/login"))
            && self.body.contains("id=\"refused\"")
    }
}

fn location(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

impl Walk {
    /// A new browser for the Kith at `kith`.
    pub fn new(kith: &str) -> Self {
        Self {
            http: crate::web::client(kith),
            kith: kith.to_owned(),
        }
    }

    async fn get(&self, url: &str) -> reqwest::Response {
        self.http.get(url).send().await.expect("answers")
    }

    /// Kith's button: the provider's authorization address Kith sends the browser to (with
    /// this sign-in's `state`), not yet followed.
    pub async fn begin(&self) -> String {
        let r = self.get(&format!("{}/login/oidc/{NAME}", self.kith)).await;
        assert_eq!(r.status(), 303, "Kith sends the browser to the provider");
        location(&r).expect("to the provider")
    }

    /// Where the address `url` sends the browser.
    pub async fn next_from(&self, url: &str) -> String {
        location(&self.get(url).await).unwrap_or_else(|| panic!("{url} redirects"))
    }

    /// Kith's button, then the provider's sign-in page as `login`; returns the address the
    /// provider sends the browser back to (Kith's callback, with its code and state), not yet
    /// followed.
    pub async fn to_callback(&self, provider: &Provider, login: &str) -> String {
        let auth = self.begin().await;
        assert!(auth.starts_with(&provider.issuer), "{auth}");
        let interaction = self.next_from(&auth).await;
        let page = format!("{}{interaction}", provider.issuer);
        let r = self
            .http
            .post(&page)
            .header("origin", &provider.issuer)
            .form(&[("login", login)])
            .send()
            .await
            .expect("provider answers");
        let resume =
            location(&r).unwrap_or_else(|| panic!("signed in at the provider: {}", r.status()));
        let r = self.get(&resume).await;
        location(&r).expect("back to Kith")
    }

    /// Follows the provider's answer to Kith, and on to the sign-in page if it sends the
    /// browser there.
    pub async fn land(&self, callback: &str) -> Landed {
        let r = self.get(callback).await;
        let (status, location) = (r.status().as_u16(), location(&r));
        let mut body = r.text().await.unwrap_or_default();
        if let Some(to) = location.as_deref().filter(|l| l.starts_with("/login")) {
            body = self
                .get(&format!("{}{to}", self.kith))
                .await
                .text()
                .await
                .unwrap_or_default();
        }
        Landed {
            status,
            location,
            body,
        }
    }

    /// A whole sign-in as `login`.
    pub async fn sign_in(&self, provider: &Provider, login: &str) -> Landed {
        let callback = self.to_callback(provider, login).await;
        self.land(&callback).await
    }

    /// Who Kith says is signed in (`GET /api/v1/session`), if anyone.
    pub async fn me(&self) -> Option<Value> {
        let r = self.get(&format!("{}/api/v1/session", self.kith)).await;
        if r.status() == 200 {
            r.json().await.ok()
        } else {
            None
        }
    }
}
