//! The planner: from placements, rules, holidays, capacity and what is already planned or
//! held, the changes that bring every placement's annual wheel up to date.
//!
//! How a placement's items of one kind are found ("slots"):
//!
//! - visits are spread evenly, one every `365 / per_year` days. The chain counts from the last
//!   visit actually held; without one, from an overdue visit still waiting to be held; without
//!   that, from the start: the first within `first_within_days` if the rule says so, else in
//!   the middle of the first interval. Each slot has a window of ± `window_days` (a first
//!   visit's window runs from the start to its deadline).
//! - plan reviews fall `first_after_months` after the start, then every `rhythm_months` (the
//!   placement's own rhythm if it has one), counted from the last review held; the window runs
//!   from `window_days` before the due date to the due date.
//! - slots are planned until the horizon (`horizon_months` ahead), or until a stay's planned
//!   end, before which one exit review is planned if no review falls in its window. If slots
//!   have passed with nothing held and nothing waiting, one catch-up item is planned for the
//!   earliest: overdue, spread over the coming two weeks.
//!
//! How the day is chosen: a working day in the window, nearest the due date (the earlier on a
//! tie), not on the assignee's day off, on a day with room under the daily capacity and in a
//! week with room under the assignee's weekly capacity. Items are placed most overdue first,
//! statutory before support on the same due date. When no day in the window has room the
//! least loaded working day is used (so an overflow is spread, not stacked on today) and the
//! item is flagged [`PlanFlag::OverCapacity`] for the leader; with no working day at all, the
//! next working day after the window, flagged [`PlanFlag::NoWorkingDay`].
//!
//! Visits in the same area on the same day: when an item's window has a day with room on
//! which its assignee already visits another placement in the same [`Area`] (postal code), that day
//! is taken instead of the one nearest the due date, so one drive serves two children. It never
//! costs a deadline: only days inside the window are looked at, and a catch-up (already past
//! its deadline) is never held back for it.
//!
//! Stability: an item already planned that still fits (in its slot's window, on a working day
//! the assignee is not off, with the right assignee, within capacity) is never moved. Items in
//! the past, and items moved by hand ("pinned"), are never moved. Re-planning an unchanged
//! plan changes nothing. Ended placements have their items after the end cancelled.

mod area;
mod days;

pub use area::Area;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, Days, IsoWeek, Months, NaiveDate};

use super::{CancelReason, HeldBy, PlanFlag, VisitKind, WheelRules, Window, WorkCalendar};
use crate::{PlacementId, PlacementKind, UserId, VisitId};

/// How far past the window the planner looks for a working day before giving up.
const LOOK_PAST_WINDOW_DAYS: u64 = 60;
/// A catch-up item is planned within this many days from today.
const CATCH_UP_DAYS: u64 = 14;
/// A guard against a runaway chain (a year has at most 52 visits of a kind).
const MAX_SLOTS: usize = 200;

/// What the planner needs to know about a placement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementToPlan {
    pub id: PlacementId,
    pub kind: PlacementKind,
    pub start: NaiveDate,
    /// The end date, once the placement has ended.
    pub ended_on: Option<NaiveDate>,
    /// The planned end of a stay (an institutional placement's): nothing is planned after it
    /// but an exit review before it. Once the day has passed and the child is still there (an
    /// overstay) the wheel plans as for any running placement, so supervision goes on.
    pub planned_end: Option<NaiveDate>,
    pub consultant: Option<UserId>,
    pub adviser: UserId,
    /// The placement's own review rhythm, set at a review; else the rules' rhythm.
    pub review_rhythm_months: Option<i32>,
    /// The date the last item of each kind was held.
    pub last_held: Vec<(VisitKind, NaiveDate)>,
    /// The child's age in whole years on the first day, for the first weeks of a teenager.
    pub age_at_start: Option<i32>,
    /// Where the young person is with support after 18.
    pub after_care: AfterCare,
}

/// Where a placement's young person is with the decision on support after 18.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AfterCare {
    /// Nothing to plan: too young for the horizon to matter, 18 already, or the birth date
    /// unknown. An open review is cancelled as no longer needed.
    #[default]
    NotDue,
    /// The review is planned in this window (see `goals::adulthood_review_window`).
    Due(Window),
    /// The decision is recorded: an open review is cancelled as decided.
    Decided,
}

