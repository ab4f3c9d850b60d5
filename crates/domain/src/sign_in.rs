//! Signing in through the municipality's identity provider (OpenID Connect): which Kith account
//! a person the provider vouches for is, what they may reach when the provider's groups decide
//! it, and why a sign-in is refused.
//!
//! A person is known by the provider's stable subject (`iss` + `sub`), never by an e-mail
//! address, which changes with a name or a department. The e-mail counts once only: a person's
//! first sign-in may find the account an administrator made for them by its address, when the
//! provider vouches for the address; from then on the subject alone decides.

use crate::Role;

/// How a person's first sign-in through a provider finds their Kith account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstSignIn {
    /// Only an account an administrator made (matched once by its verified e-mail address).
    AdminCreated,
    /// As above, and otherwise a new account is made from the provider's claims (its groups
    /// must give the person a role).
    Provision,
}

/// Where a provider user's roles and units come from: kept in Kith by its administrators, or
/// taken from a claim (the provider's groups) at every sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessFrom {
    /// Kith's administrators decide.
    Kith,
    /// The provider's groups decide, through these rules.
    Claims(ClaimRules),
}

/// Which values of a claim (group ids or names) give which role and which unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimRules {
    /// The claim holding the person's groups (`groups`, `roles`).
    pub claim: String,
    /// A group and the role it gives.
    pub roles: Vec<(String, Role)>,
    /// A group and the name of the Kith unit it puts the person in.
    pub units: Vec<(String, String)>,
}

/// The roles and units a person's groups give them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimedAccess {
    /// Sorted, each once.
    pub roles: Vec<Role>,
    /// Sorted, each once.
    pub unit_names: Vec<String>,
}

impl ClaimedAccess {
    /// Whether the groups give a role one person may hold (else the sign-in is refused:
    /// nobody is in Kith without a role, nor with roles that must stay apart).
    pub fn gives_a_role(&self) -> bool {
        !self.roles.is_empty() && crate::role::check_roles(&self.roles).is_ok()
    }
}

impl ClaimRules {
    /// What `groups` give: every rule whose group the person is in, each role and unit once.
    /// Groups no rule names give nothing (a municipality's people are in many groups).
    pub fn access(&self, groups: &[String]) -> ClaimedAccess {
        let has = |g: &String| groups.iter().any(|x| x == g);
        let mut roles: Vec<Role> = self
            .roles
            .iter()
            .filter(|(g, _)| has(g))
            .map(|(_, r)| *r)
            .collect();
        roles.sort_by_key(|r| r.as_str());
        roles.dedup();
        let mut unit_names: Vec<String> = self
            .units
            .iter()
            .filter(|(g, _)| has(g))
            .map(|(_, u)| u.clone())
            .collect();
        unit_names.sort();
        unit_names.dedup();
        ClaimedAccess { roles, unit_names }
    }
}

/// Why a sign-in through a provider was refused. The code goes to the audit trail and the log
/// (never who it was); the person reads one of four texts ([`Refusal::message_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The answer's `state` is not the one this browser was sent with, or the browser holds
    /// no sign-in (a forged answer, a replayed one, or another tab's).
    StateMismatch,
    /// The sign-in the answer belongs to is over (begun more than ten minutes before).
    UnknownState,
    /// The answer names another issuer than the one asked (`iss`, a mix-up).
    IssuerMismatch,
    /// The provider said no (the person cancelled, or may not use Kith there).
    ProviderRefused,
    /// The provider would not exchange the code (used before, too old, or not Kith's).
    CodeRejected,
    /// The ID token names another issuer.
    WrongIssuer,
    /// The ID token is not meant for Kith.
    WrongAudience,
    /// The ID token is out of date.
    Expired,
    /// The ID token's signature does not hold.
    BadSignature,
    /// The ID token is signed with a key the provider does not publish.
    UnknownKey,
    /// The ID token was not issued for this sign-in (its nonce is another's: a replayed token).
    NonceMismatch,
    /// The ID token does not read (no ID token, a claim missing or malformed).
    BadToken,
    /// Nobody in Kith is this person, and no rule makes an account for them.
    UnknownSubject,
    /// The address the provider sent is that of an account already linked to another person
    /// at the provider.
    LinkedElsewhere,
    /// The provider does not vouch for the address it sent, so it cannot find the account.
    UnverifiedEmail,
    /// The provider sent no address to find the account by.
    NoEmail,
    /// The person's Kith account is disabled.
    Disabled,
    /// The provider's groups give the person no role in Kith, or roles no one may hold together.
    NoRole,
    /// The provider could not be reached.
    Unavailable,
}

