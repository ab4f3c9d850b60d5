//! What matching's stability flags need that Kith does not learn from its own placements: the
//! children in a family's home who are not placed by Kith (the carers' own, and children placed
//! there by others), when the family last confirmed them, whether the child and the parents
//! agree to the placement, and the child's placements before Kith. Recorded by the consultant
//! (the family) and the case adviser (the child); read by matching (`matching::stability`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Message, PlacementKind};

crate::macros::vocabulary!(
    /// Who a child in a family's home is, when Kith did not place them there.
    HouseholdRelation, "household relation" {
        /// The carers' own child.
        OwnChild = "own_child",
        /// A child placed in the home by another municipality or before Kith.
        PlacedByOthers = "placed_by_others",
    }
);

crate::macros::vocabulary!(
    /// Whether someone agrees to the placement.
    Consent, "consent" {
        /// Agrees.
        Agrees = "agrees",
        /// Does not agree.
        Disagrees = "disagrees",
        /// Has not been asked, or has not answered.
        NotAsked = "not_asked",
    }
);

/// A child living in a family's home, by birth date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdChild {
    pub born_on: NaiveDate,
    pub relation: HouseholdRelation,
}

/// A placement of the child before Kith: the kind of care and whether it broke down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EarlierPlacement {
    pub kind: PlacementKind,
    pub breakdown: bool,
}

/// The most children a home's record holds, and the most earlier placements a child's: a
/// record, not a register.
pub const MAX_HOUSEHOLD: usize = 12;
/// See [`MAX_HOUSEHOLD`].
pub const MAX_EARLIER_PLACEMENTS: usize = 30;

/// Checks a home's children as recorded on `today`: none born in the future, at most
/// [`MAX_HOUSEHOLD`]. Each problem names its field (`children[i].born_on`).
pub fn check_household(children: &[HouseholdChild], today: NaiveDate) -> Vec<(String, Message)> {
    let mut out = Vec::new();
    if children.len() > MAX_HOUSEHOLD {
        out.push((
            "children".to_owned(),
            Message::new("problem.household_too_many").int("max", MAX_HOUSEHOLD as i64),
        ));
    }
    for (i, c) in children.iter().enumerate() {
        if c.born_on > today {
            out.push((
                format!("children[{i}].born_on"),
                Message::new("problem.born_in_future"),
            ));
        }
    }
    out
}

/// Whether changing the child's recorded school from `old` to `new` (addresses) is a change
/// of school for the stability figures: only from one school to another — a school recorded
/// for the first time or removed is not a change, nor the same address written with other
/// spaces or capitals (a correction).
pub fn changes_school(old: Option<&str>, new: Option<&str>) -> bool {
    let norm = |a: &str| {
        a.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    match (old, new) {
        (Some(o), Some(n)) => {
            let (o, n) = (norm(o), norm(n));
            !o.is_empty() && !n.is_empty() && o != n
        }
        _ => false,
    }
}

/// The age from which a young person's own consent is needed for a placement with consent
/// (Barnets Lov § 46: the custody holder and a young person of 15 or more); a younger child's
/// view is heard and weighed, but is not consent.
pub const CONSENT_FROM_AGE: u32 = 15;

/// Whether consent is a concern for a placement of a child of `age`: the custody holder not
/// agreeing weighs first, then a young person of 15 or more not agreeing, then a younger child
/// against it, then an answer that is missing (not recorded, or not asked yet). A younger
/// child's missing answer is no gap.
pub fn consent_missing(
    child: Option<Consent>,
    parents: Option<Consent>,
    age: u32,
) -> Option<ConsentGap> {
    let of = |c: Option<Consent>| c.unwrap_or(Consent::NotAsked);
    let young_person = age >= CONSENT_FROM_AGE;
    match (of(child), of(parents)) {
        (_, Consent::Disagrees) => Some(ConsentGap::ParentsDisagree),
        (Consent::Disagrees, _) if young_person => Some(ConsentGap::YoungPersonDisagrees),
        (Consent::Disagrees, _) => Some(ConsentGap::ChildAgainst),
        (_, Consent::NotAsked) => Some(ConsentGap::NotRecorded),
        (Consent::NotAsked, _) if young_person => Some(ConsentGap::NotRecorded),
        _ => None,
    }
}

/// Why consent is a concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentGap {
    /// The custody holder does not agree.
    ParentsDisagree,
    /// A young person of 15 or more does not agree.
    YoungPersonDisagrees,
    /// A younger child is against the placement (a view, not consent).
    ChildAgainst,
    /// An answer that is needed is not recorded, or not asked yet.
    NotRecorded,
}

