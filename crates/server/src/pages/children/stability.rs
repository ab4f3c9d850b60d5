//! The child's stability facts on the child's page: the child's and the parents' consent and
//! the placements before Kith, turned into the API's input and saved by the one use case.

use axum::extract::{Path, RawForm, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use kith_app::children::StabilityFactsInput;
use kith_domain::ChildId;
use kith_domain::stability_facts::EarlierPlacement;
use serde::Deserialize;

use super::{child_page, fail, form_problems, see_other};
use crate::AppState;
use crate::pages::{PageActor, PageResult};

/// The form: two selects, then `ep_kind` repeated (blank: no row) and `ep_breakdown` holding
/// the indexes of the rows that broke down.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StabilityForm {
    consent_child: String,
    consent_parents: String,
    ep_kind: Vec<String>,
    ep_breakdown: Vec<usize>,
}

impl StabilityForm {
    fn input(&self) -> Result<StabilityFactsInput, kith_app::AppError> {
        let consent = |field: &str, v: &str| {
            if v.is_empty() {
                return Ok(None);
            }
            v.parse()
                .map(Some)
                .map_err(|_| kith_app::AppError::invalid(field, "problem.choose_one"))
        };
        let mut earlier = Vec::new();
        if let Some(i) = self
            .ep_breakdown
            .iter()
            .find(|i| self.ep_kind.get(**i).is_none_or(String::is_empty))
        {
            return Err(kith_app::AppError::invalid(
                format!("earlier_placements[{i}].kind"),
                "problem.earlier_kind",
            ));
        }
        for (i, k) in self
            .ep_kind
            .iter()
            .enumerate()
            .filter(|(_, k)| !k.is_empty())
        {
            let kind = k.parse().map_err(|_| {
                kith_app::AppError::invalid(
                    format!("earlier_placements[{i}].kind"),
                    "problem.choose_one",
                )
            })?;
            earlier.push(EarlierPlacement {
                kind,
                breakdown: self.ep_breakdown.contains(&i),
            });
        }
        Ok(StabilityFactsInput {
            consent_child: consent("consent_child", &self.consent_child)?,
            consent_parents: consent("consent_parents", &self.consent_parents)?,
            earlier_placements: earlier,
        })
    }
}

pub(super) async fn save(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    RawForm(body): RawForm,
) -> PageResult {
    let form: StabilityForm = serde_html_form::from_bytes(&body).unwrap_or_default();
    let result = match form.input() {
        Ok(input) => {
            kith_app::children::set_stability_facts(s.app(), &actor, ChildId(id), input).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/children/{id}#stability"))),
        Err(e) => {
            let problems = form_problems(&ctx, e)?;
            let child = kith_app::children::get(s.app(), &actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            let page = child_page(ctx, child, None, problems);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
