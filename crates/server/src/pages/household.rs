//! The option page and its record of the children in the family's home (the carers' own,
//! children placed there by others): what matching's stability flags weigh beside the children
//! Kith placed there. The consultant who may change the option keeps it, one row per child;
//! saving confirms it today. A refused row is told beside its date, with every row as typed.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::post;
use chrono::NaiveDate;
use kith_app::options::{HouseholdInput, OptionDetail};
use kith_domain::stability_facts::{HouseholdChild, HouseholdRelation};
use kith_domain::{Code, PlacementOptionId};
use serde::Deserialize;

use super::{Choice, Ctx, FormProblem, PageActor, PageResult, keyed_choices, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/options/{id}/household", post(save))
}

/// Empty rows offered under the recorded children, for new ones.
const EMPTY_ROWS: usize = 2;

/// One row of the form as typed.
#[derive(Debug, Clone, Default)]
pub(super) struct HouseholdRow {
    pub born_on: String,
    pub relation: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/option_detail.html")]
pub(super) struct OptionPage {
    ctx: Ctx,
    o: OptionDetail,
    rows: Vec<HouseholdRow>,
    relations: Vec<Choice>,
    problems: Vec<FormProblem>,
    today: NaiveDate,
    /// The record was just saved (and so confirmed).
    pub saved: bool,
}

impl OptionPage {
    /// The page, its household rows as recorded (or as typed, with `problems`).
    pub fn new(
        ctx: Ctx,
        o: OptionDetail,
        problems: Vec<FormProblem>,
        typed: Option<Vec<HouseholdRow>>,
        today: NaiveDate,
    ) -> Self {
        let mut rows = typed.unwrap_or_else(|| {
            o.household
                .iter()
                .map(|c| HouseholdRow {
                    born_on: c.born_on.to_string(),
                    relation: c.relation.code().to_owned(),
                })
                .collect()
        });
        rows.extend((0..EMPTY_ROWS).map(|_| HouseholdRow::default()));
        let relations = keyed_choices::<HouseholdRelation>(&ctx, "household_relation");
        Self {
            ctx,
            o,
            rows,
            relations,
            problems,
            today,
            saved: false,
        }
    }

    /// The relation's name: "Plejeforældrenes eget barn".
    fn relation(&self, r: &HouseholdRelation) -> &'static str {
        self.ctx.t(&format!("household_relation.{}", r.code()))
    }

    /// The problem with row `i`'s date, if any.
    fn row_problem(&self, i: &usize) -> Option<&str> {
        super::problem_for(&self.problems, &format!("children[{i}].born_on"))
    }

    /// The problem with the record as a whole (too many children).
    fn list_problem(&self) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.field == "children")
            .map(|p| p.message.as_str())
    }

    /// A child's age today, as the page says it: "9 år".
    fn age(&self, born: &NaiveDate) -> u32 {
        kith_domain::age_on(*born, self.today)
    }
}

/// The form: `born_on` and `relation` repeated, one pair per row.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct HouseholdForm {
    born_on: Vec<String>,
    relation: Vec<String>,
}

impl HouseholdForm {
    fn rows(&self) -> Vec<HouseholdRow> {
        self.born_on
            .iter()
            .enumerate()
            .map(|(i, b)| HouseholdRow {
                born_on: b.trim().to_owned(),
                relation: self.relation.get(i).cloned().unwrap_or_default(),
            })
            .filter(|r| !r.born_on.is_empty())
            .collect()
    }

    /// The API's input, or the rows' problems by the API's field names.
    fn input(rows: &[HouseholdRow]) -> Result<HouseholdInput, kith_app::AppError> {
        let mut problems = Vec::new();
        let mut children = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            let relation = r.relation.parse().unwrap_or(HouseholdRelation::OwnChild);
            match r.born_on.parse::<NaiveDate>() {
                Ok(born_on) => children.push(HouseholdChild { born_on, relation }),
                Err(_) => problems.push(kith_app::FieldError::new(
                    format!("children[{i}].born_on"),
                    "problem.not_a_date",
                )),
            }
        }
        if problems.is_empty() {
            Ok(HouseholdInput { children })
        } else {
            Err(kith_app::AppError::Invalid(problems))
        }
    }
}

async fn save(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    axum::extract::RawForm(body): axum::extract::RawForm,
) -> PageResult {
    let form: HouseholdForm = serde_html_form::from_bytes(&body).unwrap_or_default();
    let rows = form.rows();
    let input = HouseholdForm::input(&rows);
    let option = PlacementOptionId(id);
    match submit(&ctx, input, |i| {
        kith_app::options::set_household(s.app(), &actor, option, i)
    })
    .await?
    {
        Ok(_) => Ok(see_other(&format!(
            "/options/{id}?household=saved#household"
        ))),
        Err(problems) => {
            let o = super::options::option(&s, &actor, &ctx, id).await?;
            let status = super::form_status(&problems);
            let today = s.app().today();
            let page = OptionPage::new(ctx, o, problems, Some(rows), today);
            Ok((status, page).into_response())
        }
    }
}
