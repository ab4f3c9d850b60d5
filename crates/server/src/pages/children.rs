//! Children's pages: list, case page, register/edit forms, needs profile, network, siblings,
//! unsuitable options, CPR reveal.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use kith_app::children::{
    ChildDetail, ChildInput, ChildListParams, ChildSummary, KnownOptionInput, NetworkPersonInput,
    ProfileInput, SiblingLinkInput, UnsuitableInput,
};
use kith_app::needs::NeedView;
use kith_app::staff::StaffRef;
use kith_app::{Actor, AppError, Paged};
use kith_domain::{
    ChildId, NeedLevel, NetworkApprovalStatus, NetworkPersonId, PlacementOptionId, Role, TargetArea,
};
use serde_json::{Value, json};

use super::form::{FormData, JsonBuilder, and_then, parse_input, place};
use super::{
    Ctx, FormProblem, PageActor, PageResult, fail, form_problems, problem_for, see_other, submit,
};
use crate::AppState;
use crate::extract::ApiQuery;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/children", get(list).post(create))
        .route("/children/new", get(new_form))
        .route("/children/{id}", get(show).post(update))
        .route("/children/{id}/edit", get(edit_form))
        .route(
            "/children/{id}/profile",
            get(profile_form).post(update_profile),
        )
        .route("/children/{id}/cpr", post(reveal_cpr))
        .route("/children/{id}/network", post(add_network))
        .route(
            "/children/{id}/network/{person}/delete",
            post(remove_network),
        )
        .route("/children/{id}/siblings", post(link_sibling))
        .route("/children/{id}/siblings/unlink", post(unlink_sibling))
        .route("/children/{id}/unsuitable", post(set_unsuitable))
        .route(
            "/children/{id}/unsuitable/{option}/delete",
            post(remove_unsuitable),
        )
        .route("/children/{id}/known", post(set_known))
        .route("/children/{id}/known/{option}/delete", post(remove_known))
}

/// (code, label) pairs for a select.
pub type Choice = (String, String);

fn area_choices(ctx: &Ctx) -> Vec<Choice> {
    TargetArea::ALL
        .iter()
        .map(|a| {
            (
                a.as_str().to_owned(),
                kith_text::term(ctx.lang, a).to_owned(),
            )
        })
        .collect()
}

fn level_choices(ctx: &Ctx) -> Vec<Choice> {
    NeedLevel::ALL
        .iter()
        .map(|l| {
            (
                l.as_str().to_owned(),
                ctx.t(&format!("level.{}", l.as_str())).to_owned(),
            )
        })
        .collect()
}

// ---- list -------------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "pages/children_list.html")]
struct ListPage {
    ctx: Ctx,
    page: Paged<ChildSummary>,
    areas: Vec<Choice>,
    target_area: String,
    requested: String,
    next_url: Option<String>,
    can_create: bool,
}

async fn list(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    ApiQuery(mut q): ApiQuery<ChildListParams>,
) -> PageResult {
    let page = kith_app::children::list(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let next_url = page.next_cursor.clone().map(|c| {
        q.cursor = Some(c);
        format!(
            "/children?{}",
            serde_urlencoded::to_string(query_pairs(&q)).unwrap_or_default()
        )
    });
    Ok(ListPage {
        areas: area_choices(&ctx),
        target_area: q
            .target_area
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        requested: q
            .placement_requested
            .map(|b| b.to_string())
            .unwrap_or_default(),
        next_url,
        can_create: kith_app::policy::may_create_child(&actor),
        page,
        ctx,
    }
    .into_response())
}

fn query_pairs(q: &ChildListParams) -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    if let Some(a) = q.case_adviser_id {
        v.push(("case_adviser_id", a.to_string()));
    }
    if let Some(t) = q.target_area {
        v.push(("target_area", t.as_str().to_owned()));
    }
    if let Some(r) = q.placement_requested {
        v.push(("placement_requested", r.to_string()));
    }
    if let Some(c) = &q.cursor {
        v.push(("cursor", c.clone()));
    }
    v
}

// ---- case page --------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "pages/child_detail.html")]
struct ChildPage {
    ctx: Ctx,
    child: ChildDetail,
    revealed_cpr: Option<String>,
    network_statuses: Vec<Choice>,
    problems: Vec<FormProblem>,
}

fn network_choices(ctx: &Ctx) -> Vec<Choice> {
    NetworkApprovalStatus::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                ctx.t(&format!("network.{}", s.as_str())).to_owned(),
            )
        })
        .collect()
}

