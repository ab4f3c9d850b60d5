//! Matching: which placement options fit a child (or a sibling group), how well, and why.
//!
//! Hard constraints first: an option that breaks any of them is excluded, with every reason
//! that applies ([`exclusions`]). The rest get an explained score of 0-100: the sum of one
//! contribution per criterion, each with a reason as a catalogue text and its values
//! ([`criteria`]).
//! Options are ordered network first, then other family-based, then institutional (a rule),
//! by score inside each group ([`rank`]), and a recommendation says what kind of care the
//! options point to ([`recommendation`]).
//!
//! Everything here is pure and deterministic: the same input always gives the same ranking.

pub mod criteria;
pub mod exclusions;
pub mod outcome;
pub mod rank;
pub mod recommendation;
pub mod rules;
pub mod stability;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    AgeRange, Approval, ChildId, Coordinates, NeedCode, NeedLevel, PlacementKind,
    PlacementOptionId, TargetArea,
};

pub use outcome::{ExcludedOption, FlagKind, Part, RankedOption};
pub use rank::{MatchOutcome, rank};
pub use rules::{MatchRules, OptionGroup, Weights};

/// An option the child already knows (e.g. from respite care), and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownOption {
    pub option_id: PlacementOptionId,
    pub how: String,
}

/// What matching needs to know about a child.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildProfile {
    pub id: ChildId,
    pub birth_date: NaiveDate,
    pub target_area: TargetArea,
    pub support_level: NeedLevel,
    pub needs: Vec<(NeedCode, NeedLevel)>,
    pub needs_wheelchair_access: bool,
    pub languages: Vec<String>,
    pub culture_religion_wishes: String,
    /// Whether a school is recorded at all, and where it is if its coordinates are known.
    pub school_recorded: bool,
    pub school: Option<Coordinates>,
    pub parents_home: Option<Coordinates>,
    /// Where the child's network persons live (those with coordinates).
    pub network_places: Vec<Coordinates>,
    pub known_options: Vec<KnownOption>,
    /// Options that must not be used for this child, with the reason.
    pub unsuitable: Vec<(PlacementOptionId, String)>,
    /// Whether the child has siblings in a sibling group.
    pub has_siblings: bool,
    /// Where the child's siblings already live (their current placements).
    pub siblings_placed_in: Vec<PlacementOptionId>,
    /// The kinds of the child's earlier placements that ended in a breakdown (in Kith, and
    /// recorded from before Kith).
    pub breakdowns_in: Vec<PlacementKind>,
    /// Whether the child agrees to a placement, as recorded.
    pub consent_child: Option<crate::stability_facts::Consent>,
    /// Whether the parents agree, as recorded.
    pub consent_parents: Option<crate::stability_facts::Consent>,
    /// The consultant who follows the child's current placement up, if the child is placed.
    pub current_consultant: Option<crate::UserId>,
}

/// What matching needs to know about a placement option.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionProfile {
    pub id: PlacementOptionId,
    pub kind: PlacementKind,
    /// A children's home's form: a secure unit is held to its own age rule.
    pub institution_form: Option<crate::InstitutionForm>,
    pub approval: Approval,
    pub free_places: u32,
    pub age_range: AgeRange,
    pub target_areas: Vec<TargetArea>,
    pub competences: Vec<(NeedCode, NeedLevel)>,
    pub languages: Vec<String>,
    pub culture_religion: String,
    pub wheelchair_access: bool,
    pub day_rate_dkk: Option<u32>,
    pub coordinates: Option<Coordinates>,
    pub network_child_id: Option<ChildId>,
    /// Earlier placements in this option that ended in a breakdown.
    pub breakdowns: u32,
    /// When somebody last confirmed the free places.
    pub capacity_confirmed_on: Option<NaiveDate>,
    /// The children living in the home now and their birth dates: those Kith placed there
    /// (with their ids) and those the family's record holds (own children, placed by others).
    pub household: Vec<(Option<ChildId>, NaiveDate)>,
    /// The consultant responsible for the option (a family's own consultant).
    pub responsible_consultant: Option<crate::UserId>,
}

impl OptionProfile {
    /// The highest level of a need this option handles, if any.
    pub fn competence(&self, code: &NeedCode) -> Option<NeedLevel> {
        self.competences
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, l)| *l)
    }
}

/// What is matched: one child, or a sibling group placed together.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchUnit {
    pub children: Vec<ChildProfile>,
    /// True when the unit is a sibling group matched as one; false when a child who has
    /// siblings is matched on its own (a split).
    pub together: bool,
}

impl MatchUnit {
    /// A single child.
    pub fn single(child: ChildProfile) -> Self {
        Self {
            children: vec![child],
            together: true,
        }
    }

    /// How many places the unit needs.
    pub fn size(&self) -> u32 {
        self.children.len() as u32
    }

    /// The unit's needs: per need code, the highest level any child has.
    pub fn needs(&self) -> Vec<(NeedCode, NeedLevel)> {
        let mut map: Vec<(NeedCode, NeedLevel)> = Vec::new();
        for c in &self.children {
            for (code, level) in &c.needs {
                match map.iter_mut().find(|(k, _)| k == code) {
                    Some((_, l)) => *l = (*l).max(*level),
                    None => map.push((code.clone(), *level)),
                }
            }
        }
        map.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        map
    }

    /// The highest overall support level in the unit.
    pub fn support_level(&self) -> NeedLevel {
        self.children
            .iter()
            .map(|c| c.support_level)
            .max()
            .unwrap_or(NeedLevel::Light)
    }

    /// Whether any child is matched apart from its siblings.
    pub fn is_split(&self) -> bool {
        !self.together && self.children.iter().any(|c| c.has_siblings)
    }
}

/// What the criteria need to know about a unit, worked out once per ranking instead of once
/// per option.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitFacts {
    pub needs: std::sync::Arc<[(NeedCode, NeedLevel)]>,
    pub support_level: NeedLevel,
    /// The children's languages, sorted, without repeats.
    pub languages: std::sync::Arc<[String]>,
    /// The culture and religion wishes as written, and their words.
    pub wishes: Vec<String>,
    pub wish_words: Vec<String>,
}

impl UnitFacts {
    /// Works out the facts of a unit.
    pub fn of(unit: &MatchUnit) -> Self {
        let mut languages: Vec<String> = unit
            .children
            .iter()
            .flat_map(|c| c.languages.iter().cloned())
            .collect();
        languages.sort();
        languages.dedup();
        let wishes: Vec<String> = unit
            .children
            .iter()
            .map(|c| c.culture_religion_wishes.trim().to_owned())
            .filter(|w| !w.is_empty())
            .collect();
        let mut wish_words: Vec<String> = wishes.iter().flat_map(|w| criteria::words(w)).collect();
        wish_words.sort();
        wish_words.dedup();
        Self {
            needs: unit.needs().into(),
            support_level: unit.support_level(),
            languages: languages.into(),
            wishes,
            wish_words,
        }
    }
}

#[cfg(test)]
mod stability_tests;
#[cfg(test)]
mod tests;
