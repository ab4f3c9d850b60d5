//! Logging in and recognising who is calling: by session or by API token.
//!
//! A login attempt is charged to two counters before its password is checked (one per
//! e-mail address, one per source address; see `kith_domain::throttle`), waits for the
//! [`HashingGate`](crate::password::HashingGate), and does the same work whether or not the
//! address belongs to anyone: one look-up, one argon2 check (against a dummy hash when there
//! is no account). Only a success does more.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use kith_domain::throttle::{LoginThrottle, Verdict};
use kith_domain::{Email, UnitId, UserId};
use sha2::{Digest, Sha256};

use crate::actor::ActorUnit;
use crate::audit::{self, AuditAction};
use crate::{Actor, App, AppError, Result};

/// One attempt to log in with an e-mail address and a password (whose `Debug` shows no text).
#[derive(Clone, Copy)]
pub struct LoginAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// Where the attempt came from (the client's address, as the server sees it).
    pub source: Option<IpAddr>,
}

impl std::fmt::Debug for LoginAttempt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginAttempt")
            .field("email", &self.email)
            .field("password", &"[redacted]")
            .field("source", &self.source)
            .finish()
    }
}

/// The counter key of a source: an IPv4 address, or the /64 an IPv6 address is in (one
/// household or office gets a whole /64, so single IPv6 addresses would be free to vary).
fn source_key(ip: IpAddr) -> String {
    let prefix = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    };
    format!("{SOURCE}{}", token_hash(&format!("source:{prefix}")))
}

fn account_key(email: &str) -> String {
    format!(
        "{ACCOUNT}{}",
        token_hash(&format!("login:{}", email.trim().to_lowercase()))
    )
}

/// The key prefixes of the counters, one per rule, so each is purged by its own window.
const ACCOUNT: &str = "a:";
const SOURCE: &str = "s:";
pub(crate) const CPR_PROBES: &str = "c:";

