//! The placement options: 120 foster families of three kinds, the children's homes of
//! `names::INSTITUTIONS`, and up to 30 network families, each approved for one child of its
//! network.

use chrono::Days;
use kith_domain::{
    AgeRange, Approval, ApprovalAuthority, ApprovalStatus, Coordinates, InstitutionForm,
    NetworkApprovalStatus, Place, PlacementKind, TargetArea, age_on,
};
use kith_store::ConnectionTrait;
use kith_store::children::NetworkPersonFields;
use kith_store::options::OptionFields;
use rand::Rng;

use crate::children::DemoChild;
use crate::names;
use crate::random::{competences_for, person_name, pick, place_in_town};
use crate::seeder::Seeder;
use crate::staff::Staff;
use kith_app::{AppError, Result};

/// An option as the placements need it: what it takes and how full it is.
pub(crate) struct DemoOption {
    pub id: i64,
    pub name: String,
    pub kind: PlacementKind,
    pub places: u32,
    pub taken: u32,
    pub ages: AgeRange,
    pub areas: Vec<TargetArea>,
    pub consultant: i64,
    pub network_child: Option<i64>,
}

/// Creates every option.
pub(crate) async fn seed<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    staff: &Staff,
    children: &mut [DemoChild],
) -> Result<Vec<DemoOption>> {
    let mut options = Vec::new();
    let kinds = std::iter::repeat_n(PlacementKind::GeneralFosterFamily, 60)
        .chain(std::iter::repeat_n(
            PlacementKind::ReinforcedFosterFamily,
            40,
        ))
        .chain(std::iter::repeat_n(
            PlacementKind::SpecialisedFosterFamily,
            20,
        ));
    for kind in kinds {
        options.push(foster_family(s, kind, &staff.foster_consultants).await?);
    }
    for (i, name) in names::INSTITUTIONS.iter().enumerate() {
        options.push(institution(s, i, name, &staff.inst_consultants).await?);
    }
    // Network families: concretely approved for one child each, from its network.
    let mut network_families = 0;
    for c in children.iter_mut() {
        if network_families == 30 {
            break;
        }
        if let Some(o) = network_family(s, c, &staff.foster_consultants).await? {
            options.push(o);
            network_families += 1;
        }
    }
    Ok(options)
}

/// A general approval by the social supervision, mostly active.
fn approval<C>(s: &mut Seeder<'_, C>) -> Approval {
    let approved_on = s.today - Days::new(s.rng.gen_range(60..1800));
    let status = match s.rng.gen_range(0..100) {
        0..4 => ApprovalStatus::Suspended,
        4..7 => ApprovalStatus::Expired,
        _ => ApprovalStatus::Active,
    };
    Approval {
        authority: ApprovalAuthority::SocialSupervision,
        approved_on: Some(approved_on),
        valid_until: Some(s.today + Days::new(s.rng.gen_range(90..1100))),
        status,
    }
}

async fn foster_family<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    kind: PlacementKind,
    consultants: &[i64],
) -> Result<DemoOption> {
    let (adult, surname) = person_name(&mut s.rng);
    let place = place_in_town(&mut s.rng);
    let min: i64 = s.rng.gen_range(0..8);
    let ages =
        AgeRange::new(min, (min + s.rng.gen_range(6..12)).min(17)).expect("valid demo range");
    let mut areas = vec![TargetArea::General];
    let chance = if kind == PlacementKind::GeneralFosterFamily {
        0.25
    } else {
        0.5
    };
    for a in [
        TargetArea::SocialPsychiatric,
        TargetArea::Disability,
        TargetArea::UnaccompaniedRefugee,
    ] {
        if s.rng.gen_bool(chance) {
            areas.push(a);
        }
    }
    let places = match kind {
        PlacementKind::GeneralFosterFamily => s.rng.gen_range(1..=3),
        _ => s.rng.gen_range(1..=2),
    };
    let consultant = *pick(&mut s.rng, consultants);
    let fields = OptionFields {
        kind,
        institution_form: None,
        name: format!(
            "Plejefamilien {surname} ({})",
            adult.split(' ').next().unwrap_or("")
        ),
        address: place.address.clone(),
        coordinates: place.coordinates,
        approval: approval(s),
        approved_places: places,
        age_range: ages,
        target_areas: areas.clone(),
        languages: if s.rng.gen_bool(0.1) {
            vec!["da".into(), "ar".into()]
        } else {
            vec!["da".into()]
        },
        culture_religion: if s.rng.gen_bool(0.08) {
            "Muslimsk".into()
        } else {
            String::new()
        },
        wheelchair_access: s.rng.gen_bool(0.1),
        day_rate_dkk: None,
        responsible_consultant_id: Some(consultant),
        network_child_id: None,
    };
    let id = insert(s, &fields).await?;
    if s.rng.gen_bool(0.8) {
        let when = s.now - chrono::Duration::days(s.rng.gen_range(0..150));
        kith_store::options::confirm_capacity(s.conn, id, consultant, when).await?;
    }
    Ok(DemoOption {
        id,
        name: fields.name.clone(),
        kind,
        places,
        taken: 0,
        ages,
        areas,
        consultant,
        network_child: None,
    })
}

