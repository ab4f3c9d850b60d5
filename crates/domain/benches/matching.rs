//! Domain benchmarks: rank one child against 10,000 options; allocate 200 children over
//! 10,000 options. Run with `cargo bench -p kith-domain --bench matching`; figures go to
//! docs/BENCHMARKS.md.

use chrono::NaiveDate;
use kith_domain::allocation::{Candidate, Problem, optimal};
use kith_domain::matching::{ChildProfile, MatchRules, MatchUnit, OptionProfile, rank};
use kith_domain::{
    AgeRange, Approval, ApprovalAuthority, ApprovalStatus, ChildId, Coordinates, NeedCode,
    NeedLevel, PlacementKind, PlacementOptionId, TargetArea,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn main() {
    divan::main();
}

const CODES: [&str; 16] = kith_domain::SEEDED_NEED_CODES;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn level(rng: &mut ChaCha8Rng) -> NeedLevel {
    NeedLevel::ALL[rng.gen_range(0..3)]
}

/// A national-scale option set: mostly foster families, some children's homes, spread over
/// Denmark, varied approvals, ages, areas and competences.
fn options(n: usize, rng: &mut ChaCha8Rng) -> Vec<OptionProfile> {
    (0..n)
        .map(|i| {
            let kind = match rng.gen_range(0..100) {
                0..40 => PlacementKind::GeneralFosterFamily,
                40..65 => PlacementKind::ReinforcedFosterFamily,
                65..80 => PlacementKind::SpecialisedFosterFamily,
                80..88 => PlacementKind::NetworkFosterFamily,
                88..97 => PlacementKind::ChildrensHome,
                _ => PlacementKind::OwnRoom,
            };
            let min = rng.gen_range(0..10);
            let comps = rng.gen_range(2..8);
            OptionProfile {
                id: PlacementOptionId(i as i64 + 1),
                kind,
                institution_form: None,
                approval: Approval {
                    authority: ApprovalAuthority::SocialSupervision,
                    approved_on: Some(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()),
                    valid_until: Some(NaiveDate::from_ymd_opt(2028, 1, 1).unwrap()),
                    status: if rng.gen_bool(0.93) {
                        ApprovalStatus::Active
                    } else {
                        ApprovalStatus::Suspended
                    },
                },
                free_places: rng.gen_range(0..3),
                age_range: AgeRange::new(min, (min + rng.gen_range(5..12)).min(17)).unwrap(),
                target_areas: TargetArea::ALL
                    .iter()
                    .copied()
                    .filter(|_| rng.gen_bool(0.6))
                    .collect(),
                competences: (0..comps)
                    .map(|_| {
                        (
                            NeedCode::parse(CODES[rng.gen_range(0..16)]).unwrap(),
                            level(rng),
                        )
                    })
                    .collect(),
                languages: vec!["da".into()],
                culture_religion: String::new(),
                wheelchair_access: rng.gen_bool(0.1),
                day_rate_dkk: kind.is_institutional().then(|| rng.gen_range(2500..8000)),
                coordinates: Coordinates::new(rng.gen_range(54.8..57.5), rng.gen_range(8.2..12.6))
                    .ok(),
                network_child_id: kind.is_network().then(|| ChildId(rng.gen_range(1..20000))),
                breakdowns: rng.gen_range(0..2),
                capacity_confirmed_on: Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
                // One child in each home, so every option is weighed for the stability flags.
                household: vec![(None, NaiveDate::from_ymd_opt(2015, 6, 1).unwrap())],
                responsible_consultant: None,
            }
        })
        .collect()
}

fn child(id: i64, rng: &mut ChaCha8Rng) -> ChildProfile {
    let here = Coordinates::new(rng.gen_range(55.0..57.0), rng.gen_range(9.0..12.5)).ok();
    ChildProfile {
        id: ChildId(id),
        birth_date: start() - chrono::Days::new(rng.gen_range(365..6000)),
        target_area: TargetArea::ALL[rng.gen_range(0..4)],
        support_level: level(rng),
        needs: (0..rng.gen_range(1..4))
            .map(|_| {
                (
                    NeedCode::parse(CODES[rng.gen_range(0..16)]).unwrap(),
                    if rng.gen_bool(0.8) {
                        NeedLevel::Moderate
                    } else {
                        NeedLevel::Severe
                    },
                )
            })
            .collect(),
        needs_wheelchair_access: false,
        languages: vec!["da".into()],
        culture_religion_wishes: String::new(),
        school_recorded: true,
        school: here,
        parents_home: here,
        network_places: vec![],
        known_options: vec![],
        unsuitable: vec![],
        has_siblings: false,
        siblings_placed_in: vec![],
        breakdowns_in: vec![],
        consent_child: None,
        consent_parents: None,
        current_consultant: None,
    }
}

#[divan::bench]
fn rank_one_child_against_10000_options(bencher: divan::Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let opts = options(10_000, &mut rng);
    let unit = MatchUnit::single(child(1, &mut rng));
    let rules = MatchRules::default();
    bencher.bench_local(|| rank(divan::black_box(&unit), &opts, &rules, start()));
}

#[divan::bench(sample_count = 10)]
fn allocate_200_children_over_10000_options(bencher: divan::Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    let opts = options(10_000, &mut rng);
    let rules = MatchRules::default();
    let children: Vec<ChildProfile> = (0..200).map(|i| child(i + 1, &mut rng)).collect();
    bencher.bench_local(|| {
        // Scoring every child against every option is part of allocating.
        let mut candidates = Vec::new();
        for (u, c) in children.iter().enumerate() {
            let out = rank(&MatchUnit::single(c.clone()), &opts, &rules, start());
            for r in out.ranked {
                let o = (r.option_id.0 - 1) as usize;
                candidates.push(Candidate {
                    unit: u,
                    option: o,
                    score: r.score_tenths,
                });
            }
        }
        let problem = Problem {
            sizes: vec![1; children.len()],
            capacities: opts.iter().map(|o| o.free_places).collect(),
            candidates,
        };
        optimal(divan::black_box(&problem))
    });
}
