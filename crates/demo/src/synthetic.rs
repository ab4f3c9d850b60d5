//! Synthetic data at scale, for benchmarks: any number of options, children, placements and
//! staff, generated fast and deterministically. Not a demo to look at: names are drawn from the
//! same lists, but the data set is shaped for load, not for a story.

use chrono::{Days, NaiveDate};
use kith_domain::{
    AgeRange, Approval, ApprovalAuthority, ApprovalStatus, Coordinates, Email, InstitutionForm,
    Lang, NeedCode, NeedLevel, PlacementKind, PlacementStatus, Role, TargetArea, UnitKind, age_on,
};
use kith_store::children::ChildFields;
use kith_store::options::OptionFields;
use kith_store::placements::NewPlacement;
use kith_store::users::NewUser;
use kith_store::{ConnectionTrait, StoreError};
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::random::pick;
use crate::seeder::Seeder;
use crate::{DEMO_PASSWORD, DemoSummary, names};
use kith_app::{App, AppError, Result};

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
pub async fn load(app: &App, scale: Scale) -> Result<DemoSummary> {
    let hash = crate::seeder::empty_and_hashed(app, "problem.database_not_empty").await?;
    let tx = app.db().begin_write().await?;
    let mut s = Seeder::new(&tx, app, 14_000, hash);
    let staff = staff(&mut s, scale).await?;
    let mut options = Vec::with_capacity(scale.options);
    for _ in 0..scale.options {
        options.push(option(&mut s, &staff.consultants).await?);
    }
    // Children, and placements within capacity.
    let (mut placed, mut children) = (0usize, 0usize);
    for i in 0..scale.children {
        let adviser = staff.advisers[i % staff.advisers.len()];
        let wants_place = placed < scale.placements;
        let Some(child) = child(&mut s, adviser, wants_place).await? else {
            continue;
        };
        children += 1;
        if wants_place && place(&mut s, &child, &mut options).await? {
            placed += 1;
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    app.db().refresh_statistics().await?;
    Ok(DemoSummary {
        children,
        sibling_groups: 0,
        options: options.len(),
        placements: placed,
        users: 3 + staff.consultants.len() + staff.advisers.len(),
        logins: vec![
            ("matcher@kith.test".into(), Role::Matcher),
            ("leader@kith.test".into(), Role::Leader),
        ],
        password: DEMO_PASSWORD,
    })
}

/// The consultants and advisers the options and children are shared among.
struct Staff {
    consultants: Vec<i64>,
    advisers: Vec<i64>,
}

/// One match unit, one foster-care unit, one advisory unit; an administrator, a matcher, a
/// leader of all three, and half the staff consultants, half advisers.
async fn staff<C: ConnectionTrait>(s: &mut Seeder<'_, C>, scale: Scale) -> Result<Staff> {
    let (conn, now) = (s.conn, s.now);
    let matching =
        kith_store::units::insert(conn, "Matchenheden", UnitKind::MatchUnit, now).await?;
    let foster_name = "Plejefamilier og netværk";
    let foster = kith_store::units::insert(conn, foster_name, UnitKind::FosterNetwork, now).await?;
    let advice = kith_store::units::insert(conn, "Rådgivning", UnitKind::AdvisoryTeam, now).await?;
    user(s, "admin@kith.test".into(), &[Role::Admin], &[]).await?;
    user(s, "matcher@kith.test".into(), &[Role::Matcher], &[matching]).await?;
    let all = [matching, foster, advice];
    user(s, "leader@kith.test".into(), &[Role::Leader], &all).await?;
    let half = (scale.staff / 2).max(1);
    let mut staff = Staff {
        consultants: Vec::new(),
        advisers: Vec::new(),
    };
    for i in 0..half {
        let email = format!("consultant{:03}@kith.test", i + 1);
        staff
            .consultants
            .push(user(s, email, &[Role::Consultant], &[foster]).await?);
        let email = format!("adviser{:03}@kith.test", i + 1);
        staff
            .advisers
            .push(user(s, email, &[Role::Adviser], &[advice]).await?);
    }
    Ok(staff)
}

async fn user<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    email: String,
    roles: &[Role],
    units: &[i64],
) -> Result<i64> {
    let name = format!(
        "{} {}",
        pick(&mut s.rng, names::ADULTS),
        pick(&mut s.rng, names::SURNAMES)
    );
    let new = NewUser {
        email: Email::parse(&email).map_err(AppError::internal)?,
        name,
        password_hash: s.hash.clone(),
        locale: Lang::Da,
        active: true,
    };
    let id = kith_store::users::insert(s.conn, &new, s.now).await?;
    kith_store::users::set_roles(s.conn, id, roles).await?;
    kith_store::users::set_units(s.conn, id, units).await?;
    Ok(id)
}

/// An option as the placements need it.
struct SynthOption {
    id: i64,
    kind: PlacementKind,
    places: u32,
    taken: u32,
    ages: AgeRange,
    areas: Vec<TargetArea>,
    consultant: i64,
}

/// A drawn option: mostly foster families of the three kinds, some own rooms and homes.
async fn option<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    consultants: &[i64],
) -> Result<SynthOption> {
    let rng = &mut s.rng;
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
    let consultant = *pick(rng, consultants);
    let (address, coordinates) = spot(rng);
    let name = if institutional {
        format!(
            "{} {}",
            pick(rng, names::INSTITUTIONS),
            rng.gen_range(1..999)
        )
    } else {
        format!(
            "Plejefamilien {} ({})",
            pick(rng, names::SURNAMES),
            pick(rng, names::ADULTS)
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
            approved_on: Some(s.today - Days::new(rng.gen_range(30..1500))),
            valid_until: Some(s.today + Days::new(rng.gen_range(60..1500))),
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
    let id = kith_store::options::insert(s.conn, &fields, s.now).await?;
    let competences = drawn_needs(&mut s.rng, 3..8, |rng, _| {
        NeedLevel::ALL[rng.gen_range(0..3)]
    });
    kith_store::options::replace_competences(s.conn, id, &competences).await?;
    if s.rng.gen_bool(0.8) {
        let when = s.now - chrono::Duration::days(s.rng.gen_range(0..120));
        kith_store::options::confirm_capacity(s.conn, id, consultant, when).await?;
    }
    Ok(SynthOption {
        id,
        kind,
        places,
        taken: 0,
        ages,
        areas,
        consultant,
    })
}

/// Some of the seeded need codes in a drawn order, each with a level.
fn drawn_needs(
    rng: &mut ChaCha8Rng,
    count: std::ops::Range<usize>,
    level: impl Fn(&mut ChaCha8Rng, usize) -> NeedLevel,
) -> Vec<(NeedCode, NeedLevel)> {
    let mut codes = CODES.to_vec();
    codes.shuffle(rng);
    let n = rng.gen_range(count);
    codes
        .into_iter()
        .take(n)
        .enumerate()
        .map(|(j, c)| (NeedCode::parse(c).expect("vocabulary code"), level(rng, j)))
        .collect()
}

/// A child as its placement needs it.
struct SynthChild {
    id: i64,
    birth: NaiveDate,
    area: TargetArea,
    adviser: i64,
}

/// A drawn child with its needs; `None` when its drawn CPR-less row clashed (it never does).
async fn child<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    adviser: i64,
    wants_place: bool,
) -> Result<Option<SynthChild>> {
    let rng = &mut s.rng;
    let area = TargetArea::ALL[rng.gen_range(0..4)];
    let level = NeedLevel::ALL[rng.gen_range(0..3)];
    let birth: NaiveDate = s.today - Days::new(rng.gen_range(365..6400));
    let (home, home_c) = spot(rng);
    let (_, school_c) = spot(rng);
    let boy = rng.gen_bool(0.5);
    let first = if boy {
        pick(rng, names::BOYS)
    } else {
        pick(rng, names::GIRLS)
    };
    let fields = ChildFields {
        name: format!("{first} {}", pick(rng, names::SURNAMES)),
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
        placement_requested_on: (!wants_place).then(|| s.today - Days::new(rng.gen_range(1..40))),
    };
    let id = match kith_store::children::insert(s.conn, &fields, None, s.now).await {
        Ok(id) => id,
        Err(StoreError::Duplicate { .. }) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let needs = drawn_needs(&mut s.rng, 1..4, |rng, j| {
        if j == 0 {
            level
        } else {
            NeedLevel::ALL[rng.gen_range(0..=(level as usize))]
        }
    });
    kith_store::children::replace_needs(s.conn, id, &needs).await?;
    Ok(Some(SynthChild {
        id,
        birth,
        area,
        adviser,
    }))
}

/// A few tries at a random option with room that takes the child; whether one did.
async fn place<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    c: &SynthChild,
    options: &mut [SynthOption],
) -> Result<bool> {
    let age = age_on(c.birth, s.today);
    for _ in 0..40 {
        let k = s.rng.gen_range(0..options.len().max(1));
        let Some(o) = options.get_mut(k) else {
            break;
        };
        if o.taken < o.places && o.ages.contains(age) && o.areas.contains(&c.area) {
            let institutional = o.kind.is_institutional();
            let start = (s.today - Days::new(s.rng.gen_range(10..1200))).max(c.birth);
            let new = NewPlacement {
                child_id: c.id,
                option_id: o.id,
                start_date: start,
                planned_end_date: institutional.then(|| start + Days::new(180)),
                exit_goal: institutional.then_some(kith_domain::ExitGoal::FosterFamily),
                status: PlacementStatus::Active,
                consultant_id: Some(o.consultant),
                adviser_id: c.adviser,
                proposal_id: None,
                requested_on: None,
            };
            kith_store::placements::insert(s.conn, &new, s.now).await?;
            o.taken += 1;
            return Ok(true);
        }
    }
    Ok(false)
}
