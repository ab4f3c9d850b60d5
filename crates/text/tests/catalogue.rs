//! The catalogue is complete: every key the code or a template uses is defined in Danish and
//! English, every key defined is used, and every text renders.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kith_domain::Lang;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "rs" || x == "html" || x == "txt")
        {
            out.push(p);
        }
    }
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    for dir in [
        "web/templates",
        "crates/server/src",
        "crates/app/src",
        "crates/demo/src",
        "crates/domain/src",
        "crates/text/src",
    ] {
        files(&root.join(dir), &mut paths);
    }
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// Every `"area.name"` string literal whose area is one of the catalogue's: the key a call
/// such as `ctx.t("nav.skip")` or `Message::new("problem.required")` uses.
fn literal_keys(text: &str, areas: &BTreeSet<String>) -> Vec<String> {
    // Every stretch between two quotes is tried, not every other one: a template nests
    // quotes (`aria-label="{{ ctx.t("nav.label") }}"`).
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    let mut out = Vec::new();
    for pair in quotes.windows(2) {
        let piece = &text[pair[0] + 1..pair[1]];
        if let Some((area, name)) = piece.split_once('.')
            && areas.contains(area)
            && !name.is_empty()
            && !FIELD_PATHS.contains(&piece)
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            out.push(piece.to_owned());
        }
    }
    out
}

/// Literals shaped like keys that are something else: input field paths.
const FIELD_PATHS: &[&str] = &["approval.authority"];

/// Files whose `area.name` literals are stored codes (audit actions), not catalogue keys.
fn holds_codes(path: &Path) -> bool {
    let p = path.to_string_lossy();
    p.ends_with("app/src/audit.rs") || p.contains("demo/src/")
}

/// Keys built at run time from a vocabulary: `format!("level.{code}")` and the like.
fn runtime_keys() -> Vec<String> {
    fn all<T: std::fmt::Display>(area: &str, values: &[T]) -> Vec<String> {
        values.iter().map(|v| format!("{area}.{v}")).collect()
    }
    use kith_domain::matching::{OptionGroup, criteria::Criterion, exclusions::ExclusionCode};
    let mut keys: Vec<String> = [
        all("level", kith_domain::NeedLevel::ALL),
        all("network", kith_domain::NetworkApprovalStatus::ALL),
        all("network_ask_outcome", kith_domain::NetworkAskOutcome::ALL),
        all("consent", kith_domain::stability_facts::Consent::ALL),
        all(
            "household_relation",
            kith_domain::stability_facts::HouseholdRelation::ALL,
        ),
        all(
            "consent_gap",
            &kith_domain::stability_facts::ConsentGap::ALL.map(|g| g.code()),
        ),
        all("approval", kith_domain::ApprovalStatus::ALL),
        all("authority", kith_domain::ApprovalAuthority::ALL),
        all("placement_status", kith_domain::PlacementStatus::ALL),
        all("proposal_status", kith_domain::ProposalStatus::ALL),
        all("proposal_action", kith_domain::ProposalStatus::ALL),
        all("exit_goal", kith_domain::ExitGoal::ALL),
        all("after_care_decision", kith_domain::AfterCareDecision::ALL),
        all("criterion", Criterion::ALL),
        all("group", OptionGroup::ALL),
        all("exclusion", ExclusionCode::ALL),
        all("visit_status", kith_domain::wheel::VisitStatus::ALL),
        all("plan_flag", kith_domain::wheel::PlanFlag::ALL),
        all("cancel_reason", kith_domain::wheel::CancelReason::ALL),
        all("goal_status", kith_domain::goals::GoalStatus::ALL),
        all("goal_outcome", kith_domain::goals::GoalOutcome::ALL),
        all("review_decision", kith_domain::goals::ReviewDecision::ALL),
        all("end_reason", kith_domain::EndReason::ALL),
        all("signal", kith_domain::goals::StaySignal::CODES),
        all("form", kith_domain::PlacementForm::ALL),
        all(
            "export_sheet",
            &[
                "children",
                "placements",
                "visits",
                "goals",
                "dashboard",
                "options",
                "proposals",
            ],
        ),
    ]
    .concat();
    keys.extend((1..=12).map(|m| format!("month.m{m:02}")));
    // 2023 is the last year with Great Prayer Day: every holiday's code.
    keys.extend(
        kith_domain::wheel::public_holidays(2023)
            .into_iter()
            .map(|(_, code)| format!("holiday.{code}")),
    );
    keys.extend(kith_text::term_keys());
    for slug in [
        "unauthenticated",
        "forbidden",
        "not_found",
        "validation",
        "conflict",
        "too_large",
        "too_many_attempts",
        "sign_in_refused",
        "busy",
        "unavailable",
        "storage",
        "internal",
    ] {
        keys.push(format!("problem_title.{slug}"));
        // The page for the same problem (a person is sent to the login page instead of 401).
        if slug != "unauthenticated" {
            keys.push(format!("error.{slug}"));
        }
    }
    keys
}

