//! Captures every log line the test process writes, so a test can check that no CPR number or
//! name ever reaches the logs.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

static BUFFER: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();

fn buffer() -> &'static Mutex<Vec<u8>> {
    BUFFER.get_or_init(|| Mutex::new(Vec::new()))
}

struct Capture;

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let line = String::from_utf8_lossy(buf);
        if crate::fixtures::full_cpr_in(&line).is_some() {
            leak()
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get_or_insert_with(|| line.into_owned());
        }
        buffer()
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the capturing subscriber at debug level (once per process).
pub fn install() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("debug,hyper=info,h2=info,reqwest=info,tower=info,rustls=info,fantoccini=info,sqlx=info")
            .with_writer(|| Capture)
            .with_ansi(false)
            .json()
            .try_init();
    });
}

/// The first log line of the suite that held a full CPR number, if one did.
pub fn cpr_leak() -> Option<String> {
    leak().lock().unwrap_or_else(|p| p.into_inner()).clone()
}

fn leak() -> &'static Mutex<Option<String>> {
    static LEAK: OnceLock<Mutex<Option<String>>> = OnceLock::new();
    LEAK.get_or_init(|| Mutex::new(None))
}

/// Everything logged so far.
pub fn captured() -> String {
    String::from_utf8_lossy(&buffer().lock().unwrap_or_else(|p| p.into_inner())).into_owned()
}
