//! The team's year: visits per consultant per month, against their capacity, so a leader
//! sees where the year is heavy before it is. Counts only, no case content.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use kith_domain::{Role, UnitId};
use serde::Serialize;

use crate::staff::StaffRef;
use crate::{Actor, App, AppError, Result};

/// One person's months.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamMemberYear {
    pub person: StaffRef,
    /// Visits (not reviews) planned or held per month, in the order of `TeamYear::months`.
    pub visits: Vec<u32>,
    /// The person's weekly capacity.
    pub weekly_capacity: i32,
}

/// The team's year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamYear {
    /// The first day of each month shown.
    pub months: Vec<NaiveDate>,
    pub members: Vec<TeamMemberYear>,
}

/// The consultants of the actor's units, twelve months from `from` (default: this month).
/// For leaders and consultants.
pub async fn team_year(
    app: &App,
    actor: &Actor,
    unit: Option<UnitId>,
    from: Option<NaiveDate>,
) -> Result<TeamYear> {
    if !(actor.has(Role::Leader) || actor.has(Role::Consultant)) {
        return Err(AppError::forbidden(
            "the team's year is for team leaders and consultants",
        ));
    }
    let mut units = actor.unit_ids();
    if let Some(u) = unit {
        if !units.contains(&u.0) {
            return Err(AppError::NotFound("unit"));
        }
        units = vec![u.0];
    }
    let conn = app.db().conn();
    let people = kith_store::users::in_units_with_role(conn, &units, Role::Consultant).await?;
    let first = {
        let d = from.unwrap_or_else(|| app.today());
        NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("first of month")
    };
    let months: Vec<NaiveDate> = (0..12).map(|m| first + Months::new(m)).collect();
    let end = first + Months::new(12);
    let rows = kith_store::visits::of_assignees_between(
        conn,
        &people,
        first,
        end.pred_opt().unwrap_or(end),
    )
    .await?;
    let mut counts: HashMap<i64, Vec<u32>> = HashMap::new();
    for v in rows {
        if v.kind.is_review() {
            continue;
        }
        let day = v.held_on.unwrap_or(v.planned_on);
        let idx = (day.year() - first.year()) * 12 + day.month() as i32 - first.month() as i32;
        if let Ok(i) = usize::try_from(idx)
            && i < 12
        {
            counts.entry(v.assignee_id).or_insert_with(|| vec![0; 12])[i] += 1;
        }
    }
    let rules = crate::rules::in_force::wheel(app).await?;
    let caps: HashMap<i64, Option<i32>> = kith_store::staff_time::capacities(conn, &people)
        .await?
        .into_iter()
        .collect();
    let staff = crate::staff::refs(app, &people).await?;
    let mut members: Vec<TeamMemberYear> = people
        .iter()
        .filter_map(|p| {
            staff.get(p).map(|person| TeamMemberYear {
                person: person.clone(),
                visits: counts.remove(p).unwrap_or_else(|| vec![0; 12]),
                weekly_capacity: caps
                    .get(p)
                    .copied()
                    .flatten()
                    .unwrap_or(rules.weekly_capacity),
            })
        })
        .collect();
    members.sort_by(|a, b| a.person.name.cmp(&b.person.name));
    Ok(TeamYear { months, members })
}