/// A planned (not held, not cancelled) item already in the wheel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingVisit {
    pub id: VisitId,
    pub placement: PlacementId,
    pub kind: VisitKind,
    pub window: Window,
    pub planned_on: NaiveDate,
    pub assignee: UserId,
    /// Moved by hand: the planner keeps its day.
    pub pinned: bool,
    pub flag: Option<PlanFlag>,
}

impl ExistingVisit {
    /// The item a [`NewVisit`] becomes once it is stored under `id` (not pinned): how tests
    /// and benchmarks replay a plan without a database.
    pub fn stored(id: VisitId, n: &NewVisit) -> Self {
        Self {
            id,
            placement: n.placement,
            kind: n.kind,
            window: n.window,
            planned_on: n.planned_on,
            assignee: n.assignee,
            pinned: false,
            flag: n.flag,
        }
    }
}

/// A person's room for visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAvailability {
    pub user: UserId,
    /// Most visits a week; `None` means the rules' default.
    pub weekly_capacity: Option<i32>,
    pub days_off: BTreeSet<NaiveDate>,
}

/// Everything the planner looks at.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    pub today: NaiveDate,
    pub rules: &'a WheelRules,
    pub calendar: &'a WorkCalendar,
    /// The placements to plan.
    pub placements: &'a [PlacementToPlan],
    /// The planned items of those placements, and of any other placement whose items share
    /// an assignee with them (those only count against capacity and are never changed).
    pub open_visits: &'a [ExistingVisit],
    pub staff: &'a [StaffAvailability],
    /// Where each placement is (of those planned and of every open item's), for visiting one
    /// area on one day. A placement without an area is planned by its due date alone.
    pub areas: &'a HashMap<PlacementId, Area>,
}

/// An item to add to the wheel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVisit {
    pub placement: PlacementId,
    pub kind: VisitKind,
    pub window: Window,
    pub planned_on: NaiveDate,
    pub assignee: UserId,
    pub flag: Option<PlanFlag>,
}

/// A planned item whose slot, day, assignee or flag changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitUpdate {
    pub id: VisitId,
    pub window: Window,
    pub planned_on: NaiveDate,
    pub assignee: UserId,
    pub flag: Option<PlanFlag>,
}

/// One change to the wheel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanChange {
    Create(NewVisit),
    Update(VisitUpdate),
    Cancel { id: VisitId, reason: CancelReason },
}

/// Plans every given placement; returns the changes, in a deterministic order.
pub fn plan(input: PlanInput<'_>) -> Vec<PlanChange> {
    Planner::new(input).run()
}

/// Where an item will be: its slot and who holds it.
#[derive(Debug, Clone, Copy)]
struct Job<'a> {
    placement: PlacementId,
    kind: VisitKind,
    slot: Window,
    assignee: UserId,
    existing: Option<&'a ExistingVisit>,
    /// The last day of a stay that has not yet reached its planned end.
    last_day: Option<NaiveDate>,
}

struct Planner<'a> {
    input: PlanInput<'a>,
    horizon_end: NaiveDate,
    staff: HashMap<UserId, &'a StaffAvailability>,
    load: HashMap<(UserId, IsoWeek), i32>,
    day_load: HashMap<(UserId, NaiveDate), i32>,
    /// The areas (and placements) a person visits on a day.
    day_areas: HashMap<(UserId, NaiveDate), BTreeSet<(Area, PlacementId)>>,
    changes: Vec<PlanChange>,
}

impl<'a> Planner<'a> {
    fn new(input: PlanInput<'a>) -> Self {
        let months = u32::try_from(input.rules.horizon_months.max(1)).unwrap_or(12);
        let horizon_end = input
            .today
            .checked_add_months(Months::new(months))
            .unwrap_or(input.today);
        Self {
            input,
            horizon_end,
            staff: input.staff.iter().map(|s| (s.user, s)).collect(),
            load: HashMap::new(),
            day_load: HashMap::new(),
            day_areas: HashMap::new(),
            changes: Vec::new(),
        }
    }

