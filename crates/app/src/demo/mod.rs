//! The demo municipality: a deterministic, realistic data set for trying Kith and for the
//! browser tests and screenshots. About 300 children (some in sibling groups, some with a
//! network, some waiting for a placement), 150 foster families across the four family kinds,
//! 20 children's homes, 39 staff, and placements that respect every option's capacity.
//!
//! The data is generated from a fixed seed relative to "today", so it is the same for a given
//! day and always looks current (ages, start dates). Every demo user has the same password,
//! and to load quickly they share one argon2 hash (fine for a demo, never for real users).

mod history;
pub(crate) mod names;
mod plans;
pub mod synthetic;

use chrono::{Datelike, Days, NaiveDate};
use kith_domain::{
    AgeRange, Approval, ApprovalAuthority, ApprovalStatus, Coordinates, Cpr, Email, EndReason,
    ExitGoal, InstitutionForm, Lang, NeedCode, NeedLevel, NetworkApprovalStatus, Place,
    PlacementKind, PlacementStatus, Role, TargetArea, UnitKind, age_on,
};
use kith_store::StoreError;
use kith_store::audit::AuditEntry;
use kith_store::children::{ChildFields, NetworkPersonFields, SealedCpr};
use kith_store::options::OptionFields;
use kith_store::placements::NewPlacement;
use kith_store::users::NewUser;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::{App, AppError, Result, password};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "kith-demo-2026";

/// What the demo loader created, and how to log in.
#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    pub children: usize,
    pub sibling_groups: usize,
    pub options: usize,
    pub placements: usize,
    pub users: usize,
    /// (e-mail, role) of one login per role.
    pub logins: Vec<(String, Role)>,
    pub password: &'static str,
}

/// Whether the database holds no children and no options yet.
pub async fn is_empty(app: &App) -> Result<bool> {
    let conn = app.db().conn();
    Ok(kith_store::children::count_all(conn).await? == 0
        && kith_store::options::count_all(conn).await? == 0
        && kith_store::users::count_all(conn).await? == 0)
}

struct Staff {
    id: i64,
}

struct DemoChild {
    id: i64,
    birth: NaiveDate,
    area: TargetArea,
    level: NeedLevel,
    adviser: i64,
    surname: &'static str,
    requested: bool,
    network: Vec<(i64, NetworkApprovalStatus, &'static str)>,
}

struct DemoOption {
    id: i64,
    kind: PlacementKind,
    places: u32,
    taken: u32,
    ages: AgeRange,
    areas: Vec<TargetArea>,
    consultant: i64,
    network_child: Option<i64>,
}

pub(crate) fn pick<'a, T>(rng: &mut ChaCha8Rng, xs: &'a [T]) -> &'a T {
    xs.choose(rng).expect("non-empty list")
}

fn place_in_town(rng: &mut ChaCha8Rng) -> Place {
    let (town, zip, lat, lon) = *pick(rng, names::TOWNS);
    let street = pick(rng, names::STREETS);
    let number: u32 = rng.gen_range(1..120);
    let jitter = |r: &mut ChaCha8Rng| r.gen_range(-0.012..0.012);
    Place {
        address: format!("{street} {number}, {zip} {town}"),
        coordinates: Coordinates::new(lat + jitter(rng), lon + jitter(rng)).ok(),
    }
}

fn person_name(rng: &mut ChaCha8Rng) -> (String, &'static str) {
    let surname = *pick(rng, names::SURNAMES);
    (format!("{} {}", pick(rng, names::ADULTS), surname), surname)
}

/// A CPR number for an invented child: the real date, a seventh digit that gives the right
/// century, and a last digit that is odd for boys and even for girls.
fn demo_cpr(rng: &mut ChaCha8Rng, birth: NaiveDate, boy: bool) -> Option<Cpr> {
    let seventh = if birth.year() >= 2000 { 4 } else { 2 };
    let middle: u32 = rng.gen_range(0..100);
    let last: u32 = rng.gen_range(0..5) * 2 + u32::from(boy);
    Cpr::parse(&format!(
        "{}-{seventh}{middle:02}{last}",
        birth.format("%d%m%y")
    ))
    .ok()
}

