//! The match view for a child, and proposals: the list awaiting decision and the decision page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use kith_app::matching::Contribution;
use kith_app::matching::{MatchParams, MatchView, RankedView};
use kith_app::proposals::{
    ApproveInput, NewProposalInput, ProposalListParams, ProposalSummary, ProposalView, RejectInput,
};
use kith_app::{Actor, AppError, Paged};
use kith_domain::{ChildId, ExitGoal, ProposalId, ProposalStatus, Role};
use serde_json::Value;

use super::children::Choice;
use super::form::{FormData, JsonBuilder, and_then, parse_input};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, form_problems, see_other, submit};
use crate::AppState;
use crate::extract::ApiQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/children/{id}/matches", get(matches))
        .route("/proposals", get(list).post(create))
        .route("/proposals/{id}", get(show))
        .route("/proposals/{id}/submit", post(submit_draft))
        .route("/proposals/{id}/approve", post(approve))
        .route("/proposals/{id}/reject", post(reject))
        .route("/proposals/{id}/withdraw", post(withdraw))
}

/// One coloured segment of a score bar (SVG attributes, not inline styles).
#[derive(Debug, Clone)]
pub struct Segment {
    pub x: f64,
    pub width: f64,
    pub criterion: String,
}

/// The bar of an option's contributions, left to right.
pub fn segments(contributions: &[Contribution]) -> Vec<Segment> {
    let mut x = 0.0;
    contributions
        .iter()
        .filter(|c| c.points > 0.0)
        .map(|c| {
            let s = Segment {
                x,
                width: c.points,
                criterion: c.criterion.as_str().to_owned(),
            };
            x += c.points;
            s
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/matches.html")]
struct MatchPage {
    ctx: Ctx,
    child_id: i64,
    view: MatchView,
    start: String,
    together: bool,
    can_propose: bool,
    problems: Vec<FormProblem>,
    rationale: String,
    chosen: String,
}

impl MatchPage {
    fn bar(&self, r: &RankedView) -> Vec<Segment> {
        segments(&r.contributions)
    }
}

fn may_propose(actor: &Actor) -> bool {
    actor.has(Role::Matcher) || actor.has(Role::Leader)
}

/// What the proposal form held when it comes back with problems.
#[derive(Debug, Default)]
struct FormState {
    problems: Vec<FormProblem>,
    rationale: String,
    chosen: String,
}

async fn match_page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    child: i64,
    params: MatchParams,
    form: FormState,
) -> PageResult {
    let view = kith_app::matching::matches(s.app(), actor, ChildId(child), &params)
        .await
        .map_err(fail(&ctx))?;
    let status = super::form_status(&form.problems);
    Ok((
        status,
        MatchPage {
            child_id: child,
            start: view.start_date.to_string(),
            together: view.together,
            can_propose: may_propose(actor),
            view,
            problems: form.problems,
            rationale: form.rationale,
            chosen: form.chosen,
            ctx,
        },
    )
        .into_response())
}

async fn matches(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    ApiQuery(q): ApiQuery<MatchParams>,
) -> PageResult {
    match_page(&s, &actor, ctx, id, q, FormState::default()).await
}

async fn create(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .number("child_id", f.get("child_id"))
        .number("option_id", f.get("option_id"))
        .text("start_date", f.get("start_date"))
        .text_always("rationale", f.text("rationale"))
        .flag("together", f.get("together").as_deref() != Some("false"))
        .flag("submit", !f.checked("draft"))
        .build();
    let create = |i: NewProposalInput| kith_app::proposals::create(s.app(), &actor, i);
    match submit(&ctx, parse_input(v), create).await? {
        Ok(p) => Ok(see_other(&format!("/proposals/{}", p.id))),
        Err(problems) => {
            let child: i64 = f
                .get("child_id")
                .and_then(|c| c.parse().ok())
                .ok_or_else(|| super::error_page(&ctx, AppError::invalid("child_id", "missing")))?;
            let params = MatchParams {
                start: f.get("start_date").and_then(|d| d.parse().ok()),
                together: Some(f.get("together").as_deref() != Some("false")),
                limit: None,
            };
            let form = FormState {
                problems,
                rationale: f.text("rationale"),
                chosen: f.text("option_id"),
            };
            match_page(&s, &actor, ctx, child, params, form).await
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/proposals_list.html")]
struct ListPage {
    ctx: Ctx,
    page: Paged<ProposalSummary>,
    status: String,
    statuses: Vec<Choice>,
    next_url: Option<String>,
}

async fn list(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    ApiQuery(mut q): ApiQuery<ProposalListParams>,
) -> PageResult {
    let page = kith_app::proposals::list(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let status = q.status.map(|s| s.as_str().to_owned()).unwrap_or_default();
    let next_url = page.next_cursor.clone().map(|c| {
        q.cursor = Some(c.clone());
        format!("/proposals?status={status}&cursor={c}")
    });
    Ok(ListPage {
        statuses: ProposalStatus::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    ctx.t(&format!("proposal_status.{}", s.as_str())).to_owned(),
                )
            })
            .collect(),
        page,
        status,
        next_url,
        ctx,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/proposal.html")]
struct ProposalPage {
    ctx: Ctx,
    p: ProposalView,
    exit_goals: Vec<Choice>,
    problems: Vec<FormProblem>,
}

impl ProposalPage {
    fn bar(&self, r: &RankedView) -> Vec<Segment> {
        segments(&r.contributions)
    }

    /// A problem with a field of the decision forms.
    fn problem(&self, field: &str) -> Option<&str> {
        super::problem_for(&self.problems, field)
    }
}

async fn proposal_page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    problems: Vec<FormProblem>,
) -> PageResult {
    let p = kith_app::proposals::get(s.app(), actor, ProposalId(id))
        .await
        .map_err(fail(&ctx))?;
    let status = super::form_status(&problems);
    Ok((
        status,
        ProposalPage {
            exit_goals: ExitGoal::ALL
                .iter()
                .map(|g| {
                    (
                        g.as_str().to_owned(),
                        ctx.t(&format!("exit_goal.{}", g.as_str())).to_owned(),
                    )
                })
                .collect(),
            p,
            problems,
            ctx,
        },
    )
        .into_response())
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    proposal_page(&s, &actor, ctx, id, vec![]).await
}

/// Runs a decision; problems (422, 409) show on the proposal page.
async fn decided(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    result: Result<ProposalView, AppError>,
) -> PageResult {
    match result {
        Ok(_) => Ok(see_other(&format!("/proposals/{id}"))),
        Err(e) => {
            let problems = form_problems(&ctx, e)?;
            proposal_page(s, actor, ctx, id, problems).await
        }
    }
}

async fn submit_draft(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let r = kith_app::proposals::submit(s.app(), &actor, ProposalId(id)).await;
    decided(&s, &actor, ctx, id, r).await
}

async fn approve(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v: Value = JsonBuilder::default()
        .text("planned_end_date", f.get("planned_end_date"))
        .text("exit_goal", f.get("exit_goal"))
        .build();
    let r = and_then(parse_input::<ApproveInput>(v), |i| {
        kith_app::proposals::approve(s.app(), &actor, ProposalId(id), i)
    })
    .await;
    decided(&s, &actor, ctx, id, r).await
}

async fn reject(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text_always("reason", f.text("reason"))
        .build();
    let r = and_then(parse_input::<RejectInput>(v), |i| {
        kith_app::proposals::reject(s.app(), &actor, ProposalId(id), i)
    })
    .await;
    decided(&s, &actor, ctx, id, r).await
}

async fn withdraw(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let r = kith_app::proposals::withdraw(s.app(), &actor, ProposalId(id)).await;
    decided(&s, &actor, ctx, id, r).await
}