    fn run(mut self) -> Vec<PlanChange> {
        let today = self.input.today;
        let mut placements: Vec<&PlacementToPlan> = self.input.placements.iter().collect();
        placements.sort_by_key(|p| p.id);
        placements.dedup_by_key(|p| p.id);
        let planned: HashSet<PlacementId> = placements.iter().map(|p| p.id).collect();

        let mut by_kind: BTreeMap<(PlacementId, VisitKind), Vec<&'a ExistingVisit>> =
            BTreeMap::new();
        let mut seen = HashSet::new();
        for v in self.input.open_visits {
            if !seen.insert(v.id) {
                continue;
            }
            if planned.contains(&v.placement) {
                by_kind.entry((v.placement, v.kind)).or_default().push(v);
            } else {
                self.add_load(v.kind, v.placement, v.assignee, v.planned_on);
            }
        }
        for list in by_kind.values_mut() {
            list.sort_by_key(|v| (v.window.due_on, v.id));
        }

        let mut keep: Vec<Job<'a>> = Vec::new();
        let mut place: Vec<Job<'a>> = Vec::new();
        for p in placements {
            for kind in VisitKind::ALL {
                let open = by_kind.remove(&(p.id, *kind)).unwrap_or_default();
                self.plan_kind(p, *kind, open, today, &mut keep, &mut place);
            }
        }

        // Items that fit apart from capacity: admit them week by week, the unflagged first, so
        // that an item flagged earlier never pushes out one that fitted.
        keep.sort_by_key(|j| {
            let v = j.existing.expect("kept jobs are existing");
            (v.flag.is_some(), v.planned_on, j.placement, j.kind, v.id)
        });
        let mut flagged = Vec::new();
        for job in keep {
            let v = job.existing.expect("kept jobs are existing");
            if !job.kind.uses_capacity() {
                self.keep(job, None);
            } else if v.flag == Some(PlanFlag::OverCapacity) {
                flagged.push(job);
            } else if self.has_room(job.assignee, v.planned_on) {
                self.add_load(job.kind, job.placement, job.assignee, v.planned_on);
                self.keep(job, None);
            } else {
                place.push(job);
            }
        }
        for job in flagged {
            let v = job.existing.expect("kept jobs are existing");
            if self.room_in_window(&job) {
                place.push(job);
            } else {
                self.add_load(job.kind, job.placement, job.assignee, v.planned_on);
                self.keep(job, Some(PlanFlag::OverCapacity));
            }
        }

        // Most overdue first; on the same day statutory work before support.
        place.sort_by_key(|j| {
            (
                j.slot.due_on,
                !j.kind.escalates(),
                j.placement,
                j.kind,
                j.existing.map_or(i64::MAX, |v| v.id.0),
            )
        });
        for job in place {
            self.place(job);
        }
        self.changes
    }

