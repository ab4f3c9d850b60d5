//! The annual wheel's planner at national scale: 14,000 placements, 300 consultants and
//! advisers, twelve months ahead. Run with `cargo bench -p kith-domain --bench planner`;
//! figures go to docs/BENCHMARKS.md.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use kith_domain::wheel::{
    AfterCare, Area, ExistingVisit, PlacementToPlan, PlanChange, PlanInput, StaffAvailability,
    WheelRules, WorkCalendar, plan,
};
use kith_domain::{PlacementId, PlacementKind, UserId, VisitId};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn main() {
    divan::main();
}

const PLACEMENTS: i64 = 14_000;
const CONSULTANTS: i64 = 200;
const ADVISERS: i64 = 100;

struct World {
    today: NaiveDate,
    rules: WheelRules,
    calendar: WorkCalendar,
    placements: Vec<PlacementToPlan>,
    staff: Vec<StaffAvailability>,
    /// Each placement in one of 98 postal districts (as the national data set's towns).
    areas: HashMap<PlacementId, Area>,
}

fn world() -> World {
    let mut rng = ChaCha8Rng::seed_from_u64(14_000);
    let today = NaiveDate::from_ymd_opt(2027, 1, 11).expect("date");
    let rules = WheelRules::default();
    let calendar =
        WorkCalendar::new(&rules.closing_days).covering(today.year() - 1, today.year() + 2);
    let kinds = PlacementKind::ALL;
    let placements = (0..PLACEMENTS)
        .map(|i| {
            let kind = kinds[rng.gen_range(0..kinds.len())];
            let start = today - Days::new(rng.gen_range(0..900));
            PlacementToPlan {
                id: PlacementId(i + 1),
                kind,
                start,
                ended_on: None,
                planned_end: None,
                consultant: Some(UserId(rng.gen_range(1..=CONSULTANTS))),
                adviser: UserId(CONSULTANTS + rng.gen_range(1..=ADVISERS)),
                review_rhythm_months: None,
                // Most have a recent history; some none (they start a chain from the start).
                last_held: if rng.gen_bool(0.8) {
                    rules
                        .rules_for(kind)
                        .map(|r| (r.kind, today - Days::new(rng.gen_range(1..80))))
                        .collect()
                } else {
                    vec![]
                },
                age_at_start: Some(rng.gen_range(0..18)),
                after_care: AfterCare::NotDue,
            }
        })
        .collect();
    let staff = (1..=CONSULTANTS + ADVISERS)
        .map(|u| StaffAvailability {
            user: UserId(u),
            weekly_capacity: Some(25),
            days_off: BTreeSet::new(),
        })
        .collect();
    let areas = (1..=PLACEMENTS)
        .map(|i| (PlacementId(i), Area(1000 + (i % 98) as u16 * 10)))
        .collect();
    World {
        today,
        rules,
        calendar,
        placements,
        staff,
        areas,
    }
}

fn input<'a>(w: &'a World, open: &'a [ExistingVisit]) -> PlanInput<'a> {
    PlanInput {
        today: w.today,
        rules: &w.rules,
        calendar: &w.calendar,
        placements: &w.placements,
        open_visits: open,
        staff: &w.staff,
        areas: &w.areas,
    }
}

/// What is in the wheel after the first plan.
fn as_existing(changes: &[PlanChange]) -> Vec<ExistingVisit> {
    changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            PlanChange::Create(n) => Some(ExistingVisit::stored(VisitId(i as i64 + 1), n)),
            _ => None,
        })
        .collect()
}

/// Planning 14,000 placements from nothing: every item of the next twelve months.
#[divan::bench(sample_count = 10)]
fn plan_14000_placements_from_scratch(bencher: divan::Bencher) {
    let w = world();
    bencher.bench(|| plan(input(&w, &[])).len());
}

/// Re-planning the same 14,000 placements when nothing changed: no change comes out.
#[divan::bench(sample_count = 10)]
fn replan_14000_placements_unchanged(bencher: divan::Bencher) {
    let w = world();
    let open = as_existing(&plan(input(&w, &[])));
    assert!(plan(input(&w, &open)).is_empty(), "re-planning is stable");
    bencher.bench(|| plan(input(&w, &open)).len());
}
