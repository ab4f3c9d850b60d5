//! Placement options: list, read, register, change, confirm capacity.
//!
//! `free_places` is always computed (approved places − current placements), never stored, so
//! it cannot drift.

pub mod input;
pub mod view;

use kith_domain::{
    Approval, ApprovalAuthority, ChildId, Coordinates, NeedCode, PlacementKind, PlacementOptionId,
    Role, TargetArea, UserId, free_places,
};
use kith_store::StoreError;
use kith_store::entities::placement_option;
use kith_store::options::{OptionFields, OptionFilter, OptionListRow, OptionOrder};
use kith_store::scope::OptionScope;
use serde::Deserialize;

pub use input::*;
pub use view::*;

use crate::paging::{List, Pager};
use crate::staff::{StaffRef, refs};
use crate::validate::Problems;
use crate::{Actor, App, AppError, PageParams, Paged, Result, policy};

/// Filters for the options list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct OptionListParams {
    pub kind: Option<PlacementKind>,
    pub target_area: Option<TargetArea>,
    /// Only options with at least this many free places.
    pub min_free_places: Option<u32>,
    pub responsible_consultant_id: Option<UserId>,
    /// `name` (the default) or `free_places`: the most free places first.
    pub sort: Option<OptionSort>,
    /// How many items (1-200, default 50).
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The orders of the options list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OptionSort {
    Name,
    /// The most free places first: where a child can go now.
    FreePlaces,
}

fn approval_of(o: &placement_option::Model) -> Result<Approval> {
    Ok(Approval {
        authority: o.approval_authority.0,
        approved_on: o.approved_on,
        valid_until: o.approval_valid_until,
        status: o.approval_status.0,
    })
}

fn age_range(min: i16, max: i16) -> Result<kith_domain::AgeRange> {
    kith_domain::AgeRange::new(i64::from(min), i64::from(max)).map_err(AppError::corrupt)
}

fn places(approved: i32) -> u32 {
    u32::try_from(approved).unwrap_or(0)
}

/// The options the actor may see, by name (or the most free places first), one page at a
/// time.
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &OptionListParams,
) -> Result<Paged<OptionSummary>> {
    let (list, order) = match filter.sort {
        Some(OptionSort::FreePlaces) => (List::OptionsByFreePlaces, OptionOrder::MostFree),
        _ => (List::Options, OptionOrder::Name),
    };
    let pager = Pager::new(app, actor, list);
    let request = pager.request(&PageParams::new(filter.limit, filter.cursor.clone()))?;
    let scope = policy::option_read_scope(actor);
    policy::require_some(&scope, "placement options")?;
    let page = kith_store::options::list(
        app.db().conn(),
        &scope,
        &OptionFilter {
            kind: filter.kind,
            target_area: filter.target_area,
            min_free_places: filter.min_free_places,
            responsible_consultant_id: filter.responsible_consultant_id.map(|u| u.0),
            order,
        },
        request,
    )
    .await?;
    pager.try_page(page, summary)
}

/// The summary of a list row (consultant's name and places taken read in the same statement).
pub(crate) fn summary(o: OptionListRow) -> Result<OptionSummary> {
    Ok(OptionSummary {
        id: PlacementOptionId(o.id),
        kind: o.kind.0,
        approval: Approval {
            authority: o.approval_authority.0,
            approved_on: o.approved_on,
            valid_until: o.approval_valid_until,
            status: o.approval_status.0,
        },
        approved_places: places(o.approved_places),
        free_places: free_places(
            places(o.approved_places),
            u32::try_from(o.places_taken).unwrap_or(u32::MAX),
        ),
        age_range: age_range(o.age_min, o.age_max)?,
        target_areas: o.target_areas.0.clone(),
        responsible_consultant: o.responsible_consultant_id.map(|id| StaffRef {
            id: UserId(id),
            name: o.responsible_consultant_name.unwrap_or_default(),
        }),
        capacity_confirmed_at: o.capacity_confirmed_at,
        name: o.name,
        address: o.address,
    })
}

async fn gate(
    app: &App,
    id: PlacementOptionId,
    scope: &OptionScope,
) -> Result<placement_option::Model> {
    policy::require_some(scope, "placement options")?;
    kith_store::options::get_in_scope(app.db().conn(), id.0, scope)
        .await?
        .ok_or(AppError::NotFound("placement option"))
}

