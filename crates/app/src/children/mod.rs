//! Children's cases: list, read, register, change, the needs profile, the network, siblings,
//! unsuitable options and the CPR number.
//!
//! Every function passes the access policy first and the audit trail last (reads) or inside
//! its transaction (changes).

mod build;
pub(crate) mod cpr;
pub mod input;
mod links;
mod network;
mod network_search;
mod stability;
pub mod view;

use kith_domain::{
    ChildId, Cpr, NeedCode, NeedLevel, Role, TargetArea, UserId, age::MAX_AGE, age_on,
};
use kith_store::StoreError;
use kith_store::children::{ChildFields, ChildFilter, ChildOrder, SealedCpr};
use kith_store::entities::child;
use kith_store::scope::ChildScope;
use serde::Deserialize;

pub use input::*;
pub use links::*;
pub use network::*;
pub use network_search::*;
pub use stability::*;
pub use view::*;

use crate::audit::{self, AuditAction};
use crate::paging::{List, Pager};
use crate::validate::Problems;
use crate::{Actor, App, AppError, PageParams, Paged, Result, policy};

/// Filters for the children list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct ChildListParams {
    /// Only this adviser's caseload.
    pub case_adviser_id: Option<UserId>,
    pub target_area: Option<TargetArea>,
    /// Only children waiting for (true) or not waiting for (false) a placement.
    pub placement_requested: Option<bool>,
    /// `name` (the default); `waiting`: the waiting children only, who has waited longest
    /// first; or `age`: the oldest first.
    pub sort: Option<ChildSort>,
    /// How many items (1-200, default 50).
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The orders of the children list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChildSort {
    Name,
    Waiting,
    /// The oldest first: teenagers are the hardest to place and wait longest.
    Age,
}

/// The children the actor may see, by name (or the waiting ones by how long they have
/// waited), one page at a time.
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &ChildListParams,
) -> Result<Paged<ChildSummary>> {
    let (list, order) = match filter.sort {
        Some(ChildSort::Waiting) => (List::WaitingChildren, ChildOrder::LongestWaiting),
        Some(ChildSort::Age) => (List::ChildrenByAge, ChildOrder::Oldest),
        Some(ChildSort::Name) | None => (List::Children, ChildOrder::Name),
    };
    let pager = Pager::new(app, actor, list);
    let request = pager.request(&PageParams::new(filter.limit, filter.cursor.clone()))?;
    let scope = policy::child_read_scope(actor);
    policy::require_some(&scope, "children's cases")?;
    let page = kith_store::children::list(
        app.db().conn(),
        &scope,
        &ChildFilter {
            case_adviser_id: filter.case_adviser_id.map(|u| u.0),
            target_area: filter.target_area,
            placement_requested: filter.placement_requested,
            order,
        },
        request,
    )
    .await?;
    let paged = pager.try_page(page, |row| build::summary(app, row))?;
    audit::read(app, actor, AuditAction::ChildList, paged).await
}

/// Loads a child the actor may read (for other use cases that start from a child).
pub(crate) async fn readable(app: &App, actor: &Actor, id: ChildId) -> Result<child::Model> {
    let scope = policy::child_read_scope(actor);
    gate(app, actor, id, &scope, AuditAction::ReadDenied).await
}

/// Loads a child inside `scope`: 403 if the scope reaches nothing, 404 if the child does not
/// exist or is outside it (a refused attempt on an existing child is audited).
async fn gate(
    app: &App,
    actor: &Actor,
    id: ChildId,
    scope: &ChildScope,
    denied: AuditAction,
) -> Result<child::Model> {
    policy::require_some(scope, "children's cases")?;
    if let Some(c) = kith_store::children::get_in_scope(app.db().conn(), id.0, scope).await? {
        return Ok(c);
    }
    // Audited whether or not the case exists: the same work either way, so neither the answer
    // nor its time says whether an id out of reach is a case (and probing is on the record).
    audit::denied(app, actor, denied, id).await?;
    Err(AppError::NotFound("child"))
}

/// One child's whole case, with what the reader may do with it. Audited as a read.
pub async fn get(app: &App, actor: &Actor, id: ChildId) -> Result<ChildDetail> {
    let detail = case_of(app, actor, id).await?;
    audit::read(app, actor, AuditAction::ChildRead, detail).await
}

/// The case as it stands after `actor` changed it: the answer to a change. The change's own
/// audit row, written in its transaction, records this access, so no second (read) row is
/// written: a database that fails right after the commit (a full disk, a restart) cannot
/// turn a change that happened into an error the user would retry, duplicating it.
async fn after_change(app: &App, actor: &Actor, id: ChildId) -> Result<ChildDetail> {
    case_of(app, actor, id).await
}

