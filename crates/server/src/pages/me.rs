//! The person's own page: their room for visits (capacity and days off) and their calendar
//! address.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chrono::NaiveDate;
use kith_app::Actor;
use kith_app::wheel::availability::{AvailabilityInput, AvailabilityView};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::form::{Form, Shape};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me", get(show))
        .route("/me/availability", post(set_availability))
        .route("/me/calendar", post(rotate_calendar))
        .route("/me/calendar/revoke", post(revoke_calendar))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/me.html")]
struct MePage {
    ctx: Ctx,
    a: AvailabilityView,
    weekly_visits: String,
    /// One date field per day off, and a few empty ones for new days.
    days_off: Vec<String>,
    calendar_url: Option<String>,
    problems: Vec<FormProblem>,
    /// The password was just changed.
    password_changed: bool,
    /// The person's stand-ins from today on, and the covers they carry for others.
    covers: kith_app::cover::CoversOf,
    carried: Vec<kith_app::cover::CoverView>,
}

impl MePage {
    fn problem(&self, field: &str) -> Option<&str> {
        super::problem_for(&self.problems, field)
    }

    fn period(&self, c: &kith_app::cover::CoverView) -> String {
        format!(
            "{} – {}",
            self.ctx.date(&c.first_day),
            self.ctx.date(&c.last_day)
        )
    }

    /// "Kim Vestergaard er din stedfortræder 30.11.2026 – 11.12.2026."
    fn my_stand_in(&self, c: &kith_app::cover::CoverView) -> String {
        self.ctx.say(
            &kith_domain::Message::new("cover.mine_line")
                .text("name", c.stand_in.name.as_str())
                .text("period", self.period(c)),
        )
    }

    /// "Du er stedfortræder for Kim Vestergaard 30.11.2026 – 11.12.2026."
    fn i_stand_in(&self, c: &kith_app::cover::CoverView) -> String {
        self.ctx.say(
            &kith_domain::Message::new("cover.carried_line")
                .text("name", c.absent.name.as_str())
                .text("period", self.period(c)),
        )
    }

    /// The problem with the `i`-th day off, or with the days off as a whole.
    fn day_problem(&self, i: &usize) -> Option<&str> {
        super::problem_for(&self.problems, &format!("days_off[{i}]"))
    }
}

async fn page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    calendar_url: Option<String>,
    problems: Vec<FormProblem>,
    form: Option<(String, Vec<String>)>,
    password_changed: bool,
) -> PageResult {
    let a = kith_app::wheel::availability::get(s.app(), actor, actor.id)
        .await
        .map_err(fail(&ctx))?;
    let covers = kith_app::cover::of_person(s.app(), actor, actor.id)
        .await
        .map_err(fail(&ctx))?;
    let carried = kith_app::cover::carried_by(s.app(), actor)
        .await
        .map_err(fail(&ctx))?;
    let (weekly_visits, mut days_off) = form.unwrap_or_else(|| {
        (
            a.weekly_visits.map(|n| n.to_string()).unwrap_or_default(),
            a.days_off.iter().map(NaiveDate::to_string).collect(),
        )
    });
    days_off.extend(std::iter::repeat_n(String::new(), NEW_DAY_FIELDS));
    let status = super::form_status(&problems);
    Ok((
        status,
        MePage {
            ctx,
            a,
            weekly_visits,
            days_off,
            calendar_url,
            problems,
            password_changed,
            covers,
            carried,
        },
    )
        .into_response())
}

/// The page again with the password form's problems (the typed passwords are not kept).
pub(super) async fn page_with_problems(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    problems: Vec<FormProblem>,
) -> PageResult {
    page(s, actor, ctx, None, problems, None, false).await
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    RawQuery(q): RawQuery,
) -> PageResult {
    let changed = q.is_some_and(|q| q.contains("password=changed"));
    page(&s, &actor, ctx, None, vec![], None, changed).await
}

/// How many empty date fields the form offers for new days off (saving offers more).
const NEW_DAY_FIELDS: usize = 3;

/// One's room for visits: most visits a week (blank: the rules' default) and the days off,
/// one date field each (a date picker; an emptied field removes the day).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct AvailabilityForm {
    weekly_visits: String,
    days_off: Vec<String>,
}

const AVAILABILITY: Shape = Shape {
    numbers: &["weekly_visits"],
    clear: &["weekly_visits"],
    ..Shape::PLAIN
};

async fn set_availability(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Form(f): Form<AvailabilityForm>,
) -> PageResult {
    // The filled fields, in order; each is parsed by the input, so a bad one is named by its
    // position among them.
    let filled: Vec<String> = f
        .days_off
        .iter()
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
        .collect();
    let input = AVAILABILITY.input(&f, |m| {
        let days: Vec<Value> = filled.iter().map(|d| json!(d)).collect();
        m.insert("days_off".into(), Value::Array(days));
    });
    let call =
        |i: AvailabilityInput| kith_app::wheel::availability::set(s.app(), &actor, actor.id, i);
    match submit(&ctx, input, call).await? {
        Ok(_) => Ok(see_other("/me")),
        Err(problems) => {
            let typed = Some((f.weekly_visits, filled));
            page(&s, &actor, ctx, None, problems, typed, false).await
        }
    }
}

async fn rotate_calendar(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
) -> PageResult {
    let link = kith_app::wheel::calendar::rotate_token(s.app(), &actor)
        .await
        .map_err(fail(&ctx))?;
    let url = format!("{}{}", s.app().base_url(), link.path);
    page(&s, &actor, ctx, Some(url), vec![], None, false).await
}

async fn revoke_calendar(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
) -> PageResult {
    kith_app::wheel::calendar::revoke_token(s.app(), &actor)
        .await
        .map_err(fail(&ctx))?;
    Ok(see_other("/me"))
}
