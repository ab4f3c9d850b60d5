//! Placement option pages: list, record, register/edit form, capacity confirmation.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use kith_app::needs::NeedView;
use kith_app::options::{OptionDetail, OptionInput, OptionListParams, OptionSummary};
use kith_app::staff::StaffRef;
use kith_app::{Actor, AppError, Paged};
use kith_domain::{
    ApprovalAuthority, ApprovalStatus, InstitutionForm, PlacementKind, PlacementOptionId, Role,
    TargetArea,
};
use serde_json::{Value, json};

use super::children::Choice;
use super::form::{FormData, JsonBuilder, parse_input};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, problem_for, see_other, submit};
use crate::AppState;
use crate::extract::ApiQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/options", get(list).post(create))
        .route("/options/new", get(new_form))
        .route("/options/{id}", get(show).post(update))
        .route("/options/{id}/edit", get(edit_form))
        .route("/options/{id}/confirm-capacity", post(confirm_capacity))
}

fn kind_choices(ctx: &Ctx) -> Vec<Choice> {
    PlacementKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                kith_text::term(ctx.lang, k).to_owned(),
            )
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/options_list.html")]
struct ListPage {
    ctx: Ctx,
    page: Paged<OptionSummary>,
    kinds: Vec<Choice>,
    areas: Vec<Choice>,
    kind: String,
    target_area: String,
    min_free: String,
    next_url: Option<String>,
    can_create: bool,
}

