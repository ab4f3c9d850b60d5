//! `cargo xtask bench`: reproducible performance figures.
//!
//! 1. The domain benchmarks (divan): ranking one child against 10,000 options, allocating
//!    200 children over 10,000 options.
//! 2. The match endpoint over HTTP: a release `kith serve` on SQLite with 10,000 synthetic
//!    options, one request at a time (curl), median and p99 over 200 requests after warm-up.
//!
//! 3. The annual wheel at national scale (14,000 placements, 300 staff) on SQLite and on
//!    PostgreSQL: the first plan of twelve months and a re-plan with nothing changed (each a
//!    `kith jobs plan`), and the next night's `kith jobs run-once`, timed as whole processes.
//!
//! 4. Load at national scale: a release `kith serve` with 14,000 placements on SQLite, then on
//!    PostgreSQL if one is reachable, driven by a load generator on loopback (64 keep-alive
//!    connections, 10 s after a warm-up second). The main lists are measured three ways in
//!    rotating rounds (`honest.rs`): a bare axum "hello, world" (context), the honest ceiling
//!    (`kith-ceiling`: Kith's own statements, audit rows and bytes, nothing else) and Kith, with
//!    CPU per request from `/proc`; `KITH_BENCH_BASELINE=<another kith binary>` adds it to the
//!    same rounds for paired runs of a change. Then a single read and a change, Kith alone; with
//!    the server's peak memory and its start-up time on the existing database. `KITH_BENCH_ONLY=load cargo xtask bench` runs only this part
//!    (`KITH_BENCH_ONLY=wheel` only the planning part, `KITH_BENCH_ONLY=build` only builds).
//!
//! Figures are printed as Markdown; docs/BENCHMARKS.md records them with the machine and date.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::run as exec;
use crate::served::Server;
use crate::{Result, cargo, output, target_dir};

pub fn run() -> Result {
    exec(cargo().args([
        "build",
        "--release",
        "-p",
        "kith-server",
        "--bin",
        "kith",
        "--example",
        "hello",
        "-p",
        "kith-ceiling",
    ]))?;
    match std::env::var("KITH_BENCH_ONLY").as_deref() {
        Ok("load") => return print(http_load()?),
        Ok("wheel") => return print(wheel_planning()?),
        // The release binaries only, for measuring by hand (perf, wrk).
        Ok("build") => return Ok(()),
        _ => {}
    }
    exec(cargo().args(["bench", "-p", "kith-domain", "--bench", "matching"]))?;
    exec(cargo().args(["bench", "-p", "kith-domain", "--bench", "planner"]))?;
    let mut figures = match_endpoint()?;
    figures.extend(wheel_planning()?);
    figures.extend(http_load()?);
    print(figures)
}

fn print(figures: Vec<(String, String)>) -> Result {
    println!("\n| figure | value |\n|---|---|");
    for (k, v) in figures {
        println!("| {k} | {v} |");
    }
    Ok(())
}

fn kith() -> PathBuf {
    target_dir().join("release").join("kith")
}

fn wait_until_up(base: &str) -> Result {
    for _ in 0..200 {
        if output(Command::new("curl").args(["-sf", &format!("{base}/healthz")])).is_some() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("{base} did not come up"))
}

