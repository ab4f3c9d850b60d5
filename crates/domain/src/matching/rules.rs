//! The matching rules as data: criterion weights, what level each kind takes, the order of
//! the groups, distances that count as near, and the default length of an institutional stay.
//! Administrators change them; these are the defaults.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Message, NeedLevel, PlacementKind};

/// How much each criterion counts. The score is each criterion's share of the total weight,
/// so the weights need not add up to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub needs: u32,
    pub known_adults: u32,
    pub school: u32,
    pub near_network: u32,
    pub siblings: u32,
    pub language: u32,
    pub culture: u32,
    pub tier_fit: u32,
    pub track_record: u32,
    pub cost: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            needs: 30,
            known_adults: 15,
            school: 10,
            near_network: 10,
            siblings: 10,
            language: 5,
            culture: 5,
            tier_fit: 5,
            track_record: 5,
            cost: 5,
        }
    }
}

impl Weights {
    /// The sum of all weights.
    pub fn total(&self) -> u32 {
        self.needs
            + self.known_adults
            + self.school
            + self.near_network
            + self.siblings
            + self.language
            + self.culture
            + self.tier_fit
            + self.track_record
            + self.cost
    }
}

crate::macros::vocabulary!(
    /// The groups options are shown in, network first.
    OptionGroup, "option group" {
        Network = "network",
        FamilyBased = "family_based",
        Institutional = "institutional",
        Other = "other",
    }
);

impl OptionGroup {
    /// The group a kind of option belongs to.
    pub fn of(kind: PlacementKind) -> Self {
        if kind.is_network() {
            OptionGroup::Network
        } else if kind.is_family_based() {
            OptionGroup::FamilyBased
        } else if kind.is_institutional() {
            OptionGroup::Institutional
        } else {
            OptionGroup::Other
        }
    }
}

/// The highest overall support level a kind takes; `None` means judged case by case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KindLevel {
    pub kind: PlacementKind,
    pub max_support_level: Option<NeedLevel>,
}

/// All matching rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MatchRules {
    pub weights: Weights,
    /// What overall support level each kind takes.
    pub max_support_level: Vec<KindLevel>,
    /// The order of the groups in the ranking.
    pub group_order: Vec<OptionGroup>,
    /// The planned length of a short targeted institutional stay.
    pub institution_default_months: u32,
    /// Within this distance of the school, full marks for keeping it; none beyond the next.
    pub school_full_km: f64,
    pub school_zero_km: f64,
    /// Within this distance of parents or network, full marks; none beyond the next.
    pub network_full_km: f64,
    pub network_zero_km: f64,
    /// Day rates at or below the first get full marks for cost; at or above the second none.
    pub day_rate_low_dkk: u32,
    pub day_rate_high_dkk: u32,
    /// Free places confirmed longer ago than this are flagged as stale.
    pub capacity_stale_days: u32,
    /// The four-eyes rule: a proposal is approved by a leader other than the one who made
    /// it (on unless a municipality decides otherwise; rules stored before it existed get
    /// it on).
    #[serde(default = "four_eyes_default")]
    pub four_eyes: bool,
    /// The youngest age a secure unit (sikret afdeling) is offered for: a hard limit, so a
    /// secure unit never shows up as an ordinary children's home for a young child. Rules
    /// stored before it existed read the default.
    #[serde(default = "secure_unit_min_age_default")]
    pub secure_unit_min_age: u8,
    /// A completed network search older than this many days is told as stale to the leader
    /// deciding a place outside the network (and needs a reason again). Rules stored before it
    /// existed read the default.
    #[serde(default = "network_search_stale_days_default")]
    pub network_search_stale_days: u32,
}

fn network_search_stale_days_default() -> u32 {
    crate::network_search::SEARCH_STALE_AFTER_DAYS as u32
}

fn four_eyes_default() -> bool {
    true
}

/// Secure units take young people from 12: a placement there is a measure for youths, not a
/// home for a young child. A municipality's rule set can change it.
pub const SECURE_UNIT_MIN_AGE: u8 = 12;

fn secure_unit_min_age_default() -> u8 {
    SECURE_UNIT_MIN_AGE
}

impl Default for MatchRules {
    fn default() -> Self {
        use PlacementKind::*;
        let level = |kind, max| KindLevel {
            kind,
            max_support_level: max,
        };
        Self {
            weights: Weights::default(),
            max_support_level: vec![
                level(GeneralFosterFamily, Some(NeedLevel::Moderate)),
                level(ReinforcedFosterFamily, Some(NeedLevel::Severe)),
                level(SpecialisedFosterFamily, Some(NeedLevel::Severe)),
                level(NetworkFosterFamily, None),
                level(OwnRoom, Some(NeedLevel::Moderate)),
                level(ChildrensHome, Some(NeedLevel::Severe)),
                level(BoardingSchool, Some(NeedLevel::Moderate)),
            ],
            group_order: vec![
                OptionGroup::Network,
                OptionGroup::FamilyBased,
                OptionGroup::Institutional,
                OptionGroup::Other,
            ],
            institution_default_months: 6,
            school_full_km: 5.0,
            school_zero_km: 25.0,
            network_full_km: 10.0,
            network_zero_km: 60.0,
            day_rate_low_dkk: 2500,
            day_rate_high_dkk: 7500,
            capacity_stale_days: 90,
            four_eyes: true,
            secure_unit_min_age: SECURE_UNIT_MIN_AGE,
            network_search_stale_days: network_search_stale_days_default(),
        }
    }
}