async fn list(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    ApiQuery(mut q): ApiQuery<OptionListParams>,
) -> PageResult {
    let page = kith_app::options::list(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let next_url = page.next_cursor.clone().map(|c| {
        q.cursor = Some(c);
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(k) = q.kind {
            pairs.push(("kind", k.as_str().into()));
        }
        if let Some(t) = q.target_area {
            pairs.push(("target_area", t.as_str().into()));
        }
        if let Some(m) = q.min_free_places {
            pairs.push(("min_free_places", m.to_string()));
        }
        if let Some(c) = &q.cursor {
            pairs.push(("cursor", c.clone()));
        }
        format!(
            "/options?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    });
    Ok(ListPage {
        kinds: kind_choices(&ctx),
        areas: TargetArea::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str().to_owned(),
                    kith_text::term(ctx.lang, a).to_owned(),
                )
            })
            .collect(),
        kind: q.kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        target_area: q
            .target_area
            .map(|k| k.as_str().to_owned())
            .unwrap_or_default(),
        min_free: q.min_free_places.map(|m| m.to_string()).unwrap_or_default(),
        next_url,
        can_create: kith_app::policy::may_create_option(&actor),
        page,
        ctx,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/option_detail.html")]
struct OptionPage {
    ctx: Ctx,
    o: OptionDetail,
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let o = kith_app::options::get(s.app(), &actor, PlacementOptionId(id))
        .await
        .map_err(fail(&ctx))?;
    Ok(OptionPage { ctx, o }.into_response())
}

async fn confirm_capacity(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    kith_app::options::confirm_capacity(s.app(), &actor, PlacementOptionId(id))
        .await
        .map_err(fail(&ctx))?;
    Ok(Redirect::to(&format!("/options/{id}")).into_response())
}

/// The values shown in the option form.
#[derive(Debug, Clone, Default)]
struct OptionValues {
    kind: String,
    institution_form: String,
    name: String,
    address: String,
    lat: String,
    lon: String,
    approval_authority: String,
    approved_on: String,
    valid_until: String,
    approval_status: String,
    approved_places: String,
    age_min: String,
    age_max: String,
    target_areas: Vec<String>,
    languages: String,
    culture_religion: String,
    wheelchair_access: bool,
    day_rate_dkk: String,
    responsible_consultant_id: String,
    network_child_id: String,
    competences: Vec<(String, String)>,
}

impl OptionValues {
    fn level_of(&self, code: &str) -> &str {
        self.competences
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, l)| l.as_str())
            .unwrap_or("")
    }

    fn has_area(&self, code: &str) -> bool {
        self.target_areas.iter().any(|a| a == code)
    }

    fn from_detail(o: &OptionDetail) -> Self {
        Self {
            kind: o.kind.as_str().into(),
            institution_form: o
                .institution_form
                .map(|f| f.as_str().to_owned())
                .unwrap_or_default(),
            name: o.name.clone(),
            address: o.address.clone(),
            lat: o.coordinates.map(|c| c.lat.to_string()).unwrap_or_default(),
            lon: o.coordinates.map(|c| c.lon.to_string()).unwrap_or_default(),
            approval_authority: o.approval.authority.as_str().into(),
            approved_on: o
                .approval
                .approved_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            valid_until: o
                .approval
                .valid_until
                .map(|d| d.to_string())
                .unwrap_or_default(),
            approval_status: o.approval.status.as_str().into(),
            approved_places: o.approved_places.to_string(),
            age_min: o.age_range.min.to_string(),
            age_max: o.age_range.max.to_string(),
            target_areas: o
                .target_areas
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect(),
            languages: o.languages.join(", "),
            culture_religion: o.culture_religion.clone(),
            wheelchair_access: o.wheelchair_access,
            day_rate_dkk: o.day_rate_dkk.map(|d| d.to_string()).unwrap_or_default(),
            responsible_consultant_id: o
                .responsible_consultant
                .as_ref()
                .map(|c| c.id.to_string())
                .unwrap_or_default(),
            network_child_id: o
                .network_child_id
                .map(|c| c.to_string())
                .unwrap_or_default(),
            competences: o
                .competences
                .iter()
                .map(|c| (c.code.to_string(), c.max_level.as_str().to_owned()))
                .collect(),
        }
    }

    fn from_form(f: &FormData) -> Self {
        Self {
            kind: f.text("kind"),
            institution_form: f.text("institution_form"),
            name: f.text("name"),
            address: f.text("address"),
            lat: f.text("lat"),
            lon: f.text("lon"),
            approval_authority: f.text("approval_authority"),
            approved_on: f.text("approved_on"),
            valid_until: f.text("valid_until"),
            approval_status: f.text("approval_status"),
            approved_places: f.text("approved_places"),
            age_min: f.text("age_min"),
            age_max: f.text("age_max"),
            target_areas: f.all("target_areas"),
            languages: f.text("languages"),
            culture_religion: f.text("culture_religion"),
            wheelchair_access: f.checked("wheelchair_access"),
            day_rate_dkk: f.text("day_rate_dkk"),
            responsible_consultant_id: f.text("responsible_consultant_id"),
            network_child_id: f.text("network_child_id"),
            competences: f.with_prefix("comp_"),
        }
    }
}

fn option_input(f: &FormData) -> Result<OptionInput, AppError> {
    let coordinates = if f.get("lat").is_some() || f.get("lon").is_some() {
        JsonBuilder::default()
            .number("lat", f.get("lat"))
            .number("lon", f.get("lon"))
            .build()
    } else {
        Value::Null
    };
    let approval = JsonBuilder::default()
        .text("authority", f.get("approval_authority"))
        .text("approved_on", f.get("approved_on"))
        .text("valid_until", f.get("valid_until"))
        .text("status", f.get("approval_status"))
        .build();
    let age_range = JsonBuilder::default()
        .number("min", f.get("age_min"))
        .number("max", f.get("age_max"))
        .build();
    let competences = Value::Array(
        f.with_prefix("comp_")
            .into_iter()
            .map(|(code, level)| json!({"code": code, "max_level": level}))
            .collect(),
    );
    let v = JsonBuilder::default()
        .text("kind", f.get("kind"))
        .text("institution_form", f.get("institution_form"))
        .text_always("name", f.text("name"))
        .text_always("address", f.text("address"))
        .value("coordinates", coordinates)
        .value("approval", approval)
        .number("approved_places", f.get("approved_places"))
        .value("age_range", age_range)
        .value(
            "target_areas",
            Value::Array(
                f.all("target_areas")
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            ),
        )
        .value("competences", competences)
        .value(
            "languages",
            Value::Array(
                f.text("languages")
                    .split([',', ' ', ';'])
                    .map(|s| s.trim().to_lowercase())
                    .filter(|s| !s.is_empty())
                    .map(Value::String)
                    .collect(),
            ),
        )
        .text_always("culture_religion", f.text("culture_religion"))
        .flag("wheelchair_access", f.checked("wheelchair_access"))
        .number("day_rate_dkk", f.get("day_rate_dkk"))
        .number(
            "responsible_consultant_id",
            f.get("responsible_consultant_id"),
        )
        .number("network_child_id", f.get("network_child_id"))
        .build();
    parse_input(v)
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/option_form.html")]
struct OptionForm {
    ctx: Ctx,
    heading: &'static str,
    action: String,
    cancel: String,
    v: OptionValues,
    kinds: Vec<Choice>,
    forms: Vec<Choice>,
    authorities: Vec<Choice>,
    statuses: Vec<Choice>,
    areas: Vec<Choice>,
    levels: Vec<Choice>,
    vocabulary: Vec<NeedView>,
    consultants: Vec<StaffRef>,
    problems: Vec<FormProblem>,
}

impl OptionForm {
    fn problem(&self, field: &str) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

async fn option_form(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    existing: Option<i64>,
    v: OptionValues,
    problems: Vec<FormProblem>,
) -> PageResult {
    let vocabulary = kith_app::needs::list(s.app(), actor)
        .await
        .map_err(fail(&ctx))?;
    let consultants = kith_app::staff::with_role(s.app(), actor, Role::Consultant)
        .await
        .map_err(fail(&ctx))?;
    let (heading, action, cancel) = match existing {
        Some(id) => (
            "option.edit",
            format!("/options/{id}"),
            format!("/options/{id}"),
        ),
        None => ("option.new", "/options".to_owned(), "/options".to_owned()),
    };
    let status = super::form_status(&problems);
    let page = OptionForm {
        heading: ctx.t(heading),
        action,
        cancel,
        v,
        kinds: kind_choices(&ctx),
        forms: InstitutionForm::ALL
            .iter()
            .map(|f| {
                (
                    f.as_str().to_owned(),
                    kith_text::term(ctx.lang, f).to_owned(),
                )
            })
            .collect(),
        authorities: ApprovalAuthority::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str().to_owned(),
                    ctx.t(&format!("authority.{}", a.as_str())).to_owned(),
                )
            })
            .collect(),
        statuses: ApprovalStatus::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str().to_owned(),
                    ctx.t(&format!("approval.{}", a.as_str())).to_owned(),
                )
            })
            .collect(),
        areas: TargetArea::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str().to_owned(),
                    kith_text::term(ctx.lang, a).to_owned(),
                )
            })
            .collect(),
        levels: kith_domain::NeedLevel::ALL
            .iter()
            .map(|l| {
                (
                    l.as_str().to_owned(),
                    ctx.t(&format!("level.{}", l.as_str())).to_owned(),
                )
            })
            .collect(),
        vocabulary: vocabulary.into_iter().filter(|n| n.active).collect(),
        consultants,
        problems,
        ctx,
    };
    Ok((status, page).into_response())
}

