//! Placements as the follow-up sees them: list and read, change the consultant or the review
//! rhythm, end. Each change re-plans the placement's annual wheel in the same transaction.

use chrono::NaiveDate;
use kith_domain::{
    ChildId, EndReason, ExitGoal, PlacementId, PlacementKind, PlacementOptionId, PlacementStatus,
    Role, UserId,
};
use serde::{Deserialize, Deserializer, Serialize};

use crate::audit::{self, AuditAction, ChildData};
use crate::children::view::ChildRef;
use crate::staff::StaffRef;
use crate::validate::Problems;
use crate::wheel::plan::{parse, plan_in};
use crate::{Actor, App, AppError, PageParams, Paged, Result, policy};

/// Filters for the placement list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacementListParams {
    pub consultant: Option<UserId>,
    pub adviser: Option<UserId>,
    pub option_id: Option<PlacementOptionId>,
    pub status: Option<PlacementStatus>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// A placement.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlacementView {
    pub id: PlacementId,
    /// A code without personal data, for calendars and e-mails.
    pub code: String,
    pub child: ChildRef,
    pub option_id: PlacementOptionId,
    pub option_name: String,
    pub kind: PlacementKind,
    pub status: PlacementStatus,
    pub start_date: NaiveDate,
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub consultant: Option<StaffRef>,
    pub adviser: Option<StaffRef>,
    /// Months between plan reviews (`None`: the rules' rhythm).
    pub review_rhythm_months: Option<i32>,
    /// How many times the consultant has changed.
    pub consultant_changes: usize,
}

impl ChildData for PlacementView {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.child.id]
    }
}

fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Changes to a placement (`PATCH /api/v1/placements/{id}`); a field left out is kept.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacementUpdateInput {
    /// The new consultant (a user with the consultant role); null removes the consultant.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<i64>)]
    pub consultant_id: Option<Option<UserId>>,
    /// Months between plan reviews (1-12); null returns to the rules' rhythm.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<i32>)]
    pub review_rhythm_months: Option<Option<i32>>,
}

/// Ending a placement (`POST /api/v1/placements/{id}/end`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndPlacementInput {
    pub end_date: NaiveDate,
    pub reason: EndReason,
}

/// The placements whose follow-up the actor reaches.
pub async fn list(
    app: &App,
    actor: &Actor,
    params: &PlacementListParams,
) -> Result<Paged<PlacementView>> {
    let scope = policy::follow_up_child_scope(actor);
    policy::require_some(&scope, "placements")?;
    let page = kith_store::placements::list(
        app.db().conn(),
        &scope,
        &kith_store::placements::PlacementFilter {
            consultant_id: params.consultant.map(|u| u.0),
            adviser_id: params.adviser.map(|u| u.0),
            option_id: params.option_id.map(|o| o.0),
            status: params.status,
        },
        PageParams::new(params.limit, params.cursor.clone()).parse()?,
    )
    .await?;
    let next = page.next_after;
    let views = views(app, page.items).await?;
    let paged = Paged::from_page(
        kith_store::Page {
            items: views,
            next_after: next,
        },
        |v| v,
    );
    audit::read(app, actor, AuditAction::PlacementList, paged).await
}

/// One placement.
pub async fn get(app: &App, actor: &Actor, id: PlacementId) -> Result<PlacementView> {
    let row = visible(app, actor, id).await?;
    let v = views(app, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound("placement"))?;
    audit::read(app, actor, AuditAction::PlacementRead, v).await
}

/// Changes the consultant and/or the review rhythm, and re-plans: a new consultant takes over
/// the planned visits (the change is logged for the continuity figure).
pub async fn update(
    app: &App,
    actor: &Actor,
    id: PlacementId,
    input: PlacementUpdateInput,
) -> Result<PlacementView> {
    let row = changeable(app, actor, id).await?;
    let mut p = Problems::default();
    if let Some(Some(c)) = input.consultant_id {
        let ok = kith_store::users::get(app.db().conn(), c.0)
            .await?
            .is_some_and(|u| u.user.active && u.roles.contains(&Role::Consultant));
        if !ok {
            p.add(
                "consultant_id",
                "not an active user with the consultant role",
            );
        }
    }
    if let Some(Some(m)) = input.review_rhythm_months
        && !(1..=12).contains(&m)
    {
        p.add("review_rhythm_months", "must be between 1 and 12 months");
    }
    p.into_result()?;
    if parse::<PlacementStatus>(&row.status)? == PlacementStatus::Ended {
        return Err(AppError::conflict("status", "the placement has ended"));
    }
    let now = app.now();
    let tx = app.db().begin_write().await?;
    if let Some(to) = input.consultant_id {
        let to = to.map(|u| u.0);
        if to != row.consultant_id {
            kith_store::placements::change_consultant(
                &tx,
                id.0,
                row.consultant_id,
                to,
                app.today(),
                actor.id.0,
                now,
            )
            .await?;
        }
    }
    if let Some(m) = input.review_rhythm_months {
        kith_store::placements::set_review_rhythm(&tx, id.0, m, now).await?;
    }
    audit::changed(
        &tx,
        app,
        Some(actor),
        AuditAction::PlacementUpdate,
        ChildId(row.child_id),
        "placement",
        id.0,
    )
    .await?;
    plan_in(&tx, app, Some(&[id.0])).await?;
    tx.commit().await?;
    get(app, actor, id).await
}

