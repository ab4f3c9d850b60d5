//! Who does what: roles and organisational units.

use crate::Lang;

crate::macros::vocabulary!(
    /// A role a user holds; a user may hold several.
    Role, "role" {
        /// Match-unit staff: needs profiles, ranked options, proposals.
        Matcher = "matcher",
        /// Foster-care consultant: visits, families' capacity and competences.
        Consultant = "consultant",
        /// Case adviser: owns the child's case, goals and reviews.
        Adviser = "adviser",
        /// Team leader: decides proposals, sees the unit's momentum, reassigns work.
        Leader = "leader",
        /// Administrator: users, roles, vocabulary and rules; no case content.
        Admin = "admin",
    }
);

impl Role {
    /// The name users know the role by.
    pub fn label(self, lang: Lang) -> &'static str {
        use Role::*;
        match (self, lang) {
            (Matcher, Lang::Da) => "Matchenhed",
            (Matcher, Lang::En) => "Match unit",
            (Consultant, Lang::Da) => "Plejefamiliekonsulent",
            (Consultant, Lang::En) => "Foster-care consultant",
            (Adviser, Lang::Da) => "Rådgiver",
            (Adviser, Lang::En) => "Case adviser",
            (Leader, Lang::Da) => "Leder",
            (Leader, Lang::En) => "Team leader",
            (Admin, Lang::Da) => "Administrator",
            (Admin, Lang::En) => "Administrator",
        }
    }
}

crate::macros::vocabulary!(
    /// The kinds of organisational unit in the reorganised service.
    UnitKind, "unit kind" {
        /// The cross-cutting match unit, single entry point for new placements.
        MatchUnit = "match_unit",
        /// Consultants for foster and network placements.
        FosterNetwork = "foster_network",
        /// Consultants for residential homes and institutions.
        Institutions = "institutions",
        /// Case advisers.
        AdvisoryTeam = "advisory_team",
    }
);