fn child_page(
    ctx: Ctx,
    child: ChildDetail,
    revealed_cpr: Option<String>,
    problems: Vec<FormProblem>,
) -> ChildPage {
    ChildPage {
        network_statuses: network_choices(&ctx),
        ctx,
        child,
        revealed_cpr,
        problems,
    }
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let child = kith_app::children::get(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    Ok(child_page(ctx, child, None, vec![]).into_response())
}

async fn reveal_cpr(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let cpr = kith_app::children::reveal_cpr(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    let child = kith_app::children::get(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    Ok(child_page(ctx, child, cpr.cpr.or(Some(String::new())), vec![]).into_response())
}

/// Runs a change from the case page; on a field problem the case page is shown again with it.
async fn case_change(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    result: Result<ChildDetail, AppError>,
) -> PageResult {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/children/{id}")).into_response()),
        Err(e) => {
            let problems = form_problems(&ctx, e)?;
            let child = kith_app::children::get(s.app(), actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                child_page(ctx, child, None, problems),
            )
                .into_response())
        }
    }
}

async fn add_network(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text_always("name", f.text("name"))
        .text_always("relation", f.text("relation"))
        .value("place", place(f.get("address"), None, None))
        .text("approval_status", f.get("approval_status"))
        .build();
    let result = and_then(parse_input::<NetworkPersonInput>(v), |i| {
        kith_app::children::add_network_person(s.app(), &actor, ChildId(id), i)
    })
    .await;
    case_change(&s, &actor, ctx, id, result).await
}

async fn remove_network(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, person)): Path<(i64, i64)>,
) -> PageResult {
    let result = kith_app::children::remove_network_person(
        s.app(),
        &actor,
        ChildId(id),
        NetworkPersonId(person),
    )
    .await;
    case_change(&s, &actor, ctx, id, result).await
}

async fn link_sibling(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .number("sibling_id", f.get("sibling_id"))
        .build();
    let result = and_then(parse_input::<SiblingLinkInput>(v), |i| {
        kith_app::children::link_sibling(s.app(), &actor, ChildId(id), i)
    })
    .await;
    case_change(&s, &actor, ctx, id, result).await
}

async fn unlink_sibling(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let result = kith_app::children::unlink_sibling(s.app(), &actor, ChildId(id)).await;
    case_change(&s, &actor, ctx, id, result).await
}

async fn set_unsuitable(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .number("option_id", f.get("option_id"))
        .text_always("reason", f.text("reason"))
        .build();
    let result = and_then(parse_input::<UnsuitableInput>(v), |i| {
        kith_app::children::set_unsuitable(s.app(), &actor, ChildId(id), i)
    })
    .await;
    case_change(&s, &actor, ctx, id, result).await
}

async fn remove_unsuitable(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, option)): Path<(i64, i64)>,
) -> PageResult {
    let result = kith_app::children::remove_unsuitable(
        s.app(),
        &actor,
        ChildId(id),
        PlacementOptionId(option),
    )
    .await;
    case_change(&s, &actor, ctx, id, result).await
}

async fn set_known(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text_always("how", f.text("how"))
        .build();
    let option = f.get("option_id").and_then(|o| o.parse::<i64>().ok());
    let result = match option {
        Some(o) => {
            and_then(parse_input::<KnownOptionInput>(v), |i| {
                kith_app::children::set_known(s.app(), &actor, ChildId(id), PlacementOptionId(o), i)
            })
            .await
        }
        None => Err(AppError::invalid("option_id", "problem.option_number")),
    };
    case_change(&s, &actor, ctx, id, result).await
}

async fn remove_known(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, option)): Path<(i64, i64)>,
) -> PageResult {
    let result =
        kith_app::children::remove_known(s.app(), &actor, ChildId(id), PlacementOptionId(option))
            .await;
    case_change(&s, &actor, ctx, id, result).await
}

// ---- register / edit --------------------------------------------------------------------

/// The values shown in the case form.
#[derive(Debug, Clone, Default)]
struct CaseValues {
    name: String,
    birth_date: String,
    cpr: String,
    case_adviser_id: String,
    target_area: String,
    support_level: String,
    languages: String,
    culture_religion_wishes: String,
    school_address: String,
    school_lat: String,
    school_lon: String,
    parents_address: String,
    parents_lat: String,
    parents_lon: String,
    own_wishes: String,
    needs_wheelchair_access: bool,
    placement_requested_on: String,
    /// need code -> level code
    needs: Vec<(String, String)>,
}