/// Keys a vocabulary lists that are not all states one can reach (a draft proposal is never
/// an action); defining them is allowed.
const RUNTIME_OPTIONAL: &[&str] = &["proposal_action.draft"];

#[test]
fn every_key_used_is_defined_in_both_languages() {
    let da: BTreeSet<String> = kith_text::keys(Lang::Da).into_iter().collect();
    let areas: BTreeSet<String> = da
        .iter()
        .map(|k| k.split('.').next().unwrap().to_owned())
        .collect();
    let mut missing = Vec::new();
    for (path, text) in sources().into_iter().filter(|(p, _)| !holds_codes(p)) {
        for k in literal_keys(&text, &areas) {
            if !da.contains(&k) {
                missing.push(format!("{k} ({})", path.display()));
            }
        }
    }
    for k in runtime_keys() {
        if !da.contains(&k) && !RUNTIME_OPTIONAL.contains(&k.as_str()) {
            missing.push(k);
        }
    }
    assert!(missing.is_empty(), "used but not defined: {missing:#?}");
}

#[test]
fn both_languages_define_the_same_keys() {
    let da: BTreeSet<String> = kith_text::keys(Lang::Da).into_iter().collect();
    let en: BTreeSet<String> = kith_text::keys(Lang::En).into_iter().collect();
    let only_da: Vec<_> = da.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&da).collect();
    assert!(
        only_da.is_empty() && only_en.is_empty(),
        "only Danish: {only_da:?}; only English: {only_en:?}"
    );
}

#[test]
fn every_key_defined_is_used() {
    let da: BTreeSet<String> = kith_text::keys(Lang::Da).into_iter().collect();
    let areas: BTreeSet<String> = da
        .iter()
        .map(|k| k.split('.').next().unwrap().to_owned())
        .collect();
    let mut used: BTreeSet<String> = runtime_keys().into_iter().collect();
    for (_, text) in sources() {
        used.extend(literal_keys(&text, &areas));
    }
    // Audit actions and entities are named by stored codes; kith-app's audit tests check that
    // the catalogue holds exactly the actions there are.
    // Field names are looked up by a form's field path (`field.birth_date`) for the summary.
    // Languages are named by the ISO 639-1 code a child's or a carer's record holds.
    let by_stored_code = |k: &str| {
        k.starts_with("audit_action.")
            || k.starts_with("audit_entity.")
            || k.starts_with("field.")
            || k.starts_with("language_name.")
    };
    let unused: Vec<_> = da
        .iter()
        .filter(|k| !used.contains(*k) && !by_stored_code(k))
        .collect();
    assert!(unused.is_empty(), "defined but never used: {unused:#?}");
}

#[test]
fn every_text_renders_in_both_languages() {
    for lang in [Lang::Da, Lang::En] {
        for key in kith_text::keys(lang) {
            let text = kith_text::t(lang, &key);
            assert!(!text.is_empty() && text != "?", "{lang} {key}");
        }
    }
}

#[test]
fn plurals_and_numbers_follow_the_language() {
    use kith_domain::Message;
    let wait =
        |lang, n| kith_text::render(lang, &Message::new("problem_detail.seconds").int("n", n));
    assert_eq!(wait(Lang::Da, 1), "ét sekund");
    assert_eq!(wait(Lang::Da, 90), "90 sekunder");
    assert_eq!(wait(Lang::En, 1), "one second");
    let big = Message::new("problem.max_chars").int("max", 20000);
    assert_eq!(kith_text::render(Lang::Da, &big), "Højst 20.000 tegn.");
    assert_eq!(
        kith_text::render(Lang::En, &big),
        "At most 20,000 characters."
    );
    let end = Message::new("problem.after_planned_end").date(
        "end",
        chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
    );
    assert_eq!(
        kith_text::render(Lang::Da, &end),
        "Datoen skal ligge efter den nuværende planlagte slutdato, 10.12.2026."
    );
}
