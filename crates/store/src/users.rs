//! Staff users with their roles and unit memberships.

use chrono::{DateTime, Utc};
use kith_domain::{Email, Lang, Role};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::{app_user, unit_member, user_role};
use crate::paging::by_name_then_id;
use crate::{Page, PageRequest, Position, Result, StoreError};

/// A user row with its roles and unit ids.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub user: app_user::Model,
    pub roles: Vec<Role>,
    pub unit_ids: Vec<i64>,
}

/// A new user's fields.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub password_hash: String,
    pub locale: Lang,
    pub active: bool,
}

/// Inserts a user; a taken e-mail address is `StoreError::Duplicate`.
pub async fn insert<C: ConnectionTrait>(conn: &C, u: &NewUser, now: DateTime<Utc>) -> Result<i64> {
    let m = app_user::ActiveModel {
        email: Set(u.email.as_str().to_owned()),
        name: Set(u.name.clone()),
        password_hash: Set(u.password_hash.clone()),
        active: Set(u.active),
        locale: Set(u.locale.into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(m.id)
}

/// Updates name, e-mail, locale and active flag.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    email: &Email,
    name: &str,
    locale: Lang,
    active: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    app_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        email: Set(email.as_str().to_owned()),
        name: Set(name.to_owned()),
        locale: Set(locale.into()),
        active: Set(active),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(conn)
    .await?;
    Ok(())
}

/// Sets a user's preferred language.
pub async fn set_locale<C: ConnectionTrait>(conn: &C, id: i64, locale: Lang) -> Result<()> {
    app_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        locale: Set(locale.into()),
        ..Default::default()
    }
    .update(conn)
    .await?;
    Ok(())
}

/// Replaces a user's password hash.
pub async fn set_password_hash<C: ConnectionTrait>(conn: &C, id: i64, hash: &str) -> Result<()> {
    app_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        password_hash: Set(hash.to_owned()),
        ..Default::default()
    }
    .update(conn)
    .await?;
    Ok(())
}

/// Ends every session of a user that logged in before `at` (the session check compares
/// each session's login time with this).
pub async fn end_sessions<C: ConnectionTrait>(conn: &C, id: i64, at: DateTime<Utc>) -> Result<()> {
    app_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        sessions_valid_after: Set(Some(at)),
        ..Default::default()
    }
    .update(conn)
    .await?;
    Ok(())
}

