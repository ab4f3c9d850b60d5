//! The dashboard's stability figures: the children's placement histories read from the store
//! and handed to the domain's definitions (`kith_domain::metrics::stability`).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use kith_domain::metrics::Period;
use kith_domain::metrics::stability::{ChildHistory, Stability, StayRecord, stability};
use kith_store::ConnectionTrait;
use serde::Serialize;

use crate::Result;

/// The stability figures of the children a dashboard counts (definitions in
/// `docs/METRICS.md`, "Stability"), with what each figure is built on.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StabilityFigures {
    /// Moves per 1,000 days in care of the children who entered care in the period.
    pub moves_per_1000_days: Option<f64>,
    pub moves: usize,
    pub days_in_care: i64,
    pub children_entered: usize,
    /// Of the children in care now, the share with three or more placements in two years.
    pub three_or_more_placements_pct: Option<f64>,
    pub three_or_more_placements: usize,
    pub children_in_care: usize,
    /// Of the children under 16 in care for 30 months or more, the share with the same carers
    /// for the last 24 months.
    pub same_carer_two_years_pct: Option<f64>,
    pub same_carer_two_years: usize,
    pub children_long_in_care: usize,
    /// Breakdowns in the period within twelve months of the placement's start.
    pub breakdowns_first_year: usize,
    /// Changes of case adviser per child with a placement in the period.
    pub adviser_changes_per_child: Option<f64>,
    /// Changes of school per child with a placement in the period.
    pub school_changes_per_child: Option<f64>,
    pub school_changes: usize,
    pub children_in_period: usize,
}

impl From<Stability> for StabilityFigures {
    fn from(s: Stability) -> Self {
        Self {
            moves_per_1000_days: s.moves_per_1000_days,
            moves: s.moves,
            days_in_care: s.days_in_care,
            children_entered: s.entered,
            three_or_more_placements_pct: s.three_or_more_pct,
            three_or_more_placements: s.three_or_more_in_two_years,
            children_in_care: s.in_care,
            same_carer_two_years_pct: s.long_term_same_carer_pct,
            same_carer_two_years: s.long_term_same_carer,
            children_long_in_care: s.long_term,
            breakdowns_first_year: s.breakdowns_first_year,
            adviser_changes_per_child: s.adviser_changes_per_child,
            school_changes_per_child: s.school_changes_per_child,
            school_changes: s.school_changes,
            children_in_period: s.children_in_period,
        }
    }
}

type Placement = kith_store::entities::placement::Model;

/// The figures for the children with a placement among `counted`, each child's whole history
/// read from `all` placements (a move into the unit's care from another unit's is a move).
pub(super) async fn figures<C: ConnectionTrait>(
    conn: &C,
    all: &[Placement],
    counted: &[Placement],
    period: Period,
    as_of: NaiveDate,
) -> Result<StabilityFigures> {
    let child_ids: BTreeSet<i64> = counted.iter().map(|p| p.child_id).collect();
    let ids: Vec<i64> = child_ids.iter().copied().collect();
    let born: HashMap<i64, NaiveDate> = kith_store::children::get_many(conn, &ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c.birth_date))
        .collect();
    let child_of: HashMap<i64, i64> = all.iter().map(|p| (p.id, p.child_id)).collect();
    let (_, adviser_changes) = kith_store::placements::worker_changes(conn).await?;
    let mut histories: HashMap<i64, ChildHistory> = HashMap::new();
    for p in all.iter().filter(|p| child_ids.contains(&p.child_id)) {
        let Some(birth_date) = born.get(&p.child_id) else {
            continue;
        };
        histories
            .entry(p.child_id)
            .or_insert_with(|| ChildHistory {
                birth_date: *birth_date,
                placements: Vec::new(),
                adviser_changes: Vec::new(),
                school_changes: Vec::new(),
            })
            .placements
            .push(StayRecord {
                start: p.start_date,
                end: p.end_date,
                breakdown: p.breakdown,
            });
    }
    for (placement, day) in adviser_changes {
        if let Some(h) = child_of.get(&placement).and_then(|c| histories.get_mut(c)) {
            h.adviser_changes.push(day);
        }
    }
    for (child, day) in kith_store::children::school_changes(conn).await? {
        if let Some(h) = histories.get_mut(&child) {
            h.school_changes.push(day);
        }
    }
    let histories: Vec<ChildHistory> = histories.into_values().collect();
    Ok(stability(&histories, period, as_of).into())
}
