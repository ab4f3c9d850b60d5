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

    /// The state `event` leads to from this one, or `None` when it cannot happen here (an
    /// approved proposal is never withdrawn, a draft is not decided). The only way a
    /// proposal's state changes: the store persists a transition guarded by its old state.
    pub fn apply(self, event: ProposalEvent) -> Option<ProposalStatus> {
        event.happens_in().contains(&self).then(|| event.leads_to())
    }
}

/// A proposal moves only by its events ([`ProposalStatus::apply`]).
impl crate::LifeCycle for ProposalStatus {
    fn may_become(self, to: Self) -> bool {
        ProposalEvent::ALL
            .iter()
            .any(|e| self.apply(*e) == Some(to))
    }
}

/// What can happen to a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalEvent {
    /// The proposer sends the draft to a leader.
    Submit,
    /// A leader approves it: the placement is made.
    Approve,
    /// A leader rejects it, with a reason.
    Reject,
    /// The proposer takes it back before a decision.
    Withdraw,
}

impl ProposalEvent {
    /// Every event.
    pub const ALL: [ProposalEvent; 4] = [
        ProposalEvent::Submit,
        ProposalEvent::Approve,
        ProposalEvent::Reject,
        ProposalEvent::Withdraw,
    ];

    /// The states the event can happen in.
    pub fn happens_in(self) -> &'static [ProposalStatus] {
        use ProposalStatus::*;
        match self {
            ProposalEvent::Submit => &[Draft],
            ProposalEvent::Approve | ProposalEvent::Reject => &[Submitted],
            ProposalEvent::Withdraw => &[Draft, Submitted],
        }
    }

    /// The state the event leads to.
    pub fn leads_to(self) -> ProposalStatus {
        match self {
            ProposalEvent::Submit => ProposalStatus::Submitted,
            ProposalEvent::Approve => ProposalStatus::Approved,
            ProposalEvent::Reject => ProposalStatus::Rejected,
            ProposalEvent::Withdraw => ProposalStatus::Withdrawn,
        }
    }
}

/// A short institutional stay is planned with its way out (DOMAIN.md: a targeted stay with a
/// planned end and an exit goal): an end after the start, and an exit goal. Each problem names
/// its field; none for a complete plan.
pub fn stay_plan_problems(
    start: chrono::NaiveDate,
    planned_end: Option<chrono::NaiveDate>,
    exit_goal: Option<crate::ExitGoal>,
) -> Vec<(&'static str, crate::Message)> {
    let mut out = Vec::new();
    match planned_end {
        None => out.push(("planned_end_date", crate::Message::new("problem.stay_end"))),
        Some(end) if end <= start => out.push((
            "planned_end_date",
            crate::Message::new("problem.after_start"),
        )),
        Some(_) => {}
    }
    if exit_goal.is_none() {
        out.push(("exit_goal", crate::Message::new("problem.stay_exit_goal")));
    }
    out
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
    use proptest::prelude::*;

    proptest! {
        /// Whatever is tried in whatever order, a proposal is decided at most once, only after
        /// it was submitted, and nothing happens to it once it is closed.
        #[test]
        fn no_sequence_of_events_breaks_the_life_cycle(
            events in prop::collection::vec(prop::sample::select(ProposalEvent::ALL.to_vec()), 0..12)
        ) {
            let mut state = ProposalStatus::Draft;
            let mut path = vec![state];
            for e in events {
                if let Some(next) = state.apply(e) {
                    prop_assert!(state.is_open(), "{state} is closed, yet {e:?} happened");
                    if matches!(next, ProposalStatus::Approved | ProposalStatus::Rejected) {
                        prop_assert_eq!(state, ProposalStatus::Submitted);
                    }
                    state = next;
                    path.push(state);
                }
            }
            prop_assert!(path.len() <= 3, "{path:?}");
            let decided = path
                .iter()
                .filter(|s| matches!(s, ProposalStatus::Approved | ProposalStatus::Rejected))
                .count();
            prop_assert!(decided <= 1);
        }
    }

    #[test]
    fn each_event_happens_only_where_the_rules_say() {
        use ProposalEvent::*;
        use ProposalStatus::*;
        assert_eq!(Draft.apply(Submit), Some(Submitted));
        assert_eq!(Draft.apply(Approve), None);
        assert_eq!(Submitted.apply(Approve), Some(Approved));
        assert_eq!(Submitted.apply(Reject), Some(Rejected));
        assert_eq!(Submitted.apply(Withdraw), Some(Withdrawn));
        assert_eq!(Approved.apply(Withdraw), None);
        assert_eq!(Rejected.apply(Submit), None);
    }

    #[test]
    fn an_institutional_stay_needs_an_end_after_its_start_and_an_exit_goal() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let fields = |end, goal| {
            stay_plan_problems(d("2026-12-01"), end, goal)
                .into_iter()
                .map(|(f, m)| (f, m.key.into_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(None, None),
            [
                ("planned_end_date", "problem.stay_end".to_owned()),
                ("exit_goal", "problem.stay_exit_goal".to_owned())
            ]
        );
        assert_eq!(
            fields(Some(d("2026-12-01")), Some(crate::ExitGoal::Home)),
            [("planned_end_date", "problem.after_start".to_owned())]
        );
        assert!(fields(Some(d("2027-06-01")), Some(crate::ExitGoal::Home)).is_empty());
    }

    #[test]
    fn under_four_eyes_nobody_approves_their_own_proposal() {
        assert!(!may_approve(true, UserId(7), UserId(7)));
        assert!(may_approve(true, UserId(7), UserId(8)));
        assert!(may_approve(false, UserId(7), UserId(7)));
    }
}
