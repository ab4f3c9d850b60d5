//! Placements: a child in a placement option from a start date until an end.

crate::macros::vocabulary!(
    /// Where a placement is in its life.
    PlacementStatus, "placement status" {
        /// Decided, not yet started; it already holds the place.
        Planned = "planned",
        Active = "active",
        Ended = "ended",
    }
);

/// Planned → active → ended; a planned placement may also end before it starts.
impl crate::LifeCycle for PlacementStatus {
    fn may_become(self, to: Self) -> bool {
        use PlacementStatus::*;
        matches!(
            (self, to),
            (Planned, Active) | (Planned, Ended) | (Active, Ended)
        )
    }
}

impl PlacementStatus {
    /// Whether the placement takes one of the option's places.
    pub fn takes_a_place(self) -> bool {
        matches!(self, PlacementStatus::Planned | PlacementStatus::Active)
    }
}

crate::macros::vocabulary!(
    /// Where a short institutional stay is meant to lead.
    ExitGoal, "exit goal" {
        Home = "home",
        NetworkFamily = "network_family",
        FosterFamily = "foster_family",
        OwnHome = "own_home",
    }
);

crate::macros::vocabulary!(
    /// What was decided about support after the 18th birthday (Barnets Lov, efterværn): the
    /// placement kept as after-care, a fixed contact person, other support, or none.
    AfterCareDecision, "after-care decision" {
        ContinuedPlacement = "continued_placement",
        ContactPerson = "contact_person",
        OtherSupport = "other_support",
        NoSupport = "no_support",
    }
);

crate::macros::vocabulary!(
    /// Why a placement ended.
    EndReason, "end reason" {
        GoalReached = "goal_reached",
        Home = "home",
        MovedOn = "moved_on",
        Breakdown = "breakdown",
        AgedOut = "aged_out",
        Other = "other",
    }
);
