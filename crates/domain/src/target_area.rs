//! The match unit's four target areas; staff specialise in one.

use crate::Lang;

crate::macros::vocabulary!(
    /// The target area a child belongs to, and the areas a placement option is approved for.
    TargetArea, "target area" {
        Disability = "disability",
        UnaccompaniedRefugee = "unaccompanied_refugee",
        SocialPsychiatric = "social_psychiatric",
        General = "general",
    }
);

impl TargetArea {
    /// The name users know the area by.
    pub fn label(self, lang: Lang) -> &'static str {
        use TargetArea::*;
        match (self, lang) {
            (Disability, Lang::Da) => "Handicap",
            (Disability, Lang::En) => "Disability",
            (UnaccompaniedRefugee, Lang::Da) => "Uledsagede flygtningebørn",
            (UnaccompaniedRefugee, Lang::En) => "Unaccompanied refugee minors",
            (SocialPsychiatric, Lang::Da) => "Udsatte børn (socialt og psykiatrisk)",
            (SocialPsychiatric, Lang::En) => "Vulnerable children (social and psychiatric)",
            (General, Lang::Da) => "Almenområdet",
            (General, Lang::En) => "General",
        }
    }
}
