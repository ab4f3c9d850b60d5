//! Matching's explanations as the match unit reads them: the domain's reasons (values) in the
//! catalogue's Danish and English, with Danish numbers and dates, plurals, language names and
//! the needs vocabulary's words. Each expected sentence is written out here by hand.

use chrono::NaiveDate;
use kith_domain::matching::FlagKind;
use kith_domain::matching::criteria::{Reason, SchoolReason};
use kith_domain::matching::exclusions::Exclusion;
use kith_domain::{Arg, Lang, Message, NeedCode, NeedLevel, PlacementKind, TargetArea};
use kith_text::{NeedNames, render, render_with};

fn da(m: &Message) -> String {
    render_with(Lang::Da, m, &Vocabulary)
}

fn en(m: &Message) -> String {
    render_with(Lang::En, m, &Vocabulary)
}

fn code(s: &str) -> NeedCode {
    NeedCode::parse(s).unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Two needs of the vocabulary, as an administrator named them.
struct Vocabulary;

impl NeedNames for Vocabulary {
    fn need_name(&self, lang: Lang, code: &NeedCode) -> Option<String> {
        let (d, e) = match code.as_str() {
            "substance_use" => ("Rusmidler", "Substance use"),
            "adhd" => ("ADHD", "ADHD"),
            "trauma" => ("Traumer", "Trauma"),
            _ => return None,
        };
        Some(
            match lang {
                Lang::Da => d,
                Lang::En => e,
            }
            .to_owned(),
        )
    }
}

#[test]
fn exclusions_read_with_danish_dates_plurals_and_terms() {
    let m = Exclusion::NoFreePlace { free: 1, needed: 2 }.message();
    assert_eq!(da(&m), "1 ledig plads; 2 skal bruges");
    assert_eq!(en(&m), "1 free place; 2 needed");
    let m = Exclusion::NoFreePlace { free: 0, needed: 1 }.message();
    assert_eq!(da(&m), "0 ledige pladser; 1 skal bruges");
    let m = Exclusion::Age {
        age: 10,
        min: 11,
        max: 17,
    }
    .message();
    assert_eq!(en(&m), "Age 10 at the start is outside 11–17");
    let m = Exclusion::ExpiresBeforeStart {
        until: date("2026-12-10"),
        start: date("2026-12-11"),
    }
    .message();
    assert_eq!(
        da(&m),
        "Godkendelsen udløber 10.12.2026, før start 11.12.2026"
    );
    let m = Exclusion::SupportLevel {
        kind: PlacementKind::GeneralFosterFamily,
        max: NeedLevel::Moderate,
    }
    .message();
    assert_eq!(da(&m), "Almen plejefamilie: støttebehov op til moderate");
    let m = Exclusion::TargetArea(TargetArea::Disability).message();
    assert_eq!(da(&m), "Ikke godkendt til målgruppen: Handicap");
    let m = Exclusion::SevereNeedUncovered(code("substance_use")).message();
    assert_eq!(da(&m), "Ingen kompetence til svært behov: Rusmidler");
    assert_eq!(en(&m), "No competence for a severe need: Substance use");
    // Without the vocabulary at hand a need shows as its code, never as "?".
    assert_eq!(
        render(Lang::En, &m),
        "No competence for a severe need: substance_use"
    );
    let m = Exclusion::Unsuitable("breakdown in 2024".into()).message();
    assert_eq!(en(&m), "Recorded as unsuitable: breakdown in 2024");
}

#[test]
fn scores_reasons_count_and_name_in_the_readers_words() {
    assert_eq!(
        da(&Reason::AllNeeds(1).message()),
        "Dækker barnets ene behov"
    );
    assert_eq!(en(&Reason::AllNeeds(3).message()), "Covers all 3 needs");
    let some = Reason::SomeNeeds {
        needs: vec![
            (code("adhd"), NeedLevel::Moderate),
            (code("substance_use"), NeedLevel::Moderate),
            (code("trauma"), NeedLevel::Light),
        ]
        .into(),
        full: 1,
        partly: 0b001,
        not: 0b100,
    };
    assert_eq!(
        en(&some.message()),
        "Covers 1 of 3 needs fully; partly: ADHD; not: Trauma"
    );
    assert_eq!(
        da(&some.message()),
        "Dækker 1 af 3 behov fuldt; delvist: ADHD; ikke: Traumer"
    );
    let school = Reason::School(SchoolReason::Distance(15.01)).message();
    assert_eq!(da(&school), "15,0 km til skolen");
    assert_eq!(en(&school), "15.0 km from the school");
    let two = Reason::Schools(vec![
        SchoolReason::NotSchoolAge,
        SchoolReason::Distance(3.0),
    ]);
    assert_eq!(da(&two.message()), "Ikke i skolealderen; 3,0 km til skolen");
    let speaks = Reason::Speaks(vec!["ar".into(), "da".into(), "tr".into()].into()).message();
    assert_eq!(da(&speaks), "Taler arabisk, dansk og tyrkisk");
    assert_eq!(en(&speaks), "Speaks Arabic, Danish and Turkish");
    let not = Reason::DoesNotSpeak(vec!["uk".into()]).message();
    assert_eq!(da(&not), "Taler ikke ukrainsk");
    assert_eq!(
        en(&Reason::DoesNotSpeak(vec!["xx".into()]).message()),
        "Does not speak XX"
    );
    assert_eq!(en(&Reason::Breakdowns(1).message()), "1 earlier breakdown");
    assert_eq!(
        da(&Reason::Breakdowns(0).message()),
        "Ingen sammenbrud hos stedet"
    );
    assert_eq!(
        da(&Reason::Breakdowns(2).message()),
        "2 tidligere sammenbrud"
    );
    assert_eq!(da(&Reason::DayRate(2600).message()), "Døgntakst 2.600 kr.");
    assert_eq!(en(&Reason::DayRate(2600).message()), "Day rate DKK 2,600");
    let tier = Reason::FamilyTier {
        level: NeedLevel::Light,
        over: 2,
    };
    assert_eq!(
        da(&tier.message()),
        "Langt mere specialiseret end lette støttebehov kalder på"
    );
    assert_eq!(
        en(&Reason::KnowsFamily("respite care".into()).message()),
        "The child knows the family (respite care)"
    );
}

#[test]
fn a_network_carer_is_told_by_the_distance_to_the_parents_not_zero_km() {
    let own = Reason::Near {
        parents: Some(222.39),
        network: None,
        is_network: true,
    }
    .message();
    assert_eq!(da(&own), "Barnets eget netværk; 222,4 km til forældrene");
    assert_eq!(
        en(&own),
        "The child's own network; 222.4 km from the parents"
    );
    let other = Reason::Near {
        parents: Some(1234.5),
        network: Some(0.04),
        is_network: false,
    }
    .message();
    assert_eq!(
        da(&other),
        "1.234,5 km til forældrene; 0,0 km til netværket"
    );
}

#[test]
fn flags_and_the_recommendations_words() {
    assert_eq!(
        da(&FlagKind::CapacityConfirmedDaysAgo(1).message()),
        "Ledige pladser sidst bekræftet for 1 dag siden"
    );
    assert_eq!(
        en(&FlagKind::CapacityConfirmedDaysAgo(40).message()),
        "Free places last confirmed 40 days ago"
    );
    let meets = Message::new("advice.meet_every_requirement")
        .int("count", 1)
        .decimal("score", 82.5, 1);
    assert_eq!(
        da(&meets),
        "1 familiebaseret sted opfylder alle krav; det scorer 82,5"
    );
    let counted = Message::new("advice.excluded_count")
        .int("count", 150)
        .int("total", 150)
        .clauses(
            "example",
            vec![Exclusion::SevereNeedUncovered(code("substance_use")).message()],
        );
    assert_eq!(
        da(&counted),
        "150 af 150 familiebaserede steder udelukket, fx: Ingen kompetence til svært behov: Rusmidler"
    );
    let severe = Message::new("advice.severe_needs_uncovered").list(
        "needs",
        vec![Arg::Need(code("substance_use")), Arg::Need(code("trauma"))],
    );
    assert_eq!(
        en(&severe),
        "No family-based option covers the severe needs: Substance use and Trauma"
    );
    let network = Message::new("advice.network_excluded")
        .int("count", 1)
        .clauses("why", vec![Exclusion::NetworkForAnotherChild.message()]);
    assert_eq!(
        en(&network),
        "The network family is excluded: A network family approved for another child"
    );
    let stay = Message::new("advice.institutional_stay").int("months", 6);
    assert!(da(&stay).contains("på 6 måneder"), "{}", da(&stay));
}
