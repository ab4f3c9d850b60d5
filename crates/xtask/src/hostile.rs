//! Hostile input against a running Kith: schemathesis (from PyPI, in a virtualenv under the
//! build directory) generates requests from `/api/openapi.json` and checks that nothing answers
//! 5xx and every response conforms to the document: its schema, its status code and its
//! content type. It runs as a team leader, a case adviser and a consultant of the demo, with
//! real ids of what each may reach (`hostile_hooks.py`) and a stateful phase that follows the
//! document's links. `cargo xtask test` runs a bounded pass; `cargo xtask fuzz` a longer one.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Result, cargo, output, run, target_dir};

/// The pinned schemathesis release.
const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// The `st` program, installed into a virtualenv when missing.
fn schemathesis() -> Result<PathBuf> {
    let venv = target_dir().join("schemathesis-venv");
    let st = venv.join("bin/st");
    let pinned = output(Command::new(&st).arg("--version"))
        .is_some_and(|v| v.contains(SCHEMATHESIS.trim_start_matches("schemathesis==")));
    if pinned {
        return Ok(st);
    }
    let make = || {
        Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
    };
    if !make().is_ok_and(|s| s.success()) {
        eprintln!("xtask: installing python3-venv");
        crate::apt_install(&["python3", "python3-venv"])?;
        if !make().is_ok_and(|s| s.success()) {
            return Err("cannot make a Python virtualenv for schemathesis".into());
        }
    }
    run(Command::new(venv.join("bin/pip")).args(["install", "--quiet", SCHEMATHESIS]))?;
    Ok(st)
}

/// `GET path` with a bearer token over plain HTTP/1.1 (the standard library only).
fn get(port: u16, path: &str, token: &str) -> Result<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).map_err(|e| e.to_string())?;
    let (head, body) = raw.split_once("\r\n\r\n").ok_or("no HTTP body")?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!("GET {path}: {}", head.lines().next().unwrap_or("")));
    }
    Ok(body.to_owned())
}

/// Runs schemathesis against a demo Kith, as a case adviser. `long`: the fuzzing run.
pub fn run_against_demo(long: bool) -> Result {
    let st = schemathesis()?;
    run(cargo().args(["build", "-p", "kith-server"]))?;
    let kith = target_dir().join("debug/kith");
    let dir = std::env::temp_dir().join(format!("kith-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let kith_cmd = || {
        let mut c = Command::new(&kith);
        c.env("KITH_DATA_DIR", &dir)
            .env("KITH_LOG", "warn")
            .env_remove("KITH_DATABASE_URL")
            .env_remove("DATABASE_URL");
        c
    };
    run(kith_cmd().arg("demo").stdout(Stdio::null()))?;
    let token_of = |email: &str| {
        output(kith_cmd().args(["token", "create", "--email", email]))
            .and_then(|o| o.lines().last().map(|l| l.trim().to_owned()))
            .ok_or_else(|| format!("kith token create failed for {email}"))
    };
    let callers = [
        ("leader", token_of("leader03@kith.test")?),
        ("adviser", token_of("adviser@kith.test")?),
        ("consultant", token_of("consultant@kith.test")?),
        ("administrator", token_of("admin@kith.test")?),
    ];
    let port = crate::served::free_port()?;
    let _server = crate::served::Server::start(kith_cmd(), port)?;
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(60) {
            return Err("kith serve did not start".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let schema = dir.join("openapi.json");
    std::fs::write(&schema, get(port, "/api/openapi.json", &callers[0].1)?)
        .map_err(|e| e.to_string())?;
    let hooks = crate::root().join("crates/xtask");
    let answers = dir.join("answers.txt");
    let mut result = Ok(());
    for (role, token) in &callers {
        eprintln!("xtask: hostile pass as a {role}");
        let mut cmd = Command::new(&st);
        // schemathesis keeps a cache in its working directory: the temporary one, not the clone.
        cmd.current_dir(&dir)
            .env("SCHEMATHESIS_HOOKS", "hostile_hooks")
            .env("PYTHONPATH", &hooks)
            .env("PYTHONHASHSEED", "0")
            .env("KITH_BASE", format!("http://127.0.0.1:{port}"))
            .env("KITH_TOKEN", token)
            .env("KITH_HOSTILE_LOG", &answers)
            .arg("run")
            .arg(&schema)
            .args(["--url", &format!("http://127.0.0.1:{port}")])
            .args(["-H", &format!("Authorization: Bearer {token}")])
            .args([
                "--checks",
                "not_a_server_error,response_schema_conformance,status_code_conformance,\
                 content_type_conformance",
            ])
            // Ending the caller's own session, token or password would turn the rest of the
            // run into 401s.
            .args(["--exclude-path-regex", "^/api/v1/(session|tokens)"])
            .args(["--workers", "2"]);
        if long {
            cmd.args([
                "--max-examples",
                "200",
                "--phases",
                "examples,coverage,fuzzing,stateful",
            ]);
        } else {
            cmd.args([
                "--max-examples",
                "8",
                "--phases",
                "examples,fuzzing,stateful",
                "--seed",
                "20261122",
            ]);
        }
        result = result.and(run(&mut cmd));
    }
    let reached = std::fs::read_to_string(&answers).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    result.and(few_stuck(&reached))
}

/// The operations no caller got past a refusal with (only 401, 403 or 404 in every run):
/// the code behind them was never reached. A handful is expected (a reset link or a CPR
/// number that nobody guesses); more means the pass has lost its real ids.
fn few_stuck(answers: &str) -> Result {
    // Per operation: whether any answer got past a refusal, and whether any succeeded.
    let mut seen: std::collections::BTreeMap<&str, (bool, bool)> =
        std::collections::BTreeMap::new();
    for line in answers.lines() {
        let Some((op, status)) = line.rsplit_once(' ') else {
            continue;
        };
        let entry = seen.entry(op).or_insert((false, false));
        entry.0 |= !matches!(status, "401" | "403" | "404");
        entry.1 |= status.starts_with('2');
    }
    let stuck: Vec<&str> = seen
        .iter()
        .filter(|(_, r)| !r.0)
        .map(|(op, _)| *op)
        .collect();
    let never_ok: Vec<&str> = seen
        .iter()
        .filter(|(_, r)| !r.1)
        .map(|(op, _)| *op)
        .collect();
    eprintln!(
        "xtask: {} operations tried; {} never past 401/403/404: {stuck:?}; \
         {} never succeeded: {never_ok:?}",
        seen.len(),
        stuck.len(),
        never_ok.len()
    );
    if stuck.len() >= 5 {
        return Err(format!(
            "{} operations were never reached: {stuck:?}",
            stuck.len()
        ));
    }
    Ok(())
}
