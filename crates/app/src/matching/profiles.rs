//! Loading what matching needs from the database: children as profiles, options as profiles
//! with their free places and track record.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kith_domain::matching::{ChildProfile, KnownOption, MatchUnit, OptionProfile};
use kith_domain::{
    AgeRange, Approval, ChildId, Coordinates, NeedCode, PlacementKind, PlacementOptionId,
    PlacementStatus, free_places,
};
use kith_store::entities::{child, placement_option};
use serde::Serialize;

use crate::{App, AppError, Result};

/// The kinds of care the child broke down in: in Kith, and recorded from before Kith.
fn breakdowns_in(
    mut in_kith: Vec<PlacementKind>,
    before: Option<&kith_store::stability_json::EarlierPlacements>,
) -> Vec<PlacementKind> {
    for e in before.map(|b| b.0.as_slice()).unwrap_or_default() {
        if e.breakdown && !in_kith.contains(&e.kind) {
            in_kith.push(e.kind);
        }
    }
    in_kith
}

fn coords(lat: Option<f64>, lon: Option<f64>) -> Option<Coordinates> {
    lat.zip(lon).and_then(|(a, o)| Coordinates::new(a, o).ok())
}

/// Profiles of the given children, in the order given.
pub(crate) async fn children(app: &App, rows: &[child::Model]) -> Result<Vec<ChildProfile>> {
    let conn = app.db().conn();
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let needs = kith_store::children::needs_of(conn, &ids).await?;
    let known = kith_store::children::known_of(conn, &ids).await?;
    let unsuitable = kith_store::children::unsuitable_of_many(conn, &ids).await?;
    let network = kith_store::children::network_of(conn, &ids).await?;
    let broke_down = kith_store::placements::breakdown_kinds_of_children(conn, &ids).await?;
    // Who follows each child's current placement up: a move to another consultant's family
    // is a change of the adult who knows the child.
    let consultants: HashMap<i64, i64> = kith_store::placements::of_children(conn, &ids)
        .await?
        .into_iter()
        .filter(|p| p.status.takes_a_place())
        .filter_map(|p| Some((p.child_id, p.consultant_id?)))
        .collect();
    // Where each sibling of these children lives now: (sibling group, sibling, option).
    let groups: Vec<i64> = rows.iter().filter_map(|c| c.sibling_group_id).collect();
    let siblings = kith_store::children::in_sibling_groups(conn, &groups).await?;
    let sibling_ids: Vec<i64> = siblings.iter().map(|c| c.id).collect();
    let current: Vec<&str> = PlacementStatus::ALL
        .iter()
        .filter(|s| s.takes_a_place())
        .map(|s| s.as_str())
        .collect();
    let sibling_homes: Vec<(i64, i64, i64)> =
        kith_store::placements::of_children(conn, &sibling_ids)
            .await?
            .into_iter()
            .filter(|p| current.contains(&p.status.as_str()))
            .filter_map(|p| {
                let group = siblings
                    .iter()
                    .find(|s| s.id == p.child_id)?
                    .sibling_group_id?;
                Some((group, p.child_id, p.option_id))
            })
            .collect();
    rows.iter()
        .map(|c| {
            Ok(ChildProfile {
                id: ChildId(c.id),
                birth_date: c.birth_date,
                target_area: c.target_area.0,
                support_level: c.support_level.0,
                needs: needs
                    .iter()
                    .filter(|n| n.child_id == c.id)
                    .map(|n| {
                        Ok((
                            NeedCode::parse(&n.need_code).map_err(AppError::corrupt)?,
                            n.level.0,
                        ))
                    })
                    .collect::<Result<Vec<_>>>()?,
                needs_wheelchair_access: c.needs_wheelchair_access,
                languages: c.languages.0.clone(),
                culture_religion_wishes: c.culture_religion_wishes.clone(),
                school_recorded: c.school_address.is_some(),
                school: coords(c.school_lat, c.school_lon),
                parents_home: coords(c.parents_lat, c.parents_lon),
                network_places: network
                    .iter()
                    .filter(|n| n.child_id == c.id)
                    .filter_map(|n| coords(n.lat, n.lon))
                    .collect(),
                known_options: known
                    .iter()
                    .filter(|k| k.child_id == c.id)
                    .map(|k| KnownOption {
                        option_id: PlacementOptionId(k.option_id),
                        how: k.how.clone(),
                    })
                    .collect(),
                unsuitable: unsuitable
                    .iter()
                    .filter(|u| u.child_id == c.id)
                    .map(|u| (PlacementOptionId(u.option_id), u.reason.clone()))
                    .collect(),
                has_siblings: c.sibling_group_id.is_some(),
                siblings_placed_in: sibling_homes
                    .iter()
                    .filter(|(group, child, _)| {
                        Some(*group) == c.sibling_group_id && *child != c.id
                    })
                    .map(|(_, _, option)| PlacementOptionId(*option))
                    .collect(),
                breakdowns_in: breakdowns_in(
                    broke_down.get(&c.id).cloned().unwrap_or_default(),
                    c.earlier_placements.as_ref(),
                ),
                consent_child: c.consent_child.map(|s| s.0),
                consent_parents: c.consent_parents.map(|s| s.0),
                current_consultant: consultants.get(&c.id).map(|u| kith_domain::UserId(*u)),
            })
        })
        .collect()
}

