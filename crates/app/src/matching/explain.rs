//! A ranking in words: the domain gives reasons as catalogue texts and values; this renders
//! the ones shown in both languages, from the catalogue and the needs vocabulary. Both, because
//! a proposal keeps its explanation as it was said, and the API answers either reader.

use kith_domain::matching::criteria::Criterion;
use kith_domain::matching::exclusions::ExclusionCode;
use kith_domain::matching::recommendation::{self, RecommendationKind};
use kith_domain::matching::{ExcludedOption, RankedOption};
use kith_domain::{Bilingual, NeedCode, PlacementOptionId};
use serde::{Deserialize, Serialize};

use crate::needs::NeedWords;

/// One criterion's part of an option's score, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Contribution {
    pub criterion: Criterion,
    /// The criterion's weight as configured.
    pub weight: u32,
    /// Points earned.
    pub points: f64,
    /// The most this criterion can give (its share of 100).
    pub max_points: f64,
    pub reason: Bilingual,
}

/// Something the match unit should know that does not exclude the option, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Flag {
    pub code: String,
    pub text: Bilingual,
    /// Where a stability flag's concern comes from (research or the Act); none for the flags
    /// about the option's paperwork. Proposals frozen before it existed read none.
    #[serde(default)]
    pub source: Option<Bilingual>,
    /// A stability flag whose source the flag before it on the same option already gave.
    #[serde(default)]
    pub shares_source: bool,
}

/// One reason an option is excluded: its code and its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExclusionText {
    pub code: ExclusionCode,
    pub reason: Bilingual,
}

/// What kind of care the options point to, and why, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
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

/// An option's score with every contribution and flag in words.
pub(crate) fn contributions(
    r: &RankedOption,
    words: &NeedWords,
) -> (f64, Vec<Contribution>, Vec<Flag>) {
    let parts = r
        .parts
        .iter()
        .map(|p| Contribution {
            criterion: p.criterion,
            weight: p.weight,
            points: f64::from(p.tenths) / 10.0,
            max_points: f64::from(p.max_tenths) / 10.0,
            reason: kith_text::both_with(&p.reason.message(), words),
        })
        .collect();
    // A source is said once per option: two flags from the same research share it.
    let mut said: Vec<String> = Vec::new();
    let flags = r
        .flags
        .iter()
        .map(|f| {
            let source = f.source();
            let repeated = source
                .as_ref()
                .is_some_and(|s| said.contains(&s.key.to_string()));
            if let Some(s) = &source {
                said.push(s.key.to_string());
            }
            Flag {
                code: f.code().to_owned(),
                text: kith_text::both_with(&f.message(), words),
                source: source
                    .filter(|_| !repeated)
                    .map(|s| kith_text::both_with(&s, words)),
                shares_source: repeated,
            }
        })
        .collect();
    (r.score(), parts, flags)
}

/// An excluded option's reasons in words.
pub(crate) fn exclusions(x: &ExcludedOption, words: &NeedWords) -> Vec<ExclusionText> {
    x.reasons
        .iter()
        .map(|r| ExclusionText {
            code: r.code(),
            reason: kith_text::both_with(&r.message(), words),
        })
        .collect()
}

/// The recommendation in words.
pub(crate) fn recommendation(
    r: recommendation::Recommendation,
    words: &NeedWords,
) -> Recommendation {
    Recommendation {
        kind: r.kind,
        text: kith_text::both_with(&r.text, words),
        reasons: r
            .reasons
            .iter()
            .map(|m| kith_text::both_with(m, words))
            .collect(),
        planned_months: r.planned_months,
        deciding_needs: r.deciding_needs,
        best_option_id: r.best_option_id,
    }
}
