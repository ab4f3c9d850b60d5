//! The rules in force, as the use cases read them: the stored rule sets, or the domain's
//! defaults. Apart from editing them (`super`), which re-plans the wheel, so the planner
//! reads its rules without the rules reading the planner back.

use kith_domain::matching::MatchRules;
use kith_domain::wheel::WheelRules;
use kith_store::ConnectionTrait;

use crate::{App, AppError, Result};

/// The key of the matching rules.
pub const MATCHING: &str = "matching";
/// The key of the annual wheel's rules (visits, reviews, closing days, reminders).
pub const WHEEL: &str = "wheel";

/// The matching rules in force.
pub async fn matching(app: &App) -> Result<MatchRules> {
    match kith_store::rules::get(app.db().conn(), MATCHING).await? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| AppError::internal(format!("stored matching rules: {e}"))),
        None => Ok(MatchRules::default()),
    }
}

/// The annual wheel's rules in force.
pub async fn wheel(app: &App) -> Result<WheelRules> {
    wheel_in(app.db().conn()).await
}

/// The annual wheel's rules in force, read on a given connection (inside a transaction).
pub async fn wheel_in<C: ConnectionTrait>(conn: &C) -> Result<WheelRules> {
    match kith_store::rules::get(conn, WHEEL).await? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| AppError::internal(format!("stored wheel rules: {e}"))),
        None => Ok(WheelRules::default()),
    }
}
