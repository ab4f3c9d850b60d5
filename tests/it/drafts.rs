//! Drafts (issue 17, point 11): a visit record or a plan review being written is kept for its
//! author, and survives the end of the session — saving after it asks for a new login and
//! lands back on the form with the text, instead of a blank 405 page and the text lost.

use kith_tests::web::{csrf_in, danish};
use kith_tests::{TEST_PASSWORD, TestApp, db_test};
use reqwest::header::{LOCATION, REFERER};

/// A page's status and text.
async fn get(http: &reqwest::Client, url: &str) -> (u16, String) {
    let r = http.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Sends a form from the page at `page`, as its browser does (the `Referer` is the page).
async fn send(
    http: &reqwest::Client,
    page: &str,
    url: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    http.post(url)
        .header(REFERER, page)
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// The session's end as the server sees it when it times out: it no longer knows the session.
async fn sessions_time_out(app: &TestApp) {
    let later = "2100-01-01T00:00:00Z".parse().unwrap();
    kith_store::sessions::delete_expired(app.app.db().conn(), later)
        .await
        .unwrap();
}

/// The consultant's first support visit of a child placed on 1 December, on 15 December.
async fn a_visit_to_record(app: &TestApp) -> (kith_tests::wheel::Placed, i64) {
    let p = kith_tests::wheel::place(app, "Ida", "2026-12-01").await;
    let visit = kith_tests::wheel::items(app, &app.staff.consultant, p.placement, "support").await
        [0]["id"]
        .as_i64()
        .unwrap();
    app.set_now("2026-12-15T09:00:00Z");
    (p, visit)
}

db_test!(
    a_visit_record_being_written_survives_the_end_of_the_session,
    |app| {
        let (p, visit) = a_visit_to_record(&app).await;
        let http = danish(&app, &app.staff.consultant).await;
        let page = format!("{}/visits/{visit}", app.base);
        let (_, html) = get(&http, &page).await;
        assert!(
            html.contains(&format!("data-draft=\"/drafts/visit-record/{visit}\"")),
            "the record form is kept as it is written"
        );
        let csrf = csrf_in(&html);

        // The page's script keeps what is typed (here sent as it sends it).
        let said = "Ida viste mig sit værelse & sin nye cykel.";
        let draft = format!("{}/drafts/visit-record/{visit}", app.base);
        let typed = [
            ("csrf", csrf.as_str()),
            ("held_on", "2026-12-14"),
            ("observations", said),
            ("fu_what", "Ring til skolen om lektiehjælp"),
            ("fu_owner", "adviser"),
            ("fu_due", "2027-01-15"),
        ];
        let r = send(&http, &page, &draft, &typed).await;
        assert_eq!(r.status(), 204);
        // Keeping case text is a change to the child's data: audited against Ida, once.
        let kept = app.audit_rows("draft.save").await;
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].child_id, Some(p.child));
        assert_eq!(kept[0].actor_id, Some(app.staff.consultant.id));

        // The session times out while she writes; she saves the record.
        sessions_time_out(&app).await;
        let record = format!("{}/visits/{visit}/record", app.base);
        let r = send(&http, &page, &record, &typed).await;
        assert_eq!(r.status(), 303, "asked to log in, not a blank page");
        assert_eq!(
            r.headers()[LOCATION],
            format!("/login?next=%2Fvisits%2F{visit}&expired=1").as_str()
        );
        // Nothing was recorded.
        let v = app
            .client(&app.staff.consultant)
            .get(&format!("/api/v1/visits/{visit}"))
            .await
            .expect(200)
            .body;
        assert_eq!(v["status"], "planned", "{v}");

        // The login page says why, in Danish; logging in again lands on the visit.
        let login_page = format!("{}/login?next=%2Fvisits%2F{visit}&expired=1", app.base);
        let (status, login) = get(&http, &login_page).await;
        assert_eq!(status, 200);
        assert!(login.contains("Du blev logget ud"), "{login}");
        let r = send(
            &http,
            &login_page,
            &format!("{}/login", app.base),
            &[
                ("csrf", csrf_in(&login).as_str()),
                ("email", app.staff.consultant.email.as_str()),
                ("password", TEST_PASSWORD),
                ("next", &format!("/visits/{visit}")),
            ],
        )
        .await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()[LOCATION], format!("/visits/{visit}").as_str());

        // The form holds what she wrote, and says it is her draft.
        let (_, html) = get(&http, &page).await;
        assert!(html.contains("id=\"draft-restored\""), "{html}");
        assert!(html.contains("Formularen er udfyldt med din kladde"));
        // (askama writes `&` as `&#38;`)
        assert!(
            html.contains("Ida viste mig sit værelse &#38; sin nye cykel."),
            "{html}"
        );
        assert!(html.contains("value=\"Ring til skolen om lektiehjælp\""));
        assert!(html.contains("<option value=\"adviser\" selected>"));
        assert!(html.contains("value=\"2027-01-15\""));

        // Saved now, the visit is recorded and the draft forgotten.
        let csrf = csrf_in(&html);
        let mut again = typed;
        again[0] = ("csrf", csrf.as_str());
        let r = send(&http, &page, &record, &again).await;
        assert_eq!(r.status(), 303);
        let key = format!("visit-record/{visit}");
        let since = "2000-01-01T00:00:00Z".parse().unwrap();
        let left =
            kith_store::drafts::get(app.app.db().conn(), app.staff.consultant.id, &key, since)
                .await
                .unwrap();
        assert!(
            left.is_none(),
            "the draft is forgotten once the record is saved"
        );
    }
);

