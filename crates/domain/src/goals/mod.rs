//! The child's plan (§ 91-92) and short institutional stays: goal areas, measures and their
//! progress, and the signals that tell a case adviser a stay is drifting. Pure rules; the
//! goals issue stores and shows them.

pub mod adulthood;
mod clock;
mod exit_plan;
mod measure;
mod review;
mod stay;
#[cfg(test)]
mod tests;

pub use adulthood::{
    adulthood_review_on, adulthood_review_window, adulthood_signal, eighteenth_birthday,
};
pub use clock::{StayClock, stay_clock};
pub use exit_plan::{ExitPlan, check_exit_plan, check_move_day_set};
pub use measure::{Measure, ProgressValue};
pub use review::{GoalOutcome, ReviewDecision};
pub use stay::{StayFacts, StayRules, StaySignal, stay_signals};

crate::macros::vocabulary!(
    /// The goal areas of Barnets Lov § 2(2).
    GoalArea, "goal area" {
        PersonalDevelopment = "personal_development",
        HealthAndWellBeing = "health_and_well_being",
        SchoolAndEducation = "school_and_education",
        IndependentAdultLife = "independent_adult_life",
        ContinuityAndRelationships = "continuity_and_relationships",
    }
);

crate::macros::vocabulary!(
    /// Where a goal stands. Only an active goal takes progress; the others are closed.
    GoalStatus, "goal status" {
        Active = "active",
        Achieved = "achieved",
        NotAchieved = "not_achieved",
        /// Replaced by a new version; the old one is kept as history.
        Revised = "revised",
        Dropped = "dropped",
    }
);

/// An active goal is closed (achieved, not achieved, dropped) or revised, once; nothing
/// reopens it (a revision is a new goal).
impl crate::LifeCycle for GoalStatus {
    fn may_become(self, to: Self) -> bool {
        self == GoalStatus::Active && to != GoalStatus::Active
    }
}

impl GoalStatus {
    /// Whether the goal is closed (counts in "goals achieved, % of closed goals").
    pub fn is_closed(self) -> bool {
        !matches!(self, GoalStatus::Active | GoalStatus::Revised)
    }
}
