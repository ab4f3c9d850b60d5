//! In a real Chromium, as each demo role, in Danish: every page of the role's journeys reads
//! Danish — no snake_case code and no English word from a deny-list in the visible text — and
//! each form's mistakes are told in Danish, next to their field, with what was typed kept.
//! Then the same walks in English (pages without codes; forms in English words).

use fantoccini::Locator;
use kith_tests::browser::Browser;
use kith_tests::journeys::{EVERY_PAGE, a_submitted_proposal, walk};
use regex::Regex;

/// English words a Danish page must not show. Each is a word people would read (not a code),
/// chosen so none is also a Danish word.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "with",
    "from",
    "must",
    "required",
    "none",
    "overdue",
    "planned",
    "excluded",
    "recommendation",
    "options",
    "needs",
    "save",
    "cancel",
    "children",
    "goals",
    "visits",
    "placement",
    "placements",
    "speaks",
    "covers",
    "family",
    "network",
    "review",
    "minutes",
    "days",
    "not",
    "is",
    "are",
    "free",
    "week",
    "today",
];

/// What in a page's visible text is not Danish: snake_case codes and deny-listed words.
fn not_danish(text: &str) -> Vec<String> {
    let code = Regex::new(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b").unwrap();
    let word = Regex::new(&format!(r"(?i)\b(?:{})\b", ENGLISH.join("|"))).unwrap();
    let mut found: Vec<String> = code
        .find_iter(text)
        .map(|m| format!("code `{}`", m.as_str()))
        .collect();
    for line in text.lines() {
        if let Some(m) = word.find(line) {
            found.push(format!("English `{}` in “{}”", m.as_str(), line.trim()));
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_detector_finds_codes_and_english_and_passes_danish() {
    assert!(not_danish("Anbringelsesform: Anden familiepleje · 82,5 point").is_empty());
    assert!(not_danish("Udslusningsmål nået 10.12.2026").is_empty());
    assert_eq!(
        not_danish("Type: general_foster_family"),
        ["code `general_foster_family`"]
    );
    assert_eq!(not_danish("Does not speak Arabic").len(), 1);
    assert_eq!(not_danish("3 family-based options").len(), 1);
}

/// The visible text of the page's main part, leaving out what is marked as not Danish on
/// purpose: identifiers in `<code>` (a need's code for the administrator who manages the
/// vocabulary, the audit trail's raw detail) and text marked as another language (`lang`).
async fn body_text(b: &Browser) -> String {
    b.client
        .execute(
            "const hidden = [...document.querySelectorAll('main code, main [lang]:not([lang=da])')];
             hidden.forEach(e => { e.dataset.was = e.style.display; e.style.display = 'none'; });
             const text = document.querySelector('main').innerText;
             hidden.forEach(e => { e.style.display = e.dataset.was; });
             return text;",
            vec![],
        )
        .await
        .expect("the page's text")
        .as_str()
        .unwrap_or("")
        .to_owned()
}

/// snake_case codes in a text (what an English page must not show either).
fn codes_in(text: &str) -> Vec<String> {
    not_danish(text)
        .into_iter()
        .filter(|f| f.starts_with("code "))
        .collect()
}

async fn every_page_of_every_demo_role_reads_danish(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    a_submitted_proposal(&demo).await;
    let mut found = Vec::new();
    let mut pages = 0;
    for (who, steps) in EVERY_PAGE {
        // In Danish: no code and no English word. Then the same walk in English: no code
        // (the data people typed is Danish, so Danish words are not a finding there).
        for lang in ["da", "en"] {
            let b = logged_in(&demo, who, lang).await;
            for step in *steps {
                let path = walk(&b, &demo.base, who, step).await;
                pages += 1;
                let text = body_text(&b).await;
                let wrong = if lang == "da" {
                    not_danish(&text)
                } else {
                    codes_in(&text)
                };
                for f in wrong {
                    found.push(format!("{who} {lang} {path}: {f}"));
                }
            }
            // Back to Danish for the next walk (the switch is the user's setting; the walk may
            // end on the not-found page, which does not know the user).
            if lang == "en" {
                b.client.goto(&format!("{}/me", demo.base)).await.unwrap();
                b.click(Locator::Css("form.lang button")).await;
                b.client
                    .wait()
                    .for_element(Locator::Css("html[lang=da]"))
                    .await
                    .unwrap();
            }
            b.close().await;
        }
    }
    assert!(
        pages >= 60,
        "the journeys cover every page, twice ({pages})"
    );
    assert!(
        found.is_empty(),
        "not Danish on {} places:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_every_demo_role_reads_danish_sqlite() {
    every_page_of_every_demo_role_reads_danish(kith_tests::Engine::Sqlite).await;
}

/// The text of the field error shown inside the element with this id's field wrapper.
async fn error_next_to(b: &Browser, input_id: &str) -> String {
    b.client
        .execute(
            "const i = document.getElementById(arguments[0]);
             const f = i && i.closest('.field');
             const e = f && f.querySelector('.field-error');
             return e ? e.innerText : '';",
            vec![serde_json::json!(input_id)],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or("")
        .to_owned()
}

async fn value_of(b: &Browser, input_id: &str) -> String {
    b.client
        .find(Locator::Id(input_id))
        .await
        .unwrap_or_else(|e| panic!("#{input_id}: {e}"))
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn summary(b: &Browser) -> Vec<(String, String)> {
    let v = b
        .client
        .execute(
            "return [...document.querySelectorAll('#problems li a')]
               .map(a => [a.innerText, a.getAttribute('href')]);",
            vec![],
        )
        .await
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The case adviser records progress on a goal with a value its scale does not have, and
/// registers a child without a name: each mistake is told next to its field, in the page's
/// language, in words that say what to do, and what was typed is still there.
async fn forms_tell_mistakes_in_the_readers_language(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    for (lang, scale_error, name_error, name_label) in [
        (
            "da",
            "Skriv et helt tal fra 0 til 10.",
            "Udfyld feltet.",
            "Navn: ",
        ),
        (
            "en",
            "Enter a whole number from 0 to 10.",
            "Fill in this field.",
            "Name: ",
        ),
    ] {
        let b = logged_in(&demo, "adviser@kith.test", lang).await;
        // A placement on the caseload with an active goal measured on a scale.
        b.client
            .goto(&format!("{}/caseload", demo.base))
            .await
            .unwrap();
        let placements = b
            .client
            .execute(
                "return [...document.querySelectorAll('table.caseload tbody tr th a')].map(a => a.href);",
                vec![],
            )
            .await
            .unwrap();
        let mut value_id = String::new();
        for href in placements.as_array().unwrap() {
            b.client.goto(href.as_str().unwrap()).await.unwrap();
            let found = b
                .client
                .execute(
                    "const i = document.querySelector('input[name=value][data-measure=scale]');
                     if (!i) return null; i.closest('details').open = true; return i.id;",
                    vec![],
                )
                .await
                .unwrap();
            if let Some(id) = found.as_str() {
                value_id = id.to_owned();
                break;
            }
        }
        assert!(
            !value_id.is_empty(),
            "a demo placement with a goal on a scale"
        );
        let goal = value_id.trim_start_matches("value-").to_owned();
        b.type_into(&value_id, "11").await;
        b.type_into(&format!("note-{goal}"), "Går næsten hver dag")
            .await;
        b.client
            .execute(
                "document.getElementById(arguments[0]).closest('form').submit();",
                vec![serde_json::json!(value_id)],
            )
            .await
            .unwrap();
        b.client
            .wait()
            .for_element(Locator::Css(".field-error"))
            .await
            .unwrap();
        assert_eq!(error_next_to(&b, &value_id).await, scale_error, "{lang}");
        // The summary links to the goal's own value field (its id carries the goal's id).
        let top = summary(&b).await;
        assert!(
            top.iter().any(|(_, href)| *href == format!("#{value_id}")),
            "{lang}: {top:?}"
        );
        assert_eq!(
            value_of(&b, &value_id).await,
            "11",
            "the value typed is kept"
        );
        assert_eq!(
            value_of(&b, &format!("note-{goal}")).await,
            "Går næsten hver dag",
            "the note typed is kept"
        );
        assert!(
            error_next_to(&b, &format!("recorded_on-{goal}"))
                .await
                .is_empty(),
            "the date field has no error"
        );
        error_state_is_accessible(&b, "progress").await;
        if lang == "da" {
            b.screenshot_to_docs("form-errors-progress-da").await;
        }

        // A child without a name: the summary links to the field; the rest is kept.
        b.client
            .goto(&format!("{}/children/new", demo.base))
            .await
            .unwrap();
        // A date field takes its value as the browser's locale writes dates; set it directly.
        b.client
            .execute(
                "document.getElementById('birth_date').value = '2014-03-15';
                 document.getElementById('languages').value = '';",
                vec![],
            )
            .await
            .unwrap();
        b.type_into("languages", "da, ar").await;
        b.click(Locator::Css("main form button[type=submit]")).await;
        b.client
            .wait()
            .for_element(Locator::Id("problems"))
            .await
            .unwrap();
        let top = summary(&b).await;
        assert!(
            top.iter().any(|(text, href)| *text == format!("{name_label}{name_error}")
                && href == "#name"),
            "{lang}: {top:?}"
        );
        for (text, _) in &top {
            assert!(!text.contains('_'), "{lang}: a code in the summary: {text}");
        }
        assert_eq!(error_next_to(&b, "name").await, name_error, "{lang}");
        assert_eq!(value_of(&b, "languages").await, "da, ar");
        assert_eq!(value_of(&b, "birth_date").await, "2014-03-15");
        error_state_is_accessible(&b, "new child").await;
        if lang == "da" {
            b.screenshot_to_docs("form-errors-da").await;
        }
        b.close().await;
    }
}

/// A form in its error state: every message tied to its field (`aria-invalid`,
/// `aria-describedby`), the focus on the summary of problems, and no axe violation with the
/// page's collapsed sections open.
async fn error_state_is_accessible(b: &Browser, what: &str) {
    let untied = kith_tests::a11y::untied_errors(b).await;
    assert!(untied.is_empty(), "{what}: {untied:?}");
    kith_tests::a11y::open_every_section(b).await;
    let found = kith_tests::a11y::violations(b).await;
    assert!(found.is_empty(), "{what}: {found:?}");
}

/// A demo user logged in, reading `lang` (switched on the page as a person would).
async fn logged_in(demo: &kith_tests::DemoApp, who: &str, lang: &str) -> Browser {
    let b = Browser::start().await;
    b.login(&demo.base, who, kith_demo::DEMO_PASSWORD).await;
    if lang == "en" {
        b.click(Locator::Css("form.lang button")).await;
        b.client
            .wait()
            .for_element(Locator::Css("html[lang=en]"))
            .await
            .unwrap();
    }
    b
}

/// Submits the form holding the element with this id and waits for the answer's page.
async fn submit_form_of(b: &Browser, id: &str) {
    let old = b.client.find(Locator::Css("main h1")).await.unwrap();
    b.client
        .execute(
            "document.getElementById(arguments[0]).closest('form').requestSubmit();",
            vec![serde_json::json!(id)],
        )
        .await
        .unwrap();
    kith_tests::browser::replaced(&old).await;
}

/// The consultant records a visit where the child was not seen alone without saying why;
/// the leader rejects a proposal without a reason; the administrator gives a new user an
/// address that is not one. Each is told next to the field, in the reader's language.
async fn every_role_is_told_its_mistakes(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    a_submitted_proposal(&demo).await;
    for (lang, why_alone, required, email, (choose_child, choose_file)) in [
        (
            "da",
            "Skriv, hvorfor barnet ikke blev set alene.",
            "Udfyld feltet.",
            "Skriv en gyldig e-mailadresse.",
            ("Vælg mindst ét barn.", "Vælg en fil."),
        ),
        (
            "en",
            "Say why the child was not seen alone.",
            "Fill in this field.",
            "Enter a valid e-mail address.",
            ("Choose at least one child.", "Choose a file."),
        ),
    ] {
        // The consultant's overdue visit, recorded with the child not seen alone.
        let b = logged_in(&demo, "consultant@kith.test", lang).await;
        walk(&b, &demo.base, "consultant", "/week").await;
        walk(
            &b,
            &demo.base,
            "consultant",
            "follow #overdue li.visit a.button",
        )
        .await;
        b.click(Locator::Id("seen_no")).await;
        b.type_into("observations", "Roligt besøg i køkkenet.")
            .await;
        submit_form_of(&b, "observations").await;
        assert_eq!(
            error_next_to(&b, "not_seen_alone_reason").await,
            why_alone,
            "{lang}"
        );
        assert_eq!(
            value_of(&b, "observations").await,
            "Roligt besøg i køkkenet."
        );
        let no = b.client.find(Locator::Id("seen_no")).await.unwrap();
        assert_eq!(no.prop("checked").await.unwrap().as_deref(), Some("true"));
        error_state_is_accessible(&b, "visit record").await;
        if lang == "da" {
            b.screenshot_to_docs("form-errors-visit-da").await;
        }
        b.close().await;

        // The match unit's leader rejects the waiting proposal without a reason.
        let b = logged_in(&demo, "leader@kith.test", lang).await;
        walk(&b, &demo.base, "leader", "/proposals?status=submitted").await;
        walk(&b, &demo.base, "leader", "follow #proposals tbody tr a").await;
        submit_form_of(&b, "reason").await;
        assert_eq!(error_next_to(&b, "reason").await, required, "{lang}");
        error_state_is_accessible(&b, "rejection").await;
        b.close().await;

        // The administrator registers a user with a mistyped address.
        let b = logged_in(&demo, "admin@kith.test", lang).await;
        walk(&b, &demo.base, "admin", "/admin/users/new").await;
        b.type_into("name", "Ny Medarbejder").await;
        b.type_into("email", "ny.medarbejder(at)kith.test").await;
        b.click(Locator::Id("role_adviser")).await;
        submit_form_of(&b, "email").await;
        assert_eq!(error_next_to(&b, "email").await, email, "{lang}");
        assert_eq!(value_of(&b, "name").await, "Ny Medarbejder");
        assert_eq!(value_of(&b, "email").await, "ny.medarbejder(at)kith.test");
        error_state_is_accessible(&b, "new user").await;
        b.close().await;

        // The matcher asks for an allocation without ticking a child.
        let b = logged_in(&demo, "matcher@kith.test", lang).await;
        walk(
            &b,
            &demo.base,
            "matcher",
            "/children?placement_requested=true",
        )
        .await;
        walk(&b, &demo.base, "matcher", "follow #allocate-link").await;
        let first = b
            .client
            .execute(
                "return document.querySelector('#waiting input[type=checkbox]').id;",
                vec![],
            )
            .await
            .unwrap();
        let first = first.as_str().expect("a waiting child to tick").to_owned();
        // The button sends the form (its name says "run").
        let before = b.client.find(Locator::Css("main h1")).await.unwrap();
        b.click(Locator::Id("allocate")).await;
        kith_tests::browser::replaced(&before).await;
        assert_eq!(error_next_to(&b, &first).await, choose_child, "{lang}");
        assert_eq!(
            value_of(&b, "start_date").await.len(),
            10,
            "the day is kept"
        );
        error_state_is_accessible(&b, "allocation").await;
        b.close().await;

        // Another consultant (the first chose her language above) presses "Importér"
        // without choosing a file.
        let b = logged_in(&demo, "consultant02@kith.test", lang).await;
        walk(&b, &demo.base, "consultant", "/options").await;
        walk(
            &b,
            &demo.base,
            "consultant",
            "follow a[href='/imports#import-options']",
        )
        .await;
        submit_form_of(&b, "file-options").await;
        assert_eq!(
            error_next_to(&b, "file-options").await,
            choose_file,
            "{lang}"
        );
        error_state_is_accessible(&b, "import").await;
        b.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_tell_mistakes_in_the_readers_language_sqlite() {
    forms_tell_mistakes_in_the_readers_language(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_is_told_its_mistakes_sqlite() {
    every_role_is_told_its_mistakes(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_tell_mistakes_in_the_readers_language_postgres() {
    forms_tell_mistakes_in_the_readers_language(kith_tests::Engine::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_is_told_its_mistakes_postgres() {
    every_role_is_told_its_mistakes(kith_tests::Engine::Postgres).await;
}

/// The first page among the adviser's caseload that has an element with this id, opened.
async fn a_caseload_placement_with(b: &Browser, base: &str, id: &str) {
    b.client.goto(&format!("{base}/caseload")).await.unwrap();
    let placements = b
        .client
        .execute(
            "return [...document.querySelectorAll('table.caseload tbody tr th a')].map(a => a.href);",
            vec![],
        )
        .await
        .unwrap();
    for href in placements.as_array().unwrap() {
        b.client.goto(href.as_str().unwrap()).await.unwrap();
        if b.client.find(Locator::Id(id)).await.is_ok() {
            kith_tests::a11y::open_every_section(b).await;
            return;
        }
    }
    panic!("no placement on the caseload has #{id}");
}

/// The forms the other walks do not send wrong, each sent wrong by the role that uses it, in
/// Danish: a new option without a name, weekly visits in words, a password too short, a plan
/// review without its day, an exit move after the stay's end, a proposal without its
/// rationale, nought visits a day in the rules, a need without its Danish name. Each mistake
/// is told beside its field, tied to it, the focus on the summary, what was typed kept, and
/// the page passes axe.
async fn every_other_form_tells_its_mistakes(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let base = demo.base.clone();

    let b = logged_in(&demo, "consultant@kith.test", "da").await;
    walk(&b, &base, "consultant", "/options/new").await;
    b.type_into("address", "Algade 1, 4000 Roskilde").await;
    submit_form_of(&b, "name").await;
    assert_eq!(error_next_to(&b, "name").await, "Udfyld feltet.");
    assert_eq!(value_of(&b, "address").await, "Algade 1, 4000 Roskilde");
    error_state_is_accessible(&b, "new option").await;

    walk(&b, &base, "consultant", "/me").await;
    b.set_value("weekly_visits", "").await;
    b.type_into("weekly_visits", "mange").await;
    submit_form_of(&b, "weekly_visits").await;
    assert_eq!(error_next_to(&b, "weekly_visits").await, "Skriv et tal.");
    assert_eq!(value_of(&b, "weekly_visits").await, "mange");
    error_state_is_accessible(&b, "weekly visits").await;

    walk(&b, &base, "consultant", "/me").await;
    b.type_into("current_password", kith_demo::DEMO_PASSWORD)
        .await;
    b.type_into("new_password", "kort").await;
    submit_form_of(&b, "new_password").await;
    assert_eq!(
        error_next_to(&b, "new_password").await,
        "Adgangskoden skal have mindst 12 tegn."
    );
    error_state_is_accessible(&b, "new password").await;
    b.close().await;

    let b = logged_in(&demo, "adviser@kith.test", "da").await;
    a_caseload_placement_with(&b, &base, "decision").await;
    b.set_value("held_on", "").await;
    b.type_into("review_child_view", "Vil gerne blive boende.")
        .await;
    submit_form_of(&b, "decision").await;
    assert_eq!(error_next_to(&b, "held_on").await, "Udfyld feltet.");
    assert_eq!(
        value_of(&b, "review_child_view").await,
        "Vil gerne blive boende."
    );
    error_state_is_accessible(&b, "plan review").await;

    a_caseload_placement_with(&b, &base, "exit_move_on").await;
    b.set_value("exit_move_on", "2030-01-01").await;
    submit_form_of(&b, "exit_move_on").await;
    let told = error_next_to(&b, "exit_move_on").await;
    assert!(
        told.starts_with("Flyttedagen ligger efter den planlagte slutdato"),
        "{told}"
    );
    assert_eq!(value_of(&b, "exit_move_on").await, "2030-01-01");
    error_state_is_accessible(&b, "exit plan").await;
    b.close().await;

    // The matcher presses "Indstil dette sted" on the first option without a rationale.
    let b = logged_in(&demo, "matcher@kith.test", "da").await;
    walk(
        &b,
        &base,
        "matcher",
        "/children?placement_requested=true&sort=waiting",
    )
    .await;
    walk(&b, &base, "matcher", "follow table.list tbody tr a").await;
    let child = b.client.current_url().await.unwrap().path().to_owned();
    walk(&b, &base, "matcher", &format!("{child}/matches")).await;
    let before = b.client.find(Locator::Css("main h1")).await.unwrap();
    b.click(Locator::Css("button.propose-this")).await;
    kith_tests::browser::replaced(&before).await;
    assert_eq!(error_next_to(&b, "rationale-1").await, "Udfyld feltet.");
    let top = summary(&b).await;
    assert!(
        top.iter().any(|(_, href)| href == "#rationale-1"),
        "the summary links to the field: {top:?}"
    );
    error_state_is_accessible(&b, "proposal").await;
    b.close().await;

    let b = logged_in(&demo, "admin@kith.test", "da").await;
    walk(&b, &base, "admin", "/admin/rules").await;
    b.set_value("wheel_daily_capacity", "0").await;
    submit_form_of(&b, "wheel_daily_capacity").await;
    assert_eq!(
        error_next_to(&b, "wheel_daily_capacity").await,
        "Skriv et antal besøg om dagen fra 1 til 10."
    );
    assert_eq!(value_of(&b, "wheel_daily_capacity").await, "0");
    error_state_is_accessible(&b, "rules").await;

    walk(&b, &base, "admin", "/admin/needs").await;
    b.set_value("da-trauma", "").await;
    b.set_value("dda-trauma", "Oplevelser, der stadig fylder.")
        .await;
    submit_form_of(&b, "da-trauma").await;
    assert_eq!(error_next_to(&b, "da-trauma").await, "Udfyld feltet.");
    assert_eq!(
        value_of(&b, "dda-trauma").await,
        "Oplevelser, der stadig fylder."
    );
    let top = summary(&b).await;
    assert!(
        top.iter()
            .any(|(text, href)| text == "Navn (dansk): Udfyld feltet." && href == "#da-trauma"),
        "{top:?}"
    );
    error_state_is_accessible(&b, "needs").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_other_form_tells_its_mistakes_sqlite() {
    every_other_form_tells_its_mistakes(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_other_form_tells_its_mistakes_postgres() {
    every_other_form_tells_its_mistakes(kith_tests::Engine::Postgres).await;
}
