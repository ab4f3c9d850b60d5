//! Examples for every exclusion, criterion and recommendation, and the ranking's properties.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::criteria::{Criterion, Reason, SchoolReason};
use super::exclusions::{Exclusion, ExclusionCode};
use super::recommendation::RecommendationKind;
use super::*;
use crate::{ApprovalAuthority, ApprovalStatus, Arg, Message};

pub(super) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn code(s: &str) -> NeedCode {
    NeedCode::parse(s).unwrap()
}

pub(super) const START: &str = "2026-12-01";
/// Roskilde station.
const ROSKILDE: (f64, f64) = (55.6396, 12.0878);

pub(super) fn at(lat: f64, lon: f64) -> Option<Coordinates> {
    Some(Coordinates::new(lat, lon).unwrap())
}

/// A ten-year-old in the general target area with one moderate need, school and parents in
/// Roskilde, Danish-speaking.
pub(super) fn child() -> ChildProfile {
    ChildProfile {
        id: ChildId(1),
        birth_date: d("2016-05-10"),
        target_area: TargetArea::General,
        support_level: NeedLevel::Moderate,
        needs: vec![(code("attachment"), NeedLevel::Moderate)],
        needs_wheelchair_access: false,
        languages: vec!["da".into()],
        culture_religion_wishes: String::new(),
        school_recorded: true,
        school: at(ROSKILDE.0, ROSKILDE.1),
        parents_home: at(ROSKILDE.0, ROSKILDE.1),
        network_places: vec![],
        known_options: vec![],
        unsuitable: vec![],
        has_siblings: false,
        siblings_placed_in: vec![],
        breakdowns_in: vec![],
        consent_child: Some(crate::stability_facts::Consent::Agrees),
        consent_parents: Some(crate::stability_facts::Consent::Agrees),
        current_consultant: None,
    }
}

/// An approved general foster family in Roskilde with two free places that covers attachment.
pub(super) fn option(id: i64) -> OptionProfile {
    OptionProfile {
        id: PlacementOptionId(id),
        kind: PlacementKind::GeneralFosterFamily,
        institution_form: None,
        approval: Approval {
            authority: ApprovalAuthority::SocialSupervision,
            approved_on: Some(d("2025-01-01")),
            valid_until: Some(d("2028-01-01")),
            status: ApprovalStatus::Active,
        },
        free_places: 2,
        age_range: AgeRange::new(0, 17).unwrap(),
        target_areas: vec![TargetArea::General],
        competences: vec![(code("attachment"), NeedLevel::Moderate)],
        languages: vec!["da".into()],
        culture_religion: String::new(),
        wheelchair_access: false,
        day_rate_dkk: None,
        coordinates: at(ROSKILDE.0, ROSKILDE.1),
        network_child_id: None,
        breakdowns: 0,
        capacity_confirmed_on: Some(d("2026-11-20")),
        household: vec![],
        responsible_consultant: None,
    }
}

pub(super) fn run(unit: &MatchUnit, options: &[OptionProfile]) -> MatchOutcome {
    rank(unit, options, &MatchRules::default(), d(START))
}

fn excluded_codes(unit: &MatchUnit, o: OptionProfile) -> Vec<ExclusionCode> {
    let out = run(unit, &[o]);
    out.excluded
        .first()
        .map(|e| e.reasons.iter().map(|r| r.code()).collect())
        .unwrap_or_default()
}

/// One criterion's part of a score: its points and its reason (a value; its words are the
/// catalogue's, tested in `kith-text`).
struct Said {
    points: f64,
    max_points: f64,
    reason: Reason,
}

fn contribution(r: &RankedOption, c: Criterion) -> Said {
    let p = r.parts.iter().find(|x| x.criterion == c).unwrap();
    Said {
        points: f64::from(p.tenths) / 10.0,
        max_points: f64::from(p.max_tenths) / 10.0,
        reason: p.reason.clone(),
    }
}

/// The clauses of a reason told in parts ("1 of 3 fully; partly: …").
fn clauses(m: &Message) -> Vec<Message> {
    match m.arg("clauses") {
        Some(Arg::Clauses(c)) => c.clone(),
        other => panic!("{} has no clauses: {other:?}", m.key),
    }
}

fn int(m: &Message, name: &str) -> i64 {
    match m.arg(name) {
        Some(Arg::Int(n)) => *n,
        other => panic!("{}: {name} is {other:?}", m.key),
    }
}

// ---- exclusions -------------------------------------------------------------------------

#[test]
fn a_fitting_option_is_not_excluded() {
    assert!(excluded_codes(&MatchUnit::single(child()), option(1)).is_empty());
}

