//! Pagination of lists: `?limit=&cursor=`, with an opaque cursor that holds no personal data.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use kith_store::{Page, PageRequest};
use serde::{Deserialize, Serialize};

use crate::{AppError, Result};

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

    /// Checks the limit and decodes the cursor.
    pub fn parse(&self) -> Result<PageRequest> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(AppError::invalid(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            ));
        }
        let after = match &self.cursor {
            None => None,
            Some(c) if c.is_empty() => None,
            Some(c) => Some(
                decode_cursor(c)
                    .ok_or_else(|| AppError::invalid("cursor", "not a cursor from this list"))?,
            ),
        };
        Ok(PageRequest { limit, after })
    }
}

fn decode_cursor(c: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(c).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix("k1:")?.parse().ok()
}

fn encode_cursor(after: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("k1:{after}"))
}

/// One page of a list, and the cursor for the next page when there is one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Paged<T> {
    /// Wraps a store page, encoding its cursor.
    pub fn from_page<U>(page: Page<U>, f: impl FnMut(U) -> T) -> Self {
        let next_cursor = page.next_after.map(encode_cursor);
        Self {
            items: page.items.into_iter().map(f).collect(),
            next_cursor,
        }
    }

    /// Wraps a store page whose rows may fail to become items (a stored value out of its
    /// vocabulary).
    pub fn try_from_page<U, E>(
        page: Page<U>,
        f: impl FnMut(U) -> std::result::Result<T, E>,
    ) -> std::result::Result<Self, E> {
        let next_cursor = page.next_after.map(encode_cursor);
        Ok(Self {
            items: page
                .items
                .into_iter()
                .map(f)
                .collect::<std::result::Result<_, _>>()?,
            next_cursor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        assert_eq!(decode_cursor(&encode_cursor(42)), Some(42));
        assert_eq!(decode_cursor("nonsense"), None);
        let p = PageParams {
            limit: Some(0),
            cursor: None,
        };
        assert!(p.parse().is_err());
        let p = PageParams {
            limit: Some(201),
            cursor: None,
        };
        assert!(p.parse().is_err());
        let p = PageParams {
            limit: None,
            cursor: Some("???".into()),
        };
        assert!(p.parse().is_err());
    }
}
