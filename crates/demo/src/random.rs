//! The draws every part of the demo shares: a name, an address in a town, a CPR number, the
//! needs of a child and the competences of an option. The order of draws is the data: change
//! one and every name drawn after it changes.

use chrono::{Datelike, NaiveDate};
use kith_domain::{Coordinates, Cpr, NeedCode, NeedLevel, Place, PlacementKind, TargetArea};
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::names;

/// One of a non-empty list.
pub(crate) fn pick<'a, T>(rng: &mut ChaCha8Rng, xs: &'a [T]) -> &'a T {
    xs.choose(rng).expect("non-empty list")
}

pub(crate) fn place_in_town(rng: &mut ChaCha8Rng) -> Place {
    let (town, zip, lat, lon) = *pick(rng, names::TOWNS);
    let street = pick(rng, names::STREETS);
    let number: u32 = rng.gen_range(1..120);
    let jitter = |r: &mut ChaCha8Rng| r.gen_range(-0.012..0.012);
    Place {
        address: format!("{street} {number}, {zip} {town}"),
        coordinates: Coordinates::new(lat + jitter(rng), lon + jitter(rng)).ok(),
    }
}

pub(crate) fn person_name(rng: &mut ChaCha8Rng) -> (String, &'static str) {
    let surname = *pick(rng, names::SURNAMES);
    (format!("{} {}", pick(rng, names::ADULTS), surname), surname)
}

/// A CPR number for an invented child: the real date, a seventh digit that gives the right
/// century, and a last digit that is odd for boys and even for girls.
pub(crate) fn demo_cpr(rng: &mut ChaCha8Rng, birth: NaiveDate, boy: bool) -> Option<Cpr> {
    let seventh = if birth.year() >= 2000 { 4 } else { 2 };
    let middle: u32 = rng.gen_range(0..100);
    let last: u32 = rng.gen_range(0..5) * 2 + u32::from(boy);
    Cpr::parse(&format!(
        "{}-{seventh}{middle:02}{last}",
        birth.format("%d%m%y")
    ))
    .ok()
}

pub(crate) fn needs_for(
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

pub(crate) fn competences_for(
    rng: &mut ChaCha8Rng,
    kind: PlacementKind,
) -> Vec<(NeedCode, NeedLevel)> {
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
