//! User administration (administrators), the operator's `kith user add`, and a user's own
//! language preference.

use chrono::{DateTime, Utc};
use kith_domain::role::RoleConflict;
use kith_domain::{Email, Lang, Role, UnitId, UserId};
use kith_store::StoreError;
use kith_store::users::{NewUser, UserRecord};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction};
use crate::paging::{List, Pager};
use crate::validate::{Check, Problems, check};
use crate::{Actor, App, AppError, PageParams, Paged, Result, password, policy};

/// A user as administrators see it (never the password hash).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub id: UserId,
    #[schema(value_type = String)]
    pub email: Email,
    pub name: String,
    pub roles: Vec<Role>,
    pub unit_ids: Vec<UnitId>,
    pub locale: Lang,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// A new user.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserInput {
    #[schema(value_type = String, format = "email")]
    pub email: Email,
    pub name: String,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub unit_ids: Vec<UnitId>,
    #[serde(default)]
    pub locale: Lang,
}

/// Changes to a user.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserUpdateInput {
    #[schema(value_type = String, format = "email")]
    pub email: Email,
    pub name: String,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub unit_ids: Vec<UnitId>,
    pub locale: Lang,
    pub active: bool,
}

fn view(r: UserRecord) -> UserView {
    UserView {
        id: UserId(r.user.id),
        email: Email::parse(&r.user.email)
            .unwrap_or_else(|_| Email::parse("invalid@invalid.invalid").expect("valid")),
        name: r.user.name,
        roles: r.roles,
        unit_ids: r.unit_ids.into_iter().map(UnitId).collect(),
        locale: *r.user.locale,
        active: r.user.active,
        created_at: r.user.created_at,
    }
}

fn email_taken(e: StoreError) -> AppError {
    match e {
        StoreError::Duplicate { .. } => AppError::conflict("email", "problem.email_taken"),
        other => other.into(),
    }
}

async fn check_units(app: &App, units: &[UnitId]) -> Result<()> {
    let known: Vec<i64> = kith_store::units::all(app.db().conn())
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let mut p = Problems::default();
    for (i, u) in units.iter().enumerate() {
        if !known.contains(&u.0) {
            p.add(format!("unit_ids[{i}]"), "problem.no_such_unit");
        }
    }
    p.into_result()
}

/// Refuses roles one person may not hold together (`kith_domain::role::check_roles`).
fn check_role_combination(roles: &[Role]) -> Result<()> {
    match kith_domain::role::check_roles(roles) {
        Ok(()) => Ok(()),
        Err(RoleConflict::OversightWithCases) => {
            Err(AppError::invalid("roles", "problem.admin_case_roles"))
        }
        Err(RoleConflict::AdminWithAuditor) => {
            Err(AppError::invalid("roles", "problem.admin_auditor"))
        }
    }
}

/// What a user may reach, as audit codes: `roles=adviser,leader;units=3,4`.
pub(crate) fn access_detail(roles: &[Role], units: &[UnitId]) -> String {
    let mut roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    roles.sort_unstable();
    let mut units: Vec<i64> = units.iter().map(|u| u.0).collect();
    units.sort_unstable();
    let units: Vec<String> = units.iter().map(i64::to_string).collect();
    format!("roles={};units={}", roles.join(","), units.join(","))
}

/// Creates a user (administrators). The administrator never chooses the password: the new
/// user gets an e-mail with a one-time link to choose it (`credentials::send_reset`), so an
/// administrator cannot make an account for themselves to log into.
pub async fn create(app: &App, actor: &Actor, input: NewUserInput) -> Result<UserView> {
    policy::require_admin(actor)?;
    check(&input)?;
    check_units(app, &input.unit_ids).await?;
    let user = create_unchecked(app, Some(actor.id), input, None).await?;
    // Where people sign in through the identity provider alone, there is no password to choose.
    if app.providers().passwords() {
        crate::credentials::send_reset(app, actor, user.id).await?;
    }
    Ok(user)
}

/// A stored "hash" that no password matches (a user who has not chosen one yet).
pub(crate) const NO_PASSWORD: &str = "!no-password-chosen";