impl Refusal {
    /// The code stored in the audit trail and written to the log.
    pub fn code(self) -> &'static str {
        use Refusal::*;
        match self {
            StateMismatch => "state_mismatch",
            UnknownState => "unknown_state",
            IssuerMismatch => "issuer_mismatch",
            ProviderRefused => "provider_refused",
            CodeRejected => "code_rejected",
            WrongIssuer => "wrong_issuer",
            WrongAudience => "wrong_audience",
            Expired => "expired",
            BadSignature => "bad_signature",
            UnknownKey => "unknown_key",
            NonceMismatch => "nonce_mismatch",
            BadToken => "bad_token",
            UnknownSubject => "unknown_subject",
            LinkedElsewhere => "linked_elsewhere",
            UnverifiedEmail => "unverified_email",
            NoEmail => "no_email",
            Disabled => "disabled",
            NoRole => "no_role",
            Unavailable => "unavailable",
        }
    }

    /// The catalogue key of what the person reads: what they can do about it (ask an
    /// administrator, ask IT, try again) rather than which check failed. An address already
    /// linked to someone else reads as an unknown one: the person is not told that an account
    /// with it exists. The texts of `unknown` and `unverified` name the address the provider
    /// sent (`$email`).
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::UnknownSubject | Refusal::LinkedElsewhere => "login.refused_unknown",
            Refusal::UnverifiedEmail => "login.refused_unverified",
            Refusal::NoEmail => "login.refused_no_email",
            Refusal::NoRole => "login.refused_no_role",
            Refusal::Disabled => "login.refused_disabled",
            Refusal::Unavailable => "login.refused_unavailable",
            _ => "login.refused_failed",
        }
    }
}

/// A Kith account as the first sign-in sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    pub user_id: i64,
    pub active: bool,
}

/// What to do with a person the provider vouched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountDecision {
    /// Their linked account: sign in.
    SignIn(i64),
    /// The account an administrator made for them: link it to the subject, then sign in.
    Link(i64),
    /// Make an account from the claims.
    Provision,
    /// Refuse.
    Refuse(Refusal),
}

/// The first sign-in's look-up by e-mail address: an account with the address, and whether it
/// is already linked to another person at this provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByEmail {
    pub account: Account,
    pub linked_here: bool,
}

/// The address the provider sent, as far as the first sign-in is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailClaim {
    /// No `email` claim.
    Missing,
    /// An address the provider does not vouch for.
    Unverified,
    /// An address the provider vouches for (`email_verified`, or a provider trusted for it).
    Verified,
}

/// Decides whose account a signed-in identity is.
///
/// - Linked to an account: that account, if it is active (a disabled account stays shut
///   whatever the provider says).
/// - Not linked: the account with the address the provider vouches for, if it is not linked
///   to someone else at this provider — once; without an account, under
///   [`FirstSignIn::Provision`], a new account; else refused, saying why the address could
///   not be used.
pub fn decide(
    linked: Option<Account>,
    by_email: Option<ByEmail>,
    email: EmailClaim,
    rule: FirstSignIn,
) -> AccountDecision {
    use AccountDecision::{Link, Provision, Refuse};
    if let Some(a) = linked {
        return if a.active {
            AccountDecision::SignIn(a.user_id)
        } else {
            Refuse(Refusal::Disabled)
        };
    }
    let provision = rule == FirstSignIn::Provision;
    match (email, by_email) {
        (EmailClaim::Missing, _) => Refuse(Refusal::NoEmail),
        (EmailClaim::Verified, Some(b)) if b.linked_here => Refuse(Refusal::LinkedElsewhere),
        (EmailClaim::Verified, Some(b)) if b.account.active => Link(b.account.user_id),
        (EmailClaim::Verified, Some(_)) => Refuse(Refusal::Disabled),
        // No account has the address: one is made only where the rule says so, and only with an
        // address the provider vouches for (Kith's e-mails go to it).
        (EmailClaim::Verified, None) if provision => Provision,
        (EmailClaim::Verified, None) => Refuse(Refusal::UnknownSubject),
        (EmailClaim::Unverified, _) => Refuse(Refusal::UnverifiedEmail),
    }
}

#[cfg(test)]
#[path = "sign_in_tests.rs"]
mod tests;
