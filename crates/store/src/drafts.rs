//! Drafts of forms, by their author and the form's key.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::OnConflict,
};

use crate::Result;
use crate::entities::form_draft;

/// Keeps `body` as `user`'s draft of the form `key`, in place of an earlier one.
pub async fn save<C: ConnectionTrait>(
    conn: &C,
    user: i64,
    key: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    form_draft::Entity::insert(form_draft::ActiveModel {
        user_id: Set(user),
        form_key: Set(key.to_owned()),
        body: Set(body.to_owned()),
        saved_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([form_draft::Column::UserId, form_draft::Column::FormKey])
            .update_columns([form_draft::Column::Body, form_draft::Column::SavedAt])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// `user`'s draft of the form `key`, when one was saved at `since` or later.
pub async fn get<C: ConnectionTrait>(
    conn: &C,
    user: i64,
    key: &str,
    since: DateTime<Utc>,
) -> Result<Option<form_draft::Model>> {
    Ok(form_draft::Entity::find()
        .filter(form_draft::Column::UserId.eq(user))
        .filter(form_draft::Column::FormKey.eq(key))
        .filter(form_draft::Column::SavedAt.gte(since))
        .one(conn)
        .await?)
}

/// Forgets `user`'s draft of the form `key` (saved, or discarded).
pub async fn discard<C: ConnectionTrait>(conn: &C, user: i64, key: &str) -> Result<()> {
    form_draft::Entity::delete_many()
        .filter(form_draft::Column::UserId.eq(user))
        .filter(form_draft::Column::FormKey.eq(key))
        .exec(conn)
        .await?;
    Ok(())
}

/// Forgets every draft saved before `before`; how many there were.
pub async fn forget_older<C: ConnectionTrait>(conn: &C, before: DateTime<Utc>) -> Result<u64> {
    Ok(form_draft::Entity::delete_many()
        .filter(form_draft::Column::SavedAt.lt(before))
        .exec(conn)
        .await?
        .rows_affected)
}
