//! The audit log: append-only rows of ids and codes.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SubQueryStatement, UnionType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::Result;
use crate::entities::audit_log;

/// One audit entry to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor_id: Option<i64>,
    pub action: String,
    pub entity: &'static str,
    pub entity_id: Option<i64>,
    pub child_id: Option<i64>,
    /// Codes saying what a privileged change changed; never names or case text.
    pub detail: Option<String>,
}

/// Appends entries, all stamped `at`.
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    entries: &[AuditEntry],
    at: DateTime<Utc>,
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    audit_log::Entity::insert_many(entries.iter().map(|e| audit_log::ActiveModel {
        at: Set(at),
        actor_id: Set(e.actor_id),
        action: Set(e.action.clone()),
        entity: Set(e.entity.to_owned()),
        entity_id: Set(e.entity_id),
        child_id: Set(e.child_id),
        detail: Set(e.detail.clone()),
        ..Default::default()
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The ids of the entries about one child: through the index by child up to its mark, and
/// the rows after the mark directly (`audit_by_child`), so an index that lags misses nothing.
fn ids_for_child(child_id: i64) -> sea_orm::sea_query::SelectStatement {
    let mark = Query::select()
        .column(Alias::new("audit_id"))
        .from(Alias::new("audit_by_child_upto"))
        .and_where(Expr::col(Alias::new("id")).eq(1))
        .to_owned();
    let after_mark = Query::select()
        .column(audit_log::Column::Id)
        .from(audit_log::Entity)
        .and_where(Expr::col(audit_log::Column::Id).gt(Expr::SubQuery(
            None,
            Box::new(SubQueryStatement::SelectStatement(mark)),
        )))
        .and_where(audit_log::Column::ChildId.eq(child_id))
        .to_owned();
    Query::select()
        .column(Alias::new("audit_id"))
        .from(Alias::new("audit_by_child"))
        .and_where(Expr::col(Alias::new("child_id")).eq(child_id))
        .union(UnionType::All, after_mark)
        .to_owned()
}

/// The newest entries about one child (see `ids_for_child`).
pub async fn for_child<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    limit: u64,
) -> Result<Vec<audit_log::Model>> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::Id.in_subquery(ids_for_child(child_id)))
        .filter(audit_log::Column::ChildId.eq(child_id))
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

/// How many entries there are (all, or with this action).
pub async fn count<C: ConnectionTrait>(conn: &C, action: Option<&str>) -> Result<u64> {
    let mut q = audit_log::Entity::find();
    if let Some(a) = action {
        q = q.filter(audit_log::Column::Action.eq(a));
    }
    Ok(q.count(conn).await?)
}

/// The newest entries overall.
pub async fn latest<C: ConnectionTrait>(conn: &C, limit: u64) -> Result<Vec<audit_log::Model>> {
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

/// Which entries a reviewer may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditScope {
    /// Every entry (the data-protection auditor).
    All,
    /// Everything about the children in this scope, and what the members of these units did
    /// that is about no child (logins, privileged changes): a leader over their units. A
    /// member's entry about a child out of the leader's scope stays out of it, so the trail
    /// never names a case the leader cannot read.
    Units {
        units: Vec<i64>,
        children: crate::scope::ChildScope,
    },
}

impl AuditScope {
    fn condition(&self) -> sea_orm::Condition {
        use crate::entities::child;
        match self {
            AuditScope::All => sea_orm::Condition::all(),
            AuditScope::Units { units, children } => {
                let mut any = sea_orm::Condition::any().add(
                    sea_orm::Condition::all()
                        .add(
                            audit_log::Column::ActorId.in_subquery(crate::scope::members_of(units)),
                        )
                        .add(audit_log::Column::ChildId.is_null()),
                );
                if !children.is_empty() {
                    any = any.add(
                        audit_log::Column::ChildId.in_subquery(
                            Query::select()
                                .column(child::Column::Id)
                                .from(child::Entity)
                                .cond_where(children.condition())
                                .to_owned(),
                        ),
                    );
                }
                any
            }
        }
    }
}

/// What to look for in the audit log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor_id: Option<i64>,
    pub child_id: Option<i64>,
    /// Instants from (inclusive) and to (exclusive).
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Only these actions (codes).
    pub actions: Option<Vec<String>>,
}

/// A page of entries, newest first, continuing below the last id seen.
pub async fn search<C: ConnectionTrait>(
    conn: &C,
    scope: &AuditScope,
    filter: &AuditFilter,
    page: crate::PageRequest,
) -> Result<crate::Page<audit_log::Model>> {
    let mut q = audit_log::Entity::find().filter(scope.condition());
    if let Some(a) = filter.actor_id {
        q = q.filter(audit_log::Column::ActorId.eq(a));
    }
    if let Some(c) = filter.child_id {
        q = q
            .filter(audit_log::Column::Id.in_subquery(ids_for_child(c)))
            .filter(audit_log::Column::ChildId.eq(c));
    }
    if let Some(f) = filter.from {
        q = q.filter(audit_log::Column::At.gte(f));
    }
    if let Some(t) = filter.to {
        q = q.filter(audit_log::Column::At.lt(t));
    }
    if let Some(actions) = &filter.actions {
        q = q.filter(audit_log::Column::Action.is_in(actions.iter().cloned()));
    }
    if let Some(after) = &page.after {
        q = q.filter(audit_log::Column::Id.lt(after.id));
    }
    let rows = q
        .order_by_desc(audit_log::Column::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    Ok(crate::Page::cut(rows, page.limit, |r| {
        crate::Position::new(r.id, r.id)
    }))
}

/// Whether `actor` did `action` to `entity` `entity_id` at or after `since`.
pub async fn done_since<C: ConnectionTrait>(
    conn: &C,
    actor: i64,
    action: &str,
    entity: &str,
    entity_id: i64,
    since: DateTime<Utc>,
) -> Result<bool> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(actor))
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::Entity.eq(entity))
        .filter(audit_log::Column::EntityId.eq(entity_id))
        .filter(audit_log::Column::At.gte(since))
        .count(conn)
        .await?
        > 0)
}
