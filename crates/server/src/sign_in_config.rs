//! The identity providers people sign in through, read from a TOML file
//! (`KITH_SIGN_IN_PROVIDERS`), and whether passwords sign in too (`KITH_PASSWORD_SIGN_IN`).
//! `docs/OPERATIONS.md` shows a file for Entra ID, AD FS and a Keycloak broker.
//!
//! ```toml
//! [[provider]]
//! name = "kommune"                      # in Kith's addresses: /login/oidc/kommune
//! display_name = "Roskilde Kommune"     # on the button: "Log ind med Roskilde Kommune"
//! issuer = "https://login.microsoftonline.com/<tenant>/v2.0"
//! client_id = "…"
//! client_secret_env = "KITH_OIDC_KOMMUNE_SECRET"   # or client_secret = "…"
//! scopes = ["email", "profile"]
//! first_sign_in = "admin_created"       # or "provision"
//! trust_email = false
//! [provider.access]                     # left out: roles and units are kept in Kith
//! claim = "groups"
//! roles = { "<group id>" = "adviser" }
//! units = { "<group id>" = "Familieteam Nord" }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use kith_app::sign_in::{ProviderSettings, SignInSettings};
use kith_domain::Role;
use kith_domain::sign_in::{AccessFrom, ClaimRules, FirstSignIn};
use secrecy::SecretString;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    provider: Vec<ProviderEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderEntry {
    name: String,
    display_name: String,
    issuer: String,
    client_id: String,
    client_secret: Option<String>,
    client_secret_env: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default = "admin_created")]
    first_sign_in: String,
    #[serde(default)]
    trust_email: bool,
    access: Option<AccessEntry>,
}

fn admin_created() -> String {
    "admin_created".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccessEntry {
    claim: String,
    #[serde(default)]
    roles: BTreeMap<String, String>,
    #[serde(default)]
    units: BTreeMap<String, String>,
}

/// The sign-in settings: the providers of the file at `path` (none without one), and whether
/// passwords sign in. Refuses settings nobody could sign in with, and a file that does not
/// read, naming what is wrong.
pub fn load(path: Option<&Path>, passwords: bool) -> anyhow::Result<SignInSettings> {
    let providers = match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            parse(&text).with_context(|| format!("in {}", path.display()))?
        }
        None => Vec::new(),
    };
    if !passwords && providers.is_empty() {
        bail!(
            "KITH_PASSWORD_SIGN_IN=false needs an identity provider (KITH_SIGN_IN_PROVIDERS): nobody could sign in"
        );
    }
    Ok(SignInSettings {
        passwords,
        providers,
    })
}

/// The providers of a file's text.
pub fn parse(text: &str) -> anyhow::Result<Vec<ProviderSettings>> {
    let file: File = toml::from_str(text)?;
    let mut seen = Vec::new();
    file.provider
        .into_iter()
        .map(|p| {
            let name_ok = !p.name.is_empty()
                && p.name.len() <= 40
                && p.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !name_ok {
                bail!("provider name {:?}: use a-z, 0-9 and -", p.name);
            }
            if seen.contains(&p.name) {
                bail!("provider {:?} is named twice", p.name);
            }
            seen.push(p.name.clone());
            provider(p)
        })
        .collect()
}

fn provider(p: ProviderEntry) -> anyhow::Result<ProviderSettings> {
    let secret = match (&p.client_secret, &p.client_secret_env) {
        (Some(s), None) => s.clone(),
        (None, Some(var)) => {
            std::env::var(var).with_context(|| format!("provider {}: {var} is not set", p.name))?
        }
        _ => bail!(
            "provider {}: give client_secret or client_secret_env, one of them",
            p.name
        ),
    };
    let first_sign_in = match p.first_sign_in.as_str() {
        "admin_created" => FirstSignIn::AdminCreated,
        "provision" => FirstSignIn::Provision,
        other => bail!(
            "provider {}: first_sign_in {other:?}: admin_created or provision",
            p.name
        ),
    };
    let access = match p.access {
        None => AccessFrom::Kith,
        Some(a) => AccessFrom::Claims(claim_rules(&p.name, a)?),
    };
    if first_sign_in == FirstSignIn::Provision && access == AccessFrom::Kith {
        bail!(
            "provider {}: first_sign_in = \"provision\" needs [provider.access]: a new account's roles come from its groups",
            p.name
        );
    }
    Ok(ProviderSettings {
        name: p.name,
        display_name: p.display_name,
        issuer: p.issuer,
        client_id: p.client_id,
        client_secret: SecretString::from(secret),
        scopes: p.scopes,
        first_sign_in,
        trust_email: p.trust_email,
        access,
    })
}

fn claim_rules(provider: &str, a: AccessEntry) -> anyhow::Result<ClaimRules> {
    let roles = a
        .roles
        .into_iter()
        .map(|(group, role)| {
            let role: Role = role
                .parse()
                .map_err(|_| anyhow::anyhow!("provider {provider}: no role {role:?}"))?;
            Ok((group, role))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(ClaimRules {
        claim: a.claim,
        roles,
        units: a.units.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reads_into_providers_and_mistakes_are_named() {
        let text = r#"
[[provider]]
name = "kommune"
display_name = "Roskilde Kommune"
issuer = "https://login.example/tenant/v2.0"
client_id = "kith"
client_secret = "s"
scopes = ["email"]
first_sign_in = "provision"
[provider.access]
claim = "groups"
roles = { "g1" = "adviser", "g2" = "leader" }
units = { "g1" = "Familieteam Nord" }
"#;
        let p = parse(text).expect("reads");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].first_sign_in, FirstSignIn::Provision);
        let AccessFrom::Claims(rules) = &p[0].access else {
            panic!("claims")
        };
        assert_eq!(
            rules.roles,
            vec![("g1".into(), Role::Adviser), ("g2".into(), Role::Leader)]
        );
        for (bad, says) in [
            (text.replace("\"adviser\"", "\"boss\""), "no role"),
            (text.replace("name = \"kommune\"", "name = \"Kom mune\""), "a-z"),
            (text.replace("[provider.access]\nclaim = \"groups\"\nroles = { \"g1\" = \"adviser\", \"g2\" = \"leader\" }\nunits = { \"g1\" = \"Familieteam Nord\" }\n", ""), "needs [provider.access]"),
            (text.replace("client_secret = \"s\"", ""), "client_secret"),
        ] {
            let e = format!("{:#}", parse(&bad).expect_err(says));
            assert!(e.contains(says), "{e}");
        }
        assert!(load(None, false).is_err(), "no way in");
        assert!(load(None, true).expect("passwords").providers.is_empty());
    }
}
