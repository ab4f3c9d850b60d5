//! The scoring criteria. Each gives a fraction in permille (0-1000) and a reason. Reasons are
//! small values; [`Reason::message`] names their catalogue text and values, which the reader's
//! language renders only when shown. Missing data
//! never lowers a score silently: the reason says what is missing.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{MatchRules, MatchUnit, OptionGroup, OptionProfile, UnitFacts, Weights};
use crate::{Arg, Message, NeedCode, NeedLevel, PlacementKind, age_on};

crate::macros::vocabulary!(
    /// A scoring criterion.
    Criterion, "criterion" {
        Needs = "needs",
        KnownAdults = "known_adults",
        School = "school",
        NearNetwork = "near_network",
        Siblings = "siblings",
        Language = "language",
        Culture = "culture",
        TierFit = "tier_fit",
        TrackRecord = "track_record",
        Cost = "cost",
    }
);

impl Criterion {
    /// This criterion's weight.
    pub fn weight(self, w: &Weights) -> u32 {
        match self {
            Criterion::Needs => w.needs,
            Criterion::KnownAdults => w.known_adults,
            Criterion::School => w.school,
            Criterion::NearNetwork => w.near_network,
            Criterion::Siblings => w.siblings,
            Criterion::Language => w.language,
            Criterion::Culture => w.culture,
            Criterion::TierFit => w.tier_fit,
            Criterion::TrackRecord => w.track_record,
            Criterion::Cost => w.cost,
        }
    }
}

/// Why a criterion gave what it gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    NoNeeds,
    AllNeeds(usize),
    /// Which of the unit's needs (by position) are covered partly, and not at all.
    SomeNeeds {
        needs: Arc<[(NeedCode, NeedLevel)]>,
        full: usize,
        partly: u64,
        not: u64,
    },
    NetworkFamily,
    KnowsFamily(String),
    NoKnownAdults,
    /// The unit's one child's school.
    School(SchoolReason),
    /// One entry per child of a sibling group.
    Schools(Vec<SchoolReason>),
    NoParentsOrNetworkLocation,
    OptionHasNoLocation,
    /// How far the option is from the parents and from the child's network (km), each when
    /// known. A network family is itself the network: its distance to the network is not told,
    /// only to the parents.
    Near {
        parents: Option<f64>,
        network: Option<f64>,
        is_network: bool,
    },
    SiblingsTogether(usize),
    PlacedApart,
    JoinsSiblings,
    ApartFromPlacedSiblings,
    NoSiblings,
    NoLanguage,
    Speaks(Arc<[String]>),
    DoesNotSpeak(Vec<String>),
    NoCultureWishes,
    MeetsWish(Vec<String>),
    DoesNotStateWish(String),
    NetworkTier,
    InstitutionFor(NeedLevel),
    FamilyTier {
        level: NeedLevel,
        over: u32,
    },
    Breakdowns(u32),
    NoDayRate,
    NoDayRateRecorded,
    DayRate(u32),
}

/// Why one child's school gave what it gave.
#[derive(Debug, Clone, PartialEq)]
pub enum SchoolReason {
    NotSchoolAge,
    NotRecorded,
    SchoolHasNoCoordinates,
    OptionHasNoCoordinates,
    Distance(f64),
}

