//! Ranking: exclusions first, then the explained score, then the order of groups.
//!
//! The score is 0-100, the sum of one contribution per criterion. A criterion with weight w
//! and verdict p (permille) earns `100 · (w / Σw) · (p / 1000)` points. Contributions are kept
//! in tenths of a point, apportioned (largest remainder) so that they add up exactly to the
//! rounded total, which never exceeds 100. Options are ordered by the exact, unrounded total
//! (`Σ w·p`), then by id, so rounding and ties never make the order arbitrary.
//!
//! Reasons stay values here; the caller renders only the ones it shows, in the reader's words.

use chrono::NaiveDate;

use super::criteria::{Criterion, judge};
use super::exclusions::exclusions;
use super::outcome::{ExcludedOption, FlagKind, Part, RankedOption};
use super::recommendation::{Recommendation, recommend};
use super::{MatchRules, MatchUnit, OptionGroup, OptionProfile, UnitFacts};
use crate::ApprovalStatus;

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
        flags: flags(unit, option, rules, start),
    }
}

fn flags(
    unit: &MatchUnit,
    option: &OptionProfile,
    rules: &MatchRules,
    start: NaiveDate,
) -> Vec<FlagKind> {
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
    out.extend(super::stability::stability_flags(
        unit, option, rules, start,
    ));
    out
}

/// Matches a unit against every option: excluded ones with their reasons, the rest ranked.
pub fn rank(
    unit: &MatchUnit,
    options: &[OptionProfile],
    rules: &MatchRules,
    start: NaiveDate,
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
    let recommendation = recommend(unit, options, &ranked, &excluded, rules);
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
