//! Short stays: extensions of the planned end, and the exit plan.

use super::*;

/// Moves a stay's planned end and keeps the extension with its reason.
pub async fn extend_stay<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    previous_end: NaiveDate,
    new_end: NaiveDate,
    reason: &str,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    use crate::entities::stay_extension;
    use sea_orm::sea_query::Expr;
    placement::Entity::update_many()
        .col_expr(placement::Column::PlannedEndDate, Expr::value(new_end))
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(id))
        .exec(conn)
        .await?;
    stay_extension::ActiveModel {
        placement_id: Set(id),
        previous_end: Set(previous_end),
        new_end: Set(new_end),
        reason: Set(reason.to_owned()),
        extended_by: Set(by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The extensions of the given stays, each stay's oldest first (one statement, not one a stay).
pub async fn stay_extensions_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<crate::entities::stay_extension::Model>>> {
    use crate::entities::stay_extension as se;
    let mut out: std::collections::HashMap<i64, Vec<se::Model>> = Default::default();
    for chunk in ids.chunks(crate::IN_LIST_CHUNK) {
        for e in se::Entity::find()
            .filter(se::Column::PlacementId.is_in(chunk.iter().copied()))
            .order_by_asc(se::Column::Id)
            .all(conn)
            .await?
        {
            out.entry(e.placement_id).or_default().push(e);
        }
    }
    Ok(out)
}

/// A stay's exit plan as stored: where the child goes, the day of the move, the steps.
#[derive(Debug, Clone, Copy)]
pub struct ExitPlanRow<'a> {
    pub goal: Option<kith_domain::ExitGoal>,
    pub move_on: Option<NaiveDate>,
    pub steps: Option<&'a str>,
}

/// Records (or clears) a stay's exit plan; the exit goal is the plan's.
pub async fn set_exit_plan<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    plan: &ExitPlanRow<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::sea_query::Expr;
    placement::Entity::update_many()
        .col_expr(
            placement::Column::ExitPlan,
            Expr::value(plan.steps.map(str::to_owned)),
        )
        .col_expr(placement::Column::ExitMoveOn, Expr::value(plan.move_on))
        .col_expr(
            placement::Column::ExitGoal,
            Expr::value(plan.goal.map(crate::Stored)),
        )
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records what was decided about support after the 18th birthday, on `on`.
pub async fn set_after_care<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    decision: kith_domain::AfterCareDecision,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::sea_query::Expr;
    placement::Entity::update_many()
        .col_expr(
            placement::Column::AfterCareDecision,
            Expr::value(crate::Stored(decision)),
        )
        .col_expr(placement::Column::AfterCareDecidedOn, Expr::value(on))
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}
