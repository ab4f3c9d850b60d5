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
