//! Signing in through the municipality's identity provider with OpenID Connect: the
//! authorization code flow with PKCE, `state` and nonce (the `openidconnect` crate), one
//! provider or several, each found by discovery from its issuer URL.
//!
//! - [`begin`] sends the browser to the provider, the sign-in's `state`, nonce and PKCE
//!   verifier sealed into a cookie of the browser's (so any instance can finish it, and an
//!   anonymous request leaves nothing in the database).
//! - [`finish`] takes the provider's answer: the sealed cookie opened, its `state` compared,
//!   the answer's `iss` (RFC 9207), the code exchanged with the PKCE verifier (the provider
//!   exchanges a code once), the ID token's signature,
//!   issuer, audience, expiry and nonce; then whose account it is (`account`), by the
//!   provider's subject. Every refusal is audited with its reason and logged without who it
//!   was.
//! - [`logout_url`] is where the browser goes to end the provider's session too
//!   (RP-initiated logout); [`logged_out_at_provider`] is the provider telling Kith a person's
//!   session there ended (back-channel logout): every Kith session of theirs ends.
//!
//! Local passwords stay for small installations and can be switched off
//! ([`SignInSettings::passwords`]).

mod account;
mod backchannel;
mod flow;
pub mod identities;
mod provider;

pub use backchannel::logged_out_at_provider;
pub use flow::{Answer, Begun, SignedIn, begin, finish, logout_url};
pub use provider::{ProviderChoice, ProviderSettings, Providers, SignInSettings};