#[test]
fn a_secure_unit_is_not_offered_to_a_young_child_unless_the_rules_say_so() {
    // A children's home that is a secure unit. The child turns ten on 10 May 2026, so is 10
    // at the start (1 December 2026): under the default 12.
    let mut secure = option(1);
    secure.kind = PlacementKind::ChildrensHome;
    secure.institution_form = Some(crate::InstitutionForm::SecureUnit);
    let u = MatchUnit::single(child());
    let rules = MatchRules::default();
    let out = rank(&u, std::slice::from_ref(&secure), &rules, d(START));
    let reasons = &out.excluded[0].reasons;
    assert!(
        reasons.contains(&Exclusion::SecureUnitTooYoung { age: 10, min: 12 }),
        "{reasons:?}"
    );
    // A fourteen-year-old may be offered it (other limits aside).
    let mut older = child();
    older.birth_date = d("2012-05-10");
    assert!(
        !excluded_codes(&MatchUnit::single(older), secure.clone())
            .contains(&ExclusionCode::SecureUnitAge)
    );
    // An ordinary children's home is not held to the rule.
    let mut home = secure.clone();
    home.institution_form = Some(crate::InstitutionForm::ResidentialInstitution);
    assert!(!excluded_codes(&u, home).contains(&ExclusionCode::SecureUnitAge));
    // A rule set can change the age; it is refused above 17.
    let lower = MatchRules {
        secure_unit_min_age: 10,
        ..MatchRules::default()
    };
    let out = rank(&u, &[secure], &lower, d(START));
    assert!(out.excluded.iter().all(|e| {
        !e.reasons
            .iter()
            .any(|r| r.code() == ExclusionCode::SecureUnitAge)
    }));
    let wrong = MatchRules {
        secure_unit_min_age: 18,
        ..MatchRules::default()
    };
    let problems = wrong.validate().unwrap_err();
    assert!(
        problems
            .iter()
            .any(|(f, m)| f == "secure_unit_min_age" && m.key == "problem.rule_secure_unit_age")
    );
}

#[test]
fn unapproved_suspended_and_expiring_options_are_excluded() {
    let u = MatchUnit::single(child());
    let mut o = option(1);
    o.approval.status = ApprovalStatus::Suspended;
    assert_eq!(excluded_codes(&u, o), [ExclusionCode::ApprovalSuspended]);
    let mut o = option(1);
    o.approval.valid_until = Some(d("2026-11-30"));
    assert_eq!(excluded_codes(&u, o), [ExclusionCode::ApprovalExpired]);
    let mut o = option(1);
    o.approval.approved_on = Some(d("2026-12-02"));
    assert_eq!(excluded_codes(&u, o), [ExclusionCode::NotApproved]);
    let mut o = option(1);
    o.approval.status = ApprovalStatus::Pending;
    assert_eq!(excluded_codes(&u, o), [ExclusionCode::NotApproved]);
}

#[test]
fn a_network_family_in_assessment_is_flagged_not_excluded() {
    let u = MatchUnit::single(child());
    let mut o = option(1);
    o.kind = PlacementKind::NetworkFosterFamily;
    o.approval.status = ApprovalStatus::Pending;
    o.network_child_id = Some(ChildId(1));
    let out = run(&u, &[o]);
    assert!(out.excluded.is_empty());
    let flag = out.ranked[0].flags[0];
    assert_eq!(flag, FlagKind::NeedsConcreteApproval);
    assert_eq!(flag.code(), "needs_concrete_approval");
}

#[test]
fn too_few_free_places_for_the_siblings_excludes() {
    let mut b = child();
    b.id = ChildId(2);
    let group = MatchUnit {
        children: vec![child(), b],
        together: true,
    };
    let mut o = option(1);
    o.free_places = 1;
    let out = run(&group, &[o]);
    let t = &out.excluded[0].reasons;
    assert_eq!(t[0].code(), ExclusionCode::NoFreePlace);
    assert_eq!(t[0], Exclusion::NoFreePlace { free: 1, needed: 2 });
}

