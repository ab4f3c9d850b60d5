//! The case adviser's caseload (each placement with its goals' state and signals, the most
//! urgent first), the leader's momentum dashboard with its charts, and the overdue items
//! behind its "overdue now" figures.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use kith_app::caseload::{CaseloadPage as Caseload, CaseloadParams};
use kith_app::dashboard::{Dashboard, DashboardParams, OverdueView};
use kith_app::staff::StaffRef;
use kith_domain::PlacementForm;
use kith_domain::Role;
use kith_domain::goals::StaySignal;
use serde::Deserialize;
use serde_json::json;

use super::ctx::PageQuery;
use super::form::{Form, and_then, parse_input};
use super::visits::VisitLines;
use super::{Ctx, FormProblem, PageActor, PageResult, fail, form_problems, see_other};
use crate::AppState;
use crate::charts::{self, Axes, FORM_COLOURS, bars_with_limit, stacked_bars};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/caseload", get(caseload))
        .route("/caseload/hand-over", post(hand_over))
        .route("/dashboard", get(dashboard))
        .route("/dashboard/overdue", get(overdue))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/caseload.html")]
struct CaseloadPage {
    ctx: Ctx,
    c: Caseload,
    q: CaseloadParams,
    /// For a team leader: the consultants placements can be handed to (empty for others).
    consultants: Vec<StaffRef>,
    /// For a team leader: the advisers of their units the children's cases can be handed to.
    advisers: Vec<StaffRef>,
    /// What a refused hand-over was told, beside its fields.
    problems: Vec<FormProblem>,
    /// How many placements the hand-over just made changed hands (from the address).
    handed: Option<usize>,
    /// The placements ticked on a refused hand-over, ticked again.
    ticked: Vec<String>,
    /// The consultant and the adviser chosen on a refused hand-over, chosen again.
    chosen: (String, String),
}

/// The notice after a hand-over: `/caseload?handed=3`.
#[derive(Debug, Default, Deserialize)]
struct Handed {
    handed: Option<usize>,
}

impl CaseloadPage {
    /// Whether a placement was ticked on the refused hand-over.
    fn is_ticked(&self, id: &kith_domain::PlacementId) -> bool {
        self.ticked.iter().any(|t| t.trim() == id.to_string())
    }

    /// Whether a consultant was chosen on the refused hand-over.
    fn consultant_chosen(&self, id: &kith_domain::UserId) -> bool {
        self.chosen.0.trim() == id.to_string()
    }

    /// Whether an adviser was chosen on the refused hand-over.
    fn adviser_chosen(&self, id: &kith_domain::UserId) -> bool {
        self.chosen.1.trim() == id.to_string()
    }

    /// The problem of a field of the hand-over form.
    fn problem(&self, field: &str) -> Option<&str> {
        super::problem_for(&self.problems, field)
    }

    /// "3 anbringelser er overdraget" after a hand-over (from the address).
    fn handed_text(&self) -> Option<String> {
        let n = self.handed?;
        Some(self.ctx.count("caseload.handed", "n", n))
    }

    fn signal(&self, s: &StaySignal) -> &'static str {
        self.ctx.t(&format!("signal.{}", s.code()))
    }

    fn since(&self, s: &StaySignal) -> String {
        self.ctx.date(&s.since())
    }

    /// The address of another page of the same filter.
    fn page_url(&self, page: usize) -> String {
        let mut q = vec![format!("page={page}")];
        if let Some(u) = self.q.unit {
            q.push(format!("unit={u}"));
        }
        if let Some(p) = self.q.person {
            q.push(format!("person={p}"));
        }
        format!("/caseload?{}", q.join("&"))
    }

    fn is_unit(&self, u: &kith_domain::UnitId) -> bool {
        self.q.unit == Some(*u)
    }

    fn is_person(&self, p: &kith_domain::UserId) -> bool {
        self.q.person == Some(*p)
    }

    /// A leader's caseload is the teams', not their own.
    fn title_key(&self) -> &'static str {
        if self.c.people.is_empty() {
            "caseload.title"
        } else {
            "caseload.title_team"
        }
    }
}

async fn caseload(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<CaseloadParams>,
    PageQuery(h): PageQuery<Handed>,
) -> PageResult {
    let mut page = caseload_page(&s, &actor, ctx, q, vec![]).await?;
    page.handed = h.handed;
    Ok(page.into_response())
}

