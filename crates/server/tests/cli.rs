//! The `kith` command line, driven as a user would: `kith demo`, then `kith serve` serves the
//! demo; `kith user add` and `kith token create` give a working API token. On both engines.

use std::process::Stdio;

use kith_store::testdb::{Engine, TestDb};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const KEY: &str = "a2l0aC10ZXN0LWtleS1rZXB0LXN0YWJsZS0zMmJ5dGU=";

fn kith(db: &TestDb, data_dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kith"));
    c.env("KITH_DATABASE_URL", &db.url)
        .env("KITH_DATA_DIR", data_dir)
        .env("KITH_CPR_KEY", KEY)
        .env("KITH_LOG", "warn")
        .env_remove("DATABASE_URL")
        .kill_on_drop(true);
    c
}

/// Starts `kith serve` on a free port and returns the process and its base URL.
async fn serve(db: &TestDb, data_dir: &std::path::Path) -> (Child, String) {
    let mut child = kith(db, data_dir)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("kith serve starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    while let Some(line) = lines.next_line().await.expect("read") {
        if let Some(addr) = line.strip_prefix("Kith is listening on ") {
            return (child, addr.trim().to_owned());
        }
    }
    panic!("kith serve exited without listening");
}

async fn demo_then_serve(engine: Engine) {
    let db = TestDb::fresh(engine).await.expect("database");
    let dir = std::env::temp_dir().join(format!("kith-cli-{:016x}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();

    let out = kith(&db, &dir)
        .arg("demo")
        .output()
        .await
        .expect("kith demo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "kith demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("300 children"), "{stdout}");
    assert!(
        stdout.contains("adviser@kith.test") && stdout.contains("kith-demo-2026"),
        "{stdout}"
    );
    // Loading twice is refused: the demo goes only into an empty database.
    let again = kith(&db, &dir).arg("demo").output().await.unwrap();
    assert!(!again.status.success());

    let (mut server, base) = serve(&db, &dir).await;
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    http.get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    let login = http
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": "adviser@kith.test", "password": "kith-demo-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let children: Value = http
        .get(format!("{base}/api/v1/children"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = children["items"].as_array().expect("items");
    assert!(!items.is_empty(), "the demo adviser has a caseload");
    assert!(
        items
            .iter()
            .all(|c| c["case_adviser"]["name"] == items[0]["case_adviser"]["name"])
    );
    let matcher = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    matcher
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": "matcher@kith.test", "password": "kith-demo-2026"}))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    let waiting: Value = matcher
        .get(format!("{base}/api/v1/children"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !waiting["items"].as_array().unwrap().is_empty(),
        "some demo children wait for a placement"
    );
    let options: Value = matcher
        .get(format!("{base}/api/v1/placement-options?limit=200"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(options["items"].as_array().unwrap().len() >= 150);

    // An operator adds a user and a token; the token works against the running server.
    let add = kith(&db, &dir)
        .args([
            "user",
            "add",
            "--email",
            "ny.raadgiver@kith.test",
            "--name",
            "Ny Rådgiver",
            "--role",
            "adviser",
            "--unit",
            "Rådgiverteam Nord",
        ])
        .env("KITH_PASSWORD", "a long enough password")
        .output()
        .await
        .unwrap();
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let token = kith(&db, &dir)
        .args(["token", "create", "--email", "ny.raadgiver@kith.test"])
        .output()
        .await
        .unwrap();
    assert!(
        token.status.success(),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );
    let secret = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    let me: Value = reqwest::Client::new()
        .get(format!("{base}/api/v1/session"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "ny.raadgiver@kith.test");
    assert_eq!(me["roles"], json!(["adviser"]));
    let bad_role = kith(&db, &dir)
        .args([
            "user",
            "add",
            "--email",
            "x@kith.test",
            "--name",
            "X",
            "--role",
            "wizard",
        ])
        .env("KITH_PASSWORD", "a long enough password")
        .output()
        .await
        .unwrap();
    assert!(!bad_role.status.success());

    server.kill().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos(),
    );
    h.finish()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_then_serve_on_sqlite() {
    demo_then_serve(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_then_serve_on_postgres() {
    demo_then_serve(Engine::Postgres).await;
}
