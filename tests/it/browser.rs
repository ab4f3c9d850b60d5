//! In a real Chromium: log in, open the children list, open one child.

use fantoccini::Locator;
use kith_tests::browser::Browser;
use kith_tests::fixtures::child;
use kith_tests::{TEST_PASSWORD, db_test};

db_test!(an_adviser_logs_in_lists_children_and_opens_one, |app| {
    let adviser = app.client(&app.staff.adviser);
    for name in ["Freja Holm", "Oscar Lund"] {
        adviser
            .post("/api/v1/children", &child(name))
            .await
            .expect(201);
    }
    let b = Browser::start().await;
    b.login(&app.base, "adviser@kith.test", TEST_PASSWORD).await;
    b.client
        .goto(&format!("{}/children", app.base))
        .await
        .unwrap();
    let rows = b
        .client
        .find_all(Locator::Css("#children tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    let first = b
        .client
        .find(Locator::LinkText("Freja Holm"))
        .await
        .unwrap();
    first.click().await.unwrap();
    let h1 = b
        .client
        .wait()
        .for_element(Locator::Id("child-name"))
        .await
        .unwrap();
    assert_eq!(h1.text().await.unwrap(), "Freja Holm");
    let facts = b
        .client
        .find(Locator::Css("dl.facts"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(facts.contains("Alma Adviser"), "{facts}");
    b.close().await;
});

/// Each role of the demo municipality logs in and lands on its daily work. With
/// `KITH_SCREENSHOTS=docs/screenshots` the pages are saved for the README.
async fn demo_roles_land_on_their_work(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let password = kith_demo::DEMO_PASSWORD;
    let cases = [
        (
            "adviser@kith.test",
            "/caseload",
            "table.caseload",
            "adviser",
        ),
        ("matcher@kith.test", "/children", "#children", "matcher"),
        (
            "consultant@kith.test",
            "/week",
            "#overdue, #due, #upcoming",
            "consultant",
        ),
        // The advisory teams' leader: the match unit's leader has no placements to count.
        (
            "leader03@kith.test",
            "/dashboard",
            "table.compact",
            "leader",
        ),
        ("admin@kith.test", "/admin/users", "#users", "admin"),
        ("revisor@kith.test", "/audit", "#audit", "auditor"),
    ];
    for (email, path, table, shot) in cases {
        let b = Browser::start().await;
        b.login(&demo.base, email, password).await;
        let url = b.client.current_url().await.unwrap();
        assert!(url.path().starts_with(path), "{email} lands on {url}");
        let rows_css = if path == "/week" {
            "li.visit".to_owned()
        } else {
            format!("{table} tbody tr")
        };
        let rows = b.client.find_all(Locator::Css(&rows_css)).await.unwrap();
        assert!(!rows.is_empty(), "{email} sees work on {path}");
        b.screenshot_to_docs(shot).await;
        if email == "leader03@kith.test" {
            // The demo's year gives every figure something to rest on: proposals with their
            // days, short stays that ended, consultants who changed, breakdowns.
            for figure in [
                "fig-request-to-proposal",
                "fig-proposal-to-decision",
                "fig-stay-length",
                "fig-exit-reached",
                "fig-consultant-changes",
                "fig-breakdowns",
            ] {
                let shown = b
                    .client
                    .find(Locator::Id(figure))
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                assert!(
                    !shown.starts_with('–') && !shown.starts_with("0,0"),
                    "{figure}: {shown}"
                );
            }
        }
        if email == "adviser@kith.test" {
            // The most urgent placement on the caseload, with its plan.
            b.click(Locator::Css("table.caseload tbody tr th a")).await;
            b.client
                .wait()
                .for_element(Locator::Id("goals"))
                .await
                .unwrap();
            let goals = b.client.find_all(Locator::Css("li.goal")).await.unwrap();
            assert!(!goals.is_empty(), "the demo placement has a plan");
            b.screenshot_to_docs("placement").await;
            b.client
                .goto(&format!("{}/children", demo.base))
                .await
                .unwrap();
            b.client
                .find(Locator::Css("#children tbody tr a"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            b.client
                .wait()
                .for_element(Locator::Id("child-name"))
                .await
                .unwrap();
            b.screenshot_to_docs("child").await;
        }
        if email == "consultant@kith.test" {
            // The demo consultant holds an agreement made at a visit, already overdue: on
            // the week, flagged, with its one-click "Udført".
            let agreements = b
                .client
                .find_all(Locator::Css("#agreements li.agreement.state-overdue"))
                .await
                .unwrap();
            assert!(!agreements.is_empty(), "the consultant's overdue agreement");
            b.client
                .execute(
                    "document.getElementById('agreements').scrollIntoView()",
                    vec![],
                )
                .await
                .unwrap();
            b.screenshot_to_docs("agreements").await;
            b.client
                .execute("window.scrollTo(0, 0)", vec![])
                .await
                .unwrap();
            // The year of the first placement on the week.
            b.click(Locator::Css("li.visit .visit-who a")).await;
            b.client
                .wait()
                .for_element(Locator::Css("ol.months"))
                .await
                .unwrap();
            b.screenshot_to_docs("year").await;
            b.client.goto(&format!("{}/team", demo.base)).await.unwrap();
            let charts = b
                .client
                .find_all(Locator::Css("figure.chart svg"))
                .await
                .unwrap();
            assert!(
                !charts.is_empty(),
                "the team's year shows a chart per consultant"
            );
            b.screenshot_to_docs("team").await;
        }
        b.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_roles_land_on_their_work_sqlite() {
    demo_roles_land_on_their_work(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_roles_land_on_their_work_postgres() {
    demo_roles_land_on_their_work(kith_tests::Engine::Postgres).await;
}

/// Free places of an option, worked out from the rows (approved places minus current
/// placements), independently of the code under test.
async fn free_places(app: &kith_app::App, option: i64) -> i64 {
    let o = kith_store::options::get(app.db().conn(), option)
        .await
        .unwrap()
        .unwrap();
    let taken = kith_store::placements::places_taken(app.db().conn(), option)
        .await
        .unwrap();
    i64::from(o.approved_places) - i64::from(taken)
}

/// The matcher proposes an option for a waiting demo child; a leader approves it; the
/// option has one free place less.
async fn matcher_proposes_and_leader_approves(engine: kith_tests::Engine) {
    let demo = kith_tests::DemoApp::spawn(engine).await;
    let password = kith_demo::DEMO_PASSWORD;
    let b = Browser::start().await;
    b.login(&demo.base, "matcher@kith.test", password).await;
    // The matcher lands on the children waiting for a placement; one without siblings, so
    // that one place is taken.
    b.client
        .find(Locator::XPath(
            "//table[@id='children']//tr[td and not(td[1]/span[contains(@class,'tag')])]/td[1]/a",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.client
        .wait()
        .for_element(Locator::Id("find-options"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.client
        .wait()
        .for_element(Locator::Css("ol.ranking"))
        .await
        .unwrap();
    let options = b
        .client
        .find_all(Locator::Css("ol.ranking > li.option"))
        .await
        .unwrap();
    assert!(!options.is_empty(), "ranked options are shown");
    let scores = b
        .client
        .find_all(Locator::Css("ol.ranking .score-number"))
        .await
        .unwrap();
    assert!(!scores.is_empty());
    b.screenshot_to_docs("matching").await;
    // Made for choosing: each option's criteria folded until asked for, the page at most about
    // three screens tall.
    let (height, screen): (f64, f64) = serde_json::from_value(
        b.client
            .execute(
                "return [document.documentElement.scrollHeight, window.innerHeight];",
                vec![],
            )
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(
        height <= 3.5 * screen,
        "{height} px for a screen of {screen} px"
    );
    let folded = b
        .client
        .find_all(Locator::Css("ol.ranking details.criteria:not([open])"))
        .await
        .unwrap();
    assert_eq!(
        folded.len(),
        options.len(),
        "every option's criteria folded"
    );
    // The rationale first, then "propose this one" beside the chosen option.
    let propose = b
        .client
        .find(Locator::Css("ol.ranking button.propose-this"))
        .await
        .unwrap();
    let option_id: i64 = propose
        .attr("value")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    let before = free_places(&demo.app, option_id).await;
    assert!(before >= 1);
    let form = b
        .client
        .form(Locator::Css("form.proposal-form"))
        .await
        .unwrap();
    form.set_by_name(
        "rationale",
        "Tæt på skolen og mormor; familien har erfaring med tilknytning.",
    )
    .await
    .unwrap();
    propose.click().await.unwrap();
    let status = match b
        .client
        .wait()
        .for_element(Locator::Id("proposal-status"))
        .await
    {
        Ok(s) => s,
        Err(e) => {
            let src = b.client.source().await.unwrap_or_default();
            let problems = src
                .find("class=\"problems\"")
                .map(|i| &src[i..(i + 600).min(src.len())])
                .unwrap_or(&src[..src.len().min(1500)]);
            panic!("no proposal page ({e}): {problems}");
        }
    };
    assert_eq!(
        status.text().await.unwrap(),
        "Afventer afgørelse",
        "submitted to a leader"
    );
    b.close().await;

    let b = Browser::start().await;
    b.login(&demo.base, "leader@kith.test", password).await;
    b.client
        .goto(&format!("{}/proposals?status=submitted", demo.base))
        .await
        .unwrap();
    b.client
        .find(Locator::Css("#proposals tbody tr a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    if b.client
        .wait()
        .for_element(Locator::Id("approve"))
        .await
        .is_err()
    {
        let src = b.client.source().await.unwrap_or_default();
        let url = b.client.current_url().await.unwrap();
        let main = src
            .find("<main")
            .map(|i| &src[i..(i + 3000).min(src.len())])
            .unwrap_or("");
        panic!("no approve button at {url}: {main}");
    }
    b.screenshot_to_docs("proposal").await;
    // A children's home needs the stay's exit goal before it is approved.
    if let Ok(goal) = b
        .client
        .find(Locator::Css("#exit_goal option[value='home']"))
        .await
    {
        goal.click().await.unwrap();
    }
    // A place outside the child's network: the leader reads where the network search stands,
    // and approving without saying why is refused beside the reason's field.
    if b.client.find(Locator::Id("approval_reason")).await.is_ok() {
        let search = b
            .client
            .find(Locator::Id("network-search"))
            .await
            .expect("the network search beside the decision")
            .text()
            .await
            .unwrap();
        assert!(search.contains("Netværkssøgning"), "{search}");
        assert!(
            search.contains("Ingen i netværket er spurgt endnu")
                || search.contains("Søgningen er ikke afsluttet")
                || search.contains("ældre end 180 dage"),
            "{search}"
        );
        b.client
            .find(Locator::Id("approve"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let error = b
            .client
            .wait()
            .for_element(Locator::Id("approval_reason-error"))
            .await
            .expect("the missing reason told beside its field")
            .text()
            .await
            .unwrap();
        assert!(
            error.contains("Netværkssøgningen er ikke afsluttet"),
            "{error}"
        );
        if let Ok(goal) = b
            .client
            .find(Locator::Css("#exit_goal option[value='home']"))
            .await
        {
            goal.click().await.unwrap();
        }
        b.client
            .find(Locator::Id("approval_reason"))
            .await
            .unwrap()
            .send_keys("Mormor er afvist, og der er ingen andre i netværket.")
            .await
            .unwrap();
    }
    b.client
        .find(Locator::Id("approve"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    if let Err(e) = b
        .client
        .wait()
        .for_element(Locator::XPath(
            "//span[@id='proposal-status' and text()='Godkendt']",
        ))
        .await
    {
        let src = b.client.source().await.unwrap_or_default();
        let main = src
            .find("<main")
            .map(|i| &src[i..(i + 3000).min(src.len())])
            .unwrap_or("");
        let problems: Vec<&str> = src
            .match_indices("field-error")
            .map(|(i, _)| &src[i..(i + 300).min(src.len())])
            .chain(
                src.match_indices("problems")
                    .map(|(i, _)| &src[i..(i + 600).min(src.len())]),
            )
            .collect();
        panic!("not approved ({e}): {main} {problems:?}");
    }
    assert_eq!(
        free_places(&demo.app, option_id).await,
        before - 1,
        "the option's free places fell by one"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matcher_proposes_and_leader_approves_sqlite() {
    matcher_proposes_and_leader_approves(kith_tests::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matcher_proposes_and_leader_approves_postgres() {
    matcher_proposes_and_leader_approves(kith_tests::Engine::Postgres).await;
}

// A consultant opens the week, records the first support visit of a new placement, and finds
// the next one in the placement's year, a quarter later (365 / 4 = 91 days from the day held).
db_test!(a_consultant_records_a_visit_from_the_week, |app| {
    app.set_now("2027-03-10T09:00:00Z");
    let placed = kith_tests::wheel::place(&app, "Freja Holm", "2027-03-01").await;
    let b = Browser::start().await;
    b.login(&app.base, "consultant@kith.test", TEST_PASSWORD)
        .await;
    // The consultant lands on the week.
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/week");
    // The first support visit is on the week.
    b.click(Locator::Css("li.visit.visit-support a.button"))
        .await;
    b.client
        .wait()
        .for_element(Locator::Id("held_on"))
        .await
        .unwrap();
    let held_on = b
        .client
        .find(Locator::Id("held_on"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        held_on.as_deref(),
        Some("2027-03-10"),
        "held today by default"
    );
    b.click(Locator::Id("seen_yes")).await;
    b.type_into("child_view", "Glad for sit værelse.").await;
    b.click(Locator::Id("record")).await;
    b.client
        .wait()
        .for_element(Locator::Id("recorded"))
        .await
        .expect("back on the placement's year with a confirmation");
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.path(), format!("/placements/{}", placed.placement));

    // The next support visit: due 91 days after 10 March 2027, on 9 June 2027 (a Wednesday,
    // no holiday), planned inside its window of ± 10 days.
    let items =
        kith_tests::wheel::items(&app, &app.staff.consultant, placed.placement, "support").await;
    let held: Vec<_> = items.iter().filter(|v| v["status"] == "held").collect();
    assert_eq!(held.len(), 1);
    let next = items
        .iter()
        .find(|v| v["status"] == "planned")
        .expect("the next support visit");
    assert_eq!(next["due_on"], "2027-06-09");
    let planned = next["planned_on"].as_str().unwrap().to_owned();
    assert!(
        ("2027-05-30".."2027-06-20").contains(&planned.as_str()),
        "{planned}"
    );
    // On the page, that visit sits in its month's card.
    let month = b
        .client
        .find(Locator::XPath(&format!(
            "//li[@data-visit='{}']/ancestor::li[contains(@class,'month')]/h3",
            next["id"]
        )))
        .await
        .expect("the next visit is on the year view")
        .text()
        .await
        .unwrap();
    let expected = match &planned[5..7] {
        "05" => ["Maj 2027", "May 2027"],
        _ => ["Juni 2027", "June 2027"],
    };
    assert!(expected.contains(&month.as_str()), "{month}");
    b.close().await;
});

/// Each radio and checkbox of a page with its label right beside it, on the same line: the
/// label's left edge within a few pixels of the control's right edge (not at the far side of
/// the box).
async fn labels_sit_beside_their_controls(b: &Browser) -> Vec<String> {
    let far = b
        .client
        .execute(
            "return [...document.querySelectorAll('main input[type=radio], main input[type=checkbox]')]
                .map(i => { const l = document.querySelector(`label[for='${i.id}']`);
                    if (!l) return i.id + ': no label';
                    const a = i.getBoundingClientRect(), t = l.getBoundingClientRect();
                    const gap = t.left - a.right, sameLine = t.top < a.bottom && a.top < t.bottom;
                    return (gap >= 0 && gap <= 16 && sameLine) ? '' : `${i.id}: label ${gap}px away`; })
                .filter(x => x);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(far).unwrap()
}

db_test!(a_supervision_visit_records_what_the_child_said, |app| {
    app.set_now("2027-03-10T09:00:00Z");
    let placed = kith_tests::wheel::place(&app, "Freja Holm", "2027-03-01").await;
    let items =
        kith_tests::wheel::items(&app, &app.staff.consultant, placed.placement, "supervision")
            .await;
    let visit = items
        .iter()
        .find(|v| v["status"] == "planned")
        .expect("a planned supervision visit")["id"]
        .clone();
    // The consultant reads Danish.
    kith_store::users::set_locale(
        app.app.db().conn(),
        app.staff.consultant.id,
        kith_domain::Lang::Da,
    )
    .await
    .unwrap();
    let b = Browser::start().await;
    b.login(&app.base, "consultant@kith.test", TEST_PASSWORD)
        .await;
    b.client
        .goto(&format!("{}/visits/{visit}", app.base))
        .await
        .unwrap();
    let far = labels_sit_beside_their_controls(&b).await;
    assert!(far.is_empty(), "{far:?}");
    // "Yes, seen alone", and nothing of what the child said: refused, told next to the field,
    // with the answer kept.
    b.click(Locator::Id("seen_yes")).await;
    b.click(Locator::Id("record")).await;
    let error = b
        .client
        .wait()
        .for_element(Locator::Css(".has-error textarea#child_view"))
        .await
        .expect("the child's words are asked for");
    assert_eq!(
        error.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    let said = b
        .client
        .find(Locator::Id("child_view-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(said.contains("hvad barnet selv sagde"), "{said}");
    let kept = b.client.find(Locator::Id("seen_yes")).await.unwrap();
    assert_eq!(kept.prop("checked").await.unwrap().as_deref(), Some("true"));
    // With the child's words, and an agreement whose owner is not chosen: the owner is asked
    // for, next to its row; nothing is chosen for the person.
    b.type_into("child_view", "Freja vil gerne se sin mormor oftere.")
        .await;
    b.type_into("fu_what_0", "Ring til mormor om en weekend")
        .await;
    b.client
        .execute(
            "document.getElementById('fu_due_0').value = '2027-04-01';",
            vec![],
        )
        .await
        .unwrap();
    b.click(Locator::Id("record")).await;
    let asked = b
        .client
        .wait()
        .for_element(Locator::XPath(
            "//p[@class='field-error'][following-sibling::select[@id='fu_owner_0']]",
        ))
        .await
        .expect("the owner is asked for beside its select")
        .text()
        .await
        .unwrap();
    assert_eq!(asked, "Vælg, hvem aftalen er til.");
    let owner = b.client.find(Locator::Id("fu_owner_0")).await.unwrap();
    assert_eq!(owner.prop("value").await.unwrap().as_deref(), Some(""));
    owner
        .select_by_value("consultant")
        .await
        .expect("the consultant takes the agreement");
    b.click(Locator::Id("record")).await;
    b.client
        .wait()
        .for_element(Locator::Id("recorded"))
        .await
        .expect("recorded");
    b.close().await;
});

/// The advisory teams' leader's morning, in Danish on the demo: from the dashboard's overdue
/// figure to the list behind it and on to one overdue visit's placement; from the figure of
/// stays past their end to a stay, whose page shows how long past its end it is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leader_opens_a_figure_down_to_a_case() {
    let demo = kith_tests::DemoApp::spawn(kith_tests::Engine::Sqlite).await;
    let b = Browser::start().await;
    b.login(&demo.base, "leader03@kith.test", kith_demo::DEMO_PASSWORD)
        .await;
    let url = b.client.current_url().await.unwrap();
    assert_eq!(
        url.path(),
        "/dashboard",
        "the leader starts on the dashboard"
    );
    let figure = b
        .client
        .find(Locator::Css("#fig-overdue-visits a"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    b.click(Locator::Css("#fig-overdue-visits a")).await;
    b.client
        .wait()
        .for_element(Locator::Css("#visits li.visit"))
        .await
        .unwrap();
    // The list holds exactly as many visits as the figure said.
    let listed = b
        .client
        .find_all(Locator::Css("#visits li.visit"))
        .await
        .unwrap()
        .len();
    assert_eq!(listed.to_string(), figure);
    b.click(Locator::Css("#visits li.visit .visit-who a")).await;
    b.client
        .wait()
        .for_element(Locator::Id("goals"))
        .await
        .expect("the placement of the overdue visit");

    // The stays past their planned end, one of them opened.
    b.client
        .goto(&format!("{}/dashboard", demo.base))
        .await
        .unwrap();
    b.click(Locator::Css("#fig-past-end a")).await;
    b.client
        .wait()
        .for_element(Locator::Css("#stays tbody tr"))
        .await
        .unwrap();
    b.click(Locator::Css("#stays tbody tr th a")).await;
    let clock = b
        .client
        .wait()
        .for_element(Locator::Id("stay-clock"))
        .await
        .expect("the stay's clock")
        .text()
        .await
        .unwrap();
    assert!(clock.contains("over"), "past its end: {clock}");
    b.close().await;
}