impl CaseValues {
    fn level_of(&self, code: &str) -> &str {
        self.needs
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, l)| l.as_str())
            .unwrap_or("")
    }

    fn from_detail(c: &ChildDetail) -> Self {
        let coord = |p: &Option<kith_domain::Place>, lat: bool| {
            p.as_ref()
                .and_then(|p| p.coordinates)
                .map(|c| {
                    if lat {
                        c.lat.to_string()
                    } else {
                        c.lon.to_string()
                    }
                })
                .unwrap_or_default()
        };
        Self {
            name: c.name.clone(),
            birth_date: c.birth_date.to_string(),
            cpr: String::new(),
            case_adviser_id: c.case_adviser.id.to_string(),
            target_area: c.target_area.as_str().to_owned(),
            support_level: c.support_level.as_str().to_owned(),
            languages: c.languages.join(", "),
            culture_religion_wishes: c.culture_religion_wishes.clone(),
            school_address: c
                .school
                .as_ref()
                .map(|p| p.address.clone())
                .unwrap_or_default(),
            school_lat: coord(&c.school, true),
            school_lon: coord(&c.school, false),
            parents_address: c
                .parents_home
                .as_ref()
                .map(|p| p.address.clone())
                .unwrap_or_default(),
            parents_lat: coord(&c.parents_home, true),
            parents_lon: coord(&c.parents_home, false),
            own_wishes: c.own_wishes.clone(),
            needs_wheelchair_access: c.needs_wheelchair_access,
            placement_requested_on: c
                .placement_requested_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            needs: c
                .needs
                .iter()
                .map(|n| (n.code.to_string(), n.level.as_str().to_owned()))
                .collect(),
        }
    }

    fn from_form(f: &FormData) -> Self {
        Self {
            name: f.text("name"),
            birth_date: f.text("birth_date"),
            cpr: f.text("cpr"),
            case_adviser_id: f.text("case_adviser_id"),
            target_area: f.text("target_area"),
            support_level: f.text("support_level"),
            languages: f.text("languages"),
            culture_religion_wishes: f.text("culture_religion_wishes"),
            school_address: f.text("school_address"),
            school_lat: f.text("school_lat"),
            school_lon: f.text("school_lon"),
            parents_address: f.text("parents_address"),
            parents_lat: f.text("parents_lat"),
            parents_lon: f.text("parents_lon"),
            own_wishes: f.text("own_wishes"),
            needs_wheelchair_access: f.checked("needs_wheelchair_access"),
            placement_requested_on: f.text("placement_requested_on"),
            needs: f.with_prefix("need_"),
        }
    }
}

fn needs_json(f: &FormData) -> Value {
    Value::Array(
        f.with_prefix("need_")
            .into_iter()
            .map(|(code, level)| json!({ "code": code, "level": level }))
            .collect(),
    )
}

fn languages_json(text: &str) -> Value {
    Value::Array(
        text.split([',', ' ', ';'])
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .map(Value::String)
            .collect(),
    )
}

