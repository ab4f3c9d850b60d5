//! The forms of the placement page: goals, progress, closing a goal, a plan review, a stay's
//! exit plan and extension, ending the placement, closing an agreement (also from the week). Each turns the form into the API's input,
//! calls the one use case, and returns to the placement page (again, with the form open and
//! its problems, when something is wrong).

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::post;
use std::collections::BTreeMap;

use kith_app::{Actor, AppError};
use kith_domain::{FollowUpId, GoalId, PlacementId};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::agreement_rows::AgreementFields;
use super::form::{Form, Shape, Typed, checkbox};
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
        .route("/placements/{id}/after-care", post(after_care))
        .route("/placements/{id}/extend", post(extend))
        .route("/placements/{id}/end", post(end))
        .route(
            "/placements/{id}/agreements/{agreement}/close",
            post(close_agreement),
        )
}

/// Runs the use case on the form's input; back to the page at the anchor, or the page again
/// with the form open, its problems and what was typed. `(form, anchor)` name the form and
/// where to return.
async fn finish<F: Serialize, I: DeserializeOwned, T, Fut>(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    (form, anchor): (&str, &str),
    (typed, input): (&F, Result<I, AppError>),
    call: impl FnOnce(I) -> Fut,
) -> PageResult
where
    Fut: Future<Output = Result<T, AppError>>,
{
    match submit(&ctx, input, call).await? {
        Ok(_) => Ok(see_other(&format!("/placements/{id}#{anchor}"))),
        Err(problems) => {
            let typed = Typed::of(typed);
            let page = YearQuery::default();
            placement_page(s, actor, ctx, id, page, problems, Some((form, typed))).await
        }
    }
}

/// A new goal: what, how it is measured, who takes part, by when.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct GoalForm {
    area: String,
    text: String,
    measure_kind: String,
    baseline: String,
    target: String,
    unit: String,
    parties: Vec<String>,
    due_on: String,
}

const GOAL: Shape = Shape {
    numbers: &["baseline", "target"],
    keep_blank: &["text"],
    ..Shape::PLAIN
};

/// The measure object from the form's kind, baseline, target and unit: a yes/no goal has no
/// figures, and only a goal counted in a unit names it.
fn measure(fields: &mut Map<String, Value>) {
    let mut take = |name: &str| fields.remove(name);
    let kind = take("measure_kind").unwrap_or_else(|| json!(""));
    let (baseline, target, unit) = (take("baseline"), take("target"), take("unit"));
    let mut m = Map::new();
    if kind != "yes_no" {
        m.extend(baseline.map(|v| ("baseline".to_owned(), v)));
        m.extend(target.map(|v| ("target".to_owned(), v)));
    }
    if kind == "number" {
        m.insert("unit".into(), unit.unwrap_or_else(|| json!("")));
    }
    m.insert("kind".into(), kind);
    fields.insert("measure".into(), Value::Object(m));
}

async fn new_goal(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<GoalForm>,
) -> PageResult {
    let input = GOAL.input(&f, measure);
    let call = |i| kith_app::goals::create(s.app(), &actor, PlacementId(id), i);
    finish(&s, &actor, ctx, id, ("goal", "goals"), (&f, input), call).await
}

/// Progress on a goal: the day, the value (a number, or yes/no), a note, who took part.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct ProgressForm {
    recorded_on: String,
    value: String,
    note: String,
    #[serde(deserialize_with = "checkbox")]
    child_took_part: bool,
    #[serde(deserialize_with = "checkbox")]
    parents_took_part: bool,
}

const PROGRESS: Shape = Shape {
    numbers: &["value"],
    yes_no: &["value"],
    ..Shape::PLAIN
};

async fn progress(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, goal)): Path<(i64, i64)>,
    Form(f): Form<ProgressForm>,
) -> PageResult {
    let input = PROGRESS.input(&f, |_| {});
    let call = |i| kith_app::goals::record_progress(s.app(), &actor, GoalId(goal), i);
    let (form, anchor) = (format!("progress-{goal}"), format!("goal-{goal}"));
    finish(&s, &actor, ctx, id, (&form, &anchor), (&f, input), call).await
}

/// Closing a goal: reached or dropped.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct CloseGoalForm {
    status: String,
}

async fn close_goal(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, goal)): Path<(i64, i64)>,
    Form(f): Form<CloseGoalForm>,
) -> PageResult {
    let input = Shape::PLAIN.input(&f, |_| {});
    let call = |i| kith_app::goals::update(s.app(), &actor, GoalId(goal), i);
    let form = format!("close-{goal}");
    finish(&s, &actor, ctx, id, (&form, "goals"), (&f, input), call).await
}

/// An agreement marked done or dropped (with the reason); `back` is `week` when it was sent
/// from the holder's week, which it returns to.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct CloseAgreementForm {
    state: String,
    note: String,
    #[serde(skip_serializing)]
    back: String,
}

