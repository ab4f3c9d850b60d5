//! The stability flags, case by case, with ages and distances worked out by hand. The start is
//! Tuesday 1 December 2026; the fixture child was born 10 May 2016 (10 years old), its school
//! and the fixture family in Roskilde.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::tests::{START, at, child, d, option, run};
use super::{FlagKind, MatchRules, MatchUnit, OptionProfile, stability::stability_flags};
use crate::{ChildId, PlacementKind, PlacementOptionId};

fn flags(unit: &MatchUnit, o: &OptionProfile) -> Vec<FlagKind> {
    stability_flags(unit, o, &MatchRules::default(), d(START))
}

fn with_home(born: &[&str]) -> OptionProfile {
    let mut o = option(7);
    o.household = born
        .iter()
        .enumerate()
        .map(|(i, b)| (Some(ChildId(100 + i as i64)), d(b)))
        .collect();
    o
}

#[test]
fn a_child_in_the_home_less_than_two_years_apart_is_flagged_either_way() {
    let unit = MatchUnit::single(child());
    // 1 September 2017: 1 year 4 months younger, 9 on the start day, and the youngest.
    assert_eq!(
        flags(&unit, &with_home(&["2017-09-01"])),
        [
            FlagKind::AgeGapUnderTwo { age: 9 },
            FlagKind::NotYoungest { age: 9 }
        ]
    );
    // 11 May 2014: 1 year 11 months 29 days older, 12 on the start day.
    assert_eq!(
        flags(&unit, &with_home(&["2014-05-11"])),
        [FlagKind::AgeGapUnderTwo { age: 12 }]
    );
    // Exactly two years either way is not under two years.
    assert_eq!(flags(&unit, &with_home(&["2014-05-10"])), []);
    assert_eq!(
        flags(&unit, &with_home(&["2018-05-10"])),
        [FlagKind::NotYoungest { age: 8 }]
    );
    // An empty home, or only the child itself (matched again to where it lives), is no flag.
    assert_eq!(flags(&unit, &with_home(&[])), []);
    let mut own = option(7);
    own.household = vec![(Some(ChildId(1)), d("2016-05-10"))];
    assert_eq!(flags(&unit, &own), []);
}

#[test]
fn the_closest_in_age_and_the_youngest_are_the_ones_named() {
    // Three children: 15 (2011), 11 (2015-03-01, 1 year 2 months older) and 4 (2022).
    let home = with_home(&["2011-01-01", "2015-03-01", "2022-06-01"]);
    assert_eq!(
        flags(&MatchUnit::single(child()), &home),
        [
            FlagKind::AgeGapUnderTwo { age: 11 },
            FlagKind::NotYoungest { age: 4 }
        ]
    );
}

#[test]
fn a_teenager_in_a_general_family_is_flagged_from_thirteen() {
    let born = |b: &str| {
        let mut c = child();
        c.birth_date = d(b);
        MatchUnit::single(c)
    };
    // 13 on 1 December 2026 when born 1 December 2013; 12 when born a day later.
    assert_eq!(
        flags(&born("2013-12-01"), &option(7)),
        [FlagKind::TeenagerInGeneralFamily { age: 13 }]
    );
    assert_eq!(flags(&born("2013-12-02"), &option(7)), []);
    let mut reinforced = option(7);
    reinforced.kind = PlacementKind::ReinforcedFosterFamily;
    assert_eq!(flags(&born("2013-12-01"), &reinforced), []);
}

#[test]
fn a_school_beyond_the_rules_distance_means_a_change_of_school() {
    // Roskilde (55.6396, 12.0878) to Copenhagen (55.6761, 12.5683): 0.0365° of latitude is
    // 4.06 km, 0.4805° of longitude at 55.66° N is 30.17 km; about 30.4 km, over the default
    // 25 km at which the school criterion gives nothing.
    let mut far = option(7);
    far.coordinates = at(55.6761, 12.5683);
    let unit = MatchUnit::single(child());
    assert_eq!(flags(&unit, &far), [FlagKind::SchoolChange { km: 30 }]);
    let rules = MatchRules {
        school_zero_km: 35.0,
        ..MatchRules::default()
    };
    assert_eq!(stability_flags(&unit, &far, &rules, d(START)), []);
    // No school known: nothing to say.
    let mut c = child();
    c.school = None;
    assert_eq!(flags(&MatchUnit::single(c), &far), []);
}

#[test]
fn siblings_matched_apart_are_flagged_unless_the_sibling_lives_there() {
    let mut c = child();
    c.has_siblings = true;
    let apart = MatchUnit {
        children: vec![c.clone()],
        together: false,
    };
    assert_eq!(flags(&apart, &option(7)), [FlagKind::SiblingsSplit]);
    c.siblings_placed_in = vec![PlacementOptionId(7)];
    let joining = MatchUnit {
        children: vec![c.clone()],
        together: false,
    };
    assert_eq!(flags(&joining, &option(7)), []);
    let together = MatchUnit {
        children: vec![c],
        together: true,
    };
    assert_eq!(flags(&together, &option(8)), []);
}

