//! The case adviser keeps the network search in a real Chromium, in Danish, on the demo
//! municipality on Monday 16 November 2026: she adds the grandmother to the child's network,
//! records that she was asked and refused, is told beside the field that a refusal needs its
//! reason (what she chose kept), writes it, and sees the record and where the search stands.
//! (The leader reading the search beside a place outside the network is walked in
//! `browser::matcher_proposes_and_leader_approves`.)

use fantoccini::Locator;
use kith_tests::browser::Browser;

/// Waits for the page after a form is sent to show this element.
async fn wait_for(b: &Browser, xpath: &str) {
    b.client
        .wait()
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath}: {e}"));
}

async fn submit(b: &Browser, action_ends: &str) {
    b.click(Locator::Css(&format!(
        "form[action$='{action_ends}'] button[type='submit']"
    )))
    .await;
}

async fn an_adviser_keeps_the_network_search(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let base = demo.base.clone();
    let b = Browser::start().await;
    b.login(&base, "adviser@kith.test", kith_demo::DEMO_PASSWORD)
        .await;
    b.client.goto(&format!("{base}/children")).await.unwrap();
    b.click(Locator::Css("main table tbody tr a")).await;
    kith_tests::a11y::open_every_section(&b).await;
    assert!(
        b.text_of("#network-search h2")
            .await
            .contains("Netværkssøgning")
    );

    // The grandmother joins the network.
    b.type_into("np-name", "Mormor Kirsten").await;
    b.type_into("np-relation", "mormor").await;
    submit(&b, "/network").await;
    wait_for(&b, "//td[text()='Mormor Kirsten']").await;
    kith_tests::a11y::open_every_section(&b).await;

    // Asked on Thursday 12 November; refused, but no reason written.
    b.click(Locator::XPath(
        "//select[@id='ask_network_person_id']/option[contains(., 'Mormor Kirsten')]",
    ))
    .await;
    b.set_value("ask_asked_on", "2026-11-12").await;
    b.click(Locator::Css("#ask_outcome option[value='refused']"))
        .await;
    submit(&b, "/network-search").await;
    wait_for(&b, "//p[@id='ask_reason-error']").await;
    let error = b.text_of("#ask_reason-error").await;
    assert_eq!(error, "Skriv, hvorfor personen er afvist.");
    let described = b
        .client
        .find(Locator::Id("ask_reason"))
        .await
        .unwrap()
        .attr("aria-describedby")
        .await
        .unwrap();
    assert_eq!(described.as_deref(), Some("ask_reason-error"));
    // What she chose is kept.
    let outcome = b
        .client
        .find(Locator::Id("ask_outcome"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(outcome.as_deref(), Some("refused"));
    let day = b
        .client
        .find(Locator::Id("ask_asked_on"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(day.as_deref(), Some("2026-11-12"));

    // With the reason, the record is kept and the search says where it stands.
    b.type_into(
        "ask_reason",
        "Mormor er for syg til at have et barn boende.",
    )
    .await;
    submit(&b, "/network-search").await;
    wait_for(
        &b,
        "//table[@id='search-records']//td[contains(., 'Mormor er for syg')]",
    )
    .await;
    let records = b.text_of("#search-records").await;
    assert!(records.contains("12.11.2026"), "{records}");
    assert!(records.contains("Mormor Kirsten"), "{records}");
    assert!(records.contains("Afvist"), "{records}");
    assert!(
        records.contains("Mormor er for syg til at have et barn boende."),
        "{records}"
    );
    let state = b.text_of("#search-state").await;
    assert!(
        state.starts_with("Søgningen er afsluttet")
            || state.starts_with("Søgningen er ikke afsluttet"),
        "{state}"
    );
    b.screenshot_to_docs("network_search").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adviser_keeps_the_network_search_sqlite() {
    an_adviser_keeps_the_network_search(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adviser_keeps_the_network_search_postgres() {
    an_adviser_keeps_the_network_search(kith_tests::Engine::Postgres).await;
}
