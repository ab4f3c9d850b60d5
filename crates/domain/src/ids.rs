//! Typed identifiers. A `ChildId` cannot be passed where a `PlacementId` is meant.
//!
//! Identifiers are database row numbers. They carry no personal data, so they may appear in
//! URLs, logs and the audit trail.

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(value_type = i64))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The raw row number.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl From<i64> for $name {
            fn from(v: i64) -> Self {
                Self(v)
            }
        }
    };
}

id_type!(
    /// A staff member who can log in.
    UserId
);
id_type!(
    /// A planned, held or cancelled follow-up visit or plan review in a placement's annual wheel.
    VisitId
);
id_type!(
    /// Something agreed at a visit that someone must do by a date.
    FollowUpId
);
id_type!(
    /// An organisational unit (the match unit, a consultant unit, an advisory team).
    UnitId
);
id_type!(
    /// A child or young person with a case.
    ChildId
);
id_type!(
    /// Siblings that are matched as one unit.
    SiblingGroupId
);
id_type!(
    /// A relative or close adult in a child's network.
    NetworkPersonId
);
id_type!(
    /// A foster family, network family, institution or other placement option.
    PlacementOptionId
);
id_type!(
    /// A child's stay in a placement option.
    PlacementId
);
id_type!(
    /// An API token for scripts.
    TokenId
);
id_type!(
    /// A proposal of a placement option for a child or sibling group.
    ProposalId
);
id_type!(
    /// A goal of a child's plan (one version of it).
    GoalId
);
id_type!(
    /// One progress entry on a goal.
    ProgressId
);