/// The units to match for a child: the whole sibling group when `together`, else the child
/// alone (a split when it has siblings). Siblings are loaded regardless of who may read them:
/// they are part of this child's matching, and their reads are audited with it.
pub(crate) async fn units_for(
    app: &App,
    child: &child::Model,
    together: bool,
) -> Result<(Vec<MatchUnit>, Vec<child::Model>)> {
    let group = match child.sibling_group_id {
        Some(g) => kith_store::children::in_sibling_groups(app.db().conn(), &[g]).await?,
        None => vec![child.clone()],
    };
    // Siblings who already live somewhere are not placed again: the unit is this child and
    // the siblings who wait too. Where the others live counts in the siblings criterion.
    let placed: Vec<i64> = kith_store::placements::of_children(
        app.db().conn(),
        &group.iter().map(|c| c.id).collect::<Vec<_>>(),
    )
    .await?
    .into_iter()
    .filter(|p| p.status.takes_a_place())
    .map(|p| p.child_id)
    .collect();
    let rows: Vec<child::Model> = group
        .into_iter()
        .filter(|c| {
            c.id == child.id || (c.placement_requested_on.is_some() && !placed.contains(&c.id))
        })
        .collect();
    let profiles = children(app, &rows).await?;
    let units = if together || rows.len() == 1 {
        vec![MatchUnit {
            children: profiles,
            together: true,
        }]
    } else {
        profiles
            .into_iter()
            .map(|p| MatchUnit {
                children: vec![p],
                together: false,
            })
            .collect()
    };
    Ok((units, rows))
}

/// An option as shown next to its score or exclusion.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OptionBrief {
    pub id: PlacementOptionId,
    pub name: String,
    pub kind: PlacementKind,
    /// A children's home's form (a secure unit is named on its card).
    pub institution_form: Option<kith_domain::InstitutionForm>,
    pub address: String,
    pub free_places: u32,
    pub approved_places: u32,
    pub capacity_confirmed_at: Option<DateTime<Utc>>,
    /// When the family last confirmed the children in its home (the stability flags weigh
    /// them); none for a family that never did.
    pub household_confirmed_on: Option<chrono::NaiveDate>,
}

/// Every option as a profile, and its brief for display.
pub(crate) type Catalog = (Vec<OptionProfile>, HashMap<PlacementOptionId, OptionBrief>);

/// The option profiles kept in memory with the database version they were read at. Loading
/// 10,000 options with their competences takes far longer than ranking them; a one-row
/// version query per request tells whether anything changed, on this instance or another.
#[derive(Debug, Default)]
pub struct OptionsCache(tokio::sync::RwLock<Option<(String, std::sync::Arc<Catalog>)>>);

