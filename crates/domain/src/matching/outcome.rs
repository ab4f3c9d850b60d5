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
        }
    }

    /// The flag as a catalogue text and its values (`flag.*`).
    pub fn message(&self) -> Message {
        match self {
            FlagKind::NeedsConcreteApproval => Message::new("flag.needs_concrete_approval"),
            FlagKind::CapacityNeverConfirmed => Message::new("flag.capacity_unconfirmed"),
            FlagKind::CapacityConfirmedDaysAgo(days) => {
                Message::new("flag.capacity_stale").int("days", *days)
            }
        }
    }
}

impl RankedOption {
    /// The score, 0-100.
    pub fn score(&self) -> f64 {
        f64::from(self.score_tenths) / 10.0
    }
}
