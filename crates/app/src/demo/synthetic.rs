//! Synthetic data at scale, for benchmarks: any number of options, children, placements and
//! staff, generated fast and deterministically. Not a demo to look at: names are drawn from the
//! same lists, but the data set is shaped for load, not for a story.

use chrono::{Days, NaiveDate};
use kith_domain::{
    AgeRange, Approval, ApprovalAuthority, ApprovalStatus, Coordinates, Email, InstitutionForm,
    Lang, NeedCode, NeedLevel, PlacementKind, PlacementStatus, Role, TargetArea, UnitKind, age_on,
};
use kith_store::StoreError;
use kith_store::children::ChildFields;
use kith_store::options::OptionFields;
use kith_store::placements::NewPlacement;
use kith_store::users::NewUser;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::{DEMO_PASSWORD, names, pick};
use crate::{App, AppError, Result, password};

/// How much to generate.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Scale {
    /// Placement options (about 85% foster families, 15% children's homes).
    pub options: usize,
    /// Children (those not placed wait for a placement).
    pub children: usize,
    /// Active placements, within the options' places.
    pub placements: usize,
    /// Staff: consultants and advisers (plus one matcher, leader and admin).
    pub staff: usize,
}

impl Scale {
    /// National scale (DOMAIN.md): about 14,000 placements, 6,000 foster families, 1,000
    /// institutions, 300 staff.
    pub fn national() -> Self {
        Self {
            options: 7_000,
            children: 17_000,
            placements: 14_000,
            staff: 300,
        }
    }
}

const CODES: [&str; 16] = kith_domain::SEEDED_NEED_CODES;

fn spot(rng: &mut ChaCha8Rng) -> (String, Option<Coordinates>) {
    let (town, zip, lat, lon) = *pick(rng, names::TOWNS);
    // Spread over Zealand rather than one town, so distances vary.
    let c = Coordinates::new(
        lat + rng.gen_range(-0.4..0.4),
        lon + rng.gen_range(-0.6..0.6),
    )
    .ok();
    (
        format!(
            "{} {}, {zip} {town}",
            pick(rng, names::STREETS),
            rng.gen_range(1..200)
        ),
        c,
    )
}