/// Every option as a matching profile, with its brief for display (from memory when nothing
/// changed since it was read).
pub(crate) async fn options(app: &App) -> Result<std::sync::Arc<Catalog>> {
    let version = kith_store::options::catalog_version(app.db().conn()).await?;
    if let Some((v, catalog)) = app.options_cache().0.read().await.as_ref()
        && *v == version
    {
        return Ok(catalog.clone());
    }
    let catalog = std::sync::Arc::new(load_options(app).await?);
    *app.options_cache().0.write().await = Some((version, catalog.clone()));
    Ok(catalog)
}

async fn load_options(app: &App) -> Result<Catalog> {
    let conn = app.db().conn();
    let rows = kith_store::options::all_with_competences(conn).await?;
    let taken = kith_store::placements::places_taken_by_option(conn).await?;
    let breakdowns = kith_store::placements::breakdowns_by_option(conn).await?;
    let mut households = kith_store::placements::households_by_option(conn).await?;
    let mut profiles = Vec::with_capacity(rows.len());
    let mut briefs = HashMap::with_capacity(rows.len());
    for (o, comps) in rows {
        let approved = u32::try_from(o.approved_places).unwrap_or(0);
        let free = free_places(approved, taken.get(&o.id).copied().unwrap_or(0));
        let mut profile = profile(
            &o,
            &comps,
            free,
            breakdowns.get(&o.id).copied().unwrap_or(0),
        )?;
        profile.household = households
            .remove(&o.id)
            .unwrap_or_default()
            .into_iter()
            .map(|(child, born)| (Some(ChildId(child)), born))
            .chain(
                o.household
                    .iter()
                    .flat_map(|h| h.0.iter().map(|c| (None, c.born_on))),
            )
            .collect();
        briefs.insert(
            profile.id,
            OptionBrief {
                id: profile.id,
                name: o.name.clone(),
                kind: profile.kind,
                institution_form: o.institution_form.map(|f| f.0),
                address: o.address.clone(),
                free_places: free,
                approved_places: approved,
                capacity_confirmed_at: o.capacity_confirmed_at,
                household_confirmed_on: o.household_confirmed_on,
            },
        );
        profiles.push(profile);
    }
    Ok((profiles, briefs))
}

fn profile(
    o: &placement_option::Model,
    comps: &[kith_store::entities::option_competence::Model],
    free: u32,
    breakdowns: u32,
) -> Result<OptionProfile> {
    Ok(OptionProfile {
        id: PlacementOptionId(o.id),
        kind: o.kind.0,
        institution_form: o.institution_form.map(|f| f.0),
        approval: Approval {
            authority: o.approval_authority.0,
            approved_on: o.approved_on,
            valid_until: o.approval_valid_until,
            status: o.approval_status.0,
        },
        free_places: free,
        age_range: AgeRange::new(i64::from(o.age_min), i64::from(o.age_max))
            .map_err(AppError::corrupt)?,
        target_areas: o.target_areas.0.clone(),
        competences: comps
            .iter()
            .map(|c| {
                Ok((
                    NeedCode::parse(&c.need_code).map_err(AppError::corrupt)?,
                    c.max_level.0,
                ))
            })
            .collect::<Result<_>>()?,
        languages: o.languages.0.clone(),
        culture_religion: o.culture_religion.clone(),
        wheelchair_access: o.wheelchair_access,
        day_rate_dkk: o.day_rate_dkk.and_then(|d| u32::try_from(d).ok()),
        coordinates: coords(o.lat, o.lon),
        network_child_id: o.network_child_id.map(ChildId),
        breakdowns,
        capacity_confirmed_on: o
            .capacity_confirmed_at
            .map(|t| t.with_timezone(&crate::TIME_ZONE).date_naive()),
        household: Vec::new(),
        responsible_consultant: o.responsible_consultant_id.map(kith_domain::UserId),
    })
}