impl MatchRules {
    /// The highest support level a kind takes (`None`: case by case).
    pub fn max_level(&self, kind: PlacementKind) -> Option<NeedLevel> {
        self.max_support_level
            .iter()
            .find(|k| k.kind == kind)
            .and_then(|k| k.max_support_level)
    }

    /// The position of a group in the ranking.
    pub fn group_rank(&self, group: OptionGroup) -> usize {
        self.group_order
            .iter()
            .position(|g| *g == group)
            .unwrap_or(self.group_order.len())
    }

    /// Checks the rules; each problem names its field.
    pub fn validate(&self) -> Result<(), Vec<(String, Message)>> {
        let mut p: Vec<(String, Message)> = Vec::new();
        if self.weights.total() == 0 {
            p.push(("weights".into(), Message::new("problem.rule_weights_zero")));
        }
        if self.weights.total() > 100_000 {
            p.push(("weights".into(), Message::new("problem.rule_weights_big")));
        }
        let mut groups = self.group_order.clone();
        groups.sort();
        groups.dedup();
        if groups.len() != OptionGroup::ALL.len()
            || self.group_order.len() != OptionGroup::ALL.len()
        {
            p.push((
                "group_order".into(),
                Message::new("problem.rule_group_order"),
            ));
        }
        for kind in PlacementKind::ALL {
            let n = self
                .max_support_level
                .iter()
                .filter(|k| k.kind == *kind)
                .count();
            if n != 1 {
                p.push((
                    "max_support_level".into(),
                    Message::new("problem.rule_once").key("kind", format!("placement_kind.{kind}")),
                ));
            }
        }
        if self.secure_unit_min_age > 17 {
            p.push((
                "secure_unit_min_age".into(),
                Message::new("problem.rule_secure_unit_age"),
            ));
        }
        if !(7..=730).contains(&self.network_search_stale_days) {
            p.push((
                "network_search_stale_days".into(),
                Message::new("problem.rule_search_stale"),
            ));
        }
        if !(1..=36).contains(&self.institution_default_months) {
            p.push((
                "institution_default_months".into(),
                Message::new("problem.rule_months_36"),
            ));
        }
        for (field, near, far) in [
            ("school_zero_km", self.school_full_km, self.school_zero_km),
            (
                "network_zero_km",
                self.network_full_km,
                self.network_zero_km,
            ),
        ] {
            if !(near.is_finite()
                && far.is_finite()
                && near >= 0.0
                && far > near
                && far <= 20_000.0)
            {
                p.push((field.into(), Message::new("problem.rule_distance")));
            }
        }
        if self.day_rate_high_dkk <= self.day_rate_low_dkk {
            p.push((
                "day_rate_high_dkk".into(),
                Message::new("problem.rule_day_rate"),
            ));
        }
        if self.capacity_stale_days == 0 {
            p.push((
                "capacity_stale_days".into(),
                Message::new("problem.at_least").int("min", 1),
            ));
        }
        if p.is_empty() { Ok(()) } else { Err(p) }
    }

    /// Parses and validates rules from their JSON text (for stored rules).
    pub fn checked(self) -> Result<Self, DomainError> {
        self.validate().map_err(|p| {
            DomainError::Invalid(
                p.into_iter()
                    .map(|(f, m)| format!("{f}: {}", m.key))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_weights_add_up_to_100() {
        let r = MatchRules::default();
        assert!(r.validate().is_ok());
        assert_eq!(r.weights.total(), 100);
        assert_eq!(
            r.max_level(PlacementKind::GeneralFosterFamily),
            Some(NeedLevel::Moderate)
        );
        assert_eq!(r.max_level(PlacementKind::NetworkFosterFamily), None);
        assert_eq!(r.group_rank(OptionGroup::Network), 0);
    }

    #[test]
    fn invalid_rules_name_their_field() {
        let mut r = MatchRules {
            weights: Weights {
                needs: 0,
                known_adults: 0,
                school: 0,
                near_network: 0,
                siblings: 0,
                language: 0,
                culture: 0,
                tier_fit: 0,
                track_record: 0,
                cost: 0,
            },
            ..MatchRules::default()
        };
        r.group_order.pop();
        r.school_zero_km = 1.0;
        let fields: Vec<String> = r
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["weights", "group_order", "school_zero_km"]);
    }
}
