//! The match unit's four target areas; staff specialise in one.

crate::macros::vocabulary!(
    /// The target area a child belongs to, and the areas a placement option is approved for.
    TargetArea, "target area" {
        Disability = "disability",
        UnaccompaniedRefugee = "unaccompanied_refugee",
        SocialPsychiatric = "social_psychiatric",
        General = "general",
    }
);
