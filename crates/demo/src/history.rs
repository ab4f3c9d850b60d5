//! The demo's past: visits and plan reviews held since each placement started, so the week a
//! demo user opens looks like a real one (mostly on track, a few overdue) rather than a year
//! of catch-ups.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use kith_domain::PlacementKind;
use kith_domain::wheel::{HeldBy, VisitKind, WheelRules, Window, WorkCalendar};
use kith_store::visits::HeldVisit;
use rand::Rng;

/// A placement the history is made for.
pub(crate) struct Started {
    pub id: i64,
    pub kind: PlacementKind,
    pub start: NaiveDate,
    pub consultant: Option<i64>,
    pub adviser: i64,
}

/// The last working day on or before `day`.
fn working_on_or_before(calendar: &WorkCalendar, mut day: NaiveDate) -> NaiveDate {
    for _ in 0..14 {
        if calendar.is_working_day(day) && !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            return day;
        }
        day = day.pred_opt().unwrap_or(day);
    }
    day
}

/// Held items of one placement up to a week before `today`. About one series in twenty-five
/// stops early, so the planner finds it behind and the demo shows overdue work with a reason.
pub(crate) fn held_items(
    p: &Started,
    rules: &WheelRules,
    calendar: &WorkCalendar,
    today: NaiveDate,
    rng: &mut impl Rng,
) -> Vec<HeldVisit> {
    let until = today - Days::new(7);
    let mut out = Vec::new();
    let mut push = |kind: VisitKind,
                    due: NaiveDate,
                    window_days: i32,
                    by: i64,
                    rng: &mut dyn rand::RngCore| {
        let window = Window::around(due, u64::try_from(window_days.max(0)).unwrap_or(0));
        let jitter = rng.gen_range(0..=window_days.max(0));
        let held_on = working_on_or_before(calendar, window.opens_on + Days::new(jitter as u64));
        let seen = (kind == VisitKind::Supervision).then(|| rng.gen_bool(0.9));
        out.push(HeldVisit {
            placement_id: p.id,
            kind,
            window,
            held_on,
            held_by_id: by,
            child_seen_alone: seen,
        });
        held_on
    };
    for rule in rules.rules_for(p.kind) {
        let by = match rule.held_by {
            HeldBy::Consultant => p.consultant.unwrap_or(p.adviser),
            HeldBy::Adviser => p.adviser,
        };
        let interval = Days::new(rule.interval_days().max(1) as u64);
        let stops_early = rng.gen_bool(0.04);
        let mut due = match rule.first_within_days {
            Some(d) => p.start + Days::new(u64::try_from(d.max(0)).unwrap_or(0) / 2),
            None => p.start + interval,
        };
        loop {
            let window_closes =
                due + Days::new(u64::try_from(rule.window_days.max(0)).unwrap_or(0));
            if window_closes > until || (stops_early && due + interval > until) {
                break;
            }
            let held = push(rule.kind, due, rule.window_days, by, rng);
            due = held + interval;
        }
    }
    // Plan reviews: the first after N months, then the rhythm.
    let mut due = p.start + Months::new(rules.reviews.first_after_months.max(1) as u32);
    loop {
        let closes = due + Days::new(u64::try_from(rules.reviews.window_days.max(0)).unwrap_or(0));
        if closes > until {
            break;
        }
        let held = push(
            VisitKind::PlanReview,
            due,
            rules.reviews.window_days,
            p.adviser,
            rng,
        );
        due = held + Months::new(rules.reviews.rhythm_months.max(1) as u32);
    }
    out
}
