//! The honest ceiling (issue 20): each list measured three ways in the same run, in rounds
//! whose order rotates — a bare axum "hello, world" (context only), the ceiling (`kith-ceiling`:
//! Kith's own statements, audit rows and answer bytes with nothing else, crates/ceiling) and
//! Kith — with the requests per second, the median and 99th percentile latency and the server's
//! CPU time per request read from `/proc`. Before a list is measured, the ceiling's answer is
//! checked to be Kith's, byte for byte but for the sealed cursor's value (random by design),
//! whose length must match too.

use crate::Result;
use crate::load::{Request, Stats, drive, get_body};

/// A server under measurement: its port and process.
#[derive(Clone, Copy)]
pub struct Target {
    pub port: u16,
    pub pid: u32,
}

/// The three servers of a comparison.
#[derive(Clone, Copy)]
pub struct Three {
    pub hello: Target,
    pub ceiling: Target,
    pub kith: Target,
    /// Another build of Kith on the same data (`KITH_BENCH_BASELINE`), measured in the same
    /// rounds: the paired runs behind a change.
    pub baseline: Option<Target>,
}

/// One list to compare: its name, its path and the bearer token of the role reading it.
pub struct List<'a> {
    pub name: &'a str,
    pub path: &'a str,
    pub token: &'a str,
}

/// The comparison of one list: each server's runs.
pub struct Compared {
    pub name: String,
    pub hello: Vec<Stats>,
    pub ceiling: Vec<Stats>,
    pub kith: Vec<Stats>,
    pub baseline: Vec<Stats>,
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The body with the cursor's value blanked (and its length kept as a number).
fn comparable(body: &str) -> String {
    match body.split_once("\"next_cursor\":\"") {
        Some((head, tail)) => {
            let end = tail.find('"').unwrap_or(tail.len());
            format!("{head}\"next_cursor\":<{} characters>{}", end, &tail[end..])
        }
        None => body.to_owned(),
    }
}

/// Checks that the ceiling answers `list` with Kith's bytes.
fn same_answer(three: &Three, list: &List<'_>) -> Result {
    let kith = get_body(three.kith.port, list.path, list.token).ok_or("kith did not answer")?;
    let ceiling =
        get_body(three.ceiling.port, list.path, list.token).ok_or("the ceiling did not answer")?;
    if !kith.starts_with("{\"items\":[{") {
        return Err(format!(
            "{}: Kith's answer is no page of items: {kith:.200}",
            list.name
        ));
    }
    if comparable(&kith) != comparable(&ceiling) {
        return Err(format!(
            "{}: the ceiling's answer differs from Kith's:\n kith:    {:.400}\n ceiling: {:.400}",
            list.name,
            comparable(&kith),
            comparable(&ceiling)
        ));
    }
    Ok(())
}

/// Measures each list three ways, `KITH_BENCH_ROUNDS` rounds (4) of `KITH_BENCH_SECS`
/// seconds (10) each, with `conns` connections.
pub fn compare(three: &Three, lists: &[List<'_>], conns: usize) -> Result<Vec<Compared>> {
    let rounds = env_or("KITH_BENCH_ROUNDS", 4);
    let secs = env_or("KITH_BENCH_SECS", 10);
    let mut out = Vec::new();
    for list in lists {
        same_answer(three, list)?;
        let request = Request {
            method: "GET",
            path: list.path.to_owned(),
            token: Some(list.token.to_owned()),
            body: None,
        };
        let hello_get = Request {
            method: "GET",
            path: "/".into(),
            token: None,
            body: None,
        };
        let mut c = Compared {
            name: list.name.to_owned(),
            hello: vec![],
            ceiling: vec![],
            kith: vec![],
            baseline: vec![],
        };
        for round in 0..rounds {
            // The order rotates, so no server always runs right after another's load.
            let servers = if three.baseline.is_some() { 4 } else { 3 };
            for k in 0..servers {
                let run = |t: Target, r: &Request| drive(t.port, t.pid, r, conns, secs);
                match (round + k) % servers {
                    0 => c.hello.push(run(three.hello, &hello_get)),
                    1 => c.ceiling.push(run(three.ceiling, &request)),
                    2 => c.kith.push(run(three.kith, &request)),
                    _ => {
                        if let Some(b) = three.baseline {
                            c.baseline.push(run(b, &request));
                        }
                    }
                }
            }
        }
        eprintln!("xtask bench: {} measured", list.name);
        out.push(c);
    }
    Ok(out)
}

fn mean(runs: &[Stats], f: impl Fn(&Stats) -> f64) -> f64 {
    runs.iter().map(f).sum::<f64>() / runs.len().max(1) as f64
}

/// The Markdown table of the comparisons, with Kith's ratios to the ceiling.
pub fn table(engine: &str, conns: usize, compared: &[Compared]) -> String {
    let mut t = format!(
        "\n### {engine}, {conns} connections (mean of the rounds; each round's req/s in brackets)\n\n\
         | list | server | req/s | p50 ms | p99 ms | CPU µs/request | errors | rounds (req/s) |\n\
         |---|---|---:|---:|---:|---:|---:|---|\n"
    );
    for c in compared {
        for (server, runs) in [
            ("hello world (context)", &c.hello),
            ("ceiling", &c.ceiling),
            ("Kith", &c.kith),
            ("Kith, baseline build", &c.baseline),
        ] {
            if runs.is_empty() {
                continue;
            }
            let rounds: Vec<String> = runs.iter().map(|s| format!("{:.0}", s.rps)).collect();
            t.push_str(&format!(
                "| {} | {server} | {:.0} | {:.2} | {:.2} | {:.0} | {} | {} |\n",
                c.name,
                mean(runs, |s| s.rps),
                mean(runs, |s| s.p50_ms),
                mean(runs, |s| s.p99_ms),
                mean(runs, |s| s.cpu_us),
                runs.iter().map(|s| s.errors).sum::<usize>(),
                rounds.join(", ")
            ));
        }
        let share = mean(&c.kith, |s| s.rps) * 100.0 / mean(&c.ceiling, |s| s.rps).max(1.0);
        let per_round: Vec<String> = c
            .kith
            .iter()
            .zip(&c.ceiling)
            .map(|(k, g)| format!("{:.0} %", k.rps * 100.0 / g.rps.max(1.0)))
            .collect();
        let cpu = mean(&c.kith, |s| s.cpu_us) / mean(&c.ceiling, |s| s.cpu_us).max(1.0);
        t.push_str(&format!(
            "| {} | **Kith / ceiling** | **{share:.0} %** | | | **{cpu:.2} ×** | | {} |\n",
            c.name,
            per_round.join(", ")
        ));
        if !c.baseline.is_empty() {
            let gain = mean(&c.kith, |s| s.rps) / mean(&c.baseline, |s| s.rps).max(1.0);
            let cpu = mean(&c.kith, |s| s.cpu_us) / mean(&c.baseline, |s| s.cpu_us).max(1.0);
            t.push_str(&format!(
                "| {} | **Kith / baseline build** | **{gain:.2} ×** | | | **{cpu:.2} ×** | | |\n",
                c.name
            ));
        }
    }
    t
}
