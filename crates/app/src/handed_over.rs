//! Where a case went for the person who handed it over: a former case adviser or consultant
//! who opens the child after the hand-over reaches a page that says when the case left them
//! and to whom, never "not found" (issue 17, point 6). It tells them nothing they did not know
//! but the day and the colleague who has it now.

use chrono::NaiveDate;
use kith_domain::ChildId;
use serde::Serialize;

use crate::staff::StaffRef;
use crate::{Actor, App, Result};

/// A case the reader handed over: the day, and the colleague who has it now (none when a
/// consultant was removed without a successor).
#[derive(Debug, Clone, Serialize)]
pub struct HandedOver {
    pub on: NaiveDate,
    pub to: Option<StaffRef>,
}

/// The latest hand-over of one of `child`'s placements away from the actor, if there was one.
/// Only asked when the actor may no longer open the case.
pub async fn handed_over(app: &App, actor: &Actor, child: ChildId) -> Result<Option<HandedOver>> {
    let conn = app.db().conn();
    let Some((on, to)) =
        kith_store::placements::last_handed_over_from(conn, child.0, actor.id.0).await?
    else {
        return Ok(None);
    };
    let to = match to {
        Some(id) => crate::staff::refs(app, &[id]).await?.remove(&id),
        None => None,
    };
    Ok(Some(HandedOver { on, to }))
}

/// The same for a placement's page: the latest hand-over away from the actor of a placement
/// of the same child. A placement that does not exist, or whose child the actor never held,
/// gives `None`, so the caller answers "not found" exactly as for a stranger.
pub async fn handed_over_placement(
    app: &App,
    actor: &Actor,
    placement: kith_domain::PlacementId,
) -> Result<Option<HandedOver>> {
    let conn = app.db().conn();
    match kith_store::placements::get(conn, placement.0).await? {
        Some(p) => handed_over(app, actor, ChildId(p.child_id)).await,
        None => Ok(None),
    }
}