fn needs_for(
    rng: &mut ChaCha8Rng,
    area: TargetArea,
    age: u32,
    level: NeedLevel,
) -> Vec<(NeedCode, NeedLevel)> {
    let mut pool: Vec<&str> = match area {
        TargetArea::Disability => vec![
            "intellectual_disability",
            "physical_disability",
            "autism_spectrum",
            "complex_medical_care",
            "sensory_impairment",
        ],
        TargetArea::UnaccompaniedRefugee => vec![
            "trauma",
            "language_support",
            "school_learning_support",
            "anxiety_depression_self_harm",
        ],
        TargetArea::SocialPsychiatric => vec![
            "attachment",
            "trauma",
            "externalising_behaviour",
            "anxiety_depression_self_harm",
            "adhd",
            "substance_use",
            "criminal_behaviour",
            "sexualised_behaviour",
        ],
        TargetArea::General => vec![
            "attachment",
            "school_learning_support",
            "adhd",
            "externalising_behaviour",
            "trauma",
        ],
    };
    if age <= 1 {
        pool = vec!["infant_care", "attachment"];
    }
    pool.shuffle(rng);
    let n = rng.gen_range(1..=pool.len().min(4));
    pool.into_iter()
        .take(n)
        .enumerate()
        .map(|(i, code)| {
            // The first need carries the overall level; the others are at most as severe.
            let lvl = if i == 0 {
                level
            } else {
                *pick(rng, &NeedLevel::ALL[..=(level as usize)])
            };
            (NeedCode::parse(code).expect("vocabulary code"), lvl)
        })
        .collect()
}

fn competences_for(rng: &mut ChaCha8Rng, kind: PlacementKind) -> Vec<(NeedCode, NeedLevel)> {
    let all = kith_domain::SEEDED_NEED_CODES;
    let (count, top) = match kind {
        PlacementKind::GeneralFosterFamily => (rng.gen_range(3..6), NeedLevel::Moderate),
        PlacementKind::ReinforcedFosterFamily => (rng.gen_range(4..8), NeedLevel::Severe),
        PlacementKind::SpecialisedFosterFamily => (rng.gen_range(5..9), NeedLevel::Severe),
        PlacementKind::ChildrensHome => (rng.gen_range(6..12), NeedLevel::Severe),
        _ => (rng.gen_range(2..4), NeedLevel::Moderate),
    };
    let mut codes = all.to_vec();
    codes.shuffle(rng);
    codes
        .into_iter()
        .take(count)
        .map(|c| {
            let lvl = if top == NeedLevel::Severe && rng.gen_bool(0.5) {
                NeedLevel::Severe
            } else if rng.gen_bool(0.7) {
                NeedLevel::Moderate
            } else {
                NeedLevel::Light
            };
            (NeedCode::parse(c).expect("vocabulary code"), lvl)
        })
        .collect()
}