impl ConsentGap {
    /// Every gap, gravest first.
    pub const ALL: [ConsentGap; 4] = [
        ConsentGap::ParentsDisagree,
        ConsentGap::YoungPersonDisagrees,
        ConsentGap::ChildAgainst,
        ConsentGap::NotRecorded,
    ];

    /// The code (`consent_gap.*` in the catalogue).
    pub fn code(self) -> &'static str {
        match self {
            ConsentGap::ParentsDisagree => "parents_disagree",
            ConsentGap::YoungPersonDisagrees => "young_person_disagrees",
            ConsentGap::ChildAgainst => "child_against",
            ConsentGap::NotRecorded => "not_recorded",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn consent_is_the_custody_holders_and_from_fifteen_the_young_persons() {
        use Consent::*;
        let (ten, fifteen) = (10, CONSENT_FROM_AGE);
        assert_eq!(consent_missing(Some(Agrees), Some(Agrees), fifteen), None);
        // The custody holder's answer is needed at any age; not asked is not given.
        assert_eq!(
            consent_missing(Some(Agrees), Some(NotAsked), ten),
            Some(ConsentGap::NotRecorded)
        );
        assert_eq!(
            consent_missing(Some(Agrees), None, ten),
            Some(ConsentGap::NotRecorded)
        );
        // A ten-year-old's missing answer is no gap; a fifteen-year-old's is.
        assert_eq!(consent_missing(None, Some(Agrees), ten), None);
        assert_eq!(
            consent_missing(Some(NotAsked), Some(Agrees), fifteen),
            Some(ConsentGap::NotRecorded)
        );
        // Against it: a view under fifteen, a refusal of consent from fifteen.
        assert_eq!(
            consent_missing(Some(Disagrees), Some(Agrees), ten),
            Some(ConsentGap::ChildAgainst)
        );
        assert_eq!(
            consent_missing(Some(Disagrees), Some(Agrees), fifteen),
            Some(ConsentGap::YoungPersonDisagrees)
        );
        // The custody holder not agreeing weighs first.
        assert_eq!(
            consent_missing(Some(Disagrees), Some(Disagrees), fifteen),
            Some(ConsentGap::ParentsDisagree)
        );
    }

    #[test]
    fn a_home_record_names_each_child_born_in_the_future() {
        let today = d("2026-11-16");
        let c = |b: &str| HouseholdChild {
            born_on: d(b),
            relation: HouseholdRelation::OwnChild,
        };
        assert!(check_household(&[c("2026-11-16"), c("2012-01-01")], today).is_empty());
        let p = check_household(&[c("2012-01-01"), c("2026-11-17")], today);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, "children[1].born_on");
        let many = vec![c("2012-01-01"); MAX_HOUSEHOLD + 1];
        assert_eq!(check_household(&many, today)[0].0, "children");
    }

    #[test]
    fn a_school_change_is_from_one_school_to_another() {
        use super::changes_school;
        let a = "Lindebjergskolen, Hyldekær 2, 4000 Roskilde";
        assert!(changes_school(
            Some(a),
            Some("Holbæk Private Realskole, 4300 Holbæk")
        ));
        // The first school recorded, or the school removed: no change.
        assert!(!changes_school(None, Some(a)));
        assert!(!changes_school(Some(a), None));
        // The same school written with other spaces or capitals: a correction.
        assert!(!changes_school(
            Some(a),
            Some("lindebjergskolen,  Hyldekær 2, 4000 ROSKILDE")
        ));
        assert!(!changes_school(Some(""), Some(a)));
    }
}