/// The open agreements of the current placements among `placements`, the earliest due first.
async fn open_agreements(
    app: &App,
    placements: &[view::PlacementBrief],
) -> Result<Vec<crate::wheel::views::FollowUpView>> {
    let mut out = Vec::new();
    for p in placements.iter().filter(|p| p.status.takes_a_place()) {
        let rows = kith_store::visits::open_follow_ups(app.db().conn(), p.id.0).await?;
        out.extend(rows.into_iter().map(crate::wheel::views::follow_up_view));
    }
    out.sort_by_key(|a| (a.due_on, a.id.0));
    Ok(out)
}

/// The case and the reader's permissions on it, read without an audit row of its own.
async fn case_of(app: &App, actor: &Actor, id: ChildId) -> Result<ChildDetail> {
    let c = readable(app, actor, id).await?;
    let mut detail = build::detail(app, c).await?;
    let reaches = async |scope: ChildScope| -> Result<bool> {
        Ok(!scope.is_empty()
            && kith_store::children::get_in_scope(app.db().conn(), id.0, &scope)
                .await?
                .is_some())
    };
    detail.permissions = ChildPermissions {
        change: reaches(policy::child_change_scope(actor)).await?,
        change_profile: reaches(policy::child_profile_scope(actor)).await?,
        reveal_cpr: reaches(policy::cpr_reveal_scope(actor)).await?,
    };
    if reaches(policy::follow_up_child_scope(actor)).await? {
        detail.agreements = open_agreements(app, &detail.placements).await?;
    }
    Ok(detail)
}

/// The child's full CPR number, for those the policy allows (the case adviser and leaders
/// over them). Always audited.
pub async fn reveal_cpr(app: &App, actor: &Actor, id: ChildId) -> Result<CprView> {
    let scope = policy::cpr_reveal_scope(actor);
    if scope.is_empty() {
        return Err(AppError::forbidden(
            "only the case adviser may see the full CPR number",
        ));
    }
    let c = gate(app, actor, id, &scope, AuditAction::ReadDenied).await?;
    let cpr = match &c.cpr_encrypted {
        Some(sealed) => Some(
            app.vault()
                .open(sealed)
                .map_err(AppError::internal)?
                .expose(),
        ),
        None => None,
    };
    audit::read(
        app,
        actor,
        AuditAction::CprReveal,
        CprView { child_id: id, cpr },
    )
    .await
}

/// Finds a child by exact CPR number, within what the actor may read.
pub async fn lookup_by_cpr(
    app: &App,
    actor: &Actor,
    input: CprLookupInput,
) -> Result<ChildSummary> {
    let scope = policy::child_read_scope(actor);
    policy::require_some(&scope, "children's cases")?;
    let hash = app.vault().lookup_hash(&input.cpr);
    let Some(id) = kith_store::children::find_by_cpr_hash(app.db().conn(), &hash).await? else {
        // A number that matches nobody is a check of the register too.
        audit::event(
            app.db().conn(),
            app,
            Some(actor.id),
            AuditAction::CprCheck,
            "cpr_check",
            None,
            Some("result=free".into()),
        )
        .await?;
        return Err(AppError::NotFound("child"));
    };
    gate(app, actor, ChildId(id), &scope, AuditAction::ReadDenied).await?;
    let row = kith_store::children::list_row(app.db().conn(), id)
        .await?
        .ok_or(AppError::NotFound("child"))?;
    let summary = build::summary(app, row)?;
    audit::read(app, actor, AuditAction::CprLookup, summary).await
}

/// Checks needs against the vocabulary: known, active, each once.
async fn check_needs(app: &App, needs: &[NeedLevelInput], p: &mut Problems) -> Result<()> {
    let active = kith_store::needs::active_codes(app.db().conn()).await?;
    let mut seen = Vec::new();
    for (i, n) in needs.iter().enumerate() {
        if !active.iter().any(|c| c == n.code.as_str()) {
            p.add(
                format!("needs[{i}].code"),
                kith_domain::Message::new("problem.unknown_need_code")
                    .text("code", n.code.as_str()),
            );
        } else if seen.contains(&n.code) {
            p.add(format!("needs[{i}].code"), "problem.listed_twice");
        }
        seen.push(n.code.clone());
    }
    Ok(())
}

fn need_pairs(needs: &[NeedLevelInput]) -> Vec<(NeedCode, NeedLevel)> {
    needs.iter().map(|n| (n.code.clone(), n.level)).collect()
}

