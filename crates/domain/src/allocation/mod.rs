//! Allocation: several waiting children (sibling groups as units) over the options at once,
//! maximising the total score under every option's free places.
//!
//! A unit of `k` children placed in an option with score `s` adds `k · s` (every child counts)
//! and takes `k` places. Without sibling groups this is a transportation problem, solved
//! exactly as a minimum-cost flow. A sibling group must stay in one option, which a flow cannot
//! express; so the flow (where a group may split) is used as a bound in a branch-and-bound
//! that fixes or forbids a split group's option until every group is whole. The greedy result
//! (best pair first) is the starting bound and is returned beside the optimum for comparison.
//!
//! Only each unit's best `n` options can matter (`n` = number of units): any other unit takes
//! at most one of them, so one of them is always free and at least as good. That keeps the
//! network small at national scale.

pub mod flow;

use flow::{EdgeRef, Network};

use crate::matching::recommendation::RecommendationKind;
use crate::matching::{MatchOutcome, OptionGroup, RankedOption};

/// The options a unit may be allocated to: the kind of care its own matching recommends.
/// When a family-based option fits, only family-based options (the network's first) are
/// offered, so a higher-scoring institution never takes a child a family could take (family
/// care before institutional care, as on the child's own matching page). A child whose fitting
/// families are all taken stays unplaced, for the matcher to look at, rather than being sent to
/// an institution by the sum.
pub fn eligible(outcome: &MatchOutcome) -> impl Iterator<Item = &RankedOption> {
    let family_only = outcome.recommendation.kind == RecommendationKind::FamilyBased;
    outcome.ranked.iter().filter(move |r| {
        !family_only || matches!(r.group, OptionGroup::Network | OptionGroup::FamilyBased)
    })
}

/// A feasible pairing of a unit and an option with the unit's score there (tenths, 0-1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub unit: usize,
    pub option: usize,
    pub score: u32,
}

/// An allocation problem.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Children in each unit.
    pub sizes: Vec<u32>,
    /// Free places of each option.
    pub capacities: Vec<u32>,
    /// Feasible pairs (hard constraints already applied, capacity ≥ size).
    pub candidates: Vec<Candidate>,
}

/// Which option each unit gets (if any), and the total (Σ size · score, in tenths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub assigned: Vec<Option<usize>>,
    pub total: u64,
}

impl Problem {
    fn score(&self, unit: usize, option: usize) -> Option<u32> {
        self.candidates
            .iter()
            .find(|c| c.unit == unit && c.option == option)
            .map(|c| c.score)
    }

    /// The total of an assignment, or `None` if it breaks a capacity or uses a non-candidate.
    pub fn evaluate(&self, assigned: &[Option<usize>]) -> Option<u64> {
        let mut used = vec![0u32; self.capacities.len()];
        let mut total = 0u64;
        for (u, a) in assigned.iter().enumerate() {
            if let Some(o) = a {
                let s = self.score(u, *o)?;
                used[*o] += self.sizes[u];
                total += u64::from(self.sizes[u]) * u64::from(s);
            }
        }
        used.iter()
            .zip(&self.capacities)
            .all(|(u, c)| u <= c)
            .then_some(total)
    }
}

/// Best pair first: a fast, simple allocation to compare the optimum with.
pub fn greedy(p: &Problem) -> Solution {
    let mut order: Vec<&Candidate> = p.candidates.iter().collect();
    order.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.unit.cmp(&b.unit))
            .then(a.option.cmp(&b.option))
    });
    let mut left = p.capacities.clone();
    let mut assigned = vec![None; p.sizes.len()];
    let mut total = 0;
    for c in order {
        if assigned[c.unit].is_none() && left[c.option] >= p.sizes[c.unit] {
            assigned[c.unit] = Some(c.option);
            left[c.option] -= p.sizes[c.unit];
            total += u64::from(p.sizes[c.unit]) * u64::from(c.score);
        }
    }
    Solution { assigned, total }
}

/// Only each unit's best `keep` candidates (see the module documentation).
fn prune(p: &Problem) -> Vec<Candidate> {
    let keep = p.sizes.len().max(1);
    let mut by_unit: Vec<Vec<Candidate>> = vec![Vec::new(); p.sizes.len()];
    for c in &p.candidates {
        by_unit[c.unit].push(*c);
    }
    by_unit
        .into_iter()
        .flat_map(|mut cs| {
            cs.sort_by(|a, b| b.score.cmp(&a.score).then(a.option.cmp(&b.option)));
            cs.truncate(keep);
            cs
        })
        .collect()
}

