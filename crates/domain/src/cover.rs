//! Cover when someone is away: a consultant or case adviser names a colleague as their
//! stand-in ("stedfortræder") for a period, or their team leader does. While the period runs,
//! the stand-in reaches what the absent person follows up and finds the absent person's items
//! that fall in the period on their own week and in their digest. The items stay the absent
//! person's (nothing to hand back); whoever holds one is recorded as its holder.
//!
//! Which item is the stand-in's to carry: one planned on a day of the period; one whose
//! deadline falls in the period and that is planned no earlier than the period's first day
//! (the absent person will not reach it before leaving: the planner kept it off their days
//! off, past its window); and, while the period runs, every one already overdue. An item
//! planned before the period is the absent person's to hold before they leave.

use chrono::NaiveDate;

use crate::{Message, Role};

/// The longest period one cover may name (a year and a day): longer absences are a hand-over
/// of the cases, not a cover.
pub const MAX_COVER_DAYS: i64 = 366;

/// A cover's days, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CoverPeriod {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

impl CoverPeriod {
    /// Whether `day` is one of the period's days.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first_day <= day && day <= self.last_day
    }

    /// Whether the period runs on `today`: only then does the stand-in reach the cases.
    pub fn in_force(&self, today: NaiveDate) -> bool {
        self.contains(today)
    }

    /// Whether two periods share a day.
    pub fn overlaps(&self, other: &CoverPeriod) -> bool {
        self.first_day <= other.last_day && other.first_day <= self.last_day
    }
}

/// One open (planned, not held) item of the absent person, as cover sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenItem {
    pub planned_on: NaiveDate,
    /// The last day of its window; overdue from the day after.
    pub closes_on: NaiveDate,
}

/// The day by which the stand-in should hold `item` during `period`, or `None` when the item
/// is not theirs to carry: its planned day when that is in the period; its deadline when the
/// deadline is in the period and it is planned no earlier than the first day; today when the
/// period runs and the item is already overdue.
pub fn cover_day(item: OpenItem, period: CoverPeriod, today: NaiveDate) -> Option<NaiveDate> {
    if today > period.last_day {
        return None;
    }
    if item.closes_on < today {
        return period.in_force(today).then_some(today);
    }
    if period.contains(item.planned_on) {
        return Some(item.planned_on.max(today));
    }
    (period.contains(item.closes_on) && item.planned_on >= period.first_day)
        .then_some(item.closes_on.max(today))
}

/// Whether `stand_in` may carry `absent`'s work: for each kind of case work the absent person
/// has (consultant, case adviser), the stand-in does that work too or leads a team (a leader
/// stands in for everybody in their units already).
pub fn may_stand_in(absent: &[Role], stand_in: &[Role]) -> bool {
    let case_work = [Role::Consultant, Role::Adviser];
    stand_in.contains(&Role::Leader)
        || case_work
            .iter()
            .filter(|r| absent.contains(r))
            .all(|r| stand_in.contains(r))
}

/// What is asked of a new cover.
#[derive(Debug, Clone, Copy)]
pub struct CoverRequest<'a> {
    pub period: CoverPeriod,
    pub absent_roles: &'a [Role],
    /// Whether the named stand-in is the absent person.
    pub stand_in_is_self: bool,
    pub stand_in_roles: &'a [Role],
    /// Whether the stand-in is a member of one of the absent person's units.
    pub shares_a_unit: bool,
    /// The absent person's other covers from today on.
    pub others: &'a [CoverPeriod],
    /// The stand-in's own absences (covers for them) from today on.
    pub stand_in_away: &'a [CoverPeriod],
}

/// The problems with a new cover, each with the field it concerns: a period that ends before
/// it begins, lies in the past or is longer than [`MAX_COVER_DAYS`]; a stand-in who is the
/// absent person, is not in their team, does not do their kind of work or is away in the
/// period themselves; a period that overlaps another cover of the same person (one stand-in at
/// a time, so nobody is unsure whose the week is), naming the other period.
pub fn check_cover(r: CoverRequest<'_>, today: NaiveDate) -> Vec<(&'static str, Message)> {
    let mut out = Vec::new();
    let p = r.period;
    if p.first_day < today {
        out.push(("first_day", Message::new("problem.in_past")));
    }
    if p.last_day < p.first_day {
        out.push(("last_day", Message::new("problem.cover_ends_before")));
    } else if (p.last_day - p.first_day).num_days() + 1 > MAX_COVER_DAYS {
        out.push((
            "last_day",
            Message::new("problem.cover_too_long").int("days", MAX_COVER_DAYS),
        ));
    } else if let Some(o) = r.others.iter().find(|o| o.overlaps(&p)) {
        out.push((
            "first_day",
            Message::new("problem.cover_overlaps")
                .date("first", o.first_day)
                .date("last", o.last_day),
        ));
    }
    if !r.absent_roles.contains(&Role::Consultant) && !r.absent_roles.contains(&Role::Adviser) {
        out.push(("stand_in_id", Message::new("problem.cover_no_case_work")));
    } else if r.stand_in_is_self {
        out.push(("stand_in_id", Message::new("problem.cover_self")));
    } else if !r.shares_a_unit {
        out.push(("stand_in_id", Message::new("problem.cover_not_colleague")));
    } else if !may_stand_in(r.absent_roles, r.stand_in_roles) {
        out.push(("stand_in_id", Message::new("problem.cover_other_work")));
    } else if let Some(o) = r.stand_in_away.iter().find(|o| o.overlaps(&p)) {
        out.push((
            "stand_in_id",
            Message::new("problem.cover_stand_in_away")
                .date("first", o.first_day)
                .date("last", o.last_day),
        ));
    }
    out
}

#[cfg(test)]
#[path = "cover_tests.rs"]
mod tests;
