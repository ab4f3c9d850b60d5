//! Logging. Log lines carry ids, codes, routes and timings, never names, CPR numbers or case
//! text: request logs use the matched route (`/api/v1/children/{id}`), not the raw URL.

use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// For people reading a terminal.
    Pretty,
    /// JSON lines, for log shipping.
    Json,
}

/// Installs the global subscriber with `filter` (a tracing filter; an invalid one falls back to
/// the default), pretty for people or JSON for log shipping.
pub fn init(format: LogFormat, filter: &str) {
    let filter = EnvFilter::try_new(filter)
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = format == LogFormat::Json;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