/// Replaces a user's roles.
pub async fn set_roles<C: ConnectionTrait>(conn: &C, user_id: i64, roles: &[Role]) -> Result<()> {
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    if roles.is_empty() {
        return Ok(());
    }
    user_role::Entity::insert_many(roles.iter().map(|r| user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(r.as_str().to_owned()),
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Replaces a user's unit memberships.
pub async fn set_units<C: ConnectionTrait>(conn: &C, user_id: i64, units: &[i64]) -> Result<()> {
    unit_member::Entity::delete_many()
        .filter(unit_member::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    if units.is_empty() {
        return Ok(());
    }
    unit_member::Entity::insert_many(units.iter().map(|u| unit_member::ActiveModel {
        unit_id: Set(*u),
        user_id: Set(user_id),
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

async fn with_roles_and_units<C: ConnectionTrait>(
    conn: &C,
    users: Vec<app_user::Model>,
) -> Result<Vec<UserRecord>> {
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let units = unit_member::Entity::find()
        .filter(unit_member::Column::UserId.is_in(ids))
        .all(conn)
        .await?;
    users
        .into_iter()
        .map(|user| {
            let mut rs = roles
                .iter()
                .filter(|r| r.user_id == user.id)
                .map(|r| r.role.parse::<Role>().map_err(StoreError::corrupt))
                .collect::<Result<Vec<_>>>()?;
            rs.sort();
            let mut us: Vec<i64> = units
                .iter()
                .filter(|m| m.user_id == user.id)
                .map(|m| m.unit_id)
                .collect();
            us.sort();
            Ok(UserRecord {
                user,
                roles: rs,
                unit_ids: us,
            })
        })
        .collect()
}

/// The user with this id.
pub async fn get<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<UserRecord>> {
    let Some(u) = app_user::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    Ok(with_roles_and_units(conn, vec![u]).await?.pop())
}

/// The user with this e-mail address.
pub async fn find_by_email<C: ConnectionTrait>(
    conn: &C,
    email: &Email,
) -> Result<Option<UserRecord>> {
    let Some(u) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    Ok(with_roles_and_units(conn, vec![u]).await?.pop())
}

/// What a login checks: one statement, the same whether or not the address exists.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub active: bool,
}

/// The credentials behind an e-mail address, if it belongs to a user.
pub async fn credentials_by_email<C: ConnectionTrait>(
    conn: &C,
    email: &Email,
) -> Result<Option<Credentials>> {
    Ok(app_user::Entity::find()
        .select_only()
        .column(app_user::Column::Id)
        .column(app_user::Column::PasswordHash)
        .column(app_user::Column::Active)
        .filter(app_user::Column::Email.eq(email.as_str()))
        .into_model::<Credentials>()
        .one(conn)
        .await?)
}

/// Users by id (for showing names).
pub async fn get_many<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<UserRecord>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let users = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    with_roles_and_units(conn, users).await
}

/// The names of these users, by id (one statement: what every list showing staff needs).
pub async fn names<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(app_user::Entity::find()
        .select_only()
        .column(app_user::Column::Id)
        .column(app_user::Column::Name)
        .filter(app_user::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?)
}

/// A page of users ordered by name.
pub async fn list<C: ConnectionTrait>(conn: &C, page: PageRequest) -> Result<Page<UserRecord>> {
    let page = by_name_then_id(
        conn,
        app_user::Entity::find(),
        app_user::Column::Name,
        app_user::Column::Id,
        page,
        |m| Position::new(m.name.clone(), m.id),
    )
    .await?;
    let next_after = page.next_after;
    Ok(Page {
        items: with_roles_and_units(conn, page.items).await?,
        next_after,
    })
}

/// Active users holding `role`, ordered by name (for choosing an adviser or consultant).
pub async fn with_role<C: ConnectionTrait>(conn: &C, role: Role) -> Result<Vec<UserRecord>> {
    let ids: Vec<i64> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.eq(role.as_str()))
        .into_tuple()
        .all(conn)
        .await?;
    let users = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::Name)
        .all(conn)
        .await?;
    with_roles_and_units(conn, users).await
}

/// How many users there are.
pub async fn count_all<C: ConnectionTrait>(conn: &C) -> Result<u64> {
    Ok(app_user::Entity::find().count(conn).await?)
}

/// Sets (or removes) the hash of a user's calendar feed token.
pub async fn set_calendar_token_hash<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    hash: Option<&str>,
) -> Result<()> {
    use sea_orm::sea_query::Expr;
    app_user::Entity::update_many()
        .col_expr(
            app_user::Column::CalendarTokenHash,
            Expr::value(hash.map(str::to_owned)),
        )
        .filter(app_user::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The active user whose calendar feed token has this hash.
pub async fn find_by_calendar_token_hash<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
) -> Result<Option<app_user::Model>> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::CalendarTokenHash.eq(hash))
        .filter(app_user::Column::Active.eq(true))
        .one(conn)
        .await?)
}

/// The members of the given units who hold a role (e.g. the leaders of a consultant's team).
pub async fn in_units_with_role<C: ConnectionTrait>(
    conn: &C,
    units: &[i64],
    role: Role,
) -> Result<Vec<i64>> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::Query;
    if units.is_empty() {
        return Ok(vec![]);
    }
    Ok(app_user::Entity::find()
        .select_only()
        .column(app_user::Column::Id)
        .filter(app_user::Column::Active.eq(true))
        .filter(
            app_user::Column::Id.in_subquery(
                Query::select()
                    .column(unit_member::Column::UserId)
                    .from(unit_member::Entity)
                    .and_where(unit_member::Column::UnitId.is_in(units.iter().copied()))
                    .take(),
            ),
        )
        .filter(
            app_user::Column::Id.in_subquery(
                Query::select()
                    .column(user_role::Column::UserId)
                    .from(user_role::Entity)
                    .and_where(user_role::Column::Role.eq(role.as_str()))
                    .take(),
            ),
        )
        .into_tuple()
        .all(conn)
        .await?)
}

/// Every active user (the digest goes to each who has work).
pub async fn active_ids<C: ConnectionTrait>(conn: &C) -> Result<Vec<i64>> {
    use sea_orm::QuerySelect;
    Ok(app_user::Entity::find()
        .select_only()
        .column(app_user::Column::Id)
        .filter(app_user::Column::Active.eq(true))
        .into_tuple()
        .all(conn)
        .await?)
}
