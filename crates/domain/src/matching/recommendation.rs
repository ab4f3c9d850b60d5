//! The recommendation line: family-based care when a family-based option fits; otherwise a
//! short, targeted institutional stay with a planned length, naming the needs that decided it.

use super::exclusions::{Exclusion, ExclusionCode};
use super::outcome::{ExcludedOption, RankedOption};
use super::{MatchRules, MatchUnit, OptionGroup, OptionProfile};
use crate::{Arg, Message, NeedCode, NeedLevel, PlacementOptionId};

crate::macros::vocabulary!(
    /// What kind of care the options point to.
    RecommendationKind, "recommendation" {
        FamilyBased = "family_based",
        InstitutionalStay = "institutional_stay",
        NoneSuitable = "none_suitable",
    }
);

/// The recommendation with its reasons, as catalogue texts and their values (`advice.*`).
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub kind: RecommendationKind,
    pub text: Message,
    pub reasons: Vec<Message>,
    /// For an institutional stay: its planned length in months (a rule).
    pub planned_months: Option<u32>,
    /// The severe needs no family-based option covers.
    pub deciding_needs: Vec<NeedCode>,
    /// The best option of the recommended kind.
    pub best_option_id: Option<PlacementOptionId>,
}

fn is_family(g: OptionGroup) -> bool {
    matches!(g, OptionGroup::Network | OptionGroup::FamilyBased)
}

/// "N family-based options meet every requirement; the first in the list scores S."
fn meet_every_requirement(n: usize, score: f64) -> Message {
    Message::new("advice.meet_every_requirement")
        .int("count", n as i64)
        .decimal("score", score, 1)
}

/// Why the recommendation passes the network: there is no network family among the options,
/// every one is excluded (with the first one's first reason), or the rules list them later.
fn past_the_network(
    options: &[OptionProfile],
    ranked: &[RankedOption],
    excluded: &[ExcludedOption],
) -> Message {
    let network = options
        .iter()
        .filter(|o| OptionGroup::of(o.kind) == OptionGroup::Network)
        .count();
    if ranked.iter().any(|r| r.group == OptionGroup::Network) {
        return Message::new("advice.rules_list_network_later");
    }
    let first = excluded
        .iter()
        .find(|e| e.group == OptionGroup::Network)
        .and_then(|e| e.reasons.first());
    match first {
        None => Message::new("advice.no_network_family"),
        Some(r) => Message::new("advice.network_excluded")
            .int("count", network as i64)
            .clauses("why", vec![r.message()]),
    }
}

/// The most common reasons family-based options were excluded, counting options (an option
/// excluded for two uncovered needs counts once under that reason), out of all of them.
fn exclusion_counts(options: &[OptionProfile], excluded: &[ExcludedOption]) -> Vec<Message> {
    let total = options
        .iter()
        .filter(|o| is_family(OptionGroup::of(o.kind)))
        .count();
    let mut counts: Vec<(ExclusionCode, usize, &Exclusion)> = Vec::new();
    for e in excluded.iter().filter(|e| is_family(e.group)) {
        let mut seen: Vec<ExclusionCode> = Vec::new();
        for r in &e.reasons {
            if seen.contains(&r.code()) {
                continue;
            }
            seen.push(r.code());
            match counts.iter_mut().find(|(c, _, _)| *c == r.code()) {
                Some((_, n, _)) => *n += 1,
                None => counts.push((r.code(), 1, r)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .into_iter()
        .take(3)
        .map(|(_, n, example)| {
            Message::new("advice.excluded_count")
                .int("count", n as i64)
                .int("total", total as i64)
                .clauses("example", vec![example.message()])
        })
        .collect()
}

/// Builds the recommendation from a ranking.
pub fn recommend(
    unit: &MatchUnit,
    options: &[OptionProfile],
    ranked: &[RankedOption],
    excluded: &[ExcludedOption],
    rules: &MatchRules,
) -> Recommendation {
    let family: Vec<&RankedOption> = ranked.iter().filter(|r| is_family(r.group)).collect();
    // The first family-based option in the list's own order (the network first, as the law
    // and the rules put it), so the recommendation names the option the list shows on top.
    if let Some(best) = family.first() {
        let mut reasons = vec![meet_every_requirement(family.len(), best.score())];
        if best.group != OptionGroup::Network {
            reasons.push(past_the_network(options, ranked, excluded));
        }
        return Recommendation {
            kind: RecommendationKind::FamilyBased,
            text: Message::new("advice.family_based"),
            reasons,
            planned_months: None,
            deciding_needs: vec![],
            best_option_id: Some(best.option_id),
        };
    }
    // Which severe needs no family-based option covers at all.
    let severe: Vec<NeedCode> = unit
        .needs()
        .into_iter()
        .filter(|(_, l)| *l == NeedLevel::Severe)
        .map(|(c, _)| c)
        .collect();
    let deciding: Vec<NeedCode> = severe
        .into_iter()
        .filter(|code| {
            !options
                .iter()
                .filter(|o| is_family(OptionGroup::of(o.kind)))
                .any(|o| {
                    o.competence(code)
                        .is_some_and(|l| l.covers(NeedLevel::Severe))
                })
        })
        .collect();
    let mut reasons = Vec::new();
    if !deciding.is_empty() {
        reasons.push(Message::new("advice.severe_needs_uncovered").list(
            "needs",
            deciding.iter().map(|c| Arg::Need(c.clone())).collect(),
        ));
    }
    reasons.extend(exclusion_counts(options, excluded));
    let institution = ranked
        .iter()
        .filter(|r| r.group == OptionGroup::Institutional)
        .max_by(|a, b| a.key.cmp(&b.key).then(b.option_id.cmp(&a.option_id)));
    match institution {
        Some(best) => {
            let months = rules.institution_default_months;
            Recommendation {
                kind: RecommendationKind::InstitutionalStay,
                text: Message::new("advice.institutional_stay").int("months", months),
                reasons,
                planned_months: Some(months),
                deciding_needs: deciding,
                best_option_id: Some(best.option_id),
            }
        }
        None => Recommendation {
            kind: RecommendationKind::NoneSuitable,
            text: Message::new("advice.none_suitable"),
            reasons,
            planned_months: None,
            deciding_needs: deciding,
            best_option_id: None,
        },
    }
}
