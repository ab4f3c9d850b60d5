//! Logging in and recognising who is calling: by session or by API token.

use kith_domain::throttle::LoginThrottle;
use kith_domain::{Email, Lang, UnitId, UnitKind, UserId};
use sha2::{Digest, Sha256};

use crate::actor::ActorUnit;
use crate::{Actor, App, AppError, Result, password};

/// Checks an e-mail and password. Every failure looks the same to the caller (no hint whether
/// the e-mail exists), and takes as long.
///
/// Five failures on one address within 15 minutes lock it for 15 minutes (429 with the time to
/// wait), whether or not the address exists; a success forgets the failures.
pub async fn login(app: &App, email: &str, password_text: &str) -> Result<Actor> {
    let throttle = LoginThrottle::default();
    let key = token_hash(&format!("login:{}", email.trim().to_lowercase()));
    let conn = app.db().conn();
    let now = app.now();
    let attempts = kith_store::login_attempts::get(conn, &key).await?;
    if let Some(secs) = throttle.locked_for(attempts.as_ref(), now) {
        return Err(AppError::TooManyAttempts {
            retry_after_secs: secs,
        });
    }
    match check_password(app, email, password_text).await {
        Ok(actor) => {
            if attempts.is_some() {
                kith_store::login_attempts::clear(conn, &key).await?;
            }
            Ok(actor)
        }
        Err(AppError::Unauthenticated) => {
            let next = throttle.after_failure(attempts, now);
            kith_store::login_attempts::put(conn, &key, next).await?;
            tracing::info!(
                failures = next.failures,
                locked = next.locked_until.is_some(),
                "login failed"
            );
            match throttle.locked_for(Some(&next), now) {
                Some(secs) => Err(AppError::TooManyAttempts {
                    retry_after_secs: secs,
                }),
                None => Err(AppError::Unauthenticated),
            }
        }
        Err(e) => Err(e),
    }
}

async fn check_password(app: &App, email: &str, password_text: &str) -> Result<Actor> {
    let bad = || AppError::Unauthenticated;
    let Ok(email) = Email::parse(email) else {
        password::verify(password_text, password::dummy_hash());
        return Err(bad());
    };
    let record = kith_store::users::find_by_email(app.db().conn(), &email).await?;
    let Some(record) = record else {
        password::verify(password_text, password::dummy_hash());
        return Err(bad());
    };
    let hash = record.user.password_hash.clone();
    let pw = password_text.to_owned();
    // argon2 is deliberately slow: keep it off the async workers.
    let ok = tokio::task::spawn_blocking(move || password::verify(&pw, &hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if !ok || !record.user.active {
        return Err(bad());
    }
    actor_for_user(app, UserId(record.user.id))
        .await?
        .ok_or_else(bad)
}

/// The actor for a logged-in user id (from a session), if the user still exists and is active.
/// Asked on every request: one statement (user, roles and units joined).
pub async fn actor_for_user(app: &App, user_id: UserId) -> Result<Option<Actor>> {
    kith_store::principals::by_user(app.db().conn(), user_id.0)
        .await?
        .map(actor_from_principal)
        .transpose()
}

/// The actor for an API token secret, if the token is valid and its user active.
pub async fn actor_for_token(app: &App, secret: &str) -> Result<Option<Actor>> {
    let hash = token_hash(secret);
    let Some(token) = kith_store::principals::by_token_hash(app.db().conn(), &hash).await? else {
        return Ok(None);
    };
    // "Last used" to the minute: a write on every request would queue each read behind the
    // database's writer.
    let now = app.now();
    if token
        .last_used_at
        .is_none_or(|t| now - t >= chrono::Duration::seconds(60))
    {
        kith_store::tokens::touch(app.db().conn(), token.token_id, now).await?;
    }
    actor_from_principal(token.principal).map(Some)
}

/// The actor from its stored principal.
fn actor_from_principal(p: kith_store::principals::Principal) -> Result<Actor> {
    let units = p
        .units
        .into_iter()
        .map(|(id, kind)| {
            Ok(ActorUnit {
                id: UnitId(id),
                kind: kind
                    .parse::<UnitKind>()
                    .map_err(|e| AppError::Internal(e.to_string()))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Actor {
        id: UserId(p.user_id),
        name: p.name,
        email: Email::parse(&p.email).map_err(|e| AppError::Internal(e.to_string()))?,
        roles: p.roles,
        units,
        locale: p.locale.parse().unwrap_or(Lang::Da),
    })
}

/// SHA-256 (hex) of a token or session secret: what the database stores instead of it.
pub fn token_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
