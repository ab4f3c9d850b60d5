//! Allocating several waiting children at once (issue 17, point 8): the matcher ticks children
//! on the waiting list, longest waiting first, and sees the best total placement over the
//! options' free places, beside the one-at-a-time result. It books nothing: each child's
//! proposal is made from its matching page, linked from the result.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use kith_app::Actor;
use kith_app::children::{ChildListParams, ChildSort, ChildSummary};
use kith_app::matching::allocation::{AllocationInput, AllocationResultView, AllocationView};
use serde::{Deserialize, Serialize};

use super::form::{Form, Shape, checkbox};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, submit};
use crate::AppState;

/// The most waiting children offered to choose from (the longest waiting).
const OFFERED: u64 = 200;

pub fn router() -> Router<AppState> {
    Router::new().route("/allocations", get(show).post(allocate))
}

/// The allocation form as typed: the ticked children, the start day, siblings together.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
struct AllocationForm {
    children: Vec<String>,
    start_date: String,
    #[serde(deserialize_with = "checkbox")]
    together: bool,
}

const ALLOCATION: Shape = Shape {
    numbers: &["children"],
    ..Shape::PLAIN
};

#[derive(Template, WebTemplate)]
#[template(path = "pages/allocations.html")]
struct AllocationPage {
    ctx: Ctx,
    waiting: Vec<ChildSummary>,
    form: AllocationForm,
    problems: Vec<FormProblem>,
    result: Option<AllocationView>,
    today: chrono::NaiveDate,
}

impl AllocationPage {
    fn problem(&self, field: &str) -> Option<&str> {
        super::problem_for(&self.problems, field)
    }

    fn ticked(&self, c: &ChildSummary) -> bool {
        let id = c.id.0.to_string();
        self.form.children.iter().any(|t| t.trim() == id)
    }

    fn days_waiting(&self, c: &ChildSummary) -> String {
        c.placement_requested_on
            .map(|d| kith_text::format::integer(self.ctx.lang, (self.today - d).num_days()))
            .unwrap_or_default()
    }

    fn names(&self, children: &[kith_app::children::ChildRef]) -> String {
        kith_text::format::list(
            self.ctx.lang,
            children.iter().map(|c| c.name.clone()).collect(),
        )
    }

    /// "7 børn får en plads, samlet match 52,0".
    fn summary(&self, r: &AllocationResultView) -> String {
        self.ctx.say(
            &kith_domain::Message::new("allocation.summary")
                .int("placed", i64::from(r.placed_children))
                .text("total", self.ctx.num(&r.total, 1)),
        )
    }
}

async fn waiting(
    s: &AppState,
    actor: &Actor,
    ctx: &Ctx,
) -> Result<Vec<ChildSummary>, axum::response::Response> {
    let q = ChildListParams {
        sort: Some(ChildSort::Waiting),
        limit: Some(OFFERED),
        ..Default::default()
    };
    Ok(kith_app::children::list(s.app(), actor, &q)
        .await
        .map_err(fail(ctx))?
        .items)
}

async fn show(State(s): State<AppState>, PageActor { actor, ctx }: PageActor) -> PageResult {
    let waiting = waiting(&s, &actor, &ctx).await?;
    let today = s.app().today();
    let form = AllocationForm {
        start_date: today.to_string(),
        together: true,
        ..Default::default()
    };
    Ok(AllocationPage {
        ctx,
        waiting,
        form,
        problems: vec![],
        result: None,
        today,
    }
    .into_response())
}

async fn allocate(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Form(f): Form<AllocationForm>,
) -> PageResult {
    let input = ALLOCATION.input(&f, |m| {
        m.insert("together".into(), f.together.into());
    });
    let call = |i: AllocationInput| kith_app::matching::allocation::allocate(s.app(), &actor, i);
    let (result, problems) = match submit(&ctx, input, call).await? {
        Ok(r) => (Some(r), vec![]),
        Err(problems) => (None, problems),
    };
    let waiting = waiting(&s, &actor, &ctx).await?;
    let status = super::form_status(&problems);
    Ok((
        status,
        AllocationPage {
            ctx,
            waiting,
            form: f,
            problems,
            result,
            today: s.app().today(),
        },
    )
        .into_response())
}