#[test]
fn age_target_area_level_severe_need_wheelchair_network_and_unsuitable_each_exclude() {
    let u = MatchUnit::single(child());
    // Ten years old on 1 December 2026 (born 10 May 2016).
    let mut o = option(1);
    o.age_range = AgeRange::new(11, 17).unwrap();
    let out = run(&u, &[o]);
    let t = &out.excluded[0].reasons;
    assert_eq!(t[0].code(), ExclusionCode::AgeOutsideRange);
    assert_eq!(
        t[0],
        Exclusion::Age {
            age: 10,
            min: 11,
            max: 17
        }
    );

    let mut o = option(1);
    o.target_areas = vec![TargetArea::Disability];
    assert_eq!(excluded_codes(&u, o), [ExclusionCode::TargetArea]);

    let mut severe = child();
    severe.support_level = NeedLevel::Severe;
    severe.needs = vec![(code("attachment"), NeedLevel::Severe)];
    // A general foster family takes up to moderate, and has attachment only up to moderate.
    assert_eq!(
        excluded_codes(&MatchUnit::single(severe.clone()), option(1)),
        [
            ExclusionCode::SupportLevel,
            ExclusionCode::SevereNeedUncovered
        ]
    );
    // A network family is judged case by case: not excluded by level.
    let mut net = option(1);
    net.kind = PlacementKind::NetworkFosterFamily;
    net.network_child_id = Some(ChildId(1));
    net.competences = vec![(code("attachment"), NeedLevel::Severe)];
    assert!(excluded_codes(&MatchUnit::single(severe), net).is_empty());

    let mut wheel = child();
    wheel.needs_wheelchair_access = true;
    assert_eq!(
        excluded_codes(&MatchUnit::single(wheel), option(1)),
        [ExclusionCode::NoWheelchairAccess]
    );

    let mut other = option(1);
    other.kind = PlacementKind::NetworkFosterFamily;
    other.network_child_id = Some(ChildId(99));
    assert_eq!(
        excluded_codes(&u, other),
        [ExclusionCode::NetworkForAnotherChild]
    );

    let mut c = child();
    c.unsuitable = vec![(PlacementOptionId(1), "breakdown in 2024".into())];
    let out = run(&MatchUnit::single(c), &[option(1)]);
    let t = &out.excluded[0].reasons;
    assert_eq!(t[0].code(), ExclusionCode::Unsuitable);
    assert_eq!(t[0], Exclusion::Unsuitable("breakdown in 2024".into()));
}

#[test]
fn every_reason_is_listed_not_only_the_first() {
    let mut c = child();
    c.needs_wheelchair_access = true;
    c.unsuitable = vec![(PlacementOptionId(1), "x".into())];
    let mut o = option(1);
    o.approval.status = ApprovalStatus::Expired;
    o.free_places = 0;
    o.target_areas = vec![TargetArea::Disability];
    assert_eq!(
        excluded_codes(&MatchUnit::single(c), o),
        [
            ExclusionCode::ApprovalExpired,
            ExclusionCode::NoFreePlace,
            ExclusionCode::TargetArea,
            ExclusionCode::NoWheelchairAccess,
            ExclusionCode::Unsuitable
        ]
    );
}

// ---- criteria ---------------------------------------------------------------------------

#[test]
fn a_perfect_option_scores_100_and_contributions_follow_the_weights() {
    let out = run(&MatchUnit::single(child()), &[option(1)]);
    let r = &out.ranked[0];
    // Everything at full marks except known adults (15 of 100): 85.
    assert_eq!(r.score(), 85.0);
    assert_eq!(contribution(r, Criterion::Needs).points, 30.0);
    assert_eq!(contribution(r, Criterion::KnownAdults).points, 0.0);
    assert_eq!(contribution(r, Criterion::KnownAdults).max_points, 15.0);
    assert_eq!(
        contribution(r, Criterion::KnownAdults).reason,
        Reason::NoKnownAdults
    );
}

#[test]
fn needs_are_weighted_by_level_and_partial_cover_counts_half() {
    let mut c = child();
    // Severe 3, moderate 2, light 1 (weights); moderate trauma below severe would exclude, so
    // use moderate needs: attachment (2) covered, adhd (2) partly (light competence), trauma
    // (1, light) missing: (2·2 + 2 + 0) / (2·(2+2+1)) = 6/10 of 30 = 18 points.
    c.needs = vec![
        (code("attachment"), NeedLevel::Moderate),
        (code("adhd"), NeedLevel::Moderate),
        (code("trauma"), NeedLevel::Light),
    ];
    let mut o = option(1);
    o.competences = vec![
        (code("attachment"), NeedLevel::Severe),
        (code("adhd"), NeedLevel::Light),
    ];
    let out = run(&MatchUnit::single(c), &[o]);
    let n = contribution(&out.ranked[0], Criterion::Needs);
    assert_eq!(n.points, 18.0);
    // "Covers 1 of 3 needs fully; partly: ADHD; not: Trauma".
    assert_eq!(
        clauses(&n.reason.message()),
        [
            Message::new("reason.covers_fully")
                .int("full", 1)
                .int("total", 3),
            Message::new("reason.covers_partly").list("needs", vec![Arg::Need(code("adhd"))]),
            Message::new("reason.covers_not").list("needs", vec![Arg::Need(code("trauma"))]),
        ]
    );
}

#[test]
fn known_adults_from_network_or_respite_earn_full_marks() {
    let mut c = child();
    c.known_options = vec![KnownOption {
        option_id: PlacementOptionId(1),
        how: "respite care".into(),
    }];
    let out = run(&MatchUnit::single(c), &[option(1)]);
    let k = contribution(&out.ranked[0], Criterion::KnownAdults);
    assert_eq!(k.points, 15.0);
    assert_eq!(k.reason, Reason::KnowsFamily("respite care".into()));
}

