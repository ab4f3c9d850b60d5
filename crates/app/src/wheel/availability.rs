//! People's room for visits: most visits a week and days off. Changing them re-plans the
//! placements whose visits the person holds, so the plan respects them at once.

use chrono::NaiveDate;
use kith_domain::UserId;
use serde::{Deserialize, Serialize};

use crate::validate::Problems;
use crate::{Actor, App, Result};

/// A person's room for visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AvailabilityView {
    pub user_id: UserId,
    /// Their own weekly capacity, if set.
    pub weekly_visits: Option<i32>,
    /// What the planner uses: their own, else the rules' default.
    pub effective_weekly_visits: i32,
    /// Days off from today on.
    pub days_off: Vec<NaiveDate>,
}

/// New room for visits (`PUT /api/v1/users/{id}/availability`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityInput {
    /// Most visits a week (1-100); absent or null: the rules' default.
    pub weekly_visits: Option<i32>,
    /// Days off from today on (replaces the list).
    #[serde(default)]
    pub days_off: Vec<NaiveDate>,
}

/// A person's room for visits.
pub async fn get(app: &App, actor: &Actor, user: UserId) -> Result<AvailabilityView> {
    gate(app, actor, user).await?;
    view(app, user).await
}

/// Sets a person's room for visits and re-plans their placements.
pub async fn set(
    app: &App,
    actor: &Actor,
    user: UserId,
    input: AvailabilityInput,
) -> Result<AvailabilityView> {
    gate(app, actor, user).await?;
    let today = app.today();
    let mut p = Problems::default();
    if let Some(n) = input.weekly_visits
        && !(1..=100).contains(&n)
    {
        p.add("weekly_visits", "problem.weekly_visits");
    }
    for (i, d) in input.days_off.iter().enumerate() {
        if *d < today {
            p.add(format!("days_off[{i}]"), "problem.in_past");
        }
    }
    if input.days_off.len() > 400 {
        p.add("days_off", "problem.days_400");
    }
    p.into_result()?;
    let conn = app.db().conn();
    let placements = kith_store::visits::open_of_assignees(conn, &[user.0], today)
        .await?
        .into_iter()
        .map(|v| v.placement_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>();
    let tx = app.db().begin_write().await?;
    kith_store::staff_time::set_capacity(&tx, user.0, input.weekly_visits, app.now()).await?;
    kith_store::staff_time::replace_days_off(&tx, user.0, today, &input.days_off).await?;
    if !placements.is_empty() {
        super::plan::plan_in(&tx, app, Some(&placements)).await?;
    }
    tx.commit().await?;
    view(app, user).await
}

async fn gate(app: &App, actor: &Actor, user: UserId) -> Result<()> {
    crate::staff::person_in_reach(app, actor, user)
        .await
        .map(|_| ())
}

async fn view(app: &App, user: UserId) -> Result<AvailabilityView> {
    let conn = app.db().conn();
    let own = kith_store::staff_time::capacities(conn, &[user.0])
        .await?
        .into_iter()
        .find_map(|(_, c)| c);
    let rules = crate::rules::in_force::wheel(app).await?;
    let days_off = kith_store::staff_time::days_off(conn, &[user.0], app.today())
        .await?
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    Ok(AvailabilityView {
        user_id: user,
        weekly_visits: own,
        effective_weekly_visits: own.unwrap_or(rules.weekly_capacity),
        days_off,
    })
}
