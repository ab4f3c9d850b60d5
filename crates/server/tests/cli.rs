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
        // The jobs are run by hand below, at a chosen moment.
        .env("KITH_JOBS", "false")
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

    let names: Vec<String> = items
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    morning_jobs_from_the_command_line(&db, &dir, &names).await;
    std::fs::remove_dir_all(&dir).unwrap();
}

/// 06:30 UTC on the next working day after today: 07:30 in winter and 08:30 in summer in
/// Copenhagen, after the morning run's 07:00 either way.
fn next_working_morning() -> String {
    use chrono::{Datelike, Days, Utc, Weekday};
    use kith_domain::wheel::{WheelRules, WorkCalendar};
    let closing = WheelRules::default().closing_days;
    let mut day = Utc::now().date_naive() + Days::new(1);
    let calendar = WorkCalendar::new(&closing).covering(day.year(), day.year() + 1);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || !calendar.is_working_day(day) {
        day = day + Days::new(1);
    }
    format!("{day}T06:30:00Z")
}

/// `kith jobs run-once --at` queues the morning's e-mails once, however often it runs;
/// `kith jobs send` writes them as .eml files (no SMTP configured), without names in them.
async fn morning_jobs_from_the_command_line(
    db: &TestDb,
    dir: &std::path::Path,
    child_names: &[String],
) {
    let at = next_working_morning();
    let run = |db: &TestDb| {
        let mut c = kith(db, dir);
        c.args(["jobs", "run-once", "--at", &at]);
        c
    };
    let first = run(db).output().await.unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let report: Value = serde_json::from_slice(&first.stdout).expect("a JSON report");
    let digests = report["digests"].as_u64().unwrap();
    assert!(digests > 0, "the demo's staff have work: {report}");
    let queued = digests
        + report["escalations"].as_u64().unwrap()
        + report["first_visit_reminders"].as_u64().unwrap();

    let again: Value = serde_json::from_slice(&run(db).output().await.unwrap().stdout).unwrap();
    assert_eq!(again["digests"], 0, "a second run queues nothing: {again}");
    assert_eq!(again["escalations"], 0);
    assert_eq!(again["first_visit_reminders"], 0);

    let send = kith(db, dir)
        .args(["jobs", "send", "--at", &at])
        .output()
        .await
        .unwrap();
    assert!(
        send.status.success(),
        "{}",
        String::from_utf8_lossy(&send.stderr)
    );
    let summary: Value = serde_json::from_slice(&send.stdout).unwrap();
    assert_eq!(summary["sent"].as_u64(), Some(queued), "{summary}");
    let files: Vec<_> = std::fs::read_dir(dir.join("mail"))
        .expect("the mail folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(files.len() as u64, queued);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(text.contains("Subject: Kith"), "{text}");
        for name in child_names {
            assert!(
                !text.contains(name.as_str()),
                "a child's name in {}",
                f.display()
            );
        }
    }
    // Sending again sends nothing more.
    let resend: Value = serde_json::from_slice(
        &kith(db, dir)
            .args(["jobs", "send", "--at", &at])
            .output()
            .await
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(resend["sent"], 0);
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
