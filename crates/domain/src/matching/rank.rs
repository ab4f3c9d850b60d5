//! Ranking: exclusions first, then the explained score, then the order of groups.
//!
//! The score is 0-100, the sum of one contribution per criterion. A criterion with weight w
//! and verdict p (permille) earns `100 · (w / Σw) · (p / 1000)` points. Contributions are kept
//! in tenths of a point, apportioned (largest remainder) so that they add up exactly to the
//! rounded total, which never exceeds 100. Options are ordered by the exact, unrounded total
//! (`Σ w·p`), then by id, so rounding and ties never make the order arbitrary.
//!
//! Texts are rendered only by [`RankedOption::explain`] and [`ExcludedOption::explain`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::criteria::{Criterion, Reason, judge};
use super::exclusions::{Exclusion, ExclusionText, exclusions};
use super::recommendation::{Recommendation, recommend};
use super::{MatchRules, MatchUnit, NeedLabels, OptionGroup, OptionProfile, UnitFacts};
use crate::{ApprovalStatus, Bilingual, PlacementOptionId};

/// One criterion's part of a score, before it is put into words.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub criterion: Criterion,
    pub weight: u32,
    pub tenths: u32,
    pub max_tenths: u32,
    pub reason: Reason,
}

/// Something the match unit should know that does not exclude the option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    NeedsConcreteApproval,
    CapacityNeverConfirmed,
    CapacityConfirmedDaysAgo(i64),
}

/// An option that fits, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedOption {
    pub option_id: PlacementOptionId,
    pub group: OptionGroup,
    /// The exact total behind the score (Σ weight × permille), for ordering.
    pub key: u64,
    /// The score in tenths of a point (0-1000), the sum of the parts.
    pub score_tenths: u32,
    pub parts: Vec<Part>,
    pub flags: Vec<FlagKind>,
}

/// An option that does not fit, with every reason.
#[derive(Debug, Clone, PartialEq)]
pub struct ExcludedOption {
    pub option_id: PlacementOptionId,
    pub group: OptionGroup,
    pub reasons: Vec<Exclusion>,
}

/// One criterion's part of an option's score, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// A flag in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Flag {
    pub code: String,
    pub text: Bilingual,
}

/// A fitting option with its score explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExplainedOption {
    pub option_id: PlacementOptionId,
    pub group: OptionGroup,
    /// 0-100: the sum of the contributions.
    pub score: f64,
    pub contributions: Vec<Contribution>,
    pub flags: Vec<Flag>,
}

/// An excluded option with its reasons in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExplainedExclusion {
    pub option_id: PlacementOptionId,
    pub group: OptionGroup,
    pub reasons: Vec<ExclusionText>,
}

impl FlagKind {
    /// The flag in words.
    pub fn explain(&self) -> Flag {
        let (code, text) = match self {
            FlagKind::NeedsConcreteApproval => (
                "needs_concrete_approval",
                Bilingual::new(
                    "Kræver en konkret godkendelse før flytning",
                    "Needs a concrete approval before the move",
                ),
            ),
            FlagKind::CapacityNeverConfirmed => (
                "capacity_unconfirmed",
                Bilingual::new(
                    "Ledige pladser er aldrig bekræftet",
                    "Free places have never been confirmed",
                ),
            ),
            FlagKind::CapacityConfirmedDaysAgo(days) => (
                "capacity_stale",
                Bilingual::new(
                    format!("Ledige pladser sidst bekræftet for {days} dage siden"),
                    format!("Free places last confirmed {days} days ago"),
                ),
            ),
        };
        Flag {
            code: code.to_owned(),
            text,
        }
    }
}

impl RankedOption {
    /// The score, 0-100.
    pub fn score(&self) -> f64 {
        f64::from(self.score_tenths) / 10.0
    }

    /// The score with every contribution and flag in words.
    pub fn explain(&self, labels: &NeedLabels) -> ExplainedOption {
        ExplainedOption {
            option_id: self.option_id,
            group: self.group,
            score: self.score(),
            contributions: self
                .parts
                .iter()
                .map(|p| Contribution {
                    criterion: p.criterion,
                    weight: p.weight,
                    points: f64::from(p.tenths) / 10.0,
                    max_points: f64::from(p.max_tenths) / 10.0,
                    reason: p.reason.text(labels),
                })
                .collect(),
            flags: self.flags.iter().map(FlagKind::explain).collect(),
        }
    }
}

impl ExcludedOption {
    /// The reasons in words.
    pub fn explain(&self, labels: &NeedLabels) -> ExplainedExclusion {
        ExplainedExclusion {
            option_id: self.option_id,
            group: self.group,
            reasons: self.reasons.iter().map(|r| r.explain(labels)).collect(),
        }
    }
}

/// The result of matching one unit against all options.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchOutcome {
    /// The fitting options in order: by group (network first), then by score.
    pub ranked: Vec<RankedOption>,
    pub excluded: Vec<ExcludedOption>,
    pub recommendation: Recommendation,
}

