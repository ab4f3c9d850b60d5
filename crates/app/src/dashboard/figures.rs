//! The figures, worked out from the stored facts exactly as `docs/METRICS.md` defines them.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use kith_domain::goals::GoalStatus;
use kith_domain::metrics::{Period, days_between, median, per_100_years, per_year, percent};
use kith_domain::wheel::VisitKind;
use kith_domain::{PlacementForm, UnitId};
use serde::Serialize;

use crate::caseload::RECENT_PROGRESS_DAYS;
use crate::staff::StaffRef;
use kith_store::ConnectionTrait;

use crate::{App, Result, TIME_ZONE};

/// A median lead time in days and how many placements it is the median of.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct LeadTime {
    pub median_days: Option<f64>,
    pub placements: usize,
}

/// Placements of one form: now and started in the period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FormCount {
    pub form: PlacementForm,
    pub current: usize,
    pub started: usize,
}

/// Placements started in one month, by form.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MonthOfStarts {
    /// `YYYY-MM`
    pub month: String,
    pub network: usize,
    pub other_family_based: usize,
    pub institutional: usize,
    pub other: usize,
}

/// One person's current placements.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Caseload {
    pub staff: StaffRef,
    pub placements: usize,
}

/// The momentum dashboard (definitions in `docs/METRICS.md`).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    pub unit: Option<UnitId>,
    /// The units the reader may filter by.
    pub units: Vec<crate::units::UnitView>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day "now" figures are read on.
    pub today: NaiveDate,
    pub request_to_proposal: LeadTime,
    pub proposal_to_decision: LeadTime,
    pub decision_to_start: LeadTime,
    pub forms: Vec<FormCount>,
    pub monthly_starts: Vec<MonthOfStarts>,
    /// Visits (not reviews) held in the twelve months to `to`.
    pub visits_held: usize,
    pub visits_within_window_pct: Option<f64>,
    pub supervision_visits_held: usize,
    pub seen_alone_pct: Option<f64>,
    pub overdue_visits: usize,
    pub overdue_reviews: usize,
    pub stays_past_planned_end: usize,
    pub stays_ended: usize,
    pub stay_median_days: Option<f64>,
    pub stay_median_planned_days: Option<f64>,
    pub exit_goal_reached_pct: Option<f64>,
    pub active_goals: usize,
    pub goals_with_recent_progress_pct: Option<f64>,
    pub goals_closed: usize,
    pub goals_achieved_pct: Option<f64>,
    pub placement_years: f64,
    pub consultant_changes_per_placement_year: Option<f64>,
    pub adviser_changes_per_placement_year: Option<f64>,
    pub consultant_caseloads: Vec<Caseload>,
    pub adviser_caseloads: Vec<Caseload>,
    pub breakdowns: usize,
    pub breakdowns_per_100_placement_years: Option<f64>,
    /// Moves, repeated moves, long-term stability, early breakdowns and adviser changes.
    pub stability: super::StabilityFigures,
    /// Network first: the children in care placed in their network, and with a completed
    /// network search.
    pub network: super::NetworkFigures,
}

fn local_day(at: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    at.with_timezone(&TIME_ZONE).date_naive()
}

fn lead(days: Vec<i64>) -> LeadTime {
    LeadTime {
        median_days: median(&days),
        placements: days.len(),
    }
}

/// The placements a dashboard counts, and the days it reads them on.
struct Scope {
    placements: Vec<Placement>,
    /// Index into `placements` by placement id.
    ids: HashMap<i64, usize>,
    period: Period,
    /// "Now" figures are read on the period's last day when that is before today.
    as_of: NaiveDate,
    today: NaiveDate,
}

type Placement = kith_store::entities::placement::Model;

impl Scope {
    fn counts(&self, placement: i64) -> bool {
        self.ids.contains_key(&placement)
    }

    fn current(&self, on: NaiveDate) -> impl Iterator<Item = &Placement> {
        self.placements.iter().filter(move |p| is_current_on(p, on))
    }
}