/// Loads the demo municipality into an empty database.
pub async fn load(app: &App) -> Result<DemoSummary> {
    if !is_empty(app).await? {
        return Err(AppError::Conflict {
            field: None,
            message: "problem.demo_not_empty".into(),
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let today = app.today();
    let now = app.now();
    let hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD))
        .await
        .map_err(AppError::internal)??;
    let tx = app.db().begin_write().await?;
    let conn = &tx;

    // ---- organisation -------------------------------------------------------------------
    let unit = |name: &'static str, kind| kith_store::units::insert(conn, name, kind, now);
    let match_unit = unit("Matchenheden", UnitKind::MatchUnit).await?;
    let foster_unit = unit("Plejefamilier og netværk", UnitKind::FosterNetwork).await?;
    let inst_unit = unit("Døgn og institutioner", UnitKind::Institutions).await?;
    let north = unit("Rådgiverteam Nord", UnitKind::AdvisoryTeam).await?;
    let south = unit("Rådgiverteam Syd", UnitKind::AdvisoryTeam).await?;

    let mut users = 0usize;
    let mut add_user = async |email: String,
                              roles: &[Role],
                              units: &[i64],
                              rng: &mut ChaCha8Rng|
           -> Result<Staff> {
        let (name, _) = person_name(rng);
        let id = kith_store::users::insert(
            conn,
            &NewUser {
                email: Email::parse(&email).map_err(AppError::internal)?,
                name,
                password_hash: hash.clone(),
                locale: Lang::Da,
                active: true,
            },
            now,
        )
        .await?;
        kith_store::users::set_roles(conn, id, roles).await?;
        kith_store::users::set_units(conn, id, units).await?;
        users += 1;
        Ok(Staff { id })
    };
    let numbered = |base: &str, i: usize| {
        if i == 0 {
            format!("{base}@kith.test")
        } else {
            format!("{base}{:02}@kith.test", i + 1)
        }
    };
    add_user("admin@kith.test".into(), &[Role::Admin], &[], &mut rng).await?;
    for i in 0..2 {
        add_user(
            numbered("matcher", i),
            &[Role::Matcher],
            &[match_unit],
            &mut rng,
        )
        .await?;
    }
    add_user(
        numbered("leader", 0),
        &[Role::Leader],
        &[match_unit],
        &mut rng,
    )
    .await?;
    add_user(
        numbered("leader", 1),
        &[Role::Leader],
        &[foster_unit, inst_unit],
        &mut rng,
    )
    .await?;
    add_user(
        numbered("leader", 2),
        &[Role::Leader],
        &[north, south],
        &mut rng,
    )
    .await?;
    let mut foster_consultants = Vec::new();
    let mut inst_consultants = Vec::new();
    for i in 0..12 {
        let (u, list) = if i < 8 {
            (foster_unit, &mut foster_consultants)
        } else {
            (inst_unit, &mut inst_consultants)
        };
        list.push(
            add_user(
                numbered("consultant", i),
                &[Role::Consultant],
                &[u],
                &mut rng,
            )
            .await?
            .id,
        );
    }
    let mut advisers = Vec::new();
    for i in 0..20 {
        let team = if i < 10 { north } else { south };
        advisers.push(
            add_user(numbered("adviser", i), &[Role::Adviser], &[team], &mut rng)
                .await?
                .id,
        );
    }
    // The data-protection auditor reads the audit trail of everything and no case (a fixed
    // name: drawing one would change every name drawn after it).
    let auditor = kith_store::users::insert(
        conn,
        &NewUser {
            email: Email::parse("revisor@kith.test").map_err(AppError::internal)?,
            name: "Rita Revisor".into(),
            password_hash: hash.clone(),
            locale: Lang::Da,
            active: true,
        },
        now,
    )
    .await?;
    kith_store::users::set_roles(conn, auditor, &[Role::Auditor]).await?;
    users += 1;

    // ---- children -----------------------------------------------------------------------
    let mut children: Vec<DemoChild> = Vec::new();
    let mut audit = Vec::new();
    let mut sibling_groups = 0usize;
    let wishes = [
        "Vil gerne blive på sin skole",
        "Ønsker at bo tæt på mormor",
        "Vil gerne have et dyr i familien",
        "Vil gerne bo sammen med sine søskende",
        "Ønsker at spille fodbold i sin klub",
        "Vil gerne se sin mor hver uge",
        "",
    ];
    while children.len() < 300 {
        let area = match rng.gen_range(0..100) {
            0..45 => TargetArea::General,
            45..75 => TargetArea::SocialPsychiatric,
            75..87 => TargetArea::Disability,
            _ => TargetArea::UnaccompaniedRefugee,
        };
        let level = match rng.gen_range(0..100) {
            0..30 => NeedLevel::Light,
            30..75 => NeedLevel::Moderate,
            _ => NeedLevel::Severe,
        };
        let surname = *pick(&mut rng, names::SURNAMES);
        let home = place_in_town(&mut rng);
        let adviser = *pick(&mut rng, &advisers);
        let siblings = if area != TargetArea::UnaccompaniedRefugee && rng.gen_bool(0.12) {
            rng.gen_range(1..=2)
        } else {
            0
        };
        let mut group_members: Vec<i64> = Vec::new();
        for _ in 0..=siblings {
            let age_years: u64 = if area == TargetArea::UnaccompaniedRefugee {
                rng.gen_range(12..18)
            } else {
                rng.gen_range(0..18)
            };
            let birth = today - Days::new(age_years * 365 + rng.gen_range(0..365));
            let age = age_on(birth, today);
            let boy = rng.gen_bool(0.5);
            let first = if boy {
                pick(&mut rng, names::BOYS)
            } else {
                pick(&mut rng, names::GIRLS)
            };
            let needs = needs_for(&mut rng, area, age, level);
            let languages: Vec<String> = if area == TargetArea::UnaccompaniedRefugee {
                vec![pick(&mut rng, &["ar", "so", "ti", "fa", "ps", "uk"]).to_string()]
            } else if rng.gen_bool(0.1) {
                vec![
                    "da".into(),
                    pick(&mut rng, &["ar", "tr", "pl", "en"]).to_string(),
                ]
            } else {
                vec!["da".into()]
            };
            let school = (age >= 6).then(|| {
                let (name, lat, lon) = *pick(&mut rng, names::SCHOOLS);
                Place {
                    address: format!("{name}, Roskilde"),
                    coordinates: Coordinates::new(lat, lon).ok(),
                }
            });
            let cpr = demo_cpr(&mut rng, birth, boy);
            let sealed = cpr.as_ref().map(|c| SealedCpr {
                encrypted: app.vault().seal(c),
                lookup_hash: app.vault().lookup_hash(c),
            });
            let fields = ChildFields {
                name: format!("{first} {surname}"),
                birth_date: birth,
                case_adviser_id: adviser,
                target_area: area,
                support_level: level,
                needs_wheelchair_access: needs
                    .iter()
                    .any(|(c, l)| c.as_str() == "physical_disability" && *l == NeedLevel::Severe),
                languages,
                culture_religion_wishes: if area == TargetArea::UnaccompaniedRefugee
                    && rng.gen_bool(0.6)
                {
                    "Muslimsk; halal kost".into()
                } else {
                    String::new()
                },
                school,
                parents_home: (area != TargetArea::UnaccompaniedRefugee).then(|| home.clone()),
                own_wishes: pick(&mut rng, &wishes).to_string(),
                placement_requested_on: None,
            };
            let id = match kith_store::children::insert(conn, &fields, sealed.as_ref(), now).await {
                Ok(id) => id,
                // Two invented children drew the same CPR number: keep the first, skip this one.
                Err(StoreError::Duplicate { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            kith_store::children::replace_needs(conn, id, &needs).await?;
            audit.push(AuditEntry {
                actor_id: None,
                action: "child.create".into(),
                entity: "child",
                entity_id: Some(id),
                child_id: Some(id),
                detail: None,
            });
            group_members.push(id);
            children.push(DemoChild {
                id,
                birth,
                area,
                level,
                adviser,
                surname,
                requested: false,
                network: vec![],
            });
        }
        if group_members.len() > 1 {
            let rows = kith_store::children::get_many(conn, &group_members).await?;
            for pair in rows.windows(2) {
                let fresh = kith_store::children::get_many(conn, &[pair[0].id, pair[1].id]).await?;
                kith_store::children::link_siblings(conn, &fresh[0], &fresh[1], now).await?;
            }
            sibling_groups += 1;
        }
    }

    // Network: relatives and close adults for about 40% of the children.
    for c in children.iter_mut() {
        if c.area == TargetArea::UnaccompaniedRefugee || !rng.gen_bool(0.4) {
            continue;
        }
        for _ in 0..rng.gen_range(1..=2) {
            let relation = *pick(&mut rng, names::RELATIONS);
            let status = match rng.gen_range(0..100) {
                0..55 => NetworkApprovalStatus::None,
                55..75 => NetworkApprovalStatus::InAssessment,
                75..95 => NetworkApprovalStatus::Approved,
                _ => NetworkApprovalStatus::Refused,
            };
            let surname = if rng.gen_bool(0.6) {
                c.surname
            } else {
                *pick(&mut rng, names::SURNAMES)
            };
            let person = NetworkPersonFields {
                name: format!("{} {surname}", pick(&mut rng, names::ADULTS)),
                relation: relation.into(),
                place: Some(place_in_town(&mut rng)),
                approval_status: status,
            };
            let pid = kith_store::children::add_network_person(conn, c.id, &person, now).await?;
            c.network.push((pid, status, relation));
        }
    }

    // ---- placement options --------------------------------------------------------------
    let mut options: Vec<DemoOption> = Vec::new();
    let approval = |rng: &mut ChaCha8Rng, authority| {
        let approved_on = today - Days::new(rng.gen_range(60..1800));
        let status = match rng.gen_range(0..100) {
            0..4 => ApprovalStatus::Suspended,
            4..7 => ApprovalStatus::Expired,
            _ => ApprovalStatus::Active,
        };
        Approval {
            authority,
            approved_on: Some(approved_on),
            valid_until: Some(today + Days::new(rng.gen_range(90..1100))),
            status,
        }
    };
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
        let (adult, surname) = person_name(&mut rng);
        let place = place_in_town(&mut rng);
        let min: i64 = rng.gen_range(0..8);
        let ages =
            AgeRange::new(min, (min + rng.gen_range(6..12)).min(17)).expect("valid demo range");
        let mut areas = vec![TargetArea::General];
        for a in [
            TargetArea::SocialPsychiatric,
            TargetArea::Disability,
            TargetArea::UnaccompaniedRefugee,
        ] {
            if rng.gen_bool(if kind == PlacementKind::GeneralFosterFamily {
                0.25
            } else {
                0.5
            }) {
                areas.push(a);
            }
        }
        let places = match kind {
            PlacementKind::GeneralFosterFamily => rng.gen_range(1..=3),
            _ => rng.gen_range(1..=2),
        };
        let consultant = *pick(&mut rng, &foster_consultants);
        let fields = OptionFields {
            kind,
            institution_form: None,
            name: format!(
                "Plejefamilien {surname} ({})",
                adult.split(' ').next().unwrap_or("")
            ),
            address: place.address.clone(),
            coordinates: place.coordinates,
            approval: approval(&mut rng, ApprovalAuthority::SocialSupervision),
            approved_places: places,
            age_range: ages,
            target_areas: areas.clone(),
            languages: if rng.gen_bool(0.1) {
                vec!["da".into(), "ar".into()]
            } else {
                vec!["da".into()]
            },
            culture_religion: if rng.gen_bool(0.08) {
                "Muslimsk".into()
            } else {
                String::new()
            },
            wheelchair_access: rng.gen_bool(0.1),
            day_rate_dkk: None,
            responsible_consultant_id: Some(consultant),
            network_child_id: None,
        };
        let id = kith_store::options::insert(conn, &fields, now).await?;
        kith_store::options::replace_competences(conn, id, &competences_for(&mut rng, kind))
            .await?;
        if rng.gen_bool(0.8) {
            let when = now - chrono::Duration::days(rng.gen_range(0..150));
            kith_store::options::confirm_capacity(conn, id, consultant, when).await?;
        }
        options.push(DemoOption {
            id,
            kind,
            places,
            taken: 0,
            ages,
            areas,
            consultant,
            network_child: None,
        });
    }
    for (i, name) in names::INSTITUTIONS.iter().enumerate() {
        let place = place_in_town(&mut rng);
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
        let mut areas = vec![*pick(
            &mut rng,
            &[
                TargetArea::SocialPsychiatric,
                TargetArea::Disability,
                TargetArea::General,
            ],
        )];
        if rng.gen_bool(0.5) {
            areas.push(TargetArea::SocialPsychiatric);
        }
        if i % 5 == 0 {
            areas.push(TargetArea::UnaccompaniedRefugee);
        }
        areas.sort();
        areas.dedup();
        let places = rng.gen_range(4..=12);
        let consultant = *pick(&mut rng, &inst_consultants);
        let fields = OptionFields {
            kind: PlacementKind::ChildrensHome,
            institution_form: Some(form),
            name: (*name).into(),
            address: place.address.clone(),
            coordinates: place.coordinates,
            approval: approval(&mut rng, ApprovalAuthority::SocialSupervision),
            approved_places: places,
            age_range: ages,
            target_areas: areas.clone(),
            languages: vec!["da".into(), "en".into()],
            culture_religion: String::new(),
            wheelchair_access: rng.gen_bool(0.3),
            day_rate_dkk: Some(rng.gen_range(25..70) * 100),
            responsible_consultant_id: Some(consultant),
            network_child_id: None,
        };
        let id = kith_store::options::insert(conn, &fields, now).await?;
        kith_store::options::replace_competences(
            conn,
            id,
            &competences_for(&mut rng, PlacementKind::ChildrensHome),
        )
        .await?;
        kith_store::options::confirm_capacity(
            conn,
            id,
            consultant,
            now - chrono::Duration::days(rng.gen_range(0..60)),
        )
        .await?;
        options.push(DemoOption {
            id,
            kind: PlacementKind::ChildrensHome,
            places,
            taken: 0,
            ages,
            areas,
            consultant,
            network_child: None,
        });
    }
    // Network families: concretely approved for one child each, from its network. Where the
    // child's nearest person is still in assessment, the demo has them approved.
    let mut network_families = 0;
    for c in children.iter_mut() {
        if network_families == 30 {
            break;
        }
        let Some(&(pid, status, relation)) = c.network.first() else {
            continue;
        };
        if status != NetworkApprovalStatus::Approved {
            let row = kith_store::children::network_person(conn, pid)
                .await?
                .ok_or(AppError::NotFound("network person"))?;
            kith_store::children::update_network_person(
                conn,
                pid,
                &NetworkPersonFields {
                    place: row.address.clone().map(|address| Place {
                        address,
                        coordinates: row
                            .lat
                            .zip(row.lon)
                            .and_then(|(lat, lon)| Coordinates::new(lat, lon).ok()),
                    }),
                    name: row.name,
                    relation: row.relation,
                    approval_status: NetworkApprovalStatus::Approved,
                },
            )
            .await?;
            c.network[0].1 = NetworkApprovalStatus::Approved;
        }
        let age = age_on(c.birth, today) as i64;
        let place = place_in_town(&mut rng);
        let consultant = *pick(&mut rng, &foster_consultants);
        let ages = AgeRange::new((age - 1).max(0), (age + 6).min(17)).expect("valid demo range");
        let fields = OptionFields {
            kind: PlacementKind::NetworkFosterFamily,
            institution_form: None,
            name: format!("Netværksfamilien {} ({relation})", c.surname),
            address: place.address.clone(),
            coordinates: place.coordinates,
            approval: Approval {
                authority: ApprovalAuthority::Municipality,
                approved_on: Some(today - Days::new(rng.gen_range(20..400))),
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
        let id = kith_store::options::insert(conn, &fields, now).await?;
        kith_store::options::replace_competences(
            conn,
            id,
            &competences_for(&mut rng, PlacementKind::NetworkFosterFamily),
        )
        .await?;
        options.push(DemoOption {
            id,
            kind: PlacementKind::NetworkFosterFamily,
            places: 1,
            taken: 0,
            ages,
            areas: vec![c.area],
            consultant,
            network_child: Some(c.id),
        });
        network_families += 1;
    }

    // ---- placements ---------------------------------------------------------------------
    let mut placements = 0usize;
    let mut started = Vec::new();
    let mut stays = Vec::new();
    let mut order: Vec<usize> = (0..children.len()).collect();
    order.shuffle(&mut rng);
    let mut requested = 0;
    for &ci in &order {
        let c = &mut children[ci];
        let age = age_on(c.birth, today);
        // Some children wait for the match unit instead of being placed.
        if requested < 25 && rng.gen_bool(0.12) {
            c.requested = true;
            requested += 1;
            continue;
        }
        if !rng.gen_bool(0.55) {
            continue;
        }
        let wanted: Vec<PlacementKind> =
            if options.iter().any(|o| o.network_child == Some(c.id)) && rng.gen_bool(0.7) {
                vec![PlacementKind::NetworkFosterFamily]
            } else {
                match c.level {
                    NeedLevel::Light => vec![PlacementKind::GeneralFosterFamily],
                    NeedLevel::Moderate => vec![
                        PlacementKind::GeneralFosterFamily,
                        PlacementKind::ReinforcedFosterFamily,
                    ],
                    NeedLevel::Severe => vec![
                        PlacementKind::SpecialisedFosterFamily,
                        PlacementKind::ChildrensHome,
                    ],
                }
            };
        let candidates: Vec<usize> = options
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                wanted.contains(&o.kind)
                    && o.taken < o.places
                    && o.ages.contains(age)
                    && o.areas.contains(&c.area)
                    && o.network_child.is_none_or(|n| n == c.id)
            })
            .map(|(i, _)| i)
            .collect();
        let Some(&oi) = candidates.choose(&mut rng) else {
            continue;
        };
        let o = &mut options[oi];
        let start = (today - Days::new(rng.gen_range(20..1000))).max(c.birth);
        let institutional = o.kind.is_institutional();
        // A past placement that broke down, for some: history and an unsuitable option.
        if rng.gen_bool(0.08)
            && let Some(prev) = options
                .iter()
                .find(|p| p.kind == PlacementKind::GeneralFosterFamily && p.id != options[oi].id)
        {
            let prev_id = prev.id;
            let prev_consultant = prev.consultant;
            let prev_start = (start - Days::new(rng.gen_range(200..600))).max(c.birth);
            let pid = kith_store::placements::insert(
                conn,
                &NewPlacement {
                    child_id: c.id,
                    option_id: prev_id,
                    start_date: prev_start,
                    planned_end_date: None,
                    exit_goal: None,
                    status: PlacementStatus::Ended,
                    consultant_id: Some(prev_consultant),
                    adviser_id: c.adviser,
                    proposal_id: None,
                    requested_on: None,
                },
                now,
            )
            .await?;
            end_placement(conn, pid, start, EndReason::Breakdown, now).await?;
            kith_store::children::set_unsuitable(
                conn,
                c.id,
                prev_id,
                "Sammenbrud i tidligere anbringelse",
                now,
            )
            .await?;
            placements += 1;
        }
        let o = &mut options[oi];
        // Most stays still run towards their end; a few are already past it.
        let planned_end = institutional.then(|| {
            if rng.gen_bool(0.8) {
                (today + Days::new(rng.gen_range(10..150))).max(start + Days::new(60))
            } else {
                start + Days::new(rng.gen_range(60..120))
            }
        });
        let id = kith_store::placements::insert(
            conn,
            &NewPlacement {
                child_id: c.id,
                option_id: o.id,
                start_date: start,
                planned_end_date: planned_end,
                exit_goal: institutional.then(|| *pick(&mut rng, ExitGoal::ALL)),
                status: PlacementStatus::Active,
                consultant_id: Some(o.consultant),
                adviser_id: c.adviser,
                proposal_id: None,
                requested_on: None,
            },
            now,
        )
        .await?;
        if let Some(end) = planned_end {
            stays.push((id, end));
        }
        started.push(history::Started {
            id,
            kind: o.kind,
            start,
            consultant: Some(o.consultant),
            adviser: c.adviser,
        });
        o.taken += 1;
        placements += 1;
    }
    // What was held since each placement started; the wheel is planned after the commit.
    let rules = crate::rules::in_force::wheel_in(conn).await?;
    let calendar = kith_domain::wheel::WorkCalendar::new(&rules.closing_days)
        .covering(today.year() - 3, today.year());
    let held: Vec<_> = started
        .iter()
        .flat_map(|p| history::held_items(p, &rules, &calendar, today, &mut rng))
        .collect();
    kith_store::visits::insert_held(conn, &held, now).await?;
    plans::plans(conn, &started, &stays, today, now, &mut rng).await?;
    // Some waiting children know a family from respite care (matching counts known adults).
    let general: Vec<i64> = options
        .iter()
        .filter(|o| o.kind == PlacementKind::GeneralFosterFamily)
        .map(|o| o.id)
        .collect();
    for c in children.iter().filter(|c| c.requested).take(8) {
        let family = *pick(&mut rng, &general);
        kith_store::children::set_known(conn, c.id, family, "aflastning", now).await?;
    }
    // A few network families without a child yet are still being assessed.
    for o in options
        .iter()
        .filter(|o| o.kind == PlacementKind::NetworkFosterFamily && o.taken == 0)
        .take(5)
    {
        kith_store::options::set_approval_status(conn, o.id, ApprovalStatus::Pending, now).await?;
    }
    // Mark the waiting children; a request covers the whole sibling group (placed siblings
    // stay placed).
    for c in children.iter().filter(|c| c.requested) {
        let row = kith_store::children::get_many(conn, &[c.id])
            .await?
            .remove(0);
        let requested_on = today - Days::new(rng.gen_range(1..60));
        let group = match row.sibling_group_id {
            Some(g) => kith_store::children::in_sibling_groups(conn, &[g]).await?,
            None => vec![row],
        };
        let placed_ids: Vec<i64> = kith_store::placements::of_children(
            conn,
            &group.iter().map(|m| m.id).collect::<Vec<_>>(),
        )
        .await?
        .into_iter()
        .map(|p| p.child_id)
        .collect();
        for member in group
            .into_iter()
            .filter(|m| m.id == c.id || !placed_ids.contains(&m.id))
        {
            set_requested(conn, member, requested_on, now).await?;
        }
    }

    kith_store::audit::append(conn, &audit, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    crate::wheel::plan::plan_placements(app, None).await?;
    app.db().refresh_statistics().await?;

    Ok(DemoSummary {
        children: children.len(),
        sibling_groups,
        options: options.len(),
        placements,
        users,
        logins: vec![
            ("matcher@kith.test".into(), Role::Matcher),
            ("consultant@kith.test".into(), Role::Consultant),
            ("adviser@kith.test".into(), Role::Adviser),
            ("leader@kith.test".into(), Role::Leader),
            ("admin@kith.test".into(), Role::Admin),
            ("revisor@kith.test".into(), Role::Auditor),
        ],
        password: DEMO_PASSWORD,
    })
}

async fn end_placement<C: kith_store::ConnectionTrait>(
    conn: &C,
    id: i64,
    on: NaiveDate,
    reason: EndReason,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    kith_store::placements::end(
        conn,
        id,
        kith_store::placements::Ending {
            on,
            reason,
            exit_goal_reached: None,
            breakdown: reason == kith_domain::EndReason::Breakdown,
        },
        now,
    )
    .await?;
    Ok(())
}

async fn set_requested<C: kith_store::ConnectionTrait>(
    conn: &C,
    row: kith_store::entities::child::Model,
    on: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    kith_store::children::set_placement_requested(conn, row.id, Some(on), now).await?;
    Ok(())
}
