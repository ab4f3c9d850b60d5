//! The momentum dashboard: lead times, placement forms, visits on time, overdue work, short
//! stays, goals moving, continuity, caseloads and breakdowns, for a unit and a period. Each
//! figure is defined in `docs/METRICS.md`; [`figures`] is that definition in code.
//!
//! Leaders see their own units (all of them together, or one); administrators see the whole
//! municipality. Only counts, shares and medians leave this module, never a child.

mod figures;
mod network;
mod overdue;
mod stability;

pub use figures::{Caseload, Dashboard, FormCount, LeadTime, MonthOfStarts};
pub use network::NetworkFigures;
pub use overdue::{OverdueView, overdue};
pub use stability::StabilityFigures;

use chrono::NaiveDate;
use kith_domain::metrics::Period;
use kith_domain::{Role, UnitId};
use serde::Deserialize;

use crate::{Actor, App, AppError, Result};

/// Which unit and period (`GET /api/v1/dashboard`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardParams {
    /// One unit (default: all the leader's units; the whole municipality for an administrator).
    pub unit: Option<UnitId>,
    /// First day of the period (default: twelve months before `to`).
    pub from: Option<NaiveDate>,
    /// Last day of the period (default: today).
    pub to: Option<NaiveDate>,
}

/// The dashboard for a unit and period.
pub async fn dashboard(app: &App, actor: &Actor, params: &DashboardParams) -> Result<Dashboard> {
    let today = app.today();
    let to = params.to.unwrap_or(today);
    let period = Period {
        from: params.from.unwrap_or(Period::year_to(to).from),
        to,
    };
    crate::validate::period(period.from, period.to)?;
    let members = members_for(app, actor, params.unit).await?;
    let mut d = figures::compute(app, period, today, members.as_deref()).await?;
    d.unit = params.unit;
    let mine = actor.unit_ids();
    d.units = crate::units::all(app)
        .await?
        .into_iter()
        .filter(|u| actor.has(Role::Admin) || mine.contains(&u.id.0))
        .collect();
    Ok(d)
}

/// The people whose placements an actor's dashboard counts (`None`: everyone).
async fn members_for(app: &App, actor: &Actor, unit: Option<UnitId>) -> Result<Option<Vec<i64>>> {
    let Some(units) = units_for(actor, unit)? else {
        return Ok(None);
    };
    let mut m = Vec::new();
    for u in units {
        m.extend(kith_store::figures::unit_members(app.db().conn(), u).await?);
    }
    Ok(Some(m))
}

/// The units an actor's dashboard covers (`None`: everything).
fn units_for(actor: &Actor, unit: Option<UnitId>) -> Result<Option<Vec<i64>>> {
    if actor.has(Role::Admin) {
        return Ok(unit.map(|u| vec![u.0]));
    }
    if !actor.has(Role::Leader) {
        return Err(AppError::forbidden(
            "the dashboard is for team leaders and administrators",
        ));
    }
    let mine = actor.unit_ids();
    match unit {
        Some(u) if mine.contains(&u.0) => Ok(Some(vec![u.0])),
        Some(_) => Err(AppError::forbidden("you lead another unit")),
        None => Ok(Some(mine)),
    }
}
