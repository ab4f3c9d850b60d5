//! The first weeks of a placement: contacts closer than the year's rhythm, denser for a
//! network placement and a teenager. Dates worked out by hand from a calendar of 2026: Monday
//! 16 November is the start; 24 and 31 December are the municipality's closing days, 25 and
//! 26 December and 1 January public holidays.

use proptest::prelude::*;

use super::tests::{CONSULTANT, Scenario, d, placement, problems};
use super::*;
use crate::PlacementKind;

#[test]
fn a_new_placement_has_a_contact_in_its_first_week_and_weekly_in_its_first_month() {
    let mut s = Scenario::new(
        d(2026, 11, 16),
        vec![placement(
            1,
            PlacementKind::GeneralFosterFamily,
            d(2026, 11, 16),
        )],
    );
    s.plan();
    // The first within 7 days (23 November), then every 7 days up to day 28 (14 December):
    // all Mondays, none a holiday.
    assert_eq!(
        s.wheel.days(1, VisitKind::StartContact),
        vec![
            d(2026, 11, 23),
            d(2026, 11, 30),
            d(2026, 12, 7),
            d(2026, 12, 14)
        ]
    );
    let contacts = s.wheel.of(1, VisitKind::StartContact);
    // The first may be held from the first day; the others two days either side.
    assert_eq!(
        (contacts[0].window.opens_on, contacts[0].window.closes_on),
        (d(2026, 11, 16), d(2026, 11, 23))
    );
    assert_eq!(
        (contacts[1].window.opens_on, contacts[1].window.closes_on),
        (d(2026, 11, 28), d(2026, 12, 2))
    );
    assert!(contacts.iter().all(|v| v.assignee == CONSULTANT));
    // The year's support visits are planned as before: the first within 28 days.
    assert_eq!(
        s.wheel.days(1, VisitKind::Support)[0],
        d(2026, 12, 14),
        "a contact and a support visit may share the last day of the month (two a day)"
    );
}

#[test]
fn a_network_placement_is_followed_from_the_third_day_for_two_months() {
    let mut s = Scenario::new(
        d(2026, 11, 16),
        vec![placement(
            1,
            PlacementKind::NetworkFosterFamily,
            d(2026, 11, 16),
        )],
    );
    s.plan();
    // Due 19 November (day 3), then every 7 days while due on or before day 56 (11 January):
    // 24 December is a closing day (its window 22-26 December: 23 December is the nearest
    // working day), 31 December too (30 December); 14 January is past day 56.
    assert_eq!(
        s.wheel.days(1, VisitKind::StartContact),
        vec![
            d(2026, 11, 19),
            d(2026, 11, 26),
            d(2026, 12, 3),
            d(2026, 12, 10),
            d(2026, 12, 17),
            d(2026, 12, 23),
            d(2026, 12, 30),
            d(2027, 1, 7)
        ]
    );
}

#[test]
fn a_teenager_is_followed_closer_than_a_younger_child_in_the_same_kind_of_placement() {
    let start = d(2026, 11, 16);
    let mut teen = placement(1, PlacementKind::ChildrensHome, start);
    teen.age_at_start = Some(13);
    let mut younger = placement(2, PlacementKind::ChildrensHome, start);
    younger.age_at_start = Some(12);
    let mut unknown = placement(3, PlacementKind::ChildrensHome, start);
    unknown.age_at_start = None;
    let mut s = Scenario::new(start, vec![teen, younger, unknown]);
    // Room for three placements' items a day: this test is about the pattern, not capacity.
    s.rules.daily_capacity = 6;
    s.plan();
    assert_eq!(s.wheel.days(1, VisitKind::StartContact).len(), 8);
    assert_eq!(s.wheel.days(1, VisitKind::StartContact)[0], d(2026, 11, 19));
    // Twelve: the pattern of every placement, four contacts from the first week.
    assert_eq!(
        s.wheel.days(2, VisitKind::StartContact),
        vec![
            d(2026, 11, 23),
            d(2026, 11, 30),
            d(2026, 12, 7),
            d(2026, 12, 14)
        ]
    );
    // An unknown age meets no age limit.
    assert_eq!(s.wheel.days(3, VisitKind::StartContact).len(), 4);
}

#[test]
fn a_placement_past_its_first_weeks_gets_no_contacts_to_catch_up() {
    // Started 3 August: the pattern ended on 31 August, before the wheel planned it.
    let mut s = Scenario::new(
        d(2026, 11, 16),
        vec![placement(
            1,
            PlacementKind::GeneralFosterFamily,
            d(2026, 8, 3),
        )],
    );
    s.plan();
    assert!(s.wheel.days(1, VisitKind::StartContact).is_empty());
}