#[test]
fn school_distance_scales_from_5_to_25_km_and_missing_data_says_so() {
    // 0.135 degrees of latitude is 15.01 km (111.195 km per degree): halfway, 5 of 10 points.
    let mut o = option(1);
    o.coordinates = at(ROSKILDE.0 + 0.135, ROSKILDE.1);
    let out = run(&MatchUnit::single(child()), &[o]);
    let s = contribution(&out.ranked[0], Criterion::School);
    assert_eq!(s.points, 5.0);
    match s.reason {
        Reason::School(SchoolReason::Distance(km)) => assert!((km - 15.01).abs() < 0.01, "{km}"),
        other => panic!("{other:?}"),
    }

    let mut c = child();
    c.school_recorded = false;
    c.school = None;
    let out = run(&MatchUnit::single(c.clone()), &[option(1)]);
    let s = contribution(&out.ranked[0], Criterion::School);
    assert_eq!(
        (s.points, s.reason),
        (0.0, Reason::School(SchoolReason::NotRecorded))
    );
    // A four-year-old has no school to keep.
    c.birth_date = d("2022-03-01");
    let out = run(&MatchUnit::single(c), &[option(1)]);
    assert_eq!(
        contribution(&out.ranked[0], Criterion::School).reason,
        Reason::School(SchoolReason::NotSchoolAge)
    );

    let mut o = option(1);
    o.coordinates = None;
    let out = run(&MatchUnit::single(child()), &[o]);
    assert_eq!(
        contribution(&out.ranked[0], Criterion::School).reason,
        Reason::School(SchoolReason::OptionHasNoCoordinates)
    );
}

#[test]
fn nearness_to_parents_and_network_uses_the_nearest() {
    let mut c = child();
    // Parents 0.5 degrees north (55.6 km: almost no points), a grandmother in Roskilde.
    c.parents_home = at(ROSKILDE.0 + 0.5, ROSKILDE.1);
    c.network_places = vec![at(ROSKILDE.0, ROSKILDE.1).unwrap()];
    let out = run(&MatchUnit::single(c.clone()), &[option(1)]);
    assert_eq!(
        contribution(&out.ranked[0], Criterion::NearNetwork).points,
        10.0
    );
    c.parents_home = None;
    c.network_places = vec![];
    let out = run(&MatchUnit::single(c), &[option(1)]);
    let n = contribution(&out.ranked[0], Criterion::NearNetwork);
    assert_eq!(
        (n.points, n.reason),
        (0.0, Reason::NoParentsOrNetworkLocation)
    );
}

#[test]
fn siblings_together_full_marks_and_a_split_is_shown_as_a_split() {
    let mut a = child();
    a.has_siblings = true;
    let mut b = a.clone();
    b.id = ChildId(2);
    let together = MatchUnit {
        children: vec![a.clone(), b],
        together: true,
    };
    let out = run(&together, &[option(1)]);
    assert_eq!(
        contribution(&out.ranked[0], Criterion::Siblings).reason,
        Reason::SiblingsTogether(2)
    );
    assert_eq!(
        contribution(&out.ranked[0], Criterion::Siblings).points,
        10.0
    );
    let alone = MatchUnit {
        children: vec![a],
        together: false,
    };
    assert!(alone.is_split());
    let out = run(&alone, &[option(1)]);
    let s = contribution(&out.ranked[0], Criterion::Siblings);
    assert_eq!((s.points, s.reason), (0.0, Reason::PlacedApart));
}

#[test]
fn language_culture_tier_track_record_and_cost() {
    let mut c = child();
    c.languages = vec!["ar".into(), "da".into()];
    c.culture_religion_wishes = "Muslimsk familie".into();
    let mut o = option(1);
    o.culture_religion = "muslimsk".into();
    let out = run(&MatchUnit::single(c), &[o]);
    let r = &out.ranked[0];
    assert_eq!(contribution(r, Criterion::Language).points, 2.5);
    assert_eq!(
        contribution(r, Criterion::Language).reason,
        Reason::DoesNotSpeak(vec!["ar".into()])
    );
    assert_eq!(contribution(r, Criterion::Culture).points, 5.0);
    assert_eq!(
        contribution(r, Criterion::Culture).reason,
        Reason::MeetsWish(vec!["muslimsk".into()])
    );

    // A light-needs child in a specialised family: far more than needed.
    let mut light = child();
    light.support_level = NeedLevel::Light;
    let mut o = option(1);
    o.kind = PlacementKind::SpecialisedFosterFamily;
    o.breakdowns = 1;
    let out = run(&MatchUnit::single(light), &[o]);
    let r = &out.ranked[0];
    assert_eq!(contribution(r, Criterion::TierFit).points, 0.0);
    assert_eq!(contribution(r, Criterion::TrackRecord).points, 2.5);
    assert_eq!(
        contribution(r, Criterion::TrackRecord).reason,
        Reason::Breakdowns(1)
    );

    // Institutions: DKK 5000 is halfway between 2500 and 7500.
    let mut home = option(1);
    home.kind = PlacementKind::ChildrensHome;
    home.day_rate_dkk = Some(5000);
    let out = run(&MatchUnit::single(child()), &[home.clone()]);
    assert_eq!(contribution(&out.ranked[0], Criterion::Cost).points, 2.5);
    home.day_rate_dkk = None;
    let out = run(&MatchUnit::single(child()), &[home]);
    let cst = contribution(&out.ranked[0], Criterion::Cost);
    assert_eq!((cst.points, cst.reason), (0.0, Reason::NoDayRateRecorded));
}

