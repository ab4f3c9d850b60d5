//! The administrator's page for the needs vocabulary: one form per need and one for a new
//! one. A refused form comes back open, with what was typed, each problem beside its field.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use kith_app::AppError;
use kith_app::needs::NeedView;
use kith_domain::Lang;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::form::{Form, Shape, and_then, checkbox};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, form_problems};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/needs", get(needs))
        .route("/admin/needs/{code}", post(save_need))
}

/// One input of a need's form: its id (`da-trauma`), name, label, value and problem.
pub struct NeedField {
    pub id: String,
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub problem: Option<String>,
    /// A description, given the width of two columns.
    pub wide: bool,
}

/// The inputs of a need's form: the form's name, the id's prefix and the label.
const NEED_INPUTS: [(&str, &str, &str); 5] = [
    ("label_da", "da", "needs.label_da"),
    ("label_en", "en", "needs.label_en"),
    ("description_da", "dda", "needs.description_da"),
    ("description_en", "den", "needs.description_en"),
    ("sort_order", "so", "needs.sort_order"),
];

#[derive(Template, WebTemplate)]
#[template(path = "pages/admin_needs.html")]
struct NeedsPage {
    ctx: Ctx,
    needs: Vec<NeedView>,
    problems: Vec<FormProblem>,
    /// The form that was sent and refused: the need's code (`new` for a new one) and what
    /// was typed.
    sent: Option<(String, NeedForm)>,
}

impl NeedsPage {
    /// Whether the form of this need (or `new`) is the one that was refused.
    fn was_sent(&self, code: &str) -> bool {
        self.sent.as_ref().is_some_and(|(c, _)| c == code)
    }

    /// The inputs of one need's form (`None`: the form for a new need), as typed when it
    /// was refused, else as stored.
    fn fields(&self, need: Option<&NeedView>) -> Vec<NeedField> {
        let code = need.map_or("new", |n| n.code.as_str());
        let typed = self
            .sent
            .as_ref()
            .filter(|(c, _)| c == code)
            .map(|(_, f)| f);
        NEED_INPUTS
            .iter()
            .map(|(name, prefix, label)| {
                let stored = match (need, *name) {
                    (Some(n), "label_da") => n.label(Lang::Da).to_owned(),
                    (Some(n), "label_en") => n.label(Lang::En).to_owned(),
                    (Some(n), "description_da") => n.description(Lang::Da).to_owned(),
                    (Some(n), "description_en") => n.description(Lang::En).to_owned(),
                    (Some(n), _) => n.sort_order.to_string(),
                    (None, "sort_order") => "500".to_owned(),
                    (None, _) => String::new(),
                };
                NeedField {
                    id: format!("{prefix}-{code}"),
                    name,
                    label: self.ctx.t(label),
                    value: typed.map_or(stored, |f| f.value(name)),
                    problem: typed
                        .and_then(|_| super::problem_for(&self.problems, name))
                        .map(str::to_owned),
                    wide: name.starts_with("description"),
                }
            })
            .collect()
    }

    /// The problem with the new need's code, when the new need's form was refused.
    fn code_problem(&self) -> Option<&str> {
        self.sent
            .as_ref()
            .filter(|(c, _)| c == "new")
            .and_then(|_| super::problem_for(&self.problems, "code"))
    }

    /// The new need's code as typed.
    fn new_code(&self) -> &str {
        self.sent
            .as_ref()
            .filter(|(c, _)| c == "new")
            .map_or("", |(_, f)| f.code.as_str())
    }
}

async fn needs(State(s): State<AppState>, PageActor { actor, ctx }: PageActor) -> PageResult {
    kith_app::policy::require_admin(&actor).map_err(fail(&ctx))?;
    let needs = kith_app::needs::list(s.app(), &actor)
        .await
        .map_err(fail(&ctx))?;
    Ok(NeedsPage {
        ctx,
        needs,
        problems: vec![],
        sent: None,
    }
    .into_response())
}

