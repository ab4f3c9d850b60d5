//! Scheduled work. The scheduler only ticks (every minute, in UTC); this module decides what is
//! due at that moment in Copenhagen, so summer and winter time never shift the morning
//! e-mails: the nightly re-planning, and at the digest time the morning run (digests,
//! escalations, first-visit reminders).
//!
//! The morning run happens on working days only (no digest on a Sunday or at Easter).
//!
//! Each run is claimed through a unique `job_run` row and each e-mail through its outbox
//! row's unique key, so any number of instances may tick: each thing happens once. A tick
//! after a missed time (the server was down) catches up the same day.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use kith_domain::Role;
use kith_domain::wheel::{VisitKind, WheelRules, WorkCalendar};
use kith_store::outbox::NewEmail;
use serde::Serialize;

use crate::mail::render::{DigestPayload, EscalationPayload, FirstVisitPayload, KindCount, kinds};
use crate::wheel::PlanSummary;
use crate::{App, Result, TIME_ZONE};

/// A run not finished within this long (its instance died) may be taken over.
const RUN_LEASE: Duration = Duration::minutes(15);
/// A placement is new (and gets a first-visit reminder) for this many days.
const NEW_PLACEMENT_DAYS: u64 = 30;

/// The job names in `job_run`.
pub mod names {
    pub const REPLAN: &str = "replan";
    pub const MORNING: &str = "morning";
}

/// What one tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TickReport {
    /// The local date and time the tick saw.
    pub local: String,
    pub replanned: Option<PlanSummary>,
    pub digests: usize,
    pub escalations: usize,
    pub first_visit_reminders: usize,
}

/// Does whatever is due at the app clock's current instant. `who` names the instance in its
/// claims.
pub async fn tick(app: &App, who: &str) -> Result<TickReport> {
    let now = app.now();
    let local = now.with_timezone(&TIME_ZONE);
    let today = local.date_naive();
    let time = local.time();
    let rules = crate::rules::in_force::wheel(app).await?;
    let mut report = TickReport {
        local: local.format("%Y-%m-%d %H:%M %Z").to_string(),
        ..Default::default()
    };
    let key = today.to_string();
    let conn = app.db().conn();
    if time >= rules.replan_at
        && kith_store::jobs::claim(conn, names::REPLAN, &key, who, now, RUN_LEASE).await?
    {
        // Placements whose start day has come become active before the year is planned.
        let started = kith_store::placements::start_due(conn, today, now).await?;
        let summary = crate::wheel::plan_placements(app, None).await?;
        tracing::info!(
            started,
            placements = summary.placements,
            created = summary.created,
            updated = summary.updated,
            cancelled = summary.cancelled,
            "nightly re-planning"
        );
        report.replanned = Some(summary);
        kith_store::jobs::finish(conn, names::REPLAN, &key, app.now()).await?;
    }
    // The morning run is for working days: nobody wants a digest on a Sunday or at Easter.
    let working_day = WorkCalendar::new(&rules.closing_days).is_working_day(today);
    if working_day
        && time >= rules.digest_at
        && kith_store::jobs::claim(conn, names::MORNING, &key, who, now, RUN_LEASE).await?
    {
        report.digests = digests(app, &rules, today, now).await?;
        report.escalations = escalations(app, &rules, today, now).await?;
        report.first_visit_reminders = first_visit_reminders(app, today, now).await?;
        tracing::info!(
            digests = report.digests,
            escalations = report.escalations,
            first_visit_reminders = report.first_visit_reminders,
            "morning run"
        );
        kith_store::jobs::finish(conn, names::MORNING, &key, app.now()).await?;
    }
    Ok(report)
}

fn counts(map: BTreeMap<VisitKind, u32>) -> Vec<KindCount> {
    map.into_iter()
        .map(|(kind, n)| KindCount { kind, n })
        .collect()
}

