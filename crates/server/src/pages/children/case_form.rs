//! The case form (register and edit) and the needs profile form, typed: `CaseFields` is
//! what was typed and, by its `Shape`, the API's input.

use super::*;

// ---- register / edit --------------------------------------------------------------------

/// The case form as typed: the API's `ChildInput` field by field and by the same names, as
/// text; a place as `{place}_address`, `_lat`, `_lon`; the needs as `need_<code>` = level.
/// The needs profile form is the part of it the match unit changes.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct CaseFields {
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
    parents_home_address: String,
    parents_home_lat: String,
    parents_home_lon: String,
    own_wishes: String,
    #[serde(deserialize_with = "checkbox")]
    needs_wheelchair_access: bool,
    placement_requested_on: String,
    /// `need_<code>` -> level code (and the form's other fields, unused).
    #[serde(flatten, skip_serializing)]
    rest: BTreeMap<String, String>,
}

/// The case: its texts may be cleared, the adviser is a number, two places.
const CASE: Shape = Shape {
    numbers: &["case_adviser_id"],
    keep_blank: &["name", "culture_religion_wishes", "own_wishes"],
    places: &["school", "parents_home"],
    ..Shape::PLAIN
};

/// The needs profile: target area, support level, wheelchair access and the needs.
const PROFILE: Shape = Shape::PLAIN;

impl CaseFields {
    fn level_of(&self, code: &str) -> &str {
        self.rest
            .get(&format!("need_{code}"))
            .map_or("", |l| l.trim())
    }

    /// The needs chosen: `[{code, level}]`.
    fn needs(&self) -> Value {
        let needs = self.rest.iter().filter_map(|(name, level)| {
            let code = name.strip_prefix("need_")?;
            let level = level.trim();
            (!level.is_empty()).then(|| json!({ "code": code, "level": level }))
        });
        Value::Array(needs.collect())
    }

    /// The API's case input.
    fn case_input(&self) -> Result<ChildInput, AppError> {
        CASE.input(self, |v| {
            v.insert("needs".into(), self.needs());
            v.insert("languages".into(), code_list(&self.languages));
        })
    }

    /// The API's needs profile input: only the profile's fields.
    fn profile_input(&self) -> Result<ProfileInput, AppError> {
        let profile = json!({
            "target_area": self.target_area,
            "support_level": self.support_level,
            "needs_wheelchair_access": self.needs_wheelchair_access,
        });
        PROFILE.input(&profile, |v| {
            v.insert("needs".into(), self.needs());
        })
    }

    fn from_detail(c: &ChildDetail) -> Self {
        let (school_address, school_lat, school_lon) = place_fields(&c.school);
        let (parents_home_address, parents_home_lat, parents_home_lon) =
            place_fields(&c.parents_home);
        Self {
            name: c.name.clone(),
            birth_date: c.birth_date.to_string(),
            cpr: String::new(),
            case_adviser_id: c.case_adviser.id.to_string(),
            target_area: c.target_area.as_str().to_owned(),
            support_level: c.support_level.as_str().to_owned(),
            languages: c.languages.join(", "),
            culture_religion_wishes: c.culture_religion_wishes.clone(),
            school_address,
            school_lat,
            school_lon,
            parents_home_address,
            parents_home_lat,
            parents_home_lon,
            own_wishes: c.own_wishes.clone(),
            needs_wheelchair_access: c.needs_wheelchair_access,
            placement_requested_on: c
                .placement_requested_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            rest: c
                .needs
                .iter()
                .map(|n| (format!("need_{}", n.code), n.level.as_str().to_owned()))
                .collect(),
        }
    }
}

/// A stored place as the three fields that show it: address, latitude, longitude.
fn place_fields(p: &Option<kith_domain::Place>) -> (String, String, String) {
    let Some(p) = p else {
        return Default::default();
    };
    let (lat, lon) = p
        .coordinates
        .map(|c| (c.lat.to_string(), c.lon.to_string()))
        .unwrap_or_default();
    (p.address.clone(), lat, lon)
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/child_form.html")]
pub(super) struct CaseForm {
    ctx: Ctx,
    heading: &'static str,
    action: String,
    cancel: String,
    v: CaseFields,
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

pub(super) async fn case_form(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    existing: Option<&ChildDetail>,
    v: CaseFields,
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
    let status = crate::pages::form_status(&problems);
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

pub(super) async fn new_form(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
) -> PageResult {
    if !kith_app::policy::may_create_child(&actor) {
        return Err(crate::pages::error_page(
            &ctx,
            AppError::forbidden("only advisers and leaders register children"),
        ));
    }
    let v = CaseFields {
        target_area: TargetArea::General.as_str().into(),
        support_level: NeedLevel::Moderate.as_str().into(),
        languages: "da".into(),
        ..Default::default()
    };
    case_form(&s, &actor, ctx, None, v, vec![]).await
}

pub(super) async fn create(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Form(f): Form<CaseFields>,
) -> PageResult {
    match submit(&ctx, f.case_input(), |i| {
        kith_app::children::create(s.app(), &actor, i)
    })
    .await?
    {
        Ok(c) => Ok(see_other(&format!("/children/{}", c.id))),
        Err(problems) => case_form(&s, &actor, ctx, None, f, problems).await,
    }
}

pub(super) async fn edit_form(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let c = kith_app::children::get(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    if !c.permissions.change {
        return Err(crate::pages::error_page(
            &ctx,
            AppError::forbidden("you may read this case but not change it"),
        ));
    }
    let v = CaseFields::from_detail(&c);
    case_form(&s, &actor, ctx, Some(&c), v, vec![]).await
}

pub(super) async fn update(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<CaseFields>,
) -> PageResult {
    let update = |i| kith_app::children::update(s.app(), &actor, ChildId(id), i);
    match submit(&ctx, f.case_input(), update).await? {
        Ok(c) => Ok(see_other(&format!("/children/{}", c.id))),
        Err(problems) => {
            let c = kith_app::children::get(s.app(), &actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            case_form(&s, &actor, ctx, Some(&c), f, problems).await
        }
    }
}

// ---- needs profile (match unit) ---------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "pages/child_profile_form.html")]
pub(super) struct ProfileForm {
    ctx: Ctx,
    child: ChildDetail,
    v: CaseFields,
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

pub(super) async fn profile_page(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    child: ChildDetail,
    v: CaseFields,
    problems: Vec<FormProblem>,
) -> PageResult {
    let vocabulary = kith_app::needs::list(s.app(), actor)
        .await
        .map_err(fail(&ctx))?;
    let status = crate::pages::form_status(&problems);
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

pub(super) async fn profile_form(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let c = kith_app::children::get(s.app(), &actor, ChildId(id))
        .await
        .map_err(fail(&ctx))?;
    let v = CaseFields::from_detail(&c);
    profile_page(&s, &actor, ctx, c, v, vec![]).await
}

pub(super) async fn update_profile(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<CaseFields>,
) -> PageResult {
    let update =
        |i: ProfileInput| kith_app::children::update_profile(s.app(), &actor, ChildId(id), i);
    match submit(&ctx, f.profile_input(), update).await? {
        Ok(_) => Ok(see_other(&format!("/children/{id}"))),
        Err(problems) => {
            let c = kith_app::children::get(s.app(), &actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            profile_page(&s, &actor, ctx, c, f, problems).await
        }
    }
}
