//! The needs vocabulary: one shared set of need areas, each with a level.
//!
//! The same codes describe what a child needs and what a placement option can handle (its
//! competences). One vocabulary on both sides is what makes matching possible. The list of
//! codes is data (admin edits it); the levels are fixed.

use serde::{Deserialize, Serialize};

use crate::DomainError;

crate::macros::vocabulary!(
    /// How much support a need (or a child overall) calls for. Ordered: light < moderate <
    /// severe, so "a competence covers a need" is `competence >= need`.
    NeedLevel, "need level" {
        Light = "light",
        Moderate = "moderate",
        Severe = "severe",
    }
);

impl NeedLevel {
    /// A weight for "how much it matters that this need is covered": severe needs count most.
    pub fn weight(self) -> u32 {
        match self {
            NeedLevel::Light => 1,
            NeedLevel::Moderate => 2,
            NeedLevel::Severe => 3,
        }
    }

    /// Whether a placement competence at `self` covers a need at `need`.
    pub fn covers(self, need: NeedLevel) -> bool {
        self >= need
    }
}

/// A code from the needs vocabulary, e.g. `trauma` or `autism_spectrum`.
///
/// A lowercase ASCII slug of 2-40 characters (letters, digits, `_`), so it is safe in URLs,
/// CSV headers and storage keys. Whether the code exists in the vocabulary is a question for
/// the vocabulary data, not for this type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "trauma"))]
#[serde(transparent)]
pub struct NeedCode(String);

impl NeedCode {
    /// Parses a need code.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let ok_len = (2..=40).contains(&s.len());
        let ok_chars = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        let starts_with_letter = s.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
        if ok_len && ok_chars && starts_with_letter {
            Ok(Self(s.to_owned()))
        } else {
            Err(DomainError::InvalidNeedCode(
                "use 2-40 lowercase letters, digits or '_', starting with a letter".into(),
            ))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for NeedCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for NeedCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        NeedCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The codes of the needs vocabulary every municipality starts with, in the order the first
/// migration seeds them. An administrator adds, renames and retires needs as data; the demo,
/// the synthetic municipality and the benchmarks draw from these, written once here.
pub const SEEDED_NEED_CODES: [&str; 16] = [
    "attachment",
    "trauma",
    "externalising_behaviour",
    "anxiety_depression_self_harm",
    "adhd",
    "autism_spectrum",
    "intellectual_disability",
    "physical_disability",
    "sensory_impairment",
    "complex_medical_care",
    "substance_use",
    "criminal_behaviour",
    "school_learning_support",
    "infant_care",
    "language_support",
    "sexualised_behaviour",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seeded_need_is_a_valid_code_once() {
        let mut codes: Vec<&str> = SEEDED_NEED_CODES.to_vec();
        assert!(codes.iter().all(|c| NeedCode::parse(c).is_ok()));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 16);
    }

    #[test]
    fn levels_are_ordered_and_cover_upwards() {
        assert!(NeedLevel::Light < NeedLevel::Moderate);
        assert!(NeedLevel::Moderate < NeedLevel::Severe);
        assert!(NeedLevel::Severe.covers(NeedLevel::Light));
        assert!(NeedLevel::Moderate.covers(NeedLevel::Moderate));
        assert!(!NeedLevel::Moderate.covers(NeedLevel::Severe));
    }

    #[test]
    fn levels_parse_from_their_codes_only() {
        assert_eq!("severe".parse::<NeedLevel>().unwrap(), NeedLevel::Severe);
        let err = "extreme".parse::<NeedLevel>().unwrap_err().to_string();
        assert!(err.contains("light, moderate, severe"), "{err}");
    }

    #[test]
    fn need_codes_are_slugs() {
        assert!(NeedCode::parse("trauma").is_ok());
        assert!(NeedCode::parse("adhd").is_ok());
        assert!(NeedCode::parse("autism_spectrum").is_ok());
        for bad in ["", "a", "Trauma", "1abc", "has space", "ø", &"x".repeat(41)] {
            assert!(NeedCode::parse(bad).is_err(), "{bad}");
        }
    }
}
