//! Keyset pagination ordered by name, then id.
//!
//! The cursor the API hands out is the id of the last row seen, never a name: names are
//! personal data and must not appear in URLs. The name is looked up again here.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

use crate::Result;

/// What page to read: at most `limit` rows after the row with id `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u64,
    pub after: Option<i64>,
}

/// One page of rows and the id to continue after, if there are more.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_after: Option<i64>,
}

impl<T> Page<T> {
    /// Maps the rows, keeping the cursor.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_after: self.next_after,
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
    id_of: impl Fn(&E::Model) -> i64,
) -> Result<Page<E::Model>>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    by_key_then_id::<E, C, String>(conn, query, name, id, page, id_of).await
}

/// Reads one page of `query` ordered by (`key`, `id`), where `key` holds values of type `V`
/// (a name, a date). The cursor is the id of the last row; its key is looked up again.
pub(crate) async fn by_key_then_id<E, C, V>(
    conn: &C,
    query: Select<E>,
    key: E::Column,
    id: E::Column,
    page: PageRequest,
    id_of: impl Fn(&E::Model) -> i64,
) -> Result<Page<E::Model>>
where
    E: EntityTrait,
    C: ConnectionTrait,
    V: sea_orm::TryGetableMany + Into<sea_orm::Value> + Clone,
{
    rows_by_key_then_id::<E, C, V, E::Model>(conn, query, key, id, page, id_of).await
}

/// Reads one page like [`by_key_then_id`] into rows of `M`: for a list that selects only the
/// columns it shows (fewer values decoded per row) or joins in a name.
pub(crate) async fn rows_by_key_then_id<E, C, V, M>(
    conn: &C,
    mut query: Select<E>,
    key: E::Column,
    id: E::Column,
    page: PageRequest,
    id_of: impl Fn(&M) -> i64,
) -> Result<Page<M>>
where
    E: EntityTrait,
    C: ConnectionTrait,
    V: sea_orm::TryGetableMany + Into<sea_orm::Value> + Clone,
    M: FromQueryResult + Send,
{
    if let Some(after) = page.after {
        let cursor_key: Option<V> = E::find()
            .select_only()
            .column(key)
            .filter(id.eq(after))
            .into_tuple()
            .one(conn)
            .await?;
        if let Some(k) = cursor_key {
            query = query.filter(
                Condition::any()
                    .add(key.gt(k.clone()))
                    .add(Condition::all().add(key.eq(k)).add(id.gt(after))),
            );
        }
    }
    let mut rows = query
        .order_by_asc(key)
        .order_by_asc(id)
        .limit(page.limit + 1)
        .into_model::<M>()
        .all(conn)
        .await?;
    let next_after = if rows.len() as u64 > page.limit {
        rows.truncate(page.limit as usize);
        rows.last().map(&id_of)
    } else {
        None
    };
    Ok(Page {
        items: rows,
        next_after,
    })
}
