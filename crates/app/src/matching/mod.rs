//! Matching use cases: the ranked, explained options for a child or sibling group, and the
//! allocation of several waiting children at once.

pub mod allocation;
pub mod explain;
pub(crate) mod profiles;

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use kith_domain::matching::{MatchOutcome, MatchUnit, OptionGroup, rank};
use kith_domain::{ChildId, PlacementOptionId};
use kith_store::entities::child;
use serde::{Deserialize, Serialize};

pub use explain::{Contribution, ExclusionText, Flag, Recommendation};
pub use profiles::OptionBrief;

use crate::audit::{self, AuditAction, ChildData};
use crate::children::ChildRef;
use crate::needs::NeedWords;
use crate::{Actor, App, AppError, Result};

/// How far back a start date may lie: matching is for placements that have not begun.
pub const MAX_DAYS_IN_THE_PAST: u64 = 30;

/// What to match.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// The intended start date (default today); at most 30 days in the past.
    pub start: Option<NaiveDate>,
    /// Match a sibling group as one unit (default) or each child separately.
    pub together: Option<bool>,
    /// How many options to show per group, and of the excluded (default 50, at most 10,000);
    /// the totals are always given.
    pub limit: Option<u32>,
}

/// The default number of options shown per group.
pub const DEFAULT_SHOWN: u32 = 50;
/// The most options shown per group.
pub const MAX_SHOWN: u32 = 10_000;

/// A fitting option, explained.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RankedView {
    pub option: OptionBriefFrozen,
    pub score: f64,
    pub contributions: Vec<Contribution>,
    pub flags: Vec<Flag>,
}

/// The parts of an option brief that are frozen into a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OptionBriefFrozen {
    pub id: PlacementOptionId,
    pub name: String,
    pub kind: kith_domain::PlacementKind,
    /// A children's home's form, so a secure unit is never read as an ordinary home
    /// (absent in proposals frozen before it was kept).
    #[serde(default)]
    pub institution_form: Option<kith_domain::InstitutionForm>,
    pub free_places: u32,
    /// When the family last confirmed the children in its home (absent in proposals frozen
    /// before it was kept).
    #[serde(default)]
    pub household_confirmed_on: Option<chrono::NaiveDate>,
}

/// An excluded option and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExcludedView {
    pub option: OptionBriefFrozen,
    pub reasons: Vec<ExclusionText>,
}

/// The options of one group (network, family-based, institutional, other), best first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GroupView {
    pub group: OptionGroup,
    /// How many options of this group fit (more than shown when `limit` cuts the list).
    pub total: usize,
    pub options: Vec<RankedView>,
}

/// How many options were excluded for one reason.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReasonCount {
    pub code: kith_domain::matching::exclusions::ExclusionCode,
    pub count: usize,
}

/// The matching of one unit: a child, or a sibling group placed together.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnitMatchView {
    pub children: Vec<ChildRef>,
    /// True when a child with siblings is matched apart from them.
    pub split: bool,
    pub groups: Vec<GroupView>,
    /// How many options were excluded in all (more than listed when `limit` cuts the list).
    pub excluded_total: usize,
    /// Excluded options per reason (an option with several reasons counts under each).
    pub excluded_by_reason: Vec<ReasonCount>,
    pub excluded: Vec<ExcludedView>,
    pub recommendation: Recommendation,
}

/// The match result for a child.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MatchView {
    pub start_date: NaiveDate,
    pub together: bool,
    pub units: Vec<UnitMatchView>,
}

impl ChildData for MatchView {
    fn child_ids(&self) -> Vec<ChildId> {
        self.units
            .iter()
            .flat_map(|u| u.children.iter().map(|c| c.id))
            .collect()
    }
}

/// Checks a start date: not more than 30 days ago.
pub(crate) fn check_start(app: &App, field: &str, start: NaiveDate) -> Result<()> {
    let earliest = app.today() - Days::new(MAX_DAYS_IN_THE_PAST);
    if start < earliest {
        return Err(AppError::invalid(
            field,
            kith_domain::Message::new("problem.days_in_past")
                .int("days", MAX_DAYS_IN_THE_PAST as i64)
                .date("earliest", earliest),
        ));
    }
    Ok(())
}

/// Every child of the units needs a needs profile before matching means anything.
pub(crate) fn check_profiles(units: &[MatchUnit], field: &str) -> Result<()> {
    for u in units {
        for c in &u.children {
            if c.needs.is_empty() {
                return Err(AppError::invalid(
                    field,
                    kith_domain::Message::new("problem.no_needs_profile"),
                ));
            }
        }
    }
    Ok(())
}

