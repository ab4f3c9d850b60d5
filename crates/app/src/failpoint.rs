//! Named points where a fault test stops the process in the middle of its work, so a kill
//! lands there by construction and not by timing: with `KITH_FAILPOINT=<name>` in its
//! environment, a process that reaches the point prints `failpoint <name> reached` and waits
//! for ever (to be killed). Without the variable, a point costs one comparison.

use std::io::Write;
use std::sync::OnceLock;

/// The wheel's changes are written and not yet committed (`wheel::plan::plan_in`).
pub const WHEEL_WRITTEN: &str = "wheel_written";

/// Stops here for ever when the environment names this point.
pub(crate) fn pause_if(name: &str) {
    static CHOSEN: OnceLock<Option<String>> = OnceLock::new();
    let chosen = CHOSEN.get_or_init(|| std::env::var("KITH_FAILPOINT").ok());
    if chosen.as_deref() != Some(name) {
        return;
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "failpoint {name} reached");
    let _ = out.flush();
    loop {
        std::thread::park();
    }
}
