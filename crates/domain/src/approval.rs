//! Approval of placement options: no child moves in before the option is approved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::macros::vocabulary!(
    /// The state of an option's approval as recorded by its authority.
    ApprovalStatus, "approval status" {
        Active = "active",
        /// Being assessed: a network family waiting for its concrete approval.
        Pending = "pending",
        Suspended = "suspended",
        Expired = "expired",
    }
);

crate::macros::vocabulary!(
    /// Who approved the option: the regional social supervision authority for foster families
    /// and children's homes, the municipality itself for a network family's concrete approval.
    ApprovalAuthority, "approval authority" {
        SocialSupervision = "social_supervision",
        Municipality = "municipality",
        Other = "other",
    }
);

/// An option's approval: who, when, until when, and its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Approval {
    pub authority: ApprovalAuthority,
    pub approved_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub status: ApprovalStatus,
}

impl Approval {
    /// Whether a child may move in on `date`: the approval is active, has been given, and has
    /// not run out by then.
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.status == ApprovalStatus::Active
            && self.approved_on.is_some_and(|from| from <= date)
            && self.valid_until.is_none_or(|until| until >= date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn valid_only_while_active_and_in_its_period() {
        let a = Approval {
            authority: ApprovalAuthority::SocialSupervision,
            approved_on: Some(d("2025-01-01")),
            valid_until: Some(d("2026-12-31")),
            status: ApprovalStatus::Active,
        };
        assert!(a.is_valid_on(d("2026-12-31")));
        assert!(!a.is_valid_on(d("2027-01-01")));
        assert!(!a.is_valid_on(d("2024-12-31")));
        let suspended = Approval {
            status: ApprovalStatus::Suspended,
            ..a.clone()
        };
        assert!(!suspended.is_valid_on(d("2026-01-01")));
        let never_given = Approval {
            approved_on: None,
            ..a
        };
        assert!(!never_given.is_valid_on(d("2026-01-01")));
    }
}
