//! Who does what: roles and organisational units.

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
        /// Data-protection reviewer: reads the audit trail of everything, no case content.
        Auditor = "auditor",
    }
);

impl Role {
    /// Whether the role reads children's cases.
    pub fn reads_cases(self) -> bool {
        matches!(
            self,
            Role::Matcher | Role::Consultant | Role::Adviser | Role::Leader
        )
    }

    /// Whether the role oversees others (administers Kith or reviews its audit trail).
    pub fn oversees(self) -> bool {
        matches!(self, Role::Admin | Role::Auditor)
    }
}

/// Why a set of roles cannot be held by one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleConflict {
    /// Administering Kith or reviewing its audit trail together with reading cases: whoever
    /// grants access (or checks it) does not use it, so granting oneself case access always
    /// takes a second person.
    OversightWithCases,
    /// Administering and auditing: nobody reviews their own changes.
    AdminWithAuditor,
}

/// Checks that one person may hold all of `roles` together (separation of duties).
pub fn check_roles(roles: &[Role]) -> Result<(), RoleConflict> {
    if roles.contains(&Role::Admin) && roles.contains(&Role::Auditor) {
        return Err(RoleConflict::AdminWithAuditor);
    }
    if roles.iter().any(|r| r.oversees()) && roles.iter().any(|r| r.reads_cases()) {
        return Err(RoleConflict::OversightWithCases);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversight_and_case_work_are_held_by_different_people() {
        use Role::*;
        assert_eq!(check_roles(&[Adviser, Leader]), Ok(()));
        assert_eq!(check_roles(&[Admin]), Ok(()));
        assert_eq!(check_roles(&[Auditor]), Ok(()));
        for case_role in [Matcher, Consultant, Adviser, Leader] {
            assert_eq!(
                check_roles(&[Admin, case_role]),
                Err(RoleConflict::OversightWithCases)
            );
            assert_eq!(
                check_roles(&[case_role, Auditor]),
                Err(RoleConflict::OversightWithCases)
            );
        }
        assert_eq!(
            check_roles(&[Admin, Auditor]),
            Err(RoleConflict::AdminWithAuditor)
        );
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
