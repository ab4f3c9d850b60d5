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
    if let Some(best) = family
        .iter()
        .max_by(|a, b| a.key.cmp(&b.key).then(b.option_id.cmp(&a.option_id)))
    {
        return Recommendation {
            kind: RecommendationKind::FamilyBased,
            text: Bilingual::new(
                "Anbefaling: familiebaseret anbringelse",
                "Recommendation: family-based care",
            ),
            reasons: vec![Bilingual::new(
                format!(
                    "{} familiebaserede steder opfylder alle krav; det bedste scorer {}",
                    family.len(),
                    best.score()
                ),
                format!(
                    "{} family-based options meet every requirement; the best scores {}",
                    family.len(),
                    best.score()
                ),
            )],
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
    // The most common reasons family-based options were excluded.
    let mut counts: Vec<(ExclusionCode, usize, Bilingual)> = Vec::new();
    for e in excluded.iter().filter(|e| is_family(e.group)) {
        for r in &e.reasons {
            match counts.iter_mut().find(|(c, _, _)| *c == r.code()) {
                Some((_, n, _)) => *n += 1,
                None => counts.push((r.code(), 1, r.text(labels))),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (_, n, example) in counts.iter().take(3) {
        reasons.push(Bilingual::new(
            format!("{n} familiebaserede steder udelukket, fx: {}", example.da),
            format!("{n} family-based options excluded, e.g.: {}", example.en),
        ));
    }
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
