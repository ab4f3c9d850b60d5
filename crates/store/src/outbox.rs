//! The e-mail outbox: rows written in the same transaction as the change that causes them.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::Result;
use crate::entities::outbox_email;

/// An e-mail to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub recipient_id: i64,
    pub kind: String,
    /// JSON with ids and counts only.
    pub payload: String,
    /// Unique per cause: queuing the same cause twice writes one row.
    pub dedupe_key: String,
}

/// Queues e-mails; a row whose dedupe key exists already is skipped. Returns how many were new.
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    emails: &[NewEmail],
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut written = 0;
    for e in emails {
        let res = outbox_email::Entity::insert(outbox_email::ActiveModel {
            recipient_id: Set(e.recipient_id),
            kind: Set(e.kind.clone()),
            payload: Set(e.payload.clone()),
            dedupe_key: Set(e.dedupe_key.clone()),
            status: Set(PENDING.into()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            last_error: Set(None),
            sent_at: Set(None),
            created_at: Set(now),
            claimed_until: Set(None),
            claimed_by: Set(None),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([outbox_email::Column::DedupeKey])
        .exec_without_returning(conn)
        .await?;
        if let sea_orm::TryInsertResult::Inserted(n) = res {
            written += n;
        }
    }
    Ok(written)
}

/// All rows for a recipient (newest first), for tests and the user's own view.
pub async fn for_recipient<C: ConnectionTrait>(
    conn: &C,
    recipient_id: i64,
) -> Result<Vec<outbox_email::Model>> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    Ok(outbox_email::Entity::find()
        .filter(outbox_email::Column::RecipientId.eq(recipient_id))
        .order_by_desc(outbox_email::Column::Id)
        .all(conn)
        .await?)
}

/// Leases up to `limit` e-mails that are due for a (re)try, for `who` until `until`. Each row
/// is leased by a conditional update, so two senders never hold the same row.
pub async fn lease_due<C: ConnectionTrait>(
    conn: &C,
    who: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox_email::Model>> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, Condition, QueryFilter, QueryOrder, QuerySelect};
    let free = || {
        Condition::any()
            .add(outbox_email::Column::ClaimedUntil.is_null())
            .add(outbox_email::Column::ClaimedUntil.lt(now))
    };
    let candidates: Vec<i64> = outbox_email::Entity::find()
        .select_only()
        .column(outbox_email::Column::Id)
        .filter(outbox_email::Column::Status.eq(PENDING))
        .filter(outbox_email::Column::NextAttemptAt.lte(now))
        .filter(free())
        .order_by_asc(outbox_email::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    let mut leased = Vec::new();
    for id in candidates {
        let res = outbox_email::Entity::update_many()
            .col_expr(outbox_email::Column::ClaimedUntil, Expr::value(until))
            .col_expr(outbox_email::Column::ClaimedBy, Expr::value(who.to_owned()))
            .filter(outbox_email::Column::Id.eq(id))
            .filter(outbox_email::Column::Status.eq(PENDING))
            .filter(free())
            .exec(conn)
            .await?;
        if res.rows_affected == 1
            && let Some(m) = outbox_email::Entity::find_by_id(id).one(conn).await?
        {
            leased.push(m);
        }
    }
    Ok(leased)
}

/// The row status of an e-mail still to send.
pub const PENDING: &str = "pending";
/// The row status of a sent e-mail.
pub const SENT: &str = "sent";
/// The row status of an e-mail given up on.
pub const FAILED: &str = "failed";

/// Marks a leased e-mail sent.
pub async fn mark_sent<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    who: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, QueryFilter};
    outbox_email::Entity::update_many()
        .col_expr(outbox_email::Column::Status, Expr::value(SENT))
        .col_expr(outbox_email::Column::SentAt, Expr::value(now))
        .col_expr(
            outbox_email::Column::Attempts,
            Expr::col(outbox_email::Column::Attempts).add(1),
        )
        .col_expr(
            outbox_email::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox_email::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox_email::Column::Id.eq(id))
        .filter(outbox_email::Column::ClaimedBy.eq(who))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records a failed attempt: to retry at `retry_at`, or given up (`retry_at` `None`).
pub async fn mark_attempt_failed<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    who: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<()> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut q = outbox_email::Entity::update_many()
        .col_expr(
            outbox_email::Column::Attempts,
            Expr::col(outbox_email::Column::Attempts).add(1),
        )
        .col_expr(
            outbox_email::Column::LastError,
            Expr::value(error.to_owned()),
        )
        .col_expr(
            outbox_email::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    q = match retry_at {
        Some(at) => q.col_expr(outbox_email::Column::NextAttemptAt, Expr::value(at)),
        None => q.col_expr(outbox_email::Column::Status, Expr::value(FAILED)),
    };
    q.filter(outbox_email::Column::Id.eq(id))
        .filter(outbox_email::Column::ClaimedBy.eq(who))
        .exec(conn)
        .await?;
    Ok(())
}

/// How many e-mails are in each status.
pub async fn counts<C: ConnectionTrait>(conn: &C) -> Result<Vec<(String, i64)>> {
    use sea_orm::{ColumnTrait, QuerySelect};
    Ok(outbox_email::Entity::find()
        .select_only()
        .column(outbox_email::Column::Status)
        .column_as(outbox_email::Column::Id.count(), "n")
        .group_by(outbox_email::Column::Status)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Every row (tests and operators).
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<outbox_email::Model>> {
    crate::every::<outbox_email::Entity, C>(conn, outbox_email::Column::Id).await
}
