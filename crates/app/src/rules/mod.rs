//! The rules as data, edited by administrators under `/api/v1/rules`. Stored rules are
//! validated by the domain before they are written; unchanged rules are the domain's
//! defaults.

pub mod in_force;

use kith_domain::matching::MatchRules;
use kith_domain::wheel::WheelRules;
use serde::{Deserialize, Serialize};

use in_force::{MATCHING, WHEEL, matching, wheel};

use crate::{Actor, App, AppError, FieldError, Result, policy};

/// Every rule set.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RulesView {
    pub matching: MatchRules,
    pub wheel: WheelRules,
}

/// Rule sets to replace; a set left out is kept.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesInput {
    pub matching: Option<MatchRules>,
    pub wheel: Option<WheelRules>,
}

/// The rules in force (any logged-in user may read them: they explain the rankings and the
/// plan).
pub async fn get(app: &App, _actor: &Actor) -> Result<RulesView> {
    Ok(RulesView {
        matching: matching(app).await?,
        wheel: wheel(app).await?,
    })
}

fn problems(prefix: &str, problems: Vec<(String, kith_domain::Message)>) -> AppError {
    AppError::Invalid(
        problems
            .into_iter()
            .map(|(f, message)| FieldError::new(format!("{prefix}.{f}"), message))
            .collect(),
    )
}

/// Both sets checked by the domain, every problem named (`matching.…`, `wheel.…`).
fn check(input: &RulesInput) -> Result<()> {
    let mut all = Vec::new();
    if let Some(m) = &input.matching
        && let Err(AppError::Invalid(p)) = m.validate().map_err(|p| problems("matching", p))
    {
        all.extend(p);
    }
    if let Some(w) = &input.wheel
        && let Err(AppError::Invalid(p)) = w.validate().map_err(|p| problems("wheel", p))
    {
        all.extend(p);
    }
    if all.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(all))
    }
}

/// What new wheel rules would do to the plan, without keeping anything (administrators): the
/// same checks and the same planning as [`put`], in a transaction that is rolled back. `None`
/// when the input holds no wheel rules (matching's rules move no visit).
pub async fn preview(
    app: &App,
    actor: &Actor,
    input: &RulesInput,
) -> Result<Option<crate::wheel::plan::PlanSummary>> {
    policy::require_admin(actor)?;
    check(input)?;
    let Some(w) = &input.wheel else {
        return Ok(None);
    };
    let tx = app.db().begin_write().await?;
    let json = serde_json::to_string(w).map_err(AppError::internal)?;
    kith_store::rules::put(&tx, WHEEL, &json, actor.id.0, app.now()).await?;
    let summary = crate::wheel::plan::plan_in(&tx, app, None).await?;
    tx.rollback().await?;
    Ok(Some(summary))
}

/// Replaces rule sets (administrators). Both are checked before either is stored; new
/// wheel rules re-plan every placement at once, so the plan never contradicts the rules.
pub async fn put(app: &App, actor: &Actor, input: RulesInput) -> Result<RulesView> {
    policy::require_admin(actor)?;
    check(&input)?;
    let tx = app.db().begin_write().await?;
    if let Some(m) = &input.matching {
        let json = serde_json::to_string(m).map_err(AppError::internal)?;
        kith_store::rules::put(&tx, MATCHING, &json, actor.id.0, app.now()).await?;
    }
    if let Some(w) = &input.wheel {
        let json = serde_json::to_string(w).map_err(AppError::internal)?;
        kith_store::rules::put(&tx, WHEEL, &json, actor.id.0, app.now()).await?;
        crate::wheel::plan::plan_in(&tx, app, None).await?;
    }
    let changed: Vec<&str> = [
        input.matching.as_ref().map(|_| MATCHING),
        input.wheel.as_ref().map(|_| WHEEL),
    ]
    .into_iter()
    .flatten()
    .collect();
    crate::audit::event(
        &tx,
        app,
        Some(actor.id),
        crate::audit::AuditAction::RulesChange,
        "rule_set",
        None,
        Some(format!("sets={}", changed.join(","))),
    )
    .await?;
    tx.commit().await?;
    get(app, actor).await
}
