//! The `kith` command line, driven as a user would: `kith demo`, then `kith serve` serves the
//! demo; `kith user add` and `kith token create` give a working API token. On both engines.
//! The faults a running Kith must survive (its database restarted, its disk read-only or
//! full) are in `faults`.

use std::process::Stdio;

use kith_store::testdb::{Engine, TestDb};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

mod faults;
mod flood;

const KEY: &str = "a2l0aC10ZXN0LWtleS1rZXB0LXN0YWJsZS0zMmJ5dGU=";

fn kith(db: &TestDb, data_dir: &std::path::Path) -> Command {
    kith_at(&db.url, data_dir)
}

/// `kith` on a database URL.
fn kith_at(url: &str, data_dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kith"));
    c.env("KITH_DATABASE_URL", url)
        .env("KITH_DATA_DIR", data_dir)
        .env("KITH_CPR_KEY", KEY)
        .env("KITH_LOG", "warn")
        .env_remove("DATABASE_URL")
        .kill_on_drop(true);
    c
}

/// A fresh data directory named after `prefix`, with the demo municipality loaded into the
/// database at `url` by `kith demo`.
async fn demo_loaded(url: &str, prefix: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("{prefix}-{:016x}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = kith_at(url, &dir).arg("demo").output().await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Starts `kith serve` on a free port and returns the process and its base URL.
async fn serve(db: &TestDb, data_dir: &std::path::Path) -> (Child, String) {
    serve_at(&db.url, data_dir).await
}

/// `kith serve` on a database URL.
async fn serve_at(url: &str, data_dir: &std::path::Path) -> (Child, String) {
    serve_with(url, data_dir, &[]).await
}

/// `kith serve` on a database URL with more settings in its environment.
async fn serve_with(
    url: &str,
    data_dir: &std::path::Path,
    env: &[(&str, &str)],
) -> (Child, String) {
    let mut command = kith_at(url, data_dir);
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command
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

#[derive(sea_orm::FromQueryResult)]
struct Counted {
    n: f32,
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
    if engine == Engine::Postgres {
        // The planner has statistics right after the load: PostgreSQL counted the 300
        // children (a table never analysed says -1).
        let conn = kith_store::Db::connect(&db.url).await.unwrap();
        let counted: Option<f32> =
            sea_orm::FromQueryResult::find_by_statement(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT reltuples AS n FROM pg_class WHERE relname = 'child'",
            ))
            .one(conn.conn())
            .await
            .unwrap()
            .map(|r: Counted| r.n);
        assert_eq!(counted, Some(300.0));
    }

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

/// The planned wheel as (placement, kind, due day) triples, sorted, straight from the table.
async fn planned(db: &TestDb) -> Vec<(i64, String, chrono::NaiveDate)> {
    use kith_store::entities::visit;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let conn = kith_store::Db::connect(&db.url).await.unwrap();
    let mut rows: Vec<_> = visit::Entity::find()
        .filter(visit::Column::Status.eq("planned"))
        .all(conn.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|v| (v.placement_id, v.kind.as_str().to_owned(), v.due_on))
        .collect();
    rows.sort();
    rows
}

/// `kith jobs plan` killed with SIGKILL while it writes the wheel leaves the last committed
/// plan; running it again writes the same plan as before, once.
async fn killed_while_planning(engine: Engine) {
    use kith_store::entities::visit;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let db = TestDb::fresh(engine).await.expect("database");
    let dir = demo_loaded(&db.url, "kith-kill").await;
    let at = "2026-11-23T05:00:00Z";
    let plan = |log: &str| {
        let mut c = kith(&db, &dir);
        c.args(["jobs", "plan", "--at", at]).env("KITH_LOG", log);
        c
    };
    // The reference: the wheel as planned on that morning.
    assert!(plan("warn").output().await.unwrap().status.success());
    let reference = planned(&db).await;
    assert!(
        reference.len() > 500,
        "the demo has a wheel: {}",
        reference.len()
    );

    // Forget the planned items, then kill the planner while it writes them back.
    let conn = kith_store::Db::connect(&db.url).await.unwrap();
    visit::Entity::delete_many()
        .filter(visit::Column::Status.eq("planned"))
        .exec(conn.conn())
        .await
        .unwrap();
    // The failpoint holds the planner once every change is written and before the commit:
    // the kill lands mid-write by construction.
    let mut child = plan("warn")
        .env("KITH_FAILPOINT", kith_app::failpoint::WHEEL_WRITTEN)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut reached = false;
    while let Some(line) = lines.next_line().await.unwrap() {
        if line.contains("failpoint wheel_written reached") {
            reached = true;
            break;
        }
    }
    assert!(
        reached,
        "the planner wrote the wheel and stopped before its commit"
    );
    child.start_kill().unwrap(); // SIGKILL
    let status = child.wait().await.unwrap();
    assert!(!status.success(), "the planner was killed");
    // The killed transaction left nothing of what it had written.
    let after_kill = planned(&db).await;
    assert!(
        after_kill.is_empty(),
        "a partial wheel: {} items",
        after_kill.len()
    );

    // A rerun writes the same wheel, each item once; another run changes nothing.
    let rerun = plan("warn").output().await.unwrap();
    assert!(
        rerun.status.success(),
        "{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    assert_eq!(planned(&db).await, reference);
    let again: Value =
        serde_json::from_slice(&plan("warn").output().await.unwrap().stdout).unwrap();
    assert_eq!(
        (
            again["created"].as_u64(),
            again["updated"].as_u64(),
            again["cancelled"].as_u64()
        ),
        (Some(0), Some(0), Some(0)),
        "{again}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_planning_on_sqlite() {
    killed_while_planning(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_planning_on_postgres() {
    killed_while_planning(Engine::Postgres).await;
}

/// Logs in as `email` (demo password) on `base`; the client keeps the session cookie.
async fn logged_in(base: &str, email: &str) -> reqwest::Client {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    http.post(format!("{base}/api/v1/session"))
        .json(&json!({"email": email, "password": "kith-demo-2026"}))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    http
}

/// Three `kith serve` processes on one PostgreSQL: a session made on one works on the others,
/// six leaders' approvals racing for one place across them book it once, and three morning
/// runs at once queue each e-mail once and send it once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_instances_share_sessions_places_and_jobs() {
    let db = TestDb::fresh(Engine::Postgres).await.expect("database");
    let dir = demo_loaded(&db.url, "kith-three").await;
    let mut servers = Vec::new();
    let mut bases = Vec::new();
    for _ in 0..3 {
        let (child, base) = serve(&db, &dir).await;
        servers.push(child);
        bases.push(base);
    }

    // A session made on the first instance is known to the other two (cookies are per host,
    // so the client sends it to every port).
    let adviser = logged_in(&bases[0], "adviser@kith.test").await;
    for base in &bases[1..] {
        let me = adviser
            .get(format!("{base}/api/v1/session"))
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), 200, "the session works on {base}");
    }

    // Six waiting children and a family with one free place.
    let requested = (chrono::Utc::now().date_naive() - chrono::Days::new(2)).to_string();
    let start = (chrono::Utc::now().date_naive() + chrono::Days::new(14)).to_string();
    let mut children = Vec::new();
    for i in 0..6 {
        let c: Value = adviser
            .post(format!("{}/api/v1/children", bases[i % 3]))
            // As a browser on that instance's pages would: the change names its origin.
            .header("origin", &bases[i % 3])
            .json(&json!({
                "name": format!("Racer {i}"), "birth_date": "2014-03-15", "target_area": "general",
                "support_level": "moderate", "needs": [{"code": "attachment", "level": "moderate"}],
                "languages": ["da"], "culture_religion_wishes": "", "own_wishes": "",
                "school": {"address": "Himmelev Skole, Roskilde", "coordinates": {"lat": 55.6598, "lon": 12.1069}},
                "needs_wheelchair_access": false, "placement_requested_on": requested
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        children.push(c["id"].as_i64().unwrap_or_else(|| panic!("a child: {c}")));
    }
    let consultant = logged_in(&bases[1], "consultant@kith.test").await;
    let option: Value = consultant
        .post(format!("{}/api/v1/placement-options", bases[1]))
        .header("origin", &bases[1])
        .json(&json!({
            "kind": "general_foster_family", "name": "Familien Sidste Plads",
            "address": "Lindevej 4, 4000 Roskilde", "coordinates": {"lat": 55.65, "lon": 12.09},
            "approval": {"authority": "social_supervision", "approved_on": "2025-01-10", "valid_until": "2028-01-10", "status": "active"},
            "approved_places": 1, "age_range": {"min": 2, "max": 15}, "target_areas": ["general"],
            "competences": [{"code": "attachment", "max_level": "severe"}],
            "languages": ["da"], "culture_religion": "", "wheelchair_access": false
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let option = option["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("an option: {option}"));
    let matcher = logged_in(&bases[2], "matcher@kith.test").await;
    let mut proposals = Vec::new();
    for c in &children {
        let p: Value = matcher
            .post(format!("{}/api/v1/proposals", bases[2]))
            .header("origin", &bases[2])
            .json(&json!({"child_id": c, "option_id": option, "start_date": start, "rationale": "Én plads, seks børn."}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        proposals.push(
            p["id"]
                .as_i64()
                .unwrap_or_else(|| panic!("a proposal: {p}")),
        );
    }
    let leader = logged_in(&bases[0], "leader@kith.test").await;
    let approvals = proposals.iter().enumerate().map(|(i, id)| {
        let leader = leader.clone();
        let origin = bases[i % 3].clone();
        let url = format!("{origin}/api/v1/proposals/{id}/approve");
        async move {
            leader
                .post(url)
                .header("origin", origin)
                .json(&json!({"approval_reason": "Ingen i netværket kan tage barnet."}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let mut statuses = futures::future::join_all(approvals).await;
    statuses.sort();
    assert_eq!(
        statuses,
        [200, 409, 409, 409, 409, 409],
        "one place, booked once"
    );

    // Three morning runs at the same moment: one of them queues the e-mails.
    let at = next_working_morning();
    let runs = (0..3).map(|_| {
        let mut c = kith(&db, &dir);
        c.args(["jobs", "run-once", "--at", &at]);
        c.output()
    });
    let reports: Vec<Value> = futures::future::join_all(runs)
        .await
        .into_iter()
        .map(|o| {
            let o = o.unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            serde_json::from_slice(&o.stdout).unwrap()
        })
        .collect();
    let digests: Vec<u64> = reports
        .iter()
        .map(|r| r["digests"].as_u64().unwrap())
        .collect();
    assert_eq!(
        digests.iter().filter(|d| **d > 0).count(),
        1,
        "exactly one run did the morning: {reports:?}"
    );
    // Three senders at once send each queued e-mail once.
    let sends = (0..3).map(|_| {
        let mut c = kith(&db, &dir);
        c.args(["jobs", "send", "--at", &at]);
        c.output()
    });
    let sent: u64 = futures::future::join_all(sends)
        .await
        .into_iter()
        .map(|o| {
            let v: Value = serde_json::from_slice(&o.unwrap().stdout).unwrap();
            v["sent"].as_u64().unwrap()
        })
        .sum();
    // What was sent against what was queued: every queued e-mail is marked sent once, the
    // senders' counts add up to exactly those, and each written message is a different one
    // (its Message-ID is fixed per outbox row, so a double send shows as a repeated id).
    let queued = {
        let conn = kith_store::Db::connect(&db.url).await.unwrap();
        kith_store::outbox::all(conn.conn()).await.unwrap()
    };
    let marked_sent = queued.iter().filter(|e| e.sent_at.is_some()).count() as u64;
    assert!(sent > 0);
    assert_eq!(
        marked_sent,
        queued.len() as u64,
        "every queued e-mail was sent"
    );
    assert_eq!(
        sent, marked_sent,
        "the senders sent each queued e-mail once"
    );
    let mut ids: Vec<String> = std::fs::read_dir(dir.join("mail"))
        .expect("the mail folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .map(|p| {
            std::fs::read_to_string(&p)
                .unwrap()
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                .unwrap_or_else(|| panic!("{} has a Message-ID", p.display()))
                .to_owned()
        })
        .collect();
    let files = ids.len() as u64;
    ids.sort();
    ids.dedup();
    assert_eq!(files, sent, "each e-mail written once");
    assert_eq!(ids.len() as u64, files, "no message written twice");
    drop(servers);
}

/// What a restore must bring back: row counts of the tables that hold the cases, and every
/// child's name and sealed CPR number.
async fn facts(url: &str) -> (Vec<(String, i64)>, Vec<(String, Option<String>)>) {
    use sea_orm::{ConnectionTrait, EntityTrait, Statement};
    let db = kith_store::Db::connect(url).await.unwrap();
    let conn = db.conn();
    let backend = conn.get_database_backend();
    let mut counts = Vec::new();
    for table in [
        "app_user",
        "child",
        "placement_option",
        "placement",
        "visit",
        "goal",
        "goal_progress",
        "audit_log",
        "session",
    ] {
        let row = conn
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT count(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        counts.push((table.to_owned(), row.try_get::<i64>("", "n").unwrap()));
    }
    let mut children: Vec<(String, Option<String>)> = kith_store::entities::child::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.cpr_encrypted))
        .collect();
    children.sort();
    (counts, children)
}

/// A PostgreSQL client program (`pg_dump`, `pg_restore`) on the PATH or in Debian's place.
fn pg_program(name: &str) -> std::path::PathBuf {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
        .filter(|p| p.exists())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| name.into())
}

/// The backup and restore of docs/OPERATIONS.md, done: back up, wipe, restore, the data equal.
async fn backup_wipe_restore(engine: Engine) {
    use sea_orm::ConnectionTrait;
    let db = TestDb::fresh(engine).await.expect("database");
    let dir = demo_loaded(&db.url, "kith-backup").await;
    let before = facts(&db.url).await;
    assert!(
        before.0.iter().all(|(t, n)| *n > 0 || t == "session"),
        "{:?}",
        before.0
    );

    match engine {
        Engine::Sqlite => {
            let file = db
                .url
                .trim_start_matches("sqlite://")
                .split('?')
                .next()
                .unwrap()
                .to_owned();
            let backup = dir.join("kith-backup.db");
            {
                // A consistent copy while the database is open (what `.backup` does).
                let conn = kith_store::Db::connect(&db.url).await.unwrap();
                conn.conn()
                    .execute_unprepared(&format!("VACUUM INTO '{}'", backup.display()))
                    .await
                    .unwrap();
            }
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{file}{suffix}"));
            }
            assert!(!std::path::Path::new(&file).exists(), "wiped");
            std::fs::copy(&backup, &file).unwrap();
        }
        Engine::Postgres => {
            let dump = dir.join("kith.dump");
            let out = std::process::Command::new(pg_program("pg_dump"))
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(&dump)
                .arg(&db.url)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "pg_dump: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            {
                let conn = kith_store::Db::connect(&db.url).await.unwrap();
                conn.conn()
                    .execute_unprepared("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
                    .await
                    .unwrap();
            }
            let out = std::process::Command::new(pg_program("pg_restore"))
                .args(["--no-owner", "--dbname"])
                .arg(&db.url)
                .arg(&dump)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "pg_restore: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert_eq!(
        facts(&db.url).await,
        before,
        "the restored data equal the backed-up data"
    );
    // Kith starts on the restored database and serves it.
    let (_server, base) = serve(&db, &dir).await;
    let adviser = logged_in(&base, "adviser@kith.test").await;
    let r = adviser
        .get(format!("{base}/api/v1/caseload"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_wipe_restore_on_sqlite() {
    backup_wipe_restore(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_wipe_restore_on_postgres() {
    backup_wipe_restore(Engine::Postgres).await;
}

/// Every setting is a flag with its environment variable, so `kith --help` lists it; the
/// values of secrets are never printed, even when they are set.
#[tokio::test]
async fn help_lists_every_setting_and_shows_no_secret() {
    let dir = std::env::temp_dir();
    let out = kith_at("postgres://kith:hunter2-db-secret@db/kith", &dir)
        .env("DATABASE_URL", "postgres://kith:fallback-db-secret@db/kith")
        .env("KITH_PASSWORD", "hunter2-user-secret")
        .env(
            "KITH_SMTP_URL",
            "smtp://mailer:hunter2-smtp-secret@relay:587",
        )
        .arg("--help")
        .output()
        .await
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for setting in [
        "KITH_DATABASE_URL",
        "DATABASE_URL",
        "KITH_DATA_DIR",
        "KITH_CPR_KEY",
        "KITH_LOG",
        "KITH_LOG_FORMAT",
        "KITH_SMTP_URL",
        "KITH_MAIL_FROM",
    ] {
        assert!(
            help.contains(&format!("[env: {setting}")),
            "{setting} missing:\n{help}"
        );
    }
    assert!(!help.contains("hunter2") && !help.contains(KEY), "{help}");
    let out = kith_at("sqlite::memory:", &dir)
        .env("KITH_PASSWORD", "hunter2-user-secret")
        .args(["user", "add", "--help"])
        .output()
        .await
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("[env: KITH_PASSWORD"), "{help}");
    assert!(!help.contains("hunter2"), "{help}");
}