async fn close_agreement(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, agreement)): Path<(i64, i64)>,
    Form(f): Form<CloseAgreementForm>,
) -> PageResult {
    let input = Shape::PLAIN.input(&f, |_| {});
    let call = |i| kith_app::wheel::agreements::close(s.app(), &actor, FollowUpId(agreement), i);
    let form = format!("agreement-{agreement}");
    if f.back != "week" {
        return finish(
            &s,
            &actor,
            ctx,
            id,
            (&form, "agreements"),
            (&f, input),
            call,
        )
        .await;
    }
    match submit(&ctx, input, call).await? {
        Ok(_) => Ok(see_other("/week#agreements")),
        // Sent from the week and refused: the placement page says why, the form open.
        Err(problems) => {
            let typed = Some((form.as_str(), Typed::of(&f)));
            placement_page(&s, &actor, ctx, id, YearQuery::default(), problems, typed).await
        }
    }
}

/// A plan review: the day, an outcome per goal (`outcome_{goal id}`), the decision, the next
/// rhythm and the child's view.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct ReviewForm {
    held_on: String,
    decision: String,
    rhythm_months: String,
    child_view: String,
    /// What was agreed at the review.
    #[serde(flatten)]
    agreed: AgreementFields,
    #[serde(flatten, skip_serializing)]
    rest: BTreeMap<String, String>,
}

const REVIEW: Shape = Shape {
    numbers: &["rhythm_months"],
    ..Shape::PLAIN
};

/// The reviewed goals from the `outcome_{goal id}` fields that were answered.
fn outcomes(rest: &BTreeMap<String, String>) -> Value {
    let goal = |id: &str| id.parse::<i64>().map_or_else(|_| json!(id), Value::from);
    rest.iter()
        .filter_map(|(name, outcome)| Some((name.strip_prefix("outcome_")?, outcome.trim())))
        .filter(|(_, outcome)| !outcome.is_empty())
        .map(|(id, outcome)| json!({"goal_id": goal(id), "outcome": outcome}))
        .collect()
}

async fn review(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<ReviewForm>,
) -> PageResult {
    let input = REVIEW.input(&f, |m| {
        m.insert("goals".into(), outcomes(&f.rest));
        for name in ["fu_what", "fu_owner", "fu_due"] {
            m.remove(name);
        }
        m.insert("follow_ups".into(), f.agreed.input());
    });
    let call = |i| kith_app::goals::reviews::record(s.app(), &actor, PlacementId(id), i);
    let typed = ReviewTyped {
        form: &f,
        outcomes: &f.rest,
    };
    finish(
        &s,
        &actor,
        ctx,
        id,
        ("review", "reviews"),
        (&typed, input),
        call,
    )
    .await
}

/// A plan review as typed, its outcomes included, to show it again when it comes back.
#[derive(Serialize)]
struct ReviewTyped<'a> {
    #[serde(flatten)]
    form: &'a ReviewForm,
    #[serde(flatten)]
    outcomes: &'a BTreeMap<String, String>,
}

/// A short stay's exit plan: where the child goes, the day of the move, the steps; an emptied
/// day or steps is cleared.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct ExitPlanForm {
    exit_goal: String,
    exit_move_on: String,
    exit_plan: String,
}

const EXIT_PLAN: Shape = Shape {
    clear: &["exit_plan", "exit_move_on"],
    ..Shape::PLAIN
};

async fn exit_plan(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<ExitPlanForm>,
) -> PageResult {
    let input = EXIT_PLAN.input(&f, |_| {});
    let call = |i| kith_app::placements::update(s.app(), &actor, PlacementId(id), i);
    finish(
        &s,
        &actor,
        ctx,
        id,
        ("exit-plan", "stay"),
        (&f, input),
        call,
    )
    .await
}

/// What is decided about the young person's support after 18.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct AfterCareForm {
    after_care_decision: String,
}

async fn after_care(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<AfterCareForm>,
) -> PageResult {
    // Saving without a choice is a mistake to be told, not a change of nothing.
    let input = if f.after_care_decision.trim().is_empty() {
        Err(AppError::invalid(
            "after_care_decision",
            "problem.after_care_decision",
        ))
    } else {
        Shape::PLAIN.input(&f, |_| {})
    };
    let call = |i| kith_app::placements::update(s.app(), &actor, PlacementId(id), i);
    finish(
        &s,
        &actor,
        ctx,
        id,
        ("after-care", "after-care"),
        (&f, input),
        call,
    )
    .await
}

/// A short stay extended: the new planned end and why.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct ExtendForm {
    planned_end_date: String,
    reason: String,
}

async fn extend(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<ExtendForm>,
) -> PageResult {
    let input = Shape::REASON.input(&f, |_| {});
    let call = |i| kith_app::placements::extend_stay(s.app(), &actor, PlacementId(id), i);
    finish(&s, &actor, ctx, id, ("extend", "stay"), (&f, input), call).await
}

/// Ending the placement: the day, why, whether a stay's exit goal was reached, whether it
/// broke down, and what becomes of its open goals.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct EndForm {
    end_date: String,
    reason: String,
    exit_goal_reached: String,
    #[serde(deserialize_with = "checkbox")]
    breakdown: bool,
    open_goals: String,
}

const END: Shape = Shape {
    yes_no: &["exit_goal_reached"],
    ..Shape::PLAIN
};

async fn end(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<EndForm>,
) -> PageResult {
    let input = END.input(&f, |_| {});
    let call = |i| kith_app::placements::end(s.app(), &actor, PlacementId(id), i);
    finish(&s, &actor, ctx, id, ("end", "top"), (&f, input), call).await
}
