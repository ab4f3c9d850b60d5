//! In a real Chromium, in Danish, on the demo municipality (Monday 16 November 2026): the
//! consultant keeps the record of the children in a family's home — told beside the date when
//! it lies in the future, what she typed kept — and the match unit then reads the flag it
//! raises, with its source, on the child's options; the case adviser opens the child's plan as
//! a document for the family, with its PDF beside it.

use fantoccini::Locator;
use kith_tests::browser::Browser;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn user_id(demo: &kith_tests::DemoApp, email: &str) -> i64 {
    kith_store::users::find_by_email(
        demo.app.db().conn(),
        &kith_domain::Email::parse(email).unwrap(),
    )
    .await
    .unwrap()
    .expect("a demo user")
    .user
    .id
}

/// A general foster family of the consultant's that never confirmed its home (the demo's
/// every third family).
async fn unconfirmed_family(demo: &kith_tests::DemoApp, consultant: i64) -> i64 {
    use kith_store::entities::placement_option;
    placement_option::Entity::find()
        .filter(placement_option::Column::ResponsibleConsultantId.eq(consultant))
        .filter(placement_option::Column::Kind.eq("general_foster_family"))
        .filter(placement_option::Column::HouseholdConfirmedOn.is_null())
        .order_by_asc(placement_option::Column::Id)
        .one(demo.app.db().conn())
        .await
        .unwrap()
        .expect("an unconfirmed family of the consultant")
        .id
}

async fn a_consultant_keeps_a_familys_home(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let base = demo.base.clone();
    let consultant = user_id(&demo, "consultant@kith.test").await;
    let option = unconfirmed_family(&demo, consultant).await;
    let b = Browser::start().await;
    b.login(&base, "consultant@kith.test", kith_demo::DEMO_PASSWORD)
        .await;
    b.client
        .goto(&format!("{base}/options/{option}"))
        .await
        .unwrap();
    assert_eq!(b.text_of("#household h2").await, "Børn i hjemmet");
    assert_eq!(
        b.text_of("#household-confirmed").await,
        "Senest bekræftet med familien: aldrig"
    );

    // A son typed as born next March: told beside the date, the date kept.
    b.set_value("children_0__born_on", "2027-03-01").await;
    b.click(Locator::Css("#household-save")).await;
    let error = b.text_of("#children_0__born_on-error").await;
    assert_eq!(error, "Fødselsdatoen ligger i fremtiden. Ret datoen.");
    let field = b
        .client
        .find(Locator::Id("children_0__born_on"))
        .await
        .unwrap();
    assert_eq!(
        field.attr("aria-describedby").await.unwrap().as_deref(),
        Some("children_0__born_on-error")
    );
    assert_eq!(
        field.prop("value").await.unwrap().as_deref(),
        Some("2027-03-01")
    );

    // Born 1 June 2015: saved and confirmed today; 11 years old on 16 November 2026.
    b.set_value("children_0__born_on", "2015-06-01").await;
    b.click(Locator::Css("#household-save")).await;
    assert_eq!(
        b.text_of("#household-saved").await,
        "Gemt. Børn i hjemmet er bekræftet i dag."
    );
    let list = b.text_of("#household-list").await;
    assert_eq!(list, "01.06.2015 (11 år) · Plejeforældrenes eget barn");
    assert_eq!(
        b.text_of("#household-confirmed").await,
        "Senest bekræftet med familien: 16.11.2026"
    );
    b.screenshot_to_docs("household-da").await;
    b.close().await;
}

async fn an_adviser_opens_the_childs_plan_for_the_family(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let base = demo.base.clone();
    let adviser = user_id(&demo, "adviser@kith.test").await;
    let placement = {
        use kith_store::entities::placement;
        placement::Entity::find()
            .filter(placement::Column::AdviserId.eq(adviser))
            .filter(placement::Column::Status.eq("active"))
            .order_by_asc(placement::Column::Id)
            .one(demo.app.db().conn())
            .await
            .unwrap()
            .expect("a running placement of the adviser")
            .id
    };
    let b = Browser::start().await;
    b.login(&base, "adviser@kith.test", kith_demo::DEMO_PASSWORD)
        .await;
    b.client
        .goto(&format!("{base}/placements/{placement}"))
        .await
        .unwrap();
    kith_tests::a11y::open_every_section(&b).await;
    b.click(Locator::Id("plan-document")).await;
    assert_eq!(b.text_of("#document h1").await, "Barnets plan");
    let facts = b.text_of("#document .document-facts").await;
    assert!(facts.contains("Født"), "{facts}");
    assert!(facts.contains("Anbragt siden"), "{facts}");
    let pdf = b
        .client
        .find(Locator::Id("document-pdf"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap();
    assert_eq!(
        pdf.as_deref(),
        Some(format!("/api/v1/placements/{placement}/documents/plan?lang=da").as_str())
    );
    assert_eq!(
        b.text_of("#document-other-language").await,
        "Dokumentet på engelsk"
    );
    b.screenshot_to_docs("document-plan-da").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_keeps_a_familys_home_sqlite() {
    a_consultant_keeps_a_familys_home(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_keeps_a_familys_home_postgres() {
    a_consultant_keeps_a_familys_home(kith_tests::Engine::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adviser_opens_the_childs_plan_for_the_family_sqlite() {
    an_adviser_opens_the_childs_plan_for_the_family(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adviser_opens_the_childs_plan_for_the_family_postgres() {
    an_adviser_opens_the_childs_plan_for_the_family(kith_tests::Engine::Postgres).await;
}
