//! The dashboard's network figures (definitions in `docs/METRICS.md`, "Network first"): of the
//! children in care on the day the figures are read, the share placed with a network family,
//! and the share whose network search is completed.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use kith_domain::SearchState;
use kith_domain::metrics::percent;
use kith_store::ConnectionTrait;
use serde::Serialize;

use super::figures::is_current_on;
use crate::Result;

/// How far "network first" is kept for the children in care.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct NetworkFigures {
    /// Children with a placement running on the day.
    pub children_in_care: usize,
    /// Of them, placed with a network family.
    pub placed_in_network: usize,
    pub placed_in_network_pct: Option<f64>,
    /// Of them, with a completed network search (everyone asked and answered, no step open,
    /// within the rule's days).
    pub search_completed: usize,
    pub search_completed_pct: Option<f64>,
}

/// The network figures of the counted placements, as of `as_of` (the search as of `today`).
pub(super) async fn figures<C: ConnectionTrait>(
    conn: &C,
    placements: &[kith_store::entities::placement::Model],
    as_of: NaiveDate,
    (today, stale_days): (NaiveDate, i64),
) -> Result<NetworkFigures> {
    let current: Vec<_> = placements
        .iter()
        .filter(|p| is_current_on(p, as_of))
        .collect();
    let options: Vec<i64> = current.iter().map(|p| p.option_id).collect();
    let kinds = kith_store::placements::option_kinds(conn, &options).await?;
    let children: BTreeSet<i64> = current.iter().map(|p| p.child_id).collect();
    let in_network: BTreeSet<i64> = current
        .iter()
        .filter(|p| kinds.get(&p.option_id).is_some_and(|k| k.is_network()))
        .map(|p| p.child_id)
        .collect();
    let ids: Vec<i64> = children.iter().copied().collect();
    let searches = crate::children::summaries(conn, &ids, (today, stale_days)).await?;
    let completed = searches
        .values()
        .filter(|s| s.state == SearchState::Completed)
        .count();
    Ok(NetworkFigures {
        children_in_care: children.len(),
        placed_in_network: in_network.len(),
        placed_in_network_pct: percent(in_network.len(), children.len()),
        search_completed: completed,
        search_completed_pct: percent(completed, children.len()),
    })
}