async fn caseload_page(
    s: &AppState,
    actor: &kith_app::Actor,
    ctx: Ctx,
    q: CaseloadParams,
    problems: Vec<FormProblem>,
) -> Result<CaseloadPage, axum::response::Response> {
    let c = kith_app::caseload::caseload_page(s.app(), actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let consultants = if actor.has(Role::Leader) {
        kith_app::staff::with_role(s.app(), actor, Role::Consultant)
            .await
            .map_err(fail(&ctx))?
    } else {
        vec![]
    };
    let advisers = if actor.has(Role::Leader) {
        kith_app::staff::advisers_in_units(s.app(), actor)
            .await
            .map_err(fail(&ctx))?
    } else {
        vec![]
    };
    Ok(CaseloadPage {
        ctx,
        c,
        q,
        consultants,
        advisers,
        problems,
        handed: None,
        ticked: vec![],
        chosen: Default::default(),
    })
}

/// The placements ticked on the caseload and the consultant to hand them to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct HandOverForm {
    placement_ids: Vec<String>,
    consultant_id: String,
    adviser_id: String,
}

/// Hands the ticked placements to another consultant (team leaders); a refusal shows the
/// caseload again with the problem beside the form.
async fn hand_over(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Form(f): Form<HandOverForm>,
) -> PageResult {
    let ids: Vec<serde_json::Value> = f
        .placement_ids
        .iter()
        .map(|i| i.trim().parse::<i64>().map_or(json!(i), |n| json!(n)))
        .collect();
    let id = |field: &str| match field.trim() {
        "" => json!(null),
        text => text.parse::<i64>().map_or(json!(text), |n| json!(n)),
    };
    let input = parse_input(
        json!({"placement_ids": ids, "consultant_id": id(&f.consultant_id),
                                    "adviser_id": id(&f.adviser_id)}),
    );
    let r = and_then(input, |i| {
        kith_app::hand_over::hand_over(s.app(), &actor, i)
    })
    .await;
    match r {
        Ok(done) => Ok(see_other(&format!("/caseload?handed={}", done.handed_over))),
        Err(e) => {
            let problems = form_problems(&ctx, e)?;
            let mut page =
                caseload_page(&s, &actor, ctx, CaseloadParams::default(), problems).await?;
            page.ticked = f.placement_ids;
            page.chosen = (f.consultant_id, f.adviser_id);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    d: Dashboard,
    starts_chart: String,
    caseload_chart: String,
}

impl DashboardPage {
    fn form(&self, f: &PlacementForm) -> &'static str {
        self.ctx.t(&format!("form.{f}"))
    }

    /// Each figure's name and its definition, in the order the page shows them (the catalogue
    /// keeps both words; `docs/METRICS.md` says the same for developers).
    fn definitions(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("dash.request_to_proposal", "dash_def.request_to_proposal"),
            ("dash.proposal_to_decision", "dash_def.proposal_to_decision"),
            ("dash.decision_to_start", "dash_def.decision_to_start"),
            ("dash.within_window", "dash_def.within_window"),
            ("dash.seen_alone", "dash_def.seen_alone"),
            ("dash.overdue_visits", "dash_def.overdue_visits"),
            ("dash.overdue_reviews", "dash_def.overdue_reviews"),
            ("dash.goals_moving", "dash_def.goals_moving"),
            ("dash.goals_achieved", "dash_def.goals_achieved"),
            ("dash.past_end", "dash_def.past_end"),
            ("dash.stay_length", "dash_def.stay_length"),
            ("dash.exit_reached", "dash_def.exit_reached"),
            ("dash.consultant_changes", "dash_def.consultant_changes"),
            ("dash.adviser_changes", "dash_def.adviser_changes"),
            ("dash.breakdowns", "dash_def.breakdowns"),
            ("dash.moves_rate", "dash_def.moves_rate"),
            ("dash.three_placements", "dash_def.three_placements"),
            ("dash.same_carer", "dash_def.same_carer"),
            ("dash.early_breakdowns", "dash_def.early_breakdowns"),
            (
                "dash.adviser_changes_child",
                "dash_def.adviser_changes_child",
            ),
            ("dash.school_changes_child", "dash_def.school_changes_child"),
            ("dash.placed_in_network", "dash_def.placed_in_network"),
            ("dash.search_completed", "dash_def.search_completed"),
            ("dash.forms", "dash_def.forms"),
            ("dash.caseloads", "dash_def.caseloads"),
        ]
    }

    fn forms(&self) -> &'static [PlacementForm] {
        PlacementForm::ALL
    }

    /// A figure with one decimal, or a dash when there is nothing to show.
    fn num(&self, v: &Option<f64>) -> String {
        v.map_or("–".to_owned(), |v| self.ctx.num(&v, 1))
    }

    fn pct(&self, v: &Option<f64>) -> String {
        v.map_or("–".to_owned(), |v| format!("{} %", self.ctx.num(&v, 0)))
    }

    fn days(&self, v: &Option<f64>) -> String {
        v.map_or("–".to_owned(), |v| self.ctx.num(&v, 0))
    }

    /// A month of the table (`2026-01`) as its head: `jan 2026`.
    fn month_short(&self, m: &str) -> String {
        let (year, month) = year_month(m);
        format!("{} {year}", super::month_abbr(&self.ctx, month))
    }

    fn selected(&self, unit: &kith_domain::UnitId) -> bool {
        self.d.unit == Some(*unit)
    }

    /// The unit shown, as the query of a list behind a figure (`?unit=3`, or nothing).
    fn unit_query(&self) -> String {
        self.d
            .unit
            .map(|u| format!("?unit={u}"))
            .unwrap_or_default()
    }
}

