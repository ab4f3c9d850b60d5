//! The administrator's page for matching's and the wheel's rules: each number beside its
//! label, a refused number told beside its field with what was typed kept, and a preview of
//! what a change of the wheel's numbers moves before anything is kept.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use kith_app::AppError;
use kith_app::wheel::plan::PlanSummary;
use kith_domain::PlacementKind;
use kith_domain::matching::MatchRules;
use kith_domain::matching::criteria::Criterion;
use kith_domain::wheel::{FirstWeeksRule, WheelRules};
use serde::Deserialize;
use serde_json::{Value, json};

use super::form::{Form, number_or_text, parse_input};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/rules", get(rules).post(save_rules))
}

/// One number of the form: its input, its label, what it shows (as typed after a refusal or
/// a preview, else the rule in force) and what is wrong with it.
pub struct RuleField {
    pub id: String,
    pub label: String,
    pub value: String,
    pub problem: Option<String>,
    /// `numeric` for whole numbers, `decimal` where a fraction is allowed.
    pub mode: &'static str,
}

/// Matching's named numbers: the input (the rule's name) and its label.
const MATCHING_NUMBERS: [(&str, &str); 10] = [
    (
        "institution_default_months",
        "rules.institution_default_months",
    ),
    ("school_full_km", "rules.school_full_km"),
    ("school_zero_km", "rules.school_zero_km"),
    ("network_full_km", "rules.network_full_km"),
    ("network_zero_km", "rules.network_zero_km"),
    ("day_rate_low_dkk", "rules.day_rate_low_dkk"),
    ("day_rate_high_dkk", "rules.day_rate_high_dkk"),
    ("capacity_stale_days", "rules.capacity_stale_days"),
    ("secure_unit_min_age", "rules.secure_unit_min_age"),
    (
        "network_search_stale_days",
        "rules.network_search_stale_days",
    ),
];

/// The wheel's numbers the page edits (its visit rules and closing days stay with the API):
/// the rule's name (the input is `wheel_` and the name) and its label.
const WHEEL_NUMBERS: [(&str, &str); 5] = [
    ("weekly_capacity", "rules.weekly_capacity"),
    ("daily_capacity", "rules.daily_capacity"),
    ("horizon_months", "rules.horizon_months"),
    ("escalate_after_days", "rules.escalate_after_days"),
    ("digest_days_ahead", "rules.digest_days_ahead"),
];

/// A first-weeks pattern's numbers (the input is `fw{i}_` and the name) and their labels; its
/// kinds of placement stay with the API.
const FIRST_WEEKS_NUMBERS: [(&str, &str); 5] = [
    ("first_within_days", "rules.fw_first_within_days"),
    ("every_days", "rules.fw_every_days"),
    ("for_days", "rules.fw_for_days"),
    ("window_days", "rules.fw_window_days"),
    ("from_age", "rules.fw_from_age"),
];

