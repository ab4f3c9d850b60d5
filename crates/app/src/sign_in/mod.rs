//! Signing in through the municipality's identity provider with OpenID Connect: the
//! authorization code flow with PKCE, `state` and nonce (the `openidconnect` crate), one
//! provider or several, each found by discovery from its issuer URL.
//!
//! - [`begin`] sends the browser to the provider, remembering the sign-in in a database row
//!   keyed by a hash of its `state` (so any instance can finish it, and only once).
//! - [`finish`] takes the provider's answer: the row (gone afterwards), the browser's own copy
//!   of the `state`, the code exchanged with the PKCE verifier, the ID token's signature,
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
pub use flow::{Answer, Begun, SignedIn, begin, finish, logout_url, purge_spent};
pub use provider::{ProviderChoice, ProviderSettings, Providers, SignInSettings};