/// The year and month of a month written `2026-01`.
fn year_month(m: &str) -> (i32, u32) {
    let year = m.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(2000);
    let month = m.get(5..7).and_then(|mm| mm.parse().ok()).unwrap_or(1);
    (year, month)
}

async fn dashboard(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<DashboardParams>,
) -> PageResult {
    let d = kith_app::dashboard::dashboard(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let columns: Vec<Vec<u32>> = d
        .monthly_starts
        .iter()
        .map(|m| {
            [m.network, m.other_family_based, m.institutional, m.other]
                .iter()
                .map(|n| u32::try_from(*n).unwrap_or(u32::MAX))
                .collect()
        })
        .collect();
    let number = |v: f64| ctx.num(&v, 0);
    let months: Vec<(i32, u32)> = d
        .monthly_starts
        .iter()
        .map(|m| year_month(&m.month))
        .collect();
    let axes = Axes {
        x: charts::columns(super::month_labels(&ctx, &months)),
        y_title: ctx.t("chart.placements"),
        number: &number,
    };
    let starts_chart = stacked_bars(&columns, &FORM_COLOURS, &axes, (520, 170));
    let loads: Vec<u32> = d
        .consultant_caseloads
        .iter()
        .map(|c| u32::try_from(c.placements).unwrap_or(u32::MAX))
        .collect();
    // The line is the consultants' mean caseload: bars above it stand out.
    let mean = if loads.is_empty() {
        0.0
    } else {
        loads.iter().map(|n| f64::from(*n)).sum::<f64>() / loads.len() as f64
    };
    let names: Vec<&str> = d
        .consultant_caseloads
        .iter()
        .map(|c| c.staff.name.as_str())
        .collect();
    let axes = Axes {
        x: charts::columns(super::short_names(&names)),
        y_title: ctx.t("chart.placements"),
        number: &number,
    };
    let caseload_chart = bars_with_limit(&loads, &vec![mean; loads.len()], &axes, 520, 150);
    Ok(DashboardPage {
        ctx,
        d,
        starts_chart,
        caseload_chart,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/overdue.html")]
struct OverduePage {
    ctx: Ctx,
    o: OverdueView,
}

impl OverduePage {
    /// How long a stay is past its end, in days (the heading says the rest).
    fn days_past(&self, c: &kith_domain::goals::StayClock) -> String {
        let days = match c {
            kith_domain::goals::StayClock::PastEnd { days }
            | kith_domain::goals::StayClock::EndsIn { days } => *days,
        };
        self.ctx.count("overdue_list.days", "n", days)
    }
}

impl VisitLines for OverduePage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

#[derive(Debug, serde::Deserialize)]
struct OverdueQuery {
    unit: Option<kith_domain::UnitId>,
}

async fn overdue(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<OverdueQuery>,
) -> PageResult {
    let o = kith_app::dashboard::overdue(s.app(), &actor, q.unit)
        .await
        .map_err(fail(&ctx))?;
    Ok(OverduePage { ctx, o }.into_response())
}
