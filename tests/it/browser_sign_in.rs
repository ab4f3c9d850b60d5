//! In a real Chromium, in Danish, on the demo municipality: a foster-care consultant signs in
//! through the municipality's identity provider (a real OpenID provider, `kith_tests::oidc`),
//! works, signs out of Kith and of the provider at once; someone the provider knows but Kith
//! does not is told, in Danish, what to do.

use fantoccini::Locator;
use kith_app::sign_in::SignInSettings;
use kith_tests::browser::Browser;
use kith_tests::oidc::Provider;

async fn a_consultant_signs_in_through_the_municipality(engine: kith_tests::Engine) {
    let mut started = None;
    let demo = kith_tests::DemoApp::spawn_signing_in(engine, |base| {
        let op = Provider::start(base);
        let settings = op.settings();
        started = Some(op);
        SignInSettings {
            passwords: true,
            providers: vec![settings],
        }
    })
    .await;
    let op = started.expect("provider");
    let base = demo.base.clone();
    let consultant = kith_store::users::find_by_email(
        demo.app.db().conn(),
        &kith_domain::Email::parse("consultant@kith.test").unwrap(),
    )
    .await
    .unwrap()
    .expect("the demo consultant");
    op.add(
        "8d1e-0042",
        "consultant@kith.test",
        true,
        &consultant.user.name,
        &[],
    )
    .await;

    let b = Browser::start().await;
    b.client.goto(&format!("{base}/week")).await.unwrap();
    let button = b.text_of("#providers a").await;
    assert_eq!(button, "Log ind med Testkommune");
    b.screenshot_to_docs("login-provider-da").await;
    b.click(Locator::Css("#providers a")).await;
    // The provider's own page.
    b.type_into("login", "8d1e-0042").await;
    b.click(Locator::Css("button[type=submit]")).await;
    // Back in Kith, on the page she asked for, as herself.
    assert_eq!(b.text_of("header .user-name").await, consultant.user.name);
    let at = b.client.current_url().await.unwrap();
    assert_eq!(at.path(), "/week", "{at}");

    // Signing out of Kith signs out of the municipality's login too.
    b.click(Locator::Css("form[action='/logout'] button")).await;
    assert_eq!(
        b.text_of("#signed-out").await,
        "Du er logget ud af Kith og af kommunens login."
    );
    b.click(Locator::Css("#providers a")).await;
    let asked = b.text_of("h1").await;
    assert_eq!(asked, "Log ind hos Testkommune", "the provider asks again");

    // Someone the provider knows and Kith does not: told what to do, in Danish.
    op.add("ffff-0007", "vikar@kommune.test", true, "Vikar", &[])
        .await;
    b.type_into("login", "ffff-0007").await;
    b.click(Locator::Css("button[type=submit]")).await;
    let refused = b.text_of("#refused").await;
    assert!(
        refused.starts_with(
            "Kommunens login kender dig som vikar@kommune.test, men Kith kan ikke knytte det til en bruger."
        ),
        "{refused}"
    );
    b.screenshot_to_docs("login-refused-da").await;
    // Someone else at the same computer: trying again, the provider asks who it is.
    b.click(Locator::Css("#providers a")).await;
    assert_eq!(b.text_of("h1").await, "Log ind hos Testkommune");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_signs_in_through_the_municipality_sqlite() {
    a_consultant_signs_in_through_the_municipality(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_signs_in_through_the_municipality_postgres() {
    a_consultant_signs_in_through_the_municipality(kith_tests::Engine::Postgres).await;
}
