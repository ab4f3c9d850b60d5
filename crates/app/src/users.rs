//! User administration (administrators), the operator's `kith user add`, and a user's own
//! language preference.

use chrono::{DateTime, Utc};
use garde::Validate;
use kith_domain::{Email, Lang, Role, UnitId, UserId};
use kith_store::StoreError;
use kith_store::users::{NewUser, UserRecord};
use serde::{Deserialize, Serialize};

use crate::validate::{Problems, check};
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
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserInput {
    #[garde(skip)]
    #[schema(value_type = String, format = "email")]
    pub email: Email,
    #[garde(length(chars, min = 1, max = 200))]
    pub name: String,
    #[garde(length(min = 1))]
    pub roles: Vec<Role>,
    #[garde(skip)]
    #[serde(default)]
    pub unit_ids: Vec<UnitId>,
    #[garde(skip)]
    #[serde(default)]
    pub locale: Lang,
    /// The initial password (at least 10 characters).
    #[garde(length(chars, min = 10, max = 200))]
    pub password: String,
}

/// Changes to a user.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserUpdateInput {
    #[garde(skip)]
    #[schema(value_type = String, format = "email")]
    pub email: Email,
    #[garde(length(chars, min = 1, max = 200))]
    pub name: String,
    #[garde(length(min = 1))]
    pub roles: Vec<Role>,
    #[garde(skip)]
    #[serde(default)]
    pub unit_ids: Vec<UnitId>,
    #[garde(skip)]
    pub locale: Lang,
    #[garde(skip)]
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
        locale: r.user.locale.parse().unwrap_or_default(),
        active: r.user.active,
        created_at: r.user.created_at,
    }
}

fn email_taken(e: StoreError) -> AppError {
    match e {
        StoreError::Duplicate { .. } => {
            AppError::conflict("email", "a user with this e-mail address already exists")
        }
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
            p.add(format!("unit_ids[{i}]"), "no such unit");
        }
    }
    p.into_result()
}

/// Creates a user (administrators).
pub async fn create(app: &App, actor: &Actor, input: NewUserInput) -> Result<UserView> {
    policy::require_admin(actor)?;
    check(&input)?;
    check_units(app, &input.unit_ids).await?;
    create_unchecked(app, input).await
}

async fn create_unchecked(app: &App, input: NewUserInput) -> Result<UserView> {
    password::check_policy(&input.password)?;
    let pw = input.password.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
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
    tx.commit().await.map_err(StoreError::from)?;
    get_unchecked(app, UserId(id)).await
}

/// Creates a user from the command line (`kith user add`); unit names are looked up.
pub async fn create_from_cli(
    app: &App,
    email: &str,
    name: &str,
    roles: Vec<Role>,
    unit_names: &[String],
    password_text: &str,
) -> Result<UserView> {
    let email = Email::parse(email).map_err(|e| AppError::invalid("email", e.to_string()))?;
    let mut unit_ids = Vec::new();
    for n in unit_names {
        let u = kith_store::units::find_by_name(app.db().conn(), n)
            .await?
            .ok_or_else(|| AppError::invalid("unit", format!("no unit named '{n}'")))?;
        unit_ids.push(UnitId(u.id));
    }
    let input = NewUserInput {
        email,
        name: name.to_owned(),
        roles,
        unit_ids,
        locale: Lang::Da,
        password: password_text.to_owned(),
    };
    check(&input)?;
    create_unchecked(app, input).await
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
    let page = kith_store::users::list(app.db().conn(), page.parse()?).await?;
    Ok(Paged::from_page(page, view))
}

/// Changes a user (administrators). An administrator cannot remove their own admin role or
/// deactivate themselves, so the municipality is never left without one by accident.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: UserId,
    input: UserUpdateInput,
) -> Result<UserView> {
    policy::require_admin(actor)?;
    check(&input)?;
    check_units(app, &input.unit_ids).await?;
    if id == actor.id && (!input.active || !input.roles.contains(&Role::Admin)) {
        return Err(AppError::conflict(
            "roles",
            "you cannot remove your own administrator access",
        ));
    }
    get_unchecked(app, id).await?;
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
    tx.commit().await.map_err(StoreError::from)?;
    get_unchecked(app, id).await
}

/// Sets the actor's own language for pages and e-mails.
pub async fn set_my_locale(app: &App, actor: &Actor, locale: Lang) -> Result<()> {
    kith_store::users::set_locale(app.db().conn(), actor.id.0, locale).await?;
    Ok(())
}