/// Whether a placement is counted for `members` (its adviser or consultant is one of them; all
/// placements when `None`): the one rule the figures and the lists behind them share.
pub(super) fn in_unit(members: Option<&[i64]>, p: &Placement) -> bool {
    members.is_none_or(|m| {
        m.contains(&p.adviser_id) || p.consultant_id.is_some_and(|c| m.contains(&c))
    })
}

/// Works out every figure for the placements whose adviser or consultant is one of `members`
/// (all placements when `None`).
pub(super) async fn compute(
    app: &App,
    period: Period,
    today: NaiveDate,
    members: Option<&[i64]>,
) -> Result<Dashboard> {
    let conn = app.db().conn();
    let all = kith_store::placements::all(conn).await?;
    // Lead times also count the placements the unit proposed: a match unit follows none up,
    // and its leader's lead times are the proposals its matchers made.
    let started: Vec<Placement> = all
        .iter()
        .filter(|p| period.contains(p.start_date))
        .cloned()
        .collect();
    let placements: Vec<_> = all
        .iter()
        .filter(|p| in_unit(members, p))
        .cloned()
        .collect();
    let ids = placements
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let scope = Scope {
        placements,
        ids,
        period,
        as_of: period.to.min(today),
        today,
    };
    let (request_to_proposal, proposal_to_decision, decision_to_start) =
        lead_times(conn, &started, members).await?;
    let (forms, monthly_starts) = forms(conn, &scope).await?;
    let visits = visits(conn, &scope).await?;
    let stays = stays(conn, &scope).await?;
    let goals = goals(conn, &scope).await?;
    let rates = rates(conn, &scope).await?;
    let (consultant_caseloads, adviser_caseloads) = caseloads(app, &scope).await?;
    let stability =
        super::stability::figures(conn, &all, &scope.placements, period, scope.as_of).await?;
    let stale = crate::children::stale_days(app).await?;
    let network =
        super::network::figures(conn, &scope.placements, scope.as_of, (scope.today, stale)).await?;
    Ok(Dashboard {
        unit: None,
        units: Vec::new(),
        from: period.from,
        to: period.to,
        today,
        request_to_proposal,
        proposal_to_decision,
        decision_to_start,
        forms,
        monthly_starts,
        visits_held: visits.held,
        visits_within_window_pct: visits.within_window_pct,
        supervision_visits_held: visits.supervision_held,
        seen_alone_pct: visits.seen_alone_pct,
        overdue_visits: visits.overdue_visits,
        overdue_reviews: visits.overdue_reviews,
        stays_past_planned_end: stays.past_planned_end,
        stays_ended: stays.ended,
        stay_median_days: stays.median_days,
        stay_median_planned_days: stays.median_planned_days,
        exit_goal_reached_pct: stays.exit_goal_reached_pct,
        active_goals: goals.active,
        goals_with_recent_progress_pct: goals.recent_progress_pct,
        goals_closed: goals.closed,
        goals_achieved_pct: goals.achieved_pct,
        placement_years: rates.placement_years,
        consultant_changes_per_placement_year: rates.consultant_changes,
        adviser_changes_per_placement_year: rates.adviser_changes,
        consultant_caseloads,
        adviser_caseloads,
        breakdowns: rates.breakdowns,
        breakdowns_per_100_placement_years: rates.breakdowns_per_100,
        stability,
        network,
    })
}

