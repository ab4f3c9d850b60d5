//! The review of support after 18 as a wheel item: planned for the case adviser at the review
//! age, caught up once when late, and settled by the decision on the placement. Dates worked
//! out by hand (15 April 2027 is a Thursday, after Easter 2027).

use super::tests::{ADVISER, Scenario, d, placement};
use super::*;
use crate::PlacementKind;
use crate::goals::{StayRules, adulthood_review_window};

fn due(birth: chrono::NaiveDate) -> AfterCare {
    AfterCare::Due(adulthood_review_window(birth, &StayRules::default()))
}

#[test]
fn the_review_of_support_after_18_is_planned_for_the_adviser() {
    // Born 15 September 2009: 17½ on 15 March 2027, due a month later (Thursday 15 April),
    // to be held by 15 June.
    let mut p = placement(1, PlacementKind::GeneralFosterFamily, d(2025, 1, 6));
    p.after_care = due(d(2009, 9, 15));
    let mut s = Scenario::new(d(2026, 11, 16), vec![p]);
    s.plan();
    let reviews = s.wheel.of(1, VisitKind::AfterCareReview);
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].planned_on, d(2027, 4, 15));
    assert_eq!(
        (reviews[0].window.opens_on, reviews[0].window.closes_on),
        (d(2027, 3, 15), d(2027, 6, 15))
    );
    assert_eq!(reviews[0].assignee, ADVISER);
    // Planning again changes nothing.
    assert!(s.plan().is_empty());
}

#[test]
fn the_recorded_decision_settles_the_planned_review() {
    let mut p = placement(1, PlacementKind::GeneralFosterFamily, d(2025, 1, 6));
    p.after_care = due(d(2009, 9, 15));
    let mut s = Scenario::new(d(2026, 11, 16), vec![p]);
    s.plan();
    s.placements[0].after_care = AfterCare::Decided;
    s.plan();
    assert!(s.wheel.of(1, VisitKind::AfterCareReview).is_empty());
    assert_eq!(s.wheel.cancelled.len(), 1);
    assert_eq!(s.wheel.cancelled[0].1, CancelReason::Decided);
}

#[test]
fn a_review_whose_window_has_passed_is_caught_up_once() {
    // Born 15 March 2009: the window ran 15 September - 15 December 2026. Planned on Monday
    // 4 January 2027 with nothing decided: one overdue review within the coming two weeks.
    let mut p = placement(1, PlacementKind::GeneralFosterFamily, d(2025, 1, 6));
    p.after_care = due(d(2009, 3, 15));
    let mut s = Scenario::new(d(2027, 1, 4), vec![p]);
    s.plan();
    let reviews = s.wheel.of(1, VisitKind::AfterCareReview);
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].window.closes_on, d(2026, 12, 15));
    assert!(reviews[0].planned_on >= d(2027, 1, 4) && reviews[0].planned_on <= d(2027, 1, 18));
}

#[test]
fn nothing_is_planned_for_a_child_far_from_18_or_without_a_birth_date() {
    let mut s = Scenario::new(
        d(2026, 11, 16),
        vec![placement(
            1,
            PlacementKind::GeneralFosterFamily,
            d(2025, 1, 6),
        )],
    );
    s.plan();
    assert!(s.wheel.of(1, VisitKind::AfterCareReview).is_empty());
    // Due beyond the horizon (16 November 2027): not yet planned.
    s.placements[0].after_care = due(d(2010, 9, 15));
    s.plan();
    assert!(s.wheel.of(1, VisitKind::AfterCareReview).is_empty());
}
