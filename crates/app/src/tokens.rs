//! API tokens for scripts: created by their owner (or by an operator on the command line),
//! listed and revoked by their owner. The secret is shown once; only its hash is kept.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use garde::Validate;
use kith_domain::{Email, TokenId};
use serde::{Deserialize, Serialize};

use crate::auth::token_hash;
use crate::validate::check;
use crate::{Actor, App, AppError, Result};

/// A request for a new token.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenInput {
    /// What the token is for, e.g. "nightly export".
    #[garde(length(chars, min = 1, max = 100))]
    pub name: String,
}

/// A token as listed to its owner (without the secret).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenView {
    pub id: TokenId,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A newly created token, with its secret (shown this once).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    pub token: TokenView,
    /// Send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    format!("kith_{}", URL_SAFE_NO_PAD.encode(bytes))
}

async fn create_for(app: &App, user_id: i64, name: &str) -> Result<CreatedToken> {
    let secret = new_secret();
    let prefix: String = secret.chars().take(12).collect();
    let now = app.now();
    let id = kith_store::tokens::insert(
        app.db().conn(),
        user_id,
        name,
        &token_hash(&secret),
        &prefix,
        now,
    )
    .await?;
    Ok(CreatedToken {
        token: TokenView {
            id: TokenId(id),
            name: name.to_owned(),
            prefix,
            created_at: now,
            last_used_at: None,
            revoked_at: None,
        },
        secret,
    })
}

/// Creates a token for the actor.
pub async fn create(app: &App, actor: &Actor, input: NewTokenInput) -> Result<CreatedToken> {
    check(&input)?;
    create_for(app, actor.id.0, input.name.trim()).await
}

/// Creates a token for a user by e-mail (the operator's `kith token create`).
pub async fn create_for_email(app: &App, email: &str, name: &str) -> Result<CreatedToken> {
    let email = Email::parse(email).map_err(|e| AppError::invalid("email", e.to_string()))?;
    let user = kith_store::users::find_by_email(app.db().conn(), &email)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    create_for(app, user.user.id, name).await
}

/// The actor's tokens.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<TokenView>> {
    Ok(kith_store::tokens::of_user(app.db().conn(), actor.id.0)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: TokenId(t.id),
            name: t.name,
            prefix: t.prefix,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        })
        .collect())
}

/// Revokes one of the actor's tokens.
pub async fn revoke(app: &App, actor: &Actor, id: TokenId) -> Result<()> {
    if kith_store::tokens::revoke(app.db().conn(), id.0, actor.id.0, app.now()).await? {
        Ok(())
    } else {
        Err(AppError::NotFound("token"))
    }
}
