//! The network search as a tracked process (family finding: "network first"). Each person in
//! the child's network who was considered or asked is recorded with the day, who asked and
//! what came of it; a step left open has a date and belongs to the one who recorded it, until
//! the next record for that person. The search is *completed* when every person in the
//! network has an answer that settles them (unwilling, approved, refused) or is being
//! assessed, no step is open, and the last record is not older than a rule's days.

use chrono::NaiveDate;

use crate::Message;

crate::macros::vocabulary!(
    /// What came of asking a person in the child's network.
    NetworkAskOutcome, "network ask outcome" {
        /// Tried, not reached: to be tried again.
        NotReached = "not_reached",
        /// Does not want to be the child's carer.
        Unwilling = "unwilling",
        /// Willing: to be assessed.
        Willing = "willing",
        /// Being assessed as a network family.
        InAssessment = "in_assessment",
        /// Approved as the child's network family.
        Approved = "approved",
        /// Assessed and refused, with the reason.
        Refused = "refused",
    }
);

impl NetworkAskOutcome {
    /// Whether the answer leaves nothing to do for this person: not reached and willing ask for
    /// a next step; an assessment is under way and counts as settled for the search.
    pub fn settles(self) -> bool {
        !matches!(
            self,
            NetworkAskOutcome::NotReached | NetworkAskOutcome::Willing
        )
    }

    /// Whether the outcome must say why (a refusal is a decision about a person).
    pub fn needs_reason(self) -> bool {
        matches!(self, NetworkAskOutcome::Refused)
    }
}

crate::macros::vocabulary!(
    /// Where the network search of a child stands.
    SearchState, "network search state" {
        /// Nobody in the network has been asked (or there is no network recorded).
        Empty = "empty",
        /// Someone is not asked yet, not settled, or a step is open.
        Unfinished = "unfinished",
        /// Completed, but the last record is older than the rule's days.
        Stale = "stale",
        /// Everyone asked and settled, no step open, recently.
        Completed = "completed",
    }
);

/// The default of the rule `MatchRules::network_search_stale_days`: a search older than this is
/// told as stale to the leader deciding a placement outside the network (half a year: a
/// family's situation changes).
pub const SEARCH_STALE_AFTER_DAYS: i64 = 180;

/// One record of the search: a person asked (or tried) on a day, and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    /// The network person (by id within the child's network).
    pub person: i64,
    pub asked_on: NaiveDate,
    pub outcome: NetworkAskOutcome,
    /// A next step recorded with it: open until the next record for the same person.
    pub next_step_on: Option<NaiveDate>,
}

/// The search summed up for the child's page, the proposal and the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchSummary {
    pub state: SearchState,
    /// People in the network.
    pub persons: usize,
    /// Of them, asked at least once.
    pub asked: usize,
    /// Open next steps (each person's latest record with a next step).
    pub open_steps: usize,
    /// The day of the latest record.
    pub last_asked_on: Option<NaiveDate>,
}

/// Sums up the search of a child with `persons` in the network and these records, on `today`.
pub fn search_summary(
    persons: &[i64],
    asks: &[Ask],
    stale_after_days: i64,
    today: NaiveDate,
) -> SearchSummary {
    let latest = |p: i64| {
        asks.iter()
            .filter(|a| a.person == p)
            .max_by_key(|a| a.asked_on)
    };
    let latest: Vec<Option<&Ask>> = persons.iter().map(|p| latest(*p)).collect();
    let asked = latest.iter().flatten().count();
    let open_steps = latest
        .iter()
        .flatten()
        .filter(|a| a.next_step_on.is_some())
        .count();
    let last_asked_on = asks
        .iter()
        .filter(|a| persons.contains(&a.person))
        .map(|a| a.asked_on)
        .max();
    let settled = latest
        .iter()
        .all(|a| a.is_some_and(|a| a.outcome.settles()));
    let state = match last_asked_on {
        None => SearchState::Empty,
        Some(_) if !settled || open_steps > 0 => SearchState::Unfinished,
        Some(last) if (today - last).num_days() > stale_after_days => SearchState::Stale,
        Some(_) => SearchState::Completed,
    };
    SearchSummary {
        state,
        persons: persons.len(),
        asked,
        open_steps,
        last_asked_on,
    }
}