/// A branch: units fixed to an option (or to none), and forbidden pairs.
#[derive(Debug, Clone, Default)]
struct Branch {
    fixed: Vec<Option<Option<usize>>>,
    forbidden: Vec<(usize, usize)>,
}

/// The relaxation's result: the bound, and each free unit's flow per option.
struct Relaxed {
    bound: u64,
    flows: Vec<Vec<(usize, u32)>>,
}

const NO_PLACE_COST: i64 = 1001;

fn relax(p: &Problem, candidates: &[Candidate], b: &Branch) -> Option<Relaxed> {
    let units = p.sizes.len();
    let mut left: Vec<i64> = p.capacities.iter().map(|c| i64::from(*c)).collect();
    let mut fixed_value = 0u64;
    for (u, f) in b.fixed.iter().enumerate() {
        if let Some(Some(o)) = f {
            left[*o] -= i64::from(p.sizes[u]);
            fixed_value += u64::from(p.sizes[u]) * u64::from(p.score(u, *o)?);
        }
    }
    if left.iter().any(|l| *l < 0) {
        return None;
    }
    // Nodes: source, units, options, sink.
    let (source, sink) = (0, 1 + units + p.capacities.len());
    let mut net = Network::new(sink + 1);
    let mut supply = 0i64;
    for u in 0..units {
        if b.fixed[u].is_some() {
            continue;
        }
        let size = i64::from(p.sizes[u]);
        supply += size;
        net.add_edge(source, 1 + u, size, 0);
        net.add_edge(1 + u, sink, size, NO_PLACE_COST);
    }
    let mut edges: Vec<(usize, usize, u32, EdgeRef)> = Vec::new();
    for c in candidates {
        if b.fixed[c.unit].is_some() || b.forbidden.contains(&(c.unit, c.option)) {
            continue;
        }
        let size = i64::from(p.sizes[c.unit]);
        if left[c.option] < size {
            continue;
        }
        let e = net.add_edge(
            1 + c.unit,
            1 + units + c.option,
            size,
            NO_PLACE_COST - i64::from(c.score),
        );
        edges.push((c.unit, c.option, c.score, e));
    }
    for (o, l) in left.iter().enumerate() {
        if *l > 0 {
            net.add_edge(1 + units + o, sink, *l, 0);
        }
    }
    net.min_cost_flow(source, sink, supply);
    let mut flows = vec![Vec::new(); units];
    let mut value = fixed_value;
    for (u, o, score, e) in edges {
        let f = net.flow(e);
        if f > 0 {
            flows[u].push((o, f as u32));
            value += f as u64 * u64::from(score);
        }
    }
    Some(Relaxed {
        bound: value,
        flows,
    })
}