db_test!(
    a_draft_is_written_only_by_who_may_write_the_form_and_is_bounded,
    |app| {
        let (_, visit) = a_visit_to_record(&app).await;
        let since = "2000-01-01T00:00:00Z".parse().unwrap();
        let key = format!("visit-record/{visit}");
        let draft = format!("{}/drafts/visit-record/{visit}", app.base);
        let page = format!("{}/visits/{visit}", app.base);

        // The case adviser reads the visit but does not record it: no draft of it either.
        let adviser = danish(&app, &app.staff.adviser).await;
        let (_, html) = get(&adviser, &page).await;
        let r = send(
            &adviser,
            &page,
            &draft,
            &[("csrf", &csrf_in(&html)), ("observations", "Ikke min")],
        )
        .await;
        assert_eq!(r.status(), 403);
        let conn = app.app.db().conn();
        let stored = kith_store::drafts::get(conn, app.staff.adviser.id, &key, since).await;
        assert!(stored.unwrap().is_none());
        assert!(app.audit_rows("draft.save").await.is_empty());

        // A draft larger than a long record is refused, naming the problem; nothing kept.
        let consultant = danish(&app, &app.staff.consultant).await;
        let (_, html) = get(&consultant, &page).await;
        let csrf = csrf_in(&html);
        let long = "a".repeat(70 * 1024);
        let r = send(
            &consultant,
            &page,
            &draft,
            &[("csrf", &csrf), ("observations", &long)],
        )
        .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Kladden er for lang"));
        let stored = kith_store::drafts::get(conn, app.staff.consultant.id, &key, since).await;
        assert!(stored.unwrap().is_none());

        // A form without drafts, and a visit that does not exist, are not found.
        for path in ["/drafts/goal/1", "/drafts/visit-record/999999"] {
            let r = send(
                &consultant,
                &page,
                &format!("{}{path}", app.base),
                &[("csrf", &csrf), ("observations", "x")],
            )
            .await;
            assert_eq!(r.status(), 404, "{path}");
        }

        // Without the session's token (another site's form) nothing is kept, whoever is logged in.
        let r = send(
            &consultant,
            &page,
            &draft,
            &[
                ("csrf", "forged-token-of-the-right-length"),
                ("observations", "x"),
            ],
        )
        .await;
        assert_eq!(r.status(), 403);
        let stored = kith_store::drafts::get(conn, app.staff.consultant.id, &key, since).await;
        assert!(stored.unwrap().is_none());
    }
);

