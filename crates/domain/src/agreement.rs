//! Agreements: what was agreed at a visit or a plan review, who does it, by when. An agreement
//! is a task: open until its holder marks it done (with a note if they like) or drops it
//! (with the reason), and a named person in Kith holds it when the owner is the case adviser
//! or the consultant, so it reaches that person's week and morning digest.

use chrono::NaiveDate;

use crate::{Message, Party, UserId};

crate::macros::vocabulary!(
    /// Where an agreement is in its life.
    AgreementState, "agreement state" {
        /// Agreed and not yet done.
        Open = "open",
        /// Done, perhaps with a note of how.
        Done = "done",
        /// Not to be done after all, with the reason.
        Dropped = "dropped",
    }
);

/// An open agreement is done or dropped, once.
impl crate::LifeCycle for AgreementState {
    fn may_become(self, to: Self) -> bool {
        self == AgreementState::Open && to != AgreementState::Open
    }
}

/// The people in Kith who may hold a placement's agreements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holders {
    pub adviser: UserId,
    pub consultant: Option<UserId>,
    /// The case adviser's team leader, if the team has one.
    pub leader: Option<UserId>,
}

/// The person in Kith who holds an agreement whose owner is a party: the case adviser for
/// the adviser, the placement's consultant for the consultant, the adviser's team leader for
/// the leader (the adviser when there is no such person). The child, the parents, the family,
/// the institution and others are not users: their agreements are followed at the next visit
/// and on the placement.
pub fn holder(owner: Party, people: Holders) -> Option<UserId> {
    match owner {
        Party::Adviser => Some(people.adviser),
        Party::Consultant => Some(people.consultant.unwrap_or(people.adviser)),
        Party::Leader => Some(people.leader.unwrap_or(people.adviser)),
        _ => None,
    }
}

/// Whether an open agreement is overdue on `today`: past its due date.
pub fn is_overdue(state: AgreementState, due_on: NaiveDate, today: NaiveDate) -> bool {
    state == AgreementState::Open && due_on < today
}

/// The problems with closing an agreement as `to` with `note`: only an open agreement closes,
/// only to done or dropped, and a dropped one says why. Each problem names its field.
pub fn check_close(
    from: AgreementState,
    to: AgreementState,
    note: &str,
) -> Vec<(&'static str, Message)> {
    use crate::LifeCycle;
    let mut out = Vec::new();
    if to == AgreementState::Open {
        out.push(("state", Message::new("problem.agreement_close_state")));
    } else if !from.may_become(to) {
        out.push(("state", Message::new("problem.agreement_closed")));
    }
    if to == AgreementState::Dropped && note.trim().is_empty() {
        out.push(("note", Message::new("problem.why_dropped")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LifeCycle;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_adviser_the_consultant_and_the_leader_are_named_people_the_others_are_not() {
        let (a, c, l) = (UserId(7), UserId(9), UserId(11));
        let people = Holders {
            adviser: a,
            consultant: Some(c),
            leader: Some(l),
        };
        assert_eq!(holder(Party::Adviser, people), Some(a));
        assert_eq!(holder(Party::Consultant, people), Some(c));
        assert_eq!(holder(Party::Leader, people), Some(l));
        // No consultant, no leader: the adviser follows the placement up and holds it.
        let alone = Holders {
            adviser: a,
            consultant: None,
            leader: None,
        };
        assert_eq!(holder(Party::Consultant, alone), Some(a));
        assert_eq!(holder(Party::Leader, alone), Some(a));
        for p in [
            Party::Child,
            Party::Parents,
            Party::Network,
            Party::FosterFamily,
            Party::Institution,
            Party::School,
            Party::Other,
        ] {
            assert_eq!(holder(p, people), None, "{p:?}");
        }
    }

    #[test]
    fn an_open_agreement_is_done_or_dropped_once() {
        use AgreementState::*;
        assert!(Open.may_become(Done) && Open.may_become(Dropped));
        assert!(!Done.may_become(Dropped) && !Dropped.may_become(Done));
        assert!(check_close(Open, Done, "").is_empty());
        assert!(check_close(Open, Dropped, "Familien flyttede").is_empty());
        let keys = |v: Vec<(&str, Message)>| -> Vec<(String, String)> {
            v.into_iter()
                .map(|(f, m)| (f.to_owned(), m.key.to_string()))
                .collect()
        };
        assert_eq!(
            keys(check_close(Open, Dropped, "  ")),
            vec![("note".into(), "problem.why_dropped".into())]
        );
        assert_eq!(
            keys(check_close(Done, Dropped, "x")),
            vec![("state".into(), "problem.agreement_closed".into())]
        );
        assert_eq!(
            keys(check_close(Open, Open, "")),
            vec![("state".into(), "problem.agreement_close_state".into())]
        );
    }

    #[test]
    fn overdue_is_an_open_agreement_past_its_day() {
        let due = d("2026-12-15");
        assert!(!is_overdue(AgreementState::Open, due, due));
        assert!(is_overdue(AgreementState::Open, due, d("2026-12-16")));
        assert!(!is_overdue(AgreementState::Done, due, d("2027-01-01")));
    }
}
