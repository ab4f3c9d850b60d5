//! Cover when someone is away: naming a stand-in for a period, ending it, and what the
//! stand-in carries. The rules (who may stand in, which items are theirs) are in
//! `kith_domain::cover`; the reach a running cover gives is in the access policy
//! (`ChildReach::StandIn`), so lists and single reads agree.

use chrono::{Days, NaiveDate};
use kith_domain::cover::{CoverPeriod, CoverRequest, check_cover, may_stand_in};
use kith_domain::{Role, UserId};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction};
use crate::staff::StaffRef;
use crate::validate::Problems;
use crate::{Actor, App, AppError, Result};

/// A named stand-in for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CoverView {
    pub id: i64,
    pub absent: StaffRef,
    pub stand_in: StaffRef,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Whether the period runs today (the stand-in reaches the cases now).
    pub in_force: bool,
}

impl CoverView {
    /// The period as the domain sees it.
    pub fn period(&self) -> CoverPeriod {
        CoverPeriod {
            first_day: self.first_day,
            last_day: self.last_day,
        }
    }
}

/// A new stand-in (`POST /api/v1/users/{id}/covers`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverInput {
    /// A colleague in the absent person's team who does the same work.
    pub stand_in_id: Option<UserId>,
    /// The first and last day away (both included).
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
}

/// The person's covers (as the absent one) from today on, and whom they may name.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoversOf {
    /// Whose covers these are.
    pub person: StaffRef,
    pub covers: Vec<CoverView>,
    /// The colleagues who may stand in for the person, by name.
    pub candidates: Vec<StaffRef>,
}

/// The covers of `person` from today on and the colleagues who may stand in: for the person,
/// their team leader and an administrator.
pub async fn of_person(app: &App, actor: &Actor, person: UserId) -> Result<CoversOf> {
    let absent = gate(app, actor, person).await?;
    let rows = kith_store::covers::of_absent(app.db().conn(), &[person.0], app.today()).await?;
    Ok(CoversOf {
        person: StaffRef {
            id: person,
            name: absent.user.name.clone(),
        },
        covers: views(app, rows).await?,
        candidates: candidates(app, &absent).await?,
    })
}

/// The covers the actor carries for others from today on (their week says so).
pub async fn carried_by(app: &App, actor: &Actor) -> Result<Vec<CoverView>> {
    let rows = kith_store::covers::of_stand_in(app.db().conn(), actor.id.0, app.today()).await?;
    views(app, rows).await
}