/// Ends a placement; its planned visits after the end are cancelled with that reason.
pub async fn end(
    app: &App,
    actor: &Actor,
    id: PlacementId,
    input: EndPlacementInput,
) -> Result<PlacementView> {
    let row = changeable(app, actor, id).await?;
    let mut p = Problems::default();
    if input.end_date < row.start_date {
        p.add("end_date", "is before the placement started");
    }
    if input.end_date > app.today() {
        p.add(
            "end_date",
            "a placement is ended on or after the day it ends, not before",
        );
    }
    p.into_result()?;
    if parse::<PlacementStatus>(&row.status)? == PlacementStatus::Ended {
        return Err(AppError::conflict(
            "status",
            "the placement has already ended",
        ));
    }
    let tx = app.db().begin_write().await?;
    kith_store::placements::end(&tx, id.0, input.end_date, input.reason, app.now()).await?;
    audit::changed(
        &tx,
        app,
        Some(actor),
        AuditAction::PlacementEnd,
        ChildId(row.child_id),
        "placement",
        id.0,
    )
    .await?;
    plan_in(&tx, app, Some(&[id.0])).await?;
    tx.commit().await?;
    get(app, actor, id).await
}

async fn visible(
    app: &App,
    actor: &Actor,
    id: PlacementId,
) -> Result<kith_store::entities::placement::Model> {
    let scope = policy::follow_up_child_scope(actor);
    policy::require_some(&scope, "placements")?;
    kith_store::placements::get_in_scope(app.db().conn(), id.0, &scope)
        .await?
        .ok_or(AppError::NotFound("placement"))
}

async fn changeable(
    app: &App,
    actor: &Actor,
    id: PlacementId,
) -> Result<kith_store::entities::placement::Model> {
    let row = visible(app, actor, id).await?;
    let scope = policy::child_change_scope(actor);
    if kith_store::placements::get_in_scope(app.db().conn(), id.0, &scope)
        .await?
        .is_none()
    {
        audit::denied(app, actor, AuditAction::ChangeDenied, ChildId(row.child_id)).await?;
        return Err(AppError::forbidden(
            "only the case adviser or a team leader changes a placement",
        ));
    }
    Ok(row)
}

async fn views(
    app: &App,
    rows: Vec<kith_store::entities::placement::Model>,
) -> Result<Vec<PlacementView>> {
    let conn = app.db().conn();
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let refs = crate::wheel::views::placement_refs(conn, &ids).await?;
    let mut people: Vec<i64> = rows.iter().map(|p| p.adviser_id).collect();
    people.extend(rows.iter().filter_map(|p| p.consultant_id));
    let staff = crate::staff::refs(app, &people).await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        let Some(r) = refs.get(&p.id) else { continue };
        let changes = kith_store::placements::consultant_changes(conn, p.id)
            .await?
            .len();
        out.push(PlacementView {
            id: PlacementId(p.id),
            code: r.code.clone(),
            child: ChildRef {
                id: r.child_id,
                name: r.child_name.clone(),
            },
            option_id: r.option_id,
            option_name: r.option_name.clone(),
            kind: r.kind,
            status: parse(&p.status)?,
            start_date: p.start_date,
            planned_end_date: p.planned_end_date,
            exit_goal: p.exit_goal.as_deref().map(parse).transpose()?,
            end_date: p.end_date,
            end_reason: p.end_reason.as_deref().map(parse).transpose()?,
            consultant: p.consultant_id.and_then(|c| staff.get(&c).cloned()),
            adviser: staff.get(&p.adviser_id).cloned(),
            review_rhythm_months: p.review_rhythm_months,
            consultant_changes: changes,
        });
    }
    Ok(out)
}