    /// Pairs the open items of one kind with the slots the rules ask for.
    fn plan_kind(
        &mut self,
        p: &PlacementToPlan,
        kind: VisitKind,
        open: Vec<&'a ExistingVisit>,
        today: NaiveDate,
        keep: &mut Vec<Job<'a>>,
        place: &mut Vec<Job<'a>>,
    ) {
        if let Some(end) = p.ended_on {
            for v in open {
                if v.planned_on > end {
                    self.cancel(v.id, CancelReason::PlacementEnded);
                } else {
                    self.add_load(v.kind, v.placement, v.assignee, v.planned_on);
                }
            }
            return;
        }
        if kind == VisitKind::AfterCareReview && p.after_care == AfterCare::Decided {
            for v in open {
                self.cancel(v.id, CancelReason::Decided);
            }
            return;
        }
        let Some(assignee) = self.assignee(p, kind) else {
            // No rule for this kind of visit in this kind of placement.
            for v in open {
                if v.planned_on >= today {
                    self.cancel(v.id, CancelReason::NoLongerNeeded);
                } else {
                    self.add_load(v.kind, v.placement, v.assignee, v.planned_on);
                }
            }
            return;
        };

        let last_day = p.planned_end.filter(|e| *e >= today);
        let (past, future): (Vec<_>, Vec<_>) = open
            .into_iter()
            .partition(|v| v.planned_on < today || v.window.closes_on < today);
        let last_held = p
            .last_held
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .max();
        // Items whose day or window has passed wait to be held; the chain counts on from
        // them. Items dated in the past stay on their day; overdue work moves to whoever now
        // holds the placement's visits. Catch-up items (window passed, day still ahead) may
        // move like any other.
        let mut waiting_due: Option<NaiveDate> = None;
        for v in past {
            if last_held.is_none_or(|h| v.window.due_on > h) {
                waiting_due = waiting_due.max(Some(v.window.due_on));
            }
            let job = Job {
                placement: p.id,
                kind,
                slot: v.window,
                assignee,
                existing: Some(v),
                last_day,
            };
            if v.planned_on >= today && !v.pinned {
                if self.fits_apart_from_capacity(&job, v.planned_on) {
                    keep.push(job);
                } else {
                    place.push(job);
                }
            } else {
                self.add_load(kind, v.placement, assignee, v.planned_on);
                self.keep(job, v.flag);
            }
        }

        let anchor = match (last_held, waiting_due) {
            (_, Some(w)) => Some(w),
            (h, None) => h,
        };
        let slots = self.slots(p, kind, anchor);
        let (past_slots, future_slots): (Vec<Window>, Vec<Window>) =
            slots.into_iter().partition(|s| s.closes_on < today);
        if waiting_due.is_none()
            && kind.catches_up()
            && let Some(first) = past_slots.first()
        {
            place.push(Job {
                placement: p.id,
                kind,
                slot: *first,
                assignee,
                existing: None,
                last_day,
            });
        }

        let (pairs, surplus) = pair(&future_slots, future);
        for (slot, existing) in pairs {
            let job = Job {
                placement: p.id,
                kind,
                slot,
                assignee,
                existing,
                last_day,
            };
            match existing {
                None => place.push(job),
                Some(v) if v.pinned => {
                    let flag = (!slot.contains(v.planned_on)).then_some(PlanFlag::OutsideWindow);
                    self.add_load(kind, v.placement, assignee, v.planned_on);
                    self.keep(job, flag);
                }
                Some(v) if self.fits_apart_from_capacity(&job, v.planned_on) => keep.push(job),
                Some(_) => place.push(job),
            }
        }
        for v in surplus {
            self.cancel(v.id, CancelReason::NoLongerNeeded);
        }
    }

    /// Who holds this kind of item in this placement; `None` when no rule asks for it.
    fn assignee(&self, p: &PlacementToPlan, kind: VisitKind) -> Option<UserId> {
        let held_by = match kind {
            VisitKind::PlanReview => return Some(p.adviser),
            VisitKind::AfterCareReview => {
                return matches!(p.after_care, AfterCare::Due(_)).then_some(p.adviser);
            }
            VisitKind::StartContact => {
                self.input.rules.first_weeks_rule(p.kind, p.age_at_start)?;
                HeldBy::Consultant
            }
            _ => self.input.rules.visit_rule(kind, p.kind)?.held_by,
        };
        Some(match held_by {
            HeldBy::Consultant => p.consultant.unwrap_or(p.adviser),
            HeldBy::Adviser => p.adviser,
        })
    }

    /// The slots of one kind for a placement, from `anchor` (the last held or waiting item)
    /// or from the start, up to the horizon.
    fn slots(
        &self,
        p: &PlacementToPlan,
        kind: VisitKind,
        anchor: Option<NaiveDate>,
    ) -> Vec<Window> {
        let mut out = Vec::new();
        let stay_end = p.planned_end.filter(|e| *e >= self.input.today);
        let end = stay_end.map_or(self.horizon_end, |e| e.min(self.horizon_end));
        if kind == VisitKind::AfterCareReview {
            // One review, unless one was held; planned once the horizon reaches it.
            if let AfterCare::Due(w) = p.after_care
                && anchor.is_none()
                && w.due_on <= self.horizon_end
            {
                out.push(w);
            }
            return out;
        }
        if kind == VisitKind::PlanReview {
            let r = &self.input.rules.reviews;
            let rhythm =
                Months::new(p.review_rhythm_months.unwrap_or(r.rhythm_months).max(1) as u32);
            let w = Days::new(r.window_days.max(0) as u64);
            let mut due = match anchor {
                Some(a) => a.checked_add_months(rhythm),
                None => p
                    .start
                    .checked_add_months(Months::new(r.first_after_months.max(1) as u32)),
            };
            while let Some(d) = due {
                if d > end || out.len() >= MAX_SLOTS {
                    break;
                }
                out.push(Window {
                    due_on: d,
                    opens_on: d - w,
                    closes_on: d,
                });
                due = d.checked_add_months(rhythm);
            }
            if let Some(e) = stay_end.filter(|e| *e <= self.horizon_end) {
                exit_review(&mut out, anchor, e, w);
            }
            return out;
        }
        let Some(rhythm) = self.rhythm(p, kind) else {
            return out;
        };
        let end = rhythm.until.map_or(end, |u| u.min(end));
        let interval = rhythm.interval_days.max(1) as u64;
        let w = rhythm.window_days.max(0) as u64;
        let mut due = match anchor {
            Some(a) => a + Days::new(interval),
            None => match rhythm.first_within_days {
                Some(first) => {
                    let d = p.start + Days::new(first.max(0) as u64);
                    if d <= end {
                        out.push(Window {
                            due_on: d,
                            opens_on: p.start,
                            closes_on: d,
                        });
                    }
                    d + Days::new(interval)
                }
                None => p.start + Days::new(interval / 2),
            },
        };
        while due <= end && out.len() < MAX_SLOTS {
            out.push(Window::around(due, w));
            due = due + Days::new(interval);
        }
        if let Some(e) = stay_end {
            // A visit of a stay is held before the child leaves.
            for s in &mut out {
                s.closes_on = s.closes_on.min(e);
            }
        }
        out
    }
}