async fn new_form(State(s): State<AppState>, PageActor { actor, ctx }: PageActor) -> PageResult {
    if !kith_app::policy::may_create_option(&actor) {
        return Err(super::error_page(
            &ctx,
            AppError::forbidden("only consultants and leaders register placement options"),
        ));
    }
    let v = OptionValues {
        kind: PlacementKind::GeneralFosterFamily.as_str().into(),
        approval_authority: ApprovalAuthority::SocialSupervision.as_str().into(),
        approval_status: ApprovalStatus::Active.as_str().into(),
        approved_places: "1".into(),
        age_min: "0".into(),
        age_max: "17".into(),
        target_areas: vec![TargetArea::General.as_str().into()],
        languages: "da".into(),
        responsible_consultant_id: if actor.has(Role::Consultant) {
            actor.id.to_string()
        } else {
            String::new()
        },
        ..Default::default()
    };
    option_form(&s, &actor, ctx, None, v, vec![]).await
}

async fn create(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    f: FormData,
) -> PageResult {
    match submit(&ctx, option_input(&f), |i| {
        kith_app::options::create(s.app(), &actor, i)
    })
    .await?
    {
        Ok(o) => Ok(see_other(&format!("/options/{}", o.id))),
        Err(problems) => {
            option_form(&s, &actor, ctx, None, OptionValues::from_form(&f), problems).await
        }
    }
}

async fn edit_form(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let o = kith_app::options::get(s.app(), &actor, PlacementOptionId(id))
        .await
        .map_err(fail(&ctx))?;
    if !o.can_change {
        return Err(super::error_page(
            &ctx,
            AppError::forbidden("you may read this option but not change it"),
        ));
    }
    option_form(
        &s,
        &actor,
        ctx,
        Some(id),
        OptionValues::from_detail(&o),
        vec![],
    )
    .await
}

async fn update(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let update = |i| kith_app::options::update(s.app(), &actor, PlacementOptionId(id), i);
    match submit(&ctx, option_input(&f), update).await? {
        Ok(_) => Ok(see_other(&format!("/options/{id}"))),
        Err(problems) => {
            option_form(
                &s,
                &actor,
                ctx,
                Some(id),
                OptionValues::from_form(&f),
                problems,
            )
            .await
        }
    }
}
