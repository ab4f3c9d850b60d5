//! The recommendation line: family-based care when a family-based option fits; otherwise a
//! short, targeted institutional stay with a planned length, naming the needs that decided it.

use serde::{Deserialize, Serialize};

use super::exclusions::ExclusionCode;
use super::rank::{ExcludedOption, RankedOption};
use super::{MatchRules, MatchUnit, NeedLabels, OptionGroup, OptionProfile};
use crate::{Bilingual, NeedCode, NeedLevel, PlacementOptionId};

crate::macros::vocabulary!(
    /// What kind of care the options point to.
    RecommendationKind, "recommendation" {
        FamilyBased = "family_based",
        InstitutionalStay = "institutional_stay",
        NoneSuitable = "none_suitable",
    }
);

/// The recommendation with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    pub kind: RecommendationKind,
    pub text: Bilingual,
    pub reasons: Vec<Bilingual>,
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

/// A score as a reader writes it: `82,5` in Danish, `82.5` in English.
fn score_text(score: f64) -> (String, String) {
    let en = format!("{score:.1}");
    (en.replace('.', ","), en)
}

/// "N family-based options meet every requirement; the first in the list scores S."
fn meet_every_requirement(n: usize, score: f64) -> Bilingual {
    let (sda, sen) = score_text(score);
    if n == 1 {
        Bilingual::new(
            format!("1 familiebaseret sted opfylder alle krav; det scorer {sda}"),
            format!("1 family-based option meets every requirement; it scores {sen}"),
        )
    } else {
        Bilingual::new(
            format!(
                "{n} familiebaserede steder opfylder alle krav; det første i listen scorer {sda}"
            ),
            format!(
                "{n} family-based options meet every requirement; the first in the list scores {sen}"
            ),
        )
    }
}

/// Why the recommendation passes the network: there is no network family among the options,
/// every one is excluded (with the first one's first reason), or the rules list them later.
fn past_the_network(
    options: &[OptionProfile],
    ranked: &[RankedOption],
    excluded: &[ExcludedOption],
    labels: &NeedLabels,
) -> Bilingual {
    let network = options
        .iter()
        .filter(|o| OptionGroup::of(o.kind) == OptionGroup::Network)
        .count();
    if ranked.iter().any(|r| r.group == OptionGroup::Network) {
        return Bilingual::new(
            "Reglerne placerer netværksfamilier efter andre familiebaserede steder",
            "The rules list network families after other family-based options",
        );
    }
    let first = excluded
        .iter()
        .find(|e| e.group == OptionGroup::Network)
        .and_then(|e| e.reasons.first());
    match first {
        None => Bilingual::new(
            "Barnet har ingen netværksfamilie blandt anbringelsesstederne",
            "The child has no network family among the options",
        ),
        Some(r) => {
            let why = r.text(labels);
            if network == 1 {
                Bilingual::new(
                    format!("Netværksfamilien er udelukket: {}", why.da),
                    format!("The network family is excluded: {}", why.en),
                )
            } else {
                Bilingual::new(
                    format!(
                        "Alle {network} netværksfamilier er udelukket, fx: {}",
                        why.da
                    ),
                    format!(
                        "All {network} network families are excluded, e.g.: {}",
                        why.en
                    ),
                )
            }
        }
    }
}

/// The most common reasons family-based options were excluded, counting options (an option
/// excluded for two uncovered needs counts once under that reason), out of all of them.
fn exclusion_counts(
    options: &[OptionProfile],
    excluded: &[ExcludedOption],
    labels: &NeedLabels,
) -> Vec<Bilingual> {
    let total = options
        .iter()
        .filter(|o| is_family(OptionGroup::of(o.kind)))
        .count();
    let mut counts: Vec<(ExclusionCode, usize, Bilingual)> = Vec::new();
    for e in excluded.iter().filter(|e| is_family(e.group)) {
        let mut seen: Vec<ExclusionCode> = Vec::new();
        for r in &e.reasons {
            if seen.contains(&r.code()) {
                continue;
            }
            seen.push(r.code());
            match counts.iter_mut().find(|(c, _, _)| *c == r.code()) {
                Some((_, n, _)) => *n += 1,
                None => counts.push((r.code(), 1, r.text(labels))),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .into_iter()
        .take(3)
        .map(|(_, n, example)| {
            Bilingual::new(
                format!(
                    "{n} af {total} familiebaserede steder udelukket, fx: {}",
                    example.da
                ),
                format!(
                    "{n} of {total} family-based options excluded, e.g.: {}",
                    example.en
                ),
            )
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
    labels: &NeedLabels,
) -> Recommendation {
    let family: Vec<&RankedOption> = ranked.iter().filter(|r| is_family(r.group)).collect();
    // The first family-based option in the list's own order (the network first, as the law
    // and the rules put it), so the recommendation names the option the list shows on top.
    if let Some(best) = family.first() {
        let mut reasons = vec![meet_every_requirement(family.len(), best.score())];
        if best.group != OptionGroup::Network {
            reasons.push(past_the_network(options, ranked, excluded, labels));
        }
        return Recommendation {
            kind: RecommendationKind::FamilyBased,
            text: Bilingual::new(
                "Anbefaling: familiebaseret anbringelse",
                "Recommendation: family-based care",
            ),
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
        let da: Vec<String> = deciding.iter().map(|c| labels.of(c).da).collect();
        let en: Vec<String> = deciding.iter().map(|c| labels.of(c).en).collect();
        reasons.push(Bilingual::new(
            format!(
                "Ingen familiebaseret mulighed dækker de svære behov: {}",
                da.join(", ")
            ),
            format!(
                "No family-based option covers the severe needs: {}",
                en.join(", ")
            ),
        ));
    }
    reasons.extend(exclusion_counts(options, excluded, labels));
    let institution = ranked
        .iter()
        .filter(|r| r.group == OptionGroup::Institutional)
        .max_by(|a, b| a.key.cmp(&b.key).then(b.option_id.cmp(&a.option_id)));
    match institution {
        Some(best) => {
            let months = rules.institution_default_months;
            Recommendation {
                kind: RecommendationKind::InstitutionalStay,
                text: Bilingual::new(
                    format!(
                        "Anbefaling: et kort, målrettet institutionsophold på {months} måneder med mål om at komme hjem eller i familiepleje"
                    ),
                    format!(
                        "Recommendation: a short, targeted institutional stay of {months} months, aiming for home or family-based care"
                    ),
                ),
                reasons,
                planned_months: Some(months),
                deciding_needs: deciding,
                best_option_id: Some(best.option_id),
            }
        }
        None => Recommendation {
            kind: RecommendationKind::NoneSuitable,
            text: Bilingual::new(
                "Intet egnet anbringelsessted opfylder alle krav",
                "No suitable option meets every requirement",
            ),
            reasons,
            planned_months: None,
            deciding_needs: deciding,
            best_option_id: None,
        },
    }
}