async fn detail(app: &App, o: placement_option::Model) -> Result<OptionDetail> {
    let conn = app.db().conn();
    let words = crate::needs::words(app).await?;
    let mut competences = kith_store::options::competences_of(conn, &[o.id])
        .await?
        .into_iter()
        .map(|c| {
            let code = NeedCode::parse(&c.need_code).map_err(AppError::corrupt)?;
            Ok(CompetenceView {
                label: words.both(&code),
                code,
                max_level: c.max_level.0,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    competences.sort_by(|a, b| b.max_level.cmp(&a.max_level).then(a.code.cmp(&b.code)));
    let taken = kith_store::options::places_taken(conn, &[o.id])
        .await?
        .get(&o.id)
        .copied()
        .unwrap_or(0);
    let staff = refs(
        app,
        &[o.responsible_consultant_id, o.capacity_confirmed_by]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
    )
    .await?;
    let staff_ref =
        |id: Option<i64>| -> Option<StaffRef> { id.and_then(|i| staff.get(&i).cloned()) };
    Ok(OptionDetail {
        id: PlacementOptionId(o.id),
        kind: o.kind.0,
        institution_form: o.institution_form.map(|f| f.0),
        approval: approval_of(&o)?,
        approved_places: places(o.approved_places),
        places_taken: taken,
        free_places: free_places(places(o.approved_places), taken),
        age_range: age_range(o.age_min, o.age_max)?,
        target_areas: o.target_areas.0.clone(),
        competences,
        coordinates: match (o.lat, o.lon) {
            (Some(lat), Some(lon)) => Coordinates::new(lat, lon).ok(),
            _ => None,
        },
        languages: o.languages.0,
        culture_religion: o.culture_religion,
        wheelchair_access: o.wheelchair_access,
        day_rate_dkk: o.day_rate_dkk.and_then(|d| u32::try_from(d).ok()),
        responsible_consultant: staff_ref(o.responsible_consultant_id),
        capacity_confirmed_at: o.capacity_confirmed_at,
        capacity_confirmed_by: staff_ref(o.capacity_confirmed_by),
        network_child_id: o.network_child_id.map(ChildId),
        household: {
            let mut h = o.household.map(|h| h.0).unwrap_or_default();
            h.sort_by_key(|c| c.born_on);
            h
        },
        household_confirmed_on: o.household_confirmed_on,
        can_change: false,
        created_at: o.created_at,
        updated_at: o.updated_at,
        name: o.name,
        address: o.address,
    })
}

/// One option's whole record.
pub async fn get(app: &App, actor: &Actor, id: PlacementOptionId) -> Result<OptionDetail> {
    let o = gate(app, id, &policy::option_read_scope(actor)).await?;
    let mut d = detail(app, o).await?;
    let change = policy::option_change_scope(actor);
    d.can_change = !change.is_empty()
        && kith_store::options::get_in_scope(app.db().conn(), id.0, &change)
            .await?
            .is_some();
    Ok(d)
}

/// Checks an option input beyond its shape.
pub(crate) async fn check_option(app: &App, input: &OptionInput) -> Result<()> {
    let mut p = Problems::of(input);
    let is_home = input.kind == PlacementKind::ChildrensHome;
    if input.institution_form.is_some() && !is_home {
        p.add("institution_form", "problem.institution_form_homes");
    }
    if let (Some(from), Some(until)) = (input.approval.approved_on, input.approval.valid_until)
        && until < from
    {
        p.add("approval.valid_until", "problem.before_approved_on");
    }
    match (input.kind.is_network(), input.network_child_id) {
        (true, None) => p.add("network_child_id", "problem.network_one_child"),
        (false, Some(_)) => p.add("network_child_id", "problem.network_only_child"),
        (true, Some(child)) => {
            if !kith_store::children::exists(app.db().conn(), child.0).await? {
                p.add("network_child_id", "problem.no_such_child");
            }
            if input.approval.authority == ApprovalAuthority::SocialSupervision {
                p.add("approval.authority", "problem.network_municipality");
            }
        }
        (false, None) => {}
    }
    let active = kith_store::needs::active_codes(app.db().conn()).await?;
    let mut seen = Vec::new();
    for (i, c) in input.competences.iter().enumerate() {
        if !active.iter().any(|a| a == c.code.as_str()) {
            p.add(
                format!("competences[{i}].code"),
                kith_domain::Message::new("problem.unknown_need_code")
                    .text("code", c.code.as_str()),
            );
        } else if seen.contains(&c.code) {
            p.add(format!("competences[{i}].code"), "problem.listed_twice");
        }
        seen.push(c.code.clone());
    }
    if let Some(c) = input.responsible_consultant_id {
        let ok = kith_store::users::get(app.db().conn(), c.0)
            .await?
            .is_some_and(|u| u.user.active && u.roles.contains(&Role::Consultant));
        if !ok {
            p.add("responsible_consultant_id", "problem.not_consultant");
        }
    }
    p.into_result()
}

fn fields(input: &OptionInput, consultant: Option<UserId>) -> OptionFields {
    let mut target_areas = input.target_areas.clone();
    target_areas.sort();
    target_areas.dedup();
    OptionFields {
        kind: input.kind,
        institution_form: input.institution_form,
        name: input.name.trim().to_owned(),
        address: input.address.trim().to_owned(),
        coordinates: input.coordinates,
        approval: input.approval.clone(),
        approved_places: input.approved_places,
        age_range: input.age_range,
        target_areas,
        languages: input.languages.clone(),
        culture_religion: input.culture_religion.trim().to_owned(),
        wheelchair_access: input.wheelchair_access,
        day_rate_dkk: input.day_rate_dkk,
        responsible_consultant_id: consultant.map(|u| u.0),
        network_child_id: input.network_child_id.map(|c| c.0),
    }
}

fn competences(input: &OptionInput) -> Vec<(NeedCode, kith_domain::NeedLevel)> {
    input
        .competences
        .iter()
        .map(|c| (c.code.clone(), c.max_level))
        .collect()
}

/// Registers an option. A consultant who registers it becomes responsible unless another
/// consultant is named.
pub async fn create(app: &App, actor: &Actor, input: OptionInput) -> Result<OptionDetail> {
    if !policy::may_create_option(actor) {
        return Err(AppError::forbidden(
            "only consultants and leaders register placement options",
        ));
    }
    let consultant = input
        .responsible_consultant_id
        .or_else(|| actor.has(Role::Consultant).then_some(actor.id));
    check_option(app, &input).await?;
    let tx = app.db().begin_write().await?;
    let id = kith_store::options::insert(&tx, &fields(&input, consultant), app.now()).await?;
    kith_store::options::replace_competences(&tx, id, &competences(&input)).await?;
    tx.commit().await.map_err(StoreError::from)?;
    // A consultant may register an option for a colleague and then not reach it: return the
    // record once regardless.
    get_unscoped(app, PlacementOptionId(id)).await
}

async fn get_unscoped(app: &App, id: PlacementOptionId) -> Result<OptionDetail> {
    let o = kith_store::options::get(app.db().conn(), id.0)
        .await?
        .ok_or(AppError::NotFound("placement option"))?;
    detail(app, o).await
}

/// Replaces an option's record.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: PlacementOptionId,
    input: OptionInput,
) -> Result<OptionDetail> {
    gate(app, id, &policy::option_change_scope(actor)).await?;
    check_option(app, &input).await?;
    let tx = app.db().begin_write().await?;
    kith_store::options::update(
        &tx,
        id.0,
        &fields(&input, input.responsible_consultant_id),
        app.now(),
    )
    .await?;
    kith_store::options::replace_competences(&tx, id.0, &competences(&input)).await?;
    tx.commit().await.map_err(StoreError::from)?;
    // The change may have handed the option to another consultant: return the record once.
    let mut d = get_unscoped(app, id).await?;
    d.can_change = kith_store::options::get_in_scope(
        app.db().conn(),
        id.0,
        &policy::option_change_scope(actor),
    )
    .await?
    .is_some();
    Ok(d)
}

/// The children in a family's home that Kith did not place (`PUT
/// /api/v1/placement-options/{id}/household`): replaces the record and confirms it today.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdInput {
    /// Each child by birth date and who they are (`own_child`, `placed_by_others`); empty: no
    /// other children live there.
    #[schema(value_type = Vec<Object>)]
    pub children: Vec<kith_domain::stability_facts::HouseholdChild>,
}

/// Records the children in a family's home as the family has just confirmed them: matching
/// weighs them for its stability flags and shows the day.
pub async fn set_household(
    app: &App,
    actor: &Actor,
    id: PlacementOptionId,
    input: HouseholdInput,
) -> Result<OptionDetail> {
    gate(app, id, &policy::option_change_scope(actor)).await?;
    let mut p = crate::validate::Problems::default();
    for (field, message) in
        kith_domain::stability_facts::check_household(&input.children, app.today())
    {
        p.add(field, message);
    }
    p.into_result()?;
    let tx = app.db().begin_write().await?;
    kith_store::options::set_household(
        &tx,
        id.0,
        input.children,
        actor.id.0,
        app.now(),
        app.today(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    get(app, actor, id).await
}

/// Records that the actor has just confirmed the option's free places with the family or
/// institution.
pub async fn confirm_capacity(
    app: &App,
    actor: &Actor,
    id: PlacementOptionId,
) -> Result<OptionDetail> {
    gate(app, id, &policy::option_change_scope(actor)).await?;
    kith_store::options::confirm_capacity(app.db().conn(), id.0, actor.id.0, app.now()).await?;
    get(app, actor, id).await
}