async fn create_unchecked(
    app: &App,
    by: Option<UserId>,
    input: NewUserInput,
    password_text: Option<&str>,
) -> Result<UserView> {
    check_role_combination(&input.roles)?;
    let hash = match password_text {
        Some(text) => {
            password::check_policy(
                "password",
                text,
                &[input.name.as_str(), input.email.as_str()],
            )?;
            app.hashing().hash(text).await?
        }
        None => NO_PASSWORD.to_owned(),
    };
    let tx = app.db().begin_write().await?;
    let id = kith_store::users::insert(
        &tx,
        &NewUser {
            email: input.email.clone(),
            name: input.name.trim().to_owned(),
            password_hash: hash,
            locale: input.locale,
            active: true,
        },
        app.now(),
    )
    .await
    .map_err(email_taken)?;
    kith_store::users::set_roles(&tx, id, &input.roles).await?;
    kith_store::users::set_units(
        &tx,
        id,
        &input.unit_ids.iter().map(|u| u.0).collect::<Vec<_>>(),
    )
    .await?;
    audit::event(
        &tx,
        app,
        by,
        AuditAction::UserCreate,
        "user",
        Some(id),
        Some(access_detail(&input.roles, &input.unit_ids)),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    get_unchecked(app, UserId(id)).await
}

/// Creates a user from the command line (`kith user add`), with the password the operator
/// gives; unit names are looked up.
pub async fn create_from_cli(
    app: &App,
    email: &str,
    name: &str,
    roles: Vec<Role>,
    unit_names: &[String],
    password_text: &str,
) -> Result<UserView> {
    let email = Email::parse(email).map_err(|e| AppError::invalid("email", e.message()))?;
    let mut unit_ids = Vec::new();
    for n in unit_names {
        let u = kith_store::units::find_by_name(app.db().conn(), n)
            .await?
            .ok_or_else(|| {
                AppError::invalid(
                    "unit",
                    kith_domain::Message::new("problem.no_unit_named").text("name", n.as_str()),
                )
            })?;
        unit_ids.push(UnitId(u.id));
    }
    let input = NewUserInput {
        email,
        name: name.to_owned(),
        roles,
        unit_ids,
        locale: Lang::Da,
    };
    check(&input)?;
    create_unchecked(app, None, input, Some(password_text)).await
}

async fn get_unchecked(app: &App, id: UserId) -> Result<UserView> {
    kith_store::users::get(app.db().conn(), id.0)
        .await?
        .map(view)
        .ok_or(AppError::NotFound("user"))
}

/// One user (administrators).
pub async fn get(app: &App, actor: &Actor, id: UserId) -> Result<UserView> {
    policy::require_admin(actor)?;
    get_unchecked(app, id).await
}

/// All users, by name (administrators).
pub async fn list(app: &App, actor: &Actor, page: &PageParams) -> Result<Paged<UserView>> {
    policy::require_admin(actor)?;
    let pager = Pager::new(app, actor, List::Users);
    let page = kith_store::users::list(app.db().conn(), pager.request(page)?).await?;
    Ok(pager.page(page, view))
}

/// Changes a user (administrators). Nobody changes their own roles or units or disables
/// themselves: granting oneself case access, or locking the municipality out by accident,
/// always takes a second administrator. Every change is audited with what it changed;
/// disabling a user ends their sessions and revokes their tokens for good (enabling them
/// again brings neither back).
pub async fn update(
    app: &App,
    actor: &Actor,
    id: UserId,
    input: UserUpdateInput,
) -> Result<UserView> {
    policy::require_admin(actor)?;
    check(&input)?;
    check_units(app, &input.unit_ids).await?;
    let before = get_unchecked(app, id).await?;
    let access = access_detail(&input.roles, &input.unit_ids);
    let access_changed = access != access_detail(&before.roles, &before.unit_ids);
    if id == actor.id && (access_changed || !input.active) {
        return Err(AppError::forbidden(
            "nobody changes their own roles, units or access: ask another administrator",
        ));
    }
    check_role_combination(&input.roles)?;
    let tx = app.db().begin_write().await?;
    kith_store::users::update(
        &tx,
        id.0,
        &input.email,
        input.name.trim(),
        input.locale,
        input.active,
        app.now(),
    )
    .await
    .map_err(email_taken)?;
    kith_store::users::set_roles(&tx, id.0, &input.roles).await?;
    kith_store::users::set_units(
        &tx,
        id.0,
        &input.unit_ids.iter().map(|u| u.0).collect::<Vec<_>>(),
    )
    .await?;
    let event = async |action: AuditAction, detail: Option<String>| {
        audit::event(&tx, app, Some(actor.id), action, "user", Some(id.0), detail).await
    };
    event(AuditAction::UserUpdate, None).await?;
    // A new address is where the next reset link goes: what was reachable through the old
    // one ends (sessions, tokens, open links), and the change is on record.
    if before.email != input.email {
        kith_store::users::end_sessions(&tx, id.0, Utc::now()).await?;
        kith_store::tokens::revoke_all(&tx, id.0, app.now()).await?;
        kith_store::password_resets::void_open(&tx, id.0, Utc::now()).await?;
        event(AuditAction::UserEmailChange, None).await?;
    }
    if access_changed {
        event(AuditAction::UserAccessChange, Some(access)).await?;
    }
    match (before.active, input.active) {
        (true, false) => {
            kith_store::users::end_sessions(&tx, id.0, Utc::now()).await?;
            kith_store::password_resets::void_open(&tx, id.0, Utc::now()).await?;
            let revoked = kith_store::tokens::revoke_all(&tx, id.0, app.now()).await?;
            event(
                AuditAction::UserDisable,
                Some(format!("tokens_revoked={revoked}")),
            )
            .await?;
        }
        (false, true) => event(AuditAction::UserEnable, None).await?,
        _ => {}
    }
    tx.commit().await.map_err(StoreError::from)?;
    get_unchecked(app, id).await
}

/// Ends every session of a user at once and revokes their API tokens ("log out
/// everywhere"): their own, or any user's for an administrator (a lost laptop). Audited.
pub async fn end_sessions(app: &App, actor: &Actor, id: UserId) -> Result<()> {
    if id != actor.id {
        policy::require_admin(actor)?;
    }
    get_unchecked(app, id).await?;
    let tx = app.db().begin_write().await?;
    kith_store::users::end_sessions(&tx, id.0, Utc::now()).await?;
    let revoked = kith_store::tokens::revoke_all(&tx, id.0, app.now()).await?;
    audit::event(
        &tx,
        app,
        Some(actor.id),
        AuditAction::SessionEnded,
        "user",
        Some(id.0),
        Some(format!("tokens_revoked={revoked}")),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Sets the actor's own language for pages and e-mails.
pub async fn set_my_locale(app: &App, actor: &Actor, locale: Lang) -> Result<()> {
    kith_store::users::set_locale(app.db().conn(), actor.id.0, locale).await?;
    Ok(())
}

impl Check for NewUserInput {
    fn check(&self, p: &mut Problems) {
        p.name("name", &self.name, 200);
        p.not_empty("roles", &self.roles);
    }
}

impl Check for UserUpdateInput {
    fn check(&self, p: &mut Problems) {
        p.name("name", &self.name, 200);
        p.not_empty("roles", &self.roles);
    }
}
