//! The demo's plans: goals for each current placement with progress entries since the start,
//! exit plans for most short stays, so the caseload, the placement page and the dashboard
//! look like a real municipality's (most goals moving, some stalled, a few stays drifting).

use chrono::{DateTime, Days, NaiveDate, Utc};
use kith_domain::Party;
use kith_domain::goals::GoalArea;
use kith_store::ConnectionTrait;
use kith_store::goals::{NewGoal, NewProgress};
use rand::Rng;

use super::history::Started;
use kith_app::Result;

/// (area, text, measure kind, unit, baseline, target)
type GoalSeed = (
    GoalArea,
    &'static str,
    &'static str,
    Option<&'static str>,
    f64,
    f64,
);

const GOALS: &[GoalSeed] = &[
    (
        GoalArea::SchoolAndEducation,
        "Går i skole hver dag og får hjælp til lektierne.",
        "number",
        Some("skoledage om ugen"),
        2.0,
        5.0,
    ),
    (
        GoalArea::HealthAndWellBeing,
        "Sover godt og føler sig tryg om natten.",
        "scale",
        None,
        3.0,
        8.0,
    ),
    (
        GoalArea::ContinuityAndRelationships,
        "Ser sin mor hver anden weekend, og besøgene går godt.",
        "scale",
        None,
        4.0,
        8.0,
    ),
    (
        GoalArea::PersonalDevelopment,
        "Er med i en fritidsaktivitet sammen med jævnaldrende.",
        "yes_no",
        None,
        0.0,
        1.0,
    ),
    (
        GoalArea::IndependentAdultLife,
        "Kan selv handle ind og lave aftensmad to gange om ugen.",
        "number",
        Some("gange om ugen"),
        0.0,
        2.0,
    ),
];

const EXIT_PLANS: &[&str] = &[
    "Hjem til mor med familiebehandling to gange om ugen det første halve år.",
    "Flytter til netværksplejefamilie hos mormor; samvær med far aftales.",
    "Flytter i plejefamilie tæt på skolen; overgangen tager fire uger.",
];

/// Goals with progress for every placement in `started`, and exit plans for most stays.
pub(crate) async fn plans<C: ConnectionTrait>(
    conn: &C,
    started: &[Started],
    stays: &[(i64, NaiveDate)],
    today: NaiveDate,
    now: DateTime<Utc>,
    rng: &mut impl Rng,
) -> Result<()> {
    for p in started {
        let n = rng.gen_range(1..=3);
        let first = rng.gen_range(0..GOALS.len());
        // Most plans move; about one in five has had no entry for two months or more.
        let quiet_for = if rng.gen_bool(0.2) {
            rng.gen_range(65..150)
        } else {
            rng.gen_range(0..40)
        };
        for k in 0..n {
            let (area, text, kind, unit, baseline, target) = GOALS[(first + k) % GOALS.len()];
            let due = today + Days::new(rng.gen_range(60..300));
            let id = kith_store::goals::insert(
                conn,
                NewGoal {
                    placement_id: p.id,
                    area,
                    needs: vec![],
                    text: text.to_owned(),
                    measure_kind: kind.to_owned(),
                    measure_unit: unit.map(str::to_owned),
                    baseline: (kind != "yes_no").then_some(baseline),
                    target: (kind != "yes_no").then_some(target),
                    parties: vec![Party::Child, Party::FosterFamily],
                    due_on: due.max(p.start + Days::new(30)),
                    revises_id: None,
                    created_by: p.adviser,
                },
                now,
            )
            .await?;
            let last = today - Days::new(quiet_for);
            let mut day = p.start + Days::new(30);
            let mut value = baseline;
            while day <= last {
                let step = (target - baseline) / 6.0;
                value = (value + step * rng.gen_range(0.0..1.6))
                    .clamp(baseline.min(target), baseline.max(target));
                let (amount, reached) = if kind == "yes_no" {
                    (None, Some(rng.gen_bool(0.5)))
                } else {
                    (Some(value.round()), None)
                };
                kith_store::goals::insert_progress(
                    conn,
                    NewProgress {
                        goal_id: id,
                        placement_id: p.id,
                        recorded_on: day,
                        amount,
                        reached,
                        note: None,
                        child_took_part: rng.gen_bool(0.7),
                        parents_took_part: rng.gen_bool(0.4),
                        recorded_by: p.consultant.unwrap_or(p.adviser),
                    },
                    now,
                )
                .await?;
                day = day + Days::new(rng.gen_range(25..45));
            }
        }
    }
    for (id, end) in stays {
        if *end > today && rng.gen_bool(0.7) {
            let steps = EXIT_PLANS[rng.gen_range(0..EXIT_PLANS.len())];
            let Some(p) = kith_store::placements::get(conn, *id).await? else {
                continue;
            };
            // The move a few days before the planned end, within the stay.
            let move_on = (*end - Days::new(rng.gen_range(0..10))).max(p.start_date);
            let plan = kith_store::placements::ExitPlanRow {
                goal: p.exit_goal.map(|g| g.0),
                move_on: Some(move_on),
                steps: Some(steps),
            };
            kith_store::placements::set_exit_plan(conn, *id, &plan, now).await?;
        }
    }
    Ok(())
}
