//! Who does something agreed: a follow-up at a visit, or (later) a goal of the child's plan.

use crate::Lang;

crate::macros::vocabulary!(
    /// A party to the child's plan.
    Party, "party" {
        Child = "child",
        Parents = "parents",
        Network = "network",
        FosterFamily = "foster_family",
        Institution = "institution",
        School = "school",
        Adviser = "adviser",
        Consultant = "consultant",
        Other = "other",
    }
);

impl Party {
    /// The party's name in a language.
    pub fn label(self, lang: Lang) -> &'static str {
        use Party::*;
        match (self, lang) {
            (Child, Lang::Da) => "barnet",
            (Child, Lang::En) => "the child",
            (Parents, Lang::Da) => "forældrene",
            (Parents, Lang::En) => "the parents",
            (Network, Lang::Da) => "netværket",
            (Network, Lang::En) => "the network",
            (FosterFamily, Lang::Da) => "plejefamilien",
            (FosterFamily, Lang::En) => "the foster family",
            (Institution, Lang::Da) => "institutionen",
            (Institution, Lang::En) => "the institution",
            (School, Lang::Da) => "skolen",
            (School, Lang::En) => "the school",
            (Adviser, Lang::Da) => "rådgiveren",
            (Adviser, Lang::En) => "the case adviser",
            (Consultant, Lang::Da) => "konsulenten",
            (Consultant, Lang::En) => "the consultant",
            (Other, Lang::Da) => "andre",
            (Other, Lang::En) => "someone else",
        }
    }
}
