use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn goal_areas_are_the_five_of_the_law_and_closed_statuses_are_final() {
    assert_eq!(GoalArea::ALL.len(), 5);
    assert_eq!(
        "school_and_education".parse::<GoalArea>().unwrap(),
        GoalArea::SchoolAndEducation
    );
    assert!("leisure".parse::<GoalArea>().is_err());
    assert!(GoalStatus::Achieved.is_closed());
    assert!(GoalStatus::NotAchieved.is_closed());
    assert!(GoalStatus::Dropped.is_closed());
    assert!(!GoalStatus::Active.is_closed());
    assert!(!GoalStatus::Revised.is_closed());
}

#[test]
fn measures_that_cannot_show_progress_are_refused() {
    assert!(
        Measure::Scale {
            baseline: 3,
            target: 7
        }
        .validate()
        .is_ok()
    );
    assert!(
        Measure::Scale {
            baseline: 3,
            target: 11
        }
        .validate()
        .is_err()
    );
    assert!(
        Measure::Scale {
            baseline: 5,
            target: 5
        }
        .validate()
        .is_err()
    );
    let n = |unit: &str, baseline: f64, target: f64| Measure::Number {
        unit: unit.into(),
        baseline,
        target,
    };
    assert!(n("dage om ugen", 2.0, 5.0).validate().is_ok());
    assert!(n("  ", 2.0, 5.0).validate().is_err());
    assert!(n("dage", f64::NAN, 5.0).validate().is_err());
    assert!(n("dage", 4.0, 4.0).validate().is_err());
    assert!(Measure::YesNo.validate().is_ok());
}

#[test]
fn progress_values_must_fit_the_measure() {
    let scale = Measure::Scale {
        baseline: 2,
        target: 8,
    };
    assert!(scale.accepts(ProgressValue::Amount(6.0)).is_ok());
    assert!(scale.accepts(ProgressValue::Amount(6.5)).is_err());
    assert!(scale.accepts(ProgressValue::Amount(11.0)).is_err());
    assert!(scale.accepts(ProgressValue::Reached(true)).is_err());
    assert!(
        Measure::YesNo
            .accepts(ProgressValue::Reached(false))
            .is_ok()
    );
    assert!(Measure::YesNo.accepts(ProgressValue::Amount(1.0)).is_err());
    let number = Measure::Number {
        unit: "timer".into(),
        baseline: 10.0,
        target: 2.0,
    };
    assert!(number.accepts(ProgressValue::Amount(-3.5)).is_ok());
    assert!(
        number
            .accepts(ProgressValue::Amount(f64::INFINITY))
            .is_err()
    );
}

#[test]
fn share_of_the_way_from_baseline_to_target() {
    // 2 → 8 on a scale: 5 is half way ((5 - 2) / (8 - 2) = 0.5).
    let scale = Measure::Scale {
        baseline: 2,
        target: 8,
    };
    assert_eq!(scale.share_of_way(ProgressValue::Amount(5.0)), 0.5);
    assert_eq!(scale.share_of_way(ProgressValue::Amount(10.0)), 1.0);
    assert_eq!(scale.share_of_way(ProgressValue::Amount(0.0)), 0.0);
    // A goal to come down: 10 hours → 2 hours; 4 hours is 6 of 8, 0.75.
    let fewer = Measure::Number {
        unit: "timer".into(),
        baseline: 10.0,
        target: 2.0,
    };
    assert_eq!(fewer.share_of_way(ProgressValue::Amount(4.0)), 0.75);
    assert_eq!(
        Measure::YesNo.share_of_way(ProgressValue::Reached(true)),
        1.0
    );
}