/// The allocation with the highest total score (exact).
pub fn optimal(p: &Problem) -> Solution {
    let candidates = prune(p);
    let units = p.sizes.len();
    let mut best = greedy(p);
    let mut stack = vec![Branch {
        fixed: vec![None; units],
        forbidden: Vec::new(),
    }];
    while let Some(branch) = stack.pop() {
        let Some(r) = relax(p, &candidates, &branch) else {
            continue;
        };
        if r.bound <= best.total {
            continue;
        }
        // A group that is split or only partly placed.
        let split = (0..units).find(|&u| {
            branch.fixed[u].is_none() && {
                let fl = &r.flows[u];
                !(fl.is_empty() || (fl.len() == 1 && fl[0].1 == p.sizes[u]))
            }
        });
        match split {
            None => {
                let assigned = (0..units)
                    .map(|u| match branch.fixed[u] {
                        Some(f) => f,
                        None => r.flows[u].first().map(|(o, _)| *o),
                    })
                    .collect();
                best = Solution {
                    assigned,
                    total: r.bound,
                };
            }
            Some(u) => {
                let (o, _) = *r.flows[u]
                    .iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .expect("a split unit has flow");
                let mut without = branch.clone();
                without.forbidden.push((u, o));
                let mut with = branch;
                with.fixed[u] = Some(Some(o));
                stack.push(without);
                stack.push(with);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ranked(id: i64, group: OptionGroup, score_tenths: u32) -> RankedOption {
        RankedOption {
            option_id: crate::PlacementOptionId(id),
            group,
            key: u64::from(score_tenths),
            score_tenths,
            parts: vec![],
            flags: vec![],
        }
    }

    fn outcome(kind: RecommendationKind) -> MatchOutcome {
        MatchOutcome {
            // An institution scoring 80.6 above a family scoring 77.5 and a network family.
            ranked: vec![
                ranked(1, OptionGroup::Network, 700),
                ranked(2, OptionGroup::FamilyBased, 775),
                ranked(3, OptionGroup::Institutional, 806),
            ],
            excluded: vec![],
            recommendation: crate::matching::recommendation::Recommendation {
                kind,
                text: crate::Message::new("advice.meet_every_requirement"),
                reasons: vec![],
                planned_months: None,
                deciding_needs: vec![],
                best_option_id: None,
            },
        }
    }

    #[test]
    fn a_child_a_family_can_take_is_offered_families_only() {
        let ids = |o: &MatchOutcome| -> Vec<i64> { eligible(o).map(|r| r.option_id.0).collect() };
        assert_eq!(ids(&outcome(RecommendationKind::FamilyBased)), [1, 2]);
        // A stay is recommended (no family fits the needs): every fitting option is offered.
        assert_eq!(
            ids(&outcome(RecommendationKind::InstitutionalStay)),
            [1, 2, 3]
        );
    }

    fn brute(p: &Problem) -> u64 {
        fn go(p: &Problem, u: usize, cur: &mut Vec<Option<usize>>, best: &mut u64) {
            if u == p.sizes.len() {
                if let Some(t) = p.evaluate(cur) {
                    *best = (*best).max(t);
                }
                return;
            }
            cur.push(None);
            go(p, u + 1, cur, best);
            cur.pop();
            for c in p.candidates.iter().filter(|c| c.unit == u) {
                cur.push(Some(c.option));
                go(p, u + 1, cur, best);
                cur.pop();
            }
        }
        let mut best = 0;
        go(p, 0, &mut Vec::new(), &mut best);
        best
    }

    fn problem() -> impl Strategy<Value = Problem> {
        (1usize..6, 1usize..5).prop_flat_map(|(units, options)| {
            (
                prop::collection::vec(1u32..4, units),
                prop::collection::vec(0u32..5, options),
                prop::collection::vec(prop::option::of(0u32..=1000), units * options),
            )
                .prop_map(move |(sizes, capacities, scores)| {
                    let mut candidates = Vec::new();
                    for u in 0..units {
                        for o in 0..options {
                            if let Some(s) = scores[u * options + o]
                                && capacities[o] >= sizes[u]
                            {
                                candidates.push(Candidate {
                                    unit: u,
                                    option: o,
                                    score: s,
                                });
                            }
                        }
                    }
                    Problem {
                        sizes,
                        capacities,
                        candidates,
                    }
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn optimal_equals_brute_force_and_is_never_worse_than_greedy(p in problem()) {
            let opt = optimal(&p);
            let g = greedy(&p);
            prop_assert_eq!(p.evaluate(&opt.assigned), Some(opt.total), "the optimum is feasible and totals right");
            prop_assert_eq!(p.evaluate(&g.assigned), Some(g.total));
            prop_assert_eq!(opt.total, brute(&p));
            prop_assert!(opt.total >= g.total);
        }
    }

    #[test]
    fn beats_greedy_where_greedy_is_short_sighted() {
        // Unit 0 likes both options; unit 1 only fits option 0. Greedy gives option 0 to unit 0
        // (score 90) and leaves unit 1 out; the optimum moves unit 0 to option 1.
        let p = Problem {
            sizes: vec![1, 1],
            capacities: vec![1, 1],
            candidates: vec![
                Candidate {
                    unit: 0,
                    option: 0,
                    score: 900,
                },
                Candidate {
                    unit: 0,
                    option: 1,
                    score: 850,
                },
                Candidate {
                    unit: 1,
                    option: 0,
                    score: 800,
                },
            ],
        };
        assert_eq!(greedy(&p).total, 900);
        let o = optimal(&p);
        assert_eq!(o.total, 1650);
        assert_eq!(o.assigned, vec![Some(1), Some(0)]);
    }

    #[test]
    fn a_sibling_group_is_never_split() {
        // Two siblings (size 2) and two options with one place each: they cannot be placed.
        let p = Problem {
            sizes: vec![2],
            capacities: vec![1, 1],
            candidates: vec![],
        };
        assert_eq!(optimal(&p).assigned, vec![None]);
        // With a two-place option they go there together, even if each alone would prefer
        // separate options.
        let p = Problem {
            sizes: vec![2, 1],
            capacities: vec![2, 1],
            candidates: vec![
                Candidate {
                    unit: 0,
                    option: 0,
                    score: 700,
                },
                Candidate {
                    unit: 1,
                    option: 0,
                    score: 600,
                },
                Candidate {
                    unit: 1,
                    option: 1,
                    score: 500,
                },
            ],
        };
        let o = optimal(&p);
        assert_eq!(o.assigned, vec![Some(0), Some(1)]);
        assert_eq!(o.total, 2 * 700 + 500);
    }
}
