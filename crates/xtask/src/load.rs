//! A load generator on loopback, standard library only: `conns` threads, each with one
//! keep-alive HTTP/1.1 connection, send the same request back to back for a while after a
//! warm-up second, and record each request's latency. Good enough to compare Kith with a bare
//! axum "hello, world" on the same machine in the same run.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request to repeat.
#[derive(Clone)]
pub struct Request {
    pub method: &'static str,
    pub path: String,
    pub token: Option<String>,
    pub body: Option<String>,
}

/// What a run measured.
pub struct Stats {
    pub requests: usize,
    pub errors: usize,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// The server's CPU time (user and system) per request measured, in µs.
    pub cpu_us: f64,
}

/// A process's CPU time so far (user and system), in µs, from `/proc/<pid>/stat`.
pub fn cpu_us(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 1_000_000.0 / clock_ticks_per_second())
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux).
fn clock_ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

fn send(stream: &mut BufReader<TcpStream>, port: u16, r: &Request) -> std::io::Result<u16> {
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n",
        r.method, r.path
    );
    if let Some(t) = &r.token {
        head.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    match &r.body {
        Some(b) => head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        )),
        None => head.push_str("\r\n"),
    }
    stream.get_mut().write_all(head.as_bytes())?;
    let mut line = String::new();
    stream.read_line(&mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    let mut chunked = false;
    loop {
        line.clear();
        stream.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let lower = l.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    if chunked {
        loop {
            line.clear();
            stream.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
            let mut chunk = vec![0; size + 2];
            stream.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
        }
    } else {
        let mut body = vec![0; length];
        stream.read_exact(&mut body)?;
    }
    Ok(status)
}

/// Drives `r` against 127.0.0.1:`port` with `conns` connections for `secs` seconds, the
/// server being process `pid`.
pub fn drive(port: u16, pid: u32, r: &Request, conns: usize, secs: u64) -> Stats {
    let latencies = Arc::new(Mutex::new(Vec::<f64>::new()));
    let errors = Arc::new(Mutex::new(0usize));
    let warm_until = Instant::now() + Duration::from_secs(1);
    let end = warm_until + Duration::from_secs(secs);
    let threads: Vec<_> = (0..conns)
        .map(|_| {
            let r = r.clone();
            let latencies = latencies.clone();
            let errors = errors.clone();
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                let mut errs = 0;
                let mut conn: Option<BufReader<TcpStream>> = None;
                while Instant::now() < end {
                    if conn.is_none() {
                        conn = TcpStream::connect(("127.0.0.1", port)).ok().map(|s| {
                            let _ = s.set_nodelay(true);
                            BufReader::new(s)
                        });
                    }
                    let Some(c) = conn.as_mut() else {
                        errs += 1;
                        continue;
                    };
                    let started = Instant::now();
                    match send(c, port, &r) {
                        Ok(status) => {
                            if started >= warm_until {
                                mine.push(started.elapsed().as_secs_f64() * 1000.0);
                                if status >= 400 {
                                    errs += 1;
                                }
                            }
                        }
                        Err(_) => {
                            errs += 1;
                            conn = None;
                        }
                    }
                }
                latencies.lock().map(|mut l| l.extend(mine)).ok();
                errors.lock().map(|mut e| *e += errs).ok();
            })
        })
        .collect();
    // The server's CPU time over the measured seconds only (after the warm-up).
    std::thread::sleep(warm_until.saturating_duration_since(Instant::now()));
    let cpu_from = cpu_us(pid);
    std::thread::sleep(end.saturating_duration_since(Instant::now()));
    let cpu_to = cpu_us(pid);
    for t in threads {
        let _ = t.join();
    }
    let mut l = latencies.lock().map(|l| l.clone()).unwrap_or_default();
    l.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| -> f64 {
        if l.is_empty() {
            return f64::NAN;
        }
        l[((l.len() as f64 - 1.0) * p).round() as usize]
    };
    Stats {
        requests: l.len(),
        errors: errors.lock().map(|e| *e).unwrap_or(0),
        rps: l.len() as f64 / secs as f64,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        cpu_us: match (cpu_from, cpu_to) {
            (Some(a), Some(b)) if !l.is_empty() => (b - a) / l.len() as f64,
            _ => f64::NAN,
        },
    }
}

/// The peak resident memory of a process (VmHWM), in MB.
pub fn peak_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// One GET's body (for finding ids before a run).
pub fn get_body(port: u16, path: &str, token: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).ok()?;
    raw.split_once("\r\n\r\n").map(|(_, b)| b.to_owned())
}

/// Waits until something listens on the port; how long that took.
pub fn wait_for_port(port: u16, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    None
}
