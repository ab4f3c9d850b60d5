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
    ApproveInput, NewProposalInput, ProposalListParams, ProposalSort, ProposalSummary,
    ProposalView, RejectInput,
};
use kith_app::{Actor, AppError, Paged};
use kith_domain::{ChildId, ExitGoal, ProposalId, ProposalStatus, Role};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Choice;
use super::ctx::PageQuery;
use super::form::{Form, Shape, and_then, checkbox};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, form_problems, see_other, submit};
use crate::AppState;

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
    planned_end: String,
    exit_goal: String,
    exit_goals: Vec<Choice>,
    /// The place (from 1) of the unit whose form was sent: its fields carry the problems.
    form_unit: usize,
}

/// The proposal form's own fields: each has an input per unit (`rationale-1`).
const PROPOSAL_FIELDS: [&str; 3] = ["rationale", "planned_end_date", "exit_goal"];

impl MatchPage {
    /// The problem with a field of the proposal form of the unit at place `unit` (from 1).
    fn problem_in(&self, field: &str, unit: &&usize) -> Option<&str> {
        if **unit == self.form_unit {
            super::problem_for(&self.problems, field)
        } else {
            None
        }
    }

    /// The children being matched, named in the heading and the page title.
    fn child_names(&self) -> String {
        let names: Vec<&str> = self
            .view
            .units
            .iter()
            .flat_map(|u| u.children.iter().map(|c| c.name.as_str()))
            .collect();
        names.join(", ")
    }

    fn bar(&self, r: &RankedView) -> Vec<Segment> {
        segments(&r.contributions)
    }

    /// Whether a stay's planned end and exit goal belong in the form: an institution is among
    /// the options shown.
    fn offers_stays(&self, unit: &kith_app::matching::UnitMatchView) -> bool {
        unit.groups
            .iter()
            .flat_map(|g| &g.options)
            .any(|r| r.option.kind.is_institutional())
    }

    /// "1 ledig plads", "3 ledige pladser".
    fn free(&self, n: &u32) -> String {
        self.ctx.count("match.free", "n", *n)
    }

    /// A secure unit, marked so on its card.
    fn is_secure(&self, form: &kith_domain::InstitutionForm) -> bool {
        *form == kith_domain::InstitutionForm::SecureUnit
    }
}

/// How many options of each group the page shows at first (the API's default is larger); the
/// rest are one link away.
const SHOWN_ON_PAGE: u32 = 5;

fn may_propose(actor: &Actor) -> bool {
    actor.has(Role::Matcher) || actor.has(Role::Leader)
}

/// What the proposal form held when it comes back with problems.
#[derive(Debug, Default)]
struct FormState {
    problems: Vec<FormProblem>,
    rationale: String,
    chosen: String,
    planned_end: String,
    exit_goal: String,
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
    let form_unit = view
        .units
        .iter()
        .position(|u| {
            u.groups
                .iter()
                .flat_map(|g| &g.options)
                .any(|r| r.option.id.0.to_string() == form.chosen)
        })
        .map_or(1, |i| i + 1);
    let problems = form
        .problems
        .into_iter()
        .map(|p| {
            if PROPOSAL_FIELDS.contains(&p.field.as_str()) {
                let anchor = format!("{}-{form_unit}", p.field);
                p.at(anchor)
            } else {
                p
            }
        })
        .collect();
    Ok((
        status,
        MatchPage {
            form_unit,
            child_id: child,
            start: view.start_date.to_string(),
            together: view.together,
            can_propose: may_propose(actor),
            view,
            problems,
            rationale: form.rationale,
            chosen: form.chosen,
            planned_end: form.planned_end,
            exit_goal: form.exit_goal,
            exit_goals: super::keyed_choices::<ExitGoal>(&ctx, "exit_goal"),
            ctx,
        },
    )
        .into_response())
}

async fn matches(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    PageQuery(mut q): PageQuery<MatchParams>,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> PageResult {
    // `option`: the option an allocation gave the child, shown chosen (and so listed).
    let chosen = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "option")
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| v.parse::<i64>().is_ok())
        .unwrap_or_default();
    let shown = if chosen.is_empty() {
        SHOWN_ON_PAGE
    } else {
        kith_app::matching::DEFAULT_SHOWN
    };
    q.limit.get_or_insert(shown);
    let form = FormState {
        chosen,
        ..FormState::default()
    };
    match_page(&s, &actor, ctx, id, q, form).await
}

/// A proposal made from the match list: the child, the chosen option, the start, the
/// rationale, the sibling group together (unless `together=false`), kept as a draft or sent.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct ProposalForm {
    child_id: String,
    option_id: String,
    start_date: String,
    rationale: String,
    planned_end_date: String,
    exit_goal: String,
    together: String,
    #[serde(deserialize_with = "checkbox")]
    draft: bool,
}

const PROPOSAL: Shape = Shape {
    numbers: &["child_id", "option_id"],
    keep_blank: &["rationale"],
    ..Shape::PLAIN
};

