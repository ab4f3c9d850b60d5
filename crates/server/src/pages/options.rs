//! Placement option pages: list, record, register/edit form, capacity confirmation.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kith_app::needs::NeedView;
use kith_app::options::{OptionDetail, OptionInput, OptionListParams, OptionSort, OptionSummary};
use kith_app::staff::StaffRef;
use kith_app::{Actor, AppError, Paged};
use kith_domain::{
    ApprovalAuthority, ApprovalStatus, InstitutionForm, PlacementKind, PlacementOptionId, Role,
    TargetArea,
};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Choice;
use super::ctx::PageQuery;
use super::form::{Form, Shape, checkbox, code_list};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, problem_for, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/options", get(list).post(create))
        .route("/options/new", get(new_form))
        .route("/options/{id}", get(show).post(update))
        .route("/options/{id}/edit", get(edit_form))
        .route("/options/{id}/confirm-capacity", post(confirm_capacity))
}

fn kind_choices(ctx: &Ctx) -> Vec<Choice> {
    super::term_choices::<PlacementKind>(ctx)
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
    /// The order shown: `name` or `free_places`.
    sort: &'static str,
    /// The filters in force, for the column headers' links to another order.
    filters: Vec<(&'static str, String)>,
    next_url: Option<String>,
    can_create: bool,
}

impl ListPage {
    /// The list in another order, with the same filters.
    fn sorted_by(&self, sort: &str) -> String {
        let mut pairs = self.filters.clone();
        pairs.push(("sort", sort.to_owned()));
        format!(
            "/options?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}

/// The filters of the list as address pairs (no order, no cursor).
fn filter_pairs(q: &OptionListParams) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if let Some(k) = q.kind {
        pairs.push(("kind", k.as_str().into()));
    }
    if let Some(t) = q.target_area {
        pairs.push(("target_area", t.as_str().into()));
    }
    if let Some(m) = q.min_free_places {
        pairs.push(("min_free_places", m.to_string()));
    }
    pairs
}

async fn list(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<OptionListParams>,
) -> PageResult {
    let page = kith_app::options::list(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let sort = match q.sort {
        Some(OptionSort::FreePlaces) => "free_places",
        _ => "name",
    };
    let filters = filter_pairs(&q);
    // The order goes with the next page's link: a page of one order never continues another.
    let next_url = page.next_cursor.clone().map(|c| {
        let mut pairs = filters.clone();
        if sort != "name" {
            pairs.push(("sort", sort.to_owned()));
        }
        pairs.push(("cursor", c));
        format!(
            "/options?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    });
    Ok(ListPage {
        kinds: kind_choices(&ctx),
        areas: super::term_choices::<TargetArea>(&ctx),
        kind: q.kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        target_area: q
            .target_area
            .map(|k| k.as_str().to_owned())
            .unwrap_or_default(),
        min_free: q.min_free_places.map(|m| m.to_string()).unwrap_or_default(),
        sort,
        filters,
        next_url,
        can_create: kith_app::policy::may_create_option(&actor),
        page,
        ctx,
    }
    .into_response())
}

/// The option as the actor may read it, or the page that says why not.
pub(super) async fn option(
    s: &AppState,
    actor: &Actor,
    ctx: &Ctx,
    id: i64,
) -> Result<OptionDetail, Response> {
    let id = PlacementOptionId(id);
    kith_app::options::get(s.app(), actor, id)
        .await
        .map_err(fail(ctx))
}

async fn show(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> PageResult {
    let o = option(&s, &actor, &ctx, id).await?;
    let today = s.app().today();
    let mut page = super::household::OptionPage::new(ctx, o, vec![], None, today);
    page.saved = query.as_deref() == Some("household=saved");
    Ok(page.into_response())
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

/// The option form as typed: the API's `OptionInput` field by field and by the same names, as
/// text; the coordinates, the approval and the age range as groups (`approval_status` is
/// `approval.status`); the competences as `comp_<code>` = highest level.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
struct OptionFields {
    kind: String,
    institution_form: String,
    name: String,
    address: String,
    coordinates_lat: String,
    coordinates_lon: String,
    approval_authority: String,
    approval_approved_on: String,
    approval_valid_until: String,
    approval_status: String,
    approved_places: String,
    age_range_min: String,
    age_range_max: String,
    target_areas: Vec<String>,
    languages: String,
    culture_religion: String,
    #[serde(deserialize_with = "checkbox")]
    wheelchair_access: bool,
    day_rate_dkk: String,
    responsible_consultant_id: String,
    network_child_id: String,
    /// `comp_<code>` -> level code (and the form's other fields, unused).
    #[serde(flatten, skip_serializing)]
    rest: BTreeMap<String, String>,
}

const OPTION: Shape = Shape {
    numbers: &[
        "coordinates_lat",
        "coordinates_lon",
        "approved_places",
        "age_range_min",
        "age_range_max",
        "day_rate_dkk",
        "responsible_consultant_id",
        "network_child_id",
    ],
    keep_blank: &["name", "address", "culture_religion"],
    groups: &["coordinates", "approval", "age_range"],
    ..Shape::PLAIN
};

impl OptionFields {
    fn level_of(&self, code: &str) -> &str {
        self.rest
            .get(&format!("comp_{code}"))
            .map_or("", |l| l.trim())
    }

    fn has_area(&self, code: &str) -> bool {
        self.target_areas.iter().any(|a| a == code)
    }

    /// The API's input.
    fn input(&self) -> Result<OptionInput, AppError> {
        let competences = self.rest.iter().filter_map(|(name, level)| {
            let code = name.strip_prefix("comp_")?;
            let level = level.trim();
            (!level.is_empty()).then(|| json!({ "code": code, "max_level": level }))
        });
        let competences = Value::Array(competences.collect());
        OPTION.input(self, |v| {
            v.insert("competences".into(), competences);
            v.insert("languages".into(), code_list(&self.languages));
        })
    }

    fn from_detail(o: &OptionDetail) -> Self {
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            kind: o.kind.as_str().into(),
            institution_form: o
                .institution_form
                .map(|f| f.as_str().to_owned())
                .unwrap_or_default(),
            name: o.name.clone(),
            address: o.address.clone(),
            coordinates_lat: o.coordinates.map(|c| c.lat.to_string()).unwrap_or_default(),
            coordinates_lon: o.coordinates.map(|c| c.lon.to_string()).unwrap_or_default(),
            approval_authority: o.approval.authority.as_str().into(),
            approval_approved_on: day(o.approval.approved_on),
            approval_valid_until: day(o.approval.valid_until),
            approval_status: o.approval.status.as_str().into(),
            approved_places: o.approved_places.to_string(),
            age_range_min: o.age_range.min.to_string(),
            age_range_max: o.age_range.max.to_string(),
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
            rest: o
                .competences
                .iter()
                .map(|c| (format!("comp_{}", c.code), c.max_level.as_str().to_owned()))
                .collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/option_form.html")]
struct OptionForm {
    ctx: Ctx,
    heading: &'static str,
    action: String,
    cancel: String,
    v: OptionFields,
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
    v: OptionFields,
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
        forms: super::term_choices::<InstitutionForm>(&ctx),
        authorities: super::keyed_choices::<ApprovalAuthority>(&ctx, "authority"),
        statuses: super::keyed_choices::<ApprovalStatus>(&ctx, "approval"),
        areas: super::term_choices::<TargetArea>(&ctx),
        levels: super::keyed_choices::<kith_domain::NeedLevel>(&ctx, "level"),
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
    let v = OptionFields {
        kind: PlacementKind::GeneralFosterFamily.as_str().into(),
        approval_authority: ApprovalAuthority::SocialSupervision.as_str().into(),
        approval_status: ApprovalStatus::Active.as_str().into(),
        approved_places: "1".into(),
        age_range_min: "0".into(),
        age_range_max: "17".into(),
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
    Form(f): Form<OptionFields>,
) -> PageResult {
    match submit(&ctx, f.input(), |i| {
        kith_app::options::create(s.app(), &actor, i)
    })
    .await?
    {
        Ok(o) => Ok(see_other(&format!("/options/{}", o.id))),
        Err(problems) => option_form(&s, &actor, ctx, None, f, problems).await,
    }
}

async fn edit_form(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let o = option(&s, &actor, &ctx, id).await?;
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
        OptionFields::from_detail(&o),
        vec![],
    )
    .await
}

async fn update(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<OptionFields>,
) -> PageResult {
    let update = |i| kith_app::options::update(s.app(), &actor, PlacementOptionId(id), i);
    match submit(&ctx, f.input(), update).await? {
        Ok(_) => Ok(see_other(&format!("/options/{id}"))),
        Err(problems) => option_form(&s, &actor, ctx, Some(id), f, problems).await,
    }
}