#[test]
fn an_earlier_breakdown_in_the_same_kind_of_care_is_flagged() {
    let mut c = child();
    c.breakdowns_in = vec![PlacementKind::GeneralFosterFamily];
    let unit = MatchUnit::single(c);
    assert_eq!(
        flags(&unit, &option(7)),
        [FlagKind::EarlierBreakdown(
            PlacementKind::GeneralFosterFamily
        )]
    );
    let mut home = option(8);
    home.kind = PlacementKind::ChildrensHome;
    assert_eq!(flags(&unit, &home), []);
}

#[test]
fn each_stability_flag_names_its_source_and_the_paperwork_flags_none() {
    let sources: Vec<_> = [
        FlagKind::AgeGapUnderTwo { age: 9 },
        FlagKind::NotYoungest { age: 4 },
        FlagKind::TeenagerInGeneralFamily { age: 13 },
        FlagKind::SchoolChange { km: 30 },
        FlagKind::SiblingsSplit,
        FlagKind::EarlierBreakdown(PlacementKind::GeneralFosterFamily),
        FlagKind::NoConsent(crate::stability_facts::ConsentGap::NotRecorded),
        FlagKind::ConsultantChange,
    ]
    .iter()
    .map(|f| f.source().map(|m| m.key.into_owned()))
    .collect();
    assert!(sources.iter().all(Option::is_some), "{sources:?}");
    assert_eq!(FlagKind::CapacityNeverConfirmed.source(), None);
}

proptest! {
    /// Flags inform and never exclude: whoever lives in the home, the option is ranked with
    /// the same score as with an empty home.
    #[test]
    fn the_household_never_changes_the_ranking(days in prop::collection::vec(0u64..7000, 0..5)) {
        let start: NaiveDate = d(START);
        let mut o = option(7);
        o.household = days
            .iter()
            .enumerate()
            .map(|(i, n)| (Some(ChildId(50 + i as i64)), start - chrono::Days::new(*n)))
            .collect();
        let unit = MatchUnit::single(child());
        let with = run(&unit, &[o]);
        let without = run(&unit, &[option(7)]);
        prop_assert_eq!(with.ranked.len(), 1);
        prop_assert_eq!(with.ranked[0].score_tenths, without.ranked[0].score_tenths);
        prop_assert!(with.excluded.is_empty());
    }
}

#[test]
fn a_home_child_recorded_by_the_family_counts_like_one_placed_by_kith() {
    // The carers' own daughter, born 1 March 2017 (no id in Kith): 1 year 2 months younger.
    let mut o = option(7);
    o.household = vec![(None, d("2017-03-01"))];
    assert_eq!(
        flags(&MatchUnit::single(child()), &o),
        [
            FlagKind::AgeGapUnderTwo { age: 9 },
            FlagKind::NotYoungest { age: 9 }
        ]
    );
}

#[test]
fn consent_not_given_or_not_recorded_is_flagged_the_gravest_first() {
    use crate::stability_facts::{Consent, ConsentGap};
    let with = |child: Option<Consent>, parents: Option<Consent>| {
        let mut c = super::tests::child();
        c.consent_child = child;
        c.consent_parents = parents;
        flags(&MatchUnit::single(c), &option(7))
    };
    assert_eq!(with(Some(Consent::Agrees), Some(Consent::Agrees)), []);
    // A ten-year-old: the custody holder's answer is needed, the child's is a view.
    assert_eq!(with(None, Some(Consent::Agrees)), []);
    assert_eq!(
        with(Some(Consent::Agrees), None),
        [FlagKind::NoConsent(ConsentGap::NotRecorded)]
    );
    assert_eq!(
        with(Some(Consent::Disagrees), Some(Consent::Disagrees)),
        [FlagKind::NoConsent(ConsentGap::ParentsDisagree)]
    );
    // Of a sibling group, the gravest gap of any child: a child against it before a missing
    // answer.
    let mut a = super::tests::child();
    a.consent_child = Some(Consent::Disagrees);
    let mut b = super::tests::child();
    b.id = ChildId(2);
    b.consent_parents = None;
    let unit = MatchUnit {
        children: vec![b, a],
        together: true,
    };
    assert_eq!(
        flags(&unit, &option(7)),
        [FlagKind::NoConsent(ConsentGap::ChildAgainst)]
    );
}

#[test]
fn an_institution_has_no_home_nor_family_consultant_to_weigh() {
    use crate::UserId;
    let mut home = with_home(&["2017-09-01"]);
    home.kind = PlacementKind::ChildrensHome;
    home.responsible_consultant = Some(UserId(6));
    let mut c = child();
    c.current_consultant = Some(UserId(5));
    assert_eq!(flags(&MatchUnit::single(c), &home), []);
}

#[test]
fn a_placed_child_moving_to_another_consultants_family_is_flagged() {
    use crate::UserId;
    let mut c = child();
    c.current_consultant = Some(UserId(5));
    let unit = MatchUnit::single(c);
    let mut same = option(7);
    same.responsible_consultant = Some(UserId(5));
    assert_eq!(flags(&unit, &same), []);
    let mut other = option(8);
    other.responsible_consultant = Some(UserId(6));
    assert_eq!(flags(&unit, &other), [FlagKind::ConsultantChange]);
    // Not placed now, or no consultant named for the option: nothing to compare.
    assert_eq!(flags(&MatchUnit::single(child()), &other), []);
    assert_eq!(flags(&unit, &option(9)), []);
}
