//! Administration pages: users.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::get;
use kith_app::units::UnitView;
use kith_app::users::{NewUserInput, UserUpdateInput, UserView};
use kith_app::{Actor, AppError, PageParams, Paged};
use kith_domain::{Role, UserId};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::Choice;
use super::ctx::PageQuery;
use super::form::{Form, Shape, checkbox};
use super::{Ctx, FormProblem, PageActor, PageResult, fail, problem_for, see_other, submit};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users).post(create_user))
        .route("/admin/users/new", get(new_user))
        .route("/admin/users/{id}", get(edit_user).post(update_user))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/admin_users.html")]
struct UsersPage {
    ctx: Ctx,
    page: Paged<UserView>,
    units: Vec<UnitView>,
    next_url: Option<String>,
}

impl UsersPage {
    fn unit_names(&self, u: &UserView) -> String {
        u.unit_ids
            .iter()
            .filter_map(|id| {
                self.units
                    .iter()
                    .find(|x| x.id == *id)
                    .map(|x| x.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn users(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    PageQuery(q): PageQuery<PageParams>,
) -> PageResult {
    let page = kith_app::users::list(s.app(), &actor, &q)
        .await
        .map_err(fail(&ctx))?;
    let units = kith_app::units::list(s.app(), &actor)
        .await
        .map_err(fail(&ctx))?;
    let next_url = page
        .next_cursor
        .clone()
        .map(|c| format!("/admin/users?cursor={c}"));
    Ok(UsersPage {
        ctx,
        page,
        units,
        next_url,
    }
    .into_response())
}

/// A user as the administrator types them: the form shown and the form sent.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
struct UserValues {
    email: String,
    name: String,
    roles: Vec<String>,
    unit_ids: Vec<String>,
    locale: String,
    #[serde(deserialize_with = "checkbox")]
    active: bool,
}

const USER: Shape = Shape {
    numbers: &["unit_ids"],
    keep_blank: &["name"],
    ..Shape::PLAIN
};

impl UserValues {
    /// The API's input; a new user chooses their own password through the link they are
    /// sent, and is active from the start.
    fn input<I: DeserializeOwned>(&self, is_new: bool) -> Result<I, AppError> {
        USER.input(self, |m| {
            if is_new {
                m.remove("active");
            }
        })
    }
}

impl UserValues {
    fn has_role(&self, r: &str) -> bool {
        self.roles.iter().any(|x| x == r)
    }
    fn in_unit(&self, id: &kith_domain::UnitId) -> bool {
        self.unit_ids.iter().any(|x| *x == id.to_string())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/admin_user_form.html")]
struct UserForm {
    ctx: Ctx,
    action: String,
    is_new: bool,
    v: UserValues,
    roles: Vec<Choice>,
    units: Vec<UnitView>,
    problems: Vec<FormProblem>,
    /// The user's id and API tokens (an existing user).
    user_id: Option<i64>,
    tokens: Vec<kith_app::tokens::TokenView>,
    /// Whether passwords sign in here (else there are no reset links to send).
    passwords: bool,
    /// Whether an identity provider signs people in, and the user's links to them.
    has_providers: bool,
    identities: Vec<kith_app::sign_in::identities::IdentityView>,
    /// What was just done on the page (a reset link sent, sessions ended, a link removed).
    notice: Option<&'static str>,
}

impl UserForm {
    fn day(&self, t: Option<&chrono::DateTime<chrono::Utc>>) -> String {
        t.map(|t| {
            t.with_timezone(&kith_app::TIME_ZONE)
                .format("%d.%m.%Y")
                .to_string()
        })
        .unwrap_or_default()
    }

    fn day_and_time(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        let local = t.with_timezone(&kith_app::TIME_ZONE);
        format!(
            "{} {} {}",
            local.format("%d.%m.%Y"),
            self.ctx.t("users.at_time"),
            local.format("%H.%M")
        )
    }

    fn problem(&self, field: &str) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

/// What was just done on a user's page, from the address it came back to.
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct UserNoticeQuery {
    reset: Option<String>,
    sessions: Option<String>,
    identities: Option<String>,
}

impl UserNoticeQuery {
    fn notice(&self) -> Option<&'static str> {
        if self.reset.as_deref() == Some("sent") {
            Some("users.notice_reset_sent")
        } else if self.sessions.as_deref() == Some("ended") {
            Some("users.notice_sessions_ended")
        } else if self.identities.as_deref() == Some("unlinked") {
            Some("users.notice_unlinked")
        } else {
            None
        }
    }
}

async fn user_form(
    s: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: Option<i64>,
    v: UserValues,
    problems: Vec<FormProblem>,
    notice: Option<&'static str>,
) -> PageResult {
    kith_app::policy::require_admin(actor).map_err(fail(&ctx))?;
    let units = kith_app::units::list(s.app(), actor)
        .await
        .map_err(fail(&ctx))?;
    let status = super::form_status(&problems);
    let (tokens, identities) = match id {
        Some(i) => (
            kith_app::tokens::list_of_user(s.app(), actor, UserId(i))
                .await
                .map_err(fail(&ctx))?,
            kith_app::sign_in::identities::of_user(s.app(), actor, UserId(i))
                .await
                .map_err(fail(&ctx))?,
        ),
        None => (vec![], vec![]),
    };
    let providers = s.app().providers();
    let page = UserForm {
        user_id: id,
        tokens,
        passwords: providers.passwords(),
        has_providers: !providers.choices().is_empty(),
        identities,
        notice,
        action: id
            .map(|i| format!("/admin/users/{i}"))
            .unwrap_or_else(|| "/admin/users".into()),
        is_new: id.is_none(),
        v,
        roles: super::term_choices::<Role>(&ctx),
        units,
        problems,
        ctx,
    };
    Ok((status, page).into_response())
}

async fn new_user(State(s): State<AppState>, PageActor { actor, ctx }: PageActor) -> PageResult {
    let v = UserValues {
        locale: "da".into(),
        active: true,
        ..Default::default()
    };
    user_form(&s, &actor, ctx, None, v, vec![], None).await
}

async fn create_user(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Form(f): Form<UserValues>,
) -> PageResult {
    let create = |i: NewUserInput| kith_app::users::create(s.app(), &actor, i);
    match submit(&ctx, f.input(true), create).await? {
        Ok(_) => Ok(see_other("/admin/users")),
        Err(problems) => user_form(&s, &actor, ctx, None, f, problems, None).await,
    }
}

async fn edit_user(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    axum::extract::Query(done): axum::extract::Query<UserNoticeQuery>,
) -> PageResult {
    let u = kith_app::users::get(s.app(), &actor, UserId(id))
        .await
        .map_err(fail(&ctx))?;
    let v = UserValues {
        email: u.email.to_string(),
        name: u.name,
        roles: u.roles.iter().map(|r| r.as_str().to_owned()).collect(),
        unit_ids: u.unit_ids.iter().map(|i| i.to_string()).collect(),
        locale: u.locale.as_str().into(),
        active: u.active,
    };
    user_form(&s, &actor, ctx, Some(id), v, vec![], done.notice()).await
}

async fn update_user(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<UserValues>,
) -> PageResult {
    let update = |i: UserUpdateInput| kith_app::users::update(s.app(), &actor, UserId(id), i);
    match submit(&ctx, f.input(false), update).await? {
        Ok(_) => Ok(see_other("/admin/users")),
        Err(problems) => user_form(&s, &actor, ctx, Some(id), f, problems, None).await,
    }
}
