//! Children's pages: list, case page, register/edit forms, needs profile, network, siblings,
//! unsuitable options, CPR reveal.

mod case_links;
use case_links::*;
mod case_form;
use case_form::*;
mod stability;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use kith_app::children::{
    ChildDetail, ChildInput, ChildListParams, ChildSort, ChildSummary, KnownOptionInput,
    NetworkAskInput, NetworkPersonInput, ProfileInput, SiblingLinkInput, UnsuitableInput,
};
use kith_app::needs::NeedView;
use kith_app::staff::StaffRef;
use kith_app::{Actor, AppError, Paged};
use kith_domain::{
    ChildId, NeedLevel, NetworkApprovalStatus, NetworkAskOutcome, NetworkPersonId,
    PlacementOptionId, Role, TargetArea,
};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::form::{Form, Shape, and_then, checkbox, code_list};
use super::{
    Ctx, FormProblem, PageActor, PageResult, fail, form_problems, problem_for, see_other, submit,
};
use crate::AppState;
use crate::pages::ctx::PageQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/children", get(list).post(create))
        .route("/children/new", get(new_form))
        .route("/children/{id}", get(show).post(update))
        .route("/children/{id}/edit", get(edit_form))
        .route(
            "/children/{id}/profile",
            get(profile_form).post(update_profile),
        )
        .route("/children/{id}/cpr", post(reveal_cpr))
        .route("/children/{id}/network", post(add_network))
        .route("/children/{id}/network-search", post(record_network_ask))
        .route("/children/{id}/stability", post(stability::save))
        .route(
            "/children/{id}/network/{person}/delete",
            post(remove_network),
        )
        .route("/children/{id}/siblings", post(link_sibling))
        .route("/children/{id}/siblings/unlink", post(unlink_sibling))
        .route("/children/{id}/unsuitable", post(set_unsuitable))
        .route(
            "/children/{id}/unsuitable/{option}/delete",
            post(remove_unsuitable),
        )
        .route("/children/{id}/known", post(set_known))
        .route("/children/{id}/known/{option}/delete", post(remove_known))
}

pub use super::Choice;

fn area_choices(ctx: &Ctx) -> Vec<Choice> {
    super::term_choices::<TargetArea>(ctx)
}

fn level_choices(ctx: &Ctx) -> Vec<Choice> {
    super::keyed_choices::<NeedLevel>(ctx, "level")
}

