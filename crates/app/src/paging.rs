//! Pagination of lists: `?limit=&cursor=`.
//!
//! A cursor carries its own position (the sort key and id of the last row seen) sealed with
//! a server key and bound to the list and the reader ([`kith_store::CprVault::seal_token`]):
//! nothing in it is readable, a changed or made-up cursor is a 422 naming `cursor`, and a
//! cursor from another list or another person does not open. The store continues after the
//! position without looking anything up, so a cursor reveals nothing about rows the reader
//! cannot see.

use kith_store::{Page, PageRequest, Position};
use serde::{Deserialize, Serialize};

use crate::{Actor, App, AppError, Result};

/// The default and the largest page size.
pub const DEFAULT_LIMIT: u64 = 50;
/// The largest page a client may ask for.
pub const MAX_LIMIT: u64 = 200;

/// A page request as it arrives from a client.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items (1-200, default 50).
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageParams {
    /// Page parameters from their two values.
    pub fn new(limit: Option<u64>, cursor: Option<String>) -> Self {
        Self { limit, cursor }
    }
}

/// The lists that hand out cursors: a cursor of one never continues another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Children,
    /// The waiting children, the longest waiting first (a cursor of another order never reads).
    WaitingChildren,
    /// The children by age, the oldest first.
    ChildrenByAge,
    Options,
    /// The options with the most free places first.
    OptionsByFreePlaces,
    Users,
    Visits,
    Placements,
    Proposals,
    /// The proposals, the oldest first.
    ProposalsOldest,
    /// The proposals, the earliest planned start first.
    ProposalsByStart,
    Audit,
}

impl List {
    fn tag(self) -> &'static str {
        match self {
            List::Children => "children",
            List::WaitingChildren => "children_waiting",
            List::ChildrenByAge => "children_by_age",
            List::Options => "options",
            List::OptionsByFreePlaces => "options_by_free_places",
            List::Users => "users",
            List::Visits => "visits",
            List::Placements => "placements",
            List::Proposals => "proposals",
            List::ProposalsOldest => "proposals_oldest",
            List::ProposalsByStart => "proposals_by_start",
            List::Audit => "audit",
        }
    }
}

/// Reads and writes the cursors of one list for one reader.
#[derive(Debug, Clone, Copy)]
pub struct Pager<'a> {
    app: &'a App,
    context: (List, i64),
}

impl<'a> Pager<'a> {
    /// The pager of `list` as `actor` reads it.
    pub fn new(app: &'a App, actor: &Actor, list: List) -> Self {
        Self {
            app,
            context: (list, actor.id.0),
        }
    }

    fn context(&self) -> Vec<u8> {
        format!("kith-cursor:{}:{}", self.context.0.tag(), self.context.1).into_bytes()
    }

    /// Checks the limit and opens the cursor.
    pub fn request(&self, params: &PageParams) -> Result<PageRequest> {
        let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(AppError::invalid(
                "limit",
                kith_domain::Message::new("problem.limit").int("max", MAX_LIMIT as i64),
            ));
        }
        let after = match params.cursor.as_deref() {
            None | Some("") => None,
            Some(c) => Some(
                self.open(c)
                    .ok_or_else(|| AppError::invalid("cursor", "problem.bad_cursor"))?,
            ),
        };
        Ok(PageRequest { limit, after })
    }

    fn open(&self, cursor: &str) -> Option<Position> {
        let plain = self.app.vault().open_token(&self.context(), cursor)?;
        serde_json::from_slice(&plain).ok()
    }

    fn seal(&self, position: &Position) -> String {
        let plain = serde_json::to_vec(position).unwrap_or_default();
        self.app.vault().seal_token(&self.context(), &plain)
    }

    /// Wraps a store page, sealing its cursor.
    pub fn page<U, T>(&self, page: Page<U>, f: impl FnMut(U) -> T) -> Paged<T> {
        Paged {
            next_cursor: page.next_after.as_ref().map(|p| self.seal(p)),
            items: page.items.into_iter().map(f).collect(),
        }
    }

    /// Wraps a store page whose rows may fail to become items (a stored value out of its
    /// vocabulary).
    pub fn try_page<U, T, E>(
        &self,
        page: Page<U>,
        f: impl FnMut(U) -> std::result::Result<T, E>,
    ) -> std::result::Result<Paged<T>, E> {
        Ok(Paged {
            next_cursor: page.next_after.as_ref().map(|p| self.seal(p)),
            items: page
                .items
                .into_iter()
                .map(f)
                .collect::<std::result::Result<_, _>>()?,
        })
    }
}

/// One page of a list, and the cursor for the next page when there is one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
