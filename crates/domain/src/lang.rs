//! Kith speaks Danish and English. Danish is the default: the users are Danish caseworkers.

use serde::{Deserialize, Serialize};

crate::macros::vocabulary!(
    /// A user interface language.
    #[derive(Default)]
    Lang, "language" {
        #[default]
        Da = "da",
        En = "en",
    }
);

/// A short text in both languages, for explanations the domain itself produces (reasons for
/// a match, why a visit is overdue), so the rule that writes a reason also writes its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bilingual {
    pub da: String,
    pub en: String,
}

impl Bilingual {
    /// Both texts at once.
    pub fn new(da: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            da: da.into(),
            en: en.into(),
        }
    }

    /// The text in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}
