//! Where a planned item stands on a given day, and why an overdue one is overdue: what a
//! consultant sees when they open their week.

use chrono::NaiveDate;
use serde::Serialize;

use super::{PlanFlag, Window};

/// Where a planned item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// Its window closed before today and it was not held.
    Overdue,
    /// Planned for, or its window closing, by the end of the period looked at.
    Due,
    /// Later.
    Upcoming,
}

impl DueState {
    /// The state's code, as the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DueState::Overdue => "overdue",
            DueState::Due => "due",
            DueState::Upcoming => "upcoming",
        }
    }
}

impl std::fmt::Display for DueState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an item planned on `planned_on` in `window` stands on `today`, looking ahead to
/// `due_until` (the end of the week shown, or the digest's horizon).
pub fn due_state(
    window: &Window,
    planned_on: NaiveDate,
    today: NaiveDate,
    due_until: NaiveDate,
) -> DueState {
    if window.closes_on < today {
        DueState::Overdue
    } else if planned_on <= due_until || window.closes_on <= due_until {
        DueState::Due
    } else {
        DueState::Upcoming
    }
}

/// Days an item is overdue on `today` (0 when it is not).
pub fn days_overdue(window: &Window, today: NaiveDate) -> i64 {
    (today - window.closes_on).num_days().max(0)
}

/// Why an overdue item is overdue, so the consultant knows what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum OverdueReason {
    /// It was planned inside its window but has not been recorded as held.
    NotRecorded { planned_on: NaiveDate },
    /// It was moved by hand to a day after its window.
    MovedPastWindow { planned_on: NaiveDate },
    /// Its window had passed before it could be planned (a late start, a consultant change,
    /// or the visit before it recorded late); planned to catch up on this day.
    CatchUp { planned_on: NaiveDate },
    /// Every week of its window was full for the consultant, so it was put in a full week.
    OverCapacity { planned_on: NaiveDate },
    /// Its window held no working day the assignee was not off.
    NoWorkingDay { planned_on: NaiveDate },
}

/// Why an item is overdue; `None` if it is not overdue on `today`.
pub fn overdue_reason(
    window: &Window,
    planned_on: NaiveDate,
    pinned: bool,
    flag: Option<PlanFlag>,
    today: NaiveDate,
) -> Option<OverdueReason> {
    if window.closes_on >= today {
        return None;
    }
    Some(if pinned && planned_on > window.closes_on {
        OverdueReason::MovedPastWindow { planned_on }
    } else if flag == Some(PlanFlag::NoWorkingDay) {
        OverdueReason::NoWorkingDay { planned_on }
    } else if planned_on > window.closes_on {
        OverdueReason::CatchUp { planned_on }
    } else if flag == Some(PlanFlag::OverCapacity) {
        OverdueReason::OverCapacity { planned_on }
    } else {
        OverdueReason::NotRecorded { planned_on }
    })
}
