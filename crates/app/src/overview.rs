//! Everything the placement page shows in one call: the placement with its stay tracker and
//! signals, the child's plan with progress, the recorded reviews, and the year of visits. Each
//! part is read (and audited) by its own use case.

use chrono::NaiveDate;
use kith_domain::PlacementId;
use kith_domain::goals::GoalStatus;

use crate::goals::GoalView;
use crate::goals::reviews::ReviewView;
use crate::placements::PlacementView;
use crate::wheel::year::YearView;
use crate::{Actor, App, Result};

/// The placement page.
#[derive(Debug, Clone)]
pub struct PlacementOverview {
    pub placement: PlacementView,
    pub year: YearView,
    /// The plan's goals, current ones (active, then closed) first; earlier versions last.
    pub goals: Vec<GoalView>,
    pub reviews: Vec<ReviewView>,
}

impl PlacementOverview {
    /// The goals still being worked on.
    pub fn active_goals(&self) -> impl Iterator<Item = &GoalView> {
        self.goals.iter().filter(|g| g.status == GoalStatus::Active)
    }
}

/// Reads the placement page for `actor`.
pub async fn placement(
    app: &App,
    actor: &Actor,
    id: PlacementId,
    from: Option<NaiveDate>,
) -> Result<PlacementOverview> {
    let year = crate::wheel::year::year(app, actor, id, from).await?;
    let placement = crate::placements::get(app, actor, id).await?;
    let mut goals = crate::goals::list(app, actor, id).await?;
    // Active first, then closed, then the versions that were revised; newest first within.
    goals.sort_by_key(|g| {
        (
            match g.status {
                GoalStatus::Active => 0,
                GoalStatus::Revised => 2,
                _ => 1,
            },
            std::cmp::Reverse(g.id),
        )
    });
    let reviews = crate::goals::reviews::list(app, actor, id).await?;
    Ok(PlacementOverview {
        placement,
        year,
        goals,
        reviews,
    })
}