/// Every kind of counter with its rule.
fn counters() -> [(&'static str, LoginThrottle); 3] {
    [
        (ACCOUNT, LoginThrottle::per_account()),
        (SOURCE, LoginThrottle::per_source()),
        (CPR_PROBES, LoginThrottle::cpr_probes()),
    ]
}

fn locked(secs: u64) -> AppError {
    AppError::TooManyAttempts {
        retry_after_secs: secs,
    }
}

/// Checks an e-mail and password. Every failure looks the same to the caller (no hint whether
/// the e-mail exists), and takes as long.
///
/// Five attempts on one address within 15 minutes are checked; the fifth failure locks the
/// address for 15 minutes (429 with the time to wait), whether or not the address exists.
/// Thirty attempts from one source address in 15 minutes lock the source the same way. A
/// success forgets the address's failures and gives the source back its own charge.
pub async fn login(app: &App, attempt: LoginAttempt<'_>) -> Result<Actor> {
    passwords_on(app)?;
    let user = verify(app, attempt).await?;
    let actor = actor_for_user(app, user)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    audit::event(
        app.db().conn(),
        app,
        Some(actor.id),
        AuditAction::LoginSucceeded,
        "user",
        Some(actor.id.0),
        None,
    )
    .await?;
    tracing::info!(user_id = actor.id.0, "login succeeded");
    Ok(actor)
}

/// Checks an e-mail and password under the throttle (see [`login`]) and returns whose they
/// are. Also the check of the current password before it is changed.
pub(crate) async fn verify(app: &App, attempt: LoginAttempt<'_>) -> Result<UserId> {
    let turn = app.hashing().admit().await?;
    let conn = app.db().conn();
    let now = app.now();
    let (per_account, per_source) = (LoginThrottle::per_account(), LoginThrottle::per_source());
    let source = attempt.source.map(source_key);
    if let Some(key) = &source {
        let counter = kith_store::login_attempts::charge(conn, key, &per_source, now).await?;
        if let Verdict::Locked(secs) = per_source.verdict(&counter, now) {
            tracing::info!("login refused: source locked");
            return Err(locked(secs));
        }
    }
    let account = account_key(attempt.email);
    let counter = kith_store::login_attempts::charge(conn, &account, &per_account, now).await?;
    if let Verdict::Locked(secs) = per_account.verdict(&counter, now) {
        tracing::info!("login refused: address locked");
        return Err(locked(secs));
    }
    let user = match Email::parse(attempt.email) {
        Ok(email) => kith_store::users::credentials_by_email(conn, &email).await?,
        Err(_) => None,
    };
    let ok = turn
        .verify(
            attempt.password,
            user.as_ref().map(|u| u.password_hash.as_str()),
        )
        .await?;
    match user {
        Some(user) if ok && user.active => {
            kith_store::login_attempts::clear(conn, &account).await?;
            if let Some(key) = &source {
                kith_store::login_attempts::refund(conn, key).await?;
            }
            Ok(UserId(user.id))
        }
        user => {
            match user {
                Some(u) => {
                    tracing::info!(user_id = u.id, failures = counter.failures, "login failed")
                }
                None => tracing::info!(failures = counter.failures, "login failed"),
            }
            if per_account.exhausted(&counter) {
                kith_store::login_attempts::lock(conn, &account, &per_account, now).await?;
                return Err(locked(per_account.lockout.num_seconds().unsigned_abs()));
            }
            Err(AppError::Unauthenticated)
        }
    }
}

/// Refuses what only passwords do (signing in with one, changing or resetting one) where the
/// installation signs in through its identity provider alone.
pub(crate) fn passwords_on(app: &App) -> Result<()> {
    if app.providers().passwords() {
        Ok(())
    } else {
        Err(AppError::forbidden("problem.passwords_off"))
    }
}

/// Forgets an address's login failures (after its password was reset).
pub(crate) async fn forget_failures(app: &App, email: &str) -> Result<()> {
    Ok(kith_store::login_attempts::clear(app.db().conn(), &account_key(email)).await?)
}

/// Records that a user logged out (their session row is gone).
pub async fn logged_out(app: &App, user: UserId) -> Result<()> {
    audit::event(
        app.db().conn(),
        app,
        Some(user),
        AuditAction::SessionEnded,
        "user",
        Some(user.0),
        Some("logout".into()),
    )
    .await
}

/// Forgets the counters whose window and lock are over (run every minute), so addresses tried
/// once leave no row behind for longer than a day.
pub async fn purge_spent_attempts(app: &App) -> Result<u64> {
    let mut purged = 0;
    for (prefix, rule) in counters() {
        purged +=
            kith_store::login_attempts::purge_spent(app.db().conn(), prefix, &rule, app.now())
                .await?;
    }
    Ok(purged)
}

/// The actor for a user id, if the user still exists and is active.
pub async fn actor_for_user(app: &App, user_id: UserId) -> Result<Option<Actor>> {
    kith_store::principals::by_user(app.db().conn(), user_id.0)
        .await?
        .map(|p| actor_from_principal(p, app.today()))
        .transpose()
}

/// The actor behind a session: the user must still be active, the session younger than the
/// absolute lifetime whatever its activity, and logged in after the user's sessions were last
/// ended (disabled, password changed or reset). Asked on every request: one statement.
///
/// Judged by the real clock, like the session's inactivity expiry: a session is an
/// infrastructure fact, not a domain one (tests move the app's clock by months).
pub async fn actor_for_session(
    app: &App,
    user_id: UserId,
    logged_in_at: DateTime<Utc>,
    max_age: chrono::Duration,
) -> Result<Option<Actor>> {
    let Some(p) = kith_store::principals::by_user(app.db().conn(), user_id.0).await? else {
        return Ok(None);
    };
    if !kith_domain::session::is_current(logged_in_at, p.sessions_valid_after, Utc::now(), max_age)
    {
        return Ok(None);
    }
    actor_from_principal(p, app.today()).map(Some)
}

/// The actor for an API token secret, if the token is valid and its user active.
pub async fn actor_for_token(app: &App, secret: &str) -> Result<Option<Actor>> {
    let hash = token_hash(secret);
    let Some(token) =
        kith_store::principals::by_token_hash(app.db().conn(), &hash, Utc::now()).await?
    else {
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
    actor_from_principal(token.principal, app.today()).map(Some)
}

/// The actor from its stored principal.
fn actor_from_principal(
    p: kith_store::principals::Principal,
    today: chrono::NaiveDate,
) -> Result<Actor> {
    let units = p
        .units
        .into_iter()
        .map(|(id, kind)| ActorUnit {
            id: UnitId(id),
            kind,
        })
        .collect();
    Ok(Actor {
        id: UserId(p.user_id),
        name: p.name,
        email: Email::parse(&p.email).map_err(AppError::internal)?,
        roles: p.roles,
        units,
        locale: p.locale,
        today,
    })
}

/// SHA-256 (hex) of a token or session secret: what the database stores instead of it.
pub fn token_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