/// The covers of the members of the leader's units running on or after `from` and before
/// `to` (the leader's week shows who is away and who covers).
pub async fn in_team(
    app: &App,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CoverView>> {
    if !actor.has(Role::Leader) {
        return Ok(vec![]);
    }
    let conn = app.db().conn();
    let mut members = Vec::new();
    for role in [Role::Consultant, Role::Adviser] {
        members.extend(kith_store::users::in_units_with_role(conn, &actor.unit_ids(), role).await?);
    }
    members.sort_unstable();
    members.dedup();
    let rows = kith_store::covers::of_absent(conn, &members, from)
        .await?
        .into_iter()
        .filter(|c| c.first_day <= to)
        .collect();
    views(app, rows).await
}

/// Names `input.stand_in_id` as `person`'s stand-in for the period. Refused, naming the
/// field, when the period is past, backwards, too long or overlaps another cover, or the
/// stand-in is not a colleague doing the same work. Audited as a privileged change: it widens
/// what the stand-in reaches.
pub async fn name(
    app: &App,
    actor: &Actor,
    person: UserId,
    input: CoverInput,
) -> Result<CoverView> {
    let absent = gate(app, actor, person).await?;
    // Checked and written in one transaction holding both people's rows, so covers named at
    // once cannot overlap nor name each other.
    let tx = app.db().begin_write().await?;
    let mut people = vec![person.0];
    people.extend(input.stand_in_id.map(|s| s.0));
    kith_store::covers::lock_people(&tx, &mut people).await?;
    let (stand_in_id, period) = check(app, &tx, &absent, &input).await?;
    let id = kith_store::covers::insert(
        &tx,
        &kith_store::covers::NewCover {
            absent_id: person.0,
            stand_in_id: stand_in_id.0,
            first_day: period.first_day,
            last_day: period.last_day,
            created_by: actor.id.0,
        },
        app.now(),
    )
    .await?;
    let detail = format!("absent={};stand_in={}", person.0, stand_in_id.0);
    audit::event(
        &tx,
        app,
        Some(actor.id),
        AuditAction::CoverSet,
        "cover",
        Some(id),
        Some(detail),
    )
    .await?;
    tx.commit().await?;
    let row = kith_store::covers::get(app.db().conn(), id)
        .await?
        .ok_or(AppError::NotFound("cover"))?;
    Ok(views(app, vec![row]).await?.remove(0))
}

/// Every mistake of a new cover at once, each naming its field: what is missing, then the
/// rules of `kith_domain::cover::check_cover`.
async fn check<C: sea_orm::ConnectionTrait>(
    app: &App,
    conn: &C,
    absent: &kith_store::users::UserRecord,
    input: &CoverInput,
) -> Result<(UserId, CoverPeriod)> {
    let mut p = Problems::default();
    if input.first_day.is_none() {
        p.add("first_day", "problem.required");
    }
    if input.last_day.is_none() {
        p.add("last_day", "problem.required");
    }
    if input.stand_in_id.is_none() {
        p.add("stand_in_id", "problem.cover_choose");
    }
    let (Some(first_day), Some(last_day), Some(stand_in_id)) =
        (input.first_day, input.last_day, input.stand_in_id)
    else {
        return Err(p.into_result().expect_err("a missing field is a problem"));
    };
    let today = app.today();
    let stand_in = kith_store::users::get(conn, stand_in_id.0)
        .await?
        .filter(|u| u.user.active);
    let periods = |rows: Vec<kith_store::covers::Cover>| -> Vec<CoverPeriod> {
        rows.iter()
            .map(|c| CoverPeriod {
                first_day: c.first_day,
                last_day: c.last_day,
            })
            .collect()
    };
    let others = periods(kith_store::covers::of_absent(conn, &[absent.user.id], today).await?);
    let away = periods(kith_store::covers::of_absent(conn, &[stand_in_id.0], today).await?);
    let no_roles = Vec::new();
    let period = CoverPeriod {
        first_day,
        last_day,
    };
    let request = CoverRequest {
        period,
        absent_roles: &absent.roles,
        stand_in_is_self: stand_in_id.0 == absent.user.id,
        stand_in_roles: stand_in.as_ref().map_or(&no_roles, |u| &u.roles),
        shares_a_unit: stand_in
            .as_ref()
            .is_some_and(|u| u.unit_ids.iter().any(|x| absent.unit_ids.contains(x))),
        others: &others,
        stand_in_away: &away,
    };
    for (field, message) in check_cover(request, today) {
        p.add(field, message);
    }
    p.into_result()?;
    Ok((stand_in_id, period))
}

/// Ends a cover: one that has not begun is removed; a running one ends yesterday, so the
/// stand-in's reach ends now. For whoever may name the absent person's stand-in. Returns the
/// absent person and whether the cover was removed (not begun) rather than ended.
pub async fn end(app: &App, actor: &Actor, id: i64) -> Result<(UserId, bool)> {
    let conn = app.db().conn();
    let today = app.today();
    let row = kith_store::covers::get(conn, id)
        .await?
        .filter(|c| c.last_day >= today)
        .ok_or(AppError::NotFound("cover"))?;
    // A cover out of reach is not there, whoever asks (its id says nothing).
    gate(app, actor, UserId(row.absent_id))
        .await
        .map_err(|e| match e {
            AppError::Forbidden(_) => AppError::NotFound("cover"),
            other => other,
        })?;
    let tx = app.db().begin_write().await?;
    let removed = row.first_day >= today;
    if removed {
        kith_store::covers::delete(&tx, id).await?;
    } else {
        kith_store::covers::end_on(&tx, id, today - Days::new(1)).await?;
    }
    audit::event(
        &tx,
        app,
        Some(actor.id),
        AuditAction::CoverEnd,
        "cover",
        Some(id),
        Some(format!(
            "absent={};stand_in={}",
            row.absent_id, row.stand_in_id
        )),
    )
    .await?;
    tx.commit().await?;
    Ok((UserId(row.absent_id), removed))
}

/// The person, if the actor may name their stand-in: as for their room for visits (the
/// person, their team leader, an administrator).
async fn gate(app: &App, actor: &Actor, person: UserId) -> Result<kith_store::users::UserRecord> {
    crate::staff::person_in_reach(app, actor, person).await
}

/// Active colleagues in the person's units who may stand in for them, by name.
async fn candidates(app: &App, absent: &kith_store::users::UserRecord) -> Result<Vec<StaffRef>> {
    let conn = app.db().conn();
    let mut ids = Vec::new();
    for role in [Role::Consultant, Role::Adviser, Role::Leader] {
        ids.extend(kith_store::users::in_units_with_role(conn, &absent.unit_ids, role).await?);
    }
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<StaffRef> = kith_store::users::get_many(conn, &ids)
        .await?
        .into_iter()
        .filter(|u| u.user.id != absent.user.id && may_stand_in(&absent.roles, &u.roles))
        .map(|u| StaffRef {
            id: UserId(u.user.id),
            name: u.user.name,
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.0.cmp(&b.id.0)));
    Ok(out)
}

async fn views(app: &App, rows: Vec<kith_store::covers::Cover>) -> Result<Vec<CoverView>> {
    views_of(app, rows).await
}

/// The covers as shown, with both people's names.
pub(crate) async fn views_of(
    app: &App,
    rows: Vec<kith_store::covers::Cover>,
) -> Result<Vec<CoverView>> {
    let ids: Vec<i64> = rows
        .iter()
        .flat_map(|c| [c.absent_id, c.stand_in_id])
        .collect();
    let names = crate::staff::refs(app, &ids).await?;
    let name = |id: i64| {
        names.get(&id).cloned().unwrap_or(StaffRef {
            id: UserId(id),
            name: String::new(),
        })
    };
    let today = app.today();
    Ok(rows
        .into_iter()
        .map(|c| CoverView {
            id: c.id,
            absent: name(c.absent_id),
            stand_in: name(c.stand_in_id),
            first_day: c.first_day,
            last_day: c.last_day,
            in_force: c.first_day <= today && today <= c.last_day,
        })
        .collect())
}