#[test]
fn measures_read_and_write_as_tagged_json() {
    let m: Measure = serde_json::from_str(r#"{"kind":"scale","baseline":3,"target":8}"#).unwrap();
    assert_eq!(
        m,
        Measure::Scale {
            baseline: 3,
            target: 8
        }
    );
    assert!(serde_json::from_str::<Measure>(r#"{"kind":"scale","baseline":3}"#).is_err());
    assert_eq!(
        serde_json::to_value(Measure::YesNo).unwrap(),
        serde_json::json!({"kind": "yes_no"})
    );
}

fn stay(planned_end: &str) -> StayFacts {
    StayFacts {
        start: d("2027-01-04"),
        planned_end: Some(d(planned_end)),
        has_exit_plan: false,
        last_progress: Some(d("2027-03-01")),
        goals_quiet_from: vec![],
        review_due: None,
    }
}

#[test]
fn a_stay_on_track_has_no_signals() {
    let mut f = stay("2027-07-04");
    f.has_exit_plan = true;
    assert!(stay_signals(&f, &StayRules::default(), d("2027-03-15")).is_empty());
}

#[test]
fn the_end_near_without_an_exit_plan_signals_from_thirty_days_before() {
    // Planned end 4 July 2027; 30 days before is 4 June.
    let f = stay("2027-07-04");
    let rules = StayRules {
        no_progress_days: 1000,
        ending_quiet_days: 1000,
        ..StayRules::default()
    };
    assert!(stay_signals(&f, &rules, d("2027-06-03")).is_empty());
    assert_eq!(
        stay_signals(&f, &rules, d("2027-06-04")),
        vec![StaySignal::EndingWithoutExitPlan {
            since: d("2027-06-04")
        }]
    );
}

#[test]
fn a_stay_not_yet_begun_is_not_yet_ending() {
    // A two-day stay from 19 to 20 March 2026: thirty days before its end is 18 February,
    // before it starts. Nothing is signalled until it begins; on its first day the missing
    // exit plan shows, since that day.
    let f = StayFacts {
        start: d("2026-03-19"),
        planned_end: Some(d("2026-03-20")),
        has_exit_plan: false,
        last_progress: None,
        goals_quiet_from: vec![],
        review_due: None,
    };
    let rules = StayRules::default();
    assert!(stay_signals(&f, &rules, d("2026-02-18")).is_empty());
    assert!(stay_signals(&f, &rules, d("2026-03-18")).is_empty());
    assert_eq!(
        stay_signals(&f, &rules, d("2026-03-19")),
        vec![StaySignal::EndingWithoutExitPlan {
            since: d("2026-03-19")
        }]
    );
}

#[test]
fn past_the_planned_end_signals_from_the_day_after() {
    let f = stay("2027-07-04");
    let rules = StayRules {
        no_progress_days: 1000,
        ..StayRules::default()
    };
    assert_eq!(
        stay_signals(&f, &rules, d("2027-07-05")),
        vec![StaySignal::PastPlannedEnd {
            since: d("2027-07-05")
        }]
    );
}

#[test]
fn sixty_quiet_days_and_an_overdue_review_signal_oldest_first() {
    // Last progress 1 March 2027; 60 days later is 30 April. Review due 20 April, overdue
    // from 21 April.
    let mut f = stay("2027-12-31");
    f.has_exit_plan = true;
    f.review_due = Some(d("2027-04-20"));
    assert_eq!(
        stay_signals(&f, &StayRules::default(), d("2027-04-30")),
        vec![
            StaySignal::ReviewOverdue {
                since: d("2027-04-21")
            },
            StaySignal::NoProgress {
                since: d("2027-04-30")
            },
        ]
    );
    // Without any progress, the quiet days count from the start (4 January + 60 = 5 March).
    f.last_progress = None;
    assert!(
        stay_signals(&f, &StayRules::default(), d("2027-03-05")).contains(
            &StaySignal::NoProgress {
                since: d("2027-03-05")
            }
        )
    );
}

proptest! {
    /// A signal never starts after the day it is looked at, and the list is oldest first.
    #[test]
    fn signals_have_started_and_come_oldest_first(
        start_off in 0u64..400, len in 1u64..400, look in 0u64..900,
        exit in any::<bool>(), progress in proptest::option::of(0u64..900),
        review in proptest::option::of(0u64..900),
    ) {
        let base = d("2026-01-01");
        let start = base + chrono::Days::new(start_off);
        let f = StayFacts {
            start,
            planned_end: Some(start + chrono::Days::new(len)),
            has_exit_plan: exit,
            last_progress: progress.map(|p| base + chrono::Days::new(p)),
            goals_quiet_from: vec![],
            review_due: review.map(|r| base + chrono::Days::new(r)),
        };
        let today = base + chrono::Days::new(look);
        let s = stay_signals(&f, &StayRules::default(), today);
        prop_assert!(s.iter().all(|x| x.since() <= today));
        prop_assert!(s.windows(2).all(|w| w[0].since() <= w[1].since()));
        // Past the end and ending-without-a-plan never hold together.
        let past = s.iter().any(|x| matches!(x, StaySignal::PastPlannedEnd { .. }));
        let ending = s.iter().any(|x| matches!(x, StaySignal::EndingWithoutExitPlan { .. }));
        prop_assert!(!(past && ending));
    }

    /// The share of the way always lies in 0..=1.
    #[test]
    fn share_of_way_is_a_fraction(b in 0u8..=10, t in 0u8..=10, v in -100.0f64..100.0) {
        let m = Measure::Scale { baseline: b, target: t };
        let s = m.share_of_way(ProgressValue::Amount(v));
        prop_assert!((0.0..=1.0).contains(&s));
    }
}

#[test]
fn a_placement_without_a_planned_end_has_only_progress_and_review_signals() {
    let f = StayFacts {
        start: d("2027-01-04"),
        planned_end: None,
        has_exit_plan: false,
        last_progress: Some(d("2027-03-01")),
        goals_quiet_from: vec![],
        review_due: Some(d("2027-04-04")),
    };
    // 1 March + 60 days = 30 April; the review was due 4 April, overdue from 5 April.
    assert_eq!(
        stay_signals(&f, &StayRules::default(), d("2027-05-10")),
        vec![
            StaySignal::ReviewOverdue {
                since: d("2027-04-05")
            },
            StaySignal::NoProgress {
                since: d("2027-04-30")
            },
        ]
    );
}

#[test]
fn signal_codes_are_what_the_api_writes() {
    let d0 = d("2027-01-01");
    for s in [
        StaySignal::PastPlannedEnd { since: d0 },
        StaySignal::EndingWithoutExitPlan { since: d0 },
        StaySignal::NoProgress { since: d0 },
        StaySignal::ReviewOverdue { since: d0 },
    ] {
        let json = serde_json::to_value(s).unwrap();
        assert_eq!(json["signal"], s.code());
    }
}

#[test]
fn one_goal_moving_does_not_hide_two_that_are_flat() {
    // A stay from 4 January 2027 with three goals set that day. Progress on one on 1 March;
    // the other two never move. 60 days after 4 January is 5 March: from then the two flat
    // goals signal, though the placement as a whole had progress on 1 March.
    let mut f = stay("2027-07-04");
    f.has_exit_plan = true;
    f.goals_quiet_from = vec![d("2027-03-01"), d("2027-01-04"), d("2027-01-04")];
    let rules = StayRules::default();
    assert!(stay_signals(&f, &rules, d("2027-03-04")).is_empty());
    assert_eq!(
        stay_signals(&f, &rules, d("2027-03-05")),
        vec![StaySignal::NoProgress {
            since: d("2027-03-05")
        }]
    );
    // When all three have moved since, the signal is gone.
    f.goals_quiet_from = vec![d("2027-03-01"), d("2027-02-20"), d("2027-02-25")];
    assert!(stay_signals(&f, &rules, d("2027-03-15")).is_empty());
}

#[test]
fn the_end_near_with_a_goal_standing_still_is_a_signal_of_its_own() {
    // A stay from 4 January to 4 July 2027 with an exit plan and two goals: one moved on
    // 20 May, the other last on 1 May. The window before the end opens 30 days before it,
    // on 4 June. The quiet goal has stood still 30 days on 31 May, before the window: the
    // signal starts when the window opens, 4 June. Sixty quiet days (30 June) add the
    // general signal.
    let mut f = stay("2027-07-04");
    f.has_exit_plan = true;
    f.goals_quiet_from = vec![d("2027-05-20"), d("2027-05-01")];
    let rules = StayRules::default();
    assert!(stay_signals(&f, &rules, d("2027-06-03")).is_empty());
    assert_eq!(
        stay_signals(&f, &rules, d("2027-06-04")),
        vec![StaySignal::EndingWithGoalsFlat {
            since: d("2027-06-04")
        }]
    );
    assert_eq!(
        stay_signals(&f, &rules, d("2027-06-30")),
        vec![
            StaySignal::EndingWithGoalsFlat {
                since: d("2027-06-04")
            },
            StaySignal::NoProgress {
                since: d("2027-06-30")
            },
        ]
    );
    // Progress on the quiet goal on 10 June: from then both have moved within 30 days
    // (the other last on 20 May: 30 days later is 19 June), so the signal comes back on
    // 19 June, when that one has stood still long enough.
    f.goals_quiet_from = vec![d("2027-05-20"), d("2027-06-10")];
    assert!(stay_signals(&f, &rules, d("2027-06-18")).is_empty());
    assert_eq!(
        stay_signals(&f, &rules, d("2027-06-19")),
        vec![StaySignal::EndingWithGoalsFlat {
            since: d("2027-06-19")
        }]
    );
    // Past the end, the stay is past its end: that signal says it.
    assert_eq!(
        stay_signals(&f, &rules, d("2027-07-05")),
        vec![StaySignal::PastPlannedEnd {
            since: d("2027-07-05")
        }]
    );
}

proptest! {
    #[test]
    fn the_end_near_signal_holds_only_in_the_window_before_the_end(
        end_in in 1u64..400,
        quiet in 0u64..400,
        today_in in 0u64..500,
    ) {
        let start = d("2027-01-04");
        let f = StayFacts {
            start,
            planned_end: Some(start + Days::new(end_in)),
            has_exit_plan: true,
            last_progress: None,
            goals_quiet_from: vec![start + Days::new(quiet.min(end_in))],
            review_due: None,
        };
        let rules = StayRules::default();
        let today = start + Days::new(today_in);
        let end = start + Days::new(end_in);
        let opens = (end - Days::new(30)).max(start);
        let flat = stay_signals(&f, &rules, today)
            .into_iter()
            .any(|s| matches!(s, StaySignal::EndingWithGoalsFlat { .. }));
        if flat {
            prop_assert!(today >= opens && today <= end);
        }
    }
}
