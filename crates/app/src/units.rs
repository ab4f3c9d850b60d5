//! Organisational units.

use kith_domain::{UnitId, UnitKind};
use serde::Serialize;

use crate::{Actor, App, Result};

/// A unit as shown in lists and forms.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct UnitView {
    pub id: UnitId,
    pub name: String,
    pub kind: UnitKind,
}

/// All units (any logged-in user may see the organisation).
pub async fn list(app: &App, _actor: &Actor) -> Result<Vec<UnitView>> {
    all(app).await
}

pub(crate) async fn all(app: &App) -> Result<Vec<UnitView>> {
    kith_store::units::all(app.db().conn())
        .await?
        .into_iter()
        .map(|u| {
            Ok(UnitView {
                id: UnitId(u.id),
                name: u.name,
                kind: u.kind.0,
            })
        })
        .collect()
}

/// Creates a unit (operators on the command line and the demo loader). Audited.
pub async fn create(app: &App, name: &str, kind: UnitKind) -> Result<UnitId> {
    let tx = app.db().begin_write().await?;
    let id = kith_store::units::insert(&tx, name, kind, app.now()).await?;
    crate::audit::event(
        &tx,
        app,
        None,
        crate::audit::AuditAction::UnitChange,
        "unit",
        Some(id),
        Some(format!("kind={}", kind.as_str())),
    )
    .await?;
    tx.commit().await?;
    Ok(UnitId(id))
}
