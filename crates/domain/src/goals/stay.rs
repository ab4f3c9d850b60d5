//! Short institutional stays: the signals that a stay is heading past its exit (and, for
//! every placement, that its plan has stalled). Each signal
//! carries the day it started, so the caseload can put the oldest first and say "since …".

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The thresholds, as data (defaults from the goals issue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StayRules {
    /// An exit plan is expected this many days before the planned end.
    pub exit_plan_days: u32,
    /// No progress on any goal for this many days is a signal.
    pub no_progress_days: u32,
    /// Within the exit plan's days before the end, a goal without progress for this many
    /// days is a signal of its own: the stay ends soon and its goals are not moving.
    #[serde(default = "default_ending_quiet_days")]
    pub ending_quiet_days: u32,
    /// At this age in months the support after the 18th birthday is reviewed and decided
    /// (default 17 years and 6 months: half a year to prepare the move to adult life).
    #[serde(default = "default_adulthood_review_months")]
    pub adulthood_review_months: u32,
}

fn default_adulthood_review_months() -> u32 {
    super::adulthood::ADULTHOOD_REVIEW_MONTHS
}

fn default_ending_quiet_days() -> u32 {
    30
}

impl Default for StayRules {
    fn default() -> Self {
        Self {
            exit_plan_days: 30,
            no_progress_days: 60,
            ending_quiet_days: default_ending_quiet_days(),
            adulthood_review_months: default_adulthood_review_months(),
        }
    }
}

/// What the signals are worked out from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StayFacts {
    pub start: NaiveDate,
    /// The planned end of a short stay; `None` for a placement without one (only the
    /// progress and review signals apply).
    pub planned_end: Option<NaiveDate>,
    /// Whether an exit plan is recorded.
    pub has_exit_plan: bool,
    /// The last day progress was recorded on any of the placement's goals.
    pub last_progress: Option<NaiveDate>,
    /// For each active goal, the day it has been quiet since: its last progress, else the day
    /// it was set. One goal moving does not hide two that are flat; without active goals the
    /// placement's last progress counts.
    pub goals_quiet_from: Vec<NaiveDate>,
    /// The due date of the oldest plan review not yet held, if any.
    pub review_due: Option<NaiveDate>,
}

/// Why a stay needs attention, and since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "signal", rename_all = "snake_case")]
pub enum StaySignal {
    /// The planned end has passed: since the day after it.
    PastPlannedEnd { since: NaiveDate },
    /// The end is near and no exit plan is recorded: since the day the window opened.
    EndingWithoutExitPlan { since: NaiveDate },
    /// The end is near and a goal has not moved for the rule's days: since the later of the
    /// window opening and the day the goal became that quiet.
    EndingWithGoalsFlat { since: NaiveDate },
    /// No progress on some active goal for the rule's days: since the day that became true.
    NoProgress { since: NaiveDate },
    /// A plan review is overdue: since the day after it was due.
    ReviewOverdue { since: NaiveDate },
    /// The young person has reached the age at which support after 18 is decided, and no
    /// decision is recorded: since the day that age was reached.
    AdulthoodReviewDue { since: NaiveDate },
}

impl StaySignal {
    /// The codes of every kind of signal, in the order the type declares them.
    pub const CODES: &'static [&'static str] = &[
        "past_planned_end",
        "ending_without_exit_plan",
        "ending_with_goals_flat",
        "no_progress",
        "review_overdue",
        "adulthood_review_due",
    ];

    /// The signal's code, as the API writes it.
    pub fn code(self) -> &'static str {
        match self {
            StaySignal::PastPlannedEnd { .. } => Self::CODES[0],
            StaySignal::EndingWithoutExitPlan { .. } => Self::CODES[1],
            StaySignal::EndingWithGoalsFlat { .. } => Self::CODES[2],
            StaySignal::NoProgress { .. } => Self::CODES[3],
            StaySignal::ReviewOverdue { .. } => Self::CODES[4],
            StaySignal::AdulthoodReviewDue { .. } => Self::CODES[5],
        }
    }

    /// The day the signal started.
    pub fn since(self) -> NaiveDate {
        match self {
            StaySignal::PastPlannedEnd { since }
            | StaySignal::EndingWithoutExitPlan { since }
            | StaySignal::EndingWithGoalsFlat { since }
            | StaySignal::NoProgress { since }
            | StaySignal::ReviewOverdue { since }
            | StaySignal::AdulthoodReviewDue { since } => since,
        }
    }
}

/// Every signal that holds on `today`, oldest first.
pub fn stay_signals(facts: &StayFacts, rules: &StayRules, today: NaiveDate) -> Vec<StaySignal> {
    let mut out = Vec::new();
    // Each active goal counts from its last entry (or from when it was set); the flattest
    // decides. Without active goals: the last entry on any, or the start.
    let quiet_from = facts
        .goals_quiet_from
        .iter()
        .min()
        .copied()
        .unwrap_or_else(|| facts.last_progress.unwrap_or(facts.start))
        .max(facts.start);
    if let Some(planned_end) = facts.planned_end {
        // The window before the end opens the rule's days before it, but never before the
        // stay itself has started: a stay that has not begun is not yet heading anywhere.
        let opens = (planned_end - Days::new(u64::from(rules.exit_plan_days))).max(facts.start);
        if today > planned_end {
            out.push(StaySignal::PastPlannedEnd {
                since: planned_end + Days::new(1),
            });
        } else if today >= opens {
            if !facts.has_exit_plan {
                out.push(StaySignal::EndingWithoutExitPlan { since: opens });
            }
            let flat = quiet_from + Days::new(u64::from(rules.ending_quiet_days));
            if today >= flat {
                out.push(StaySignal::EndingWithGoalsFlat {
                    since: flat.max(opens),
                });
            }
        }
    }
    let quiet_since = quiet_from + Days::new(u64::from(rules.no_progress_days));
    if today >= quiet_since {
        out.push(StaySignal::NoProgress { since: quiet_since });
    }
    if let Some(due) = facts.review_due
        && today > due
    {
        out.push(StaySignal::ReviewOverdue {
            since: due + Days::new(1),
        });
    }
    out.sort_by_key(|s| (s.since(), *s));
    out
}