pub(crate) fn frozen(b: &OptionBrief) -> OptionBriefFrozen {
    OptionBriefFrozen {
        id: b.id,
        name: b.name.clone(),
        kind: b.kind,
        institution_form: b.institution_form,
        household_confirmed_on: b.household_confirmed_on,
        free_places: b.free_places,
    }
}

pub(crate) fn child_refs(rows: &[child::Model], unit: &MatchUnit) -> Vec<ChildRef> {
    unit.children
        .iter()
        .map(|c| ChildRef {
            id: c.id,
            name: rows
                .iter()
                .find(|r| r.id == c.id.0)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// One ranked option in words.
pub(crate) fn ranked_view(
    r: &kith_domain::matching::RankedOption,
    briefs: &HashMap<PlacementOptionId, OptionBrief>,
    words: &NeedWords,
) -> RankedView {
    let (score, contributions, flags) = explain::contributions(r, words);
    RankedView {
        option: frozen(&briefs[&r.option_id]),
        score,
        contributions,
        flags,
    }
}

/// Renders one unit's outcome for people: the first `shown` options of each group and of the
/// excluded, with totals. Texts are rendered only for what is shown.
pub(crate) fn unit_view(
    outcome: MatchOutcome,
    unit: &MatchUnit,
    rows: &[child::Model],
    briefs: &HashMap<PlacementOptionId, OptionBrief>,
    words: &NeedWords,
    shown: usize,
) -> UnitMatchView {
    let mut groups: Vec<GroupView> = Vec::new();
    for r in &outcome.ranked {
        if groups.last().is_none_or(|g| g.group != r.group) {
            groups.push(GroupView {
                group: r.group,
                total: 0,
                options: Vec::new(),
            });
        }
        let g = groups.last_mut().expect("just pushed");
        g.total += 1;
        if g.options.len() < shown {
            g.options.push(ranked_view(r, briefs, words));
        }
    }
    let mut by_reason: Vec<ReasonCount> = Vec::new();
    for x in &outcome.excluded {
        let mut codes: Vec<_> = x.reasons.iter().map(|r| r.code()).collect();
        codes.dedup();
        for code in codes {
            match by_reason.iter_mut().find(|c| c.code == code) {
                Some(c) => c.count += 1,
                None => by_reason.push(ReasonCount { code, count: 1 }),
            }
        }
    }
    by_reason.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    UnitMatchView {
        children: child_refs(rows, unit),
        split: unit.is_split(),
        groups,
        excluded_total: outcome.excluded.len(),
        excluded_by_reason: by_reason,
        excluded: outcome
            .excluded
            .iter()
            .take(shown)
            .map(|x| ExcludedView {
                option: frozen(&briefs[&x.option_id]),
                reasons: explain::exclusions(x, words),
            })
            .collect(),
        recommendation: explain::recommendation(outcome.recommendation, words),
    }
}

/// The ranked, explained options for a child, or for its sibling group as one unit.
pub async fn matches(
    app: &App,
    actor: &Actor,
    child_id: ChildId,
    params: &MatchParams,
) -> Result<MatchView> {
    let child = crate::children::readable(app, actor, child_id).await?;
    let start = params.start.unwrap_or_else(|| app.today());
    check_start(app, "start", start)?;
    let together = params.together.unwrap_or(true);
    let shown = params.limit.unwrap_or(DEFAULT_SHOWN);
    if !(1..=MAX_SHOWN).contains(&shown) {
        return Err(AppError::invalid(
            "limit",
            kith_domain::Message::new("problem.limit").int("max", MAX_SHOWN as i64),
        ));
    }
    let (units, rows) = profiles::units_for(app, &child, together).await?;
    check_profiles(&units, "needs")?;
    let rules = crate::rules::in_force::matching(app).await?;
    let words = crate::needs::words(app).await?;
    let catalog = profiles::options(app).await?;
    let (options, briefs) = (&catalog.0, &catalog.1);
    let views = units
        .iter()
        .map(|u| {
            unit_view(
                rank(u, options, &rules, start),
                u,
                &rows,
                briefs,
                &words,
                shown as usize,
            )
        })
        .collect();
    audit::read(
        app,
        actor,
        AuditAction::MatchRead,
        MatchView {
            start_date: start,
            together,
            units: views,
        },
    )
    .await
}
