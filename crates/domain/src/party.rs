//! Who does something agreed: a follow-up at a visit, or (later) a goal of the child's plan.

crate::macros::vocabulary!(
    /// A party to the child's plan.
    Party, "party" {
        Child = "child",
        Parents = "parents",
        Network = "network",
        FosterFamily = "foster_family",
        Institution = "institution",
        School = "school",
        Adviser = "adviser",
        Consultant = "consultant",
        /// The team leader of the case adviser: for an agreement that needs a decision
        /// (money, a change of placement) above the adviser's.
        Leader = "leader",
        Other = "other",
    }
);
