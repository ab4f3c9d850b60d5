//! Every filter form of every page a demo role walks, submitted in a real Chromium as a person
//! leaves it (each select at its default, "Alle" included) and again with its dates emptied:
//! each answer is a page in Danish, never the API's JSON, a bare status or the error page.
//! A filter that does not read (a date that is no date) answers a page that says so in
//! Danish and links back to the page without filters.

use fantoccini::Locator;
use kith_tests::browser::Browser;
use kith_tests::journeys::{EVERY_PAGE, a_submitted_proposal, walk};

/// How many GET forms the page's main part holds.
async fn filter_forms(b: &Browser) -> usize {
    let n = b
        .client
        .execute(
            "return [...document.querySelectorAll('main form')]
                .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'get').length;",
            vec![],
        )
        .await
        .unwrap();
    usize::try_from(n.as_u64().unwrap_or(0)).unwrap()
}

/// Submits the `i`-th GET form as it stands (its dates emptied when `clear_dates`) and waits
/// for the answer; returns what a person would see wrong with it, if anything.
async fn submit_filter(b: &Browser, i: usize, clear_dates: bool) -> Option<String> {
    let old = b.client.find(Locator::Css("main h1")).await.unwrap();
    b.client
        .execute(
            "const f = [...document.querySelectorAll('main form')]
                .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'get')[arguments[0]];
             if (arguments[1]) f.querySelectorAll('input[type=date]').forEach(i => { i.value = ''; });
             f.requestSubmit();",
            vec![serde_json::json!(i), serde_json::json!(clear_dates)],
        )
        .await
        .unwrap();
    kith_tests::browser::replaced(&old).await;
    let seen = b
        .client
        .execute(
            "return [document.contentType, document.documentElement.lang,
                     !!document.querySelector('main h1'),
                     document.querySelector('[data-error]')?.dataset.error || ''];",
            vec![],
        )
        .await
        .unwrap();
    let seen: (String, String, bool, String) = serde_json::from_value(seen).unwrap();
    match seen {
        (kind, _, _, _) if kind != "text/html" => Some(format!("answered {kind}")),
        (_, lang, _, _) if lang != "da" => Some(format!("a page in {lang:?}")),
        (_, _, false, _) => Some("a page without a heading".to_owned()),
        (_, _, _, error) if !error.is_empty() => Some(format!("the error page {error}")),
        _ => None,
    }
}

async fn every_filter_form_answers_a_page(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    a_submitted_proposal(&demo).await;
    let (mut found, mut submitted) = (Vec::new(), 0);
    for (who, steps) in EVERY_PAGE {
        let b = Browser::start().await;
        b.login(&demo.base, who, kith_demo::DEMO_PASSWORD).await;
        for step in *steps {
            let path = walk(&b, &demo.base, who, step).await;
            let here = b.client.current_url().await.unwrap().to_string();
            for i in 0..filter_forms(&b).await {
                for clear_dates in [false, true] {
                    b.client.goto(&here).await.unwrap();
                    submitted += 1;
                    if let Some(wrong) = submit_filter(&b, i, clear_dates).await {
                        found.push(format!(
                            "{who} {path} form {i} (dates emptied: {clear_dates}): {wrong}"
                        ));
                    }
                }
            }
            b.client.goto(&here).await.unwrap();
        }
        b.close().await;
    }
    assert!(
        submitted >= 16,
        "the walks reach the filter forms ({submitted})"
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_filter_form_answers_a_page_sqlite() {
    every_filter_form_answers_a_page(kith_tests::Engine::Sqlite).await;
}

/// A filter that does not read, typed into the address: the page says which and how to go
/// back, in Danish, as HTML; the API answers its problem document for the same query.
async fn a_filter_that_does_not_read_says_so_in_danish(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let b = Browser::start().await;
    b.login(&demo.base, "leader03@kith.test", kith_demo::DEMO_PASSWORD)
        .await;
    b.client
        .goto(&format!("{}/dashboard?from=2026-02-31", demo.base))
        .await
        .unwrap();
    let error = b.client.find(Locator::Css("[data-error]")).await.unwrap();
    assert_eq!(
        error.attr("data-error").await.unwrap().as_deref(),
        Some("422")
    );
    let text = error.text().await.unwrap();
    assert!(text.contains("Filteret kan ikke læses"), "{text}");
    let back = b
        .client
        .find(Locator::LinkText("Vis siden uden filtre"))
        .await
        .unwrap();
    assert_eq!(
        back.attr("href").await.unwrap().as_deref(),
        Some("/dashboard")
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filter_that_does_not_read_says_so_in_danish_sqlite() {
    a_filter_that_does_not_read_says_so_in_danish(kith_tests::Engine::Sqlite).await;
}
