//! axe-core (vendored from the npm registry, `tests/vendor/axe-core`) run in Chromium on the
//! pages each role uses, logged in as that role on the demo municipality: no serious or
//! critical violations. Then a keyboard-only walk: the case adviser reaches a placement's plan
//! and records progress with the keyboard alone.

use fantoccini::Locator;
use fantoccini::key::Key;
use kith_tests::a11y::{
    open_every_section, press, title_problem, violations, weak_focus_rings, zoom,
};
use kith_tests::browser::{Browser, replaced};

/// Opens `step` and checks the page three ways: axe as it loads; its title against its
/// heading; and axe again with every collapsed section open at 200 % zoom.
async fn check(b: &Browser, base: &str, who: &str, step: &str, found: &mut Vec<String>) {
    let path = kith_tests::journeys::walk(b, base, who, step).await;
    for v in violations(b).await {
        found.push(format!("{who} {path}: {v}"));
    }
    if let Some(t) = title_problem(b).await {
        found.push(format!("{who} {path}: {t}"));
    }
    open_every_section(b).await;
    zoom(b, true).await;
    for v in violations(b).await {
        found.push(format!("{who} {path} (opened, 200 %): {v}"));
    }
    zoom(b, false).await;
}

/// Every page template (`web/templates/pages`), on the pages where each role uses it.
async fn every_page_of_every_role_passes_axe(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    kith_tests::journeys::a_submitted_proposal(&demo).await;
    let password = kith_demo::DEMO_PASSWORD;
    let journeys = kith_tests::journeys::EVERY_PAGE;
    let mut found = Vec::new();
    {
        let b = Browser::start().await;
        b.client
            .goto(&format!("{}/login", demo.base))
            .await
            .unwrap();
        for v in violations(&b).await {
            found.push(format!("anonymous /login: {v}"));
        }
        b.client
            .goto(&format!("{}/password-reset/not-a-link", demo.base))
            .await
            .unwrap();
        for v in violations(&b).await {
            found.push(format!("anonymous /password-reset: {v}"));
        }
        // The checker itself works: an image without a text alternative is reported.
        b.client
            .execute(
                "const i = document.createElement('img'); i.src = '/static/favicon.svg'; document.querySelector('main').appendChild(i);",
                vec![],
            )
            .await
            .unwrap();
        let broken = violations(&b).await;
        assert!(
            broken.iter().any(|v| v.starts_with("image-alt")),
            "axe reports a missing alt text: {broken:?}"
        );
        b.close().await;
    }
    for (who, steps) in journeys {
        let b = Browser::start().await;
        b.login(&demo.base, who, password).await;
        for step in *steps {
            check(&b, &demo.base, who, step, &mut found).await;
        }
        b.close().await;
    }
    assert!(
        found.is_empty(),
        "accessibility violations:\n{}",
        found.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_every_role_passes_axe_on_sqlite() {
    every_page_of_every_role_passes_axe(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_every_role_passes_axe_on_postgres() {
    every_page_of_every_role_passes_axe(kith_tests::Engine::Postgres).await;
}

/// The focused element's tag, name attribute, href and text.
async fn focused(b: &Browser) -> (String, String, String, String) {
    let a = b.client.active_element().await.unwrap();
    (
        a.tag_name().await.unwrap_or_default(),
        a.attr("name").await.ok().flatten().unwrap_or_default(),
        a.attr("href").await.ok().flatten().unwrap_or_default(),
        a.text().await.unwrap_or_default(),
    )
}

/// Tabs until `found` says the focus is where we want it (at most `max` presses).
async fn tab_to(
    b: &Browser,
    max: usize,
    found: impl Fn(&(String, String, String, String)) -> bool,
) -> bool {
    for _ in 0..max {
        press(b, Key::Tab).await;
        if found(&focused(b).await) {
            return true;
        }
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adviser_records_progress_with_the_keyboard_alone() {
    let demo = kith_tests::DemoApp::spawn(kith_tests::Engine::Sqlite).await;
    let b = Browser::start().await;
    b.login(&demo.base, "adviser@kith.test", kith_demo::DEMO_PASSWORD)
        .await;
    b.client
        .goto(&format!("{}/caseload", demo.base))
        .await
        .unwrap();
    let href = b
        .client
        .find(Locator::Css("table.caseload tbody tr th a"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    // Past the skip link and the menu to the first placement on the caseload.
    assert!(
        tab_to(&b, 40, |f| f.2 == href).await,
        "the caseload's first placement is reachable with Tab"
    );
    press(&b, Key::Enter).await;
    b.client
        .wait()
        .for_element(Locator::Id("goals"))
        .await
        .unwrap();
    // To the first goal's "record progress", opened with Enter.
    assert!(
        tab_to(&b, 120, |f| f.0 == "summary" && f.3.contains("fremdrift")).await,
        "the progress form is reachable with Tab"
    );
    press(&b, Key::Enter).await;
    // The date keeps today; the value: a number, or "reached" for a yes/no goal.
    // (A date field takes a Tab per part: day, month, year.)
    assert!(
        tab_to(&b, 8, |f| f.1 == "value").await,
        "the value field follows"
    );
    let value = b.client.active_element().await.unwrap();
    if value.tag_name().await.unwrap() != "select" {
        value.send_keys("3").await.unwrap();
    }
    assert!(
        tab_to(&b, 8, |f| f.0 == "button").await,
        "the save button follows the form's fields"
    );
    // The answer is the same page again: wait for this one to be gone, not for an element
    // both have.
    let before = b.client.find(Locator::Id("goals")).await.unwrap();
    press(&b, Key::Enter).await;
    replaced(&before).await;
    b.client
        .wait()
        .for_element(Locator::Id("goals"))
        .await
        .unwrap();
    let url = b.client.current_url().await.unwrap();
    assert!(url.path().starts_with("/placements/"), "{url}");
    assert_eq!(
        url.fragment().map(|f| f.starts_with("goal-")),
        Some(true),
        "{url}"
    );
    b.close().await;
}

/// Tabs to the first element matching `css` (by its href) and follows it with Enter; then
/// waits for `then` on the next page.
async fn keyboard_follow(b: &Browser, css: &str, then: &str) {
    let href = b
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{css} has no href"));
    assert!(
        tab_to(b, 150, |f| f.2 == href).await,
        "{css} ({href}) is reachable with Tab"
    );
    press(b, Key::Enter).await;
    b.client
        .wait()
        .for_element(Locator::Css(then))
        .await
        .unwrap_or_else(|e| panic!("after {css}, {then}: {e}"));
}

/// A login, the page to start on, and the links to follow: (link, what the next page shows).
type Journey<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// Each role's main journey with the keyboard alone: the consultant from the week to a visit's
/// record form, the match unit from a waiting child to its ranked options, the leader from the
/// dashboard to the units' placements, the administrator from the users to one user's form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_walks_its_main_journey_by_keyboard() {
    let demo = kith_tests::DemoApp::spawn(kith_tests::Engine::Sqlite).await;
    let password = kith_demo::DEMO_PASSWORD;
    let journeys: &[Journey] = &[
        (
            "consultant@kith.test",
            "/week",
            &[("li.visit a.button", "form[action$='/record']")],
        ),
        (
            "matcher@kith.test",
            "/children?placement_requested=true",
            &[
                ("#children tbody tr a", "#find-options"),
                ("#find-options", "ol.ranking"),
            ],
        ),
        (
            "leader03@kith.test",
            "/dashboard",
            &[("nav a[href='/caseload']", "table.caseload tbody tr")],
        ),
        (
            "admin@kith.test",
            "/admin/users",
            &[("#users tbody tr a", "form")],
        ),
    ];
    for (who, start, steps) in journeys {
        let b = Browser::start().await;
        b.login(&demo.base, who, password).await;
        b.client
            .goto(&format!("{}{start}", demo.base))
            .await
            .unwrap();
        for (css, then) in *steps {
            keyboard_follow(&b, css, then).await;
        }
        b.close().await;
    }
}

/// The focus ring stands out wherever the keyboard lands: on the dark header, on the page, on
/// cards, buttons and fields — at least 3:1 against what lies beside it (WCAG 1.4.11).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_focus_ring_stands_out_wherever_it_lands() {
    let demo = kith_tests::DemoApp::spawn(kith_tests::Engine::Sqlite).await;
    let b = Browser::start().await;
    b.login(&demo.base, "consultant@kith.test", kith_demo::DEMO_PASSWORD)
        .await;
    let mut weak = Vec::new();
    for path in ["/week", "/me"] {
        b.client
            .goto(&format!("{}{path}", demo.base))
            .await
            .unwrap();
        weak.extend(weak_focus_rings(&b, 40).await);
    }
    assert!(weak.is_empty(), "weak focus rings:\n{}", weak.join("\n"));
    // The check itself works: past the header, a ring as pale as the page's lines is reported.
    b.client.goto(&format!("{}/week", demo.base)).await.unwrap();
    for _ in 0..12 {
        press(&b, Key::Tab).await;
    }
    b.client
        .execute(
            "document.documentElement.style.setProperty('--ink', '#d5dbd9');",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        !weak_focus_rings(&b, 3).await.is_empty(),
        "a pale ring on the page is found weak"
    );
    b.close().await;
}
