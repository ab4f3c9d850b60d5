//! Who is behind a request, read in one statement: the user with their roles and units (and,
//! for an API token, the token). Every authenticated request asks this, so it is one join
//! instead of a query per table (a round trip to SQLite's connection thread each).

use chrono::{DateTime, Utc};
use kith_domain::Role;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};

use crate::{Result, StoreError};

/// An active user as the access policy needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub locale: kith_domain::Lang,
    pub roles: Vec<Role>,
    /// Unit ids with their kinds, by id.
    pub units: Vec<(i64, kith_domain::UnitKind)>,
    /// Sessions that logged in before this instant are over.
    pub sessions_valid_after: Option<DateTime<Utc>>,
}

/// A valid API token's principal, with what the caller needs to note its use.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenPrincipal {
    pub token_id: i64,
    pub last_used_at: Option<DateTime<Utc>>,
    pub principal: Principal,
}

/// The active user with this id, if any.
pub async fn by_user<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<Option<Principal>> {
    let mut q = select();
    q.and_where(Expr::col((Alias::new("u"), Alias::new("id"))).eq(user_id));
    let rows = conn.query_all(&q).await?;
    Ok(fold(&rows)?.map(|(_, p)| p))
}

/// The principal of a token that is neither revoked nor expired at `now` and whose user is
/// active, by the token's hash.
pub async fn by_token_hash<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<TokenPrincipal>> {
    let mut q = select();
    q.inner_join(
        Alias::new("api_token"),
        Expr::col((Alias::new("api_token"), Alias::new("user_id")))
            .equals((Alias::new("u"), Alias::new("id"))),
    )
    .expr_as(
        Expr::col((Alias::new("api_token"), Alias::new("id"))),
        Alias::new("token_id"),
    )
    .expr_as(
        Expr::col((Alias::new("api_token"), Alias::new("last_used_at"))),
        Alias::new("token_used_at"),
    )
    .and_where(Expr::col((Alias::new("api_token"), Alias::new("token_hash"))).eq(token_hash))
    .and_where(Expr::col((Alias::new("api_token"), Alias::new("revoked_at"))).is_null())
    .and_where(Expr::col((Alias::new("api_token"), Alias::new("expires_at"))).gt(now));
    let rows = conn.query_all(&q).await?;
    let Some((first, principal)) = fold(&rows)? else {
        return Ok(None);
    };
    Ok(Some(TokenPrincipal {
        token_id: first.try_get("", "token_id")?,
        last_used_at: first.try_get("", "token_used_at")?,
        principal,
    }))
}

/// The user (active only) joined with their roles and units: one row per role and unit
/// pair, a handful at most.
fn select() -> SelectStatement {
    let (u, r, m, n) = (
        Alias::new("u"),
        Alias::new("r"),
        Alias::new("m"),
        Alias::new("n"),
    );
    Query::select()
        .expr_as(
            Expr::col((u.clone(), Alias::new("id"))),
            Alias::new("user_id"),
        )
        .expr_as(
            Expr::col((u.clone(), Alias::new("name"))),
            Alias::new("name"),
        )
        .expr_as(
            Expr::col((u.clone(), Alias::new("email"))),
            Alias::new("email"),
        )
        .expr_as(
            Expr::col((u.clone(), Alias::new("locale"))),
            Alias::new("locale"),
        )
        .expr_as(
            Expr::col((u.clone(), Alias::new("sessions_valid_after"))),
            Alias::new("sessions_valid_after"),
        )
        .expr_as(
            Expr::col((r.clone(), Alias::new("role"))),
            Alias::new("role"),
        )
        .expr_as(
            Expr::col((n.clone(), Alias::new("id"))),
            Alias::new("unit_id"),
        )
        .expr_as(
            Expr::col((n.clone(), Alias::new("kind"))),
            Alias::new("unit_kind"),
        )
        .from_as(Alias::new("app_user"), u.clone())
        .join_as(
            JoinType::LeftJoin,
            Alias::new("user_role"),
            r.clone(),
            Expr::col((r, Alias::new("user_id"))).equals((u.clone(), Alias::new("id"))),
        )
        .join_as(
            JoinType::LeftJoin,
            Alias::new("unit_member"),
            m.clone(),
            Expr::col((m.clone(), Alias::new("user_id"))).equals((u.clone(), Alias::new("id"))),
        )
        .join_as(
            JoinType::LeftJoin,
            Alias::new("unit"),
            n.clone(),
            Expr::col((n, Alias::new("id"))).equals((m, Alias::new("unit_id"))),
        )
        .and_where(Expr::col((u, Alias::new("active"))).eq(true))
        .to_owned()
}

/// Folds the joined rows into one principal (roles and units sorted, without repeats).
fn fold(rows: &[QueryResult]) -> Result<Option<(&QueryResult, Principal)>> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut p = Principal {
        user_id: first.try_get("", "user_id")?,
        name: first.try_get("", "name")?,
        email: first.try_get("", "email")?,
        locale: first
            .try_get::<crate::Stored<kith_domain::Lang>>("", "locale")?
            .0,
        roles: vec![],
        units: vec![],
        sessions_valid_after: first.try_get("", "sessions_valid_after")?,
    };
    for row in rows {
        if let Some(role) = row.try_get::<Option<String>>("", "role")? {
            p.roles
                .push(role.parse::<Role>().map_err(StoreError::corrupt)?);
        }
        if let Some(id) = row.try_get::<Option<i64>>("", "unit_id")? {
            let kind: crate::Stored<kith_domain::UnitKind> = row.try_get("", "unit_kind")?;
            p.units.push((id, kind.0));
        }
    }
    p.roles.sort();
    p.roles.dedup();
    p.units.sort();
    p.units.dedup();
    Ok(Some((first, p)))
}
