//! The authorization code flow: sending the browser to the provider, and checking its answer.

use chrono::Utc;
use kith_domain::sign_in::Refusal;
use kith_domain::{Lang, UserId};
use openidconnect::core::{CoreAuthPrompt, CoreAuthenticationFlow, CoreIdToken};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClaimsVerificationError, CsrfToken, LanguageTag,
    LogoutRequest, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, RequestTokenError, Scope, SignatureVerificationError,
    TokenResponse as _,
};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::account::{self, Vouched};
use super::provider::{OidcClient, Provider, TokenResponse};
use crate::audit::{self, AuditAction};
use crate::error::Refused;
use crate::{Actor, App, AppError, Result};

/// How long the person has at the provider before the sign-in must begin again.
const FLOW_MINUTES: i64 = 10;

/// A sign-in sent to the provider: where the browser goes, and what the browser keeps until
/// the provider sends it back (a cookie only the callback reads): the sign-in's `state`, nonce,
/// PKCE verifier and where to go afterwards, sealed (encrypted and authenticated) by Kith.
#[derive(Clone)]
pub struct Begun {
    pub redirect: String,
    pub cookie: String,
}

impl std::fmt::Debug for Begun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Begun { .. }")
    }
}

/// What a sign-in's answer is checked by, kept sealed in the browser's cookie: nothing is
/// stored in Kith until the provider has vouched for someone, so anonymous requests to begin a
/// sign-in cost no database row (no flood to throttle, no one locked out by it), and any
/// instance finishes it.
#[derive(Serialize, Deserialize)]
struct Flow {
    provider: String,
    state: String,
    nonce: String,
    pkce_verifier: String,
    return_to: String,
    /// Unix seconds.
    expires: i64,
}

/// The sealed cookie is bound to its provider: one provider's cookie never opens for another.
fn flow_context(provider: &str) -> Vec<u8> {
    format!("kith:sign-in-flow:{provider}").into_bytes()
}

/// Sends a sign-in to `provider`: PKCE, `state` and nonce drawn, sealed into the browser's
/// cookie for ten minutes; `return_to` is where Kith goes afterwards (the caller keeps it to
/// Kith's own paths); `ask_again` makes the provider ask who is signing in even when it has a
/// session.
pub async fn begin(
    app: &App,
    provider: &str,
    return_to: &str,
    lang: Lang,
    ask_again: bool,
) -> Result<Begun> {
    let p = app.providers().get(provider)?;
    let metadata = p.metadata(&app.providers().http, false).await?;
    let client = p.client(&metadata, app.base_url())?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge)
        .add_ui_locale(LanguageTag::new(lang.as_str().to_owned()));
    for scope in &p.settings.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    // After a refusal the person may be someone else at a shared computer: the provider asks
    // who, rather than signing the same person in again.
    if ask_again {
        request = request.add_prompt(CoreAuthPrompt::Login);
    }
    let (url, state, nonce) = request.url();
    let flow = Flow {
        provider: p.settings.name.clone(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        return_to: return_to.to_owned(),
        // Judged by the real clock: the provider's tokens are.
        expires: (Utc::now() + chrono::Duration::minutes(FLOW_MINUTES)).timestamp(),
    };
    let plain = serde_json::to_vec(&flow).map_err(AppError::internal)?;
    Ok(Begun {
        redirect: url.to_string(),
        cookie: app.vault().seal_token(&flow_context(provider), &plain),
    })
}

/// The sign-in the browser's cookie holds, if it opens and is this provider's.
fn flow_of(app: &App, provider: &str, cookie: Option<&str>) -> Option<Flow> {
    let plain = app.vault().open_token(&flow_context(provider), cookie?)?;
    serde_json::from_slice::<Flow>(&plain)
        .ok()
        .filter(|f| f.provider == provider)
}

/// The provider's answer at Kith's callback address, with the browser's copy of the state.
#[derive(Clone, Copy, Default)]
pub struct Answer<'a> {
    pub provider: &'a str,
    pub state: Option<&'a str>,
    /// The browser's sealed cookie from [`begin`].
    pub flow_cookie: Option<&'a str>,
    pub code: Option<&'a str>,
    /// The `iss` parameter (RFC 9207): which provider answered.
    pub iss: Option<&'a str>,
    /// The provider's `error` (the person cancelled, or is not allowed there).
    pub error: Option<&'a str>,
}