impl Reason {
    /// The reason as a catalogue text and its values (`reason.*`).
    pub fn message(&self) -> Message {
        use Reason::*;
        match self {
            NoNeeds => Message::new("reason.no_needs"),
            AllNeeds(n) => Message::new("reason.all_needs").int("count", *n as i64),
            SomeNeeds {
                needs,
                full,
                partly,
                not,
            } => {
                let pick = |mask: u64| -> Vec<Arg> {
                    needs
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, (c, _))| Arg::Need(c.clone()))
                        .collect()
                };
                let (partly, not) = (pick(*partly), pick(*not));
                let mut clauses = vec![
                    Message::new("reason.covers_fully")
                        .int("full", *full as i64)
                        .int("total", needs.len() as i64),
                ];
                if !partly.is_empty() {
                    clauses.push(Message::new("reason.covers_partly").list("needs", partly));
                }
                if !not.is_empty() {
                    clauses.push(Message::new("reason.covers_not").list("needs", not));
                }
                joined(clauses)
            }
            NetworkFamily => Message::new("reason.network_family"),
            KnowsFamily(how) if how.is_empty() => Message::new("reason.knows_family"),
            KnowsFamily(how) => Message::new("reason.knows_family_how").text("how", how.clone()),
            NoKnownAdults => Message::new("reason.no_known_adults"),
            School(one) => school_message(std::slice::from_ref(one)),
            Schools(per_child) => school_message(per_child),
            NoParentsOrNetworkLocation => Message::new("reason.no_parents_or_network_location"),
            OptionHasNoLocation => Message::new("reason.option_has_no_location"),
            Near {
                parents,
                network,
                is_network,
            } => near_message(*parents, *network, *is_network),
            SiblingsTogether(n) => Message::new("reason.siblings_together").int("count", *n as i64),
            PlacedApart => Message::new("reason.placed_apart"),
            JoinsSiblings => Message::new("reason.joins_siblings"),
            ApartFromPlacedSiblings => Message::new("reason.apart_from_placed_siblings"),
            NoSiblings => Message::new("reason.no_siblings"),
            NoLanguage => Message::new("reason.no_language"),
            Speaks(l) => Message::new("reason.speaks").list("languages", languages(l)),
            DoesNotSpeak(l) => {
                Message::new("reason.does_not_speak").list("languages", languages(l))
            }
            NoCultureWishes => Message::new("reason.no_culture_wishes"),
            MeetsWish(w) => Message::new("reason.meets_wish")
                .list("words", w.iter().map(|w| Arg::Text(w.clone())).collect()),
            DoesNotStateWish(w) => {
                Message::new("reason.does_not_state_wish").text("wish", w.clone())
            }
            NetworkTier => Message::new("reason.network_tier"),
            InstitutionFor(level) => {
                Message::new("reason.institution_for").text("level", level.as_str())
            }
            FamilyTier { level, over } => Message::new(match over {
                0 => "reason.family_tier_fits",
                1 => "reason.family_tier_more",
                _ => "reason.family_tier_far_more",
            })
            .text("level", level.as_str()),
            Breakdowns(n) => Message::new("reason.breakdowns").int("count", *n),
            NoDayRate => Message::new("reason.no_day_rate"),
            NoDayRateRecorded => Message::new("reason.no_day_rate_recorded"),
            DayRate(r) => Message::new("reason.day_rate").int("kroner", *r),
        }
    }
}

/// Texts that together make one reason.
fn joined(clauses: Vec<Message>) -> Message {
    Message::new("reason.joined").clauses("clauses", clauses)
}

fn languages(codes: &[String]) -> Vec<Arg> {
    codes.iter().map(|c| Arg::Language(c.clone())).collect()
}

/// The school reasons of a unit's children (each distinct reason once).
fn school_message(per_child: &[SchoolReason]) -> Message {
    let mut clauses: Vec<Message> = Vec::new();
    for r in per_child {
        let m = match r {
            SchoolReason::NotSchoolAge => Message::new("reason.school_not_school_age"),
            SchoolReason::NotRecorded => Message::new("reason.school_not_recorded"),
            SchoolReason::SchoolHasNoCoordinates => Message::new("reason.school_no_location"),
            SchoolReason::OptionHasNoCoordinates => {
                Message::new("reason.school_option_no_location")
            }
            SchoolReason::Distance(d) => Message::new("reason.school_km").decimal("km", *d, 1),
        };
        if !clauses.contains(&m) {
            clauses.push(m);
        }
    }
    joined(clauses)
}

/// A criterion's verdict: how much of its weight the option earns, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub permille: u32,
    pub reason: Reason,
}

fn v(permille: u32, reason: Reason) -> Verdict {
    Verdict {
        permille: permille.min(1000),
        reason,
    }
}

/// Full marks within `full` km, none beyond `zero`, linear between.
fn by_distance(d: f64, full: f64, zero: f64) -> u32 {
    if d <= full {
        1000
    } else if d >= zero {
        0
    } else {
        (1000.0 * (zero - d) / (zero - full)).round() as u32
    }
}

/// Judges one criterion.
pub fn judge(
    criterion: Criterion,
    unit: &MatchUnit,
    facts: &UnitFacts,
    option: &OptionProfile,
    rules: &MatchRules,
    start: NaiveDate,
) -> Verdict {
    match criterion {
        Criterion::Needs => needs(facts, option),
        Criterion::KnownAdults => known_adults(unit, option),
        Criterion::School => school(unit, option, rules, start),
        Criterion::NearNetwork => near_network(unit, option, rules),
        Criterion::Siblings => siblings(unit, option),
        Criterion::Language => language(facts, option),
        Criterion::Culture => culture(facts, option),
        Criterion::TierFit => tier_fit(facts, option),
        Criterion::TrackRecord => track_record(option),
        Criterion::Cost => cost(option, rules),
    }
}

