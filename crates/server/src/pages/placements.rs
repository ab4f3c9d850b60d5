//! The placement page: the stay tracker and signals, the child's plan with progress charts,
//! the recorded reviews, the year of visits (the wheel), and the forms that change them. The
//! forms post to the routes in [`super::plan`]; a form that comes back with problems is shown
//! again on this page, open, with its problems.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use kith_app::{Actor, AppError};

use super::agreement_rows::{AgreementFields, AgreementRow};
use kith_app::goals::GoalView;
use kith_app::goals::reviews::ReviewView;
use kith_app::placements::PlacementView;
use kith_app::staff::StaffRef;
use kith_app::wheel::year::YearView;
use kith_domain::draft::DraftForm;
use kith_domain::goals::{GoalArea, GoalOutcome, GoalStatus, Measure, ReviewDecision, StaySignal};
use kith_domain::{EndReason, Party, PlacementId, Role};
use serde::{Deserialize, Serialize};

use super::ctx::PageQuery;
use super::form::{Form, Shape, Typed};
use super::visits::VisitLines;
use super::{Ctx, FormProblem, PageActor, PageResult, fail, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/placements/{id}", get(show))
        .route("/placements/{id}/follow-up", post(update))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/placement_year.html")]
pub(super) struct PlacementPage {
    ctx: Ctx,
    p: PlacementView,
    y: YearView,
    goals: Vec<GoalView>,
    /// The agreements from visits that are not done yet.
    agreements: Vec<kith_app::wheel::views::FollowUpView>,
    reviews: Vec<ReviewView>,
    /// A progress chart per goal (same order as `goals`).
    charts: Vec<String>,
    consultants: Vec<StaffRef>,
    recorded: Option<i64>,
    problems: Vec<FormProblem>,
    /// The form the problems belong to (shown open).
    form: Option<String>,
    /// What was typed into that form, shown again so nothing is lost.
    typed: Typed,
    /// When the plan review draft the form is filled from was saved.
    draft_saved_at: Option<DateTime<Utc>>,
    today: NaiveDate,
}

impl VisitLines for PlacementPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl PlacementPage {
    fn problem(&self, field: &str) -> Option<&str> {
        self.problem_in("follow-up", field)
    }

    /// A problem with `field` of the form `form`, if that form came back.
    fn problem_in(&self, form: &str, field: &str) -> Option<&str> {
        if self.form.as_deref() == Some(form) {
            super::problem_for(&self.problems, field)
        } else {
            None
        }
    }

    /// The agreement rows of the plan review form, as typed or kept as a draft.
    fn review_agreed(&self) -> AgreementFields {
        if !self.open("review") {
            return AgreementFields::default();
        }
        let t = |name| self.typed.all(name);
        AgreementFields::from_lists(t("fu_what"), t("fu_owner"), t("fu_due"))
    }

    fn rows(&self) -> Vec<AgreementRow> {
        self.review_agreed().rows()
    }

    fn agreement_owners(&self) -> Vec<(String, &'static str)> {
        super::agreement_rows::owners(self.ctx.lang)
    }

    /// A problem with the review's agreements as a whole (not one row's).
    fn agreements_problem(&self) -> Option<&str> {
        if !self.open("review") {
            return None;
        }
        self.problems
            .iter()
            .find(|p| p.field == "follow_ups")
            .map(|p| p.message.as_str())
    }

    /// The problem with `field` of the `i`-th agreement row of the review form.
    fn row_problem(&self, i: &usize, field: &str) -> Option<&str> {
        let k = self.review_agreed().input_index(*i)?;
        self.problem_in("review", &format!("follow_ups[{k}].{field}"))
    }

    /// Whether the page asks about support after 18: the review age is reached (the signal)
    /// or a decision is recorded.
    fn shows_after_care(&self) -> bool {
        self.p.after_care_decision.is_some()
            || self
                .p
                .signals
                .iter()
                .any(|s| matches!(s, kith_domain::goals::StaySignal::AdulthoodReviewDue { .. }))
    }

    /// The decisions on support after 18, in the reader's words.
    fn after_care_choices(&self) -> Vec<super::Choice> {
        super::keyed_choices::<kith_domain::AfterCareDecision>(&self.ctx, "after_care_decision")
    }

    /// Whether `code` is the decision shown chosen: as typed when the form came back, else
    /// the one recorded.
    fn after_care_chosen(&self, code: &str) -> bool {
        if self.open("after-care") {
            self.typed.get("after_care_decision").as_deref() == Some(code)
        } else {
            self.p.after_care_decision.map(|d| d.as_str()) == Some(code)
        }
    }

    fn exit_goals(&self) -> &'static [kith_domain::ExitGoal] {
        kith_domain::ExitGoal::ALL
    }

    /// Whether `g` is the exit goal on the exit plan form: as typed when it came back, else
    /// the stay's.
    fn exit_goal_chosen(&self, g: &kith_domain::ExitGoal) -> bool {
        if self.open("exit-plan") {
            self.typed.get("exit_goal").as_deref() == Some(g.as_str())
        } else {
            self.p.exit_goal == Some(*g)
        }
    }

    /// A field of the exit plan form: as typed when it came back, else as recorded.
    fn exit_typed(&self, field: &str) -> String {
        if self.open("exit-plan") {
            return self.typed.get(field).unwrap_or_default();
        }
        match field {
            "exit_move_on" => self.p.exit_move_on.map(|d| d.to_string()),
            _ => self.p.exit_plan.clone(),
        }
        .unwrap_or_default()
    }

    /// Whether the agreement was made at a plan review (else at a visit).
    fn made_at_review(&self, visit: &kith_domain::VisitId) -> bool {
        self.reviews.iter().any(|r| r.visit_id == *visit)
    }

    fn open(&self, form: &str) -> bool {
        self.form.as_deref() == Some(form)
    }

    /// What was typed into `field` of `form` when it came back with problems, else `default`.
    fn typed_or(&self, form: &str, field: &str, default: &str) -> String {
        if self.open(form) {
            self.typed.get(field).unwrap_or_default()
        } else {
            default.to_owned()
        }
    }

    /// Whether `value` was chosen in the select `field` of `form` when it came back (or was
    /// restored from a draft).
    fn chosen(&self, form: &str, field: &str, value: &dyn std::fmt::Display) -> bool {
        self.open(form) && self.typed.get(field) == Some(value.to_string())
    }

    /// Whether `outcome` was chosen for goal `goal` in the plan review form.
    fn outcome_chosen(&self, goal: &dyn std::fmt::Display, outcome: &GoalOutcome) -> bool {
        self.chosen("review", &format!("outcome_{goal}"), outcome)
    }

    /// The plan review's day as typed, or today.
    fn review_day(&self) -> String {
        self.typed_or("review", "held_on", &self.today.to_string())
    }

    /// Whether a box of `form` was ticked when it came back.
    fn ticked(&self, form: &str, field: &str) -> bool {
        self.open(form) && self.typed.checked(field)
    }

    /// Who an agreement is for, in the reader's words.
    fn owner(&self, code: &str) -> &'static str {
        self.ctx.party(code)
    }

    fn month_name(&self, month: &NaiveDate) -> String {
        let m = self.ctx.t(&format!("month.m{}", month.format("%m")));
        format!("{m} {}", month.format("%Y"))
    }

    fn areas(&self) -> &'static [GoalArea] {
        GoalArea::ALL
    }

    fn area(&self, a: &GoalArea) -> &'static str {
        kith_text::term(self.ctx.lang, a)
    }

    fn parties(&self) -> &'static [Party] {
        &[
            Party::Child,
            Party::Parents,
            Party::Network,
            Party::FosterFamily,
            Party::Institution,
            Party::School,
            Party::Adviser,
            Party::Other,
        ]
    }

    fn party(&self, p: &Party) -> &'static str {
        kith_text::term(self.ctx.lang, p)
    }

    fn parties_of(&self, g: &GoalView) -> String {
        g.parties
            .iter()
            .map(|p| kith_text::term(self.ctx.lang, p))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn measure(&self, m: &Measure) -> String {
        match m {
            Measure::Scale { baseline, target } => {
                format!("{} {baseline} → {target}", self.ctx.t("goal.scale_0_10"))
            }
            Measure::Number {
                unit,
                baseline,
                target,
            } => format!("{baseline} → {target} {unit}"),
            Measure::YesNo => self.ctx.t("measure.yes_no").to_owned(),
        }
    }

    /// The measure's code, on the value field (`scale`, `number`), for its hint and tests.
    fn measure_code(&self, g: &GoalView) -> &'static str {
        match g.measure {
            Measure::Scale { .. } => "scale",
            Measure::Number { .. } => "number",
            Measure::YesNo => "yes_no",
        }
    }

    fn is_yes_no(&self, g: &GoalView) -> bool {
        matches!(g.measure, Measure::YesNo)
    }

    fn value(&self, g: &GoalView, i: &usize) -> String {
        match g.progress.get(*i).map(|p| p.value) {
            Some(kith_domain::goals::ProgressValue::Reached(true)) => {
                self.ctx.t("goal.reached").into()
            }
            Some(kith_domain::goals::ProgressValue::Reached(false)) => {
                self.ctx.t("goal.not_reached").into()
            }
            Some(kith_domain::goals::ProgressValue::Amount(a)) => format!("{a}"),
            None => String::new(),
        }
    }

    fn percent(&self, share: &f64) -> String {
        format!("{:.0} %", share * 100.0)
    }

    fn chart(&self, i: &usize) -> &str {
        self.charts.get(*i).map_or("", String::as_str)
    }

    fn active_goals(&self) -> Vec<&GoalView> {
        self.goals
            .iter()
            .filter(|g| g.status == GoalStatus::Active)
            .collect()
    }

    fn closing_statuses(&self) -> [GoalStatus; 3] {
        [
            GoalStatus::Achieved,
            GoalStatus::NotAchieved,
            GoalStatus::Dropped,
        ]
    }

    fn outcomes(&self) -> &'static [GoalOutcome] {
        GoalOutcome::ALL
    }

    fn decisions(&self) -> &'static [ReviewDecision] {
        ReviewDecision::ALL
    }

    fn end_reasons(&self) -> &'static [EndReason] {
        EndReason::ALL
    }

    fn goal_text(&self, id: &kith_domain::GoalId) -> String {
        self.goals
            .iter()
            .find(|g| g.id == *id)
            .map(|g| g.text.clone())
            .unwrap_or_default()
    }

    fn signal(&self, s: &StaySignal) -> &'static str {
        self.ctx.t(&format!("signal.{}", s.code()))
    }

    fn since(&self, s: &StaySignal) -> String {
        self.ctx.date(&s.since())
    }

    fn is_open(&self) -> bool {
        self.p.status != kith_domain::PlacementStatus::Ended
    }

    /// The ways an open agreement closes.
    fn agreement_closings(&self) -> [kith_domain::AgreementState; 2] {
        [
            kith_domain::AgreementState::Done,
            kith_domain::AgreementState::Dropped,
        ]
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct YearQuery {
    from: Option<NaiveDate>,
    recorded: Option<i64>,
}

/// A goal's progress as a chart: values over the days since the first entry, with the
/// baseline and target (yes/no goals: 0 and 1).
fn goal_chart(ctx: &Ctx, g: &GoalView) -> String {
    use kith_domain::goals::ProgressValue;
    if g.progress.is_empty() {
        return String::new();
    }
    let first = g.progress[0].recorded_on;
    let day = |d: NaiveDate| (d - first).num_days() as f64;
    let points: Vec<(f64, f64)> = g
        .progress
        .iter()
        .map(|p| {
            let v = match p.value {
                ProgressValue::Amount(a) => a,
                ProgressValue::Reached(r) => f64::from(u8::from(r)),
            };
            (day(p.recorded_on), v)
        })
        .collect();
    let (baseline, target) = match &g.measure {
        Measure::Scale { baseline, target } => (f64::from(*baseline), f64::from(*target)),
        Measure::Number {
            baseline, target, ..
        } => (*baseline, *target),
        Measure::YesNo => (0.0, 1.0),
    };
    // A yes/no goal's axis says "not reached" and "reached", not 0 and 1.
    let yes_no = matches!(g.measure, Measure::YesNo);
    let number = |v: f64| match (yes_no, v) {
        (true, 0.0) => ctx.t("goal.not_reached").to_owned(),
        (true, 1.0) => ctx.t("goal.reached").to_owned(),
        (true, _) => String::new(),
        _ => ctx.num(&v, if v.fract() == 0.0 { 0 } else { 1 }),
    };
    let last = g.progress[g.progress.len() - 1].recorded_on;
    let mut x = vec![(0.0, ctx.date(&first))];
    // The due day, or the latest entry when that is later; both when far enough apart.
    let end = g.due_on.max(last);
    if day(end) > 0.0 {
        x.push((day(end), ctx.date(&end)));
    }
    let y_title = match &g.measure {
        Measure::Number { unit, .. } if !unit.is_empty() => unit.as_str(),
        _ => ctx.t("chart.value"),
    };
    let axes = crate::charts::Axes {
        x,
        y_title,
        number: &number,
    };
    let names = (ctx.t("chart.baseline"), ctx.t("chart.target"));
    crate::charts::progress_line(
        &points,
        (baseline, target),
        day(g.due_on),
        (&axes, names),
        (340, 150),
    )
}

/// The id of the input a field of `form` has on this page, for the summary's links: a goal's
/// progress inputs carry the goal's id (`value-12`), the goal and stay forms name theirs apart
/// from the other forms on the page.
fn input_id(form: &str, field: &str) -> String {
    if let Some(goal) = form.strip_prefix("progress-") {
        return format!("{field}-{goal}");
    }
    if let Some(goal) = form.strip_prefix("close-") {
        return format!("{field}-{goal}");
    }
    if let Some(agreement) = form.strip_prefix("agreement-") {
        return format!("agreement_{field}-{agreement}");
    }
    match (form, field) {
        ("goal", "text") => "goal_text".to_owned(),
        ("goal", "measure") => "measure_kind".to_owned(),
        ("goal", f) if f.starts_with("measure.") => f.trim_start_matches("measure.").to_owned(),
        ("extend", "reason") => "extend_reason".to_owned(),
        ("review", f) if f.starts_with("follow_ups") => "agreements-agreed".to_owned(),
        ("review", "child_view") => "review_child_view".to_owned(),
        (_, f) => f.split(['.', '[']).next().unwrap_or(f).to_owned(),
    }
}

/// Renders the placement page, with the problems of `form` if it came back.
pub(super) async fn placement_page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    q: YearQuery,
    problems: Vec<FormProblem>,
    came_back: Option<(&str, Typed)>,
) -> PageResult {
    let (form, typed) = match came_back {
        Some((form, typed)) => (Some(form.to_owned()), typed),
        None => (None, Typed::default()),
    };
    // The review's agreement rows, to point the summary at the field in error.
    let agreed = AgreementFields::from_lists(
        typed.all("fu_what"),
        typed.all("fu_owner"),
        typed.all("fu_due"),
    );
    let problems = match &form {
        Some(form) => problems
            .into_iter()
            .map(|p| {
                let id = match agreed.anchor(&p.field) {
                    Some(id) if form == "review" => id,
                    _ => input_id(form, &p.field),
                };
                p.at(id)
            })
            .collect(),
        None => problems,
    };
    let o = match kith_app::overview::placement(s.app(), actor, PlacementId(id), q.from).await {
        Ok(o) => o,
        // A former adviser or consultant of the case learns where it went (issue 17, point 6).
        Err(AppError::NotFound(what)) => {
            let handed =
                kith_app::handed_over::handed_over_placement(s.app(), actor, PlacementId(id))
                    .await
                    .map_err(fail(&ctx))?;
            return super::children::handed_over_or_not_found(ctx, handed, what);
        }
        Err(e) => return Err(fail(&ctx)(e)),
    };
    let consultants = if o.year.can_change {
        kith_app::staff::with_role(s.app(), actor, Role::Consultant)
            .await
            .map_err(fail(&ctx))?
    } else {
        vec![]
    };
    // A fresh page opens the plan review its reader left as a draft, filled in.
    let (form, typed, draft_saved_at) = match form {
        None if o.year.can_change => {
            let review = DraftForm::PlanReview(PlacementId(id));
            match kith_app::drafts::of(s.app(), actor, review)
                .await
                .map_err(fail(&ctx))?
            {
                Some(d) => (
                    Some("review".to_owned()),
                    Typed::from_body(&d.body),
                    Some(d.saved_at),
                ),
                None => (None, typed, None),
            }
        }
        form => (form, typed, None),
    };
    let status = super::form_status(&problems);
    let charts = o.goals.iter().map(|g| goal_chart(&ctx, g)).collect();
    Ok((
        status,
        PlacementPage {
            ctx,
            p: o.placement,
            y: o.year,
            goals: o.goals,
            agreements: o.agreements,
            reviews: o.reviews,
            charts,
            consultants,
            recorded: q.recorded,
            problems,
            form,
            typed,
            draft_saved_at,
            today: s.app().today(),
        },
    )
        .into_response())
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    PageQuery(q): PageQuery<YearQuery>,
) -> PageResult {
    placement_page(&s, &actor, ctx, id, q, vec![], None).await
}

/// The follow-up of a placement: its consultant and the plan reviews' rhythm. An emptied
/// field clears the value (no consultant; the rules' rhythm).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct FollowUpForm {
    consultant_id: String,
    review_rhythm_months: String,
}

const FOLLOW_UP: Shape = Shape {
    numbers: &["consultant_id", "review_rhythm_months"],
    clear: &["consultant_id", "review_rhythm_months"],
    ..Shape::PLAIN
};

async fn update(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<FollowUpForm>,
) -> PageResult {
    let input = FOLLOW_UP.input(&f, |_| {});
    let call = |i| kith_app::placements::update(s.app(), &actor, PlacementId(id), i);
    match submit(&ctx, input, call).await? {
        Ok(_) => Ok(see_other(&format!("/placements/{id}"))),
        Err(problems) => {
            let typed = Some(("follow-up", Typed::of(&f)));
            let page = YearQuery::default();
            placement_page(&s, &actor, ctx, id, page, problems, typed).await
        }
    }
}
