//! About 300 children: drawn by target area and level of need, some in sibling groups of two
//! or three, and about 40 % with a network of relatives and close adults.

use chrono::{Days, NaiveDate};
use kith_domain::{
    Coordinates, NeedCode, NeedLevel, NetworkApprovalStatus, Place, TargetArea, age_on,
};
use kith_store::audit::AuditEntry;
use kith_store::children::{ChildFields, NetworkPersonFields, SealedCpr};
use kith_store::{ConnectionTrait, CprVault, StoreError};
use rand::Rng;

use crate::names;
use crate::random::{demo_cpr, needs_for, pick, place_in_town};
use crate::seeder::Seeder;
use kith_app::Result;

/// A child as the rest of the demo needs it.
pub(crate) struct DemoChild {
    pub id: i64,
    pub birth: NaiveDate,
    pub area: TargetArea,
    pub level: NeedLevel,
    pub adviser: i64,
    pub surname: &'static str,
    /// Waiting for the match unit.
    pub requested: bool,
    /// (network person, approval, relation)
    pub network: Vec<(i64, NetworkApprovalStatus, &'static str)>,
}

/// The children and how many sibling groups they form.
pub(crate) struct Children {
    pub all: Vec<DemoChild>,
    pub sibling_groups: usize,
}

const WISHES: [&str; 7] = [
    "Vil gerne blive på sin skole",
    "Ønsker at bo tæt på mormor",
    "Vil gerne have et dyr i familien",
    "Vil gerne bo sammen med sine søskende",
    "Ønsker at spille fodbold i sin klub",
    "Vil gerne se sin mor hver uge",
    "",
];

/// Creates the children, their siblings and their networks.
pub(crate) async fn seed<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    vault: &CprVault,
    advisers: &[i64],
) -> Result<Children> {
    let mut children = Children {
        all: Vec::new(),
        sibling_groups: 0,
    };
    while children.all.len() < 300 {
        let group = family(s, vault, advisers).await?;
        let members: Vec<i64> = group.iter().map(|c| c.id).collect();
        if members.len() > 1 {
            link_siblings(s, &members).await?;
            children.sibling_groups += 1;
        }
        children.all.extend(group);
    }
    for c in children.all.iter_mut() {
        network(s, c).await?;
    }
    Ok(children)
}

