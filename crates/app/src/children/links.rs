//! The child's links: its sibling group, the options found unsuitable for it, and the
//! options it knows (matching counts known adults).

use kith_domain::{ChildId, PlacementOptionId};
use kith_store::StoreError;

use super::{
    ChildDetail, KnownOptionInput, SiblingLinkInput, UnsuitableInput, after_change, change_case,
    change_gate,
};
use crate::audit::{self, AuditAction};
use crate::validate::check;
use crate::{Actor, App, AppError, Result, policy};

/// Puts another child in this child's sibling group (both must be in the actor's reach).
/// Both children's records change, so both get an audit row, in the same transaction.
pub async fn link_sibling(
    app: &App,
    actor: &Actor,
    id: ChildId,
    input: SiblingLinkInput,
) -> Result<ChildDetail> {
    if input.sibling_id == id {
        return Err(AppError::invalid("sibling_id", "problem.own_sibling"));
    }
    let this = change_gate(app, actor, id).await?;
    let scope = policy::child_change_scope(actor);
    let other = kith_store::children::get_in_scope(app.db().conn(), input.sibling_id.0, &scope)
        .await?
        .ok_or_else(|| AppError::invalid("sibling_id", "problem.no_such_child"))?;
    let tx = app.db().begin_write().await?;
    let group = kith_store::children::link_siblings(&tx, &this, &other, app.now()).await?;
    for child in [id, input.sibling_id] {
        let action = AuditAction::SiblingsLink;
        audit::by(app, actor)
            .changed(&tx, action, child, ("sibling_group", group))
            .await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    after_change(app, actor, id).await
}

/// Takes this child out of its sibling group.
pub async fn unlink_sibling(app: &App, actor: &Actor, id: ChildId) -> Result<ChildDetail> {
    change_case(
        app,
        actor,
        id,
        AuditAction::SiblingsUnlink,
        "sibling_group",
        |tx, c| {
            Box::pin(async move {
                let g = c.sibling_group_id.unwrap_or_default();
                kith_store::children::unlink_sibling(tx, &c).await?;
                Ok(g)
            })
        },
    )
    .await
}

/// An option linked to a child must be one the actor may read: the child's case then shows
/// its name, which must not be a way to read the names of options out of reach. Asked after
/// the case itself (404 or 403 for a case out of reach, whatever the option).
async fn check_option_in_reach(
    app: &App,
    actor: &Actor,
    id: ChildId,
    option: PlacementOptionId,
) -> Result<()> {
    change_gate(app, actor, id).await?;
    let scope = policy::option_read_scope(actor);
    let reachable = !scope.0.is_empty()
        && kith_store::options::get_in_scope(app.db().conn(), option.0, &scope)
            .await?
            .is_some();
    if reachable {
        Ok(())
    } else {
        Err(AppError::invalid("option_id", "problem.no_such_option"))
    }
}

/// Records an option as unsuitable for the child, with the reason.
pub async fn set_unsuitable(
    app: &App,
    actor: &Actor,
    id: ChildId,
    input: UnsuitableInput,
) -> Result<ChildDetail> {
    check(&input)?;
    check_option_in_reach(app, actor, id, input.option_id).await?;
    let now = app.now();
    let option = input.option_id.0;
    let reason = input.reason.trim().to_owned();
    let action = AuditAction::UnsuitableSet;
    change_case(app, actor, id, action, "placement_option", |tx, c| {
        Box::pin(async move {
            kith_store::children::set_unsuitable(tx, c.id, option, &reason, now).await?;
            Ok(option)
        })
    })
    .await
}

/// Removes an option from the child's unsuitable list.
pub async fn remove_unsuitable(
    app: &App,
    actor: &Actor,
    id: ChildId,
    option: PlacementOptionId,
) -> Result<ChildDetail> {
    let action = AuditAction::UnsuitableRemove;
    change_case(app, actor, id, action, "placement_option", |tx, c| {
        Box::pin(async move {
            if !kith_store::children::remove_unsuitable(tx, c.id, option.0).await? {
                return Err(AppError::NotFound("unsuitable option"));
            }
            Ok(option.0)
        })
    })
    .await
}

/// Records that the child knows an option (e.g. from respite care): matching counts it as
/// known adults.
pub async fn set_known(
    app: &App,
    actor: &Actor,
    id: ChildId,
    option: PlacementOptionId,
    input: KnownOptionInput,
) -> Result<ChildDetail> {
    check(&input)?;
    check_option_in_reach(app, actor, id, option).await?;
    let now = app.now();
    let how = input.how.trim().to_owned();
    let action = AuditAction::KnownOptionSet;
    change_case(app, actor, id, action, "placement_option", |tx, c| {
        Box::pin(async move {
            kith_store::children::set_known(tx, c.id, option.0, &how, now).await?;
            Ok(option.0)
        })
    })
    .await
}

/// Removes a known option.
pub async fn remove_known(
    app: &App,
    actor: &Actor,
    id: ChildId,
    option: PlacementOptionId,
) -> Result<ChildDetail> {
    let action = AuditAction::KnownOptionRemove;
    change_case(app, actor, id, action, "placement_option", |tx, c| {
        Box::pin(async move {
            if !kith_store::children::remove_known(tx, c.id, option.0).await? {
                return Err(AppError::NotFound("known option"));
            }
            Ok(option.0)
        })
    })
    .await
}
