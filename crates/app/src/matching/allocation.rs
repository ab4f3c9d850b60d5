//! Allocation: several waiting children (sibling groups as units) over the options at once,
//! the best total under every option's free places, with the greedy result beside it. Each
//! child is offered the kind of care its own matching recommends (a family when one fits). It
//! books nothing; proposals are made from it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kith_domain::allocation::{Candidate, Problem, Solution, greedy, optimal};
use kith_domain::matching::{MatchUnit, rank};
use kith_domain::{ChildId, Message};
use kith_store::entities::child;
use serde::{Deserialize, Serialize};

use super::{OptionBriefFrozen, check_profiles, check_start, child_refs, frozen, profiles};
use crate::audit::{self, AuditAction, ChildData};
use crate::children::ChildRef;
use crate::validate::{Check, Problems, check};
use crate::{Actor, App, Result, policy};

/// The most children one allocation takes.
pub const MAX_CHILDREN: usize = 1000;

/// The waiting children to allocate.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationInput {
    /// 1 to 1,000 children; siblings among them are placed together unless `together` is false.
    pub children: Vec<ChildId>,
    /// The intended start date (default today).
    pub start_date: Option<NaiveDate>,
    pub together: Option<bool>,
}

/// One unit's place in an allocation.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AssignmentView {
    pub children: Vec<ChildRef>,
    pub option: OptionBriefFrozen,
    pub score: f64,
}

/// An allocation: who goes where, the total, and who found no place.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AllocationResultView {
    /// Σ children × score.
    pub total: f64,
    pub placed_children: u32,
    pub assignments: Vec<AssignmentView>,
    pub unplaced: Vec<Vec<ChildRef>>,
}

/// The optimal allocation and the greedy one for comparison.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AllocationView {
    pub start_date: NaiveDate,
    pub optimal: AllocationResultView,
    pub greedy: AllocationResultView,
}

impl ChildData for AllocationView {
    fn child_ids(&self) -> Vec<ChildId> {
        let r = &self.optimal;
        r.assignments
            .iter()
            .flat_map(|a| a.children.iter().map(|c| c.id))
            .chain(r.unplaced.iter().flatten().map(|c| c.id))
            .collect()
    }
}

/// Allocates the children: the assignment with the highest total score.
pub async fn allocate(app: &App, actor: &Actor, input: AllocationInput) -> Result<AllocationView> {
    check(&input)?;
    let start = input.start_date.unwrap_or_else(|| app.today());
    check_start(app, "start_date", start)?;
    let together = input.together.unwrap_or(true);
    let scope = policy::child_read_scope(actor);
    policy::require_some(&scope, "children's cases")?;

    // Every child must exist and be readable (one that is not is reported as unknown).
    let mut p = Problems::default();
    let mut rows: Vec<child::Model> = Vec::new();
    for (i, id) in input.children.iter().enumerate() {
        if rows.iter().any(|r| r.id == id.0) {
            continue;
        }
        match kith_store::children::get_in_scope(app.db().conn(), id.0, &scope).await? {
            Some(c) => rows.push(c),
            None => p.add(format!("children[{i}]"), "problem.no_such_child"),
        }
    }
    p.into_result()?;

    // Units: siblings among the given children together (if asked), everyone else alone.
    let mut grouped: BTreeMap<(i64, i64), Vec<child::Model>> = BTreeMap::new();
    for c in &rows {
        let key = match (together, c.sibling_group_id) {
            (true, Some(g)) => (0, g),
            _ => (1, c.id),
        };
        grouped.entry(key).or_default().push(c.clone());
    }
    let mut units = Vec::new();
    for members in grouped.values() {
        let profiles = profiles::children(app, members).await?;
        let n = profiles.len();
        units.push(MatchUnit {
            children: profiles,
            together: together || n > 1,
        });
    }
    check_profiles(&units, "children")?;

    let rules = crate::rules::in_force::matching(app).await?;
    let catalog = profiles::options(app).await?;
    let (options, briefs) = (&catalog.0, &catalog.1);
    let index: std::collections::HashMap<_, usize> =
        options.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    let mut candidates = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let outcome = rank(unit, options, &rules, start);
        for r in kith_domain::allocation::eligible(&outcome) {
            candidates.push(Candidate {
                unit: u,
                option: index[&r.option_id],
                score: r.score_tenths,
            });
        }
    }
    let problem = Problem {
        sizes: units.iter().map(|u| u.size()).collect(),
        capacities: options.iter().map(|o| o.free_places).collect(),
        candidates,
    };
    let render = |s: &Solution| -> AllocationResultView {
        let mut assignments = Vec::new();
        let mut unplaced = Vec::new();
        let mut placed = 0;
        for (u, a) in s.assigned.iter().enumerate() {
            let refs = child_refs(&rows, &units[u]);
            match a {
                Some(o) => {
                    let score = problem
                        .candidates
                        .iter()
                        .find(|c| c.unit == u && c.option == *o)
                        .map(|c| c.score)
                        .unwrap_or(0);
                    placed += units[u].size();
                    assignments.push(AssignmentView {
                        children: refs,
                        option: frozen(&briefs[&options[*o].id]),
                        score: f64::from(score) / 10.0,
                    });
                }
                None => unplaced.push(refs),
            }
        }
        AllocationResultView {
            total: s.total as f64 / 10.0,
            placed_children: placed,
            assignments,
            unplaced,
        }
    };
    let view = AllocationView {
        start_date: start,
        optimal: render(&optimal(&problem)),
        greedy: render(&greedy(&problem)),
    };
    audit::read(app, actor, AuditAction::AllocationRead, view).await
}

impl Check for AllocationInput {
    fn check(&self, p: &mut Problems) {
        p.not_empty("children", &self.children);
        if self.children.len() > MAX_CHILDREN {
            let max = i64::try_from(MAX_CHILDREN).unwrap_or(i64::MAX);
            p.add(
                "children",
                Message::new("problem.max_children").int("max", max),
            );
        }
    }
}
