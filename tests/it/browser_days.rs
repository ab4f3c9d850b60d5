//! Each role's working day as one walk in a real Chromium, in Danish, on the demo
//! municipality on Monday 16 November 2026 (the adviser's review, the matcher's choice and
//! the leader's approval, and the leader's figure down to a case are walked in
//! `browser_plan`, `browser` and `browser::a_leader_opens_a_figure_down_to_a_case`).

use fantoccini::Locator;
use kith_tests::browser::Browser;
use kith_tests::journeys::walk;

/// The number in a section heading's count, "(4)".
async fn count_in(b: &Browser, section: &str) -> usize {
    let text = b
        .client
        .find(Locator::Css(&format!("#{section} h2 .count")))
        .await
        .unwrap_or_else(|e| panic!("#{section}: {e}"))
        .text()
        .await
        .unwrap();
    text.trim_matches(['(', ')'])
        .parse()
        .unwrap_or_else(|_| panic!("#{section}: {text}"))
}

/// The consultant's Monday: she lands on her week, which says what today holds and where;
/// she records the longest overdue supervision visit with what the child said, and her week
/// has one overdue visit less; she marks an agreement done; she takes Wednesday off, and her
/// week says so; she makes a calendar address to paste into Outlook.
async fn a_consultants_monday(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let base = demo.base.clone();
    let b = Browser::start().await;
    b.login(&base, "consultant@kith.test", kith_demo::DEMO_PASSWORD)
        .await;
    assert_eq!(b.client.current_url().await.unwrap().path(), "/week");
    let lang = b
        .client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap();
    assert_eq!(lang.as_deref(), Some("da"), "the demo reads Danish");
    // Today is Monday 16.11.2026, marked as today in the day-by-day list.
    let today = b.text_of("#days li.day.today").await;
    assert!(today.starts_with("Mandag 16.11.2026"), "{today}");
    assert!(today.contains("i dag"), "{today}");

    // The longest overdue visit first; recorded with the child seen alone and its words.
    let overdue = count_in(&b, "overdue").await;
    assert!(overdue >= 1, "the demo consultant has a backlog");
    walk(&b, &base, "consultant", "follow #overdue li.visit a.button").await;
    b.click(Locator::Id("seen_yes")).await;
    b.type_into(
        "child_view",
        "Jeg kan godt lide at bo her, men savner min bror.",
    )
    .await;
    b.type_into(
        "observations",
        "Roligt besøg; plejemor og barnet lavede mad sammen.",
    )
    .await;
    b.click(Locator::Id("record")).await;
    b.client
        .wait()
        .for_element(Locator::Id("recorded"))
        .await
        .expect("the placement's page confirms the record");
    walk(&b, &base, "consultant", "/week").await;
    assert_eq!(count_in(&b, "overdue").await, overdue - 1);

    // An agreement she holds, marked done from the week.
    let agreements = count_in(&b, "agreements").await;
    assert!(agreements >= 1, "the demo consultant holds an agreement");
    let before = b.client.find(Locator::Css("main h1")).await.unwrap();
    b.click(Locator::Css("#agreements li.agreement button[type=submit]"))
        .await;
    kith_tests::browser::replaced(&before).await;
    walk(&b, &base, "consultant", "/week").await;
    assert_eq!(count_in(&b, "agreements").await, agreements - 1);

    // Wednesday 18 November off, picked as a date; the week says so.
    walk(&b, &base, "consultant", "/me").await;
    let day = b.client.find(Locator::Id("days_off-0")).await.unwrap();
    assert_eq!(day.attr("type").await.unwrap().as_deref(), Some("date"));
    b.client
        .execute(
            "document.getElementById('days_off-0').value = '2026-11-18';",
            vec![],
        )
        .await
        .unwrap();
    let before = b.client.find(Locator::Css("main h1")).await.unwrap();
    b.client
        .execute(
            "document.getElementById('days_off-0').closest('form').requestSubmit();",
            vec![],
        )
        .await
        .unwrap();
    kith_tests::browser::replaced(&before).await;
    walk(&b, &base, "consultant", "/week").await;
    let wednesday = b.text_of("#days li.day[data-day='2026-11-18']").await;
    assert!(wednesday.starts_with("Onsdag 18.11.2026"), "{wednesday}");
    assert!(wednesday.contains("fridag"), "{wednesday}");
    assert!(wednesday.contains("Ingen besøg"), "{wednesday}");
    b.screenshot_to_docs("consultant-monday-da").await;

    // A calendar address with a copy button and the steps for Outlook.
    walk(&b, &base, "consultant", "/me").await;
    let before = b.client.find(Locator::Css("main h1")).await.unwrap();
    b.click(Locator::Css("form[action='/me/calendar'] button"))
        .await;
    kith_tests::browser::replaced(&before).await;
    let url = b
        .client
        .find(Locator::Id("calendar-url"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(url.starts_with("http"), "{url}");
    b.client
        .find(Locator::Css("button[data-copy='calendar-url']"))
        .await
        .expect("a copy button beside the address");
    let help = b.text_of("details.calendar-help summary").await;
    assert!(help.contains("Outlook"), "{help}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultants_monday_sqlite() {
    a_consultants_monday(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultants_monday_postgres() {
    a_consultants_monday(kith_tests::Engine::Postgres).await;
}
