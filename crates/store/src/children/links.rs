//! A child's links: its sibling group, the options found unsuitable for it and the options it
//! knows.

use super::*;

/// The other children in the same sibling group.
pub async fn siblings_of<C: ConnectionTrait>(
    conn: &C,
    child: &child::Model,
) -> Result<Vec<child::Model>> {
    let Some(group) = child.sibling_group_id else {
        return Ok(vec![]);
    };
    Ok(child::Entity::find()
        .filter(child::Column::SiblingGroupId.eq(group))
        .filter(child::Column::Id.ne(child.id))
        .order_by_asc(child::Column::Name)
        .all(conn)
        .await?)
}

/// Puts two children in one sibling group, merging their groups if both have one.
pub async fn link_siblings<C: ConnectionTrait>(
    conn: &C,
    a: &child::Model,
    b: &child::Model,
    now: DateTime<Utc>,
) -> Result<i64> {
    let group = match (a.sibling_group_id, b.sibling_group_id) {
        (Some(g), Some(h)) if g == h => return Ok(g),
        (Some(g), Some(h)) => {
            child::Entity::update_many()
                .col_expr(child::Column::SiblingGroupId, Expr::value(g))
                .filter(child::Column::SiblingGroupId.eq(h))
                .exec(conn)
                .await?;
            sibling_group::Entity::delete_by_id(h).exec(conn).await?;
            g
        }
        (Some(g), None) | (None, Some(g)) => g,
        (None, None) => {
            sibling_group::ActiveModel {
                created_at: Set(now),
                ..Default::default()
            }
            .insert(conn)
            .await?
            .id
        }
    };
    child::Entity::update_many()
        .col_expr(child::Column::SiblingGroupId, Expr::value(group))
        .filter(child::Column::Id.is_in([a.id, b.id]))
        .exec(conn)
        .await?;
    Ok(group)
}

/// Takes a child out of its sibling group; a group left with one child is dissolved.
pub async fn unlink_sibling<C: ConnectionTrait>(conn: &C, child: &child::Model) -> Result<()> {
    let Some(group) = child.sibling_group_id else {
        return Ok(());
    };
    child::Entity::update_many()
        .col_expr(
            child::Column::SiblingGroupId,
            Expr::value(Option::<i64>::None),
        )
        .filter(child::Column::Id.eq(child.id))
        .exec(conn)
        .await?;
    let left = child::Entity::find()
        .filter(child::Column::SiblingGroupId.eq(group))
        .count(conn)
        .await?;
    if left <= 1 {
        child::Entity::update_many()
            .col_expr(
                child::Column::SiblingGroupId,
                Expr::value(Option::<i64>::None),
            )
            .filter(child::Column::SiblingGroupId.eq(group))
            .exec(conn)
            .await?;
        sibling_group::Entity::delete_by_id(group)
            .exec(conn)
            .await?;
    }
    Ok(())
}

// ---- network ----------------------------------------------------------------------------

/// The options recorded as unsuitable for a child, with each option's name.
pub async fn unsuitable_of<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
) -> Result<Vec<(child_unsuitable_option::Model, String)>> {
    let rows = child_unsuitable_option::Entity::find()
        .filter(child_unsuitable_option::Column::ChildId.eq(child_id))
        .order_by_asc(child_unsuitable_option::Column::RecordedAt)
        .all(conn)
        .await?;
    let names: std::collections::HashMap<i64, String> = placement_option::Entity::find()
        .select_only()
        .column(placement_option::Column::Id)
        .column(placement_option::Column::Name)
        .filter(placement_option::Column::Id.is_in(rows.iter().map(|r| r.option_id)))
        .into_tuple::<(i64, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = names.get(&r.option_id).cloned().unwrap_or_default();
            (r, name)
        })
        .collect())
}

/// Records (or re-records) an option as unsuitable for a child.
pub async fn set_unsuitable<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    option_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    child_unsuitable_option::Entity::delete_many()
        .filter(child_unsuitable_option::Column::ChildId.eq(child_id))
        .filter(child_unsuitable_option::Column::OptionId.eq(option_id))
        .exec(conn)
        .await?;
    child_unsuitable_option::ActiveModel {
        child_id: Set(child_id),
        option_id: Set(option_id),
        reason: Set(reason.to_owned()),
        recorded_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Removes an option from a child's unsuitable list; true when something was removed.
pub async fn remove_unsuitable<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    option_id: i64,
) -> Result<bool> {
    let res = child_unsuitable_option::Entity::delete_many()
        .filter(child_unsuitable_option::Column::ChildId.eq(child_id))
        .filter(child_unsuitable_option::Column::OptionId.eq(option_id))
        .exec(conn)
        .await?;
    Ok(res.rows_affected > 0)
}

/// The options the given children know (e.g. from respite care).
pub async fn known_of<C: ConnectionTrait>(
    conn: &C,
    child_ids: &[i64],
) -> Result<Vec<child_known_option::Model>> {
    if child_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(child_known_option::Entity::find()
        .filter(child_known_option::Column::ChildId.is_in(child_ids.iter().copied()))
        .order_by_asc(child_known_option::Column::RecordedAt)
        .all(conn)
        .await?)
}

/// Records (or re-records) that a child knows an option, and how.
pub async fn set_known<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    option_id: i64,
    how: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    remove_known(conn, child_id, option_id).await?;
    child_known_option::ActiveModel {
        child_id: Set(child_id),
        option_id: Set(option_id),
        how: Set(how.to_owned()),
        recorded_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Removes a known option; true when something was removed.
pub async fn remove_known<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    option_id: i64,
) -> Result<bool> {
    let res = child_known_option::Entity::delete_many()
        .filter(child_known_option::Column::ChildId.eq(child_id))
        .filter(child_known_option::Column::OptionId.eq(option_id))
        .exec(conn)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Unsuitable options of the given children (for matching).
pub async fn unsuitable_of_many<C: ConnectionTrait>(
    conn: &C,
    child_ids: &[i64],
) -> Result<Vec<child_unsuitable_option::Model>> {
    if child_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(child_unsuitable_option::Entity::find()
        .filter(child_unsuitable_option::Column::ChildId.is_in(child_ids.iter().copied()))
        .all(conn)
        .await?)
}
