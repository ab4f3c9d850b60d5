//! What ranking finds for one option: a fitting option with its explained score, or an
//! excluded one with every reason. Apart from [`super::rank`], so the recommendation reads
//! these without the ranking reading the recommendation back.

use super::OptionGroup;
use super::criteria::{Criterion, Reason};
use super::exclusions::Exclusion;
use crate::{Message, PlacementOptionId};

/// One criterion's part of a score, before it is put into words.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub criterion: Criterion,
    pub weight: u32,
    pub tenths: u32,
    pub max_tenths: u32,
    pub reason: Reason,
}

/// Something the match unit should know that does not exclude the option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    NeedsConcreteApproval,
    CapacityNeverConfirmed,
    CapacityConfirmedDaysAgo(i64),
    /// A child in the home is less than 2 years from the child's age (that child's age).
    AgeGapUnderTwo {
        age: u8,
    },
    /// The child would not be the youngest in the home (the youngest's age).
    NotYoungest {
        age: u8,
    },
    /// A teenager in a general foster family (the child's age).
    TeenagerInGeneralFamily {
        age: u8,
    },
    /// The school is so far that the child would likely change school (km).
    SchoolChange {
        km: u32,
    },
    /// The child would be placed apart from their siblings.
    SiblingsSplit,
    /// The child's placement in this kind of care broke down before.
    EarlierBreakdown(crate::PlacementKind),
    /// The child or the parents do not agree, or their answer is not recorded.
    NoConsent(crate::stability_facts::ConsentGap),
    /// The child is placed now, and this option is followed up by another consultant.
    ConsultantChange,
}

/// An option that fits, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedOption {
    pub option_id: PlacementOptionId,
    pub group: OptionGroup,
    /// The exact total behind the score (Σ weight × permille), for ordering.
    pub key: u64,
    /// The score in tenths of a point (0-1000), the sum of the parts.
    pub score_tenths: u32,
    pub parts: Vec<Part>,
    pub flags: Vec<FlagKind>,
}

/// An option that does not fit, with every reason.
#[derive(Debug, Clone, PartialEq)]
pub struct ExcludedOption {
    pub option_id: PlacementOptionId,
    pub group: OptionGroup,
    pub reasons: Vec<Exclusion>,
}

impl FlagKind {
    /// The flag's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            FlagKind::NeedsConcreteApproval => "needs_concrete_approval",
            FlagKind::CapacityNeverConfirmed => "capacity_unconfirmed",
            FlagKind::CapacityConfirmedDaysAgo(_) => "capacity_stale",
            FlagKind::AgeGapUnderTwo { .. } => "age_gap_under_two",
            FlagKind::NotYoungest { .. } => "not_youngest",
            FlagKind::TeenagerInGeneralFamily { .. } => "teenager_in_general_family",
            FlagKind::SchoolChange { .. } => "school_change",
            FlagKind::SiblingsSplit => "siblings_split",
            FlagKind::EarlierBreakdown(_) => "earlier_breakdown",
            FlagKind::NoConsent(_) => "no_consent",
            FlagKind::ConsultantChange => "consultant_change",
        }
    }

    /// Where a stability flag's concern comes from, as a catalogue text (`flag_source.*`);
    /// none for the flags about the option's paperwork.
    pub fn source(&self) -> Option<Message> {
        let key = match self {
            FlagKind::NeedsConcreteApproval
            | FlagKind::CapacityNeverConfirmed
            | FlagKind::CapacityConfirmedDaysAgo(_) => return None,
            FlagKind::AgeGapUnderTwo { .. } | FlagKind::NotYoungest { .. } => {
                "flag_source.household"
            }
            FlagKind::TeenagerInGeneralFamily { .. } => "flag_source.age",
            FlagKind::SchoolChange { .. } => "flag_source.school",
            FlagKind::SiblingsSplit => "flag_source.siblings",
            FlagKind::EarlierBreakdown(_) => "flag_source.history",
            FlagKind::NoConsent(_) => "flag_source.consent",
            FlagKind::ConsultantChange => "flag_source.continuity",
        };
        Some(Message::new(key))
    }

    /// The flag as a catalogue text and its values (`flag.*`).
    pub fn message(&self) -> Message {
        match self {
            FlagKind::NeedsConcreteApproval => Message::new("flag.needs_concrete_approval"),
            FlagKind::CapacityNeverConfirmed => Message::new("flag.capacity_unconfirmed"),
            FlagKind::CapacityConfirmedDaysAgo(days) => {
                Message::new("flag.capacity_stale").int("days", *days)
            }
            FlagKind::AgeGapUnderTwo { age } => {
                Message::new("flag.age_gap_under_two").int("age", *age)
            }
            FlagKind::NotYoungest { age } => Message::new("flag.not_youngest").int("age", *age),
            FlagKind::TeenagerInGeneralFamily { age } => {
                Message::new("flag.teenager_in_general_family").int("age", *age)
            }
            FlagKind::SchoolChange { km } => Message::new("flag.school_change").int("km", *km),
            FlagKind::SiblingsSplit => Message::new("flag.siblings_split"),
            FlagKind::EarlierBreakdown(kind) => Message::new("flag.earlier_breakdown")
                .key("kind", format!("placement_kind.{}", kind.as_str())),
            FlagKind::NoConsent(gap) => {
                Message::new("flag.no_consent").key("why", format!("consent_gap.{}", gap.code()))
            }
            FlagKind::ConsultantChange => Message::new("flag.consultant_change"),
        }
    }
}

impl RankedOption {
    /// The score, 0-100.
    pub fn score(&self) -> f64 {
        f64::from(self.score_tenths) / 10.0
    }
}