// ---- list -------------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "pages/children_list.html")]
struct ListPage {
    ctx: Ctx,
    page: Paged<ChildSummary>,
    areas: Vec<Choice>,
    target_area: String,
    requested: String,
    /// `name`, `waiting` or `age`.
    sort: &'static str,
    /// The filters shown, as a query to keep when the order changes.
    filters: Vec<(&'static str, String)>,
    next_url: Option<String>,
    can_create: bool,
    today: chrono::NaiveDate,
}

impl ListPage {
    /// The list in another order, its filters kept (a column heading's link).
    fn sorted_by(&self, sort: &str) -> String {
        let mut pairs = self.filters.clone();
        pairs.push(("sort", sort.to_owned()));
        format!(
            "/children?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }

    /// Days since the placement was requested, for a waiting child.
    fn days_waiting(&self, c: &ChildSummary) -> String {
        c.placement_requested_on
            .map(|d| (self.today - d).num_days().to_string())
            .unwrap_or_default()
    }
}

async fn list(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(mut q): PageQuery<ChildListParams>,
) -> PageResult {
    // The waiting children are the match unit's queue: who has waited longest comes first
    // unless the reader chose the name order.
    if q.sort.is_none() && q.placement_requested == Some(true) {
        q.sort = Some(ChildSort::Waiting);
    }
    let page = kith_app::children::list(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let next_url = page.next_cursor.clone().map(|c| {
        q.cursor = Some(c);
        format!(
            "/children?{}",
            serde_urlencoded::to_string(query_pairs(&q)).unwrap_or_default()
        )
    });
    Ok(ListPage {
        areas: area_choices(&ctx),
        target_area: q
            .target_area
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        requested: q
            .placement_requested
            .map(|b| b.to_string())
            .unwrap_or_default(),
        sort: match q.sort {
            Some(ChildSort::Waiting) => "waiting",
            Some(ChildSort::Age) => "age",
            _ => "name",
        },
        filters: query_pairs(&ChildListParams {
            sort: None,
            cursor: None,
            ..q.clone()
        }),
        next_url,
        can_create: kith_app::policy::may_create_child(&actor),
        today: s.app().today(),
        page,
        ctx,
    }
    .into_response())
}

fn query_pairs(q: &ChildListParams) -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    if let Some(a) = q.case_adviser_id {
        v.push(("case_adviser_id", a.to_string()));
    }
    if let Some(t) = q.target_area {
        v.push(("target_area", t.as_str().to_owned()));
    }
    if let Some(r) = q.placement_requested {
        v.push(("placement_requested", r.to_string()));
    }
    // The order goes with every link: a page of one order never continues another.
    match q.sort {
        Some(ChildSort::Waiting) => v.push(("sort", "waiting".to_owned())),
        Some(ChildSort::Age) => v.push(("sort", "age".to_owned())),
        Some(ChildSort::Name) => v.push(("sort", "name".to_owned())),
        None => {}
    }
    if let Some(c) = &q.cursor {
        v.push(("cursor", c.clone()));
    }
    v
}

// ---- case page --------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "pages/child_detail.html")]
struct ChildPage {
    ctx: Ctx,
    child: ChildDetail,
    revealed_cpr: Option<String>,
    network_statuses: Vec<Choice>,
    problems: Vec<FormProblem>,
    /// The network search's record as typed, when it was refused (its problems are beside its
    /// fields); else blank.
    ask: Option<case_links::AskFields>,
    outcomes: Vec<Choice>,
    consents: Vec<Choice>,
    kinds: Vec<Choice>,
}

impl ChildPage {
    /// A recorded answer in words, or "not recorded".
    fn consent(&self, c: &Option<kith_domain::stability_facts::Consent>) -> &'static str {
        match c {
            Some(c) => self
                .ctx
                .t(&format!("consent.{}", kith_domain::Code::code(*c))),
            None => self.ctx.t("stability_facts.not_recorded"),
        }
    }

    /// The recorded placements before Kith as form rows, and two empty rows for new ones.
    fn earlier_rows(&self) -> Vec<(String, bool)> {
        let mut rows: Vec<(String, bool)> = self
            .child
            .stability
            .earlier_placements
            .iter()
            .map(|e| (e.kind.as_str().to_owned(), e.breakdown))
            .collect();
        rows.extend([(String::new(), false), (String::new(), false)]);
        rows
    }

    /// The problem with row `i` of the earlier placements, if any.
    fn earlier_problem(&self, i: &usize) -> Option<&str> {
        problem_for(&self.problems, &format!("earlier_placements[{i}]"))
    }

    /// Whether `code` is the recorded answer (for a select).
    fn consent_is(&self, c: &Option<kith_domain::stability_facts::Consent>, code: &str) -> bool {
        c.is_some_and(|c| kith_domain::Code::code(c) == code)
    }

    /// Where the network search stands, in words.
    fn search_state(&self) -> String {
        super::search_words::search_words(&self.ctx, (&self.child.network_search).into())
    }

    /// A field of the network search's record as typed (blank on a fresh form).
    fn ask_value(&self, field: &str) -> &str {
        self.ask.as_ref().map_or("", |a| a.value(field))
    }

    /// The problem of a field of the network search's record, when that form was refused.
    fn ask_problem(&self, field: &str) -> Option<&str> {
        self.ask.as_ref()?;
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    }
}

fn network_choices(ctx: &Ctx) -> Vec<Choice> {
    super::keyed_choices::<NetworkApprovalStatus>(ctx, "network")
}

fn child_page(
    ctx: Ctx,
    child: ChildDetail,
    revealed_cpr: Option<String>,
    problems: Vec<FormProblem>,
) -> ChildPage {
    ChildPage {
        network_statuses: network_choices(&ctx),
        outcomes: super::keyed_choices::<NetworkAskOutcome>(&ctx, "network_ask_outcome"),
        consents: super::keyed_choices::<kith_domain::stability_facts::Consent>(&ctx, "consent"),
        kinds: super::term_choices::<kith_domain::PlacementKind>(&ctx),
        ask: None,
        ctx,
        child,
        revealed_cpr,
        problems,
    }
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    match kith_app::children::get(s.app(), &actor, ChildId(id)).await {
        Ok(child) => Ok(child_page(ctx, child, None, vec![]).into_response()),
        // Out of reach: if the case left the reader's hands at a placement they proposed,
        // say where it went instead of "not found".
        Err(AppError::NotFound(what)) => {
            let moved = kith_app::proposals::case_moved(s.app(), &actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            if let Some(m) = moved {
                return Ok(CaseMovedPage { ctx, m }.into_response());
            }
            // Or if they handed it to a colleague: when, and to whom.
            let handed = kith_app::handed_over::handed_over(s.app(), &actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            handed_over_or_not_found(ctx, handed, what)
        }
        Err(e) => Err(fail(&ctx)(e)),
    }
}

/// The page for a case the reader handed over, or "not found" as for a stranger. Shared by
/// the child's page and the placement's page.
pub(super) fn handed_over_or_not_found(
    ctx: Ctx,
    handed: Option<kith_app::handed_over::HandedOver>,
    what: &'static str,
) -> PageResult {
    match handed {
        Some(h) => Ok(HandedOverPage { ctx, h }.into_response()),
        None => Err(fail(&ctx)(AppError::NotFound(what))),
    }
}

/// Where a case went (the reader proposed the placement and may no longer open the case).
#[derive(Template, WebTemplate)]
#[template(path = "pages/case_moved.html")]
struct CaseMovedPage {
    ctx: Ctx,
    m: kith_app::proposals::CaseMoved,
}

impl CaseMovedPage {
    fn text(&self) -> String {
        let msg = match self.m.decided_on {
            Some(d) => kith_domain::Message::new("case_moved.text").date("decided", d),
            None => kith_domain::Message::new("case_moved.text_undated"),
        };
        self.ctx.say(
            &msg.int("id", self.m.proposal_id.0)
                .date("start", self.m.start_date),
        )
    }
}

/// Where a case went (the reader handed it to a colleague and may no longer open it).
#[derive(Template, WebTemplate)]
#[template(path = "pages/case_handed_over.html")]
struct HandedOverPage {
    ctx: Ctx,
    h: kith_app::handed_over::HandedOver,
}

impl HandedOverPage {
    fn text(&self) -> String {
        let msg = match &self.h.to {
            Some(to) => {
                kith_domain::Message::new("case_handed_over.text").text("to", to.name.clone())
            }
            None => kith_domain::Message::new("case_handed_over.text_nobody"),
        };
        self.ctx.say(&msg.date("on", self.h.on))
    }
}

async fn reveal_cpr(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let cpr = kith_app::children::reveal_cpr(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    let child = kith_app::children::get(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    Ok(child_page(ctx, child, cpr.cpr.or(Some(String::new())), vec![]).into_response())
}

/// Runs a change from the case page; on a field problem the case page is shown again with it.
async fn case_change(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    result: Result<ChildDetail, AppError>,
) -> PageResult {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/children/{id}")).into_response()),
        Err(e) => {
            let problems = form_problems(&ctx, e)?;
            let child = kith_app::children::get(s.app(), actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                child_page(ctx, child, None, problems),
            )
                .into_response())
        }
    }
}
