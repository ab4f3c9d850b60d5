//! The staff directory: who is who, for choosing an adviser or consultant and for showing
//! names. Staff names are not case content; any logged-in user may see them.

use kith_domain::{Role, UserId};
use serde::Serialize;

use crate::{Actor, App, Result};

/// A staff member as referred to from cases and options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StaffRef {
    pub id: UserId,
    pub name: String,
}

/// Active staff holding `role`, by name.
pub async fn with_role(app: &App, _actor: &Actor, role: Role) -> Result<Vec<StaffRef>> {
    Ok(kith_store::users::with_role(app.db().conn(), role)
        .await?
        .into_iter()
        .map(|u| StaffRef {
            id: UserId(u.user.id),
            name: u.user.name,
        })
        .collect())
}

/// Active case advisers of the actor's units, by name (whom a leader hands cases to).
pub async fn advisers_in_units(app: &App, actor: &Actor) -> Result<Vec<StaffRef>> {
    let conn = app.db().conn();
    let ids = kith_store::users::in_units_with_role(conn, &actor.unit_ids(), Role::Adviser).await?;
    let mut out: Vec<StaffRef> = kith_store::users::get_many(conn, &ids)
        .await?
        .into_iter()
        .map(|u| StaffRef {
            id: UserId(u.user.id),
            name: u.user.name,
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.0.cmp(&b.id.0)));
    Ok(out)
}

/// Names for the given user ids (missing ids are left out).
pub(crate) async fn refs(
    app: &App,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, StaffRef>> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    Ok(kith_store::users::names(app.db().conn(), &ids)
        .await?
        .into_iter()
        .map(|(id, name)| {
            (
                id,
                StaffRef {
                    id: UserId(id),
                    name,
                },
            )
        })
        .collect())
}

/// A person whose own time (room for visits, days off, stand-ins) the actor may set: the
/// person, their team leader, an administrator. Another leader does not find them (404); to
/// anyone else it is refused (403).
pub(crate) async fn person_in_reach(
    app: &App,
    actor: &Actor,
    person: UserId,
) -> Result<kith_store::users::UserRecord> {
    let record = kith_store::users::get(app.db().conn(), person.0)
        .await?
        .ok_or(crate::AppError::NotFound("user"))?;
    if crate::policy::may_set_availability(actor, person, &record.unit_ids) {
        Ok(record)
    } else if actor.id == person || actor.has(Role::Leader) {
        Err(crate::AppError::NotFound("user"))
    } else {
        Err(crate::AppError::forbidden(
            "only the person, their team leader or an administrator",
        ))
    }
}
