//! API tokens for scripts: created by their owner (or by an operator on the command line),
//! listed and revoked by their owner and by administrators. The secret is shown once; only
//! its hash is kept. Every token expires (90 days unless asked otherwise, a year at most),
//! judged by the real clock like sessions; creating and revoking one is audited.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use kith_domain::{Email, TokenId, UserId};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction};
use crate::auth::token_hash;
use crate::validate::{Check, Problems, check};
use crate::{Actor, App, AppError, Result, policy};

/// How long a token lives unless its maker asks otherwise.
pub const DEFAULT_DAYS: u32 = 90;
/// The longest a token may live.
pub const MAX_DAYS: u32 = 365;

/// A request for a new token.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenInput {
    /// What the token is for, e.g. "nightly export".
    pub name: String,
    /// Days until it expires (1-365, default 90).
    #[serde(default = "default_days")]
    pub expires_in_days: u32,
}

fn default_days() -> u32 {
    DEFAULT_DAYS
}

/// A token as listed (without the secret).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenView {
    pub id: TokenId,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// A newly created token, with its secret (shown this once; never in `Debug`).
#[derive(Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    pub token: TokenView,
    /// Send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

impl std::fmt::Debug for CreatedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedToken")
            .field("token", &self.token)
            .field("secret", &"[redacted]")
            .finish()
    }
}

fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    format!("kith_{}", URL_SAFE_NO_PAD.encode(bytes))
}

fn view(t: kith_store::entities::api_token::Model) -> TokenView {
    TokenView {
        id: TokenId(t.id),
        name: t.name,
        prefix: t.prefix,
        created_at: t.created_at,
        last_used_at: t.last_used_at,
        revoked_at: t.revoked_at,
        expires_at: t.expires_at,
    }
}

async fn create_for(
    app: &App,
    by: Option<UserId>,
    user_id: i64,
    name: &str,
    days: u32,
) -> Result<CreatedToken> {
    let secret = new_secret();
    let prefix: String = secret.chars().take(12).collect();
    let now = app.now();
    let expires_at = Utc::now() + Duration::days(i64::from(days.clamp(1, MAX_DAYS)));
    let tx = app.db().begin_write().await?;
    let id = kith_store::tokens::insert(
        &tx,
        &kith_store::tokens::NewToken {
            user_id,
            name,
            token_hash: &token_hash(&secret),
            prefix: &prefix,
            created_at: now,
            expires_at,
        },
    )
    .await?;
    audit::event(
        &tx,
        app,
        by,
        AuditAction::TokenCreate,
        "api_token",
        Some(id),
        Some(format!("user={user_id};days={days}")),
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedToken {
        token: TokenView {
            id: TokenId(id),
            name: name.to_owned(),
            prefix,
            created_at: now,
            last_used_at: None,
            revoked_at: None,
            expires_at: Some(expires_at),
        },
        secret,
    })
}

/// Creates a token for the actor.
pub async fn create(app: &App, actor: &Actor, input: NewTokenInput) -> Result<CreatedToken> {
    check(&input)?;
    create_for(
        app,
        Some(actor.id),
        actor.id.0,
        input.name.trim(),
        input.expires_in_days,
    )
    .await
}

/// Creates a token for a user by e-mail (the operator's `kith token create`).
pub async fn create_for_email(
    app: &App,
    email: &str,
    name: &str,
    days: Option<u32>,
) -> Result<CreatedToken> {
    let email = Email::parse(email).map_err(|e| AppError::invalid("email", e.message()))?;
    let user = kith_store::users::find_by_email(app.db().conn(), &email)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    create_for(app, None, user.user.id, name, days.unwrap_or(DEFAULT_DAYS)).await
}

/// The actor's tokens.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<TokenView>> {
    Ok(kith_store::tokens::of_user(app.db().conn(), actor.id.0)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Any user's tokens (administrators), to find and revoke a lost one.
pub async fn list_of_user(app: &App, actor: &Actor, user: UserId) -> Result<Vec<TokenView>> {
    policy::require_admin(actor)?;
    kith_store::users::get(app.db().conn(), user.0)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    Ok(kith_store::tokens::of_user(app.db().conn(), user.0)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

async fn revoke_of(app: &App, actor: &Actor, user: UserId, id: TokenId) -> Result<()> {
    let tx = app.db().begin_write().await?;
    if !kith_store::tokens::revoke(&tx, id.0, user.0, app.now()).await? {
        return Err(AppError::NotFound("token"));
    }
    audit::event(
        &tx,
        app,
        Some(actor.id),
        AuditAction::TokenRevoke,
        "api_token",
        Some(id.0),
        Some(format!("user={}", user.0)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Revokes one of the actor's tokens.
pub async fn revoke(app: &App, actor: &Actor, id: TokenId) -> Result<()> {
    revoke_of(app, actor, actor.id, id).await
}

/// Revokes any user's token (administrators).
pub async fn revoke_of_user(app: &App, actor: &Actor, user: UserId, id: TokenId) -> Result<()> {
    policy::require_admin(actor)?;
    revoke_of(app, actor, user, id).await
}

impl Check for NewTokenInput {
    fn check(&self, p: &mut Problems) {
        p.name("name", &self.name, 100);
        p.between(
            "expires_in_days",
            self.expires_in_days.into(),
            1,
            MAX_DAYS.into(),
        );
    }
}