#[test]
fn a_missed_first_week_is_not_stacked_on_today_the_next_contacts_follow() {
    // Started Friday 6 November, planned on Monday 16 November: the first contact (due 13
    // November, window 6-13 November) has passed; the next ones are due 20 and 27 November
    // and 4 December (all Fridays), and no catch-up is added for the first.
    let mut s = Scenario::new(
        d(2026, 11, 16),
        vec![placement(
            1,
            PlacementKind::GeneralFosterFamily,
            d(2026, 11, 6),
        )],
    );
    s.plan();
    assert_eq!(
        s.wheel.days(1, VisitKind::StartContact),
        vec![d(2026, 11, 20), d(2026, 11, 27), d(2026, 12, 4)]
    );
}

#[test]
fn a_contact_held_early_moves_the_next_ones() {
    // Held on Friday 20 November: the next are due 27 November, 4 and 11 December; 18
    // December is past day 28 (14 December).
    let mut p = placement(1, PlacementKind::GeneralFosterFamily, d(2026, 11, 16));
    p.last_held = vec![(VisitKind::StartContact, d(2026, 11, 20))];
    let mut s = Scenario::new(d(2026, 11, 23), vec![p]);
    s.plan();
    assert_eq!(
        s.wheel.days(1, VisitKind::StartContact),
        vec![d(2026, 11, 27), d(2026, 12, 4), d(2026, 12, 11)]
    );
}

#[test]
fn the_pattern_asking_for_most_contacts_applies() {
    let r = WheelRules::default();
    let contacts = |kind, age| r.first_weeks_rule(kind, age).map(|f| f.contacts());
    assert_eq!(
        contacts(PlacementKind::GeneralFosterFamily, Some(8)),
        Some(4)
    );
    assert_eq!(
        contacts(PlacementKind::NetworkFosterFamily, Some(8)),
        Some(8)
    );
    assert_eq!(contacts(PlacementKind::OwnRoom, Some(16)), Some(8));
    let mut none = WheelRules::default();
    none.first_weeks.clear();
    assert!(none.validate().is_ok(), "the pattern can be switched off");
    assert!(
        none.first_weeks_rule(PlacementKind::GeneralFosterFamily, Some(8))
            .is_none()
    );
}

#[test]
fn a_first_weeks_pattern_that_cannot_be_held_is_refused_naming_its_field() {
    let with = |change: &dyn Fn(&mut FirstWeeksRule)| {
        let mut r = WheelRules::default();
        change(&mut r.first_weeks[1]);
        problems(&r)
    };
    // Every 7 days: a window of 3 either side is the most that keeps contacts apart.
    assert!(with(&|f| f.window_days = 3).is_empty());
    assert_eq!(
        with(&|f| f.window_days = 4),
        vec!["first_weeks[1].window_days"]
    );
    assert_eq!(
        with(&|f| f.first_within_days = 57),
        vec!["first_weeks[1].first_within_days"]
    );
    assert_eq!(
        with(&|f| f.every_days = 0),
        vec!["first_weeks[1].every_days"]
    );
    assert_eq!(with(&|f| f.for_days = 0), vec!["first_weeks[1].for_days"]);
    assert_eq!(
        with(&|f| f.from_age = Some(18)),
        vec!["first_weeks[1].from_age"]
    );
    assert_eq!(
        with(&|f| f.placement_kinds.clear()),
        vec!["first_weeks[1].placement_kinds"]
    );
}

#[test]
fn rules_stored_before_the_first_weeks_read_the_defaults() {
    let mut stored = serde_json::to_value(WheelRules::default()).unwrap();
    stored.as_object_mut().unwrap().remove("first_weeks");
    let read: WheelRules = serde_json::from_value(stored).unwrap();
    assert_eq!(read.first_weeks, WheelRules::default().first_weeks);
}

proptest! {
    /// Whatever the start, the age and the pattern: every contact falls due inside the first
    /// weeks, and there are never more than the pattern asks for.
    #[test]
    fn contacts_stay_inside_the_first_weeks(
        start_offset in 0u64..120,
        age in 0i32..18,
        kind in prop::sample::select(PlacementKind::ALL.to_vec()),
        first in 1i32..=14,
        every in 1i32..=14,
        extra in 0i32..=60,
    ) {
        let today = d(2026, 11, 16);
        let start = today - chrono::Days::new(start_offset);
        let mut p = placement(1, kind, start);
        p.age_at_start = Some(age);
        let mut s = Scenario::new(today, vec![p]);
        s.rules.first_weeks = vec![FirstWeeksRule {
            placement_kinds: PlacementKind::ALL.to_vec(),
            from_age: None,
            first_within_days: first,
            every_days: every,
            for_days: first + extra,
            window_days: every / 2,
        }];
        s.rules.daily_capacity = 10;
        s.rules.weekly_capacity = 100;
        prop_assert!(s.rules.validate().is_ok());
        s.plan();
        let end = start + chrono::Days::new((first + extra) as u64);
        let contacts = s.wheel.of(1, VisitKind::StartContact);
        prop_assert!(contacts.iter().all(|v| v.window.due_on <= end));
        prop_assert!(contacts.len() as i32 <= s.rules.first_weeks[0].contacts());
        prop_assert!(contacts.iter().all(|v| v.window.due_on >= today || v.planned_on >= today));
    }
}