/// Needs covered, weighted by level (severe 3, moderate 2, light 1); a competence below the
/// need's level counts half.
fn needs(facts: &UnitFacts, option: &OptionProfile) -> Verdict {
    let needs = &facts.needs;
    if needs.is_empty() {
        return v(1000, Reason::NoNeeds);
    }
    let (mut total, mut earned, mut full) = (0u32, 0u32, 0usize);
    let (mut partly, mut not) = (0u64, 0u64);
    for (i, (code, level)) in needs.iter().enumerate() {
        total += 2 * level.weight();
        match option.competence(code) {
            Some(c) if c.covers(*level) => {
                earned += 2 * level.weight();
                full += 1;
            }
            Some(_) => {
                earned += level.weight();
                partly |= 1 << i.min(63);
            }
            None => not |= 1 << i.min(63),
        }
    }
    let permille = 1000 * earned / total;
    if partly == 0 && not == 0 {
        v(permille, Reason::AllNeeds(needs.len()))
    } else {
        v(
            permille,
            Reason::SomeNeeds {
                needs: needs.clone(),
                full,
                partly,
                not,
            },
        )
    }
}

/// Known adults: a network family approved for the child, or a family the child knows.
fn known_adults(unit: &MatchUnit, option: &OptionProfile) -> Verdict {
    if option
        .network_child_id
        .is_some_and(|c| unit.children.iter().any(|k| k.id == c))
    {
        return v(1000, Reason::NetworkFamily);
    }
    for c in &unit.children {
        if let Some(k) = c.known_options.iter().find(|k| k.option_id == option.id) {
            return v(1000, Reason::KnowsFamily(k.how.clone()));
        }
    }
    v(0, Reason::NoKnownAdults)
}

/// Keeps the current school: the distance from the option to each child's school.
fn school(
    unit: &MatchUnit,
    option: &OptionProfile,
    rules: &MatchRules,
    start: NaiveDate,
) -> Verdict {
    let mut sum = 0u32;
    let mut reasons: Vec<SchoolReason> = Vec::with_capacity(unit.children.len());
    for c in &unit.children {
        let (p, r) = if !c.school_recorded && age_on(c.birth_date, start) < 6 {
            (1000, SchoolReason::NotSchoolAge)
        } else if !c.school_recorded {
            (0, SchoolReason::NotRecorded)
        } else {
            match (c.school, option.coordinates) {
                (None, _) => (0, SchoolReason::SchoolHasNoCoordinates),
                (_, None) => (0, SchoolReason::OptionHasNoCoordinates),
                (Some(s), Some(o)) => {
                    let d = s.distance_km(o);
                    (
                        by_distance(d, rules.school_full_km, rules.school_zero_km),
                        SchoolReason::Distance(d),
                    )
                }
            }
        };
        sum += p;
        reasons.push(r);
    }
    let n = unit.children.len().max(1) as u32;
    let reason = if reasons.len() == 1 {
        Reason::School(reasons.remove(0))
    } else {
        Reason::Schools(reasons)
    };
    v(sum / n, reason)
}

/// Near the parents and the network (contact, § 103): the nearest of them.
fn near_network(unit: &MatchUnit, option: &OptionProfile, rules: &MatchRules) -> Verdict {
    let mut nearest = f64::INFINITY;
    let mut any = false;
    let Some(o) = option.coordinates else {
        let has_places = unit
            .children
            .iter()
            .any(|c| c.parents_home.is_some() || !c.network_places.is_empty());
        return v(
            0,
            if has_places {
                Reason::OptionHasNoLocation
            } else {
                Reason::NoParentsOrNetworkLocation
            },
        );
    };
    let is_network = OptionGroup::of(option.kind) == OptionGroup::Network;
    let (mut parents, mut network) = (None::<f64>, None::<f64>);
    for c in &unit.children {
        if let Some(p) = &c.parents_home {
            any = true;
            let d = p.distance_km(o);
            nearest = nearest.min(d);
            parents = Some(parents.map_or(d, |x| x.min(d)));
        }
        for p in &c.network_places {
            any = true;
            let d = p.distance_km(o);
            nearest = nearest.min(d);
            network = Some(network.map_or(d, |x| x.min(d)));
        }
    }
    if !any {
        return v(0, Reason::NoParentsOrNetworkLocation);
    }
    v(
        by_distance(nearest, rules.network_full_km, rules.network_zero_km),
        Reason::Near {
            parents,
            network: if is_network { None } else { network },
            is_network,
        },
    )
}

/// The distance reason: to the parents and to the network, each when known; a network
/// family is the network, so only its distance to the parents is told.
fn near_message(parents: Option<f64>, network: Option<f64>, is_network: bool) -> Message {
    let mut clauses = Vec::new();
    if is_network {
        clauses.push(Message::new("reason.own_network"));
    }
    if let Some(d) = parents {
        clauses.push(Message::new("reason.km_to_parents").decimal("km", d, 1));
    }
    if let Some(d) = network {
        clauses.push(Message::new("reason.km_to_network").decimal("km", d, 1));
    }
    joined(clauses)
}