/// Lead times of the placements started in the period that came from a proposal — those the
/// unit follows up ([`in_unit`]) or whose proposal one of its members made: request to
/// proposal, proposal to decision, decision to start.
async fn lead_times<C: ConnectionTrait>(
    conn: &C,
    started: &[Placement],
    members: Option<&[i64]>,
) -> Result<(LeadTime, LeadTime, LeadTime)> {
    let proposal_ids: Vec<i64> = started.iter().filter_map(|p| p.proposal_id).collect();
    let proposals: HashMap<i64, _> = kith_store::proposals::get_many(conn, &proposal_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let (mut to_proposal, mut to_decision, mut to_start) = (vec![], vec![], vec![]);
    for p in started {
        let Some(pr) = p.proposal_id.and_then(|id| proposals.get(&id)) else {
            continue;
        };
        let proposed_here = members.is_none_or(|m| m.contains(&pr.proposer_id));
        if !(in_unit(members, p) || proposed_here) {
            continue;
        }
        let proposed = local_day(pr.submitted_at.unwrap_or(pr.created_at));
        if let Some(requested) = p.requested_on {
            to_proposal.push(days_between(requested, proposed));
        }
        if let Some(decided) = pr.decided_at.map(local_day) {
            to_decision.push(days_between(proposed, decided));
            to_start.push(days_between(decided, p.start_date));
        }
    }
    Ok((lead(to_proposal), lead(to_decision), lead(to_start)))
}

/// Placements by form: current now and started in the period; and started per month.
async fn forms<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
) -> Result<(Vec<FormCount>, Vec<MonthOfStarts>)> {
    let period = scope.period;
    let mut option_ids: Vec<i64> = scope.placements.iter().map(|p| p.option_id).collect();
    option_ids.sort_unstable();
    option_ids.dedup();
    let kinds = kith_store::placements::option_kinds(conn, &option_ids).await?;
    let mut forms: BTreeMap<PlacementForm, (usize, usize)> =
        PlacementForm::ALL.iter().map(|f| (*f, (0, 0))).collect();
    let mut months = months_of(period);
    for p in &scope.placements {
        let form = kinds
            .get(&p.option_id)
            .ok_or_else(|| crate::AppError::internal("placement without option"))?
            .form();
        let entry = forms.entry(form).or_default();
        if is_current_on(p, scope.as_of) {
            entry.0 += 1;
        }
        if period.contains(p.start_date) {
            entry.1 += 1;
            let slot = months
                .entry((p.start_date.year(), p.start_date.month()))
                .or_insert([0; 4]);
            slot[form_index(form)] += 1;
        }
    }
    let forms = forms
        .into_iter()
        .map(|(form, (current, started))| FormCount {
            form,
            current,
            started,
        })
        .collect();
    let months = months
        .into_iter()
        .map(|((y, m), c)| MonthOfStarts {
            month: format!("{y:04}-{m:02}"),
            network: c[0],
            other_family_based: c[1],
            institutional: c[2],
            other: c[3],
        })
        .collect();
    Ok((forms, months))
}

/// Every month the period touches, with no starts yet.
fn months_of(period: Period) -> BTreeMap<(i32, u32), [usize; 4]> {
    let mut months = BTreeMap::new();
    let mut m =
        NaiveDate::from_ymd_opt(period.from.year(), period.from.month(), 1).unwrap_or(period.from);
    while m <= period.to {
        months.insert((m.year(), m.month()), [0; 4]);
        let Some(next) = m.checked_add_months(chrono::Months::new(1)) else {
            break;
        };
        m = next;
    }
    months
}

/// Visits held in the twelve months to the period's end, and what is overdue now.
struct VisitFigures {
    held: usize,
    within_window_pct: Option<f64>,
    supervision_held: usize,
    seen_alone_pct: Option<f64>,
    overdue_visits: usize,
    overdue_reviews: usize,
}

async fn visits<C: ConnectionTrait>(conn: &C, scope: &Scope) -> Result<VisitFigures> {
    let year = Period::year_to(scope.as_of);
    let held: Vec<_> = kith_store::figures::held_between(conn, year.from, year.to)
        .await?
        .into_iter()
        .filter(|h| scope.counts(h.placement_id))
        .collect();
    let visits: Vec<_> = held
        .iter()
        .filter(|h| h.kind != VisitKind::PlanReview.as_str())
        .collect();
    let on_time = visits
        .iter()
        .filter(|h| h.opens_on <= h.held_on && h.held_on <= h.closes_on)
        .count();
    let supervision: Vec<_> = visits
        .iter()
        .filter(|h| h.kind == VisitKind::Supervision.as_str())
        .collect();
    let alone = supervision
        .iter()
        .filter(|h| h.child_seen_alone == Some(true))
        .count();
    // Overdue now, on placements still running (an ended placement's missed work is history).
    let overdue: Vec<_> = kith_store::figures::overdue(conn, scope.today)
        .await?
        .into_iter()
        .filter(|(p, _)| {
            scope
                .ids
                .get(p)
                .is_some_and(|i| is_current_on(&scope.placements[*i], scope.today))
        })
        .collect();
    // The adviser's reviews (§ 95, support after 18) apart from the follow-up visits, as the
    // list behind the figures splits them.
    let overdue_reviews = overdue
        .iter()
        .filter(|(_, k)| k.parse::<VisitKind>().is_ok_and(VisitKind::is_review))
        .count();
    let overdue_visits = overdue.len() - overdue_reviews;
    Ok(VisitFigures {
        held: visits.len(),
        within_window_pct: percent(on_time, visits.len()),
        supervision_held: supervision.len(),
        seen_alone_pct: percent(alone, supervision.len()),
        overdue_visits,
        overdue_reviews,
    })
}

