//! Kith's own automation.
//!
//! - `cargo xtask test`: installs what the tests need when it is missing (Chromium and its
//!   driver from Debian's packages; a PostgreSQL: `KITH_TEST_DATABASE_URL`, else the server on
//!   127.0.0.1:5432, else a throwaway cluster), then runs every test of the workspace.
//!   Then a bounded schemathesis run against a demo Kith (`hostile.rs`).
//! - `cargo xtask ci`: `cargo fmt --check`, `cargo clippy -D warnings`, then `xtask test`.
//! - `cargo xtask fuzz`: a longer schemathesis run (more examples, the coverage phase).
//! - `cargo xtask hostile`: the bounded schemathesis run alone (as `test` ends with).
//! - `cargo xtask bench`: the domain benchmarks (divan) and the HTTP figures (see
//!   `docs/BENCHMARKS.md`), printed as Markdown.
//!
//! Only the standard library: automation must build fast and never be the thing that breaks.

mod bench;
mod honest;
mod hostile;
mod load;
mod served;

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&args[1..]),
        Some("ci") => ci(),
        Some("bench") => bench::run(),
        Some("fuzz") => hostile::run_against_demo(true),
        Some("hostile") => hostile::run_against_demo(false),
        _ => {
            eprintln!("usage: cargo xtask <test [cargo test args]|ci|bench|fuzz|hostile>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) type Result<T = ()> = std::result::Result<T, String>;

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// Where cargo builds: `CARGO_TARGET_DIR` (as `.ci/run` sets it), else `target/`.
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

pub(crate) fn run(cmd: &mut Command) -> Result {
    eprintln!("xtask: running {cmd:?}");
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed with {status}"))
    }
}

pub(crate) fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub(crate) fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn ci() -> Result {
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    test(&[])
}

fn test(extra: &[String]) -> Result {
    ensure_browser()?;
    // The documents' tests read each PDF's text with an independent tool.
    if !have("/usr/bin/pdftotext") {
        eprintln!("xtask: installing poppler-utils (pdftotext) for the documents' tests");
        apt_install(&["poppler-utils"])?;
    }
    ensure_oidc_provider()?;
    let db_url = ensure_postgres()?;
    // The fault tests start a PostgreSQL cluster of their own to crash it under Kith.
    if pg_bin_dir().is_none() {
        eprintln!("xtask: installing postgresql (initdb, pg_ctl) for the fault tests");
        apt_install(&["postgresql"])?;
    }
    // The read-only disk test makes an ext4 file system on a loop device, and repairs it.
    if !have("/usr/sbin/mkfs.ext4") && !have("/sbin/mkfs.ext4") {
        eprintln!("xtask: installing e2fsprogs for the read-only disk test");
        apt_install(&["e2fsprogs"])?;
    }
    sweep_test_databases(&db_url);
    let mut cmd = cargo();
    cmd.args(["test", "--workspace"])
        .args(extra)
        .env("KITH_TEST_DATABASE_URL", &db_url);
    run(&mut cmd)?;
    // Hostile input: a bounded schemathesis pass over the whole API (the whole suite only).
    if extra.is_empty() {
        hostile::run_against_demo(false)?;
    }
    Ok(())
}

fn have(path: &str) -> bool {
    Path::new(path).exists()
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0")
}

pub(crate) fn apt_install(packages: &[&str]) -> Result {
    let sudo = !is_root();
    let mut update = Command::new(if sudo { "sudo" } else { "apt-get" });
    if sudo {
        update.arg("apt-get");
    }
    update.args(["update", "-qq"]);
    run(&mut update)?;
    let mut install = Command::new(if sudo { "sudo" } else { "apt-get" });
    if sudo {
        install.arg("apt-get");
    }
    install
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run(&mut install)
}

/// Chromium and chromedriver from Debian (same release, so their versions match).
fn ensure_browser() -> Result {
    let chromium = std::env::var("KITH_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let driver =
        std::env::var("KITH_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    if have(&chromium) && have(&driver) {
        return Ok(());
    }
    eprintln!("xtask: installing chromium and chromium-driver");
    apt_install(&["chromium", "chromium-driver"])
}

/// The real OpenID provider the sign-in tests start (`tests/oidc`, npm's `oidc-provider`):
/// Node.js from Debian when missing, the packages pinned by its `package-lock.json`.
fn ensure_oidc_provider() -> Result {
    if output(Command::new("npm").arg("--version")).is_none() {
        eprintln!("xtask: installing nodejs and npm for the sign-in tests' OpenID provider");
        apt_install(&["nodejs", "npm"])?;
    }
    let dir = root().join("tests").join("oidc");
    if dir.join("node_modules").join("oidc-provider").exists() {
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir))
}

fn port_open(port: u16) -> bool {
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_ok()
}

fn psql_works(url: &str) -> bool {
    match output(Command::new("psql").args(["-w", "-Atc", "select 1", url])) {
        Some(out) => out.trim() == "1",
        // No psql client: trust the open port.
        None => Command::new("psql").arg("--version").output().is_err(),
    }
}

/// A PostgreSQL for the tests: the configured one, the local one, or a throwaway cluster.
fn ensure_postgres() -> Result<String> {
    if let Ok(url) = std::env::var("KITH_TEST_DATABASE_URL")
        && !url.is_empty()
    {
        return Ok(url);
    }
    let local = "postgres://postgres@127.0.0.1:5432/postgres".to_owned();
    if port_open(5432) && psql_works(&local) {
        return Ok(local);
    }
    // A throwaway cluster under target/, run by the postgres system user (initdb refuses root).
    let port = 55432;
    let url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    if port_open(port) {
        return Ok(url);
    }
    let bin = match pg_bin_dir() {
        Some(b) => b,
        None => {
            eprintln!("xtask: installing postgresql");
            apt_install(&["postgresql"])?;
            pg_bin_dir().ok_or("postgresql installed but initdb not found")?
        }
    };
    // Outside the build directory, which may live under a home the postgres user cannot enter.
    let data = std::env::temp_dir().join("kith-test-pg");
    let as_postgres = |program: &Path| -> Command {
        if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    };
    if !data.join("PG_VERSION").exists() {
        std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
        if is_root() {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&data))?;
        }
        run(as_postgres(&bin.join("initdb"))
            .args(["-U", "postgres", "--auth=trust", "-D"])
            .arg(&data))?;
    }
    run(as_postgres(&bin.join("pg_ctl"))
        .args(["-w", "-D"])
        .arg(&data)
        .args(["-l"])
        .arg(data.join("server.log"))
        .args(["-o", &format!("-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off"), "start"]))?;
    Ok(url)
}

fn pg_bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// Drops test databases left behind by a killed run (and templates of older schemas).
fn sweep_test_databases(url: &str) {
    let Some(list) = output(Command::new("psql").args([
        "-w",
        "-Atc",
        "select datname from pg_database where datname like 'kith_test_%' or datname like 'kith_tpl_%'",
        url,
    ])) else {
        return;
    };
    for name in list.lines().map(str::trim).filter(|n| !n.is_empty()) {
        let _ = Command::new("psql")
            .args([
                "-w",
                "-qc",
                &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
                url,
            ])
            .status();
    }
}
