use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Mette is away Monday 14 to Friday 18 December 2026.
fn away() -> CoverPeriod {
    CoverPeriod {
        first_day: d(2026, 12, 14),
        last_day: d(2026, 12, 18),
    }
}

fn item(planned_on: NaiveDate, closes_on: NaiveDate) -> OpenItem {
    OpenItem {
        planned_on,
        closes_on,
    }
}

#[test]
fn an_item_planned_in_the_period_is_the_stand_ins_on_its_day() {
    let today = d(2026, 12, 1);
    let on_wednesday = item(d(2026, 12, 16), d(2026, 12, 23));
    assert_eq!(
        cover_day(on_wednesday, away(), today),
        Some(d(2026, 12, 16))
    );
}

#[test]
fn an_item_pushed_past_its_deadline_by_the_absence_is_the_stand_ins_by_the_deadline() {
    // The window closes Thursday 17th; the planner kept Mette's days off free and put it on
    // Monday 21st, flagged late. The stand-in holds it by the 17th.
    let today = d(2026, 12, 1);
    let pushed = item(d(2026, 12, 21), d(2026, 12, 17));
    assert_eq!(cover_day(pushed, away(), today), Some(d(2026, 12, 17)));
}

#[test]
fn an_item_planned_before_the_period_stays_with_the_absent_person() {
    // Deadline on the 16th, but planned Friday 11th: Mette holds it before she leaves.
    let today = d(2026, 12, 1);
    let before = item(d(2026, 12, 11), d(2026, 12, 16));
    assert_eq!(cover_day(before, away(), today), None);
    // Nor one planned after the period with a deadline after it.
    let after = item(d(2026, 12, 21), d(2027, 1, 8));
    assert_eq!(cover_day(after, away(), today), None);
}

#[test]
fn an_overdue_item_is_the_stand_ins_today_only_while_the_period_runs() {
    let overdue = item(d(2026, 12, 21), d(2026, 12, 10));
    assert_eq!(
        cover_day(overdue, away(), d(2026, 12, 15)),
        Some(d(2026, 12, 15))
    );
    // Before the period and after it, the overdue item is the person's own.
    assert_eq!(cover_day(overdue, away(), d(2026, 12, 11)), None);
    assert_eq!(cover_day(overdue, away(), d(2026, 12, 19)), None);
}

#[test]
fn a_day_already_passed_in_the_period_is_told_as_today() {
    // Planned Monday 14th, still open on Wednesday 16th (its window runs to the 23rd).
    let open = item(d(2026, 12, 14), d(2026, 12, 23));
    assert_eq!(
        cover_day(open, away(), d(2026, 12, 16)),
        Some(d(2026, 12, 16))
    );
}

#[test]
fn periods_run_on_their_own_days_and_overlap_on_a_shared_day() {
    let p = away();
    assert!(!p.in_force(d(2026, 12, 13)));
    assert!(p.in_force(d(2026, 12, 14)));
    assert!(p.in_force(d(2026, 12, 18)));
    assert!(!p.in_force(d(2026, 12, 19)));
    let next = CoverPeriod {
        first_day: d(2026, 12, 18),
        last_day: d(2026, 12, 22),
    };
    assert!(p.overlaps(&next));
    let later = CoverPeriod {
        first_day: d(2026, 12, 19),
        last_day: d(2026, 12, 22),
    };
    assert!(!p.overlaps(&later));
}

#[test]
fn a_stand_in_does_the_absent_persons_kind_of_work() {
    use Role::*;
    assert!(may_stand_in(&[Consultant], &[Consultant]));
    assert!(may_stand_in(&[Consultant], &[Leader]));
    assert!(may_stand_in(&[Adviser], &[Adviser, Matcher]));
    assert!(!may_stand_in(&[Consultant], &[Adviser]));
    assert!(!may_stand_in(&[Adviser], &[Consultant]));
    assert!(!may_stand_in(&[Consultant], &[Matcher]));
    // Someone doing both needs someone doing both, or a leader.
    assert!(!may_stand_in(&[Consultant, Adviser], &[Consultant]));
    assert!(may_stand_in(&[Consultant, Adviser], &[Consultant, Adviser]));
}

fn request<'a>(period: CoverPeriod, others: &'a [CoverPeriod]) -> CoverRequest<'a> {
    CoverRequest {
        period,
        absent_roles: &[Role::Consultant],
        stand_in_is_self: false,
        stand_in_roles: &[Role::Consultant],
        shares_a_unit: true,
        others,
        stand_in_away: &[],
    }
}

