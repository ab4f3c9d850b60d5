//! Building child views from stored rows.

use std::collections::HashMap;

use kith_domain::{
    ChildId, Coordinates, NeedCode, NetworkPersonId, Place, PlacementId, PlacementOptionId,
    SiblingGroupId, age_on,
};
use kith_store::children::ChildListRow;
use kith_store::entities::child;

use super::view::*;
use crate::staff::{StaffRef, refs};
use crate::{App, AppError, Result};

/// A place from stored columns; coordinates only when both are present and valid.
pub(crate) fn place(address: Option<String>, lat: Option<f64>, lon: Option<f64>) -> Option<Place> {
    address.map(|address| Place {
        address,
        coordinates: match (lat, lon) {
            (Some(lat), Some(lon)) => Coordinates::new(lat, lon).ok(),
            _ => None,
        },
    })
}

fn adviser_ref(advisers: &HashMap<i64, StaffRef>, id: i64) -> StaffRef {
    advisers.get(&id).cloned().unwrap_or(StaffRef {
        id: kith_domain::UserId(id),
        name: String::new(),
    })
}

/// The summary of a list row (the adviser's name read in the same statement).
pub(crate) fn summary(app: &App, c: ChildListRow) -> Result<ChildSummary> {
    Ok(ChildSummary {
        id: ChildId(c.id),
        age: age_on(c.birth_date, app.today()),
        target_area: c.target_area.0,
        support_level: c.support_level.0,
        case_adviser: StaffRef {
            id: kith_domain::UserId(c.case_adviser_id),
            name: c.case_adviser_name.unwrap_or_default(),
        },
        placement_requested_on: c.placement_requested_on,
        sibling_group_id: c.sibling_group_id.map(SiblingGroupId),
        birth_date: c.birth_date,
        name: c.name,
    })
}

/// The whole case of one child.
pub(crate) async fn detail(app: &App, c: child::Model) -> Result<ChildDetail> {
    let conn = app.db().conn();
    let words = crate::needs::words(app).await?;
    let mut needs = kith_store::children::needs_of(conn, &[c.id])
        .await?
        .into_iter()
        .map(|n| {
            let code = NeedCode::parse(&n.need_code).map_err(AppError::corrupt)?;
            Ok(ChildNeedView {
                label: words.both(&code),
                code,
                level: n.level.0,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // Most severe first, then by code, so the profile reads from what matters most.
    needs.sort_by(|a, b| b.level.cmp(&a.level).then(a.code.cmp(&b.code)));

    let siblings = kith_store::children::siblings_of(conn, &c)
        .await?
        .into_iter()
        .map(|s| ChildRef {
            id: ChildId(s.id),
            name: s.name,
        })
        .collect();
    let network = kith_store::children::network_of(conn, &[c.id])
        .await?
        .into_iter()
        .map(|n| {
            Ok(NetworkPersonView {
                id: NetworkPersonId(n.id),
                name: n.name,
                relation: n.relation,
                place: place(n.address, n.lat, n.lon),
                approval_status: n.approval_status.0,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let named: Vec<(i64, String)> = network.iter().map(|n| (n.id.0, n.name.clone())).collect();
    let network_search = super::search_view(app, c.id, &named).await?;
    let unsuitable_options = kith_store::children::unsuitable_of(conn, c.id)
        .await?
        .into_iter()
        .map(|(u, name)| UnsuitableView {
            option_id: PlacementOptionId(u.option_id),
            option_name: name,
            reason: u.reason,
            recorded_at: u.recorded_at,
        })
        .collect();

    let known_rows = kith_store::children::known_of(conn, &[c.id]).await?;
    let known_names: HashMap<i64, String> = kith_store::options::get_many(
        conn,
        &known_rows.iter().map(|k| k.option_id).collect::<Vec<_>>(),
    )
    .await?
    .into_iter()
    .map(|o| (o.id, o.name))
    .collect();
    let known_options = known_rows
        .into_iter()
        .map(|k| KnownOptionView {
            option_id: PlacementOptionId(k.option_id),
            option_name: known_names.get(&k.option_id).cloned().unwrap_or_default(),
            how: k.how,
        })
        .collect();

    let placements_rows = kith_store::placements::of_children(conn, &[c.id]).await?;
    let options: HashMap<i64, kith_store::entities::placement_option::Model> =
        kith_store::options::get_many(
            conn,
            &placements_rows
                .iter()
                .map(|p| p.option_id)
                .collect::<Vec<_>>(),
        )
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut staff_ids: Vec<i64> = placements_rows
        .iter()
        .filter_map(|p| p.consultant_id)
        .collect();
    staff_ids.push(c.case_adviser_id);
    let staff = refs(app, &staff_ids).await?;
    let placements = placements_rows
        .into_iter()
        .map(|p| {
            let o = options.get(&p.option_id);
            Ok(PlacementBrief {
                id: PlacementId(p.id),
                option_id: PlacementOptionId(p.option_id),
                option_name: o.map(|o| o.name.clone()).unwrap_or_default(),
                kind: o
                    .map(|o| o.kind.0)
                    .unwrap_or(kith_domain::PlacementKind::GeneralFosterFamily),
                start_date: p.start_date,
                planned_end_date: p.planned_end_date,
                exit_goal: p.exit_goal.map(|g| g.0),
                status: p.status.0,
                end_date: p.end_date,
                consultant: p.consultant_id.and_then(|id| staff.get(&id).cloned()),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let cpr = match &c.cpr_encrypted {
        Some(sealed) => Some(
            app.vault()
                .open(sealed)
                .map_err(AppError::internal)?
                .masked(),
        ),
        None => None,
    };

    Ok(ChildDetail {
        id: ChildId(c.id),
        age: age_on(c.birth_date, app.today()),
        cpr,
        case_adviser: adviser_ref(&staff, c.case_adviser_id),
        target_area: c.target_area.0,
        support_level: c.support_level.0,
        needs,
        needs_wheelchair_access: c.needs_wheelchair_access,
        languages: c.languages.0,
        culture_religion_wishes: c.culture_religion_wishes,
        school: place(c.school_address, c.school_lat, c.school_lon),
        parents_home: place(c.parents_address, c.parents_lat, c.parents_lon),
        own_wishes: c.own_wishes,
        placement_requested_on: c.placement_requested_on,
        sibling_group_id: c.sibling_group_id.map(SiblingGroupId),
        siblings,
        network,
        network_search,
        unsuitable_options,
        known_options,
        placements,
        agreements: vec![],
        permissions: ChildPermissions::default(),
        stability: super::view::StabilityFactsView {
            consent_child: c.consent_child.map(|s| s.0),
            consent_parents: c.consent_parents.map(|s| s.0),
            earlier_placements: c.earlier_placements.map(|e| e.0).unwrap_or_default(),
        },
        created_at: c.created_at,
        updated_at: c.updated_at,
        birth_date: c.birth_date,
        name: c.name,
    })
}