/// Checks everything about a case input that needs more than its shape.
pub(crate) async fn check_case(app: &App, input: &ChildInput, adviser: UserId) -> Result<()> {
    let mut p = Problems::of(input);
    let today = app.today();
    if input.birth_date > today {
        p.add("birth_date", "problem.not_future");
    } else if age_on(input.birth_date, today) > u32::from(MAX_AGE) {
        p.add(
            "birth_date",
            kith_domain::Message::new("problem.max_age").int("max", i64::from(MAX_AGE)),
        );
    }
    if let Some(cpr) = &input.cpr
        && cpr.birth_date() != input.birth_date
    {
        p.add("cpr", "problem.cpr_birth_date");
    }
    if input.placement_requested_on.is_some_and(|d| d > today) {
        p.add("placement_requested_on", "problem.not_future");
    }
    check_needs(app, &input.needs, &mut p).await?;
    let adviser_ok = kith_store::users::get(app.db().conn(), adviser.0)
        .await?
        .is_some_and(|u| u.user.active && u.roles.contains(&Role::Adviser));
    if !adviser_ok {
        p.add("case_adviser_id", "problem.not_adviser");
    }
    p.into_result()
}

fn fields(input: &ChildInput, adviser: UserId) -> ChildFields {
    ChildFields {
        name: input.name.trim().to_owned(),
        birth_date: input.birth_date,
        case_adviser_id: adviser.0,
        target_area: input.target_area,
        support_level: input.support_level,
        needs_wheelchair_access: input.needs_wheelchair_access,
        languages: input.languages.clone(),
        culture_religion_wishes: input.culture_religion_wishes.trim().to_owned(),
        school: input.school.clone().map(PlaceInput::into_place),
        parents_home: input.parents_home.clone().map(PlaceInput::into_place),
        own_wishes: input.own_wishes.trim().to_owned(),
        placement_requested_on: input.placement_requested_on,
    }
}

fn seal(app: &App, cpr: &Option<Cpr>) -> Option<SealedCpr> {
    cpr.as_ref().map(|c| SealedCpr {
        encrypted: app.vault().seal(c),
        lookup_hash: app.vault().lookup_hash(c),
    })
}

/// A CPR number taken between the check and the write (two registrations at once): the
/// neutral refusal, since the other case may be one the actor cannot see.
fn cpr_taken(e: StoreError) -> AppError {
    match e {
        StoreError::Duplicate { .. } => cpr::hidden_refusal(),
        other => other.into(),
    }
}

/// Refuses a CPR number already registered in another case: named when the actor can read
/// that case, neutrally when not (see `cpr`).
async fn check_cpr_free(
    app: &App,
    actor: &Actor,
    cpr: Option<&Cpr>,
    except: Option<ChildId>,
) -> Result<()> {
    let Some(cpr) = cpr else {
        return Ok(());
    };
    // A new child registers the number; changing a child's number is a probe like any other.
    let registers = except.is_none();
    match cpr::check(app, actor, &[(cpr, except)], registers)
        .await?
        .pop()
        .flatten()
    {
        None => Ok(()),
        Some(cpr::Clash::Visible(_)) => Err(AppError::conflict("cpr", "problem.cpr_taken")),
        Some(cpr::Clash::Hidden) => Err(cpr::hidden_refusal()),
    }
}

/// A leader names a case adviser of their own units: a case registered for someone they do
/// not lead would be written and then out of their sight.
async fn check_adviser_in_reach(app: &App, actor: &Actor, adviser: UserId) -> Result<()> {
    if adviser == actor.id {
        return Ok(());
    }
    let units = kith_store::users::get(app.db().conn(), adviser.0)
        .await?
        .map(|u| u.unit_ids)
        .unwrap_or_default();
    if actor.has(Role::Leader) && units.iter().any(|u| actor.unit_ids().contains(u)) {
        Ok(())
    } else {
        Err(AppError::invalid(
            "case_adviser_id",
            "problem.adviser_in_unit",
        ))
    }
}

/// Registers a child. An adviser becomes its case adviser; a leader names one.
pub async fn create(app: &App, actor: &Actor, input: ChildInput) -> Result<ChildDetail> {
    if !policy::may_create_child(actor) {
        return Err(AppError::forbidden(
            "only advisers and leaders register children",
        ));
    }
    let adviser = match input.case_adviser_id {
        Some(a) if a != actor.id && !actor.has(Role::Leader) => {
            return Err(AppError::forbidden(
                "only a leader may assign another adviser",
            ));
        }
        Some(a) => a,
        None if actor.has(Role::Adviser) => actor.id,
        None => {
            return Err(AppError::invalid("case_adviser_id", "problem.name_adviser"));
        }
    };
    check_case(app, &input, adviser).await?;
    check_adviser_in_reach(app, actor, adviser).await?;
    check_cpr_free(app, actor, input.cpr.as_ref(), None).await?;
    let tx = app.db().begin_write().await?;
    let id = kith_store::children::insert(
        &tx,
        &fields(&input, adviser),
        seal(app, &input.cpr).as_ref(),
        app.now(),
    )
    .await
    .map_err(cpr_taken)?;
    kith_store::children::replace_needs(&tx, id, &need_pairs(&input.needs)).await?;
    audit::by(app, actor)
        .changed(&tx, AuditAction::ChildCreate, ChildId(id), ("child", id))
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    after_change(app, actor, ChildId(id)).await
}

