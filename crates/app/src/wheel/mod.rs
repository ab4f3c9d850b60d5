//! The annual wheel's use cases: planning every placement's year of visits and plan reviews,
//! the consultant's week, a placement's year, the team's year, recording, moving and
//! cancelling visits, people's capacity and days off, the calendar feeds, and what was
//! escalated to a leader.
//!
//! The rules and the planner are pure and live in `kith_domain::wheel`; this module loads
//! what they need, applies their answer in one transaction under the planner lock, and
//! checks who may see and do what.

pub mod agreements;
pub mod availability;
pub mod calendar;
pub mod covering;
pub mod escalated;
pub mod plan;
pub mod team;
pub mod views;
pub mod visits;
pub mod week;
pub mod year;

use kith_domain::PlacementId;

pub use plan::{PlanSummary, plan_placements};

/// A short code for a placement that carries no personal data (for calendars and e-mails).
pub fn placement_code(id: PlacementId) -> String {
    format!("P-{:05}", id.0)
}