/// The option and its drawn competences.
async fn insert<C: ConnectionTrait>(s: &mut Seeder<'_, C>, fields: &OptionFields) -> Result<i64> {
    let id = kith_store::options::insert(s.conn, fields, s.now).await?;
    let competences = competences_for(&mut s.rng, fields.kind);
    kith_store::options::replace_competences(s.conn, id, &competences).await?;
    Ok(id)
}

async fn institution<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    i: usize,
    name: &str,
    consultants: &[i64],
) -> Result<DemoOption> {
    let place = place_in_town(&mut s.rng);
    let form = if name.contains("sikrede") {
        InstitutionForm::SecureUnit
    } else if name.contains("Opholdssted") {
        InstitutionForm::ResidentialHome
    } else {
        InstitutionForm::ResidentialInstitution
    };
    let ages = match i % 3 {
        0 => AgeRange::new(12, 17),
        1 => AgeRange::new(6, 17),
        _ => AgeRange::new(0, 12),
    }
    .expect("valid demo range");
    let first = [
        TargetArea::SocialPsychiatric,
        TargetArea::Disability,
        TargetArea::General,
    ];
    let mut areas = vec![*pick(&mut s.rng, &first)];
    if s.rng.gen_bool(0.5) {
        areas.push(TargetArea::SocialPsychiatric);
    }
    if i.is_multiple_of(5) {
        areas.push(TargetArea::UnaccompaniedRefugee);
    }
    areas.sort();
    areas.dedup();
    let places = s.rng.gen_range(4..=12);
    let consultant = *pick(&mut s.rng, consultants);
    let fields = OptionFields {
        kind: PlacementKind::ChildrensHome,
        institution_form: Some(form),
        name: name.into(),
        address: place.address.clone(),
        coordinates: place.coordinates,
        approval: approval(s),
        approved_places: places,
        age_range: ages,
        target_areas: areas.clone(),
        languages: vec!["da".into(), "en".into()],
        culture_religion: String::new(),
        wheelchair_access: s.rng.gen_bool(0.3),
        day_rate_dkk: Some(s.rng.gen_range(25..70) * 100),
        responsible_consultant_id: Some(consultant),
        network_child_id: None,
    };
    let id = insert(s, &fields).await?;
    let when = s.now - chrono::Duration::days(s.rng.gen_range(0..60));
    kith_store::options::confirm_capacity(s.conn, id, consultant, when).await?;
    Ok(DemoOption {
        id,
        name: fields.name.clone(),
        kind: PlacementKind::ChildrensHome,
        places,
        taken: 0,
        ages,
        areas,
        consultant,
        network_child: None,
    })
}

/// A network family for a child with a network: its nearest person, approved by the
/// municipality (where that person was still in assessment, the demo has them approved).
async fn network_family<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    c: &mut DemoChild,
    consultants: &[i64],
) -> Result<Option<DemoOption>> {
    let Some(&(pid, status, relation)) = c.network.first() else {
        return Ok(None);
    };
    if status != NetworkApprovalStatus::Approved {
        approve_network_person(s, pid).await?;
        c.network[0].1 = NetworkApprovalStatus::Approved;
    }
    let age = age_on(c.birth, s.today) as i64;
    let place = place_in_town(&mut s.rng);
    let consultant = *pick(&mut s.rng, consultants);
    let ages = AgeRange::new((age - 1).max(0), (age + 6).min(17)).expect("valid demo range");
    let fields = OptionFields {
        kind: PlacementKind::NetworkFosterFamily,
        institution_form: None,
        name: format!("Netværksfamilien {} ({relation})", c.surname),
        address: place.address.clone(),
        coordinates: place.coordinates,
        approval: Approval {
            authority: ApprovalAuthority::Municipality,
            approved_on: Some(s.today - Days::new(s.rng.gen_range(20..400))),
            valid_until: None,
            status: ApprovalStatus::Active,
        },
        approved_places: 1,
        age_range: ages,
        target_areas: vec![c.area],
        languages: vec!["da".into()],
        culture_religion: String::new(),
        wheelchair_access: false,
        day_rate_dkk: None,
        responsible_consultant_id: Some(consultant),
        network_child_id: Some(c.id),
    };
    let id = insert(s, &fields).await?;
    Ok(Some(DemoOption {
        id,
        name: fields.name.clone(),
        kind: PlacementKind::NetworkFosterFamily,
        places: 1,
        taken: 0,
        ages,
        areas: vec![c.area],
        consultant,
        network_child: Some(c.id),
    }))
}

async fn approve_network_person<C: ConnectionTrait>(s: &Seeder<'_, C>, pid: i64) -> Result<()> {
    let row = kith_store::children::network_person(s.conn, pid)
        .await?
        .ok_or(AppError::NotFound("network person"))?;
    let coordinates = row
        .lat
        .zip(row.lon)
        .and_then(|(lat, lon)| Coordinates::new(lat, lon).ok());
    let fields = NetworkPersonFields {
        place: row.address.clone().map(|address| Place {
            address,
            coordinates,
        }),
        name: row.name,
        relation: row.relation,
        approval_status: NetworkApprovalStatus::Approved,
    };
    kith_store::children::update_network_person(s.conn, pid, &fields).await?;
    Ok(())
}