/// Splits `total_tenths` over parts in proportion to their exact values (largest remainder).
fn apportion<const N: usize>(values: &[u64; N], denominator: u64, total_tenths: u64) -> [u64; N] {
    if denominator == 0 {
        return [0; N];
    }
    let mut floors: [u64; N] = std::array::from_fn(|i| values[i] / denominator);
    let assigned: u64 = floors.iter().sum();
    let mut order: [usize; N] = std::array::from_fn(|i| i);
    order.sort_by(|&a, &b| {
        (values[b] % denominator)
            .cmp(&(values[a] % denominator))
            .then(a.cmp(&b))
    });
    for &i in order
        .iter()
        .take(total_tenths.saturating_sub(assigned) as usize)
    {
        floors[i] += 1;
    }
    floors
}

/// Scores one option that passed the hard constraints.
pub fn score(
    unit: &MatchUnit,
    facts: &UnitFacts,
    option: &OptionProfile,
    rules: &MatchRules,
    start: NaiveDate,
) -> RankedOption {
    const N: usize = 10;
    debug_assert_eq!(Criterion::ALL.len(), N);
    let w = &rules.weights;
    let total_weight = u64::from(w.total().max(1));
    let verdicts: [super::criteria::Verdict; N] =
        std::array::from_fn(|i| judge(Criterion::ALL[i], unit, facts, option, rules, start));
    // Tenths of a point are w·p/Σw; keep the numerators exact.
    let exact: [u64; N] = std::array::from_fn(|i| {
        u64::from(Criterion::ALL[i].weight(w)) * u64::from(verdicts[i].permille)
    });
    let key: u64 = exact.iter().sum();
    let total_tenths = (key + total_weight / 2) / total_weight;
    let tenths = apportion(&exact, total_weight, total_tenths);
    let mut parts = Vec::with_capacity(N);
    for (i, verdict) in verdicts.into_iter().enumerate() {
        let criterion = Criterion::ALL[i];
        let weight = criterion.weight(w);
        parts.push(Part {
            criterion,
            weight,
            tenths: tenths[i] as u32,
            max_tenths: ((u64::from(weight) * 1000 + total_weight / 2) / total_weight) as u32,
            reason: verdict.reason,
        });
    }
    RankedOption {
        option_id: option.id,
        group: OptionGroup::of(option.kind),
        key,
        score_tenths: total_tenths as u32,
        parts,
        flags: flags(option, rules, start),
    }
}

fn flags(option: &OptionProfile, rules: &MatchRules, start: NaiveDate) -> Vec<FlagKind> {
    let mut out = Vec::new();
    if option.kind.is_network() && option.approval.status == ApprovalStatus::Pending {
        out.push(FlagKind::NeedsConcreteApproval);
    }
    match option.capacity_confirmed_on {
        None => out.push(FlagKind::CapacityNeverConfirmed),
        Some(on) => {
            let days = (start - on).num_days();
            if days > i64::from(rules.capacity_stale_days) {
                out.push(FlagKind::CapacityConfirmedDaysAgo(days));
            }
        }
    }
    out
}

/// Matches a unit against every option: excluded ones with their reasons, the rest ranked.
pub fn rank(
    unit: &MatchUnit,
    options: &[OptionProfile],
    rules: &MatchRules,
    start: NaiveDate,
    labels: &NeedLabels,
) -> MatchOutcome {
    let facts = UnitFacts::of(unit);
    let mut ranked = Vec::new();
    let mut excluded = Vec::new();
    for o in options {
        let reasons = exclusions(unit, o, rules, start);
        if reasons.is_empty() {
            ranked.push(score(unit, &facts, o, rules, start));
        } else {
            excluded.push(ExcludedOption {
                option_id: o.id,
                group: OptionGroup::of(o.kind),
                reasons,
            });
        }
    }
    ranked.sort_by(|a, b| {
        rules
            .group_rank(a.group)
            .cmp(&rules.group_rank(b.group))
            .then(b.key.cmp(&a.key))
            .then(a.option_id.cmp(&b.option_id))
    });
    excluded.sort_by_key(|e| e.option_id);
    let recommendation = recommend(unit, options, &ranked, &excluded, rules, labels);
    MatchOutcome {
        ranked,
        excluded,
        recommendation,
    }
}

#[cfg(test)]
mod tests {
    use super::apportion;

    #[test]
    fn apportioning_keeps_the_total() {
        // Six equal parts of 100.0 points: 16.7 × 4 + 16.6 × 2 = 100.0.
        let parts = apportion(&[1000; 6], 6, 1000);
        assert_eq!(parts.iter().sum::<u64>(), 1000);
        assert!(parts.iter().all(|p| *p == 166 || *p == 167));
        assert_eq!(apportion(&[0, 0], 3, 0), [0, 0]);
    }
}
