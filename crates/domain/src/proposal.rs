//! Proposals: the match unit's recommendation of one option, which a leader decides on.

crate::macros::vocabulary!(
    /// Where a proposal is in its life.
    ProposalStatus, "proposal status" {
        /// Written, not yet sent to a leader.
        Draft = "draft",
        /// Awaiting a leader's decision.
        Submitted = "submitted",
        /// Approved: the placement is made and the place taken.
        Approved = "approved",
        Rejected = "rejected",
        /// Taken back by the proposer before a decision.
        Withdrawn = "withdrawn",
    }
);

impl ProposalStatus {
    /// Not decided or withdrawn yet: a child has at most one open proposal.
    pub fn is_open(self) -> bool {
        matches!(self, ProposalStatus::Draft | ProposalStatus::Submitted)
    }
}

/// Whether `decider` may approve a proposal `proposer` made. Under the four-eyes rule
/// ([`crate::matching::MatchRules::four_eyes`]) nobody approves their own proposal: placing a
/// child is decided by a second person.
pub fn may_approve(four_eyes: bool, proposer: crate::UserId, decider: crate::UserId) -> bool {
    !four_eyes || proposer != decider
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserId;

    #[test]
    fn under_four_eyes_nobody_approves_their_own_proposal() {
        assert!(!may_approve(true, UserId(7), UserId(7)));
        assert!(may_approve(true, UserId(7), UserId(8)));
        assert!(may_approve(false, UserId(7), UserId(7)));
    }
}
