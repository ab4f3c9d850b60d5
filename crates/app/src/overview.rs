//! Everything the placement page shows in one call: the placement with its stay tracker and
//! signals, the child's plan with progress, the recorded reviews, and the year of visits. One
//! read: access is checked once and the page is audited once (a `placement.read` per child),
//! while each part is built by its own module's unaudited view.

use chrono::NaiveDate;
use kith_domain::PlacementId;
use kith_domain::goals::GoalStatus;

use crate::audit::{self, AuditAction, ChildData};
use crate::goals::GoalView;
use crate::goals::reviews::ReviewView;
use crate::placements::PlacementView;
use crate::wheel::year::YearView;
use crate::{Actor, App, AppError, Result};

/// The placement page.
#[derive(Debug, Clone)]
pub struct PlacementOverview {
    pub placement: PlacementView,
    pub year: YearView,
    /// The plan's goals, current ones (active, then closed) first; earlier versions last.
    pub goals: Vec<GoalView>,
    pub reviews: Vec<ReviewView>,
    /// The agreements made at its visits that are not done yet, the earliest due first.
    pub agreements: Vec<crate::wheel::views::FollowUpView>,
}

impl ChildData for PlacementOverview {
    fn child_ids(&self) -> Vec<kith_domain::ChildId> {
        self.placement.child_ids()
    }
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
    let row = crate::placements::visible(app, actor, id).await?;
    let year = crate::wheel::year::year_of(app, actor, row.clone(), from).await?;
    let placement = crate::placements::views_of(app, vec![row.clone()])
        .await?
        .pop()
        .ok_or(AppError::NotFound("placement"))?;
    let goal_rows = kith_store::goals::of_placements(app.db().conn(), &[row.id]).await?;
    let mut goals = crate::goals::goal_views(app, row.child_id, goal_rows).await?;
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
    let reviews = crate::goals::reviews::views(app, &row).await?;
    let agreements = kith_store::visits::open_follow_ups(app.db().conn(), row.id)
        .await?
        .into_iter()
        .map(crate::wheel::views::follow_up_view)
        .collect();
    let page = PlacementOverview {
        placement,
        year,
        goals,
        reviews,
        agreements,
    };
    audit::read(app, actor, AuditAction::PlacementRead, page).await
}
