//! What a leader was told was late: the statutory items escalated to them on one morning,
//! exactly those the escalation e-mail of that day counted, so the leader can open each.

use chrono::{Days, NaiveDate, NaiveTime, TimeZone, Utc};
use kith_domain::{ChildId, Role};
use serde::Serialize;

use super::views::{VisitView, longest_overdue_first};
use crate::audit::{self, AuditAction, ChildData};
use crate::{Actor, App, AppError, Result, TIME_ZONE, policy};

/// The most items the list shows (an escalation counts a team's late statutory items).
const MAX_ITEMS: u64 = 500;

/// The items escalated on one day to the leader of the people who hold them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EscalatedView {
    /// The day (Copenhagen time) of the morning run that escalated them.
    pub on: NaiveDate,
    /// The items, whether or not they have been held since, the longest overdue first.
    pub items: Vec<VisitView>,
}

impl ChildData for EscalatedView {
    fn child_ids(&self) -> Vec<ChildId> {
        self.items.child_ids()
    }
}

/// The items escalated on `on` (default: today) to the leader of their holders: those held
/// by someone in one of the actor's units. For team leaders, who receive the e-mail.
pub async fn escalated(app: &App, actor: &Actor, on: Option<NaiveDate>) -> Result<EscalatedView> {
    if !actor.has(Role::Leader) {
        return Err(AppError::forbidden("escalations are sent to team leaders"));
    }
    let on = on.unwrap_or_else(|| app.today());
    let units = actor.unit_ids();
    let conn = app.db().conn();
    let mut people = Vec::new();
    for role in [Role::Consultant, Role::Adviser, Role::Leader] {
        people.extend(kith_store::users::in_units_with_role(conn, &units, role).await?);
    }
    let start = |day: NaiveDate| {
        TIME_ZONE
            .from_local_datetime(&day.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| AppError::internal("no local midnight"))
    };
    let filter = kith_store::visits::VisitFilter {
        assignee_in: Some(people),
        escalated_between: Some((start(on)?, start(on + Days::new(1))?)),
        ..Default::default()
    };
    let scope = policy::visit_scope(actor);
    let items = longest_overdue_first(app, &scope, &filter, MAX_ITEMS).await?;
    audit::read(
        app,
        actor,
        AuditAction::VisitList,
        EscalatedView { on, items },
    )
    .await
}
