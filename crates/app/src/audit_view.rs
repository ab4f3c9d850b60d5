//! The audit trail for those who must review access (OWASP ASVS 4.0 7.1, 7.2; GDPR art. 32):
//! who read or changed which child's data, and every privileged change.
//!
//! - The data-protection auditor (`auditor`) sees every entry; a leader sees everything done to
//!   the children they may read and what the members of their units did that is about no
//!   child (never a member's entry about a case out of the leader's reach). Nobody else sees
//!   the trail: administrators change things, so they do not review them.
//! - An entry shows ids and codes (the child by id, never a name or case text), and the name
//!   of the staff member who acted.
//! - Reading the trail, and exporting it, is itself a privileged event in the trail.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use kith_domain::{ChildId, Role, UserId};
use kith_store::audit::{AuditFilter, AuditScope};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction};
use crate::paging::{List, Pager};
use crate::transfer::sheet::Audience;
use crate::transfer::sheet::Sheet;
use crate::transfer::{ExportFile, ExportFormat};
use crate::{Actor, App, AppError, PageParams, Paged, Result, TIME_ZONE, policy};

/// The most entries an export holds (a narrower filter gets the rest).
pub const MAX_EXPORT_ROWS: u64 = 50_000;

/// Which kind of entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Reads and changes of children's data (and refused attempts).
    ChildData,
    /// Privileged changes and security events: users, roles, units, rules, tokens,
    /// passwords, sessions, logins, CPR numbers revealed, the trail read.
    Privileged,
}

/// The filter of the audit view (`GET /api/v1/audit`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only what this staff member did.
    pub actor: Option<UserId>,
    /// Only entries about this child.
    pub child: Option<ChildId>,
    /// From this day (Copenhagen), default 30 days before `to`.
    pub from: Option<NaiveDate>,
    /// To this day, included (default: today); at most ten years after `from`.
    pub to: Option<NaiveDate>,
    /// Only one kind of entry.
    #[param(inline)]
    pub kind: Option<EntryKind>,
    /// Only this action (a code such as `child.read` or `user.access_change`).
    pub action: Option<String>,
    /// How many items (1-200, default 50).
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// One entry as a reviewer sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditEntryView {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Who acted (`None`: the system, a job or the command line).
    pub actor: Option<UserId>,
    pub actor_name: Option<String>,
    pub action: String,
    pub privileged: bool,
    /// What it was done to: a table's name and the row's id.
    pub entity: String,
    pub entity_id: Option<i64>,
    /// The child whose data it was, by id only.
    pub child: Option<ChildId>,
    /// Codes saying what a privileged change changed.
    pub detail: Option<String>,
}

/// Whose entries the actor may review: everything for an auditor, their units for a leader;
/// nobody else (403).
fn scope_of(actor: &Actor) -> Result<AuditScope> {
    if actor.has(Role::Auditor) {
        return Ok(AuditScope::All);
    }
    if actor.has(Role::Leader) && !actor.units.is_empty() {
        return Ok(AuditScope::Units {
            units: actor.unit_ids(),
            children: policy::child_read_scope(actor),
        });
    }
    Err(AppError::forbidden(
        "the audit trail is for leaders and the data-protection auditor",
    ))
}

/// The filter in the store's terms, checked: a known action, a period of at most ten years.
fn filter_of(app: &App, p: &AuditParams) -> Result<AuditFilter> {
    let to = p.to.unwrap_or_else(|| app.today());
    let from = p.from.unwrap_or(to - Days::new(30));
    crate::validate::period(from, to)?;
    let known = AuditAction::ALL;
    let actions = match (&p.action, p.kind) {
        (Some(code), _) => {
            let a = known
                .iter()
                .find(|a| a.as_str() == code)
                .ok_or_else(|| AppError::invalid("action", "problem.not_audit_action"))?;
            Some(vec![a.as_str().to_owned()])
        }
        (None, Some(kind)) => Some(
            known
                .iter()
                .filter(|a| a.is_privileged() == (kind == EntryKind::Privileged))
                .map(|a| a.as_str().to_owned())
                .collect(),
        ),
        (None, None) => None,
    };
    let start_of = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(TIME_ZONE).earliest())
            .map(|t| t.with_timezone(&Utc))
    };
    Ok(AuditFilter {
        actor_id: p.actor.map(|a| a.0),
        child_id: p.child.map(|c| c.0),
        from: start_of(from),
        to: start_of(to + Days::new(1)),
        actions,
    })
}