/// The API's case input from the form.
fn case_input(f: &FormData) -> Result<ChildInput, AppError> {
    let v = JsonBuilder::default()
        .text_always("name", f.text("name"))
        .text("birth_date", f.get("birth_date"))
        .text("cpr", f.get("cpr"))
        .number("case_adviser_id", f.get("case_adviser_id"))
        .text("target_area", f.get("target_area"))
        .text("support_level", f.get("support_level"))
        .value("needs", needs_json(f))
        .value("languages", languages_json(&f.text("languages")))
        .text_always("culture_religion_wishes", f.text("culture_religion_wishes"))
        .value(
            "school",
            place(
                f.get("school_address"),
                f.get("school_lat"),
                f.get("school_lon"),
            ),
        )
        .value(
            "parents_home",
            place(
                f.get("parents_address"),
                f.get("parents_lat"),
                f.get("parents_lon"),
            ),
        )
        .text_always("own_wishes", f.text("own_wishes"))
        .flag(
            "needs_wheelchair_access",
            f.checked("needs_wheelchair_access"),
        )
        .text("placement_requested_on", f.get("placement_requested_on"))
        .build();
    parse_input(v)
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/child_form.html")]
struct CaseForm {
    ctx: Ctx,
    heading: &'static str,
    action: String,
    cancel: String,
    v: CaseValues,
    vocabulary: Vec<NeedView>,
    advisers: Vec<StaffRef>,
    choose_adviser: bool,
    areas: Vec<Choice>,
    levels: Vec<Choice>,
    problems: Vec<FormProblem>,
    has_cpr: bool,
}

impl CaseForm {
    fn problem(&self, field: &str) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

async fn case_form(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    existing: Option<&ChildDetail>,
    v: CaseValues,
    problems: Vec<FormProblem>,
) -> PageResult {
    let vocabulary = kith_app::needs::list(s.app(), actor)
        .await
        .map_err(fail(&ctx))?;
    let advisers = kith_app::staff::with_role(s.app(), actor, Role::Adviser)
        .await
        .map_err(fail(&ctx))?;
    let (heading, action, cancel) = match existing {
        Some(c) => (
            "child.edit",
            format!("/children/{}", c.id),
            format!("/children/{}", c.id),
        ),
        None => ("child.new", "/children".to_owned(), "/children".to_owned()),
    };
    let status = super::form_status(&problems);
    let page = CaseForm {
        heading: ctx.t(heading),
        action,
        cancel,
        v,
        vocabulary: vocabulary.into_iter().filter(|n| n.active).collect(),
        advisers,
        choose_adviser: actor.has(Role::Leader),
        areas: area_choices(&ctx),
        levels: level_choices(&ctx),
        problems,
        has_cpr: existing.is_some_and(|c| c.cpr.is_some()),
        ctx,
    };
    Ok((status, page).into_response())
}

async fn new_form(State(s): State<AppState>, PageActor { actor, ctx }: PageActor) -> PageResult {
    if !kith_app::policy::may_create_child(&actor) {
        return Err(super::error_page(
            &ctx,
            AppError::forbidden("only advisers and leaders register children"),
        ));
    }
    let v = CaseValues {
        target_area: TargetArea::General.as_str().into(),
        support_level: NeedLevel::Moderate.as_str().into(),
        languages: "da".into(),
        ..Default::default()
    };
    case_form(&s, &actor, ctx, None, v, vec![]).await
}

async fn create(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    f: FormData,
) -> PageResult {
    match submit(&ctx, case_input(&f), |i| {
        kith_app::children::create(s.app(), &actor, i)
    })
    .await?
    {
        Ok(c) => Ok(see_other(&format!("/children/{}", c.id))),
        Err(problems) => {
            case_form(&s, &actor, ctx, None, CaseValues::from_form(&f), problems).await
        }
    }
}

async fn edit_form(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let c = kith_app::children::get(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    if !c.permissions.change {
        return Err(super::error_page(
            &ctx,
            AppError::forbidden("you may read this case but not change it"),
        ));
    }
    let v = CaseValues::from_detail(&c);
    case_form(&s, &actor, ctx, Some(&c), v, vec![]).await
}

async fn update(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let update = |i| kith_app::children::update(s.app(), &actor, ChildId(id), i);
    match submit(&ctx, case_input(&f), update).await? {
        Ok(c) => Ok(see_other(&format!("/children/{}", c.id))),
        Err(problems) => {
            let c = kith_app::children::get(s.app(), &actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            case_form(
                &s,
                &actor,
                ctx,
                Some(&c),
                CaseValues::from_form(&f),
                problems,
            )
            .await
        }
    }
}

// ---- needs profile (match unit) ---------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "pages/child_profile_form.html")]
struct ProfileForm {
    ctx: Ctx,
    child: ChildDetail,
    v: CaseValues,
    vocabulary: Vec<NeedView>,
    areas: Vec<Choice>,
    levels: Vec<Choice>,
    problems: Vec<FormProblem>,
}

impl ProfileForm {
    fn problem(&self, field: &str) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

async fn profile_page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    child: ChildDetail,
    v: CaseValues,
    problems: Vec<FormProblem>,
) -> PageResult {
    let vocabulary = kith_app::needs::list(s.app(), actor)
        .await
        .map_err(fail(&ctx))?;
    let status = super::form_status(&problems);
    Ok((
        status,
        ProfileForm {
            areas: area_choices(&ctx),
            levels: level_choices(&ctx),
            vocabulary: vocabulary.into_iter().filter(|n| n.active).collect(),
            ctx,
            child,
            v,
            problems,
        },
    )
        .into_response())
}

async fn profile_form(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let c = kith_app::children::get(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    let v = CaseValues::from_detail(&c);
    profile_page(&s, &actor, ctx, c, v, vec![]).await
}

async fn update_profile(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    f: FormData,
) -> PageResult {
    let v = JsonBuilder::default()
        .text("target_area", f.get("target_area"))
        .text("support_level", f.get("support_level"))
        .flag(
            "needs_wheelchair_access",
            f.checked("needs_wheelchair_access"),
        )
        .value("needs", needs_json(&f))
        .build();
    let update =
        |i: ProfileInput| kith_app::children::update_profile(s.app(), &actor, ChildId(id), i);
    match submit(&ctx, parse_input(v), update).await? {
        Ok(_) => Ok(see_other(&format!("/children/{id}"))),
        Err(problems) => {
            let c = kith_app::children::get(s.app(), &actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            profile_page(&s, &actor, ctx, c, CaseValues::from_form(&f), problems).await
        }
    }
}