/// Whether approving a placement of this kind for children whose searches stand so needs the
/// leader's reason: an option outside the network while any child's search is not completed
/// (empty, unfinished or stale). The leader may approve; the reason is kept with the decision.
pub fn approval_needs_reason(kind: crate::PlacementKind, searches: &[SearchState]) -> bool {
    !kind.is_network() && searches.iter().any(|s| *s != SearchState::Completed)
}

/// What a person types for one record of the search.
#[derive(Debug, Clone, Copy)]
pub struct AskRecord<'a> {
    pub asked_on: NaiveDate,
    pub outcome: NetworkAskOutcome,
    pub reason: &'a str,
    pub next_step: &'a str,
    pub next_step_on: Option<NaiveDate>,
}

/// The problems of a record, each naming its field: not in the future; a refusal says why;
/// a next step has both its words and its day, the day not before the record's.
pub fn check_ask(r: AskRecord<'_>, today: NaiveDate) -> Vec<(&'static str, Message)> {
    let mut p = Vec::new();
    if r.asked_on > today {
        p.push(("asked_on", Message::new("problem.ask_in_future")));
    }
    if r.outcome.needs_reason() && r.reason.trim().is_empty() {
        p.push(("reason", Message::new("problem.ask_reason")));
    }
    match (r.next_step.trim().is_empty(), r.next_step_on) {
        (false, None) => p.push(("next_step_on", Message::new("problem.next_step_day"))),
        (true, Some(_)) => p.push(("next_step", Message::new("problem.next_step_words"))),
        (false, Some(on)) if on < r.asked_on => {
            p.push(("next_step_on", Message::new("problem.next_step_before")));
        }
        _ => {}
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use NetworkAskOutcome::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ask(person: i64, on: &str, outcome: NetworkAskOutcome) -> Ask {
        Ask {
            person,
            asked_on: d(on),
            outcome,
            next_step_on: None,
        }
    }

    const TODAY: &str = "2026-11-16";

    fn state(persons: &[i64], asks: &[Ask]) -> SearchState {
        search_summary(persons, asks, SEARCH_STALE_AFTER_DAYS, d(TODAY)).state
    }

    #[test]
    fn a_search_nobody_has_started_is_empty() {
        assert_eq!(state(&[], &[]), SearchState::Empty);
        assert_eq!(state(&[1, 2], &[]), SearchState::Empty);
    }

    #[test]
    fn a_person_not_asked_or_not_settled_leaves_it_unfinished() {
        // The grandmother unwilling, the aunt not asked.
        assert_eq!(
            state(&[1, 2], &[ask(1, "2026-10-01", Unwilling)]),
            SearchState::Unfinished
        );
        // The aunt tried, not reached; then reached and willing: still to assess.
        let asks = [
            ask(1, "2026-10-01", Unwilling),
            ask(2, "2026-10-02", NotReached),
            ask(2, "2026-10-09", Willing),
        ];
        assert_eq!(state(&[1, 2], &asks), SearchState::Unfinished);
    }

    #[test]
    fn everyone_settled_recently_is_a_completed_search() {
        let asks = [
            ask(1, "2026-10-01", Unwilling),
            ask(2, "2026-10-02", NotReached),
            ask(2, "2026-10-20", Refused),
        ];
        let s = search_summary(&[1, 2], &asks, SEARCH_STALE_AFTER_DAYS, d(TODAY));
        assert_eq!(
            (s.state, s.persons, s.asked, s.open_steps, s.last_asked_on),
            (SearchState::Completed, 2, 2, 0, Some(d("2026-10-20")))
        );
    }

    #[test]
    fn an_open_step_keeps_it_unfinished_until_the_next_record_for_that_person() {
        let mut with_step = ask(1, "2026-10-01", InAssessment);
        with_step.next_step_on = Some(d("2026-11-01"));
        assert_eq!(state(&[1], &[with_step.clone()]), SearchState::Unfinished);
        let later = ask(1, "2026-11-02", Approved);
        assert_eq!(state(&[1], &[with_step, later]), SearchState::Completed);
    }

    #[test]
    fn a_search_older_than_the_rule_is_stale() {
        // 180 days before 16 November 2026 is 20 May 2026 (11 days of May, then 30 + 31 + 31
        // + 30 + 31 + 16): a record on that day is still recent, one the day before is stale.
        assert_eq!(
            state(&[1], &[ask(1, "2026-05-20", Unwilling)]),
            SearchState::Completed
        );
        assert_eq!(
            state(&[1], &[ask(1, "2026-05-19", Unwilling)]),
            SearchState::Stale
        );
    }

    #[test]
    fn a_record_is_checked_field_by_field() {
        let ok = AskRecord {
            asked_on: d("2026-11-16"),
            outcome: Willing,
            reason: "",
            next_step: "Aftale første samtale",
            next_step_on: Some(d("2026-11-20")),
        };
        let fields = |r| {
            check_ask(r, d(TODAY))
                .into_iter()
                .map(|(f, _)| f)
                .collect::<Vec<_>>()
        };
        assert!(fields(ok).is_empty());
        assert_eq!(
            fields(AskRecord {
                asked_on: d("2026-11-17"),
                ..ok
            }),
            ["asked_on"]
        );
        assert_eq!(
            fields(AskRecord {
                outcome: Refused,
                ..ok
            }),
            ["reason"]
        );
        assert_eq!(
            fields(AskRecord {
                next_step_on: None,
                ..ok
            }),
            ["next_step_on"]
        );
        assert_eq!(
            fields(AskRecord {
                next_step: " ",
                ..ok
            }),
            ["next_step"]
        );
        assert_eq!(
            fields(AskRecord {
                next_step_on: Some(d("2026-11-15")),
                ..ok
            }),
            ["next_step_on"]
        );
    }

    #[test]
    fn a_placement_outside_the_network_needs_a_reason_unless_every_search_is_completed() {
        use crate::PlacementKind::*;
        use SearchState::*;
        assert!(approval_needs_reason(GeneralFosterFamily, &[Empty]));
        assert!(approval_needs_reason(ChildrensHome, &[Completed, Stale]));
        assert!(approval_needs_reason(GeneralFosterFamily, &[Unfinished]));
        assert!(!approval_needs_reason(GeneralFosterFamily, &[Completed]));
        assert!(!approval_needs_reason(NetworkFosterFamily, &[Empty]));
    }

    proptest! {
        /// Whatever the records: the search is empty exactly when nobody in the network was
        /// asked, completed only when everyone was asked, and never counts more asked than
        /// there are people.
        #[test]
        fn the_summary_agrees_with_its_records(
            persons in 0usize..5,
            records in prop::collection::vec(
                (0i64..6, 0i64..400, prop::sample::select(NetworkAskOutcome::ALL.to_vec()), any::<bool>()),
                0..10,
            ),
        ) {
            let persons: Vec<i64> = (0..persons as i64).collect();
            let asks: Vec<Ask> = records
                .iter()
                .map(|(p, back, outcome, step)| Ask {
                    person: *p,
                    asked_on: d(TODAY) - chrono::Days::new(*back as u64),
                    outcome: *outcome,
                    next_step_on: step.then(|| d(TODAY)),
                })
                .collect();
            let s = search_summary(&persons, &asks, SEARCH_STALE_AFTER_DAYS, d(TODAY));
            let any_asked = asks.iter().any(|a| persons.contains(&a.person));
            prop_assert_eq!(s.state == SearchState::Empty, !any_asked);
            prop_assert!(s.asked <= s.persons);
            if s.state == SearchState::Completed || s.state == SearchState::Stale {
                prop_assert_eq!(s.asked, s.persons);
                prop_assert_eq!(s.open_steps, 0);
            }
        }
    }
}