/// Short stays: past their planned end now, ended in the period, their lengths against the
/// first planned length, and how often the exit goal was reached.
struct StayFigures {
    past_planned_end: usize,
    ended: usize,
    median_days: Option<f64>,
    median_planned_days: Option<f64>,
    exit_goal_reached_pct: Option<f64>,
}

async fn stays<C: ConnectionTrait>(conn: &C, scope: &Scope) -> Result<StayFigures> {
    let (period, as_of) = (scope.period, scope.as_of);
    let first_ends = kith_store::figures::first_planned_ends(conn).await?;
    let stays: Vec<_> = scope
        .placements
        .iter()
        .filter(|p| p.planned_end_date.is_some())
        .collect();
    let past_end = stays
        .iter()
        .filter(|p| is_past_planned_end(p, as_of))
        .count();
    let ended: Vec<_> = stays
        .iter()
        .filter(|p| p.end_date.is_some_and(|e| period.contains(e)))
        .collect();
    let lengths: Vec<i64> = ended
        .iter()
        .filter_map(|p| p.end_date.map(|e| days_between(p.start_date, e)))
        .collect();
    let planned_lengths: Vec<i64> = ended
        .iter()
        .filter_map(|p| {
            first_ends
                .get(&p.id)
                .copied()
                .or(p.planned_end_date)
                .map(|e| days_between(p.start_date, e))
        })
        .collect();
    let judged: Vec<bool> = ended
        .iter()
        .filter(|p| p.exit_goal.is_some())
        .filter_map(|p| p.exit_goal_reached)
        .collect();
    Ok(StayFigures {
        past_planned_end: past_end,
        ended: ended.len(),
        median_days: median(&lengths),
        median_planned_days: median(&planned_lengths),
        exit_goal_reached_pct: percent(judged.iter().filter(|r| **r).count(), judged.len()),
    })
}

/// Active goals and how many moved recently; goals closed in the period and how many were
/// achieved.
struct GoalFigures {
    active: usize,
    recent_progress_pct: Option<f64>,
    closed: usize,
    achieved_pct: Option<f64>,
}

async fn goals<C: ConnectionTrait>(conn: &C, scope: &Scope) -> Result<GoalFigures> {
    let goals: Vec<_> = kith_store::goals::all(conn)
        .await?
        .into_iter()
        .filter(|g| scope.counts(g.placement_id))
        .collect();
    let active: Vec<i64> = goals
        .iter()
        .filter(|g| *g.status == GoalStatus::Active)
        .filter(|g| is_current_on(&scope.placements[scope.ids[&g.placement_id]], scope.as_of))
        .map(|g| g.id)
        .collect();
    let recent = Period::last_days(scope.as_of, RECENT_PROGRESS_DAYS);
    let progress = kith_store::goals::progress_of_goals(conn, &active).await?;
    let moving = active
        .iter()
        .filter(|g| {
            progress
                .iter()
                .any(|p| p.goal_id == **g && recent.contains(p.recorded_on))
        })
        .count();
    let closed: Vec<GoalStatus> = goals
        .iter()
        .map(|g| (g.status.0, g.closed_on))
        .filter(|(s, on)| s.is_closed() && on.is_some_and(|d| scope.period.contains(d)))
        .map(|(s, _)| s)
        .collect();
    let achieved = closed
        .iter()
        .filter(|s| **s == GoalStatus::Achieved)
        .count();
    Ok(GoalFigures {
        active: active.len(),
        recent_progress_pct: percent(moving, active.len()),
        closed: closed.len(),
        achieved_pct: percent(achieved, closed.len()),
    })
}

