//! The network search as a tracked process: each person in the child's network asked (or
//! tried), by whom, when and with what outcome, and the steps left open. The child's page
//! shows it, a proposal outside the network shows it to the deciding leader, and the
//! dashboard counts the children whose search is completed.

use std::collections::HashMap;

use chrono::NaiveDate;
use kith_domain::network_search::{Ask, AskRecord, SearchSummary, check_ask, search_summary};
use kith_domain::{ChildId, NetworkAskOutcome, NetworkPersonId, SearchState};
use kith_store::entities::network_ask;
use serde::{Deserialize, Serialize};

use super::{ChildDetail, change_case, network_person_of};
use crate::audit::AuditAction;
use crate::staff::StaffRef;
use crate::validate::{Check, Problems};
use crate::{Actor, App, Result};

/// One record of the search as typed.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkAskInput {
    /// The person in the child's network who was asked.
    pub network_person_id: NetworkPersonId,
    pub asked_on: NaiveDate,
    pub outcome: NetworkAskOutcome,
    /// Why (required for a refusal).
    #[serde(default)]
    pub reason: String,
    /// What happens next with this person, and when (both or neither).
    #[serde(default)]
    pub next_step: String,
    pub next_step_on: Option<NaiveDate>,
}

impl Check for NetworkAskInput {
    fn check(&self, p: &mut Problems) {
        p.at_most_chars("reason", &self.reason, 2000);
        p.at_most_chars("next_step", &self.next_step, 500);
    }
}

/// One record of the search, as read.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NetworkAskView {
    pub id: i64,
    pub network_person_id: NetworkPersonId,
    pub person_name: String,
    pub asked_on: NaiveDate,
    pub asked_by: Option<StaffRef>,
    pub outcome: NetworkAskOutcome,
    pub reason: Option<String>,
    pub next_step: Option<String>,
    pub next_step_on: Option<NaiveDate>,
    /// The step is still open: no later record for this person.
    pub step_open: bool,
}

/// Where the child's network search stands, and its records (newest first).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NetworkSearchView {
    pub state: SearchState,
    /// People in the network, and of them asked at least once.
    pub persons: usize,
    pub asked: usize,
    pub open_steps: usize,
    pub last_asked_on: Option<NaiveDate>,
    /// A completed search older than this many days is stale (a rule).
    pub stale_after_days: i64,
    pub records: Vec<NetworkAskView>,
}

fn asks(rows: &[network_ask::Model]) -> Vec<Ask> {
    rows.iter()
        .map(|r| Ask {
            person: r.network_person_id,
            asked_on: r.asked_on,
            outcome: r.outcome.0,
            next_step_on: r.next_step_on.filter(|_| r.next_step.is_some()),
        })
        .collect()
}

/// The search of one child for its page: the summary and each record with its asker.
pub(crate) async fn search_view(
    app: &App,
    child: i64,
    network: &[(i64, String)],
) -> Result<NetworkSearchView> {
    let rows = kith_store::children::asks_of(app.db().conn(), &[child]).await?;
    let persons: Vec<i64> = network.iter().map(|(id, _)| *id).collect();
    let stale = stale_days(app).await?;
    let s = search_summary(&persons, &asks(&rows), stale, app.today());
    let askers: Vec<i64> = rows.iter().map(|r| r.asked_by).collect();
    let staff = crate::staff::refs(app, &askers).await?;
    let names: HashMap<i64, &str> = network.iter().map(|(i, n)| (*i, n.as_str())).collect();
    let latest: HashMap<i64, i64> = rows.iter().map(|r| (r.network_person_id, r.id)).collect();
    let mut records: Vec<NetworkAskView> = rows
        .iter()
        .map(|r| NetworkAskView {
            id: r.id,
            network_person_id: NetworkPersonId(r.network_person_id),
            person_name: names
                .get(&r.network_person_id)
                .copied()
                .unwrap_or_default()
                .to_owned(),
            asked_on: r.asked_on,
            asked_by: staff.get(&r.asked_by).cloned(),
            outcome: r.outcome.0,
            reason: r.reason.clone(),
            next_step: r.next_step.clone(),
            next_step_on: r.next_step_on,
            step_open: r.next_step.is_some() && latest.get(&r.network_person_id) == Some(&r.id),
        })
        .collect();
    records.reverse();
    Ok(NetworkSearchView {
        state: s.state,
        persons: s.persons,
        asked: s.asked,
        open_steps: s.open_steps,
        last_asked_on: s.last_asked_on,
        stale_after_days: stale,
        records,
    })
}

