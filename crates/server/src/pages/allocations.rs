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

use super::form::{Shape, checkbox};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, submit};
use crate::AppState;

/// The most waiting children offered to choose from (the longest waiting).
const OFFERED: u64 = 200;

pub fn router() -> Router<AppState> {
    Router::new().route("/allocations", get(show))
}

/// The allocation form as typed: the ticked children, the start day, siblings together. It is
/// sent with GET: allocating books nothing, and the result stays where the back button finds
/// it (the address carries ids only, never a name).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
struct AllocationForm {
    children: Vec<String>,
    start_date: String,
    #[serde(deserialize_with = "checkbox")]
    together: bool,
    /// Present when the form was sent (the button's name).
    #[serde(deserialize_with = "checkbox", skip_serializing)]
    run: bool,
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

    /// "7 børn får en plads, i gennemsnit et match på 77,5 af 100".
    fn summary(&self, r: &AllocationResultView) -> String {
        let mean = if r.placed_children == 0 {
            0.0
        } else {
            r.total / f64::from(r.placed_children)
        };
        self.ctx.say(
            &kith_domain::Message::new("allocation.summary")
                .int("placed", i64::from(r.placed_children))
                .text("mean", self.ctx.num(&mean, 1)),
        )
    }

    /// Whether one child at a time would have come out otherwise (then it is worth saying).
    fn greedy_differs(&self, v: &AllocationView) -> bool {
        v.greedy.placed_children != v.optimal.placed_children
            || (v.greedy.total - v.optimal.total).abs() > 0.05
    }

    /// Where the waiting list puts a group of children (the longest waiting first).
    fn queue_place(&self, children: &[kith_app::children::ChildRef]) -> usize {
        children
            .iter()
            .filter_map(|c| self.waiting.iter().position(|w| w.id == c.id))
            .min()
            .unwrap_or(usize::MAX)
    }

    /// The result's rows in the waiting list's order.
    fn assignments(
        &self,
        r: &AllocationResultView,
    ) -> Vec<kith_app::matching::allocation::AssignmentView> {
        let mut rows = r.assignments.clone();
        rows.sort_by_key(|a| self.queue_place(&a.children));
        rows
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

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> PageResult {
    // Read as a form is (the ticked children repeat one name); what does not read is the
    // fresh form.
    let f: AllocationForm =
        serde_html_form::from_str(raw.as_deref().unwrap_or_default()).unwrap_or_default();
    let today = s.app().today();
    let (form, result, problems) = if f.run {
        let input = ALLOCATION.input(&f, |m| {
            m.insert("together".into(), f.together.into());
        });
        let call =
            |i: AllocationInput| kith_app::matching::allocation::allocate(s.app(), &actor, i);
        match submit(&ctx, input, call).await? {
            Ok(r) => (f, Some(r), vec![]),
            Err(problems) => (f, None, said_as_choose(&ctx, problems)),
        }
    } else {
        let fresh = AllocationForm {
            start_date: today.to_string(),
            together: true,
            ..Default::default()
        };
        (fresh, None, vec![])
    };
    let waiting = waiting(&s, &actor, &ctx).await?;
    let status = super::form_status(&problems);
    Ok((
        status,
        AllocationPage {
            ctx,
            waiting,
            form,
            problems,
            result,
            today,
        },
    )
        .into_response())
}

/// "Vælg mindst ét barn" for an empty choice, instead of the general "fill in the field".
fn said_as_choose(ctx: &Ctx, problems: Vec<FormProblem>) -> Vec<FormProblem> {
    problems
        .into_iter()
        .map(|p| {
            if p.field == "children" {
                FormProblem::new(ctx, p.field, ctx.t("allocation.choose_one").to_owned())
            } else {
                p
            }
        })
        .collect()
}
