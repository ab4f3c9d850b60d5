//! E-mail addresses of staff: the login name and where reminders go.

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A trimmed, lowercased e-mail address of the form `local@domain`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses an address; case is folded so logins are case-insensitive.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let s = s.trim().to_lowercase();
        let ok = s.len() <= 254
            && !s.chars().any(char::is_whitespace)
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if ok {
            Ok(Self(s))
        } else {
            Err(DomainError::InvalidEmail)
        }
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Email::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_trims() {
        assert_eq!(
            Email::parse("  Anne.Hansen@Roskilde.DK ").unwrap().as_str(),
            "anne.hansen@roskilde.dk"
        );
    }

    #[test]
    fn rejects_non_addresses() {
        for bad in [
            "",
            "anne",
            "@roskilde.dk",
            "anne@",
            "anne@dk",
            "a b@x.dk",
            "a@b@c.dk",
            "a@.dk",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