#[test]
fn a_child_whose_siblings_already_live_somewhere_scores_joining_them() {
    let mut c = child();
    c.has_siblings = true;
    c.siblings_placed_in = vec![PlacementOptionId(2)];
    let out = run(&MatchUnit::single(c), &[option(1), option(2)]);
    let by_id = |id: i64| {
        out.ranked
            .iter()
            .find(|r| r.option_id == PlacementOptionId(id))
            .unwrap()
    };
    let with = contribution(by_id(2), Criterion::Siblings);
    assert_eq!((with.points, with.reason), (10.0, Reason::JoinsSiblings));
    let apart = contribution(by_id(1), Criterion::Siblings);
    assert_eq!(
        (apart.points, apart.reason),
        (0.0, Reason::ApartFromPlacedSiblings)
    );
    assert_eq!(
        out.ranked[0].option_id,
        PlacementOptionId(2),
        "10 points ahead"
    );
}

// ---- order and recommendation -----------------------------------------------------------

#[test]
fn network_first_then_family_based_then_institutional() {
    let mut home = option(1);
    home.kind = PlacementKind::ChildrensHome;
    let family = option(2);
    let mut net = option(3);
    net.kind = PlacementKind::NetworkFosterFamily;
    net.network_child_id = Some(ChildId(1));
    net.capacity_confirmed_on = Some(d("2020-01-01"));
    let out = run(&MatchUnit::single(child()), &[home, family, net]);
    let order: Vec<i64> = out.ranked.iter().map(|r| r.option_id.0).collect();
    assert_eq!(order, [3, 2, 1]);
    assert_eq!(out.ranked[0].flags[0].code(), "capacity_stale");
    assert_eq!(out.recommendation.kind, RecommendationKind::FamilyBased);
    assert_eq!(
        out.recommendation.best_option_id,
        Some(PlacementOptionId(3))
    );
}

#[test]
fn no_family_option_covering_severe_needs_recommends_a_short_institutional_stay() {
    let mut c = child();
    c.support_level = NeedLevel::Severe;
    c.needs = vec![
        (code("substance_use"), NeedLevel::Severe),
        (code("attachment"), NeedLevel::Moderate),
    ];
    let mut family = option(1);
    family.kind = PlacementKind::ReinforcedFosterFamily;
    let mut home = option(2);
    home.kind = PlacementKind::ChildrensHome;
    home.competences = vec![(code("substance_use"), NeedLevel::Severe)];
    let out = run(&MatchUnit::single(c), &[family, home]);
    let r = &out.recommendation;
    assert_eq!(r.kind, RecommendationKind::InstitutionalStay);
    assert_eq!(r.planned_months, Some(6));
    assert_eq!(r.deciding_needs, vec![code("substance_use")]);
    assert_eq!(r.best_option_id, Some(PlacementOptionId(2)));
    assert_eq!(
        r.reasons[0],
        Message::new("advice.severe_needs_uncovered")
            .list("needs", vec![Arg::Need(code("substance_use"))])
    );
    assert_eq!(
        r.text,
        Message::new("advice.institutional_stay").int("months", 6u32)
    );
}

#[test]
fn nothing_fits_says_so() {
    let mut o = option(1);
    o.free_places = 0;
    let out = run(&MatchUnit::single(child()), &[o]);
    assert_eq!(out.recommendation.kind, RecommendationKind::NoneSuitable);
    let counted = &out.recommendation.reasons[0];
    assert_eq!(counted.key, "advice.excluded_count");
    assert_eq!((int(counted, "count"), int(counted, "total")), (1, 1));
}

#[test]
fn exclusion_counts_count_options_not_reasons() {
    // Two severe needs no family covers: each of the three families has two reasons of the
    // same kind, and counts once.
    let mut c = child();
    c.support_level = NeedLevel::Severe;
    c.needs = vec![
        (code("substance_use"), NeedLevel::Severe),
        (code("self_harm"), NeedLevel::Severe),
    ];
    let families: Vec<OptionProfile> = (1..=3)
        .map(|i| {
            let mut o = option(i);
            o.kind = PlacementKind::ReinforcedFosterFamily;
            o
        })
        .collect();
    let out = run(&MatchUnit::single(c), &families);
    assert_eq!(out.excluded.len(), 3);
    assert!(out.excluded.iter().all(|e| {
        e.reasons
            .iter()
            .filter(|r| r.code() == ExclusionCode::SevereNeedUncovered)
            .count()
            == 2
    }));
    let counted: Vec<&Message> = out
        .recommendation
        .reasons
        .iter()
        .filter(|r| r.key == "advice.excluded_count")
        .collect();
    assert_eq!(counted.len(), 1, "{counted:?}");
    // 3 of 3 options, not 6 reasons.
    assert_eq!((int(counted[0], "count"), int(counted[0], "total")), (3, 3));
}

