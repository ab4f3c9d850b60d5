//! Faults under a running `kith serve`: its PostgreSQL stopped and started again while
//! requests run, its SQLite disk full, its SQLite disk turned read-only. Each time Kith
//! answers a clear 503 problem, keeps serving and writes nothing by halves; it recovers
//! without a restart wherever Linux gives the disk back to a running process.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::*;

/// How long a fault test may take before it counts as hung.
const PATIENCE: Duration = Duration::from_secs(180);

/// Runs a command to success, or fails the test with what it printed.
fn run_ok(c: &mut std::process::Command) {
    let out = c.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{c:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A PostgreSQL server program, run as the postgres system user when the tests run as root
/// (PostgreSQL refuses to run as root).
fn as_postgres(program: &str) -> std::process::Command {
    let path = pg_program(program);
    let mut c = if is_root() {
        let mut c = std::process::Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(path);
        c
    } else {
        std::process::Command::new(path)
    };
    c.current_dir(std::env::temp_dir());
    c
}

/// A PostgreSQL cluster of the test's own on a free port, so it can be stopped and started
/// under a running Kith without disturbing the server the other tests share.
struct OwnPostgres {
    data: PathBuf,
    port: u16,
}

impl OwnPostgres {
    fn start_new() -> Self {
        let data = std::env::temp_dir().join(format!("kith-own-pg-{:016x}", rand_suffix()));
        std::fs::create_dir_all(&data).unwrap();
        if is_root() {
            run_ok(
                std::process::Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(&data),
            );
        }
        run_ok(
            as_postgres("initdb")
                .args(["-U", "postgres", "--auth=trust", "-D"])
                .arg(&data),
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let pg = OwnPostgres { data, port };
        pg.start();
        pg
    }

    fn pg_ctl(&self) -> std::process::Command {
        let mut c = as_postgres("pg_ctl");
        c.arg("-D").arg(&self.data);
        c
    }

    fn start(&self) {
        run_ok(
            self.pg_ctl()
                .arg("-w")
                .arg("-l")
                .arg(self.data.join("server.log"))
                .arg("-o")
                .arg(format!(
                    "-p {} -k {} -c listen_addresses=127.0.0.1",
                    self.port,
                    self.data.display()
                ))
                .arg("start"),
        );
    }

    /// Stops the server the hard way, as a crash or a failover would: open transactions are
    /// cut off, and the next start recovers from the write-ahead log.
    fn crash(&self) {
        run_ok(self.pg_ctl().args(["-w", "-m", "immediate", "stop"]));
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = self.pg_ctl().args(["-m", "immediate", "stop"]).output();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// A small tmpfs of the test's own: a disk that can be filled to the last byte and freed.
struct TinyDisk {
    path: PathBuf,
}

impl TinyDisk {
    fn mount(megabytes: u32) -> Self {
        let path = std::env::temp_dir().join(format!("kith-disk-{:016x}", rand_suffix()));
        std::fs::create_dir_all(&path).unwrap();
        let out = std::process::Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={megabytes}m"),
                "kith-disk",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the full-disk test mounts a small tmpfs as the disk it fills, which needs root \
             (CI runs as root): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        TinyDisk { path }
    }

    /// Fills the disk to the last byte with one file, and returns that file.
    fn fill(&self) -> PathBuf {
        let filler = self.path.join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        for size in [1 << 20, 4096, 1] {
            let chunk = vec![0u8; size];
            let e = loop {
                if let Err(e) = f.write_all(&chunk) {
                    break e;
                }
            };
            assert_eq!(e.raw_os_error(), Some(28), "ENOSPC, got {e}");
        }
        filler
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.path)
            .output();
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A child case as the API takes it, with two needs: a complete registration writes the
/// child, both needs and the audit row of its creation, or nothing.
fn child_case(name: &str) -> Value {
    json!({
        "name": name,
        "birth_date": "2014-03-15",
        "target_area": "general",
        "support_level": "moderate",
        "needs": [
            {"code": "attachment", "level": "moderate"},
            {"code": "school_learning_support", "level": "light"}
        ],
        "languages": ["da"]
    })
}

/// What one request came back with, and in which phase of the fault it was sent.
#[derive(Debug)]
struct Outcome {
    /// The child a registration was for; `None` for a read.
    child: Option<String>,
    sent_in: u8,
    status: u16,
    content_type: String,
    body: Value,
}

impl Outcome {
    fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

const BEFORE: u8 = 0;
const DOWN: u8 = 1;
const AFTER: u8 = 2;
const DONE: u8 = 3;

/// Sends requests one after another until the phase is `DONE`: registrations of children
/// named `{prefix} N` when `write`, otherwise the adviser's caseload.
fn keep_requesting(
    http: reqwest::Client,
    base: String,
    prefix: &'static str,
    write: bool,
    phase: Arc<AtomicU8>,
    tx: mpsc::UnboundedSender<Outcome>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        for n in 1.. {
            let sent_in = phase.load(Ordering::SeqCst);
            if sent_in == DONE {
                break;
            }
            let (child, request) = if write {
                let name = format!("{prefix} {n}");
                let r = http
                    .post(format!("{base}/api/v1/children"))
                    .header("origin", &base)
                    .json(&child_case(&name));
                (Some(name), r)
            } else {
                (None, http.get(format!("{base}/api/v1/caseload")))
            };
            let r = request
                .send()
                .await
                .expect("Kith answers while its database is in trouble");
            let status = r.status().as_u16();
            let content_type = r
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            let body = r.json::<Value>().await.unwrap_or(Value::Null);
            let outcome = Outcome {
                child,
                sent_in,
                status,
                content_type,
                body,
            };
            if tx.send(outcome).is_err() {
                break;
            }
        }
    })
}

/// Collects outcomes until `enough` holds of them.
async fn collect_until(
    rx: &mut mpsc::UnboundedReceiver<Outcome>,
    seen: &mut Vec<Outcome>,
    what: &str,
    enough: impl Fn(&[Outcome]) -> bool,
) {
    tokio::time::timeout(PATIENCE, async {
        while !enough(seen) {
            seen.push(rx.recv().await.expect("the requests go on"));
        }
    })
    .await
    .unwrap_or_else(|_| panic!("waited too long for {what}: {seen:#?}"));
}

fn count(seen: &[Outcome], write: bool, sent_in: u8, pred: impl Fn(&Outcome) -> bool) -> usize {
    seen.iter()
        .filter(|o| o.child.is_some() == write && o.sent_in == sent_in && pred(o))
        .count()
}

/// The children named `{prefix} N` in the database, each checked to be whole: its two needs
/// and the one audit row of its creation are there with it.
async fn whole_children(url: &str, prefix: &str) -> std::collections::BTreeSet<String> {
    use kith_store::entities::{audit_log, child, child_need};
    let db = kith_store::Db::connect(url).await.unwrap();
    let conn = db.conn();
    let children = child::Entity::find()
        .filter(child::Column::Name.starts_with(prefix))
        .all(conn)
        .await
        .unwrap();
    for c in &children {
        let needs = child_need::Entity::find()
            .filter(child_need::Column::ChildId.eq(c.id))
            .all(conn)
            .await
            .unwrap();
        assert_eq!(needs.len(), 2, "{} has both needs", c.name);
        let created = audit_log::Entity::find()
            .filter(audit_log::Column::ChildId.eq(c.id))
            .filter(audit_log::Column::Action.eq("child.create"))
            .all(conn)
            .await
            .unwrap();
        assert_eq!(created.len(), 1, "{}'s creation is audited once", c.name);
    }
    children.into_iter().map(|c| c.name).collect()
}

fn names(seen: &[Outcome], pred: impl Fn(&Outcome) -> bool) -> std::collections::BTreeSet<String> {
    seen.iter()
        .filter(|o| pred(o))
        .filter_map(|o| o.child.clone())
        .collect()
}

/// PostgreSQL cut off (stopped the hard way) while an adviser registers children and reads
/// her caseload without pause: every request answers, either as usual or with a 503
/// problem+json; once PostgreSQL is back the same `kith serve` serves again; every child
/// reported created is there and whole, and no other child is, but for the one request that
/// may have been in flight at the moment of the crash.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_under_requests_fails_cleanly_and_recovers() {
    const PREFIX: &str = "Restart Child";
    let pg = OwnPostgres::start_new();
    let dir = demo_loaded(&pg.url(), "kith-pg-restart").await;
    let (mut server, base) = serve_at(&pg.url(), &dir).await;
    let adviser = logged_in(&base, "adviser@kith.test").await;

    let phase = Arc::new(AtomicU8::new(BEFORE));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let writer = keep_requesting(
        adviser.clone(),
        base.clone(),
        PREFIX,
        true,
        phase.clone(),
        tx.clone(),
    );
    let reader = keep_requesting(adviser, base.clone(), PREFIX, false, phase.clone(), tx);
    let mut seen = Vec::new();
    collect_until(&mut rx, &mut seen, "work before the crash", |s| {
        count(s, true, BEFORE, Outcome::ok) >= 3 && count(s, false, BEFORE, Outcome::ok) >= 3
    })
    .await;

    pg.crash();
    phase.store(DOWN, Ordering::SeqCst);
    collect_until(&mut rx, &mut seen, "503s while PostgreSQL is down", |s| {
        count(s, true, DOWN, |o| o.status == 503) >= 2
            && count(s, false, DOWN, |o| o.status == 503) >= 2
    })
    .await;

    pg.start();
    phase.store(AFTER, Ordering::SeqCst);
    collect_until(&mut rx, &mut seen, "recovery without a restart", |s| {
        count(s, true, AFTER, Outcome::ok) >= 3 && count(s, false, AFTER, Outcome::ok) >= 3
    })
    .await;
    phase.store(DONE, Ordering::SeqCst);
    writer.await.unwrap();
    reader.await.unwrap();
    while let Ok(o) = rx.try_recv() {
        seen.push(o);
    }

    assert!(server.try_wait().unwrap().is_none(), "kith serve stays up");
    for o in &seen {
        match o.status {
            200 | 201 => {}
            503 => {
                assert_eq!(o.content_type, "application/problem+json", "{o:?}");
                assert_eq!(o.body["status"], 503, "{o:?}");
                assert_eq!(o.body["type"], "urn:kith:problem:unavailable", "{o:?}");
            }
            _ => panic!("neither an answer nor a clean 503: {o:?}"),
        }
    }
    let created = names(&seen, Outcome::ok);
    let present = whole_children(&pg.url(), PREFIX).await;
    assert!(
        created.is_subset(&present),
        "every child reported created is there: {created:?} vs {present:?}"
    );
    let unreported: Vec<_> = present.difference(&created).collect();
    let in_flight = names(&seen, |o| o.status == 503 && o.sent_in == BEFORE);
    assert!(
        unreported.len() <= 1 && unreported.iter().all(|n| in_flight.contains(*n)),
        "only a registration in flight at the crash may have committed unreported: \
         {unreported:?}, in flight {in_flight:?}"
    );
}

/// The SQLite disk filled to the last byte under a running Kith: registrations are refused
/// with a 503 that says the database cannot be written, reads go on (but a child's data,
/// whose reading must be audited, is not shown: fail closed), and once space is freed
/// the same `kith serve` takes registrations again. Every child reported created is there
/// and whole, no refused one is, and the file passes SQLite's integrity check.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_sqlite_disk_refuses_changes_cleanly_and_recovers() {
    const PREFIX: &str = "Full Disk Child";
    let disk = TinyDisk::mount(48);
    let url = kith_store::testdb::sqlite_url(&disk.path.join("kith.db"));
    let dir = demo_loaded(&url, "kith-full").await;
    let (mut server, base) = serve_at(&url, &dir).await;
    let adviser = logged_in(&base, "adviser@kith.test").await;
    let register = async |n: u32| -> Outcome {
        let name = format!("{PREFIX} {n}");
        let r = adviser
            .post(format!("{base}/api/v1/children"))
            .header("origin", &base)
            .json(&child_case(&name))
            .send()
            .await
            .expect("Kith answers on a full disk");
        Outcome {
            child: Some(name),
            sent_in: 0,
            status: r.status().as_u16(),
            content_type: r
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned(),
            body: r.json().await.unwrap_or(Value::Null),
        }
    };
    let mut seen = vec![register(1).await];
    assert_eq!(seen[0].status, 201, "{:?}", seen[0]);

    let filler = disk.fill();
    // Space SQLite already holds (a write-ahead log it reuses) may take a few more; the
    // first registration that needs a new page is refused.
    let mut n = 1;
    while seen.last().unwrap().status == 201 {
        n += 1;
        assert!(n < 2_000, "a full disk never refused a registration");
        seen.push(register(n).await);
    }
    let refused = seen.last().unwrap();
    assert_eq!(refused.status, 503, "{refused:?}");
    assert_eq!(refused.content_type, "application/problem+json");
    assert_eq!(
        refused.body["type"], "urn:kith:problem:storage",
        "{refused:?}"
    );
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("fuld disk"),
        "{refused:?}"
    );
    // Reading what is not about a child goes on; a child's data is not shown when its
    // reading cannot be audited (fail closed), with the same clear answer.
    let r = adviser
        .get(format!("{base}/api/v1/placement-options"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the catalogue is read on a full disk");
    // As with registrations, the space SQLite holds may take an audit row or two; every
    // caseload shown is audited (counted below), and the first whose audit needs new space
    // is refused.
    let audited_before = audited_reads(&url, "caseload.read").await;
    let mut shown = 0;
    let r = loop {
        let r = adviser
            .get(format!("{base}/api/v1/caseload"))
            .send()
            .await
            .unwrap();
        if r.status() != 200 {
            break r;
        }
        shown += 1;
        assert!(shown < 500, "a full disk never refused to audit a caseload");
    };
    assert_eq!(
        r.status(),
        503,
        "a caseload that cannot be audited is not shown"
    );
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["type"], "urn:kith:problem:storage", "{problem}");
    assert!(server.try_wait().unwrap().is_none(), "kith serve stays up");

    // Space freed: the same process takes registrations again.
    std::fs::remove_file(filler).unwrap();
    let again = register(n + 1).await;
    assert_eq!(again.status, 201, "{again:?}");
    seen.push(again);
    drop(server);

    for o in &seen {
        assert!(
            o.status == 201 || o.body["type"] == "urn:kith:problem:storage",
            "{o:?}"
        );
    }
    let created = names(&seen, Outcome::ok);
    assert_eq!(
        whole_children(&url, PREFIX).await,
        created,
        "exactly the children reported created are there, each whole"
    );
    assert_eq!(
        audited_reads(&url, "caseload.read").await - audited_before,
        shown,
        "every caseload shown on the full disk was audited"
    );
    assert_integrity(&url).await;
}

/// How many reads of this kind the audit log holds (one instant per read, whatever the
/// number of children it showed).
async fn audited_reads(url: &str, action: &str) -> usize {
    use kith_store::entities::audit_log;
    use sea_orm::QuerySelect;
    let db = kith_store::Db::connect(url).await.unwrap();
    let at: Vec<chrono::DateTime<chrono::Utc>> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::At)
        .filter(audit_log::Column::Action.eq(action))
        .distinct()
        .into_tuple()
        .all(db.conn())
        .await
        .unwrap();
    at.len()
}

/// SQLite's own check of the file finds nothing wrong.
async fn assert_integrity(url: &str) {
    let conn = kith_store::Db::connect(url).await.unwrap();
    let check = conn
        .conn()
        .query_one_raw(Statement::from_string(
            conn.conn().get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        check.try_get::<String>("", "integrity_check").unwrap(),
        "ok"
    );
}

/// An ext4 file system of its own on a loop device: a disk that can fail the way disks do.
struct Ext4Disk {
    path: PathBuf,
    image: PathBuf,
    device: String,
}

impl Ext4Disk {
    /// A fresh `megabytes` disk, mounted with `errors=remount-ro` (Debian's default for its
    /// root disk): a failing disk turns read-only rather than corrupting itself.
    fn mount(megabytes: u32) -> Self {
        let name = format!("kith-ext4-{:016x}", rand_suffix());
        let path = std::env::temp_dir().join(&name);
        let image = std::env::temp_dir().join(format!("{name}.img"));
        std::fs::create_dir_all(&path).unwrap();
        std::fs::File::create(&image)
            .unwrap()
            .set_len(u64::from(megabytes) << 20)
            .unwrap();
        run_ok(
            std::process::Command::new("mkfs.ext4")
                .args(["-q", "-F"])
                .arg(&image),
        );
        let out = std::process::Command::new("losetup")
            .args(["-f", "--show"])
            .arg(&image)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the read-only test puts an ext4 disk on a loop device, which needs root \
             (CI runs as root): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let device = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        let disk = Ext4Disk {
            path,
            image,
            device,
        };
        disk.mount_rw();
        disk
    }

    fn mount_rw(&self) {
        run_ok(
            std::process::Command::new("mount")
                .args(["-o", "errors=remount-ro", &self.device])
                .arg(&self.path),
        );
    }

    /// What the kernel does when a disk fails under a running program: the journal is
    /// aborted and the file system turns read-only at once, with the program's files open.
    /// (`mount -o remount,ro` is refused while any file is open for writing.)
    fn fail_read_only(&self) {
        run_ok(std::process::Command::new("sync").arg("-f").arg(&self.path));
        run_ok(
            std::process::Command::new("mount")
                .args(["-o", "remount,abort"])
                .arg(&self.path),
        );
        let probe = std::fs::File::create(self.path.join("probe"));
        assert!(probe.is_err(), "the disk still takes writes");
    }

    /// Back in service as an operator does it: unmounted (every program stopped), checked
    /// and repaired by `e2fsck`, mounted read-write again.
    fn repair(&self) {
        run_ok(std::process::Command::new("umount").arg(&self.path));
        let fsck = std::process::Command::new("e2fsck")
            .args(["-f", "-y", &self.device])
            .output()
            .unwrap();
        // 0: clean; 1: errors corrected (the aborted journal replayed).
        assert!(
            matches!(fsck.status.code(), Some(0 | 1)),
            "e2fsck: {}",
            String::from_utf8_lossy(&fsck.stdout)
        );
        self.mount_rw();
    }
}

impl Drop for Ext4Disk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.path)
            .output();
        let _ = std::process::Command::new("losetup")
            .args(["-d", &self.device])
            .output();
        let _ = std::fs::remove_file(&self.image);
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The disk under a running Kith on SQLite turns read-only (a real ext4 file system, failed
/// by the kernel's own path): every change, and every login (which writes a session), gets a
/// clear 503 saying the database cannot be written; `kith serve` stays up; nothing committed
/// is lost or damaged; and once the disk is repaired Kith serves it as before.
///
/// The same process cannot be shown recovering: Linux refuses to remount a file system
/// read-only or read-write while a program holds files on it open for writing (`EBUSY`), and
/// a file system the kernel has turned read-only comes back only through `umount` and
/// `e2fsck`. Recovery without a restart is shown for a full disk, above.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_sqlite_disk_gives_a_clear_error_and_no_damage() {
    let disk = Ext4Disk::mount(160);
    let url = kith_store::testdb::sqlite_url(&disk.path.join("kith.db"));
    let dir = demo_loaded(&url, "kith-ro").await;
    let (mut server, base) = serve_at(&url, &dir).await;
    let adviser = logged_in(&base, "adviser@kith.test").await;
    let register = async |name: &str| {
        adviser
            .post(format!("{base}/api/v1/children"))
            .header("origin", &base)
            .json(&child_case(name))
            .send()
            .await
            .expect("Kith answers on a read-only disk")
    };
    assert_eq!(register("Read Only Child 1").await.status(), 201);
    let before = facts(&url).await;

    disk.fail_read_only();
    let refused = register("Read Only Child 2").await;
    assert_eq!(refused.status(), 503);
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["type"], "urn:kith:problem:storage", "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("kan ikke skrives"),
        "{problem}"
    );
    let login = reqwest::Client::new()
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": "matcher@kith.test", "password": "kith-demo-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 503);
    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    assert!(server.try_wait().unwrap().is_none(), "kith serve stays up");
    server.kill().await.unwrap();

    disk.repair();
    // Nothing acknowledged is lost and nothing refused was written (the trail and the
    // sessions may hold what a background job wrote between the two looks).
    let after = facts(&url).await;
    assert_eq!(after.1, before.1, "the children, whole");
    for ((table, was), (_, is)) in before.0.iter().zip(&after.0) {
        if table == "audit_log" || table == "session" {
            assert!(is >= was, "{table}: {was} before, {is} after");
        } else {
            assert_eq!(is, was, "{table}");
        }
    }
    assert_integrity(&url).await;
    let (_server, base) = serve_at(&url, &dir).await;
    let adviser = logged_in(&base, "adviser@kith.test").await;
    let r = adviser
        .get(format!("{base}/api/v1/caseload"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