/// Loads a synthetic data set into an empty database. Logins: `matcher@`, `leader@`,
/// `admin@`, `consultantNNN@`, `adviserNNN@kith.test`, password as the demo's.
pub async fn load(app: &App, scale: Scale) -> Result<super::DemoSummary> {
    if !super::is_empty(app).await? {
        return Err(AppError::Conflict {
            field: None,
            message: "problem.database_not_empty".into(),
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(14_000);
    let today = app.today();
    let now = app.now();
    let hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD))
        .await
        .map_err(AppError::internal)??;
    let tx = app.db().begin_write().await?;
    let conn = &tx;
    let matching =
        kith_store::units::insert(conn, "Matchenheden", UnitKind::MatchUnit, now).await?;
    let foster = kith_store::units::insert(
        conn,
        "Plejefamilier og netværk",
        UnitKind::FosterNetwork,
        now,
    )
    .await?;
    let advice = kith_store::units::insert(conn, "Rådgivning", UnitKind::AdvisoryTeam, now).await?;
    let user =
        async |email: String, roles: &[Role], units: &[i64], rng: &mut ChaCha8Rng| -> Result<i64> {
            let name = format!(
                "{} {}",
                pick(rng, names::ADULTS),
                pick(rng, names::SURNAMES)
            );
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
            Ok(id)
        };
    user("admin@kith.test".into(), &[Role::Admin], &[], &mut rng).await?;
    user(
        "matcher@kith.test".into(),
        &[Role::Matcher],
        &[matching],
        &mut rng,
    )
    .await?;
    user(
        "leader@kith.test".into(),
        &[Role::Leader],
        &[matching, foster, advice],
        &mut rng,
    )
    .await?;
    let half = (scale.staff / 2).max(1);
    let mut consultants = Vec::new();
    let mut advisers = Vec::new();
    for i in 0..half {
        consultants.push(
            user(
                format!("consultant{:03}@kith.test", i + 1),
                &[Role::Consultant],
                &[foster],
                &mut rng,
            )
            .await?,
        );
        advisers.push(
            user(
                format!("adviser{:03}@kith.test", i + 1),
                &[Role::Adviser],
                &[advice],
                &mut rng,
            )
            .await?,
        );
    }

    // Options.
    let mut options: Vec<(i64, PlacementKind, u32, AgeRange, Vec<TargetArea>, i64)> =
        Vec::with_capacity(scale.options);
    for _ in 0..scale.options {
        let kind = match rng.gen_range(0..100) {
            0..40 => PlacementKind::GeneralFosterFamily,
            40..65 => PlacementKind::ReinforcedFosterFamily,
            65..80 => PlacementKind::SpecialisedFosterFamily,
            80..85 => PlacementKind::OwnRoom,
            _ => PlacementKind::ChildrensHome,
        };
        let institutional = kind.is_institutional();
        let min = rng.gen_range(0..8);
        let ages =
            AgeRange::new(min, (min + rng.gen_range(6..12)).min(17)).map_err(AppError::internal)?;
        let mut areas: Vec<TargetArea> = TargetArea::ALL
            .iter()
            .copied()
            .filter(|_| rng.gen_bool(0.5))
            .collect();
        if areas.is_empty() {
            areas.push(TargetArea::General);
        }
        let places = if institutional {
            rng.gen_range(4..14)
        } else {
            rng.gen_range(1..4)
        };
        let consultant = *pick(&mut rng, &consultants);
        let (address, coordinates) = spot(&mut rng);
        let name = if institutional {
            format!(
                "{} {}",
                pick(&mut rng, names::INSTITUTIONS),
                rng.gen_range(1..999)
            )
        } else {
            format!(
                "Plejefamilien {} ({})",
                pick(&mut rng, names::SURNAMES),
                pick(&mut rng, names::ADULTS)
            )
        };
        let fields = OptionFields {
            kind,
            institution_form: institutional.then_some(InstitutionForm::ResidentialHome),
            name,
            address,
            coordinates,
            approval: Approval {
                authority: ApprovalAuthority::SocialSupervision,
                approved_on: Some(today - Days::new(rng.gen_range(30..1500))),
                valid_until: Some(today + Days::new(rng.gen_range(60..1500))),
                status: if rng.gen_bool(0.95) {
                    ApprovalStatus::Active
                } else {
                    ApprovalStatus::Suspended
                },
            },
            approved_places: places,
            age_range: ages,
            target_areas: areas.clone(),
            languages: vec!["da".into()],
            culture_religion: String::new(),
            wheelchair_access: rng.gen_bool(0.1),
            day_rate_dkk: institutional.then(|| rng.gen_range(25..75) * 100),
            responsible_consultant_id: Some(consultant),
            network_child_id: None,
        };
        let id = kith_store::options::insert(conn, &fields, now).await?;
        let mut codes = CODES.to_vec();
        codes.shuffle(&mut rng);
        let competences: Vec<(NeedCode, NeedLevel)> = codes
            .into_iter()
            .take(rng.gen_range(3..8))
            .map(|c| {
                (
                    NeedCode::parse(c).expect("vocabulary code"),
                    NeedLevel::ALL[rng.gen_range(0..3)],
                )
            })
            .collect();
        kith_store::options::replace_competences(conn, id, &competences).await?;
        if rng.gen_bool(0.8) {
            kith_store::options::confirm_capacity(
                conn,
                id,
                consultant,
                now - chrono::Duration::days(rng.gen_range(0..120)),
            )
            .await?;
        }
        options.push((id, kind, places, ages, areas, consultant));
    }

    // Children, and placements within capacity.
    let mut taken = vec![0u32; options.len()];
    let mut placed = 0usize;
    let mut children = 0usize;
    for i in 0..scale.children {
        let area = TargetArea::ALL[rng.gen_range(0..4)];
        let level = NeedLevel::ALL[rng.gen_range(0..3)];
        let birth: NaiveDate = today - Days::new(rng.gen_range(365..6400));
        let (home, home_c) = spot(&mut rng);
        let (_, school_c) = spot(&mut rng);
        let boy = rng.gen_bool(0.5);
        let first = if boy {
            pick(&mut rng, names::BOYS)
        } else {
            pick(&mut rng, names::GIRLS)
        };
        let adviser = advisers[i % advisers.len()];
        let wants_place = placed < scale.placements;
        let fields = ChildFields {
            name: format!("{first} {}", pick(&mut rng, names::SURNAMES)),
            birth_date: birth,
            case_adviser_id: adviser,
            target_area: area,
            support_level: level,
            needs_wheelchair_access: false,
            languages: vec!["da".into()],
            culture_religion_wishes: String::new(),
            school: Some(kith_domain::Place {
                address: "Skolen".into(),
                coordinates: school_c,
            }),
            parents_home: Some(kith_domain::Place {
                address: home,
                coordinates: home_c,
            }),
            own_wishes: String::new(),
            placement_requested_on: (!wants_place).then(|| today - Days::new(rng.gen_range(1..40))),
        };
        let id = match kith_store::children::insert(conn, &fields, None, now).await {
            Ok(id) => id,
            Err(StoreError::Duplicate { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        children += 1;
        let mut codes = CODES.to_vec();
        codes.shuffle(&mut rng);
        let needs: Vec<(NeedCode, NeedLevel)> = codes
            .into_iter()
            .take(rng.gen_range(1..4))
            .enumerate()
            .map(|(j, c)| {
                (
                    NeedCode::parse(c).expect("vocabulary code"),
                    if j == 0 {
                        level
                    } else {
                        NeedLevel::ALL[rng.gen_range(0..=(level as usize))]
                    },
                )
            })
            .collect();
        kith_store::children::replace_needs(conn, id, &needs).await?;
        if wants_place {
            // A few tries at a random option with room that takes the child.
            let age = age_on(birth, today);
            for _ in 0..40 {
                let k = rng.gen_range(0..options.len().max(1));
                let Some((oid, kind, places, ages, areas, consultant)) = options.get(k) else {
                    break;
                };
                if taken[k] < *places && ages.contains(age) && areas.contains(&area) {
                    let institutional = kind.is_institutional();
                    let start = (today - Days::new(rng.gen_range(10..1200))).max(birth);
                    kith_store::placements::insert(
                        conn,
                        &NewPlacement {
                            child_id: id,
                            option_id: *oid,
                            start_date: start,
                            planned_end_date: institutional.then(|| start + Days::new(180)),
                            exit_goal: institutional.then_some(kith_domain::ExitGoal::FosterFamily),
                            status: PlacementStatus::Active,
                            consultant_id: Some(*consultant),
                            adviser_id: adviser,
                            proposal_id: None,
                            requested_on: None,
                        },
                        now,
                    )
                    .await?;
                    taken[k] += 1;
                    placed += 1;
                    break;
                }
            }
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    app.db().refresh_statistics().await?;
    Ok(super::DemoSummary {
        children,
        sibling_groups: 0,
        options: options.len(),
        placements: placed,
        users: 3 + 2 * half,
        logins: vec![
            ("matcher@kith.test".into(), Role::Matcher),
            ("leader@kith.test".into(), Role::Leader),
        ],
        password: DEMO_PASSWORD,
    })
}