/// A need of the vocabulary: its code (when new), its words in each language, its place in
/// the list and whether it is in use.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct NeedForm {
    code: String,
    label_da: String,
    description_da: String,
    label_en: String,
    description_en: String,
    sort_order: String,
    #[serde(deserialize_with = "checkbox")]
    active: bool,
}

const NEED: Shape = Shape {
    numbers: &["sort_order"],
    ..Shape::PLAIN
};

impl NeedForm {
    /// The words per language (`label_da` is `texts.da.label`), in place of the typed fields.
    fn texts(&self, fields: &mut Map<String, Value>) {
        fields.retain(|name, _| name == "sort_order" || name == "active");
        let words =
            |label: &str, description: &str| json!({"label": label, "description": description});
        fields.insert(
            "texts".into(),
            json!({
                "da": words(&self.label_da, &self.description_da),
                "en": words(&self.label_en, &self.description_en),
            }),
        );
    }

    /// What was typed into the input named `name`.
    fn value(&self, name: &str) -> String {
        match name {
            "label_da" => &self.label_da,
            "label_en" => &self.label_en,
            "description_da" => &self.description_da,
            "description_en" => &self.description_en,
            "sort_order" => &self.sort_order,
            _ => &self.code,
        }
        .clone()
    }
}

async fn save_need(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(code): Path<String>,
    Form(f): Form<NeedForm>,
) -> PageResult {
    let (form_code, code) = if code == "new" {
        ("new".to_owned(), f.code.trim().to_owned())
    } else {
        (code.clone(), code)
    };
    let input = NEED.input(&f, |m| f.texts(m));
    let result = and_then(input, |i| kith_app::needs::put(s.app(), &actor, &code, i)).await;
    match result {
        Ok(_) => Ok(Redirect::to("/admin/needs").into_response()),
        Err(AppError::Forbidden(m)) => Err(super::error_page(&ctx, AppError::Forbidden(m))),
        Err(e) => {
            let problems = form_problems(&ctx, need_form_fields(e))?
                .into_iter()
                .map(|mut p| {
                    if let Some((_, _, label)) = NEED_INPUTS.iter().find(|i| i.0 == p.field) {
                        // The summary names the field as its label does.
                        p.label = format!("{}: ", ctx.t(label));
                    }
                    let anchor = anchor_of(&p.field, &form_code);
                    p.at(anchor)
                })
                .collect();
            let needs = kith_app::needs::list(s.app(), &actor)
                .await
                .map_err(fail(&ctx))?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                NeedsPage {
                    ctx,
                    needs,
                    problems,
                    sent: Some((form_code, f)),
                },
            )
                .into_response())
        }
    }
}

/// The id of the input a problem's field is typed into, in the form of need `code`
/// (`label_da` of `trauma` is `da-trauma`; the new need's code is `new-code`).
fn anchor_of(field: &str, code: &str) -> String {
    NEED_INPUTS
        .iter()
        .find(|(name, _, _)| *name == field)
        .map_or_else(
            || format!("new-{field}"),
            |(_, prefix, _)| format!("{prefix}-{code}"),
        )
}

/// The input's field paths as the form names its inputs: `texts.da.label` is `label_da`.
fn need_form_fields(e: AppError) -> AppError {
    match e {
        AppError::Invalid(errs) => AppError::Invalid(
            errs.into_iter()
                .map(|mut e| {
                    let renamed = match e.field.split('.').collect::<Vec<_>>()[..] {
                        ["texts", lang, name] => Some(format!("{name}_{lang}")),
                        _ => None,
                    };
                    if let Some(field) = renamed {
                        e.field = field;
                    }
                    e
                })
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::anchor_of;

    #[test]
    fn each_problem_lands_on_the_input_of_its_own_need() {
        assert_eq!(anchor_of("label_da", "trauma"), "da-trauma");
        assert_eq!(anchor_of("description_en", "new"), "den-new");
        assert_eq!(anchor_of("code", "new"), "new-code");
    }
}
