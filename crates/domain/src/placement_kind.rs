//! The seven kinds of placement option under Barnets Lov § 43(1).

crate::macros::vocabulary!(
    /// A kind of placement option. Kinds 1-4 are family-based; the children's home is
    /// institutional; own room and boarding school are neither.
    PlacementKind, "placement kind" {
        GeneralFosterFamily = "general_foster_family",
        ReinforcedFosterFamily = "reinforced_foster_family",
        SpecialisedFosterFamily = "specialised_foster_family",
        NetworkFosterFamily = "network_foster_family",
        OwnRoom = "own_room",
        ChildrensHome = "childrens_home",
        BoardingSchool = "boarding_school",
    }
);

crate::macros::vocabulary!(
    /// How a children's home is run: a residential institution (including secure units) or a
    /// residential home. Only meaningful for [`PlacementKind::ChildrensHome`].
    InstitutionForm, "institution form" {
        ResidentialInstitution = "residential_institution",
        SecureUnit = "secure_unit",
        ResidentialHome = "residential_home",
    }
);

impl PlacementKind {
    /// Foster families of every kind, including network families. Preferred by the law and by
    /// the municipality: they let the child build lasting relationships.
    pub fn is_family_based(self) -> bool {
        matches!(
            self,
            PlacementKind::GeneralFosterFamily
                | PlacementKind::ReinforcedFosterFamily
                | PlacementKind::SpecialisedFosterFamily
                | PlacementKind::NetworkFosterFamily
        )
    }

    /// Children's homes: meant as a short, targeted stay with a planned end and an exit goal.
    pub fn is_institutional(self) -> bool {
        matches!(self, PlacementKind::ChildrensHome)
    }

    /// A network family is approved concretely for one child, by the municipality.
    pub fn is_network(self) -> bool {
        matches!(self, PlacementKind::NetworkFosterFamily)
    }

    /// Kinds the regional social supervision authority (Socialtilsynet) approves, stating
    /// places, age range and target groups.
    pub fn approved_by_social_supervision(self) -> bool {
        matches!(
            self,
            PlacementKind::GeneralFosterFamily
                | PlacementKind::ReinforcedFosterFamily
                | PlacementKind::SpecialisedFosterFamily
                | PlacementKind::ChildrensHome
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_one_to_four_are_family_based_and_six_institutional() {
        let family: Vec<_> = PlacementKind::ALL
            .iter()
            .filter(|k| k.is_family_based())
            .collect();
        assert_eq!(family.len(), 4);
        let inst: Vec<_> = PlacementKind::ALL
            .iter()
            .filter(|k| k.is_institutional())
            .collect();
        assert_eq!(inst, vec![&PlacementKind::ChildrensHome]);
        assert_eq!(PlacementKind::ALL.len(), 7);
        for k in PlacementKind::ALL {
            assert!(!(k.is_family_based() && k.is_institutional()));
        }
        assert!(!PlacementKind::OwnRoom.is_family_based());
        assert!(!PlacementKind::BoardingSchool.is_institutional());
    }

    #[test]
    fn codes_round_trip() {
        for k in PlacementKind::ALL {
            assert_eq!(k.as_str().parse::<PlacementKind>().unwrap(), *k);
        }
    }
}

crate::macros::vocabulary!(
    /// The form of a placement as the momentum dashboard counts it: the law prefers a network
    /// family, then another family, and an institution only as a short, targeted stay.
    PlacementForm, "placement form" {
        Network = "network",
        OtherFamilyBased = "other_family_based",
        Institutional = "institutional",
        /// Own room and boarding school: neither family-based nor an institution stay.
        Other = "other",
    }
);

impl PlacementKind {
    /// The dashboard form this kind counts under.
    pub fn form(self) -> PlacementForm {
        match self {
            PlacementKind::NetworkFosterFamily => PlacementForm::Network,
            PlacementKind::GeneralFosterFamily
            | PlacementKind::ReinforcedFosterFamily
            | PlacementKind::SpecialisedFosterFamily => PlacementForm::OtherFamilyBased,
            PlacementKind::ChildrensHome => PlacementForm::Institutional,
            PlacementKind::OwnRoom | PlacementKind::BoardingSchool => PlacementForm::Other,
        }
    }
}
