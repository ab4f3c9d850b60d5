//! The child's network: relatives and close adults, searched first.

crate::macros::vocabulary!(
    /// How far a network person is in becoming an approved network family for the child.
    NetworkApprovalStatus, "network approval status" {
        None = "none",
        InAssessment = "in_assessment",
        Approved = "approved",
        Refused = "refused",
    }
);
