//! Passwords after the first: a person changes their own with the current one, and an
//! administrator sends a one-time link when it is forgotten (OWASP ASVS 4.0 2.1, 2.5).
//!
//! - A change checks the current password under the login throttle, the new one against the
//!   policy (`password::check_policy`), ends every other session of the person and revokes
//!   their API tokens (a token made by whoever knew the old password must not outlive it).
//! - A reset link is a random secret, stored as its hash, valid for [`RESET_HOURS`] and once;
//!   sending a new one voids the old. The outbox keeps the secret sealed with the server key
//!   (`CprVault::seal_token`), so a copy of the database holds no usable link. Using the link
//!   sets the password, ends the person's sessions and forgets their failed logins.
//! - The administrator never sees or sets the password: they only send the link.
//!
//! Every step is audited.

use std::net::IpAddr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use kith_domain::UserId;
use kith_store::StoreError;
use kith_store::outbox::NewEmail;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction};
use crate::auth::{LoginAttempt, token_hash};
use crate::mail::render::kinds;
use crate::{Actor, App, AppError, Result, password, policy};

/// How long a reset link works.
pub const RESET_HOURS: i64 = 24;

/// What the outbox seals a reset secret under.
pub(crate) const RESET_CONTEXT: &[u8] = b"kith-password-reset";

/// A change of one's own password.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordInput {
    #[schema(value_type = String, format = Password)]
    pub current_password: SecretString,
    /// 12 to 128 characters, not easy to guess, without one's name or e-mail address.
    #[schema(value_type = String, format = Password)]
    pub new_password: SecretString,
}

/// A new password set through a reset link.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordInput {
    /// The secret from the link.
    #[schema(value_type = String, format = Password)]
    pub token: SecretString,
    #[schema(value_type = String, format = Password)]
    pub new_password: SecretString,
}

/// What the outbox holds for a reset e-mail: the link's secret, sealed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ResetPayload {
    pub reset_id: i64,
    pub sealed: String,
}

/// Changes the actor's password. The current one is checked like a login (a wrong one counts
/// towards the lock); every other session of the actor ends. The caller starts the actor's
/// own session again.
pub async fn change_own(
    app: &App,
    actor: &Actor,
    input: ChangePasswordInput,
    source: Option<IpAddr>,
) -> Result<()> {
    crate::auth::passwords_on(app)?;
    let attempt = LoginAttempt {
        email: actor.email.as_str(),
        password: input.current_password.expose_secret(),
        source,
    };
    match crate::auth::verify(app, attempt).await {
        Ok(id) if id == actor.id => {}
        Ok(_) | Err(AppError::Unauthenticated) => {
            return Err(AppError::invalid(
                "current_password",
                "problem.password_wrong",
            ));
        }
        Err(e) => return Err(e),
    }
    if input.new_password.expose_secret() == input.current_password.expose_secret() {
        return Err(AppError::invalid("new_password", "problem.password_same"));
    }
    set_password(
        app,
        actor.id,
        input.new_password.expose_secret(),
        (&actor.name, actor.email.as_str()),
        AuditAction::PasswordChange,
        actor.id,
    )
    .await
}

