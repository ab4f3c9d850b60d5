//! The identity providers an installation signs in through, and what each one publishes
//! (discovery), fetched when first needed and again after an hour or when a token names a
//! key not seen yet (the provider rotated its keys).

use std::sync::Arc;
use std::time::{Duration, Instant};

use kith_domain::sign_in::{AccessFrom, FirstSignIn};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreClaimName, CoreClaimType, CoreClientAuthMethod,
    CoreErrorResponseType, CoreGenderClaim, CoreGrantType, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm,
    CoreResponseMode, CoreResponseType, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreSubjectIdentifierType, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AdditionalProviderMetadata, Client, ClientId, ClientSecret,
    EmptyExtraTokenFields, EndSessionUrl, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdTokenFields, IssuerUrl, ProviderMetadata, RedirectUrl, StandardErrorResponse,
    StandardTokenResponse,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::{AppError, Result};

/// One identity provider, as the installation configures it.
#[derive(Debug, Clone)]
pub struct ProviderSettings {
    /// A short name, in Kith's addresses (`/login/oidc/<name>`): letters, digits, `-`.
    pub name: String,
    /// What the sign-in button names ("Roskilde Kommune").
    pub display_name: String,
    /// The issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: SecretString,
    /// Scopes asked besides `openid` (`email`, `profile`, a groups scope).
    pub scopes: Vec<String>,
    /// Who may sign in the first time.
    pub first_sign_in: FirstSignIn,
    /// Take the `email` claim as the provider's word even without `email_verified` (a
    /// provider whose addresses only its administrators set).
    pub trust_email: bool,
    /// Where roles and units come from.
    pub access: AccessFrom,
}

/// How people sign in to this installation.
#[derive(Debug, Clone)]
pub struct SignInSettings {
    /// Whether e-mail and password sign in (off where the provider is the only way in).
    pub passwords: bool,
    pub providers: Vec<ProviderSettings>,
}

impl Default for SignInSettings {
    fn default() -> Self {
        Self {
            passwords: true,
            providers: Vec::new(),
        }
    }
}

/// A provider as the sign-in page offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderChoice {
    pub name: String,
    pub display_name: String,
}

/// What Kith reads of a provider's discovery document besides the core: where to end its
/// session (RP-initiated logout), and whether it names itself in its answers (RFC 9207; then
/// an answer without `iss` is refused).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct MoreMetadata {
    pub end_session_endpoint: Option<EndSessionUrl>,
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
}
impl AdditionalProviderMetadata for MoreMetadata {}

/// A provider's discovery document.
pub(crate) type Metadata = ProviderMetadata<
    MoreMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// The claims Kith reads besides the standard ones: all of them, so a configured claim (the
/// groups) can be any.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct OtherClaims(pub serde_json::Map<String, serde_json::Value>);
impl AdditionalClaims for OtherClaims {}

pub(crate) type TokenResponse = StandardTokenResponse<
    IdTokenFields<
        OtherClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

/// A client of one provider, its endpoints from discovery.
pub(crate) type OidcClient = Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How long discovered metadata and keys are used before they are fetched again.
const FRESH_FOR: Duration = Duration::from_secs(3600);
/// The least time between two fetches forced by a key not seen (so a flood of tokens with
/// made-up key ids cannot make Kith hammer the provider).
const REFETCH_AFTER: Duration = Duration::from_secs(60);

struct Discovered {
    at: Instant,
    metadata: Arc<Metadata>,
}

/// One configured provider and what it published.
pub(crate) struct Provider {
    pub settings: ProviderSettings,
    discovered: Mutex<Option<Discovered>>,
}

/// The configured providers, with the HTTP client that talks to them (no redirects followed,
/// short timeouts).
pub struct Providers {
    settings: SignInSettings,
    providers: Vec<Provider>,
    pub(crate) http: reqwest::Client,
}

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Providers")
            .field("passwords", &self.settings.passwords)
            .field("providers", &self.providers.len())
            .finish()
    }
}

impl Default for Providers {
    fn default() -> Self {
        Self::new(SignInSettings::default())
    }
}

impl Providers {
    /// The providers of `settings` (nothing is fetched yet).
    pub fn new(settings: SignInSettings) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()
            .expect("an HTTP client with rustls");
        let providers = settings
            .providers
            .iter()
            .cloned()
            .map(|settings| Provider {
                settings,
                discovered: Mutex::new(None),
            })
            .collect();
        Self {
            settings,
            providers,
            http,
        }
    }

    /// Whether e-mail and password sign in.
    pub fn passwords(&self) -> bool {
        self.settings.passwords
    }

    /// The providers to offer, in the configured order.
    pub fn choices(&self) -> Vec<ProviderChoice> {
        self.providers
            .iter()
            .map(|p| ProviderChoice {
                name: p.settings.name.clone(),
                display_name: p.settings.display_name.clone(),
            })
            .collect()
    }

    /// Each provider as the sign-in page offers it, with its issuer URL.
    pub fn choices_with_issuers(&self) -> impl Iterator<Item = (ProviderChoice, &str)> {
        self.providers.iter().map(|p| {
            let choice = ProviderChoice {
                name: p.settings.name.clone(),
                display_name: p.settings.display_name.clone(),
            };
            (choice, p.settings.issuer.as_str())
        })
    }

    /// The providers' issuer URLs (where their pages are).
    pub fn issuers(&self) -> impl Iterator<Item = &str> {
        self.providers.iter().map(|p| p.settings.issuer.as_str())
    }

    pub(crate) fn get(&self, name: &str) -> Result<&Provider> {
        self.providers
            .iter()
            .find(|p| p.settings.name == name)
            .ok_or(AppError::NotFound("provider"))
    }
}

impl Provider {
    /// The provider's metadata and keys: cached, fetched again when stale, or when `refetch`
    /// (a key not seen) and the last fetch is a minute old.
    pub(crate) async fn metadata(
        &self,
        http: &reqwest::Client,
        refetch: bool,
    ) -> Result<Arc<Metadata>> {
        let mut cached = self.discovered.lock().await;
        if let Some(d) = cached.as_ref() {
            let age = d.at.elapsed();
            if age < FRESH_FOR && !(refetch && age >= REFETCH_AFTER) {
                return Ok(d.metadata.clone());
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(AppError::internal)?;
        let metadata = Metadata::discover_async(issuer, http)
            .await
            .map_err(|e| AppError::Unavailable(Box::new(e)))?;
        let metadata = Arc::new(metadata);
        *cached = Some(Discovered {
            at: Instant::now(),
            metadata: metadata.clone(),
        });
        Ok(metadata)
    }

    /// A client of this provider that is answered at Kith's callback address.
    pub(crate) fn client(&self, metadata: &Metadata, base_url: &str) -> Result<OidcClient> {
        let redirect = RedirectUrl::new(format!(
            "{base_url}/login/oidc/{}/callback",
            self.settings.name
        ))
        .map_err(AppError::internal)?;
        Ok(OidcClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(
                self.settings.client_secret.expose_secret().to_owned(),
            )),
        )
        .set_redirect_uri(redirect))
    }
}

/// An ID token with every claim kept.
pub(crate) type IdToken = openidconnect::IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// The claims of an [`IdToken`].
pub(crate) type IdTokenClaims = openidconnect::IdTokenClaims<OtherClaims, CoreGenderClaim>;
