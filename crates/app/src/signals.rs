//! The signals of the placements running today (is a short stay heading to its exit on time,
//! are its goals moving), read for the caseload and for a placement's page alike.

use std::collections::HashMap;

use kith_domain::PlacementStatus;
use kith_domain::goals::{StayFacts, StayRules, StaySignal, adulthood_signal, stay_signals};

use crate::{App, Result};

/// The signals of each placement running today (ended and not yet started ones have none).
pub(crate) async fn signals_of(
    app: &App,
    rows: &[kith_store::entities::placement::Model],
) -> Result<HashMap<i64, Vec<StaySignal>>> {
    let today = app.today();
    let mut current = Vec::new();
    for p in rows {
        if *p.status != PlacementStatus::Ended && p.start_date <= today {
            current.push(p);
        }
    }
    let ids: Vec<i64> = current.iter().map(|p| p.id).collect();
    let conn = app.db().conn();
    let last = kith_store::goals::last_progress(conn, &ids).await?;
    let mut quiet: HashMap<i64, Vec<chrono::NaiveDate>> = HashMap::new();
    for (placement, set, moved) in kith_store::goals::active_goal_activity(conn, &ids).await? {
        let set = set.with_timezone(&crate::TIME_ZONE).date_naive();
        quiet
            .entry(placement)
            .or_default()
            .push(moved.map_or(set, |m| m.max(set)));
    }
    let reviews = kith_store::visits::next_review_due(conn, &ids).await?;
    let child_ids: Vec<i64> = current.iter().map(|p| p.child_id).collect();
    let born: HashMap<i64, chrono::NaiveDate> = kith_store::children::get_many(conn, &child_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c.birth_date))
        .collect();
    let rules = StayRules::default();
    Ok(current
        .into_iter()
        .map(|p| {
            let facts = StayFacts {
                start: p.start_date,
                planned_end: p.planned_end_date,
                has_exit_plan: exit_plan_of(p).is_made(),
                last_progress: last.get(&p.id).copied(),
                goals_quiet_from: quiet.remove(&p.id).unwrap_or_default(),
                review_due: reviews.get(&p.id).copied(),
            };
            let mut signals = stay_signals(&facts, &rules, today);
            let decided = p.after_care_decision.is_some();
            if let Some(signal) = born
                .get(&p.child_id)
                .and_then(|b| adulthood_signal(*b, decided, &rules, today))
            {
                signals.push(signal);
                signals.sort_by_key(|s| (s.since(), *s));
            }
            (p.id, signals)
        })
        .collect())
}

/// A placement's exit plan as the rules read it.
pub(crate) fn exit_plan_of(
    p: &kith_store::entities::placement::Model,
) -> kith_domain::goals::ExitPlan<'_> {
    kith_domain::goals::ExitPlan {
        goal: p.exit_goal.map(|g| g.0),
        move_on: p.exit_move_on,
        steps: p.exit_plan.as_deref(),
    }
}