fn serve(dir: &Path, port: u16) -> Result<Server> {
    let child = Command::new(kith())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("KITH_DATA_DIR", dir)
        .env("KITH_LOG", "warn")
        .env_remove("KITH_DATABASE_URL")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let server = Server(child);
    wait_until_up(&format!("http://127.0.0.1:{port}"))?;
    Ok(server)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The match endpoint's latency with 10,000 options on SQLite.
fn match_endpoint() -> Result<Vec<(String, String)>> {
    let dir = std::env::temp_dir().join(format!("kith-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    exec(
        Command::new(kith())
            .args([
                "demo",
                "--synthetic",
                "--options",
                "10000",
                "--children",
                "300",
                "--staff",
                "50",
            ])
            .env("KITH_DATA_DIR", &dir)
            .env_remove("KITH_DATABASE_URL")
            .env_remove("DATABASE_URL")
            .stdout(Stdio::null()),
    )?;
    let port = crate::served::free_port()?;
    let _server = serve(&dir, port)?;
    let base = format!("http://127.0.0.1:{port}");
    let jar = dir.join("cookies");
    let jar_s = jar.display().to_string();
    output(Command::new("curl").args([
        "-sf",
        "-c",
        &jar_s,
        "-H",
        "content-type: application/json",
        "-d",
        r#"{"email":"matcher@kith.test","password":"kith-demo-2026"}"#,
        &format!("{base}/api/v1/session"),
    ]))
    .ok_or("login failed")?;
    let list = output(Command::new("curl").args([
        "-sf",
        "-b",
        &jar_s,
        &format!("{base}/api/v1/children?limit=20"),
    ]))
    .ok_or("children list failed")?;
    let ids: Vec<String> = list
        .split("\"id\":")
        .skip(1)
        .filter_map(|s| {
            s.split(|c: char| !c.is_ascii_digit())
                .next()
                .map(str::to_owned)
        })
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err("no waiting children".into());
    }
    let time = |id: &str| -> Result<f64> {
        let out = output(Command::new("curl").args([
            "-sf",
            "-o",
            "/dev/null",
            "-w",
            "%{time_total}",
            "-b",
            &jar_s,
            &format!("{base}/api/v1/children/{id}/matches"),
        ]))
        .ok_or("match request failed")?;
        out.trim().parse::<f64>().map_err(|e| e.to_string())
    };
    // Warm-up: the first request reads the option catalogue into memory.
    let first = time(&ids[0])?;
    for id in &ids {
        time(id)?;
    }
    let mut samples = Vec::new();
    for _ in 0..10 {
        for id in &ids {
            samples.push(time(id)? * 1000.0);
        }
    }
    samples.sort_by(f64::total_cmp);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(vec![
        (
            "match endpoint, SQLite, 10,000 options: first request (catalogue load)".into(),
            format!("{:.0} ms", first * 1000.0),
        ),
        (
            "match endpoint, SQLite, 10,000 options: median".into(),
            format!("{:.1} ms", percentile(&samples, 0.5)),
        ),
        (
            "match endpoint, SQLite, 10,000 options: p99".into(),
            format!("{:.1} ms", percentile(&samples, 0.99)),
        ),
        ("requests measured".into(), samples.len().to_string()),
    ])
}

/// A fresh PostgreSQL database for a benchmark, dropped afterwards (`None` if no server).
struct PgDb {
    admin: String,
    name: String,
    url: String,
}

impl PgDb {
    fn create() -> Option<Self> {
        let admin = std::env::var("KITH_TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let name = format!("kith_bench_{}", std::process::id());
        output(Command::new("psql").args([
            admin.as_str(),
            "-qc",
            &format!("CREATE DATABASE {name}"),
        ]))?;
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let url = format!("{base}/{name}");
        Some(Self { admin, name, url })
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let _ = output(Command::new("psql").args([
            self.admin.as_str(),
            "-qc",
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        ]));
    }
}

/// Runs `kith` with a database and returns its wall time in seconds and its output.
fn timed_kith(dir: &Path, db_url: Option<&str>, args: &[&str]) -> Result<(f64, String)> {
    let mut c = Command::new(kith());
    c.args(args)
        .env("KITH_DATA_DIR", dir)
        // The planner logs its phases (no personal data): load, plan, write.
        .env("KITH_LOG", "warn,kith_app::wheel::plan=debug")
        .env("KITH_LOG_FORMAT", "json")
        .env_remove("DATABASE_URL");
    match db_url {
        Some(u) => c.env("KITH_DATABASE_URL", u),
        None => c.env_remove("KITH_DATABASE_URL"),
    };
    let started = std::time::Instant::now();
    let out = c.output().map_err(|e| e.to_string())?;
    let secs = started.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "kith {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Ok((secs, text))
}

/// The number after `"key":` in a JSON text (the report's counts).
fn count(json: &str, key: &str) -> String {
    json.split(&format!("\"{key}\":"))
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit() && c != ' ').next())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// Plans the national synthetic data set's wheel, then re-plans it the next night.
fn wheel_planning() -> Result<Vec<(String, String)>> {
    let mut figures = Vec::new();
    let pg = PgDb::create();
    let engines: Vec<(&str, Option<String>)> = match &pg {
        Some(p) => vec![("SQLite", None), ("PostgreSQL", Some(p.url.clone()))],
        None => {
            eprintln!("xtask bench: no PostgreSQL reachable; the wheel figures are SQLite only");
            vec![("SQLite", None)]
        }
    };
    for (engine, url) in engines {
        let dir = std::env::temp_dir().join(format!("kith-bench-wheel-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        timed_kith(&dir, url.as_deref(), &["demo", "--synthetic", "--national"])?;
        // 01:00 UTC is 02:00 (winter) or 03:00 (summer) in Copenhagen: after the nightly
        // re-planning's hour, before the morning's e-mails.
        let night = |days: u32| -> Result<String> {
            let day =
                output(Command::new("date").args(["-u", "-d", &format!("+{days} days"), "+%F"]))
                    .ok_or("date failed")?;
            Ok(format!("{}T01:00:00Z", day.trim()))
        };
        let at = night(1)?;
        let (first, report) = timed_kith(&dir, url.as_deref(), &["jobs", "plan", "--at", &at])?;
        let (again, report2) = timed_kith(&dir, url.as_deref(), &["jobs", "plan", "--at", &at])?;
        let (night2, report3) = timed_kith(
            &dir,
            url.as_deref(),
            &["jobs", "run-once", "--at", &night(2)?],
        )?;
        figures.push((
            format!("wheel, {engine}, 14,000 placements: first plan of 12 months (whole process)"),
            format!(
                "{first:.2} s ({} items created; in the process: load {} ms, plan {} ms, write {} ms)",
                count(&report, "created"),
                count(&report, "load_ms"),
                count(&report, "plan_ms"),
                count(&report, "write_ms")
            ),
        ));
        figures.push((
            format!("wheel, {engine}, 14,000 placements: re-plan with nothing changed"),
            format!(
                "{again:.2} s ({} created, {} changed)",
                count(&report2, "created"),
                count(&report2, "updated")
            ),
        ));
        figures.push((
            format!("wheel, {engine}, 14,000 placements: the next night's run-once (re-plan)"),
            format!(
                "{night2:.2} s ({} created, {} changed)",
                count(&report3, "created"),
                count(&report3, "updated")
            ),
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(figures)
}

/// Load figures: see the module's point 4.
fn http_load() -> Result<Vec<(String, String)>> {
    use crate::load::wait_for_port;
    let mut figures = Vec::new();
    let port = crate::served::free_port()?;
    let hello = Server(
        Command::new(target_dir().join("release/examples/hello"))
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?,
    );
    wait_for_port(port, Duration::from_secs(10)).ok_or("hello did not start")?;
    let hello = crate::honest::Target {
        port,
        pid: hello.0.id(),
    };
    let mut tables = kith_load("SQLite", None, hello, &mut figures)?;
    match PgDb::create() {
        Some(pg) => tables.push_str(&kith_load(
            "PostgreSQL",
            Some(&pg.url),
            hello,
            &mut figures,
        )?),
        None => eprintln!("xtask bench: no PostgreSQL reachable; the load figures are SQLite only"),
    }
    println!("{tables}");
    Ok(figures)
}

/// The honest ceiling on the database `kith` serves, on a port of its own.
fn ceiling(engine: &str, database: &str) -> Result<(Server, crate::honest::Target)> {
    let port = crate::served::free_port()?;
    let server = Server(
        Command::new(target_dir().join("release/kith-ceiling"))
            .args([engine, database, &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?,
    );
    crate::load::wait_for_port(port, Duration::from_secs(10)).ok_or("the ceiling did not start")?;
    let target = crate::honest::Target {
        port,
        pid: server.0.id(),
    };
    Ok((server, target))
}

/// The national data set in `engine` (SQLite without a URL), served by a release `kith
/// serve` and by the ceiling: the three-way comparison of the main lists (returned as a
/// Markdown table), then Kith alone on a single read and a change (into `figures`).
fn kith_load(
    engine: &str,
    db_url: Option<&str>,
    hello: crate::honest::Target,
    figures: &mut Vec<(String, String)>,
) -> Result<String> {
    use crate::load::{Request, drive, get_body, peak_rss_mb, wait_for_port};
    const CONNS: usize = 64;
    const SECS: u64 = 10;
    let dir = std::env::temp_dir().join(format!("kith-bench-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let kith_cmd = || {
        let mut c = Command::new(kith());
        c.env("KITH_DATA_DIR", &dir)
            .env("KITH_LOG", "warn")
            .env_remove("DATABASE_URL");
        match db_url {
            Some(u) => c.env("KITH_DATABASE_URL", u),
            None => c.env_remove("KITH_DATABASE_URL"),
        };
        c
    };
    exec(
        kith_cmd()
            .args(["demo", "--synthetic", "--national"])
            .stdout(Stdio::null()),
    )?;
    // The wheel planned, so the consultant's visits list has a page to show.
    let tomorrow =
        output(Command::new("date").args(["-u", "-d", "+1 day", "+%F"])).ok_or("date failed")?;
    exec(
        kith_cmd()
            .args([
                "jobs",
                "plan",
                "--at",
                &format!("{}T01:00:00Z", tomorrow.trim()),
            ])
            .stdout(Stdio::null()),
    )?;
    let token = |email: &str| -> Result<String> {
        output(kith_cmd().args(["token", "create", "--email", email]))
            .and_then(|o| o.lines().last().map(|l| l.trim().to_owned()))
            .ok_or_else(|| format!("no token for {email}"))
    };
    let adviser = token("adviser001@kith.test")?;
    let consultant = token("consultant001@kith.test")?;
    let matcher = token("matcher@kith.test")?;

    let port = crate::served::free_port()?;
    let server = crate::served::Server::start(kith_cmd(), port)?;
    let startup = wait_for_port(port, Duration::from_secs(30)).ok_or("kith did not start")?;
    figures.push((
        format!(
            "load, {engine}: start-up of kith serve on the national database (until it accepts connections)"
        ),
        format!("{:.0} ms", startup.as_secs_f64() * 1000.0),
    ));
    let (ceiling_engine, database) = match db_url {
        Some(u) => ("postgres", u.to_owned()),
        None => ("sqlite", dir.join("kith.db").display().to_string()),
    };
    let (ceiling_server, ceiling) = ceiling(ceiling_engine, &database)?;
    // Another build of Kith on the same data, for paired runs of a change.
    let baseline = match std::env::var_os("KITH_BENCH_BASELINE") {
        Some(binary) => {
            let port = crate::served::free_port()?;
            let cmd = kith_cmd();
            let mut other = Command::new(binary);
            for (k, v) in cmd.get_envs() {
                match v {
                    Some(v) => other.env(k, v),
                    None => other.env_remove(k),
                };
            }
            let s = crate::served::Server::start(other, port)?;
            wait_for_port(port, Duration::from_secs(30)).ok_or("the baseline did not start")?;
            let target = crate::honest::Target {
                port,
                pid: s.0.id(),
            };
            Some((s, target))
        }
        None => None,
    };
    let three = crate::honest::Three {
        hello,
        ceiling,
        kith: crate::honest::Target {
            port,
            pid: server.0.id(),
        },
        baseline: baseline.as_ref().map(|b| b.1),
    };
    let children = crate::honest::List {
        name: "children (case adviser)",
        path: "/api/v1/children?limit=50",
        token: &adviser,
    };
    let lists = match db_url {
        None => vec![
            children,
            crate::honest::List {
                name: "placement options (match unit)",
                path: "/api/v1/placement-options?limit=50",
                token: &matcher,
            },
            crate::honest::List {
                name: "visits (consultant)",
                path: "/api/v1/visits?limit=50",
                token: &consultant,
            },
        ],
        Some(_) => vec![children],
    };
    let compared = crate::honest::compare(&three, &lists, CONNS)?;
    drop(ceiling_server);
    drop(baseline);
    let table = crate::honest::table(engine, CONNS, &compared);

    let placements = get_body(port, "/api/v1/placements?limit=1", &adviser).unwrap_or_default();
    let placement = placements
        .split("\"id\":")
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .unwrap_or("1")
        .to_owned();
    let runs = [
        (
            "read a placement (case adviser)",
            Request {
                method: "GET",
                path: format!("/api/v1/placements/{placement}"),
                token: Some(adviser.clone()),
                body: None,
            },
        ),
        (
            "change a placement's review rhythm, re-planning it (case adviser)",
            Request {
                method: "PATCH",
                path: format!("/api/v1/placements/{placement}"),
                token: Some(adviser.clone()),
                body: Some(r#"{"review_rhythm_months": 6}"#.into()),
            },
        ),
    ];
    for (what, r) in runs {
        let s = drive(port, three.kith.pid, &r, CONNS, SECS);
        figures.push((
            format!("load, {engine}, {what}, {CONNS} connections"),
            format!(
                "{:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, {:.0} µs CPU/request, {} errors of {}",
                s.rps, s.p50_ms, s.p99_ms, s.cpu_us, s.errors, s.requests
            ),
        ));
    }
    figures.push((
        format!("load, {engine}: kith serve peak resident memory over the runs"),
        format!("{:.0} MB", peak_rss_mb(server.0.id()).unwrap_or(f64::NAN)),
    ));
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(table)
}