#[test]
fn the_recommendation_names_the_option_the_list_shows_first() {
    // A specialised family scores higher than the network family, but the list puts the
    // network first: the recommendation names the network family, as the list does.
    let mut special = option(1);
    special.kind = PlacementKind::SpecialisedFosterFamily;
    special.competences = vec![(code("attachment"), NeedLevel::Severe)];
    let mut net = option(2);
    net.kind = PlacementKind::NetworkFosterFamily;
    net.network_child_id = Some(ChildId(1));
    net.competences = vec![];
    net.coordinates = at(ROSKILDE.0 + 2.0, ROSKILDE.1);
    let out = run(&MatchUnit::single(child()), &[special.clone(), net]);
    assert_eq!(out.ranked[0].option_id, PlacementOptionId(2));
    assert!(
        out.ranked[1].key > out.ranked[0].key,
        "the family scores higher"
    );
    assert_eq!(
        out.recommendation.best_option_id,
        Some(PlacementOptionId(2))
    );
    assert_eq!(out.recommendation.reasons.len(), 1);
    let meets = &out.recommendation.reasons[0];
    assert_eq!(meets.key, "advice.meet_every_requirement");
    assert_eq!(int(meets, "count"), 2);
    assert_eq!(
        meets.arg("score"),
        Some(&Arg::Decimal(out.ranked[0].score(), 1)),
        "the first in the list, the network family"
    );
}

#[test]
fn recommending_past_the_network_says_why() {
    let family = option(1);
    // No network family at all.
    let out = run(&MatchUnit::single(child()), std::slice::from_ref(&family));
    assert_eq!(
        out.recommendation.best_option_id,
        Some(PlacementOptionId(1))
    );
    assert_eq!(
        out.recommendation.reasons[1],
        Message::new("advice.no_network_family")
    );
    assert_eq!(
        out.recommendation.reasons[0],
        Message::new("advice.meet_every_requirement")
            .int("count", 1)
            .decimal("score", out.ranked[0].score(), 1)
    );
    // A network family approved for another child is excluded, and the reason is told.
    let mut net = option(2);
    net.kind = PlacementKind::NetworkFosterFamily;
    net.network_child_id = Some(ChildId(99));
    let out = run(&MatchUnit::single(child()), &[family, net]);
    assert_eq!(
        out.recommendation.best_option_id,
        Some(PlacementOptionId(1))
    );
    assert_eq!(
        out.recommendation.reasons[1],
        Message::new("advice.network_excluded")
            .int("count", 1)
            .clauses("why", vec![Exclusion::NetworkForAnotherChild.message()])
    );
}

#[test]
fn a_network_family_is_not_told_as_zero_km_from_the_network() {
    // The carer's home is itself a network place; the parents live 2 degrees north
    // (about 222 km: 2 x 111.2 km per degree of latitude).
    let mut c = child();
    c.parents_home = at(ROSKILDE.0 + 2.0, ROSKILDE.1);
    c.network_places = vec![at(ROSKILDE.0, ROSKILDE.1).unwrap()];
    let mut net = option(1);
    net.kind = PlacementKind::NetworkFosterFamily;
    net.network_child_id = Some(ChildId(1));
    let out = run(&MatchUnit::single(c.clone()), &[net]);
    let n = contribution(&out.ranked[0], Criterion::NearNetwork);
    match n.reason {
        Reason::Near {
            parents: Some(p),
            network: None,
            is_network: true,
        } => assert!((p - 222.4).abs() < 0.5, "{p}"),
        other => panic!("told as {other:?}"),
    }
    // Any other option is told both distances.
    let out = run(&MatchUnit::single(c), &[option(2)]);
    let n = contribution(&out.ranked[0], Criterion::NearNetwork);
    match n.reason {
        Reason::Near {
            parents: Some(p),
            network: Some(net),
            is_network: false,
        } => assert!((p - 222.4).abs() < 0.5 && net < 0.05, "{p} {net}"),
        other => panic!("told as {other:?}"),
    }
}

// ---- properties -------------------------------------------------------------------------

fn arb_level() -> impl Strategy<Value = NeedLevel> {
    prop::sample::select(NeedLevel::ALL.to_vec())
}

const CODES: [&str; 6] = [
    "attachment",
    "trauma",
    "adhd",
    "autism_spectrum",
    "substance_use",
    "language_support",
];

fn arb_needs() -> impl Strategy<Value = Vec<(NeedCode, NeedLevel)>> {
    prop::collection::btree_map(0usize..CODES.len(), arb_level(), 0..5)
        .prop_map(|m| m.into_iter().map(|(i, l)| (code(CODES[i]), l)).collect())
}