/// Checks, hashes and stores a new password, ends the user's sessions and audits it.
async fn set_password(
    app: &App,
    user: UserId,
    new_password: &str,
    (name, email): (&str, &str),
    action: AuditAction,
    by: UserId,
) -> Result<()> {
    password::check_policy("new_password", new_password, &[name, email])?;
    let hash = app.hashing().hash(new_password).await?;
    let tx = app.db().begin_write().await?;
    kith_store::users::set_password_hash(&tx, user.0, &hash).await?;
    kith_store::users::end_sessions(&tx, user.0, Utc::now()).await?;
    let revoked = kith_store::tokens::revoke_all(&tx, user.0, app.now()).await?;
    audit::event(
        &tx,
        app,
        Some(by),
        action,
        "user",
        Some(user.0),
        Some(format!("tokens_revoked={revoked}")),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Sends a user a one-time link to set a new password (administrators; not to themselves,
/// who change theirs on their own page). An earlier unused link stops working.
pub async fn send_reset(app: &App, actor: &Actor, user: UserId) -> Result<()> {
    policy::require_admin(actor)?;
    crate::auth::passwords_on(app)?;
    if user == actor.id {
        return Err(AppError::forbidden(
            "change your own password on your own page",
        ));
    }
    let target = kith_store::users::get(app.db().conn(), user.0)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    if !target.user.active {
        return Err(AppError::conflict("user", "problem.user_disabled"));
    }
    // Changing someone's address and sending their reset link to it would hand one
    // administrator the account: within a day of their own change, another sends it.
    if kith_store::audit::done_since(
        app.db().conn(),
        actor.id.0,
        AuditAction::UserEmailChange.as_str(),
        "user",
        user.0,
        app.now() - Duration::hours(24),
    )
    .await?
    {
        return Err(AppError::forbidden(
            "you changed this user's e-mail address within a day: another administrator sends the link",
        ));
    }
    let secret = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let now = Utc::now();
    let tx = app.db().begin_write().await?;
    kith_store::password_resets::void_open(&tx, user.0, now).await?;
    let reset_id = kith_store::password_resets::insert(
        &tx,
        user.0,
        &token_hash(&secret),
        actor.id.0,
        now,
        now + Duration::hours(RESET_HOURS),
    )
    .await?;
    let payload = ResetPayload {
        reset_id,
        sealed: app.vault().seal_token(RESET_CONTEXT, secret.as_bytes()),
    };
    kith_store::outbox::enqueue(
        &tx,
        &[NewEmail {
            recipient_id: user.0,
            kind: kinds::PASSWORD_RESET.to_owned(),
            payload: serde_json::to_string(&payload).map_err(AppError::internal)?,
            dedupe_key: format!("password_reset:{reset_id}"),
        }],
        app.now(),
    )
    .await?;
    audit::event(
        &tx,
        app,
        Some(actor.id),
        AuditAction::PasswordResetSent,
        "user",
        Some(user.0),
        None,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Whether a reset link still works (the page shows its form, or says it has expired).
pub async fn reset_is_open(app: &App, token: &str) -> Result<bool> {
    Ok(
        kith_store::password_resets::open_by_hash(app.db().conn(), &token_hash(token), Utc::now())
            .await?
            .is_some(),
    )
}

/// Sets a new password through a reset link, once. An unknown, used or expired link is a
/// 404, all alike.
pub async fn use_reset(app: &App, input: ResetPasswordInput) -> Result<()> {
    crate::auth::passwords_on(app)?;
    let gone = || AppError::NotFound("reset link");
    let now = Utc::now();
    let reset = kith_store::password_resets::open_by_hash(
        app.db().conn(),
        &token_hash(input.token.expose_secret().trim()),
        now,
    )
    .await?
    .ok_or_else(gone)?;
    let user = kith_store::users::get(app.db().conn(), reset.user_id)
        .await?
        .filter(|u| u.user.active)
        .ok_or_else(gone)?;
    password::check_policy(
        "new_password",
        input.new_password.expose_secret(),
        &[&user.user.name, &user.user.email],
    )?;
    let hash = app
        .hashing()
        .hash(input.new_password.expose_secret())
        .await?;
    let tx = app.db().begin_write().await?;
    if !kith_store::password_resets::mark_used(&tx, reset.id, now).await? {
        return Err(gone());
    }
    kith_store::users::set_password_hash(&tx, user.user.id, &hash).await?;
    kith_store::users::end_sessions(&tx, user.user.id, now).await?;
    let revoked = kith_store::tokens::revoke_all(&tx, user.user.id, app.now()).await?;
    audit::event(
        &tx,
        app,
        Some(UserId(user.user.id)),
        AuditAction::PasswordResetUsed,
        "user",
        Some(user.user.id),
        Some(format!("tokens_revoked={revoked}")),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    crate::auth::forget_failures(app, &user.user.email).await
}

/// The payload an e-mail is rendered from: a reset e-mail's sealed secret opened (in memory
/// only, for the moment of sending); any other e-mail's payload as stored.
pub(crate) fn unseal_payload(app: &App, kind: &str, payload: &str) -> Result<String> {
    if kind != kinds::PASSWORD_RESET {
        return Ok(payload.to_owned());
    }
    let stored: ResetPayload = serde_json::from_str(payload).map_err(AppError::internal)?;
    let secret = app
        .vault()
        .open_token(RESET_CONTEXT, &stored.sealed)
        .and_then(|s| String::from_utf8(s).ok())
        .ok_or_else(|| AppError::internal("a reset link that does not open"))?;
    serde_json::to_string(&crate::mail::render::ResetLinkPayload { secret })
        .map_err(AppError::internal)
}
