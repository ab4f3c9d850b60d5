//! A placement's year (its wheel of visits and reviews), with the consultant and the review
//! rhythm for those who may change them.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chrono::NaiveDate;
use kith_app::staff::StaffRef;
use kith_app::wheel::year::YearView;
use kith_app::{Actor, AppError};
use kith_domain::{PlacementId, Role};
use serde::Deserialize;
use serde_json::Value;

use super::form::{FormData, JsonBuilder, parse_input};
use super::visits::VisitLines;
use super::{Ctx, FormProblem, PageActor, PageResult, fail, see_other, submit};
use crate::AppState;
use crate::extract::ApiQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/placements/{id}", get(show))
        .route("/placements/{id}/follow-up", post(update))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/placement_year.html")]
struct YearPage {
    ctx: Ctx,
    y: YearView,
    consultants: Vec<StaffRef>,
    recorded: Option<i64>,
    problems: Vec<FormProblem>,
}

impl VisitLines for YearPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl YearPage {
    fn problem(&self, field: &str) -> Option<&str> {
        super::problem_for(&self.problems, field)
    }

    fn month_name(&self, month: &NaiveDate) -> String {
        let m = self.ctx.t(&format!("month.{}", month.format("%m")));
        format!("{m} {}", month.format("%Y"))
    }
}

#[derive(Debug, Deserialize)]
struct YearQuery {
    from: Option<NaiveDate>,
    recorded: Option<i64>,
}

async fn year_page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    q: YearQuery,
    problems: Vec<FormProblem>,
) -> PageResult {
    let y = kith_app::wheel::year::year(s.app(), actor, PlacementId(id), q.from)
        .await
        .map_err(fail(&ctx))?;
    let consultants = if y.can_change {
        kith_app::staff::with_role(s.app(), actor, Role::Consultant)
            .await
            .map_err(fail(&ctx))?
    } else {
        vec![]
    };
    let status = super::form_status(&problems);
    Ok((
        status,
        YearPage {
            ctx,
            y,
            consultants,
            recorded: q.recorded,
            problems,
        },
    )
        .into_response())
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> PageResult {
    year_page(&s, &actor, ctx, id, q, vec![]).await
}

async fn update(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let consultant = f.text("consultant_id");
    let rhythm = f.text("review_rhythm_months");
    let b = JsonBuilder::default().value(
        "consultant_id",
        consultant
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or(Value::Null),
    );
    // Blank: back to the rules' rhythm.
    let v = if rhythm.trim().is_empty() {
        b.value("review_rhythm_months", Value::Null)
    } else {
        b.number("review_rhythm_months", Some(rhythm))
    }
    .build();
    let call = |i| kith_app::placements::update(s.app(), &actor, PlacementId(id), i);
    let input: Result<kith_app::placements::PlacementUpdateInput, AppError> = parse_input(v);
    match submit(&ctx, input, call).await? {
        Ok(_) => Ok(see_other(&format!("/placements/{id}"))),
        Err(problems) => {
            let q = YearQuery {
                from: None,
                recorded: None,
            };
            year_page(&s, &actor, ctx, id, q, problems).await
        }
    }
}
