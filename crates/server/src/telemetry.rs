//! Logging. Log lines carry ids, codes, routes and timings, never names, CPR numbers or case
//! text: request logs use the matched route (`/api/v1/children/{id}`), not the raw URL.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber: pretty for people, JSON for log shipping (`KITH_LOG_FORMAT=json`).
pub fn init() {
    let filter = EnvFilter::try_from_env("KITH_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("KITH_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