impl ProposalForm {
    fn together(&self) -> bool {
        self.together.trim() != "false"
    }

    /// The two choices that are not fields of the input as they are typed.
    fn choices(&self, fields: &mut Map<String, Value>) {
        fields.remove("draft");
        fields.insert("together".into(), Value::Bool(self.together()));
        fields.insert("submit".into(), Value::Bool(!self.draft));
    }
}

async fn create(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Form(f): Form<ProposalForm>,
) -> PageResult {
    let input = PROPOSAL.input(&f, |m| f.choices(m));
    let create = |i: NewProposalInput| kith_app::proposals::create(s.app(), &actor, i);
    match submit(&ctx, input, create).await? {
        Ok(p) => Ok(see_other(&format!("/proposals/{}", p.id))),
        Err(problems) => {
            let child: i64 = f.child_id.trim().parse().map_err(|_| {
                super::error_page(&ctx, AppError::invalid("child_id", "problem.invalid_id"))
            })?;
            let params = MatchParams {
                start: f.start_date.trim().parse().ok(),
                together: Some(f.together()),
                limit: Some(SHOWN_ON_PAGE),
            };
            let form = FormState {
                problems,
                rationale: f.rationale,
                chosen: f.option_id.trim().to_owned(),
                planned_end: f.planned_end_date.trim().to_owned(),
                exit_goal: f.exit_goal.trim().to_owned(),
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
    /// The order shown: `newest`, `oldest` or `start`.
    sort: &'static str,
    next_url: Option<String>,
}

impl ListPage {
    /// The list in another order, with the same status.
    fn sorted_by(&self, sort: &str) -> String {
        list_url(&self.status, sort, None)
    }

    /// The day a proposal was sent to the leader, in the reader's time zone.
    fn sent_on(&self, p: &ProposalSummary) -> String {
        p.submitted_at
            .map(|t| {
                self.ctx
                    .date(&t.with_timezone(&kith_app::TIME_ZONE).date_naive())
            })
            .unwrap_or_default()
    }
}

/// The proposals list's address: its status, its order (when not the default) and where the
/// page continues. The order goes with the next page's link: a page of one order never
/// continues another.
fn list_url(status: &str, sort: &str, cursor: Option<&str>) -> String {
    let mut pairs = Vec::new();
    if !status.is_empty() {
        pairs.push(("status", status));
    }
    if sort != "newest" {
        pairs.push(("sort", sort));
    }
    if let Some(c) = cursor {
        pairs.push(("cursor", c));
    }
    format!(
        "/proposals?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

async fn list(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<ProposalListParams>,
) -> PageResult {
    let page = kith_app::proposals::list(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let status = q.status.map(|s| s.as_str().to_owned()).unwrap_or_default();
    let sort = match q.sort {
        Some(ProposalSort::Oldest) => "oldest",
        Some(ProposalSort::Start) => "start",
        _ => "newest",
    };
    let next_url = page
        .next_cursor
        .as_deref()
        .map(|c| list_url(&status, sort, Some(c)));
    Ok(ListPage {
        statuses: super::keyed_choices::<ProposalStatus>(&ctx, "proposal_status"),
        page,
        status,
        sort,
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
    /// Where a child's network search stands, in words (the leader deciding a place outside
    /// the network reads it).
    fn search_text(&self, s: &kith_app::proposals::ChildSearch) -> String {
        super::search_words::search_words(&self.ctx, s.into())
    }

    /// Whether approving needs the leader's reason: a child's search is not completed.
    fn needs_reason(&self) -> bool {
        self.p
            .network_search
            .iter()
            .any(|s| s.state != kith_domain::SearchState::Completed)
    }

    /// Whether the reader may open the child's case: always while the proposal is open (the
    /// match unit works on it); once approved, as the case's new owners decide.
    fn may_open_child(&self, child: &ChildId) -> bool {
        self.p
            .placed
            .iter()
            .find(|pl| pl.child.id == *child)
            .is_none_or(|pl| pl.may_open_child)
    }

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
            exit_goals: super::keyed_choices::<ExitGoal>(&ctx, "exit_goal"),
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

/// A leader's approval; a stay's planned end and exit goal may be set or corrected here.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct ApproveForm {
    planned_end_date: String,
    exit_goal: String,
    approval_reason: String,
}

/// A leader's rejection, with the reason.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct RejectForm {
    reason: String,
}

async fn approve(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<ApproveForm>,
) -> PageResult {
    let input = Shape::PLAIN.input(&f, |_| {});
    let r = and_then(input, |i: ApproveInput| {
        kith_app::proposals::approve(s.app(), &actor, ProposalId(id), i)
    })
    .await;
    decided(&s, &actor, ctx, id, r).await
}

async fn reject(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<RejectForm>,
) -> PageResult {
    let input = Shape::REASON.input(&f, |_| {});
    let r = and_then(input, |i: RejectInput| {
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
