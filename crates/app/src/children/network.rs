//! The child's network: relatives and close adults, with their approval as a network family.

use kith_domain::{ChildId, NetworkPersonId};
use kith_store::children::NetworkPersonFields;

use super::{ChildDetail, NetworkPersonInput, PlaceInput, change_case, change_gate};
use crate::audit::AuditAction;
use crate::validate::check;
use crate::{Actor, App, AppError, Result};

fn network_fields(input: NetworkPersonInput) -> NetworkPersonFields {
    NetworkPersonFields {
        name: input.name.trim().to_owned(),
        relation: input.relation.trim().to_owned(),
        place: input.place.map(PlaceInput::into_place),
        approval_status: input.approval_status,
    }
}

/// Adds a person to the child's network.
pub async fn add_network_person(
    app: &App,
    actor: &Actor,
    id: ChildId,
    input: NetworkPersonInput,
) -> Result<ChildDetail> {
    check(&input)?;
    let f = network_fields(input);
    let now = app.now();
    change_case(
        app,
        actor,
        id,
        AuditAction::NetworkAdd,
        "network_person",
        |tx, c| {
            Box::pin(async move {
                Ok(kith_store::children::add_network_person(tx, c.id, &f, now).await?)
            })
        },
    )
    .await
}

/// The person must be in this child's network (a 404 like any row out of reach otherwise),
/// asked after the case's own gate.
pub(super) async fn network_person_of(
    app: &App,
    actor: &Actor,
    id: ChildId,
    person: NetworkPersonId,
) -> Result<()> {
    change_gate(app, actor, id).await?;
    match kith_store::children::network_person(app.db().conn(), person.0).await? {
        Some(p) if p.child_id == id.0 => Ok(()),
        _ => Err(AppError::NotFound("network person")),
    }
}

/// Changes a network person (e.g. their approval status).
pub async fn update_network_person(
    app: &App,
    actor: &Actor,
    id: ChildId,
    person: NetworkPersonId,
    input: NetworkPersonInput,
) -> Result<ChildDetail> {
    check(&input)?;
    network_person_of(app, actor, id, person).await?;
    let f = network_fields(input);
    change_case(
        app,
        actor,
        id,
        AuditAction::NetworkUpdate,
        "network_person",
        |tx, _c| {
            Box::pin(async move {
                kith_store::children::update_network_person(tx, person.0, &f).await?;
                Ok(person.0)
            })
        },
    )
    .await
}

/// Removes a person from the child's network.
pub async fn remove_network_person(
    app: &App,
    actor: &Actor,
    id: ChildId,
    person: NetworkPersonId,
) -> Result<ChildDetail> {
    network_person_of(app, actor, id, person).await?;
    change_case(
        app,
        actor,
        id,
        AuditAction::NetworkRemove,
        "network_person",
        |tx, _c| {
            Box::pin(async move {
                kith_store::children::delete_network_person(tx, person.0).await?;
                Ok(person.0)
            })
        },
    )
    .await
}