/// Rates per placement-year in the period (up to today): changes of consultant and adviser,
/// and breakdowns.
struct RateFigures {
    placement_years: f64,
    consultant_changes: Option<f64>,
    adviser_changes: Option<f64>,
    breakdowns: usize,
    breakdowns_per_100: Option<f64>,
}

async fn rates<C: ConnectionTrait>(conn: &C, scope: &Scope) -> Result<RateFigures> {
    let rate_period = Period {
        from: scope.period.from,
        to: scope.as_of,
    };
    let placement_days: i64 = scope
        .placements
        .iter()
        .map(|p| rate_period.overlap_days(p.start_date, p.end_date))
        .sum();
    let (consultant_changes, adviser_changes) =
        kith_store::placements::worker_changes(conn).await?;
    let count_changes = |changes: &[(i64, NaiveDate)]| {
        changes
            .iter()
            .filter(|(p, d)| scope.counts(*p) && rate_period.contains(*d))
            .count()
    };
    let breakdowns = scope
        .placements
        .iter()
        .filter(|p| p.breakdown && p.end_date.is_some_and(|e| rate_period.contains(e)))
        .count();
    Ok(RateFigures {
        placement_years: placement_days as f64 / kith_domain::metrics::DAYS_PER_YEAR,
        consultant_changes: per_year(count_changes(&consultant_changes), placement_days),
        adviser_changes: per_year(count_changes(&adviser_changes), placement_days),
        breakdowns,
        breakdowns_per_100: per_100_years(breakdowns, placement_days),
    })
}

/// Each consultant's and each adviser's current placements, the largest first.
async fn caseloads(app: &App, scope: &Scope) -> Result<(Vec<Caseload>, Vec<Caseload>)> {
    let mut by_consultant: HashMap<i64, usize> = HashMap::new();
    let mut by_adviser: HashMap<i64, usize> = HashMap::new();
    for p in scope.current(scope.as_of) {
        if let Some(c) = p.consultant_id {
            *by_consultant.entry(c).or_default() += 1;
        }
        *by_adviser.entry(p.adviser_id).or_default() += 1;
    }
    let people: Vec<i64> = by_consultant
        .keys()
        .chain(by_adviser.keys())
        .copied()
        .collect();
    let staff = crate::staff::refs(app, &people).await?;
    let caseloads = |counts: HashMap<i64, usize>| {
        let mut v: Vec<Caseload> = counts
            .into_iter()
            .filter_map(|(id, n)| {
                staff.get(&id).map(|s| Caseload {
                    staff: s.clone(),
                    placements: n,
                })
            })
            .collect();
        v.sort_by(|a, b| {
            b.placements
                .cmp(&a.placements)
                .then(a.staff.name.cmp(&b.staff.name))
        });
        v
    };
    Ok((caseloads(by_consultant), caseloads(by_adviser)))
}

/// Whether a placement runs on `day`: started by then and not ended before it.
pub(super) fn is_current_on(p: &Placement, day: NaiveDate) -> bool {
    p.start_date <= day && p.end_date.is_none_or(|e| e >= day)
}

/// A stay still running on `day` whose planned end was before it: the figure "past the planned
/// end now" and the list behind it.
pub(super) fn is_past_planned_end(p: &Placement, day: NaiveDate) -> bool {
    is_current_on(p, day) && p.planned_end_date.is_some_and(|e| e < day)
}

fn form_index(f: PlacementForm) -> usize {
    match f {
        PlacementForm::Network => 0,
        PlacementForm::OtherFamilyBased => 1,
        PlacementForm::Institutional => 2,
        PlacementForm::Other => 3,
    }
}
