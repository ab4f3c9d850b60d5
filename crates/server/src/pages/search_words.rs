//! Where a child's network search stands, in the reader's words: the child's page and the
//! leader's proposal say it the same way.

use chrono::NaiveDate;
use kith_domain::{Message, SearchState};

use super::Ctx;

/// What the sentence is built from: the state, the people in the network, of them asked, the
/// open steps, the day of the last record and the rule's days after which it is stale.
pub struct Standing {
    pub state: SearchState,
    pub persons: usize,
    pub asked: usize,
    pub open_steps: usize,
    pub last_asked_on: Option<NaiveDate>,
    pub stale_after_days: i64,
}

/// The same six fields read off both views that carry them (the child's page, a proposal).
macro_rules! standing_of {
    ($t:ty) => {
        impl From<&$t> for Standing {
            fn from(s: &$t) -> Self {
                Standing {
                    state: s.state,
                    persons: s.persons,
                    asked: s.asked,
                    open_steps: s.open_steps,
                    last_asked_on: s.last_asked_on,
                    stale_after_days: s.stale_after_days,
                }
            }
        }
    };
}
standing_of!(kith_app::children::NetworkSearchView);
standing_of!(kith_app::proposals::ChildSearch);

/// The sentence for a search's standing.
pub fn search_words(ctx: &Ctx, s: Standing) -> String {
    let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    let mut m = Message::new(match s.state {
        SearchState::Empty => "search.state_empty",
        SearchState::Unfinished => "search.state_unfinished",
        SearchState::Stale => "search.state_stale",
        SearchState::Completed => "search.state_completed",
    })
    .int("persons", n(s.persons))
    .int("asked", n(s.asked))
    .int("open", n(s.open_steps))
    .int("days", s.stale_after_days);
    if let Some(last) = s.last_asked_on {
        m = m.date("last", last);
    }
    ctx.say(&m)
}
