//! In a real Chromium, in Danish, on the demo municipality (Monday 16 November 2026): the
//! consultant stands in for a colleague this week and next, and finds the colleague's items on
//! her own week; she names her own stand-in for a week in February — told beside the last day
//! when it lies before the first, what she typed kept — and the page says it is done.

use fantoccini::Locator;
use kith_tests::browser::Browser;

async fn user(demo: &kith_tests::DemoApp, email: &str) -> kith_store::users::UserRecord {
    kith_store::users::find_by_email(
        demo.app.db().conn(),
        &kith_domain::Email::parse(email).unwrap(),
    )
    .await
    .unwrap()
    .expect("a demo user")
}

async fn a_consultant_stands_in_and_names_her_own_stand_in(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let base = demo.base.clone();
    let away = user(&demo, "consultant02@kith.test").await.user.name;
    let third = user(&demo, "consultant03@kith.test").await.user;
    let b = Browser::start().await;
    b.login(&base, "consultant@kith.test", kith_demo::DEMO_PASSWORD)
        .await;

    // Her week: the colleague's items this week, in a section of their own. The demo's cover
    // runs from Monday 16 to Friday 27 November.
    b.client.goto(&format!("{base}/week")).await.unwrap();
    let title = b.text_of("section.cover h2").await;
    assert!(
        title.starts_with(&format!(
            "Stedfortræder for {away} · 16.11.2026 – 27.11.2026"
        )),
        "{title}"
    );
    // On the day-by-day overview too, each marked whose it is.
    let days = b.text_of("#days").await;
    assert!(days.contains(&format!("for {away}")), "{days}");
    b.client
        .execute(
            "document.querySelector('section.cover').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    b.screenshot_to_docs("week-cover-da").await;

    // Her own page leads to her stand-ins: the week she is away in December is there.
    b.client.goto(&format!("{base}/me")).await.unwrap();
    b.click(Locator::Css("#cover a.button")).await;
    let listed = b.text_of("#covers table").await;
    assert!(listed.contains("07.12.2026 – 11.12.2026"), "{listed}");
    assert!(listed.contains(&third.name), "{listed}");

    // A week in February with the last day typed before the first: told beside it, kept.
    b.set_value("first_day", "2027-02-08").await;
    b.set_value("last_day", "2027-02-05").await;
    b.set_value("stand_in_id", &third.id.to_string()).await;
    b.click(Locator::Css("#cover-form button[type=submit]"))
        .await;
    assert_eq!(
        b.text_of("#last_day-error").await,
        "Den sidste dag ligger før den første. Ret datoerne."
    );
    let last = b.client.find(Locator::Id("last_day")).await.unwrap();
    assert_eq!(
        last.prop("value").await.unwrap().as_deref(),
        Some("2027-02-05")
    );
    assert_eq!(
        last.attr("aria-describedby").await.unwrap().as_deref(),
        Some("last_day-error")
    );
    let chosen = b.client.find(Locator::Id("stand_in_id")).await.unwrap();
    assert_eq!(
        chosen.prop("value").await.unwrap(),
        Some(third.id.to_string())
    );

    // Corrected: named, and the page says so.
    b.set_value("last_day", "2027-02-12").await;
    b.click(Locator::Css("#cover-form button[type=submit]"))
        .await;
    assert_eq!(
        b.text_of("#cover-notice").await,
        "Stedfortræderen er udpeget."
    );
    let listed = b.text_of("#covers table").await;
    assert!(listed.contains("08.02.2027 – 12.02.2027"), "{listed}");
    b.screenshot_to_docs("cover-da").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_stands_in_and_names_her_own_stand_in_sqlite() {
    a_consultant_stands_in_and_names_her_own_stand_in(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_stands_in_and_names_her_own_stand_in_postgres() {
    a_consultant_stands_in_and_names_her_own_stand_in(kith_tests::Engine::Postgres).await;
}
