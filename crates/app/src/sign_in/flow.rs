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
use subtle::ConstantTimeEq;

use super::account::{self, Vouched};
use super::provider::{OidcClient, Provider, TokenResponse};
use crate::audit::{self, AuditAction};
use crate::auth::token_hash;
use crate::error::Refused;
use crate::{Actor, App, AppError, Result};

/// How long the person has at the provider before the sign-in must begin again.
const FLOW_MINUTES: i64 = 10;

/// A sign-in sent to the provider: where the browser goes, and the `state` the browser keeps
/// (in a cookie of its own) to show the answer is for it.
#[derive(Clone)]
pub struct Begun {
    pub redirect: String,
    pub state: String,
}

impl std::fmt::Debug for Begun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Begun { .. }")
    }
}

/// Sends a sign-in to `provider`: PKCE, `state` and nonce drawn, remembered for ten minutes
/// under a hash of the `state`; `return_to` is where Kith goes afterwards (the caller keeps it
/// to Kith's own paths); `ask_again` makes the provider ask who is signing in even when it
/// has a session.
pub async fn begin(
    app: &App,
    provider: &str,
    return_to: &str,
    lang: Lang,
    source: Option<std::net::IpAddr>,
    ask_again: bool,
) -> Result<Begun> {
    let p = app.providers().get(provider)?;
    crate::auth::charge_sign_in_start(app, source).await?;
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
    kith_store::sign_in::begin(
        app.db().conn(),
        &kith_store::sign_in::NewFlow {
            state_hash: token_hash(state.secret()),
            provider: p.settings.name.clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            return_to: return_to.to_owned(),
            // Judged by the real clock: the provider's tokens are.
            expires_at: Utc::now() + chrono::Duration::minutes(FLOW_MINUTES),
        },
    )
    .await?;
    Ok(Begun {
        redirect: url.to_string(),
        state: state.secret().clone(),
    })
}

/// The provider's answer at Kith's callback address, with the browser's copy of the state.
#[derive(Clone, Copy, Default)]
pub struct Answer<'a> {
    pub provider: &'a str,
    pub state: Option<&'a str>,
    pub browser_state: Option<&'a str>,
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
    let state = answer.state.ok_or(refused(Refusal::UnknownState))?;
    // The sign-in is used up whatever follows: a second answer with this state finds nothing.
    let flow = kith_store::sign_in::take(app.db().conn(), &token_hash(state), Utc::now())
        .await?
        .filter(|f| f.provider == p.settings.name)
        .ok_or(refused(Refusal::UnknownState))?;
    seen.return_to = Some(flow.return_to.clone());
    let same = answer
        .browser_state
        .is_some_and(|b| bool::from(b.as_bytes().ct_eq(state.as_bytes())));
    if !same {
        return Err(refused(Refusal::StateMismatch));
    }
    if answer.error.is_some() {
        return Err(refused(Refusal::ProviderRefused));
    }
    let http = &app.providers().http;
    let metadata = p.metadata(http, false).await?;
    if answer
        .iss
        .is_some_and(|iss| iss != metadata.issuer().as_str())
    {
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

/// Forgets sign-ins begun and never finished whose ten minutes are over (run every minute).
pub async fn purge_spent(app: &App) -> Result<u64> {
    Ok(kith_store::sign_in::purge(app.db().conn(), Utc::now()).await?)
}