/// A description of a filter for the trail's own entry: ids and codes.
fn filter_detail(p: &AuditParams) -> String {
    let mut parts = Vec::new();
    if let Some(a) = p.actor {
        parts.push(format!("actor={}", a.0));
    }
    if let Some(c) = p.child {
        parts.push(format!("child={}", c.0));
    }
    if let Some(f) = p.from {
        parts.push(format!("from={f}"));
    }
    if let Some(t) = p.to {
        parts.push(format!("to={t}"));
    }
    if let Some(a) = &p.action {
        parts.push(format!("action={a}"));
    }
    parts.join(";")
}

async fn views(
    app: &App,
    rows: Vec<kith_store::entities::audit_log::Model>,
) -> Result<Vec<AuditEntryView>> {
    let mut ids: Vec<i64> = rows.iter().filter_map(|r| r.actor_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i64, String> = kith_store::users::names(app.db().conn(), &ids)
        .await?
        .into_iter()
        .collect();
    let privileged: Vec<&'static str> = AuditAction::ALL
        .to_vec()
        .into_iter()
        .filter(|a| a.is_privileged())
        .map(AuditAction::as_str)
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| AuditEntryView {
            id: r.id,
            at: r.at,
            actor: r.actor_id.map(UserId),
            actor_name: r.actor_id.and_then(|a| names.get(&a).cloned()),
            privileged: privileged.contains(&r.action.as_str()),
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            child: r.child_id.map(ChildId),
            detail: r.detail,
        })
        .collect())
}

/// A page of the trail, newest first. Reading it is recorded in it.
pub async fn list(app: &App, actor: &Actor, params: &AuditParams) -> Result<Paged<AuditEntryView>> {
    let scope = scope_of(actor)?;
    let filter = filter_of(app, params)?;
    let pager = Pager::new(app, actor, List::Audit);
    let request = pager.request(&PageParams::new(params.limit, params.cursor.clone()))?;
    let page = kith_store::audit::search(app.db().conn(), &scope, &filter, request).await?;
    let next = page.next_after.clone();
    let items = views(app, page.items).await?;
    read_recorded(app, actor, filter_detail(params)).await?;
    Ok(pager.page(
        kith_store::Page {
            items,
            next_after: next,
        },
        |v| v,
    ))
}

/// The reading of the trail itself recorded in it, with the filter that was used.
async fn read_recorded(app: &App, actor: &Actor, filter: String) -> Result<()> {
    let (action, entity) = (AuditAction::AuditRead, "audit_log");
    let conn = app.db().conn();
    audit::event(
        conn,
        app,
        Some(actor.id),
        action,
        entity,
        None,
        Some(filter),
    )
    .await
}

/// The trail under a filter as a file (at most [`MAX_EXPORT_ROWS`] entries, newest first),
/// for the reviewer's own records. Recorded in the trail.
pub async fn export(
    app: &App,
    actor: &Actor,
    params: &AuditParams,
    format: ExportFormat,
) -> Result<ExportFile> {
    let scope = scope_of(actor)?;
    let filter = filter_of(app, params)?;
    let page = kith_store::audit::search(
        app.db().conn(),
        &scope,
        &filter,
        kith_store::PageRequest::first(MAX_EXPORT_ROWS),
    )
    .await?;
    let items = views(app, page.items).await?;
    read_recorded(app, actor, format!("export;{}", filter_detail(params))).await?;
    let mut sheet = Sheet::new(
        "audit",
        &[
            "id",
            "at",
            "actor_id",
            "actor_name",
            "action",
            "privileged",
            "entity",
            "entity_id",
            "child_id",
            "detail",
        ],
    );
    for v in items {
        sheet.push(vec![
            v.id.into(),
            v.at.with_timezone(&TIME_ZONE)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
                .into(),
            v.actor.map(|a| a.0).into(),
            v.actor_name.into(),
            v.action.into(),
            v.privileged.into(),
            v.entity.into(),
            v.entity_id.into(),
            v.child.map(|c| c.0).into(),
            v.detail.into(),
        ]);
    }
    ExportFile::of(&sheet, "audit", format, app.today(), Audience::Codes)
}

/// Whether the actor may open the audit view (the menu shows it only then).
pub fn may_review(actor: &Actor) -> bool {
    scope_of(actor).is_ok()
}

/// The action codes, for the filter's choices.
pub fn action_codes() -> Vec<(&'static str, bool)> {
    AuditAction::ALL
        .to_vec()
        .into_iter()
        .map(|a| (a.as_str(), a.is_privileged()))
        .collect()
}