/// Replaces a child's case. Only a leader may hand the case to another adviser.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: ChildId,
    input: ChildInput,
) -> Result<ChildDetail> {
    let c = change_gate(app, actor, id).await?;
    let adviser = match input.case_adviser_id {
        Some(a) if a.0 != c.case_adviser_id && !actor.has(Role::Leader) => {
            return Err(AppError::forbidden(
                "only a leader may hand a case to another adviser",
            ));
        }
        Some(a) => a,
        None => UserId(c.case_adviser_id),
    };
    check_case(app, &input, adviser).await?;
    if adviser.0 != c.case_adviser_id {
        check_adviser_in_reach(app, actor, adviser).await?;
    }
    let new_cpr = input
        .cpr
        .as_ref()
        .filter(|cpr| c.cpr_hash.as_deref() != Some(app.vault().lookup_hash(cpr).as_str()));
    check_cpr_free(app, actor, new_cpr, Some(id)).await?;
    if input.cpr.is_none()
        && let Some(sealed) = &c.cpr_encrypted
    {
        let stored = app.vault().open(sealed).map_err(AppError::internal)?;
        if stored.birth_date() != input.birth_date {
            return Err(AppError::invalid("birth_date", "problem.cpr_mismatch"));
        }
    }
    let tx = app.db().begin_write().await?;
    kith_store::children::update(
        &tx,
        id.0,
        &fields(&input, adviser),
        seal(app, &input.cpr).as_ref(),
        app.now(),
    )
    .await
    .map_err(cpr_taken)?;
    kith_store::children::replace_needs(&tx, id.0, &need_pairs(&input.needs)).await?;
    let new_school = input.school.as_ref().map(|s| s.address.as_str());
    if kith_domain::stability_facts::changes_school(c.school_address.as_deref(), new_school) {
        kith_store::children::record_school_change(&tx, id.0, app.today(), actor.id.0, app.now())
            .await?;
    }
    if adviser.0 != c.case_adviser_id {
        kith_store::placements::change_adviser_of_child(
            &tx,
            id.0,
            adviser.0,
            app.today(),
            actor.id.0,
            app.now(),
        )
        .await?;
    }
    audit::by(app, actor)
        .changed(&tx, AuditAction::ChildUpdate, id, ("child", id.0))
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    after_change(app, actor, id).await
}

/// Replaces the needs profile (target area, support level, needs, wheelchair access): the
/// match unit's part of the case.
pub async fn update_profile(
    app: &App,
    actor: &Actor,
    id: ChildId,
    input: ProfileInput,
) -> Result<ChildDetail> {
    let scope = policy::child_profile_scope(actor);
    gate(app, actor, id, &scope, AuditAction::ChangeDenied).await?;
    let mut p = Problems::default();
    check_needs(app, &input.needs, &mut p).await?;
    p.into_result()?;
    let tx = app.db().begin_write().await?;
    kith_store::children::update_profile(
        &tx,
        id.0,
        input.target_area,
        input.support_level,
        input.needs_wheelchair_access,
        app.now(),
    )
    .await?;
    kith_store::children::replace_needs(&tx, id.0, &need_pairs(&input.needs)).await?;
    audit::by(app, actor)
        .changed(&tx, AuditAction::ChildProfileUpdate, id, ("child", id.0))
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    after_change(app, actor, id).await
}

/// Runs `change` in a write transaction after the change gate, auditing it with the id of the
/// row it changed, and answers with the case as it stands after the change.
async fn change_case<F>(
    app: &App,
    actor: &Actor,
    id: ChildId,
    action: AuditAction,
    entity: &'static str,
    change: F,
) -> Result<ChildDetail>
where
    F: for<'c> FnOnce(
        &'c kith_store::DatabaseTransaction,
        child::Model,
    ) -> std::pin::Pin<Box<dyn Future<Output = Result<i64>> + Send + 'c>>,
{
    let c = change_gate(app, actor, id).await?;
    let tx = app.db().begin_write().await?;
    let entity_id = change(&tx, c).await?;
    audit::by(app, actor)
        .changed(&tx, action, id, (entity, entity_id))
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    after_change(app, actor, id).await
}

/// The gate for a change of the case: the child must be in the actor's reach to change.
async fn change_gate(app: &App, actor: &Actor, id: ChildId) -> Result<child::Model> {
    let scope = policy::child_change_scope(actor);
    gate(app, actor, id, &scope, AuditAction::ChangeDenied).await
}
