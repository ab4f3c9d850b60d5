//! Stability flags: what the research on placement breakdown and the Act say about an option
//! for this child, told on the option with its reason and its source. They inform and never
//! exclude or change the score (docs/GLOSSARY.md, "Stabilitetsflag"):
//!
//! - a child in the home less than 2 years from the child's age, and the child not being the
//!   youngest in the home (matching practice; the other children in the home are among the
//!   carers' factors in Konijn et al. 2019, a meta-analysis of 42 studies);
//! - a teenager (13 or more) in a general foster family (the child's age, r = .25 in Konijn
//!   et al. 2019);
//! - a change of school: the school farther than the distance at which the school criterion
//!   gives nothing (Barnets Lov § 52(2): avoid a change of school);
//! - siblings split (§ 52(3); siblings together, r = .16 in Konijn et al. 2019);
//! - an earlier breakdown of this child in this kind of placement, in Kith or recorded from
//!   before (placement history, Konijn et al. 2019);
//! - the child or the parents not agreeing, or their answer not recorded (Danish guidance on
//!   placement with and without consent);
//! - a change of consultant for a child placed now (continuity of the adults around the child).
//!
//! The children in the home are those Kith has placed there now and those the family's record
//! holds (the carers' own, children placed by others), `stability_facts`.

use chrono::{Months, NaiveDate};

use super::{FlagKind, MatchRules, MatchUnit, OptionProfile};
use crate::PlacementKind;
use crate::age::age_on;
use crate::stability_facts::consent_missing;
use crate::wheel::rules::TEENAGER_FROM_AGE;

/// The stability flags of `option` for `unit`, starting on `start`, in a fixed order.
pub fn stability_flags(
    unit: &MatchUnit,
    option: &OptionProfile,
    rules: &MatchRules,
    start: NaiveDate,
) -> Vec<FlagKind> {
    let mut out = Vec::new();
    // A home's children and its consultant are a family's; an institution's are not.
    let family = option.kind.is_family_based();
    if let Some(age) = close_in_age(unit, option, start).filter(|_| family) {
        out.push(FlagKind::AgeGapUnderTwo { age });
    }
    if let Some(age) = younger_in_home(unit, option, start).filter(|_| family) {
        out.push(FlagKind::NotYoungest { age });
    }
    let oldest = unit
        .children
        .iter()
        .map(|c| age_on(c.birth_date, start))
        .max()
        .unwrap_or(0);
    if option.kind == PlacementKind::GeneralFosterFamily && oldest >= TEENAGER_FROM_AGE as u32 {
        out.push(FlagKind::TeenagerInGeneralFamily { age: oldest as u8 });
    }
    if let Some(km) = school_too_far(unit, option, rules) {
        out.push(FlagKind::SchoolChange { km });
    }
    let split = unit
        .children
        .iter()
        .any(|c| c.has_siblings && !unit.together && !c.siblings_placed_in.contains(&option.id));
    if split {
        out.push(FlagKind::SiblingsSplit);
    }
    if unit
        .children
        .iter()
        .any(|c| c.breakdowns_in.contains(&option.kind))
    {
        out.push(FlagKind::EarlierBreakdown(option.kind));
    }
    // The gravest gap of any child: parents disagreeing, then a child, then not recorded.
    let gaps = unit.children.iter().filter_map(|c| {
        consent_missing(
            c.consent_child,
            c.consent_parents,
            age_on(c.birth_date, start),
        )
    });
    if let Some(gap) = gaps.min_by_key(|g| *g as u8) {
        out.push(FlagKind::NoConsent(gap));
    }
    let changes = unit.children.iter().any(|c| {
        c.current_consultant
            .zip(option.responsible_consultant)
            .is_some_and(|(now, then)| now != then)
    });
    if changes && family {
        out.push(FlagKind::ConsultantChange);
    }
    out
}

/// The age on `start` of the child in the home closest in age to a child of the unit, when
/// less than two years apart (either way).
fn close_in_age(unit: &MatchUnit, option: &OptionProfile, start: NaiveDate) -> Option<u8> {
    let two = Months::new(24);
    home(unit, option)
        .iter()
        .filter(|h| {
            unit.children.iter().any(|c| {
                let (from, to) = (c.birth_date - two, c.birth_date + two);
                **h > from && **h < to
            })
        })
        .map(|h| age_on(*h, start) as u8)
        .min()
}

/// The age on `start` of the youngest child in the home, when born after the unit's youngest.
fn younger_in_home(unit: &MatchUnit, option: &OptionProfile, start: NaiveDate) -> Option<u8> {
    let youngest = unit.children.iter().map(|c| c.birth_date).max()?;
    let home = home(unit, option).into_iter().max()?;
    (home > youngest).then(|| age_on(home, start) as u8)
}

/// The birth dates of the other children in the home: a child matched again to the home it
/// lives in is not its own housemate.
fn home(unit: &MatchUnit, option: &OptionProfile) -> Vec<NaiveDate> {
    option
        .household
        .iter()
        .filter(|(id, _)| unit.children.iter().all(|c| Some(c.id) != *id))
        .map(|(_, born)| *born)
        .collect()
}

/// The distance to the farthest school of the unit, in whole km, beyond the rules' distance
/// at which the school criterion gives nothing.
fn school_too_far(unit: &MatchUnit, option: &OptionProfile, rules: &MatchRules) -> Option<u32> {
    let at = option.coordinates?;
    let km = unit
        .children
        .iter()
        .filter_map(|c| c.school.map(|s| s.distance_km(at)))
        .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.max(d))))?;
    (km > rules.school_zero_km).then(|| km.round() as u32)
}
