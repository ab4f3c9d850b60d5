//! The annual wheel: every placement's year of follow-up visits and plan reviews, planned so
//! that nobody has to remember a date.
//!
//! - [`holidays`]: which days are working days in a Danish municipality.
//! - [`rules`]: how often each kind of visit happens, the windows, the review rhythm.
//! - [`planner`]: turns placements, rules, capacity and what is already planned or held into
//!   the changes that bring the plan up to date (pure and deterministic).
//! - [`status`]: whether a visit is overdue, due or upcoming on a day, and why it is overdue.

pub mod conversation;
pub mod holidays;
pub mod planner;
pub mod rules;
pub mod status;

#[cfg(test)]
mod after_care_tests;
#[cfg(test)]
mod first_weeks_tests;
#[cfg(test)]
mod tests;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

pub use conversation::{Conversation, check_conversation};
pub use holidays::{MonthDay, WorkCalendar, easter_sunday, public_holidays};
pub use planner::{
    AfterCare, Area, ExistingVisit, NewVisit, PlacementToPlan, PlanChange, PlanInput,
    StaffAvailability, VisitUpdate, plan,
};
pub use rules::{FirstWeeksRule, ReviewRule, VisitRule, WheelRules};
pub use status::{DueState, OverdueReason, days_overdue, due_state, overdue_reason};

crate::macros::vocabulary!(
    /// What kind of follow-up an item of the wheel is.
    VisitKind, "visit kind" {
        /// Statutory supervision visit ("tilsynsbesøg"), with a talk with the child.
        Supervision = "supervision",
        /// The foster-care consultant's support visit to a family.
        Support = "support",
        /// Follow-up meeting with an institution on the stay's goals and exit.
        InstitutionFollowUp = "institution_follow_up",
        /// Review of the child's plan (§ 95), held by the case adviser.
        PlanReview = "plan_review",
        /// A contact in a placement's first weeks, closer than the year's rhythm, when
        /// breakdowns cluster ("opstartskontakt").
        StartContact = "start_contact",
        /// The case adviser's review of a young person's support after 18, planned at the
        /// review age and done when the decision is recorded on the placement.
        AfterCareReview = "after_care_review",
    }
);

impl VisitKind {
    /// Whether the kind is a visit a consultant's weekly capacity counts (reviews are not).
    pub fn uses_capacity(self) -> bool {
        !self.is_review()
    }

    /// Whether it is a review the case adviser holds and records elsewhere (the plan review
    /// as a review, support after 18 as the placement's decision), not a visit to record.
    pub fn is_review(self) -> bool {
        matches!(self, VisitKind::PlanReview | VisitKind::AfterCareReview)
    }

    /// Whether passed items with nothing held are caught up with one overdue item. A
    /// first-weeks contact is not: the next contact of the pattern is the catch-up, and a
    /// pattern that has passed is over.
    pub fn catches_up(self) -> bool {
        !matches!(self, VisitKind::StartContact)
    }

    /// Whether it is statutory work that is escalated to the team leader when late.
    pub fn escalates(self) -> bool {
        matches!(self, VisitKind::Supervision | VisitKind::PlanReview)
    }
}

crate::macros::vocabulary!(
    /// Where a wheel item is in its life.
    VisitStatus, "visit status" {
        Planned = "planned",
        Held = "held",
        Cancelled = "cancelled",
    }
);

/// A planned visit is held or cancelled, once; a held or cancelled one stays so (moving a
/// visit changes its day, not its state).
impl crate::LifeCycle for VisitStatus {
    fn may_become(self, to: Self) -> bool {
        self == VisitStatus::Planned && to != VisitStatus::Planned
    }
}

crate::macros::vocabulary!(
    /// Who holds a kind of visit.
    HeldBy, "held by" {
        /// The placement's consultant; the case adviser when there is none.
        Consultant = "consultant",
        Adviser = "adviser",
    }
);

crate::macros::vocabulary!(
    /// Why the planner could not plan a visit as the rules ask.
    PlanFlag, "plan flag" {
        /// Every week of the visit's window is full for its consultant.
        OverCapacity = "over_capacity",
        /// There is no working day in the window the consultant is not off.
        NoWorkingDay = "no_working_day",
        /// Moved by hand outside its window.
        OutsideWindow = "outside_window",
    }
);

crate::macros::vocabulary!(
    /// Why a wheel item was cancelled.
    CancelReason, "cancel reason" {
        /// The placement ended before the visit.
        PlacementEnded = "placement_ended",
        /// The rules or the plan no longer ask for it.
        NoLongerNeeded = "no_longer_needed",
        /// A person cancelled it, with a reason in words.
        ByUser = "by_user",
        /// What it was to settle has been decided (support after 18, on the placement).
        Decided = "decided",
    }
);

/// When an item is due and the days it may be held on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Window {
    pub due_on: NaiveDate,
    /// The first day it may be held.
    pub opens_on: NaiveDate,
    /// The last day it may be held; overdue from the day after.
    pub closes_on: NaiveDate,
}

impl Window {
    /// A window of `days` either side of `due`.
    pub fn around(due: NaiveDate, days: u64) -> Self {
        Self {
            due_on: due,
            opens_on: due - Days::new(days),
            closes_on: due + Days::new(days),
        }
    }

    /// Whether `date` lies in the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.opens_on <= date && date <= self.closes_on
    }
}
