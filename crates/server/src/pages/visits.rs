//! The consultant's week and a visit's page: record it, move it, cancel it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chrono::{Days, NaiveDate};
use kith_app::Actor;
use kith_app::wheel::views::VisitView;
use kith_app::wheel::visits::{CancelVisitInput, MoveVisitInput, RecordVisitInput, VisitDetail};
use kith_app::wheel::week::WeekView;
use kith_domain::wheel::{DueState, OverdueReason, VisitKind, VisitStatus};
use kith_domain::{Lang, Party, UserId, VisitId};
use serde::Deserialize;
use serde_json::{Value, json};

use super::form::{FormData, JsonBuilder, parse_input};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, see_other, submit};
use crate::AppState;
use crate::extract::ApiQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/week", get(week))
        .route("/visits/{id}", get(show))
        .route("/visits/{id}/record", post(record))
        .route("/visits/{id}/move", post(move_visit))
        .route("/visits/{id}/cancel", post(cancel))
}

/// How many rows of new follow-ups the record form offers.
const FOLLOW_UP_ROWS: usize = 3;

/// Why an overdue visit is overdue, in the page's language.
pub fn overdue_text(ctx: &Ctx, r: &OverdueReason) -> String {
    let (key, day) = match r {
        OverdueReason::NotRecorded { planned_on } => ("overdue.not_recorded", planned_on),
        OverdueReason::MovedPastWindow { planned_on } => ("overdue.moved", planned_on),
        OverdueReason::CatchUp { planned_on } => ("overdue.catch_up", planned_on),
        OverdueReason::OverCapacity { planned_on } => ("overdue.over_capacity", planned_on),
        OverdueReason::NoWorkingDay { planned_on } => ("overdue.no_working_day", planned_on),
    };
    ctx.say(&kith_domain::Message::new(key).date("date", *day))
}

/// Shared helpers for templates that list visits.
pub trait VisitLines {
    fn ctx(&self) -> &Ctx;

    /// The kind of work in the page's language.
    fn kind(&self, k: &VisitKind) -> &'static str {
        kith_text::term(self.ctx().lang, k)
    }

    /// The line under an item: why it is overdue, or what is noteworthy.
    fn why(&self, v: &VisitView) -> String {
        match &v.overdue_reason {
            Some(r) => overdue_text(self.ctx(), r),
            None => String::new(),
        }
    }

    /// Whether a planned item can be recorded from the pages (reviews are recorded as reviews).
    fn recordable(&self, v: &VisitView) -> bool {
        v.status == VisitStatus::Planned && v.kind != VisitKind::PlanReview
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/week.html")]
struct WeekPage {
    ctx: Ctx,
    w: WeekView,
    prev: NaiveDate,
    next: NaiveDate,
    is_me: bool,
}

impl VisitLines for WeekPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

#[derive(Debug, Deserialize)]
struct WeekQuery {
    person: Option<UserId>,
    date: Option<NaiveDate>,
}

async fn week(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    ApiQuery(q): ApiQuery<WeekQuery>,
) -> PageResult {
    let w = kith_app::wheel::week::week(s.app(), &actor, q.person, q.date)
        .await
        .map_err(fail(&ctx))?;
    Ok(WeekPage {
        prev: w.week_start - Days::new(7),
        next: w.week_start + Days::new(7),
        is_me: w.person.id == actor.id,
        w,
        ctx,
    }
    .into_response())
}

/// A row of the new follow-ups on the record form.
#[derive(Debug, Clone, Default)]
struct FollowUpRow {
    what: String,
    owner: String,
    due_on: String,
}

/// What the record form held when it comes back with problems.
#[derive(Debug, Clone, Default)]
struct RecordForm {
    held_on: String,
    seen_alone: String,
    not_seen_alone_reason: String,
    child_view: String,
    observations: String,
    rows: Vec<FollowUpRow>,
    done: Vec<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/visit.html")]
struct VisitPage {
    ctx: Ctx,
    d: VisitDetail,
    problems: Vec<FormProblem>,
    form: RecordForm,
    owners: Vec<(String, &'static str)>,
    today: NaiveDate,
}

impl VisitLines for VisitPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl VisitPage {
    fn problem(&self, field: &str) -> Option<&str> {
        super::problem_for(&self.problems, field)
    }

    fn owner(&self, code: &str) -> &'static str {
        code.parse::<Party>()
            .map(|p| kith_text::term(self.ctx.lang, p))
            .unwrap_or("")
    }

    fn state(&self) -> Option<&'static str> {
        self.d.visit.state.map(|s| match s {
            DueState::Overdue => self.ctx.t("week.overdue"),
            DueState::Due => self.ctx.t("week.due"),
            DueState::Upcoming => self.ctx.t("week.upcoming"),
        })
    }
}

fn owners(lang: Lang) -> Vec<(String, &'static str)> {
    Party::ALL
        .iter()
        .map(|p| (p.as_str().to_owned(), kith_text::term(lang, p)))
        .collect()
}

async fn visit_page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    problems: Vec<FormProblem>,
    form: Option<RecordForm>,
) -> PageResult {
    let d = kith_app::wheel::visits::get(s.app(), actor, VisitId(id))
        .await
        .map_err(fail(&ctx))?;
    let today = s.app().today();
    let form = form.unwrap_or_else(|| RecordForm {
        held_on: today.to_string(),
        rows: vec![FollowUpRow::default(); FOLLOW_UP_ROWS],
        ..Default::default()
    });
    let status = super::form_status(&problems);
    Ok((
        status,
        VisitPage {
            owners: owners(ctx.lang),
            ctx,
            d,
            problems,
            form,
            today,
        },
    )
        .into_response())
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    visit_page(&s, &actor, ctx, id, vec![], None).await
}

