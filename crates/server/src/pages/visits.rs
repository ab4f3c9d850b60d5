//! The consultant's week and a visit's page: record it, move it, cancel it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chrono::{DateTime, Days, NaiveDate, Utc};
use kith_app::Actor;
use kith_app::wheel::covering::{CoverSection, CoveredItem};
use kith_app::wheel::views::VisitView;
use kith_app::wheel::visits::{CancelVisitInput, MoveVisitInput, RecordVisitInput, VisitDetail};
use kith_app::wheel::week::WeekView;
use kith_domain::draft::DraftForm;
use kith_domain::wheel::{DueState, OverdueReason, VisitKind, VisitStatus};
use kith_domain::{UserId, VisitId};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::agreement_rows::{AgreementFields, AgreementRow, owners};
use super::ctx::PageQuery;
use super::form::{Form, Shape};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/week", get(week))
        .route("/visits/{id}", get(show))
        .route("/visits/{id}/record", post(record))
        .route("/visits/{id}/move", post(move_visit))
        .route("/visits/{id}/cancel", post(cancel))
}

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
        v.status == VisitStatus::Planned && !v.kind.is_review()
    }

    /// Whether a planned item is the review of support after 18, decided on the placement.
    fn decided_on_the_placement(&self, v: &VisitView) -> bool {
        v.status == VisitStatus::Planned && v.kind == VisitKind::AfterCareReview
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

/// The working day an item due on `day` is listed on: a weekend's on the Friday before.
fn on_working_day(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    match day.weekday() {
        chrono::Weekday::Sat => day - Days::new(1),
        chrono::Weekday::Sun => day - Days::new(2),
        _ => day,
    }
}

/// One working day of the week shown, as the week's overview lists it.
struct DayPlan {
    date: NaiveDate,
    /// The visits planned that day (any state).
    visits: Vec<VisitView>,
    /// The absent colleagues' items to hold by that day, with whose they are.
    covered: Vec<(VisitView, String)>,
}

impl WeekPage {
    /// Monday to Friday of the week with the visits planned on each (a visit on a weekend day
    /// is listed on the Friday before it would never be; the planner uses working days only).
    fn days(&self) -> Vec<DayPlan> {
        let all: Vec<&VisitView> = self
            .w
            .overdue
            .iter()
            .chain(&self.w.due)
            .chain(&self.w.upcoming)
            .collect();
        (0..5)
            .map(|n| {
                let date = self.w.week_start + Days::new(n);
                let mut visits: Vec<VisitView> = all
                    .iter()
                    .filter(|v| v.planned_on == date)
                    .map(|v| (*v).clone())
                    .collect();
                visits.sort_by_key(|v| (v.placement.town.clone(), v.id.0));
                visits.dedup_by_key(|v| v.id.0);
                let covered = self
                    .w
                    .covering
                    .iter()
                    .flat_map(|c| c.items.iter().map(move |i| (i, &c.cover.absent.name)))
                    .filter(|(i, _)| on_working_day(i.by) == date)
                    .map(|(i, name)| (i.visit.clone(), name.clone()))
                    .collect();
                DayPlan {
                    date,
                    visits,
                    covered,
                }
            })
            .collect()
    }

    /// "for Mette Hansen": whose item a stand-in holds.
    fn covered_for(&self, name: &str) -> String {
        self.ctx
            .say(&kith_domain::Message::new("cover.for").text("name", name))
    }

    /// "Holbæk, Roskilde": the towns of a day, each once.
    fn towns(&self, day: &DayPlan) -> String {
        let mut towns: Vec<String> = day
            .visits
            .iter()
            .map(|v| v.placement.town.clone())
            .collect();
        towns.dedup();
        kith_text::format::list(self.ctx.lang, towns)
    }

    /// Whether the person has the day off.
    fn is_day_off(&self, d: &NaiveDate) -> bool {
        self.w.days_off.contains(d)
    }

    /// "Mandag 07.12.2026".
    fn weekday(&self, d: &NaiveDate) -> String {
        kith_text::format::capitalised(&kith_text::format::weekday_date(self.ctx.lang, *d))
    }

    fn cover_period(&self, c: &kith_app::cover::CoverView) -> String {
        format!(
            "{} – {}",
            self.ctx.date(&c.first_day),
            self.ctx.date(&c.last_day)
        )
    }

    /// "Stedfortræder for Mette Hansen · 14.12.2026 – 18.12.2026".
    fn cover_title(&self, s: &CoverSection) -> String {
        self.ctx.say(
            &kith_domain::Message::new("cover.on_week")
                .text("name", s.cover.absent.name.as_str())
                .text("period", self.cover_period(&s.cover)),
        )
    }

    fn cover_intro(&self, s: &CoverSection) -> String {
        self.ctx.say(
            &kith_domain::Message::new("cover.on_week_intro")
                .text("name", s.cover.absent.name.as_str()),
        )
    }

    /// Before the cover runs: how many items fall in it, and from when they are shown.
    fn cover_waiting(&self, s: &CoverSection) -> String {
        self.ctx.say(
            &kith_domain::Message::new("cover.waiting")
                .int("n", i64::try_from(s.in_period).unwrap_or(i64::MAX))
                .text("first", self.ctx.date(&s.cover.first_day)),
        )
    }

    /// Where the absent person's plan has the item: "Planlagt til 30.11.2026 hos Kim
    /// Vestergaard, efter fraværet."
    fn cover_why(&self, i: &CoveredItem, s: &CoverSection) -> String {
        let key = if i.visit.planned_on > s.cover.last_day {
            "cover.planned_after"
        } else {
            "cover.planned_in"
        };
        self.ctx.say(
            &kith_domain::Message::new(key)
                .text("date", self.ctx.date(&i.visit.planned_on))
                .text("name", s.cover.absent.name.as_str()),
        )
    }

    /// "Mette Hansen er væk 14.12.2026 – 18.12.2026; Lars Nielsen er stedfortræder."
    fn team_cover_line(&self, c: &kith_app::cover::CoverView) -> String {
        self.ctx.say(
            &kith_domain::Message::new("cover.team_line")
                .text("absent", c.absent.name.as_str())
                .text("stand_in", c.stand_in.name.as_str())
                .text("period", self.cover_period(c)),
        )
    }

    /// On a member's week, for their leader: "Stedfortræder for Mette Hansen".
    fn cover_link(&self) -> String {
        self.ctx.say(
            &kith_domain::Message::new("cover.link_of").text("name", self.w.person.name.as_str()),
        )
    }

    /// "3 besøg planlagt i ugen (højst 8 om ugen)".
    fn load(&self) -> String {
        self.ctx.say(
            &kith_domain::Message::new("week.load")
                .int(
                    "visits",
                    i64::try_from(self.w.visits_this_week).unwrap_or(i64::MAX),
                )
                .int("capacity", i64::from(self.w.weekly_capacity)),
        )
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
    PageQuery(q): PageQuery<WeekQuery>,
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

/// Recording a held visit, as typed, its agreement rows included.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
struct RecordForm {
    held_on: String,
    child_seen_alone: String,
    not_seen_alone_reason: String,
    child_view: String,
    observations: String,
    #[serde(flatten)]
    agreed: AgreementFields,
    #[serde(deserialize_with = "super::agreement_rows::one_or_many")]
    done_follow_up: Vec<String>,
}

const RECORD: Shape = Shape {
    yes_no: &["child_seen_alone"],
    ..Shape::PLAIN
};

impl RecordForm {
    /// The agreement rows (blank ones to fill in).
    fn rows(&self) -> Vec<AgreementRow> {
        self.agreed.rows()
    }

    /// Whether the agreement `id` was ticked as done.
    fn done(&self, id: &i64) -> bool {
        self.done_follow_up
            .iter()
            .any(|d| d.trim() == id.to_string())
    }

    /// The input's agreements (rows with something written or a date) and the ones done.
    fn follow_ups(&self, fields: &mut Map<String, Value>) {
        for name in ["fu_what", "fu_owner", "fu_due", "done_follow_up"] {
            fields.remove(name);
        }
        let agreed = self.agreed.input();
        let done: Vec<i64> = self
            .done_follow_up
            .iter()
            .filter_map(|v| v.trim().parse().ok())
            .collect();
        fields.insert("follow_ups".into(), agreed);
        fields.insert("done_follow_ups".into(), json!(done));
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/visit.html")]
struct VisitPage {
    ctx: Ctx,
    d: VisitDetail,
    problems: Vec<FormProblem>,
    form: RecordForm,
    /// When the draft the form is filled from was saved (none: a fresh form).
    draft_saved_at: Option<DateTime<Utc>>,
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

    /// The problem of the `i`-th agreement row of the form: the input numbers only the rows
    /// that were filled in.
    fn rows(&self) -> Vec<AgreementRow> {
        self.form.rows()
    }

    fn agreement_owners(&self) -> Vec<(String, &'static str)> {
        owners(self.ctx.lang)
    }

    /// A problem with the agreements as a whole (not one row's).
    fn agreements_problem(&self) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.field == "follow_ups")
            .map(|p| p.message.as_str())
    }

    /// The problem with `field` of the `i`-th agreement row on the form.
    fn row_problem(&self, i: &usize, field: &str) -> Option<&str> {
        let k = self.form.agreed.input_index(*i)?;
        self.problem(&format!("follow_ups[{k}].{field}"))
    }

    fn owner(&self, code: &str) -> &'static str {
        self.ctx.party(code)
    }

    fn state(&self) -> Option<&'static str> {
        self.d.visit.state.map(|s| match s {
            DueState::Overdue => self.ctx.t("week.overdue"),
            DueState::Due => self.ctx.t("week.due"),
            DueState::Upcoming => self.ctx.t("week.upcoming"),
        })
    }
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
    // A form sent back with its problems shows what was sent; a fresh one, the person's draft.
    let (form, draft_saved_at) = match form {
        Some(f) => (f, None),
        None => {
            let draft = kith_app::drafts::of(s.app(), actor, DraftForm::VisitRecord(VisitId(id)))
                .await
                .map_err(fail(&ctx))?;
            match draft {
                Some(d) => (
                    serde_html_form::from_str(&d.body).unwrap_or_default(),
                    Some(d.saved_at),
                ),
                None => (
                    RecordForm {
                        held_on: today.to_string(),
                        ..Default::default()
                    },
                    None,
                ),
            }
        }
    };
    let status = super::form_status(&problems);
    Ok((
        status,
        VisitPage {
            ctx,
            d,
            problems,
            form,
            draft_saved_at,
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

async fn record(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<RecordForm>,
) -> PageResult {
    let input = RECORD.input(&f, |m| f.follow_ups(m));
    let call =
        |i: RecordVisitInput| kith_app::wheel::visits::record(s.app(), &actor, VisitId(id), i);
    match submit(&ctx, input, call).await? {
        Ok(d) => Ok(see_other(&format!(
            "/placements/{}?recorded={}",
            d.visit.placement.id, d.visit.id
        ))),
        Err(problems) => {
            // An agreement's problem points the summary at the field in error.
            let problems = problems
                .into_iter()
                .map(|p| match f.agreed.anchor(&p.field) {
                    Some(id) => p.at(id),
                    None => p,
                })
                .collect();
            visit_page(&s, &actor, ctx, id, problems, Some(f)).await
        }
    }
}

/// Moving a planned visit: to which day, and why.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct MoveForm {
    to: String,
    reason: String,
}

async fn move_visit(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<MoveForm>,
) -> PageResult {
    let input = Shape::REASON.input(&f, |_| {});
    let call =
        |i: MoveVisitInput| kith_app::wheel::visits::move_visit(s.app(), &actor, VisitId(id), i);
    match submit(&ctx, input, call).await? {
        Ok(_) => Ok(see_other(&format!("/visits/{id}"))),
        Err(problems) => visit_page(&s, &actor, ctx, id, problems, None).await,
    }
}

/// Cancelling a planned visit, and why (`cancel_reason`: the visit page has the move form's
/// `reason` too, and each problem is shown next to its own form's field).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct CancelForm {
    cancel_reason: String,
}

async fn cancel(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<CancelForm>,
) -> PageResult {
    let input = Shape::PLAIN.input(&f, |m| {
        let reason = m.remove("cancel_reason").unwrap_or_else(|| json!(""));
        m.insert("reason".into(), reason);
    });
    let call =
        |i: CancelVisitInput| kith_app::wheel::visits::cancel(s.app(), &actor, VisitId(id), i);
    match submit(&ctx, input, call).await? {
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