impl std::fmt::Debug for Answer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer")
            .field("provider", &self.provider)
            .finish_non_exhaustive()
    }
}

/// A finished sign-in: who, the ID token (the hint for signing out at the provider) and where
/// to go.
pub struct SignedIn {
    pub actor: Actor,
    pub id_token: String,
    pub return_to: String,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("user_id", &self.actor.id)
            .finish_non_exhaustive()
    }
}

/// Why a sign-in stopped: refused (audited as such), or an error of Kith's own.
pub(super) enum Stop {
    Refused(Refusal, Option<UserId>),
    Error(AppError),
}

impl From<AppError> for Stop {
    fn from(e: AppError) -> Self {
        Stop::Error(e)
    }
}

impl From<kith_store::StoreError> for Stop {
    fn from(e: kith_store::StoreError) -> Self {
        Stop::Error(e.into())
    }
}

fn refused(r: Refusal) -> Stop {
    Stop::Refused(r, None)
}

/// Checks the provider's answer and signs the person in, or refuses them
/// (`AppError::SignInRefused`, audited as `session.login_refused` with the provider and the
/// reason, never who the provider said it was).
pub async fn finish(app: &App, answer: Answer<'_>) -> Result<SignedIn> {
    let p = app.providers().get(answer.provider)?;
    let mut seen = Seen::default();
    match signed_in(app, p, &answer, &mut seen).await {
        Ok(done) => Ok(done),
        Err(Stop::Error(e)) => Err(e),
        Err(Stop::Refused(why, user)) => {
            let refused = Refused {
                why,
                email: seen.email,
                return_to: seen.return_to,
            };
            Err(refuse(app, &p.settings.name, refused, user).await)
        }
    }
}

/// What a refused sign-in had learnt by then: where the person was going, and the address the
/// provider sent (for their own page).
#[derive(Default)]
pub(super) struct Seen {
    return_to: Option<String>,
    pub(super) email: Option<String>,
}

async fn refuse(app: &App, provider: &str, refused: Refused, user: Option<UserId>) -> AppError {
    let r = refused.why;
    tracing::info!(provider, reason = r.code(), "sign-in refused");
    let detail = format!("provider={provider};reason={}", r.code());
    let logged = audit::event(
        app.db().conn(),
        app,
        user,
        AuditAction::LoginRefused,
        "user",
        user.map(|u| u.0),
        Some(detail),
    )
    .await;
    match logged {
        Ok(()) => AppError::SignInRefused(refused),
        Err(e) => e,
    }
}

async fn signed_in(
    app: &App,
    p: &Provider,
    answer: &Answer<'_>,
    seen: &mut Seen,
) -> Result<SignedIn, Stop> {
    // Not this browser's sign-in (no cookie, another's, a forged one): a forged or stray answer.
    let flow = flow_of(app, &p.settings.name, answer.flow_cookie)
        .ok_or(refused(Refusal::StateMismatch))?;
    seen.return_to = Some(flow.return_to.clone());
    let same = answer
        .state
        .is_some_and(|s| bool::from(s.as_bytes().ct_eq(flow.state.as_bytes())));
    if !same {
        return Err(refused(Refusal::StateMismatch));
    }
    if flow.expires < Utc::now().timestamp() {
        return Err(refused(Refusal::UnknownState));
    }
    if answer.error.is_some() {
        return Err(refused(Refusal::ProviderRefused));
    }
    let http = &app.providers().http;
    let metadata = p.metadata(http, false).await?;
    // RFC 9207: a provider that names itself in its answers must have; the name must be its.
    let named = match answer.iss {
        Some(iss) => iss == metadata.issuer().as_str(),
        None => {
            !metadata
                .additional_metadata()
                .authorization_response_iss_parameter_supported
        }
    };
    if !named {
        return Err(refused(Refusal::IssuerMismatch));
    }
    let code = answer.code.ok_or(refused(Refusal::ProviderRefused))?;
    let client = p.client(&metadata, app.base_url())?;
    let token = exchange(&client, http, code, flow.pkce_verifier).await?;
    let nonce = Nonce::new(flow.nonce);
    let id_token = token.id_token().ok_or(refused(Refusal::BadToken))?;
    let vouched = match verified(&client, id_token, &token, &nonce, p) {
        Err(Stop::Refused(Refusal::UnknownKey, _)) => {
            // The provider may have rotated its keys since they were fetched.
            let metadata = p.metadata(http, true).await?;
            let client = p.client(&metadata, app.base_url())?;
            verified(&client, id_token, &token, &nonce, p)?
        }
        other => other?,
    };
    seen.email = vouched.email.clone();
    let user = account::account_of(app, &p.settings, &vouched).await?;
    let actor = crate::auth::actor_for_user(app, user)
        .await?
        .ok_or(Stop::Refused(Refusal::Disabled, Some(user)))?;
    audit::event(
        app.db().conn(),
        app,
        Some(actor.id),
        AuditAction::LoginSucceeded,
        "user",
        Some(actor.id.0),
        Some(format!("provider={}", p.settings.name)),
    )
    .await?;
    tracing::info!(user_id = actor.id.0, provider = %p.settings.name, "sign-in succeeded");
    Ok(SignedIn {
        actor,
        id_token: id_token.to_string(),
        return_to: flow.return_to,
    })
}

