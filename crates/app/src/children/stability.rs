//! A child's stability facts: whether the child and the parents agree to a placement, and the
//! child's placements before Kith. The case adviser records them on the child's page; matching
//! flags a missing consent and an earlier breakdown in the same kind of care.

use kith_domain::ChildId;
use kith_domain::stability_facts::{Consent, EarlierPlacement, MAX_EARLIER_PLACEMENTS};
use serde::Deserialize;

use super::{ChildDetail, change_case};
use crate::audit::AuditAction;
use crate::validate::Problems;
use crate::{Actor, App, Result};

/// A child's stability facts (`PUT /api/v1/children/{id}/stability`); replaces what was there.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StabilityFactsInput {
    /// `agrees`, `disagrees`, `not_asked`; absent or null: not recorded.
    #[schema(value_type = Option<String>)]
    pub consent_child: Option<Consent>,
    /// The parents' answer, as above.
    #[schema(value_type = Option<String>)]
    pub consent_parents: Option<Consent>,
    /// Placements before Kith: `{"kind": "general_foster_family", "breakdown": true}`.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub earlier_placements: Vec<EarlierPlacement>,
}

/// Records the child's consent and earlier placements; audited as a change of the case.
pub async fn set_stability_facts(
    app: &App,
    actor: &Actor,
    id: ChildId,
    input: StabilityFactsInput,
) -> Result<ChildDetail> {
    let mut p = Problems::default();
    if input.earlier_placements.len() > MAX_EARLIER_PLACEMENTS {
        p.add(
            "earlier_placements",
            kith_domain::Message::new("problem.earlier_placements_too_many")
                .int("max", MAX_EARLIER_PLACEMENTS as i64),
        );
    }
    p.into_result()?;
    let now = app.now();
    change_case(
        app,
        actor,
        id,
        AuditAction::ChildStabilityUpdate,
        "child",
        |tx, c| {
            Box::pin(async move {
                kith_store::children::set_stability_facts(
                    tx,
                    c.id,
                    input.consent_child,
                    input.consent_parents,
                    input.earlier_placements,
                    now,
                )
                .await?;
                Ok(c.id)
            })
        },
    )
    .await
}