/// The rule's days after which a completed search is stale.
pub(crate) async fn stale_days(app: &App) -> Result<i64> {
    Ok(i64::from(
        crate::rules::in_force::matching(app)
            .await?
            .network_search_stale_days,
    ))
}

/// The summaries of several children's searches (for proposals and the dashboard), a
/// completed search older than `stale_days` told as stale.
pub async fn summaries<C: sea_orm::ConnectionTrait>(
    conn: &C,
    children: &[i64],
    (today, stale_days): (NaiveDate, i64),
) -> Result<HashMap<i64, SearchSummary>> {
    let mut persons: HashMap<i64, Vec<i64>> = HashMap::new();
    for p in kith_store::children::network_of(conn, children).await? {
        persons.entry(p.child_id).or_default().push(p.id);
    }
    let mut by_child: HashMap<i64, Vec<network_ask::Model>> = HashMap::new();
    for r in kith_store::children::asks_of(conn, children).await? {
        by_child.entry(r.child_id).or_default().push(r);
    }
    Ok(children
        .iter()
        .map(|c| {
            let rows = by_child.remove(c).unwrap_or_default();
            let ps = persons.remove(c).unwrap_or_default();
            (*c, search_summary(&ps, &asks(&rows), stale_days, today))
        })
        .collect())
}

/// Records that a person in the child's network was asked (or tried), and what came of it;
/// audited as a change of the case.
pub async fn record_network_ask(
    app: &App,
    actor: &Actor,
    id: ChildId,
    input: NetworkAskInput,
) -> Result<ChildDetail> {
    let mut p = Problems::of(&input);
    let record = AskRecord {
        asked_on: input.asked_on,
        outcome: input.outcome,
        reason: &input.reason,
        next_step: &input.next_step,
        next_step_on: input.next_step_on,
    };
    for (field, message) in check_ask(record, app.today()) {
        p.add(field, message);
    }
    p.into_result()?;
    network_person_of(app, actor, id, input.network_person_id).await?;
    let now = app.now();
    let by = actor.id.0;
    change_case(
        app,
        actor,
        id,
        AuditAction::NetworkAsk,
        "network_ask",
        |tx, c| {
            Box::pin(async move {
                let blank = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
                let (reason, step) = (blank(&input.reason), blank(&input.next_step));
                let new = kith_store::children::NewAsk {
                    child_id: c.id,
                    network_person_id: input.network_person_id.0,
                    asked_on: input.asked_on,
                    asked_by: by,
                    outcome: input.outcome,
                    reason: reason.as_deref(),
                    next_step: step.as_deref(),
                    next_step_on: input.next_step_on.filter(|_| step.is_some()),
                };
                Ok(kith_store::children::add_ask(tx, &new, now).await?)
            })
        },
    )
    .await
}

/// An open next step of a network search, on the week of the one who recorded it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NetworkStepItem {
    pub child: crate::children::view::ChildRef,
    pub person_name: String,
    pub next_step: String,
    pub next_step_on: NaiveDate,
    /// Past its day.
    pub overdue: bool,
}

impl crate::audit::ChildData for NetworkStepItem {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.child.id]
    }
}

/// The open next steps `person` recorded, the earliest first, of children the actor may read
/// (a case that has left the reader's hands is not named).
pub(crate) async fn open_steps_of(
    app: &App,
    actor: &Actor,
    person: i64,
    today: NaiveDate,
) -> Result<Vec<NetworkStepItem>> {
    let conn = app.db().conn();
    let far = today + chrono::Days::new(3650);
    let steps = kith_store::children::open_steps(conn, far, Some(person)).await?;
    if steps.is_empty() {
        return Ok(vec![]);
    }
    let scope = crate::policy::child_read_scope(actor);
    let mut children: HashMap<i64, String> = HashMap::new();
    for s in &steps {
        if children.contains_key(&s.child_id) {
            continue;
        }
        if let Some(c) = kith_store::children::get_in_scope(conn, s.child_id, &scope).await? {
            children.insert(c.id, c.name);
        }
    }
    let ids: Vec<i64> = children.keys().copied().collect();
    let names: HashMap<i64, String> = kith_store::children::network_of(conn, &ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(steps
        .into_iter()
        .filter_map(|s| {
            let child = children.get(&s.child_id)?;
            let on = s.next_step_on?;
            Some(NetworkStepItem {
                child: crate::children::view::ChildRef {
                    id: ChildId(s.child_id),
                    name: child.clone(),
                },
                person_name: names.get(&s.network_person_id).cloned().unwrap_or_default(),
                next_step: s.next_step.unwrap_or_default(),
                next_step_on: on,
                overdue: on < today,
            })
        })
        .collect())
}