/// One first-weeks pattern on the page: whom it is for, and its numbers.
pub struct PatternFields {
    pub heading: String,
    pub fields: Vec<RuleField>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/admin_rules.html")]
struct RulesPage {
    ctx: Ctx,
    weights: Vec<RuleField>,
    numbers: Vec<RuleField>,
    wheel: Vec<RuleField>,
    first_weeks: Vec<PatternFields>,
    problems: Vec<FormProblem>,
    /// What the typed wheel rules would do to the plan (nothing kept yet).
    preview: Option<PlanSummary>,
}

impl RulesPage {
    /// "Med disse regler ville planen oprette 3 besøg, flytte 12 og aflyse 4 …".
    fn preview_text(&self, p: &PlanSummary) -> String {
        let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
        self.ctx.say(
            &kith_domain::Message::new("rules.preview_result")
                .int("created", n(p.created))
                .int("updated", n(p.updated))
                .int("cancelled", n(p.cancelled))
                .int("flagged", n(p.flagged)),
        )
    }
}

/// The input a problem's field is typed into: `wheel.daily_capacity` in `wheel_daily_capacity`,
/// `matching.weights.distance` in `w_distance`, `matching.school_full_km` in `school_full_km`.
fn input_of(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("matching.weights.") {
        format!("w_{rest}")
    } else if let Some((i, name)) = field
        .strip_prefix("wheel.first_weeks[")
        .and_then(|rest| rest.split_once("]."))
    {
        format!("fw{i}_{name}")
    } else if let Some(rest) = field.strip_prefix("matching.") {
        rest.to_owned()
    } else {
        field.replace('.', "_")
    }
}

/// The fields of the page, in its sections.
struct Sections {
    weights: Vec<RuleField>,
    numbers: Vec<RuleField>,
    wheel: Vec<RuleField>,
    first_weeks: Vec<PatternFields>,
}

/// Whom a first-weeks pattern is for: "Alle anbringelser", or the kinds named, and "børn fra
/// 13 år" when it has an age.
fn pattern_heading(ctx: &Ctx, r: &FirstWeeksRule) -> String {
    let kinds = if r.placement_kinds.len() == PlacementKind::ALL.len() {
        ctx.t("rules.fw_all_kinds").to_owned()
    } else {
        r.placement_kinds
            .iter()
            .map(|k| ctx.code("placement_kind", k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match r.from_age {
        None => kinds,
        Some(age) => ctx.say(
            &kith_domain::Message::new("rules.fw_heading_age")
                .text("kinds", kinds)
                .int("age", age),
        ),
    }
}

/// The page's fields: each shows what was typed when there is a typing to keep, else the rule
/// in force; each carries the problem of its input.
fn fields(
    ctx: &Ctx,
    (rules, wheel): &(MatchRules, WheelRules),
    typed: &RulesForm,
    problems: &[FormProblem],
) -> Sections {
    let matching = serde_json::to_value(rules).unwrap_or_default();
    let wheel_json = serde_json::to_value(wheel).unwrap_or_default();
    let field = |id: String, label: String, current: String, mode| RuleField {
        value: typed.0.get(&id).cloned().unwrap_or(current),
        problem: problems
            .iter()
            .find(|p| input_of(&p.field) == id)
            .map(|p| p.message.clone()),
        id,
        label,
        mode,
    };
    let shown = |v: &Value| match v {
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let weights = Criterion::ALL
        .iter()
        .map(|c| {
            let id = format!("w_{}", c.as_str());
            let label = ctx.code("criterion", &c.as_str()).to_owned();
            field(id, label, c.weight(&rules.weights).to_string(), "numeric")
        })
        .collect();
    let numbers = MATCHING_NUMBERS
        .iter()
        .map(|(name, label)| {
            let current = shown(&matching[*name]);
            field(
                (*name).to_owned(),
                ctx.t(label).to_owned(),
                current,
                "decimal",
            )
        })
        .collect();
    let wheel_fields = WHEEL_NUMBERS
        .iter()
        .map(|(name, label)| {
            let current = shown(&wheel_json[*name]);
            field(
                format!("wheel_{name}"),
                ctx.t(label).to_owned(),
                current,
                "numeric",
            )
        })
        .collect();
    let first_weeks = wheel
        .first_weeks
        .iter()
        .enumerate()
        .map(|(i, r)| PatternFields {
            heading: pattern_heading(ctx, r),
            fields: FIRST_WEEKS_NUMBERS
                .iter()
                .map(|(name, label)| {
                    let current = shown(&wheel_json["first_weeks"][i][*name]);
                    field(
                        format!("fw{i}_{name}"),
                        ctx.t(label).to_owned(),
                        current,
                        "numeric",
                    )
                })
                .collect(),
        })
        .collect();
    Sections {
        weights,
        numbers,
        wheel: wheel_fields,
        first_weeks,
    }
}

fn rules_page(
    ctx: Ctx,
    current: &(MatchRules, WheelRules),
    typed: &RulesForm,
    problems: Vec<FormProblem>,
    preview: Option<PlanSummary>,
) -> axum::response::Response {
    let problems: Vec<FormProblem> = problems
        .into_iter()
        .map(|p| {
            let anchor = input_of(&p.field);
            p.at(anchor)
        })
        .collect();
    let Sections {
        weights,
        numbers,
        wheel,
        first_weeks,
    } = fields(&ctx, current, typed, &problems);
    let status = super::form_status(&problems);
    (
        status,
        RulesPage {
            ctx,
            weights,
            numbers,
            wheel,
            first_weeks,
            problems,
            preview,
        },
    )
        .into_response()
}

async fn rules(State(s): State<AppState>, PageActor { actor, ctx }: PageActor) -> PageResult {
    kith_app::policy::require_admin(&actor).map_err(fail(&ctx))?;
    let r = kith_app::rules::get(s.app(), &actor)
        .await
        .map_err(fail(&ctx))?;
    let current = (r.matching, r.wheel);
    Ok(rules_page(
        ctx,
        &current,
        &RulesForm::default(),
        vec![],
        None,
    ))
}

/// The rules' numbers as typed: a weight per criterion (`w_{criterion}`, one field for each
/// value of the vocabulary), matching's named limits, and the wheel's capacity and timing
/// (`wheel_*`); a map, because the criteria are a vocabulary and not fields of their own.
#[derive(Debug, Default, Deserialize)]
struct RulesForm(BTreeMap<String, String>);

impl RulesForm {
    /// The field as a number, text that is not one as text (the input names the field), and
    /// a blank as null.
    fn number(&self, name: &str) -> Value {
        match self.0.get(name).map(|v| v.trim()) {
            None | Some("") => Value::Null,
            Some(text) => number_or_text(text.to_owned()),
        }
    }

    /// The typed numbers on top of the rules in force, as the use case reads them.
    fn input(
        &self,
        (rules, wheel): &(MatchRules, WheelRules),
    ) -> Result<kith_app::rules::RulesInput, AppError> {
        let mut matching = serde_json::to_value(rules).map_err(AppError::internal)?;
        let mut wheel = serde_json::to_value(wheel).map_err(AppError::internal)?;
        for (key, _) in WHEEL_NUMBERS {
            wheel[key] = self.number(&format!("wheel_{key}"));
        }
        // A pattern's number not on the form (a form from before the patterns) stays as it is.
        if let Some(patterns) = wheel["first_weeks"].as_array_mut() {
            for (i, pattern) in patterns.iter_mut().enumerate() {
                for (key, _) in FIRST_WEEKS_NUMBERS {
                    let id = format!("fw{i}_{key}");
                    if self.0.contains_key(&id) {
                        pattern[key] = self.number(&id);
                    }
                }
            }
        }
        for c in Criterion::ALL {
            matching["weights"][c.as_str()] = self.number(&format!("w_{}", c.as_str()));
        }
        for (key, _) in MATCHING_NUMBERS {
            matching[key] = self.number(key);
        }
        parse_input(json!({ "matching": matching, "wheel": wheel }))
    }
}

/// The weights and numbers from the form, on top of the rules in force.
async fn save_rules(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Form(f): Form<RulesForm>,
) -> PageResult {
    kith_app::policy::require_admin(&actor).map_err(fail(&ctx))?;
    let now = kith_app::rules::get(s.app(), &actor)
        .await
        .map_err(fail(&ctx))?;
    let current = (now.matching, now.wheel);
    let input = f.input(&current);
    if f.0.contains_key("preview") {
        return preview_rules(&s, &actor, ctx, &current, &f, input).await;
    }
    let put = |i: kith_app::rules::RulesInput| kith_app::rules::put(s.app(), &actor, i);
    match submit(&ctx, input, put).await? {
        Ok(_) => Ok(see_other("/admin/rules")),
        Err(problems) => Ok(rules_page(ctx, &current, &f, problems, None)),
    }
}

/// The rules page with what the typed rules would do to the plan, the form keeping them;
/// nothing is kept until "Gem".
async fn preview_rules(
    s: &AppState,
    actor: &kith_app::Actor,
    ctx: Ctx,
    current: &(MatchRules, WheelRules),
    typed: &RulesForm,
    input: Result<kith_app::rules::RulesInput, AppError>,
) -> PageResult {
    let look =
        async |i: kith_app::rules::RulesInput| kith_app::rules::preview(s.app(), actor, &i).await;
    match submit(&ctx, input, look).await? {
        Ok(summary) => Ok(rules_page(ctx, current, typed, vec![], summary)),
        Err(problems) => Ok(rules_page(ctx, current, typed, problems, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::input_of;

    #[test]
    fn each_problem_lands_on_the_input_it_is_typed_into() {
        assert_eq!(input_of("wheel.daily_capacity"), "wheel_daily_capacity");
        assert_eq!(input_of("matching.weights.distance"), "w_distance");
        assert_eq!(input_of("matching.school_full_km"), "school_full_km");
        assert_eq!(
            input_of("wheel.first_weeks[2].every_days"),
            "fw2_every_days"
        );
    }
}