/// How the items of one kind of visit follow each other in a placement.
struct Rhythm {
    first_within_days: Option<i32>,
    interval_days: i64,
    window_days: i32,
    /// No item falls due after this day (the end of the first weeks).
    until: Option<NaiveDate>,
}

impl Planner<'_> {
    /// The rhythm of a kind of visit in a placement: the year's visit rule, or the first
    /// weeks' pattern; `None` when no rule asks for it.
    fn rhythm(&self, p: &PlacementToPlan, kind: VisitKind) -> Option<Rhythm> {
        let rules = self.input.rules;
        if kind == VisitKind::StartContact {
            let r = rules.first_weeks_rule(p.kind, p.age_at_start)?;
            return Some(Rhythm {
                first_within_days: Some(r.first_within_days),
                interval_days: i64::from(r.every_days),
                window_days: r.window_days,
                until: Some(p.start + Days::new(r.for_days.max(0) as u64)),
            });
        }
        let rule = rules.visit_rule(kind, p.kind)?;
        Some(Rhythm {
            first_within_days: rule.first_within_days,
            interval_days: rule.interval_days(),
            window_days: rule.window_days,
            until: None,
        })
    }
}

/// A stay ends with a review before its planned end (the exit review), unless one already
/// falls, or was held, in the review window before it.
fn exit_review(out: &mut Vec<Window>, anchor: Option<NaiveDate>, end: NaiveDate, w: Days) {
    let opens = end - w;
    let covered = anchor.is_some_and(|a| a >= opens) || out.iter().any(|s| s.due_on >= opens);
    if !covered {
        out.push(Window {
            due_on: end,
            opens_on: opens,
            closes_on: end,
        });
    }
}

/// Pairs planned items with the slots the rules ask for: first each slot with an item already
/// planned inside its window (the one due nearest the slot), then the rest in order. So a
/// missing slot gets a new item instead of shifting every later item by one.
fn pair<'a>(
    slots: &[Window],
    items: Vec<&'a ExistingVisit>,
) -> (
    Vec<(Window, Option<&'a ExistingVisit>)>,
    Vec<&'a ExistingVisit>,
) {
    let mut used = vec![false; items.len()];
    let mut paired: Vec<Option<&'a ExistingVisit>> = vec![None; slots.len()];
    for (si, slot) in slots.iter().enumerate() {
        let best = items
            .iter()
            .enumerate()
            .filter(|(i, v)| !used[*i] && slot.contains(v.planned_on))
            .min_by_key(|(_, v)| ((v.window.due_on - slot.due_on).num_days().abs(), v.id));
        if let Some((i, v)) = best {
            used[i] = true;
            paired[si] = Some(*v);
        }
    }
    let mut rest = items
        .iter()
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(_, v)| *v);
    for p in paired.iter_mut().filter(|p| p.is_none()) {
        *p = rest.next();
    }
    let surplus = rest.collect();
    (slots.iter().copied().zip(paired).collect(), surplus)
}