fn fields(v: Vec<(&'static str, Message)>) -> Vec<(&'static str, String)> {
    v.into_iter()
        .map(|(f, m)| (f, m.key.into_owned()))
        .collect()
}

#[test]
fn a_good_cover_has_no_problems() {
    assert!(check_cover(request(away(), &[]), d(2026, 12, 1)).is_empty());
    // A period of one day that is today.
    let one = CoverPeriod {
        first_day: d(2026, 12, 1),
        last_day: d(2026, 12, 1),
    };
    assert!(check_cover(request(one, &[]), d(2026, 12, 1)).is_empty());
}

#[test]
fn each_problem_names_its_field() {
    let today = d(2026, 12, 15);
    assert_eq!(
        fields(check_cover(request(away(), &[]), today)),
        vec![("first_day", "problem.in_past".to_owned())]
    );
    let backwards = CoverPeriod {
        first_day: d(2026, 12, 18),
        last_day: d(2026, 12, 14),
    };
    assert_eq!(
        fields(check_cover(request(backwards, &[]), d(2026, 12, 1))),
        vec![("last_day", "problem.cover_ends_before".to_owned())]
    );
    // 1 Dec 2026 to 2 Dec 2027 is 367 days; to 1 Dec 2027 is 366.
    let long = CoverPeriod {
        first_day: d(2026, 12, 1),
        last_day: d(2027, 12, 2),
    };
    assert_eq!(
        fields(check_cover(request(long, &[]), d(2026, 12, 1))),
        vec![("last_day", "problem.cover_too_long".to_owned())]
    );
    let year = CoverPeriod {
        last_day: d(2027, 12, 1),
        ..long
    };
    assert!(check_cover(request(year, &[]), d(2026, 12, 1)).is_empty());
    let earlier = [CoverPeriod {
        first_day: d(2026, 12, 10),
        last_day: d(2026, 12, 14),
    }];
    assert_eq!(
        fields(check_cover(request(away(), &earlier), d(2026, 12, 1))),
        vec![("first_day", "problem.cover_overlaps".to_owned())]
    );
}

#[test]
fn the_stand_in_is_a_colleague_doing_the_same_work() {
    let today = d(2026, 12, 1);
    let base = request(away(), &[]);
    let cases = [
        (
            CoverRequest {
                stand_in_is_self: true,
                ..base
            },
            "problem.cover_self",
        ),
        (
            CoverRequest {
                shares_a_unit: false,
                ..base
            },
            "problem.cover_not_colleague",
        ),
        (
            CoverRequest {
                stand_in_roles: &[Role::Matcher],
                ..base
            },
            "problem.cover_other_work",
        ),
        (
            CoverRequest {
                absent_roles: &[Role::Matcher],
                ..base
            },
            "problem.cover_no_case_work",
        ),
    ];
    let away = [CoverPeriod {
        first_day: d(2026, 12, 18),
        last_day: d(2026, 12, 23),
    }];
    let cases = cases.into_iter().chain([(
        CoverRequest {
            stand_in_away: &away,
            ..base
        },
        "problem.cover_stand_in_away",
    )]);
    for (r, key) in cases {
        assert_eq!(
            fields(check_cover(r, today)),
            vec![("stand_in_id", key.to_owned())]
        );
    }
}

proptest! {
    /// Whatever the item, the stand-in is given a day of the period, never one before today.
    #[test]
    fn the_stand_ins_day_is_in_the_period_and_not_past(
        first in 0u64..60, len in 0u64..30, planned in 0u64..120, closes in 0u64..120, today in 0u64..90,
    ) {
        let base = d(2026, 11, 2);
        let period = CoverPeriod { first_day: base + Days::new(first), last_day: base + Days::new(first + len) };
        let it = item(base + Days::new(planned), base + Days::new(closes));
        let today = base + Days::new(today);
        if let Some(day) = cover_day(it, period, today) {
            prop_assert!(period.contains(day), "{day} outside {period:?}");
            prop_assert!(day >= today);
        }
        // Planned before the period and not overdue: always the absent person's.
        if it.planned_on < period.first_day && it.closes_on >= today {
            prop_assert_eq!(cover_day(it, period, today), None);
        }
    }
}