db_test!(
    a_plan_review_being_written_is_kept_and_can_be_thrown_away,
    |app| {
        let p = kith_tests::wheel::place(&app, "Ida", "2026-12-01").await;
        app.set_now("2026-12-15T09:00:00Z");
        let http = danish(&app, &app.staff.adviser).await;
        let page = format!("{}/placements/{}", app.base, p.placement);
        let (_, html) = get(&http, &page).await;
        let csrf = csrf_in(&html);
        let review = format!("{}/placements/{}/reviews", app.base, p.placement);

        // A review that comes back with a problem keeps the child's words and the decision.
        let words = "Ida vil gerne blive boende og gå til svømning.";
        let r = send(
            &http,
            &page,
            &review,
            &[
                ("csrf", csrf.as_str()),
                ("held_on", "2027-02-01"),
                ("decision", "adjust_goals"),
                ("child_view", words),
            ],
        )
        .await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains(words), "the child's words are kept");
        assert!(html.contains("<option value=\"adjust_goals\" selected>"));

        // Kept as a draft, it is there the next time the adviser opens the placement.
        let draft = format!("{}/drafts/plan-review/{}", app.base, p.placement);
        let typed = [
            ("csrf", csrf.as_str()),
            ("held_on", "2026-12-14"),
            ("decision", "adjust_goals"),
            ("child_view", words),
        ];
        let r = send(&http, &page, &draft, &typed).await;
        assert_eq!(r.status(), 204);
        let (_, html) = get(&http, &page).await;
        assert!(html.contains("id=\"draft-restored\""));
        assert!(html.contains(words));
        assert!(html.contains("value=\"2026-12-14\""));

        // Thrown away, it is gone.
        let discard = format!("{}/drafts/plan-review/{}/discard", app.base, p.placement);
        let r = send(&http, &page, &discard, &[("csrf", csrf.as_str())]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            r.headers()[LOCATION],
            format!("/placements/{}#reviews", p.placement).as_str()
        );
        let (_, html) = get(&http, &page).await;
        assert!(!html.contains("id=\"draft-restored\""));
        assert!(!html.contains(words));

        // Written again, then emptied again: nothing is kept, and the form opens fresh.
        let r = send(&http, &page, &draft, &typed).await;
        assert_eq!(r.status(), 204);
        let emptied = [
            ("csrf", csrf.as_str()),
            ("held_on", "2026-12-14"),
            ("decision", "adjust_goals"),
            ("child_view", "  "),
        ];
        let r = send(&http, &page, &draft, &emptied).await;
        assert_eq!(r.status(), 204);
        let (_, html) = get(&http, &page).await;
        assert!(
            !html.contains("id=\"draft-restored\""),
            "an empty draft is not kept"
        );
    }
);

/// The consultant's journey in Chromium, in Danish, on the demo: she writes her record of an
/// overdue visit, the page keeps it as she types, her session ends before she saves; she is
/// asked to log in again, told why, and is back on the visit with her text in the form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_logs_in_again_and_finds_her_record_where_she_left_it() {
    use fantoccini::Locator;
    use kith_tests::browser::{Browser, replaced};
    let demo = kith_tests::DemoApp::spawn(kith_tests::Engine::Sqlite).await;
    let b = Browser::start().await;
    let who = "consultant@kith.test";
    b.login(&demo.base, who, kith_demo::DEMO_PASSWORD).await;
    kith_tests::journeys::walk(&b, &demo.base, who, "/week").await;
    let visit =
        kith_tests::journeys::walk(&b, &demo.base, who, "follow #overdue li.visit a.button").await;
    let said = "Vi talte om skolen; hun glæder sig til juleferien.";
    b.type_into("observations", said).await;
    // The status beside the save button says when the draft was kept.
    b.client
        .wait()
        .for_element(Locator::XPath(
            "//*[contains(@class, 'draft-status') and starts-with(normalize-space(.), 'Kladde gemt kl.')]",
        ))
        .await
        .expect("the draft is kept as she writes");

    // Her session times out before she saves.
    let later = "2100-01-01T00:00:00Z".parse().unwrap();
    kith_store::sessions::delete_expired(demo.app.db().conn(), later)
        .await
        .unwrap();
    let before = b.client.find(Locator::Css("main h1")).await.unwrap();
    b.click(Locator::Id("record")).await;
    replaced(&before).await;
    b.client
        .wait()
        .for_element(Locator::Id("expired"))
        .await
        .expect("the login page says why");
    b.screenshot_to_docs("session-expired-da").await;

    b.sign_in_here(who, kith_demo::DEMO_PASSWORD).await;
    b.client
        .wait()
        .for_element(Locator::Id("draft-restored"))
        .await
        .expect("back on the visit, told the form holds her draft");
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.path(), visit);
    let text = b
        .client
        .find(Locator::Id("observations"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(text, said);
    b.screenshot_to_docs("draft-restored-da").await;
    b.close().await;
}