/// Siblings together (§ 52(3)).
fn siblings(unit: &MatchUnit, option: &OptionProfile) -> Verdict {
    if unit.children.len() > 1 {
        return v(1000, Reason::SiblingsTogether(unit.children.len()));
    }
    if unit.is_split() {
        return v(0, Reason::PlacedApart);
    }
    let placed: Vec<_> = unit
        .children
        .iter()
        .flat_map(|c| c.siblings_placed_in.iter())
        .collect();
    if placed.is_empty() {
        v(1000, Reason::NoSiblings)
    } else if placed.contains(&&option.id) {
        v(1000, Reason::JoinsSiblings)
    } else {
        v(0, Reason::ApartFromPlacedSiblings)
    }
}

/// Language: the share of the children's languages spoken in the home.
fn language(facts: &UnitFacts, option: &OptionProfile) -> Verdict {
    let wanted = &facts.languages;
    if wanted.is_empty() {
        return v(0, Reason::NoLanguage);
    }
    let spoken = wanted
        .iter()
        .filter(|l| option.languages.contains(l))
        .count();
    let permille = 1000 * spoken as u32 / wanted.len() as u32;
    if spoken == wanted.len() {
        v(permille, Reason::Speaks(wanted.clone()))
    } else {
        let missing = wanted
            .iter()
            .filter(|l| !option.languages.contains(l))
            .cloned()
            .collect();
        v(permille, Reason::DoesNotSpeak(missing))
    }
}

/// The words of a text that can carry a wish (four letters or more), lowercased.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
}

/// Culture and religion wishes: whether the home states what the child wishes.
fn culture(facts: &UnitFacts, option: &OptionProfile) -> Verdict {
    if facts.wishes.is_empty() {
        return v(1000, Reason::NoCultureWishes);
    }
    let offered: Vec<String> = words(&option.culture_religion).collect();
    let met: Vec<String> = facts
        .wish_words
        .iter()
        .filter(|w| offered.contains(w))
        .cloned()
        .collect();
    if met.is_empty() {
        v(0, Reason::DoesNotStateWish(facts.wishes.join("; ")))
    } else {
        v(1000, Reason::MeetsWish(met))
    }
}

/// How specialised a kind is among family-based options (network families stand apart).
fn tier(kind: PlacementKind) -> u32 {
    match kind {
        PlacementKind::ReinforcedFosterFamily => 2,
        PlacementKind::SpecialisedFosterFamily => 3,
        _ => 1,
    }
}

/// Tier fit: prefer the least specialised kind that covers the needs, so scarce specialised
/// places go to the children who need them.
fn tier_fit(facts: &UnitFacts, option: &OptionProfile) -> Verdict {
    let level = facts.support_level;
    match OptionGroup::of(option.kind) {
        OptionGroup::Network => v(1000, Reason::NetworkTier),
        OptionGroup::Institutional => {
            let p = match level {
                NeedLevel::Severe => 1000,
                NeedLevel::Moderate => 500,
                NeedLevel::Light => 0,
            };
            v(p, Reason::InstitutionFor(level))
        }
        _ => {
            let needed = if level == NeedLevel::Severe { 2 } else { 1 };
            let over = tier(option.kind).saturating_sub(needed);
            v(
                1000u32.saturating_sub(500 * over),
                Reason::FamilyTier { level, over },
            )
        }
    }
}

/// Track record: earlier breakdowns in this option.
fn track_record(option: &OptionProfile) -> Verdict {
    v(
        1000u32.saturating_sub(500 * option.breakdowns),
        Reason::Breakdowns(option.breakdowns),
    )
}

/// Cost: the day rate of institutions; family-based care has none here.
fn cost(option: &OptionProfile, rules: &MatchRules) -> Verdict {
    match (option.day_rate_dkk, option.kind.is_institutional()) {
        (None, false) => v(1000, Reason::NoDayRate),
        (None, true) => v(0, Reason::NoDayRateRecorded),
        (Some(rate), _) => {
            let (lo, hi) = (rules.day_rate_low_dkk, rules.day_rate_high_dkk);
            let p = if rate <= lo {
                1000
            } else if rate >= hi {
                0
            } else {
                1000 * (hi - rate) / (hi - lo)
            };
            v(p, Reason::DayRate(rate))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_scale_is_full_near_and_zero_far() {
        assert_eq!(by_distance(3.0, 5.0, 25.0), 1000);
        assert_eq!(by_distance(15.0, 5.0, 25.0), 500);
        assert_eq!(by_distance(30.0, 5.0, 25.0), 0);
    }
}
