//! Keyset pagination ordered by a sort key, then id.
//!
//! A page continues after a [`Position`]: the sort key *and* the id of the last row seen,
//! both carried by the caller's cursor. Nothing is looked up by id, so a cursor can never
//! reveal where a row the caller may not read sorts (the cursor oracle). The app seals
//! positions before they leave it: names are personal data and must not appear in URLs.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use serde::{Deserialize, Serialize};

use crate::{Result, StoreError};

/// The sort key of a row in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    Text(String),
    Date(NaiveDate),
    Int(i64),
}

impl From<String> for SortKey {
    fn from(v: String) -> Self {
        SortKey::Text(v)
    }
}

impl From<NaiveDate> for SortKey {
    fn from(v: NaiveDate) -> Self {
        SortKey::Date(v)
    }
}

impl From<i64> for SortKey {
    fn from(v: i64) -> Self {
        SortKey::Int(v)
    }
}

/// A sort key of the type a list orders by; any other is refused.
pub trait KeyValue: Sized + Clone + Into<sea_orm::Value> + Into<SortKey> {
    /// The value, if the key is of this type.
    fn from_key(key: &SortKey) -> Option<Self>;
}

impl KeyValue for String {
    fn from_key(key: &SortKey) -> Option<Self> {
        match key {
            SortKey::Text(t) => Some(t.clone()),
            _ => None,
        }
    }
}

impl KeyValue for NaiveDate {
    fn from_key(key: &SortKey) -> Option<Self> {
        match key {
            SortKey::Date(d) => Some(*d),
            _ => None,
        }
    }
}

impl KeyValue for i64 {
    fn from_key(key: &SortKey) -> Option<Self> {
        match key {
            SortKey::Int(i) => Some(*i),
            _ => None,
        }
    }
}

/// Where a page starts: after the row with this sort key and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub key: SortKey,
    pub id: i64,
}

impl Position {
    /// The position of a row.
    pub fn new(key: impl Into<SortKey>, id: i64) -> Self {
        Self {
            key: key.into(),
            id,
        }
    }

    fn key_as<V: KeyValue>(&self) -> Result<V> {
        V::from_key(&self.key)
            .ok_or_else(|| StoreError::Corrupt("a page position of another list".into()))
    }
}

/// What page to read: at most `limit` rows after a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u64,
    pub after: Option<Position>,
}

impl PageRequest {
    /// The first `limit` rows.
    pub fn first(limit: u64) -> Self {
        Self { limit, after: None }
    }
}

/// One page of rows and the position to continue after, if there are more.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_after: Option<Position>,
}

impl<T> Page<T> {
    /// Maps the rows, keeping the position.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_after: self.next_after,
        }
    }

    /// Cuts a read of `limit + 1` rows down to `limit`, noting the position of the last row
    /// kept when there were more.
    pub(crate) fn cut(mut rows: Vec<T>, limit: u64, position: impl Fn(&T) -> Position) -> Self {
        let next_after = if rows.len() as u64 > limit {
            rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            rows.last().map(position)
        } else {
            None
        };
        Page {
            items: rows,
            next_after,
        }
    }
}

/// Reads one page of `query` ordered by (`name`, `id`).
pub(crate) async fn by_name_then_id<E, C>(
    conn: &C,
    query: Select<E>,
    name: E::Column,
    id: E::Column,
    page: PageRequest,
    position: impl Fn(&E::Model) -> Position,
) -> Result<Page<E::Model>>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    by_key_then_id::<E, C, String>(conn, query, name, id, page, position).await
}

/// Reads one page of `query` ordered by (`key`, `id`), where `key` holds values of type `V`
/// (a name, a date), continuing after `page.after`.
pub(crate) async fn by_key_then_id<E, C, V>(
    conn: &C,
    query: Select<E>,
    key: E::Column,
    id: E::Column,
    page: PageRequest,
    position: impl Fn(&E::Model) -> Position,
) -> Result<Page<E::Model>>
where
    E: EntityTrait,
    C: ConnectionTrait,
    V: KeyValue,
{
    rows_by_key_then_id::<E, C, V, E::Model>(conn, query, key, id, page, position).await
}

/// Reads one page like [`by_key_then_id`] into rows of `M`: for a list that selects only the
/// columns it shows (fewer values decoded per row) or joins in a name.
pub(crate) async fn rows_by_key_then_id<E, C, V, M>(
    conn: &C,
    mut query: Select<E>,
    key: E::Column,
    id: E::Column,
    page: PageRequest,
    position: impl Fn(&M) -> Position,
) -> Result<Page<M>>
where
    E: EntityTrait,
    C: ConnectionTrait,
    V: KeyValue,
    M: FromQueryResult + Send,
{
    if let Some(after) = &page.after {
        let k: V = after.key_as()?;
        query = query.filter(
            Condition::any()
                .add(key.gt(k.clone()))
                .add(Condition::all().add(key.eq(k)).add(id.gt(after.id))),
        );
    }
    let rows = query
        .order_by_asc(key)
        .order_by_asc(id)
        .limit(page.limit + 1)
        .into_model::<M>()
        .all(conn)
        .await?;
    Ok(Page::cut(rows, page.limit, position))
}

/// Reads one page of `query` ordered by a computed number `key` from the largest down, then by
/// `id`, continuing after `page.after` (whose key is that number): a list sorted by a count
/// (an option's free places) with the same stable cursor as the others.
pub(crate) async fn rows_by_number_desc_then_id<E, C, M>(
    conn: &C,
    mut query: Select<E>,
    key: sea_orm::sea_query::SimpleExpr,
    id: E::Column,
    page: PageRequest,
    position: impl Fn(&M) -> Position,
) -> Result<Page<M>>
where
    E: EntityTrait,
    C: ConnectionTrait,
    M: FromQueryResult + Send,
{
    use sea_orm::sea_query::ExprTrait;
    if let Some(after) = &page.after {
        let k: i64 = after.key_as()?;
        query = query.filter(
            Condition::any()
                .add(key.clone().lt(k))
                .add(Condition::all().add(key.clone().eq(k)).add(id.gt(after.id))),
        );
    }
    let rows = query
        .order_by(key, sea_orm::Order::Desc)
        .order_by_asc(id)
        .limit(page.limit + 1)
        .into_model::<M>()
        .all(conn)
        .await?;
    Ok(Page::cut(rows, page.limit, position))
}