/// One digest per person with anything due in the next days or overdue.
async fn digests(
    app: &App,
    rules: &WheelRules,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize> {
    let conn = app.db().conn();
    let until = today + Days::new(rules.digest_days_ahead.max(1) as u64);
    let mut written = 0;
    let mut people = kith_store::visits::assignees_with_work_until(conn, until).await?;
    people.extend(kith_store::visits::holders_with_open_until(conn, until).await?);
    let mut steps: BTreeMap<i64, (u32, u32)> = BTreeMap::new();
    for s in kith_store::children::open_steps(conn, until, None).await? {
        let e = steps.entry(s.asked_by).or_default();
        if s.next_step_on.is_some_and(|d| d < today) {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    people.extend(steps.keys().copied());
    let covering = covering_counts(conn, today, until).await?;
    people.extend(covering.keys().copied());
    people.sort_unstable();
    people.dedup();
    for person in people {
        let items = kith_store::visits::open_of_assignee_until(conn, person, until).await?;
        let (agreements_overdue, agreements_due) =
            kith_store::visits::open_of_holder(conn, person, Some(until))
                .await?
                .iter()
                .fold((0, 0), |(o, d), a| {
                    if a.due_on < today {
                        (o + 1, d)
                    } else {
                        (o, d + 1)
                    }
                });
        let mut overdue = BTreeMap::new();
        let mut due = BTreeMap::new();
        for v in items {
            let kind: VisitKind = v.kind.0;
            if v.closes_on < today {
                *overdue.entry(kind).or_insert(0) += 1;
            } else {
                *due.entry(kind).or_insert(0) += 1;
            }
        }
        let (network_steps_overdue, network_steps_due) =
            steps.get(&person).copied().unwrap_or_default();
        let (covering_overdue, covering_due) = covering.get(&person).copied().unwrap_or_default();
        if overdue.is_empty()
            && due.is_empty()
            && agreements_overdue
                + agreements_due
                + network_steps_overdue
                + network_steps_due
                + covering_overdue
                + covering_due
                == 0
        {
            continue;
        }
        let payload = DigestPayload {
            date: today,
            days_ahead: rules.digest_days_ahead,
            overdue: counts(overdue),
            due: counts(due),
            agreements_overdue,
            agreements_due,
            network_steps_overdue,
            network_steps_due,
            covering_overdue,
            covering_due,
        };
        written += kith_store::outbox::enqueue(
            conn,
            &[NewEmail {
                recipient_id: person,
                kind: kinds::DIGEST.into(),
                payload: json(&payload)?,
                dedupe_key: format!("digest:{person}:{today}"),
            }],
            now,
        )
        .await? as usize;
    }
    Ok(written)
}

/// Per stand-in of a cover running today: the absent people's items they carry that are
/// overdue, and due by `until` (their stand-in day, `kith_domain::cover::cover_day`).
async fn covering_counts<C: sea_orm::ConnectionTrait>(
    conn: &C,
    today: NaiveDate,
    until: NaiveDate,
) -> Result<BTreeMap<i64, (u32, u32)>> {
    use kith_domain::cover::{CoverPeriod, OpenItem, cover_day};
    let mut out: BTreeMap<i64, (u32, u32)> = BTreeMap::new();
    for c in kith_store::covers::running_on(conn, today).await? {
        let period = CoverPeriod {
            first_day: c.first_day,
            last_day: c.last_day,
        };
        for v in kith_store::visits::open_of_assignee_until(conn, c.absent_id, c.last_day).await? {
            let item = OpenItem {
                planned_on: v.planned_on,
                closes_on: v.closes_on,
            };
            match cover_day(item, period, today) {
                Some(_) if v.closes_on < today => out.entry(c.stand_in_id).or_default().0 += 1,
                Some(by) if by <= until => out.entry(c.stand_in_id).or_default().1 += 1,
                _ => {}
            }
        }
    }
    Ok(out)
}

/// Statutory items more than `escalate_after_days` overdue go to the team leaders of the
/// person who holds them, once per item: marking them and queuing the e-mails commit
/// together.
async fn escalations(
    app: &App,
    rules: &WheelRules,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize> {
    let closed_before = today - Days::new(rules.escalate_after_days.max(0) as u64);
    let tx = app.db().begin_write().await?;
    let items = kith_store::visits::to_escalate(&tx, closed_before).await?;
    let mut per_leader: BTreeMap<i64, BTreeMap<VisitKind, u32>> = BTreeMap::new();
    let mut leaders_of: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut escalated = Vec::new();
    for v in items {
        if let Entry::Vacant(slot) = leaders_of.entry(v.assignee_id) {
            let units = kith_store::users::get(&tx, v.assignee_id)
                .await?
                .map(|u| u.unit_ids)
                .unwrap_or_default();
            slot.insert(kith_store::users::in_units_with_role(&tx, &units, Role::Leader).await?);
        }
        let leaders = &leaders_of[&v.assignee_id];
        if leaders.is_empty() {
            // Nobody to tell yet; it stays unescalated until the person's team has a leader.
            continue;
        }
        let kind: VisitKind = v.kind.0;
        for l in leaders {
            *per_leader.entry(*l).or_default().entry(kind).or_insert(0) += 1;
        }
        escalated.push(v.id);
    }
    kith_store::visits::mark_escalated(&tx, &escalated, now).await?;
    let mut emails = Vec::new();
    for (leader, kinds_) in per_leader {
        let payload = EscalationPayload {
            date: today,
            after_days: rules.escalate_after_days,
            items: counts(kinds_),
        };
        emails.push(NewEmail {
            recipient_id: leader,
            kind: kinds::ESCALATION.into(),
            payload: json(&payload)?,
            dedupe_key: format!("escalation:{leader}:{today}"),
        });
    }
    let written = kith_store::outbox::enqueue(&tx, &emails, now).await? as usize;
    tx.commit().await?;
    Ok(written)
}

/// A reminder to whoever holds the first visit of each new placement, once, and only while
/// its deadline is ahead.
async fn first_visit_reminders(app: &App, today: NaiveDate, now: DateTime<Utc>) -> Result<usize> {
    let conn = app.db().conn();
    let since = now - Duration::days(NEW_PLACEMENT_DAYS as i64);
    let mut emails = Vec::new();
    for p in kith_store::placements::created_since(conn, since).await? {
        let held = kith_store::visits::last_held(conn, Some(&[p.id])).await?;
        if !held.is_empty() {
            continue;
        }
        let first = kith_store::visits::open_of_placements(conn, Some(&[p.id]))
            .await?
            .into_iter()
            .filter(|v| !v.kind.is_review())
            .min_by_key(|v| (v.planned_on, v.id));
        let Some(v) = first else { continue };
        if v.closes_on < today {
            // Its deadline has passed: it is overdue, in the digest and escalated, not
            // something to be reminded of.
            continue;
        }
        let payload = FirstVisitPayload {
            visit_id: v.id,
            placement_code: crate::wheel::placement_code(kith_domain::PlacementId(p.id)),
            kind: v.kind.0,
            planned_on: v.planned_on,
            closes_on: v.closes_on,
        };
        emails.push(NewEmail {
            recipient_id: v.assignee_id,
            kind: kinds::FIRST_VISIT.into(),
            payload: json(&payload)?,
            dedupe_key: format!("first_visit:{}", p.id),
        });
    }
    Ok(kith_store::outbox::enqueue(conn, &emails, now).await? as usize)
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(crate::AppError::internal)
}