async fn exchange(
    client: &OidcClient,
    http: &reqwest::Client,
    code: &str,
    verifier: String,
) -> Result<TokenResponse, Stop> {
    let request = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(AppError::internal)?;
    request
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(http)
        .await
        .map_err(|e| match e {
            RequestTokenError::ServerResponse(_) => refused(Refusal::CodeRejected),
            RequestTokenError::Request(e) => {
                tracing::warn!(error = %crate::chain(&e), "the provider's token endpoint did not answer");
                refused(Refusal::Unavailable)
            }
            _ => refused(Refusal::BadToken),
        })
}

/// The ID token's claims once its signature, issuer, audience, expiry and nonce hold, and
/// its access token hash matches the access token it came with.
fn verified(
    client: &OidcClient,
    id_token: &super::provider::IdToken,
    token: &TokenResponse,
    nonce: &Nonce,
    p: &Provider,
) -> Result<Vouched, Stop> {
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, nonce)
        .map_err(|e| refused(refusal_of(e)))?;
    if let Some(expected) = claims.access_token_hash() {
        let alg = id_token
            .signing_alg()
            .map_err(|_| refused(Refusal::BadToken))?;
        let key = id_token
            .signing_key(&verifier)
            .map_err(|_| refused(Refusal::BadToken))?;
        let actual = AccessTokenHash::from_token(token.access_token(), alg, key)
            .map_err(|_| refused(Refusal::BadToken))?;
        if actual != *expected {
            return Err(refused(Refusal::BadToken));
        }
    }
    Ok(Vouched::of(claims, &p.settings))
}

fn refusal_of(e: ClaimsVerificationError) -> Refusal {
    match e {
        ClaimsVerificationError::Expired(_) => Refusal::Expired,
        ClaimsVerificationError::InvalidAudience(_) => Refusal::WrongAudience,
        ClaimsVerificationError::InvalidIssuer(_) => Refusal::WrongIssuer,
        ClaimsVerificationError::InvalidNonce(_) => Refusal::NonceMismatch,
        ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        ) => Refusal::UnknownKey,
        ClaimsVerificationError::SignatureVerification(_) => Refusal::BadSignature,
        _ => Refusal::BadToken,
    }
}

/// Where the browser goes to end the provider's session as well (RP-initiated logout), coming
/// back to `after`; `None` when the provider publishes no end-session address or is not
/// reachable (Kith's own session is over either way).
pub async fn logout_url(app: &App, provider: &str, id_token: &str, after: &str) -> Option<String> {
    let p = app.providers().get(provider).ok()?;
    let metadata = p.metadata(&app.providers().http, false).await.ok()?;
    let end = metadata
        .additional_metadata()
        .end_session_endpoint
        .clone()?;
    let mut request = LogoutRequest::from(end)
        .set_client_id(openidconnect::ClientId::new(p.settings.client_id.clone()));
    if let Ok(hint) = id_token.parse::<CoreIdToken>() {
        request = request.set_id_token_hint(&hint);
    }
    if let Ok(after) = PostLogoutRedirectUrl::new(after.to_owned()) {
        request = request.set_post_logout_redirect_uri(after);
    }
    Some(request.http_get_url().to_string())
}