fn arb_option(id: i64) -> impl Strategy<Value = OptionProfile> {
    (
        prop::sample::select(PlacementKind::ALL.to_vec()),
        prop::sample::select(ApprovalStatus::ALL.to_vec()),
        0u32..3,
        (0i64..10, 5i64..18),
        arb_needs(),
        (-0.3f64..0.3, -0.3f64..0.3),
        any::<bool>(),
        prop::option::of(2000u32..9000),
        0u32..3,
        prop::collection::vec(prop::sample::select(TargetArea::ALL.to_vec()), 1..3),
    )
        .prop_map(
            move |(
                kind,
                status,
                free,
                (lo, hi),
                competences,
                (dlat, dlon),
                wheel,
                rate,
                breakdowns,
                areas,
            )| {
                let mut o = option(id);
                o.kind = kind;
                o.approval.status = status;
                o.free_places = free;
                o.age_range = AgeRange::new(lo.min(hi), hi.max(lo)).unwrap();
                o.competences = competences;
                o.coordinates = at(ROSKILDE.0 + dlat, ROSKILDE.1 + dlon);
                o.wheelchair_access = wheel;
                o.day_rate_dkk = rate;
                o.breakdowns = breakdowns;
                o.target_areas = areas;
                if kind.is_network() {
                    o.network_child_id = Some(ChildId(if id % 2 == 0 { 1 } else { 7 }));
                }
                o
            },
        )
}

fn arb_child() -> impl Strategy<Value = ChildProfile> {
    (
        arb_needs(),
        arb_level(),
        0u64..17,
        prop::sample::select(TargetArea::ALL.to_vec()),
        any::<bool>(),
    )
        .prop_map(|(needs, level, years, area, wheel)| {
            let mut c = child();
            c.needs = needs;
            c.support_level = level;
            c.birth_date = d(START) - chrono::Days::new(years * 365 + 30);
            c.target_area = area;
            c.needs_wheelchair_access = wheel;
            c
        })
}

fn arb_options() -> impl Strategy<Value = Vec<OptionProfile>> {
    (1usize..12).prop_flat_map(|n| (0..n).map(|i| arb_option(i as i64 + 1)).collect::<Vec<_>>())
}

/// An option that passes every hard constraint for [`arb_mild_child`], varied on every
/// criterion.
fn arb_fitting_option(id: i64) -> impl Strategy<Value = OptionProfile> {
    arb_option(id).prop_map(|mut o| {
        if o.kind.is_network() {
            o.kind = PlacementKind::ReinforcedFosterFamily;
            o.network_child_id = None;
        }
        o.approval.status = ApprovalStatus::Active;
        o.free_places = o.free_places.max(1);
        o.age_range = AgeRange::new(0, 17).unwrap();
        o.target_areas = TargetArea::ALL.to_vec();
        o.wheelchair_access = true;
        o
    })
}

/// Options that pass every hard constraint for [`arb_mild_child`].
fn arb_fitting_options() -> impl Strategy<Value = Vec<OptionProfile>> {
    (2usize..10).prop_flat_map(|n| {
        (0..n)
            .map(|i| arb_fitting_option(i as i64 + 1))
            .collect::<Vec<_>>()
    })
}

