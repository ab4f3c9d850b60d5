//! The forms of the placement page: goals, progress, closing a goal, a plan review, a stay's
//! exit plan and extension, ending the placement. Each turns the form into the API's input,
//! calls the one use case, and returns to the placement page (again, with the form open and
//! its problems, when something is wrong).

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::post;
use kith_app::{Actor, AppError};
use kith_domain::{GoalId, PlacementId};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::form::{FormData, JsonBuilder, parse_input};
use super::placements::{YearQuery, placement_page};
use super::{Ctx, PageActor, PageResult, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/placements/{id}/goals", post(new_goal))
        .route("/placements/{id}/goals/{goal}/progress", post(progress))
        .route("/placements/{id}/goals/{goal}/close", post(close_goal))
        .route("/placements/{id}/reviews", post(review))
        .route("/placements/{id}/exit-plan", post(exit_plan))
        .route("/placements/{id}/extend", post(extend))
        .route("/placements/{id}/end", post(end))
}

/// Runs the use case on the parsed form; back to the page at the anchor, or the page again
/// with the form open and its problems. `(form, anchor)` name the form and where to return.
async fn finish<I: DeserializeOwned, T, Fut>(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    (form, anchor): (&str, &str),
    // The form as the input's JSON, and as typed (shown again if it comes back).
    (v, typed): (Value, FormData),
    call: impl FnOnce(I) -> Fut,
) -> PageResult
where
    Fut: Future<Output = Result<T, AppError>>,
{
    let input: Result<I, AppError> = parse_input(v);
    match submit(&ctx, input, call).await? {
        Ok(_) => Ok(see_other(&format!("/placements/{id}#{anchor}"))),
        Err(problems) => {
            placement_page(
                s,
                actor,
                ctx,
                id,
                YearQuery::default(),
                problems,
                Some((form, typed)),
            )
            .await
        }
    }
}

/// The measure object from the form's kind, baseline, target and unit.
fn measure(f: &FormData) -> Value {
    let kind = f.text("measure_kind");
    let mut m = JsonBuilder::default().text_always("kind", kind.clone());
    if kind != "yes_no" {
        m = m
            .number("baseline", f.get("baseline"))
            .number("target", f.get("target"));
    }
    if kind == "number" {
        m = m.text_always("unit", f.text("unit"));
    }
    m.build()
}

async fn new_goal(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text("area", f.get("area"))
        .text_always("text", f.text("text"))
        .value("measure", measure(&f))
        .value("parties", json!(f.all("parties")))
        .text("due_on", f.get("due_on"))
        .build();
    let call = |i| kith_app::goals::create(s.app(), &actor, PlacementId(id), i);
    finish(&s, &actor, ctx, id, ("goal", "goals"), (v, f), call).await
}

async fn progress(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, goal)): Path<(i64, i64)>,
    f: FormData,
) -> PageResult {
    let value = match f.get("value").as_deref() {
        Some("yes") => Value::Bool(true),
        Some("no") => Value::Bool(false),
        other => JsonBuilder::default()
            .number("v", other.map(str::to_owned))
            .build()["v"]
            .clone(),
    };
    let v = JsonBuilder::default()
        .text("recorded_on", f.get("recorded_on"))
        .value("value", value)
        .text("note", f.get("note"))
        .flag("child_took_part", f.checked("child_took_part"))
        .flag("parents_took_part", f.checked("parents_took_part"))
        .build();
    let call = |i| kith_app::goals::record_progress(s.app(), &actor, GoalId(goal), i);
    let form = format!("progress-{goal}");
    finish(
        &s,
        &actor,
        ctx,
        id,
        (&form, &format!("goal-{goal}")),
        (v, f),
        call,
    )
    .await
}

async fn close_goal(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, goal)): Path<(i64, i64)>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text("status", f.get("status"))
        .build();
    let call = |i| kith_app::goals::update(s.app(), &actor, GoalId(goal), i);
    let form = format!("close-{goal}");
    finish(&s, &actor, ctx, id, (&form, "goals"), (v, f), call).await
}

async fn review(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let goals: Vec<Value> = f
        .with_prefix("outcome_")
        .into_iter()
        .map(|(goal, outcome)| {
            json!({"goal_id": goal.parse::<i64>().map(Value::from).unwrap_or(Value::String(goal)), "outcome": outcome})
        })
        .collect();
    let v = JsonBuilder::default()
        .text("held_on", f.get("held_on"))
        .value("goals", Value::Array(goals))
        .text("decision", f.get("decision"))
        .number("rhythm_months", f.get("rhythm_months"))
        .text("child_view", f.get("child_view"))
        .build();
    let call = |i| kith_app::goals::reviews::record(s.app(), &actor, PlacementId(id), i);
    finish(&s, &actor, ctx, id, ("review", "reviews"), (v, f), call).await
}

async fn exit_plan(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let plan = f.get("exit_plan").map_or(Value::Null, Value::String);
    let v = JsonBuilder::default().value("exit_plan", plan).build();
    let call = |i| kith_app::placements::update(s.app(), &actor, PlacementId(id), i);
    finish(&s, &actor, ctx, id, ("exit-plan", "stay"), (v, f), call).await
}

async fn extend(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text("planned_end_date", f.get("planned_end_date"))
        .text_always("reason", f.text("reason"))
        .build();
    let call = |i| kith_app::placements::extend_stay(s.app(), &actor, PlacementId(id), i);
    finish(&s, &actor, ctx, id, ("extend", "stay"), (v, f), call).await
}

async fn end(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let reached = match f.get("exit_goal_reached").as_deref() {
        Some("yes") => Value::Bool(true),
        Some("no") => Value::Bool(false),
        _ => Value::Null,
    };
    let v = JsonBuilder::default()
        .text("end_date", f.get("end_date"))
        .text("reason", f.get("end_reason"))
        .value("exit_goal_reached", reached)
        .flag("breakdown", f.checked("breakdown"))
        .text("open_goals", f.get("open_goals"))
        .build();
    let call = |i| kith_app::placements::end(s.app(), &actor, PlacementId(id), i);
    finish(&s, &actor, ctx, id, ("end", "top"), (v, f), call).await
}
