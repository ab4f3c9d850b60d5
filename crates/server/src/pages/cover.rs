//! A person's stand-ins for when they are away: who covers which days, naming one, ending
//! one. For the person, their team leader and an administrator (as their room for visits).
//! A refused stand-in is told beside its field, with what was typed kept.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use kith_app::Actor;
use kith_app::cover::{CoverInput, CoverView, CoversOf};
use kith_domain::{Message, UserId};
use serde::{Deserialize, Serialize};

use super::form::{Form, Shape};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people/{id}/cover", get(show).post(name))
        .route("/covers/{id}/end", post(end))
}

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
struct CoverForm {
    stand_in_id: String,
    first_day: String,
    last_day: String,
}

const COVER: Shape = Shape {
    numbers: &["stand_in_id"],
    ..Shape::PLAIN
};

#[derive(Template, WebTemplate)]
#[template(path = "pages/cover.html")]
struct CoverPage {
    ctx: Ctx,
    c: CoversOf,
    is_me: bool,
    form: CoverForm,
    problems: Vec<FormProblem>,
    /// What was just done: "named" or "ended".
    notice: Option<&'static str>,
}

impl CoverPage {
    fn problem(&self, field: &str) -> Option<&str> {
        super::problem_for(&self.problems, field)
    }

    /// "14.12.2026 – 18.12.2026".
    fn period(&self, c: &CoverView) -> String {
        format!(
            "{} – {}",
            self.ctx.date(&c.first_day),
            self.ctx.date(&c.last_day)
        )
    }

    /// Whether the candidate is the one typed.
    fn chosen(&self, id: &UserId) -> bool {
        self.form.stand_in_id.trim() == id.0.to_string()
    }

    fn title(&self) -> String {
        if self.is_me {
            self.ctx.t("cover.title_mine").to_owned()
        } else {
            self.ctx
                .say(&Message::new("cover.title_of").text("name", self.c.person.name.as_str()))
        }
    }
}

async fn page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    person: UserId,
    typed: Option<(CoverForm, Vec<FormProblem>)>,
    notice: Option<&'static str>,
) -> PageResult {
    let c = kith_app::cover::of_person(s.app(), actor, person)
        .await
        .map_err(fail(&ctx))?;
    let (form, problems) = typed.unwrap_or_default();
    let status = super::form_status(&problems);
    Ok((
        status,
        CoverPage {
            is_me: person == actor.id,
            ctx,
            c,
            form,
            problems,
            notice,
        },
    )
        .into_response())
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    RawQuery(q): RawQuery,
) -> PageResult {
    let notice = match q.as_deref() {
        Some("named") => Some("cover.named"),
        Some("ended") => Some("cover.ended"),
        Some("removed") => Some("cover.removed"),
        _ => None,
    };
    page(&s, &actor, ctx, UserId(id), None, notice).await
}

async fn name(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<CoverForm>,
) -> PageResult {
    let input = COVER.input(&f, |_| {});
    let call = |i: CoverInput| kith_app::cover::name(s.app(), &actor, UserId(id), i);
    match submit(&ctx, input, call).await? {
        Ok(_) => Ok(see_other(&format!("/people/{id}/cover?named"))),
        Err(problems) => page(&s, &actor, ctx, UserId(id), Some((f, problems)), None).await,
    }
}

async fn end(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let (person, removed) = kith_app::cover::end(s.app(), &actor, id)
        .await
        .map_err(fail(&ctx))?;
    let done = if removed { "removed" } else { "ended" };
    Ok(see_other(&format!("/people/{}/cover?{done}", person.0)))
}
