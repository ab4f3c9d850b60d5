//! Back-channel logout (OpenID Connect Back-Channel Logout 1.0): the provider tells Kith, server
//! to server, that a person's session there has ended — they signed out elsewhere, or the
//! municipality's IT signed them out when they left. Kith ends every session of theirs at once.
//!
//! The logout token is a JWT signed like an ID token: its signature (a key the provider
//! publishes), issuer, audience (Kith's client id), age, the back-channel logout event and the
//! absence of a nonce are checked before anything is done.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use kith_domain::UserId;
use kith_domain::sign_in::Refusal;
use openidconnect::JsonWebKey as _;
use openidconnect::core::CoreJwsSigningAlgorithm;
use serde::Deserialize;

use crate::audit::{self, AuditAction};
use crate::error::Refused;
use crate::{App, AppError, Result};

const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";
/// How old a logout token may be.
const MAX_AGE_SECS: i64 = 300;
/// How far ahead of Kith's clock the provider's may be.
const SKEW_SECS: i64 = 60;

#[derive(Deserialize)]
struct Header {
    alg: CoreJwsSigningAlgorithm,
    kid: Option<String>,
    typ: Option<String>,
}

#[derive(Deserialize)]
struct Claims {
    iss: String,
    aud: serde_json::Value,
    iat: i64,
    exp: Option<i64>,
    sub: Option<String>,
    events: serde_json::Map<String, serde_json::Value>,
    nonce: Option<serde_json::Value>,
}

fn refused(r: Refusal) -> AppError {
    tracing::info!(reason = r.code(), "back-channel logout refused");
    AppError::SignInRefused(Refused::because(r))
}

/// Ends every session of the person a provider's logout token names (and revokes nothing
/// else: their API tokens are their integrations'). A token naming nobody Kith knows changes
/// nothing and is answered alike.
pub async fn logged_out_at_provider(app: &App, provider: &str, logout_token: &str) -> Result<()> {
    let p = app.providers().get(provider)?;
    let claims = match verified(app, p, logout_token, false).await {
        // The provider may have rotated its keys since they were fetched.
        Err(AppError::SignInRefused(r)) if r.why == Refusal::UnknownKey => {
            verified(app, p, logout_token, true).await?
        }
        other => other?,
    };
    let Some(sub) = claims.sub else {
        return Err(refused(Refusal::BadToken));
    };
    let Some(identity) = kith_store::sign_in::identity(app.db().conn(), &claims.iss, &sub).await?
    else {
        return Ok(());
    };
    let tx = app.db().begin_write().await?;
    kith_store::users::end_sessions(&tx, identity.user_id, Utc::now()).await?;
    audit::event(
        &tx,
        app,
        None,
        AuditAction::SessionEnded,
        "user",
        Some(identity.user_id),
        Some(format!("provider_logout;provider={}", p.settings.name)),
    )
    .await?;
    tx.commit().await.map_err(kith_store::StoreError::from)?;
    tracing::info!(
        user_id = UserId(identity.user_id).0,
        provider,
        "signed out at the provider"
    );
    Ok(())
}

async fn verified(
    app: &App,
    p: &super::provider::Provider,
    token: &str,
    refetch: bool,
) -> Result<Claims> {
    let metadata = p.metadata(&app.providers().http, refetch).await?;
    let mut parts = token.split('.');
    let (Some(h), Some(c), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(refused(Refusal::BadToken));
    };
    let decode = |part: &str| {
        URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| refused(Refusal::BadToken))
    };
    let header: Header =
        serde_json::from_slice(&decode(h)?).map_err(|_| refused(Refusal::BadToken))?;
    // An ID token or another JWT of the provider's is not a logout token.
    if header
        .typ
        .as_deref()
        .is_some_and(|t| !t.eq_ignore_ascii_case("logout+jwt") && !t.eq_ignore_ascii_case("JWT"))
    {
        return Err(refused(Refusal::BadToken));
    }
    if matches!(header.alg, CoreJwsSigningAlgorithm::None)
        || !metadata
            .id_token_signing_alg_values_supported()
            .contains(&header.alg)
    {
        return Err(refused(Refusal::BadSignature));
    }
    let key = metadata
        .jwks()
        .keys()
        .iter()
        .find(|k| k.key_id().map(|id| id.as_str()) == header.kid.as_deref())
        .ok_or_else(|| refused(Refusal::UnknownKey))?;
    key.verify_signature(&header.alg, format!("{h}.{c}").as_bytes(), &decode(s)?)
        .map_err(|_| refused(Refusal::BadSignature))?;
    let claims: Claims =
        serde_json::from_slice(&decode(c)?).map_err(|_| refused(Refusal::BadToken))?;
    if claims.iss != metadata.issuer().as_str() {
        return Err(refused(Refusal::WrongIssuer));
    }
    let ours = |v: &serde_json::Value| v.as_str() == Some(p.settings.client_id.as_str());
    let for_kith = match &claims.aud {
        serde_json::Value::Array(a) => a.iter().any(ours),
        one => ours(one),
    };
    if !for_kith {
        return Err(refused(Refusal::WrongAudience));
    }
    let now = Utc::now().timestamp();
    let age = now - claims.iat;
    if !(-SKEW_SECS..=MAX_AGE_SECS).contains(&age) || claims.exp.is_some_and(|exp| exp < now) {
        return Err(refused(Refusal::Expired));
    }
    if !claims.events.contains_key(EVENT) || claims.nonce.is_some() {
        return Err(refused(Refusal::BadToken));
    }
    Ok(claims)
}