fn record_json(f: &FormData) -> (Value, RecordForm) {
    let mut rows = Vec::new();
    let mut follow_ups = Vec::new();
    for i in 0..FOLLOW_UP_ROWS {
        let row = FollowUpRow {
            what: f.text(&format!("fu_what_{i}")),
            owner: f.text(&format!("fu_owner_{i}")),
            due_on: f.text(&format!("fu_due_{i}")),
        };
        if !row.what.trim().is_empty() || !row.due_on.is_empty() {
            follow_ups.push(json!({
                "what": row.what,
                "owner": if row.owner.is_empty() { "other" } else { row.owner.as_str() },
                "due_on": if row.due_on.is_empty() { Value::Null } else { json!(row.due_on) },
            }));
        }
        rows.push(row);
    }
    let done: Vec<i64> = f
        .all("done_follow_up")
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    let seen = f.text("child_seen_alone");
    let v = JsonBuilder::default()
        .text("held_on", f.get("held_on"))
        .value(
            "child_seen_alone",
            match seen.as_str() {
                "yes" => json!(true),
                "no" => json!(false),
                _ => Value::Null,
            },
        )
        .text("not_seen_alone_reason", f.get("not_seen_alone_reason"))
        .text("child_view", f.get("child_view"))
        .text("observations", f.get("observations"))
        .value("follow_ups", Value::Array(follow_ups))
        .value("done_follow_ups", json!(done))
        .build();
    let form = RecordForm {
        held_on: f.text("held_on"),
        seen_alone: seen,
        not_seen_alone_reason: f.text("not_seen_alone_reason"),
        child_view: f.text("child_view"),
        observations: f.text("observations"),
        rows,
        done,
    };
    (v, form)
}

async fn record(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let (v, form) = record_json(&f);
    let call =
        |i: RecordVisitInput| kith_app::wheel::visits::record(s.app(), &actor, VisitId(id), i);
    match submit(&ctx, parse_input(v), call).await? {
        Ok(d) => Ok(see_other(&format!(
            "/placements/{}?recorded={}",
            d.visit.placement.id, d.visit.id
        ))),
        Err(problems) => visit_page(&s, &actor, ctx, id, problems, Some(form)).await,
    }
}

async fn move_visit(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text("to", f.get("to"))
        .text_always("reason", f.text("reason"))
        .build();
    let call =
        |i: MoveVisitInput| kith_app::wheel::visits::move_visit(s.app(), &actor, VisitId(id), i);
    match submit(&ctx, parse_input(v), call).await? {
        Ok(_) => Ok(see_other(&format!("/visits/{id}"))),
        Err(problems) => visit_page(&s, &actor, ctx, id, problems, None).await,
    }
}

async fn cancel(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text_always("reason", f.text("cancel_reason"))
        .build();
    let call =
        |i: CancelVisitInput| kith_app::wheel::visits::cancel(s.app(), &actor, VisitId(id), i);
    match submit(&ctx, parse_input(v), call).await? {
        Ok(_) => Ok(see_other(&format!("/visits/{id}"))),
        Err(problems) => {
            let problems = problems
                .into_iter()
                .map(|p| {
                    let field = if p.field == "reason" {
                        "cancel_reason".into()
                    } else {
                        p.field
                    };
                    FormProblem::new(&ctx, field, p.message)
                })
                .collect();
            visit_page(&s, &actor, ctx, id, problems, None).await
        }
    }
}