/// One child, or a group of siblings with the same area, level, surname and adviser.
async fn family<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    vault: &CprVault,
    advisers: &[i64],
) -> Result<Vec<DemoChild>> {
    let area = match s.rng.gen_range(0..100) {
        0..45 => TargetArea::General,
        45..75 => TargetArea::SocialPsychiatric,
        75..87 => TargetArea::Disability,
        _ => TargetArea::UnaccompaniedRefugee,
    };
    let level = match s.rng.gen_range(0..100) {
        0..30 => NeedLevel::Light,
        30..75 => NeedLevel::Moderate,
        _ => NeedLevel::Severe,
    };
    let surname = *pick(&mut s.rng, names::SURNAMES);
    let home = place_in_town(&mut s.rng);
    let adviser = *pick(&mut s.rng, advisers);
    let siblings = if area != TargetArea::UnaccompaniedRefugee && s.rng.gen_bool(0.12) {
        s.rng.gen_range(1..=2)
    } else {
        0
    };
    let mut group = Vec::new();
    for _ in 0..=siblings {
        let mut child = DemoChild {
            id: 0,
            birth: s.today,
            area,
            level,
            adviser,
            surname,
            requested: false,
            network: vec![],
        };
        let (fields, needs, cpr) = draw_child(s, &child, &home);
        let sealed = cpr.as_ref().map(|c| SealedCpr {
            encrypted: vault.seal(c),
            lookup_hash: vault.lookup_hash(c),
        });
        child.id = match kith_store::children::insert(s.conn, &fields, sealed.as_ref(), s.now).await
        {
            Ok(id) => id,
            // Two invented children drew the same CPR number: keep the first, skip this one.
            Err(StoreError::Duplicate { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        child.birth = fields.birth_date;
        kith_store::children::replace_needs(s.conn, child.id, &needs).await?;
        s.audit.push(AuditEntry {
            actor_id: None,
            action: "child.create".into(),
            entity: "child",
            entity_id: Some(child.id),
            child_id: Some(child.id),
            detail: None,
        });
        group.push(child);
    }
    Ok(group)
}

/// The drawn facts of one child: its fields, its needs and its CPR number.
fn draw_child<C>(
    s: &mut Seeder<'_, C>,
    c: &DemoChild,
    home: &Place,
) -> (
    ChildFields,
    Vec<(NeedCode, NeedLevel)>,
    Option<kith_domain::Cpr>,
) {
    let area = c.area;
    let refugee = area == TargetArea::UnaccompaniedRefugee;
    let age_years: u64 = if refugee {
        s.rng.gen_range(12..18)
    } else {
        s.rng.gen_range(0..18)
    };
    let birth = s.today - Days::new(age_years * 365 + s.rng.gen_range(0..365));
    let age = age_on(birth, s.today);
    let boy = s.rng.gen_bool(0.5);
    let first = if boy {
        pick(&mut s.rng, names::BOYS)
    } else {
        pick(&mut s.rng, names::GIRLS)
    };
    let needs = needs_for(&mut s.rng, area, age, c.level);
    let languages: Vec<String> = if refugee {
        vec![pick(&mut s.rng, &["ar", "so", "ti", "fa", "ps", "uk"]).to_string()]
    } else if s.rng.gen_bool(0.1) {
        let second = pick(&mut s.rng, &["ar", "tr", "pl", "en"]);
        vec!["da".into(), second.to_string()]
    } else {
        vec!["da".into()]
    };
    let school = (age >= 6).then(|| {
        let (name, lat, lon) = *pick(&mut s.rng, names::SCHOOLS);
        Place {
            address: format!("{name}, Roskilde"),
            coordinates: Coordinates::new(lat, lon).ok(),
        }
    });
    let cpr = demo_cpr(&mut s.rng, birth, boy);
    let fields = ChildFields {
        name: format!("{first} {}", c.surname),
        birth_date: birth,
        case_adviser_id: c.adviser,
        target_area: area,
        support_level: c.level,
        needs_wheelchair_access: needs
            .iter()
            .any(|(c, l)| c.as_str() == "physical_disability" && *l == NeedLevel::Severe),
        languages,
        culture_religion_wishes: if refugee && s.rng.gen_bool(0.6) {
            "Muslimsk; halal kost".into()
        } else {
            String::new()
        },
        school,
        parents_home: (!refugee).then(|| home.clone()),
        own_wishes: pick(&mut s.rng, &WISHES).to_string(),
        placement_requested_on: None,
    };
    (fields, needs, cpr)
}

/// Links each sibling to the next (the store joins their groups).
async fn link_siblings<C: ConnectionTrait>(s: &Seeder<'_, C>, members: &[i64]) -> Result<()> {
    for pair in members.windows(2) {
        let fresh = kith_store::children::get_many(s.conn, pair).await?;
        kith_store::children::link_siblings(s.conn, &fresh[0], &fresh[1], s.now).await?;
    }
    Ok(())
}

/// Relatives and close adults for about 40 % of the children (none for unaccompanied
/// refugees).
async fn network<C: ConnectionTrait>(s: &mut Seeder<'_, C>, c: &mut DemoChild) -> Result<()> {
    if c.area == TargetArea::UnaccompaniedRefugee || !s.rng.gen_bool(0.4) {
        return Ok(());
    }
    for _ in 0..s.rng.gen_range(1..=2) {
        let relation = *pick(&mut s.rng, names::RELATIONS);
        let status = match s.rng.gen_range(0..100) {
            0..55 => NetworkApprovalStatus::None,
            55..75 => NetworkApprovalStatus::InAssessment,
            75..95 => NetworkApprovalStatus::Approved,
            _ => NetworkApprovalStatus::Refused,
        };
        let surname = if s.rng.gen_bool(0.6) {
            c.surname
        } else {
            *pick(&mut s.rng, names::SURNAMES)
        };
        let person = NetworkPersonFields {
            name: format!("{} {surname}", pick(&mut s.rng, names::ADULTS)),
            relation: relation.into(),
            place: Some(place_in_town(&mut s.rng)),
            approval_status: status,
        };
        let pid = kith_store::children::add_network_person(s.conn, c.id, &person, s.now).await?;
        c.network.push((pid, status, relation));
    }
    Ok(())
}
