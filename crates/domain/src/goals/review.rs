//! Plan reviews (§ 95): what a review decides for the plan and for each goal.

use super::GoalStatus;

crate::macros::vocabulary!(
    /// What a plan review decided for the placement.
    ReviewDecision, "review decision" {
        /// The plan stands.
        Continue = "continue",
        /// One or more goals change.
        AdjustGoals = "adjust_goals",
        /// How a goal is measured changes.
        ChangeMeasure = "change_measure",
        /// The placement is to end (ended with its own date and reason).
        EndPlacement = "end_placement",
    }
);

crate::macros::vocabulary!(
    /// What a plan review decided for one goal.
    GoalOutcome, "goal outcome" {
        /// Unchanged, still active.
        Keep = "keep",
        /// To be revised (a new version follows; the goal stays active until then).
        Adjust = "adjust",
        Achieved = "achieved",
        Drop = "drop",
    }
);

impl GoalOutcome {
    /// The status a goal takes from the review: closed for achieved and dropped, unchanged
    /// otherwise.
    pub fn closes_as(self) -> Option<GoalStatus> {
        match self {
            GoalOutcome::Keep | GoalOutcome::Adjust => None,
            GoalOutcome::Achieved => Some(GoalStatus::Achieved),
            GoalOutcome::Drop => Some(GoalStatus::Dropped),
        }
    }
}