/// Runs a property over `cases` generated inputs, counting the cases that reached its
/// assertions (the body answers whether it did), and fails unless nine in ten did: a property
/// whose inputs mostly miss its point proves little.
fn counted<S: Strategy>(
    strategy: S,
    cases: u32,
    body: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) {
    use std::sync::atomic::{AtomicU32, Ordering};
    let (asserted, total) = (AtomicU32::new(0), AtomicU32::new(0));
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    runner
        .run(&strategy, |v| {
            total.fetch_add(1, Ordering::Relaxed);
            if body(v)? {
                asserted.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    let (a, t) = (asserted.into_inner(), total.into_inner());
    assert!(
        a * 10 >= t * 9,
        "only {a} of {t} cases reached the assertions"
    );
}

#[test]
fn each_score_is_the_sum_of_its_contributions_within_0_and_100() {
    counted(
        (arb_mild_child(), arb_fitting_options(), arb_weights()),
        300,
        |(c, options, w)| {
            let rules = MatchRules {
                weights: w,
                ..MatchRules::default()
            };
            let out = rank(&MatchUnit::single(c), &options, &rules, d(START));
            for r in &out.ranked {
                let sum: u32 = r.parts.iter().map(|x| x.tenths).sum();
                prop_assert_eq!(r.score_tenths, sum, "the score is the sum of its parts");
                prop_assert!((0.0..=100.0).contains(&r.score()));
                for x in &r.parts {
                    prop_assert!(x.tenths <= x.max_tenths + 1);
                }
            }
            Ok(!out.ranked.is_empty())
        },
    );
}

#[test]
fn adding_a_competence_never_lowers_a_score() {
    counted(
        (
            arb_mild_child(),
            arb_fitting_option(2),
            0usize..CODES.len(),
            arb_level(),
        ),
        300,
        |(c, o, extra, level)| {
            let unit = MatchUnit::single(c);
            let before = run(&unit, std::slice::from_ref(&o));
            let mut better = o.clone();
            let code = code(CODES[extra]);
            match better.competences.iter_mut().find(|(k, _)| *k == code) {
                Some((_, l)) => *l = (*l).max(level),
                None => better.competences.push((code, level)),
            }
            let after = run(&unit, &[better]);
            let Some(b) = before.ranked.first() else {
                return Ok(false);
            };
            let a = after.ranked.first();
            prop_assert!(a.is_some(), "an option that fitted still fits");
            prop_assert!(a.unwrap().score_tenths >= b.score_tenths);
            prop_assert!(a.unwrap().key >= b.key);
            Ok(true)
        },
    );
}

/// A child with no severe need and at most moderate support (so every kind may take it).
fn arb_mild_child() -> impl Strategy<Value = ChildProfile> {
    arb_child().prop_map(|mut c| {
        c.support_level = c.support_level.min(NeedLevel::Moderate);
        for (_, l) in c.needs.iter_mut() {
            *l = (*l).min(NeedLevel::Moderate);
        }
        c
    })
}

fn arb_weights() -> impl Strategy<Value = Weights> {
    prop::collection::vec(0u32..40, 10)
        .prop_filter("some weight", |w| w.iter().any(|x| *x > 0))
        .prop_map(|w| Weights {
            needs: w[0],
            known_adults: w[1],
            school: w[2],
            near_network: w[3],
            siblings: w[4],
            language: w[5],
            culture: w[6],
            tier_fit: w[7],
            track_record: w[8],
            cost: w[9],
        })
}

fn set_weight(w: &mut Weights, c: Criterion, value: u32) {
    match c {
        Criterion::Needs => w.needs = value,
        Criterion::KnownAdults => w.known_adults = value,
        Criterion::School => w.school = value,
        Criterion::NearNetwork => w.near_network = value,
        Criterion::Siblings => w.siblings = value,
        Criterion::Language => w.language = value,
        Criterion::Culture => w.culture = value,
        Criterion::TierFit => w.tier_fit = value,
        Criterion::TrackRecord => w.track_record = value,
        Criterion::Cost => w.cost = value,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn an_excluded_option_never_appears_in_the_ranking(c in arb_child(), options in arb_options()) {
        let out = run(&MatchUnit::single(c.clone()), &options);
        for e in &out.excluded {
            prop_assert!(!out.ranked.iter().any(|r| r.option_id == e.option_id));
            prop_assert!(!e.reasons.is_empty());
        }
        prop_assert_eq!(out.ranked.len() + out.excluded.len(), options.len());
        for r in &out.ranked {
            let o = options.iter().find(|o| o.id == r.option_id).unwrap();
            let again = exclusions::exclusions(&MatchUnit::single(c.clone()), o, &MatchRules::default(), d(START));
            prop_assert!(again.is_empty());
        }
    }

    #[test]
    fn raising_a_weight_never_lowers_the_rank_of_the_best_option_on_that_criterion(
        c in arb_mild_child(), options in arb_fitting_options(), w in arb_weights(), which in 0usize..10, raise in 1u32..50
    ) {
        let criterion = Criterion::ALL[which];
        let unit = MatchUnit::single(c);
        let rules = MatchRules { weights: w, ..MatchRules::default() };
        let before = rank(&unit, &options, &rules, d(START));
        // The option that is strictly best on this criterion alone.
        let verdict = |r: &RankedOption| {
            let o = options.iter().find(|o| o.id == r.option_id).unwrap();
            criteria::judge(criterion, &unit, &UnitFacts::of(&unit), o, &rules, d(START)).permille
        };
        prop_assert_eq!(before.ranked.len(), options.len(), "every generated option fits");
        let (top, best_id) = before.ranked.iter().map(|r| (verdict(r), r.option_id)).max().unwrap();
        prop_assume!(before.ranked.iter().filter(|r| verdict(r) == top).count() == 1);
        let pos_before = before.ranked.iter().position(|r| r.option_id == best_id).unwrap();
        let mut raised = rules.clone();
        set_weight(&mut raised.weights, criterion, criterion.weight(&rules.weights) + raise);
        let after = rank(&unit, &options, &raised, d(START));
        let pos_after = after.ranked.iter().position(|r| r.option_id == best_id).unwrap();
        prop_assert!(pos_after <= pos_before, "moved from {} to {}", pos_before, pos_after);
    }

    #[test]
    fn ranking_is_deterministic(c in arb_child(), mut options in arb_options(), seed in any::<u64>()) {
        let unit = MatchUnit::single(c);
        let a = run(&unit, &options);
        // Same options in another order: same result.
        let n = options.len();
        options.rotate_left((seed as usize) % n.max(1));
        let b = run(&unit, &options);
        prop_assert_eq!(a, b);
    }
}
