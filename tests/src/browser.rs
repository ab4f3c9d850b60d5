//! Browser tests in a real Chromium, driven through chromedriver (Debian's `chromium` and
//! `chromium-driver` packages; `cargo xtask test` installs them). No driver is downloaded.

use std::net::TcpListener;
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// Where Chromium is (override with `KITH_CHROMIUM`).
pub fn chromium_path() -> String {
    std::env::var("KITH_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

/// Where chromedriver is (override with `KITH_CHROMEDRIVER`).
pub fn chromedriver_path() -> String {
    std::env::var("KITH_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned())
}

/// A headless Chromium session with its own chromedriver and profile directory.
#[derive(Debug)]
pub struct Browser {
    pub client: Client,
    _driver: tokio::process::Child,
    profile: std::path::PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

impl Browser {
    /// Starts chromedriver and a fresh Chromium session.
    pub async fn start() -> Self {
        // reqwest brings ring and fantoccini aws-lc-rs; name one process-wide TLS provider.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let port = free_port();
        let driver = tokio::process::Command::new(chromedriver_path())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so dropping the browser kills Chromium too.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver runs (install chromium-driver, or use cargo xtask test)");
        let profile =
            std::env::temp_dir().join(format!("kith-chromium-{:016x}", rand::random::<u64>()));
        std::fs::create_dir_all(&profile).expect("profile dir");
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium_path(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-sync", "--disable-quic", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let caps = caps.as_object().expect("object").clone();
        let url = format!("http://127.0.0.1:{port}");
        // chromedriver takes a moment to listen; retry the session until it does (bounded).
        let mut last_err = None;
        for _ in 0..100 {
            match ClientBuilder::rustls()
                .expect("tls")
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        _driver: driver,
                        profile,
                    };
                }
                Err(e) => {
                    last_err = Some(e);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("could not start a Chromium session: {last_err:?}");
    }

    /// Logs in through the login page.
    pub async fn login(&self, base: &str, email: &str, password: &str) {
        self.client
            .goto(&format!("{base}/login"))
            .await
            .expect("login page");
        self.sign_in_here(email, password).await;
    }

    /// Fills in and sends the login form of the page the browser is on (where a login page
    /// brings the person back to is its own business).
    pub async fn sign_in_here(&self, email: &str, password: &str) {
        self.client
            .find(Locator::Id("email"))
            .await
            .expect("email")
            .send_keys(email)
            .await
            .expect("type");
        self.client
            .find(Locator::Id("password"))
            .await
            .expect("password")
            .send_keys(password)
            .await
            .expect("type");
        self.client
            .find(Locator::Css("form.stack button[type=submit]"))
            .await
            .expect("button")
            .click()
            .await
            .expect("click");
        self.client
            .wait()
            .for_element(Locator::Css("header .user-name"))
            .await
            .expect("logged in");
    }

    /// Clicks the element a locator finds (panics with the locator when there is none).
    pub async fn click(&self, locator: Locator<'_>) {
        let what = format!("{locator:?}");
        self.client
            .find(locator)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {what}: {e}"));
    }

    /// Types into the field with this id.
    pub async fn type_into(&self, id: &str, text: &str) {
        self.client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"))
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into #{id}: {e}"));
    }

    /// The text of the element a CSS selector finds, waiting for it to appear (after a form
    /// is sent, the next page).
    pub async fn text_of(&self, css: &str) -> String {
        self.client
            .wait()
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .unwrap()
    }

    /// Sets a field's value as a script does (a date field takes its value as the browser's
    /// locale writes dates).
    pub async fn set_value(&self, id: &str, value: &str) {
        self.client
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![serde_json::json!(id), serde_json::json!(value)],
            )
            .await
            .unwrap();
    }

    /// Saves a screenshot (for the README) when `KITH_SCREENSHOTS` names a directory.
    pub async fn screenshot_to_docs(&self, name: &str) {
        if let Ok(dir) = std::env::var("KITH_SCREENSHOTS") {
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::create_dir_all(&dir).expect("screenshot dir");
            std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png)
                .expect("write screenshot");
        }
    }

    /// Ends the session.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    /// Kills chromedriver's process group (Chromium included) even when a test fails before
    /// `close`, so no browser outlives its test.
    fn drop(&mut self) {
        // Only a real child's own group (its pid), never 0 or 1, which would mean "everyone".
        if let Some(pid) = self._driver.id().filter(|p| *p > 1) {
            let _ = std::process::Command::new("kill")
                .args(["-9", "--", &format!("-{pid}")])
                .stderr(Stdio::null())
                .status();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Waits until the page `old` is part of has been replaced by the next one (a reference to
/// an element of a page that is gone is stale). Polls like fantoccini's own waits.
pub async fn replaced(old: &fantoccini::elements::Element) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while old.tag_name().await.is_ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "the form's answer did not load"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
