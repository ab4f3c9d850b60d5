//! Page routes over HTTP: login redirects, CSRF, language.

use kith_tests::web::{client, csrf_in, danish};
use kith_tests::{TEST_PASSWORD, db_test};

db_test!(pages_need_a_login_and_forms_need_the_csrf_token, |app| {
    let c = client(&app.base);
    let r = c
        .get(format!("{}/children/5", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login?next=%2Fchildren%2F5");

    let login = c
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_in(&login);
    // Without the token: refused.
    let r = c
        .post(format!("{}/login", app.base))
        .form(&[("email", "adviser@kith.test"), ("password", TEST_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Wrong password: the form again, 401.
    let r = c
        .post(format!("{}/login", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "adviser@kith.test"),
            ("password", "nope"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Right: redirect to where we were going.
    let r = c
        .post(format!("{}/login", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "adviser@kith.test"),
            ("password", TEST_PASSWORD),
            ("next", "/children"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/children");
    let page = c
        .get(format!("{}/children", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Alma Adviser"),
        "the page shows who is logged in"
    );
    // The seeded users prefer English.
    assert!(html.contains("Register a child"));
    // An address that does not exist answers in her language too, with her menu.
    let missing = c
        .get(format!("{}/no-such-page", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let missing = missing.text().await.unwrap();
    assert!(
        missing.contains("Page not found") && missing.contains("Alma Adviser"),
        "{missing}"
    );
    // Nobody logged in: the visitor's language, Danish by default.
    let anonymous = client(&app.base)
        .get(format!("{}/no-such-page", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(anonymous.contains("Siden findes ikke"), "{anonymous}");
    // The logged-in session has a token of its own; the login form's no longer fits.
    let login_token = csrf;
    let csrf = csrf_in(&html);
    assert_ne!(csrf, login_token);

    // A form post to create a child without the token is refused, with it accepted.
    let r = c
        .post(format!("{}/children", app.base))
        .form(&[("name", "X")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .post(format!("{}/children", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Form Child"),
            ("birth_date", "2015-05-05"),
            ("target_area", "general"),
            ("support_level", "light"),
            ("need_trauma", "moderate"),
            ("languages", "da, en"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let created = kith_store::children::count_all(app.app.db().conn())
        .await
        .unwrap();
    assert_eq!(created, 1);

    // An invalid form comes back with the problem, and writes nothing.
    let r = c
        .post(format!("{}/children", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Bad Date"),
            ("birth_date", "2015-02-30"),
            ("target_area", "general"),
            ("support_level", "light"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("birth_date"));
    assert_eq!(
        kith_store::children::count_all(app.app.db().conn())
            .await
            .unwrap(),
        1
    );

    // Switching language is remembered for the user.
    let r = c
        .post(format!("{}/lang", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "da"),
            ("back", "/children"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = c
        .get(format!("{}/children", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Opret barn"), "Danish after switching");
});

db_test!(security_headers_are_on_every_page, |app| {
    let p = kith_tests::wheel::place(&app, "Ida Sikker", "2026-11-02").await;
    let visit = kith_tests::wheel::items(&app, &app.staff.consultant, p.placement, "support").await
        [0]["id"]
        .as_i64()
        .unwrap();
    let proposal = app
        .client(&app.staff.leader)
        .get("/api/v1/proposals")
        .await
        .expect(200)
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let s = &app.staff;
    let (c, o, pl) = (p.child, p.option, p.placement);
    // Every page route (`crates/server/src/pages`), as someone who may open it, and a few
    // answers that are not pages: an error page, a refusal, a static file, a redirect.
    let pages: Vec<(String, Option<&kith_tests::TestUser>)> = vec![
        ("/".into(), Some(&s.leader)),
        ("/login".into(), None),
        ("/password-reset/not-a-link".into(), None),
        ("/children".into(), Some(&s.adviser)),
        ("/children/new".into(), Some(&s.adviser)),
        (format!("/children/{c}"), Some(&s.adviser)),
        (format!("/children/{c}/edit"), Some(&s.adviser)),
        (format!("/children/{c}/matches"), Some(&s.leader)),
        ("/options".into(), Some(&s.consultant)),
        ("/options/new".into(), Some(&s.consultant)),
        (format!("/options/{o}"), Some(&s.consultant)),
        (format!("/options/{o}/edit"), Some(&s.consultant)),
        ("/caseload".into(), Some(&s.adviser)),
        ("/dashboard".into(), Some(&s.leader)),
        ("/dashboard/overdue".into(), Some(&s.leader)),
        ("/week".into(), Some(&s.consultant)),
        ("/team".into(), Some(&s.leader)),
        ("/team/escalated".into(), Some(&s.leader)),
        (format!("/placements/{pl}"), Some(&s.adviser)),
        (format!("/visits/{visit}"), Some(&s.consultant)),
        ("/proposals".into(), Some(&s.leader)),
        (format!("/proposals/{proposal}"), Some(&s.leader)),
        ("/me".into(), Some(&s.consultant)),
        ("/audit".into(), Some(&s.auditor)),
        ("/admin/users".into(), Some(&s.admin)),
        ("/admin/users/new".into(), Some(&s.admin)),
        (format!("/admin/users/{}", s.consultant.id), Some(&s.admin)),
        ("/admin/needs".into(), Some(&s.admin)),
        ("/admin/rules".into(), Some(&s.admin)),
        ("/no-such-page".into(), Some(&s.adviser)),
        (format!("/children/{c}"), Some(&s.adviser_b)),
        ("/children".into(), None),
        ("/static/vendor/htmx.min.js".into(), None),
    ];
    for (path, user) in pages {
        let r = user
            .map_or_else(|| app.anonymous(), |u| app.client(u))
            .get(&path)
            .await;
        let h = &r.headers;
        let who = user.map_or("nobody", |u| u.email.as_str());
        assert!(r.status < 500, "{path} as {who}: {}", r.status);
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path} as {who}: no CSP"))
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert!(
            !csp.split(';')
                .any(|d| d.trim().starts_with("script-src") && d.contains("unsafe")),
            "{path}: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        if !path.starts_with("/static/") {
            assert_eq!(h["cache-control"], "no-store", "{path} as {who}");
        }
    }
});

db_test!(each_role_starts_where_its_daily_work_is, |app| {
    let cases = [
        (&app.staff.adviser, "/caseload"),
        (&app.staff.consultant, "/week"),
        (&app.staff.matcher, "/children?placement_requested=true"),
        (&app.staff.leader, "/dashboard"),
        (&app.staff.match_leader, "/proposals?status=submitted"),
        (&app.staff.admin, "/admin/users"),
    ];
    for (user, start) in cases {
        let http = kith_tests::web::signed_in(&app, user).await;
        let r = http.get(format!("{}/", app.base)).send().await.unwrap();
        assert_eq!(r.headers()["location"], start, "{}", user.email);
    }
});

/// The test adviser, reading Danish (the test staff are set up in English), signed in with a
/// browser-like client.
async fn danish_adviser(app: &kith_tests::TestApp) -> reqwest::Client {
    danish(app, &app.staff.adviser).await
}

db_test!(a_page_address_never_answers_a_bare_status, |app| {
    let http = danish_adviser(&app).await;
    // (what is asked, the status, words the person reads on the page)
    let cases = [
        ("GET", "/children/tolv", 404, "Siden findes ikke"),
        ("GET", "/visits/1/record", 404, "Siden findes ikke"),
        (
            "GET",
            "/children?case_adviser_id=tolv",
            422,
            "Filteret kan ikke læses",
        ),
        ("POST", "/children/1/known", 403, "Formularen er udløbet"),
    ];
    for (method, path, status, words) in cases {
        let url = format!("{}{path}", app.base);
        let r = match method {
            "GET" => http.get(url),
            _ => http.post(url).form(&[("how", "aflastning")]),
        }
        .send()
        .await
        .unwrap();
        assert_eq!(r.status(), status, "{method} {path}");
        let kind = r.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(kind.starts_with("text/html"), "{method} {path}: {kind}");
        let page = r.text().await.unwrap();
        assert!(page.contains(words), "{method} {path}: {page}");
        assert!(page.contains("lang=\"da\""), "{method} {path}");
    }
});

db_test!(
    an_agreement_made_at_a_visit_is_on_the_placement_page,
    |app| {
        let p = kith_tests::wheel::place(&app, "Ida", "2026-12-01").await;
        let first = kith_tests::wheel::items(&app, &app.staff.consultant, p.placement, "support")
            .await[0]["id"]
            .as_i64()
            .unwrap();
        app.set_now("2026-12-15T09:00:00Z");
        app.client(&app.staff.consultant)
        .post(
            &format!("/api/v1/visits/{first}/record"),
            &serde_json::json!({
                "held_on": "2026-12-14",
                "child_seen_alone": true,
                "child_view": "Jeg kan godt lide min nye skole.",
                "follow_ups": [{"what": "Søg om lektiehjælp på skolen", "owner": "adviser", "due_on": "2027-01-15"}]
            }),
        )
        .await
        .expect(200);
        let http = danish_adviser(&app).await;
        let page = async || {
            let url = format!("{}/placements/{}", app.base, p.placement);
            http.get(url).send().await.unwrap().text().await.unwrap()
        };
        // The adviser sees the agreement they own on the placement: what, who, by when, where.
        let html = page().await;
        let row = &html[html
            .find("Søg om lektiehjælp på skolen")
            .expect("the agreement")..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("rådgiveren"), "{row}");
        assert!(row.contains("15.01.2027"), "{row}");
        assert!(row.contains(&format!("/visits/{first}")), "{row}");
        assert!(!row.contains("overskredet"), "{row}");
        // Past its day and not done: flagged.
        app.set_now("2027-01-18T09:00:00Z");
        let html = page().await;
        let row = &html[html.find("Søg om lektiehjælp på skolen").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("overskredet"), "{row}");
    }
);

db_test!(
    an_agreement_for_the_leader_reaches_the_advisers_team_leader,
    |app| {
        // At Ida's first support visit the consultant agrees that the leader decides on respite
        // care: the adviser's team leader holds it, on his week.
        let p = kith_tests::wheel::place(&app, "Ida", "2026-12-01").await;
        let first = kith_tests::wheel::items(&app, &app.staff.consultant, p.placement, "support")
            .await[0]["id"]
            .as_i64()
            .unwrap();
        app.set_now("2026-12-15T09:00:00Z");
        let recorded = app
        .client(&app.staff.consultant)
        .post(
            &format!("/api/v1/visits/{first}/record"),
            &serde_json::json!({
                "held_on": "2026-12-14",
                "follow_ups": [{"what": "Beslut om aflastning", "owner": "leader", "due_on": "2027-01-08"}]
            }),
        )
        .await
        .expect(200)
        .body;
        assert_eq!(recorded["follow_ups"][0]["holder_id"], app.staff.leader.id);
        let leader = danish(&app, &app.staff.leader).await;
        let week = leader
            .get(format!("{}/week", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(week.contains("Beslut om aflastning"), "{week}");
        // Whose it is reads "lederen" on the placement.
        let html = leader
            .get(format!("{}/placements/{}", app.base, p.placement))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let row = &html[html.find("Beslut om aflastning").expect("on the placement")..];
        assert!(row[..row.find("</tr>").unwrap()].contains("lederen"));
    }
);

db_test!(a_consultants_week_shows_each_day_with_its_visits, |app| {
    // Ida is placed on 1 December 2026 with the test consultant; her first support visit is
    // planned on a working day (Tuesday 29 December, 28 days on), the same day as the last of
    // her first weeks' contacts (weekly from 8 December).
    let p = kith_tests::wheel::place(&app, "Ida", "2026-12-01").await;
    let first =
        &kith_tests::wheel::items(&app, &app.staff.consultant, p.placement, "support").await[0];
    let (id, day) = (
        first["id"].as_i64().unwrap(),
        first["planned_on"].as_str().unwrap().to_owned(),
    );
    let http = danish(&app, &app.staff.consultant).await;
    let html = http
        .get(format!("{}/week?date={day}", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The day lists the visit, counted, with the town; the load line says what the count is.
    let at = html
        .find(&format!("data-day=\"{day}\""))
        .expect("the day in the overview");
    let item = &html[at..at + html[at..].find("</li>\n").unwrap()];
    assert!(item.contains("2 besøg"), "{item}");
    assert!(item.contains("Opstartskontakt"), "{item}");
    assert!(item.contains("4000 Roskilde"), "{item}");
    assert!(item.contains(&format!("href=\"/visits/{id}\"")), "{item}");
    assert!(
        html.contains("besøg planlagt i ugen (højst 8 om ugen)"),
        "{html}"
    );
    // Five working days, Monday first.
    assert_eq!(html.matches("<li class=\"day").count(), 5);
    // A week other than this one says what its list holds, not "Skal gøres nu".
    if !html.contains("<li class=\"day today\"") {
        assert!(
            html.contains("Planlagt i ugen eller med frist i ugen"),
            "{html}"
        );
    }
});

db_test!(
    a_matcher_allocates_several_waiting_children_from_a_page,
    |app| {
        // Bo and Carl wait; two families have one place each.
        let bo = kith_tests::wheel::register(&app, "Bo").await;
        let carl = kith_tests::wheel::register(&app, "Carl").await;
        for name in ["Familien Berg", "Familien Dahl"] {
            kith_tests::wheel::new_option(&app, kith_tests::fixtures::foster_family(name, 1)).await;
        }
        let http = danish(&app, &app.staff.matcher).await;
        let get = async |path: &str| {
            let r = http
                .get(format!("{}{path}", app.base))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        };
        // The waiting list leads to it.
        let (_, list) = get("/children?placement_requested=true").await;
        assert!(list.contains("href=\"/allocations\""), "{list}");
        let (status, page) = get("/allocations").await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("id=\"child-{bo}\"")));
        assert!(page.contains(&format!("id=\"child-{carl}\"")));
        // The form is sent as the browser sends a GET form: it books nothing, so the result
        // stays where the back button finds it.
        let send = async |fields: &[(&str, String)]| {
            let r = http
                .get(format!("{}/allocations", app.base))
                .query(fields)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        };
        // Nobody ticked: told beside the list what to do, in Danish.
        let (status, page) = send(&[
            ("start_date", "2026-11-16".into()),
            ("together", "on".into()),
            ("run", "on".into()),
        ])
        .await;
        assert_eq!(status, 422, "{page}");
        assert!(
            page.contains("<p class=\"field-error\">Vælg mindst ét barn.</p>"),
            "{page}"
        );
        // Both: each gets a family, and each links to the child's matching with its option
        // chosen, for the proposal.
        let (status, page) = send(&[
            ("children", bo.to_string()),
            ("children", carl.to_string()),
            ("start_date", "2026-11-16".into()),
            ("together", "on".into()),
            ("run", "on".into()),
        ])
        .await;
        assert_eq!(status, 200, "{page}");
        assert!(
            page.contains("2 børn får en plads, i gennemsnit et match på"),
            "{page}"
        );
        let link = format!("href=\"/children/{bo}/matches?start=2026-11-16&amp;option=");
        let at = page.find(&link).expect("a link to Bo's matching");
        let option: String = page[at + link.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert!(page.contains(&format!("href=\"/children/{carl}/matches?start=2026-11-16")));
        // Bo's matching page shows that option chosen.
        let (_, matching) = get(&format!(
            "/children/{bo}/matches?start=2026-11-16&option={option}"
        ))
        .await;
        let card = &matching[..matching
            .find(&format!("id=\"propose-{option}\""))
            .expect("the option's card")];
        let card = &card[card.rfind("<li class=\"option card").unwrap()..];
        assert!(
            card.starts_with("<li class=\"option card chosen\""),
            "{card}"
        );
        assert!(page.contains("Familien Berg") && page.contains("Familien Dahl"));
        // The ticks are kept; nothing is booked.
        assert!(page.contains(&format!("value=\"{bo}\" checked")));
        let proposals = app
            .client(&app.staff.matcher)
            .get("/api/v1/proposals")
            .await
            .expect(200)
            .body;
        assert_eq!(proposals["items"], serde_json::json!([]));
    }
);

db_test!(
    a_stays_exit_plan_says_where_when_and_how_and_keeps_what_was_typed,
    |app| {
        // A stay from 2 November to 10 December 2026, aiming for home.
        let s =
            kith_tests::wheel::place_stay(&app, "Ali", "2026-11-02", "2026-12-10", "home").await;
        let http = danish_adviser(&app).await;
        let page = format!("{}/placements/{}", app.base, s.placement);
        let html = http.get(&page).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Ingen flyttedag endnu"), "{html}");
        let csrf = csrf_in(&html);
        let send = async |day: &str| {
            http.post(format!("{page}/exit-plan"))
                .header(reqwest::header::REFERER, &page)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("exit_goal", "network_family"),
                    ("exit_move_on", day),
                    (
                        "exit_plan",
                        "Ali flytter til sin moster; skolen er orienteret.",
                    ),
                ])
                .send()
                .await
                .unwrap()
        };
        // A move after the planned end: told beside the field what to do, with what was typed.
        let r = send("2026-12-14").await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Flyttedagen ligger efter den planlagte slutdato 10.12.2026"),
            "{html}"
        );
        assert!(html.contains("value=\"2026-12-14\""));
        assert!(html.contains("<option value=\"network_family\" selected>"));
        assert!(html.contains("Ali flytter til sin moster"));
        // Within the stay: kept, and the stay's goal is the plan's.
        let r = send("2026-12-09").await;
        assert_eq!(r.status(), 303);
        let html = http.get(&page).send().await.unwrap().text().await.unwrap();
        let facts = &html[html.find("id=\"stay-h\"").unwrap()..];
        let facts = &facts[..facts.find("</dl>").unwrap()];
        assert!(facts.contains("09.12.2026"), "{facts}");
        assert!(facts.contains("Netværksfamilie"), "{facts}");
        assert!(!facts.contains("Ingen udslusningsplan"), "{facts}");
    }
);

db_test!(
    an_agreement_made_at_a_plan_review_reaches_its_holder_like_one_made_at_a_visit,
    |app| {
        // Ida is placed on 1 December with the test consultant; on 15 December her adviser
        // records the plan review held the day before, on the placement's page.
        let p = kith_tests::wheel::place(&app, "Ida", "2026-12-01").await;
        app.set_now("2026-12-15T09:00:00Z");
        let http = danish_adviser(&app).await;
        let page = format!("{}/placements/{}", app.base, p.placement);
        let html = http.get(&page).send().await.unwrap().text().await.unwrap();
        assert!(
            html.contains("name=\"fu_what\""),
            "the review form asks what was agreed"
        );
        // The way back is to her cases, not to a week of visits she does not hold.
        assert!(html.contains("<p class=\"crumbs\"><a href=\"/caseload\">Sager</a>"));
        let csrf = csrf_in(&html);
        let review = format!("{page}/reviews");
        let agreed = "Plejefamilien får tilbudt aflastning en weekend om måneden";
        let send = async |owner: &str, due: &str| {
            http.post(&review)
                .header(reqwest::header::REFERER, &page)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("held_on", "2026-12-14"),
                    ("decision", "adjust_goals"),
                    ("fu_what", ""),
                    ("fu_owner", ""),
                    ("fu_due", ""),
                    ("fu_what", agreed),
                    ("fu_owner", owner),
                    ("fu_due", due),
                ])
                .send()
                .await
                .unwrap()
        };
        // Whose it is must be chosen: left out, the review comes back saying so beside the
        // row, with what was typed, and nothing is recorded.
        let r = send("", "2027-01-20").await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("Vælg, hvem aftalen er til."), "{html}");
        assert!(
            html.contains(&format!("value=\"{agreed}\"")),
            "the row is kept"
        );
        assert!(html.contains("value=\"2027-01-20\""));
        // Neither whose nor by when: both are told at once, each in its own field of the
        // second row (the first was left blank).
        let r = send("", "").await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        let owner = html
            .find("<p class=\"field-error\">Vælg, hvem aftalen er til.</p>")
            .expect("whose, told");
        let due = html
            .find("<p class=\"field-error\">Vælg, hvornår aftalen senest skal være gjort.</p>")
            .expect("by when, told");
        assert!(
            html[owner..due].contains("id=\"fu_owner_1\""),
            "whose, at its select"
        );
        assert!(!html[owner..due].contains("id=\"fu_due_1\""));
        // The summary's links go to those fields.
        assert!(html.contains("href=\"#fu_owner_1\""), "{html}");
        assert!(html.contains("href=\"#fu_due_1\""), "{html}");
        assert!(
            html[due..].contains("id=\"fu_due_1\""),
            "by when, at its date"
        );
        let api = app.client(&app.staff.adviser);
        let reviews = format!("/api/v1/placements/{}/reviews", p.placement);
        assert_eq!(
            api.get(&reviews).await.expect(200).body,
            serde_json::json!([])
        );

        // For the consultant: recorded, and the agreement is hers to do.
        let r = send("consultant", "2027-01-20").await;
        assert_eq!(r.status(), 303);
        let held = api.get(&reviews).await.expect(200).body;
        let review_id = held[0]["visit_id"].as_i64().unwrap();
        let consultant = danish(&app, &app.staff.consultant).await;
        let week = consultant
            .get(format!("{}/week", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(week.contains(agreed), "on the consultant's week: {week}");
        // The placement lists it as made at the plan review, linking to that review.
        let html = http.get(&page).send().await.unwrap().text().await.unwrap();
        let row = &html[html.find(agreed).expect("on the placement")..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(
            row.contains(&format!("href=\"#review-{review_id}\"")),
            "{row}"
        );
        assert!(row.contains("planopfølgningen"), "{row}");
        assert!(html.contains(&format!("id=\"review-{review_id}\"")));
    }
);

db_test!(
    an_agreement_reaches_its_holder_who_marks_it_done_or_drops_it_with_a_reason,
    |app| {
        // The consultant records the first support visit on 14 December 2026 with two
        // agreements: one for the case adviser (a named person in Kith), one for the parents.
        let p = kith_tests::wheel::place(&app, "Ida", "2026-12-01").await;
        let first = kith_tests::wheel::items(&app, &app.staff.consultant, p.placement, "support")
            .await[0]["id"]
            .as_i64()
            .unwrap();
        app.set_now("2026-12-15T09:00:00Z");
        let recorded = app
            .client(&app.staff.consultant)
            .post(
                &format!("/api/v1/visits/{first}/record"),
                &serde_json::json!({
                    "held_on": "2026-12-14",
                    "follow_ups": [
                        {"what": "Søg om lektiehjælp på skolen", "owner": "adviser", "due_on": "2027-01-15"},
                        {"what": "Forældrene ringer til Ida om søndagen", "owner": "parents", "due_on": "2027-01-10"}
                    ]
                }),
            )
            .await
            .expect(200)
            .body;
        // Listed by due date: the parents' (10 January) before the adviser's (15 January).
        let agreements = recorded["follow_ups"].as_array().unwrap().clone();
        let (theirs, held) = (&agreements[0], &agreements[1]);
        assert_eq!(held["what"], "Søg om lektiehjælp på skolen");
        let (mine, parents) = (held["id"].as_i64().unwrap(), theirs["id"].as_i64().unwrap());
        assert_eq!(held["holder_id"], app.staff.adviser.id);
        assert!(theirs["holder_id"].is_null());
        assert_eq!(held["state"], "open");

        // The adviser's week lists what she holds, not what the parents do.
        let http = danish_adviser(&app).await;
        let get = async |path: &str| {
            let r = http
                .get(format!("{}{path}", app.base))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        };
        let (_, week) = get("/week").await;
        assert!(
            week.contains(&format!("data-agreement=\"{mine}\"")),
            "{week}"
        );
        assert!(week.contains("Søg om lektiehjælp på skolen"));
        assert!(!week.contains(&format!("data-agreement=\"{parents}\"")));
        assert!(week.contains("Mine aftaler"));

        // Her morning digest on Monday 4 January 2027 (it looks 14 days ahead, to 18 January)
        // counts it among what is due.
        app.set_now("2027-01-04T06:00:00Z");
        kith_app::jobs::tick(&app.app, "test").await.unwrap();
        let adviser = app.staff.adviser.id;
        let digest = kith_store::outbox::all(app.app.db().conn())
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.dedupe_key == format!("digest:{adviser}:2027-01-04"))
            .expect("a digest for the adviser");
        let payload: serde_json::Value = serde_json::from_str(&digest.payload).unwrap();
        assert_eq!(payload["agreements_due"], 1, "{payload}");
        assert_eq!(payload["agreements_overdue"], 0);
        // Her caseload counts the placement's open agreements (hers and the parents').
        let row_of = |html: &str| {
            let i = html
                .find(&format!("data-placement=\"{}\"", p.placement))
                .expect("the placement on the caseload");
            html[i..i + html[i..].find("</tr>").unwrap()].to_owned()
        };
        let (_, caseload) = get("/caseload").await;
        let row = row_of(&caseload);
        assert!(row.contains("2 åbne"), "{row}");
        assert!(!row.contains("overskred"), "{row}");
        // Ida's own page lists both, the parents' (due 10 January) first, each linking to the
        // placement where it is closed.
        let (_, child) = get(&format!("/children/{}", p.child)).await;
        let ours = child
            .find(&format!("data-agreement=\"{parents}\""))
            .expect("the parents'");
        let hers = child
            .find(&format!("data-agreement=\"{mine}\""))
            .expect("the adviser's");
        assert!(ours < hers, "the earliest due first");
        assert!(child.contains(&format!("href=\"/placements/{}#agreements\"", p.placement)));
        assert!(
            child[ours..hers].contains("forældrene") || child[ours..hers].contains("Forældrene"),
            "{child}"
        );

        // Dropping the parents' agreement without a reason is refused next to the field,
        // in Danish, keeping the choice; nothing changes.
        let (_, placement) = get(&format!("/placements/{}", p.placement)).await;
        let csrf = csrf_in(&placement);
        let close = |id: i64| {
            format!(
                "{}/placements/{}/agreements/{id}/close",
                app.base, p.placement
            )
        };
        let r = http
            .post(close(parents))
            .form(&[("csrf", csrf.as_str()), ("state", "dropped"), ("note", " ")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Skriv, hvorfor aftalen ikke skal gøres alligevel."),
            "{html}"
        );
        assert!(html.contains(&format!("id=\"agreement_note-{parents}\"")));
        assert!(
            html.contains("value=\"dropped\" checked"),
            "the choice is kept"
        );
        // With the reason it is dropped and leaves the open list.
        let r = http
            .post(close(parents))
            .form(&[
                ("csrf", csrf.as_str()),
                ("state", "dropped"),
                ("note", "Ida ringer selv."),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        // On 20 January hers (due 15 January) is the one left, and overdue.
        app.set_now("2027-01-20T09:00:00Z");
        let (_, caseload) = get("/caseload").await;
        let row = row_of(&caseload);
        assert!(row.contains("én åben"), "{row}");
        assert!(row.contains("én overskredet"), "{row}");
        // "Udført" from the week: back on the week, the agreement gone from it.
        let r = http
            .post(close(mine))
            .form(&[("csrf", csrf.as_str()), ("state", "done"), ("back", "week")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/week#agreements");
        let (_, week) = get("/week").await;
        assert!(!week.contains(&format!("data-agreement=\"{mine}\"")));
        let (_, placement) = get(&format!("/placements/{}", p.placement)).await;
        assert!(placement.contains("Ingen åbne aftaler."), "both are closed");
        // It closes once; someone who does not follow the placement up cannot see it.
        let again = app
            .client(&app.staff.adviser)
            .post(
                &format!("/api/v1/agreements/{mine}/close"),
                &serde_json::json!({"state": "dropped", "note": "x"}),
            )
            .await;
        assert_eq!(again.status, 409);
        let stranger = app
            .client(&app.staff.adviser_b)
            .post(
                &format!("/api/v1/agreements/{parents}/close"),
                &serde_json::json!({"state": "done"}),
            )
            .await;
        assert_eq!(stranger.status, 404);
        let row = kith_store::visits::follow_up(app.app.db().conn(), parents)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(*row.state, kith_domain::AgreementState::Dropped);
        assert_eq!(row.closing_note.as_deref(), Some("Ida ringer selv."));
    }
);

db_test!(
    an_administrator_sets_the_wheels_capacity_and_the_secure_unit_age_on_the_rules_page,
    |app| {
        // A placement with a year of visits, for the preview to move.
        kith_tests::wheel::place(&app, "Ida", "2026-11-02").await;
        let planned = async || {
            kith_store::visits::planned_of_placements(app.app.db().conn(), None)
                .await
                .unwrap()
                .len()
        };
        let http = danish(&app, &app.staff.admin).await;
        let page = http
            .get(format!("{}/admin/rules", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Højst besøg om dagen"), "{page}");
        assert!(page.contains("name=\"wheel_daily_capacity\" value=\"2\""));
        assert!(page.contains("name=\"secure_unit_min_age\" value=\"12\""));
        // Every field as shown, with three changed.
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut rest = page.as_str();
        while let Some(i) = rest.find("<input id=\"") {
            rest = &rest[i..];
            let name = |attr: &str| {
                let start = rest.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
                rest[start..start + rest[start..].find('"').unwrap()].to_owned()
            };
            fields.push((name("name"), name("value")));
            rest = &rest[1..];
        }
        let set = |fields: &mut Vec<(String, String)>, k: &str, v: &str| {
            fields.iter_mut().find(|(n, _)| n == k).unwrap().1 = v.to_owned();
        };
        let csrf = csrf_in(&page);
        fields.push(("csrf".into(), csrf));
        set(&mut fields, "wheel_daily_capacity", "0");
        let post = async |fields: &Vec<(String, String)>| {
            http.post(format!("{}/admin/rules", app.base))
                .form(fields)
                .send()
                .await
                .unwrap()
        };
        // Nought visits a day is refused in Danish and changes nothing.
        // It is told beside its field, what was typed kept, the summary linking to it.
        let r = post(&fields).await;
        assert_eq!(r.status(), 422);
        let refused = r.text().await.unwrap();
        assert!(
            refused.contains(
                "<p class=\"field-error\" id=\"wheel_daily_capacity-error\">Skriv et antal besøg om dagen fra 1 til 10.</p>"
            ),
            "{refused}"
        );
        assert!(refused.contains("name=\"wheel_daily_capacity\" value=\"0\""));
        assert!(refused.contains("href=\"#wheel_daily_capacity\""));
        // A matching number that is no number is told beside its own field (the summary once
        // linked to an element that does not exist), and the other typed numbers are kept.
        let school = fields
            .iter()
            .find(|(n, _)| n == "school_full_km")
            .unwrap()
            .1
            .clone();
        set(&mut fields, "school_full_km", "tre");
        let refused = post(&fields).await.text().await.unwrap();
        assert!(
            refused.contains("id=\"school_full_km-error\">Skriv et tal.</p>"),
            "{refused}"
        );
        assert!(refused.contains("href=\"#school_full_km\""), "{refused}");
        assert!(refused.contains("name=\"school_full_km\" value=\"tre\""));
        assert!(refused.contains("name=\"wheel_daily_capacity\" value=\"0\""));
        set(&mut fields, "school_full_km", &school);
        set(&mut fields, "wheel_daily_capacity", "3");
        set(&mut fields, "wheel_escalate_after_days", "5");
        set(&mut fields, "secure_unit_min_age", "14");
        // Planning six months ahead instead of twelve: first what it would move, nothing kept.
        set(&mut fields, "wheel_horizon_months", "6");
        let before = planned().await;
        let mut asked = fields.clone();
        asked.push(("preview".into(), "on".into()));
        let r = post(&asked).await;
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        let said = &html[html.find("id=\"preview\"").expect("the preview")..];
        assert!(said.contains("Intet er gemt endnu"), "{said}");
        assert!(
            html.contains("name=\"wheel_horizon_months\" value=\"6\""),
            "typed, kept"
        );
        assert_eq!(planned().await, before, "a preview keeps nothing");
        let cancelled: usize = {
            let at = said.find("aflyse ").expect("what it cancels") + "aflyse ".len();
            said[at..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap()
        };
        let r = post(&fields).await;
        assert_eq!(r.status(), 303);
        // What it said is what saving did: the visits past six months are gone.
        assert!(cancelled > 0);
        assert_eq!(planned().await, before - cancelled);
        let rules = app
            .client(&app.staff.admin)
            .get("/api/v1/rules")
            .await
            .expect(200)
            .body;
        assert_eq!(rules["wheel"]["daily_capacity"], 3);
        assert_eq!(rules["wheel"]["escalate_after_days"], 5);
        assert_eq!(rules["wheel"]["weekly_capacity"], 8, "unchanged");
        assert_eq!(rules["matching"]["secure_unit_min_age"], 14);
    }
);

db_test!(
    a_leaders_caseload_is_the_teams_filterable_by_person_and_paged,
    |app| {
        // 51 placements of Alma's children, followed up by Karl the consultant.
        for i in 0..51 {
            kith_tests::wheel::place(&app, &format!("Barn {i:02}"), "2026-12-01").await;
        }
        let http = danish(&app, &app.staff.leader).await;
        let get = async |path: &str| {
            let r = http
                .get(format!("{}{path}", app.base))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        };
        let rows = |html: &str| html.matches("<tr data-placement=").count();
        // The leader leads Team A and the foster-care unit: the teams' placements, 50 a page.
        let (_, first) = get("/caseload").await;
        assert!(first.contains("<h1>Teamets anbringelser</h1>"), "{first}");
        assert!(first.contains("51 anbringelser · side 1 af 2"));
        assert_eq!(rows(&first), 50);
        assert!(first.contains("href=\"/caseload?page=2\""));
        let (_, second) = get("/caseload?page=2").await;
        assert_eq!(rows(&second), 1);
        // The filter offers the teams' people; one person's placements only.
        assert!(first.contains(&format!(
            "<option value=\"{}\">Alma Adviser</option>",
            app.staff.adviser.id
        )));
        let (_, alma) = get(&format!("/caseload?person={}", app.staff.adviser.id)).await;
        assert!(alma.contains("51 anbringelser"));
        let (_, anders) = get(&format!("/caseload?person={}", app.staff.adviser2.id)).await;
        assert!(anders.contains("0 anbringelser"), "{anders}");
        assert_eq!(rows(&anders), 0);
        // A unit the leader does not lead is not found.
        let units = kith_store::units::all(app.app.db().conn()).await.unwrap();
        let other = units.iter().find(|u| u.name == "Team B").unwrap().id;
        let (status, _) = get(&format!("/caseload?unit={other}")).await;
        assert_eq!(status, 404);
        // The API reads the same pages.
        let api = app.client(&app.staff.leader);
        let page = api
            .get("/api/v1/caseload/page?page=2")
            .await
            .expect(200)
            .body;
        assert_eq!(
            (&page["total"], &page["page"], &page["pages"]),
            (
                &serde_json::json!(51),
                &serde_json::json!(2),
                &serde_json::json!(2)
            )
        );
        assert_eq!(page["entries"].as_array().unwrap().len(), 1);
        let anders = format!("/api/v1/caseload/page?person={}", app.staff.adviser2.id);
        assert_eq!(api.get(&anders).await.expect(200).body["total"], 0);
        api.get(&format!("/api/v1/caseload/page?unit={other}"))
            .await
            .expect(404);
        // An adviser's caseload stays her own, with no filter.
        let (_, own) = get("/caseload").await;
        assert!(own.contains("Teamets"));
        let mine = danish_adviser(&app).await;
        let html = mine
            .get(format!("{}/caseload", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("<h1>Mine anbringelser</h1>"));
        assert!(!html.contains("id=\"person\""));
    }
);

db_test!(
    who_proposed_a_placement_learns_where_the_case_went_not_a_404,
    |app| {
        // The match unit proposed Ida's placement; the leader approved it. The case is now the
        // adviser's and the consultant's: the matcher may no longer open it.
        let p = kith_tests::wheel::place(&app, "Ida", "2026-12-01").await;
        let matcher = danish(&app, &app.staff.matcher).await;
        let r = matcher
            .get(format!("{}/children/{}", app.base, p.child))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        assert!(html.contains("Sagen er gået videre"), "{html}");
        assert!(html.contains("med start 01.12.2026"), "{html}");
        assert!(
            html.contains("/proposals/"),
            "a link to the proposal it can still read"
        );
        assert!(!html.contains("Ida"), "no case content beyond the proposal");
        // Someone who never had to do with the case still finds nothing.
        let stranger = danish(&app, &app.staff.adviser_b).await;
        let r = stranger
            .get(format!("{}/children/{}", app.base, p.child))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
    }
);

db_test!(
    days_off_are_picked_as_dates_and_a_bad_one_is_named_where_it_is,
    |app| {
        let http = danish(&app, &app.staff.consultant).await;
        let page = http
            .get(format!("{}/me", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("type=\"date\" id=\"days_off-0\""), "{page}");
        let csrf = csrf_in(&page);
        let post = async |days: &[&str]| {
            let mut form = vec![("csrf", csrf.as_str()), ("weekly_visits", "")];
            form.extend(days.iter().map(|d| ("days_off", *d)));
            http.post(format!("{}/me/availability", app.base))
                .form(&form)
                .send()
                .await
                .unwrap()
        };
        // Two dates and an empty field: two days off.
        let r = post(&["2026-12-21", "", "2026-12-28"]).await;
        assert_eq!(r.status(), 303);
        let me = app.staff.consultant.id;
        let days = |from: &str| {
            let conn = app.app.db().conn();
            let from = from.parse().unwrap();
            async move {
                kith_store::staff_time::days_off(conn, &[me], from)
                    .await
                    .unwrap()
            }
        };
        let stored: Vec<String> = days("2026-11-16")
            .await
            .iter()
            .map(|(_, d)| d.to_string())
            .collect();
        assert_eq!(stored, ["2026-12-21", "2026-12-28"]);
        // A date that does not read is named at its field, in Danish, the others kept; nothing
        // changes.
        let r = post(&["2026-12-21", "21-12"]).await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("id=\"days_off-1-error\""), "{html}");
        assert!(html.contains("value=\"2026-12-21\""));
        assert_eq!(days("2026-11-16").await.len(), 2);
    }
);

db_test!(
    who_handed_a_case_over_learns_where_it_went_not_a_404,
    |app| {
        // Ida is Alma's; on 16 November her leader hands the case (and its placement) to Anders.
        let p = kith_tests::wheel::place(&app, "Ida", "2026-11-02").await;
        app.client(&app.staff.leader)
            .put(
                &format!("/api/v1/children/{}", p.child),
                &kith_tests::fixtures::with(
                    kith_tests::fixtures::child("Ida"),
                    "case_adviser_id",
                    serde_json::json!(app.staff.adviser2.id),
                ),
            )
            .await
            .expect(200);
        // Alma opens Ida's page from an old link: where the case went, not "not found".
        let alma = danish(&app, &app.staff.adviser).await;
        let r = alma
            .get(format!("{}/children/{}", app.base, p.child))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        // (Anders Adviser is the test staff's second adviser.)
        assert!(
            html.contains("Sagen blev overdraget til Anders Adviser den 16.11.2026"),
            "{html}"
        );
        assert!(html.contains("href=\"/caseload\""));
        // The same from an old link to the placement itself.
        let r = alma
            .get(format!("{}/placements/{}", app.base, p.placement))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Sagen blev overdraget til Anders Adviser den 16.11.2026"),
            "{html}"
        );
        // Someone who never had the case still gets "not found": nothing is told, on the
        // child's page, on the placement's, or for a placement that does not exist.
        let stranger = danish(&app, &app.staff.adviser_b).await;
        for path in [
            format!("/children/{}", p.child),
            format!("/placements/{}", p.placement),
            "/placements/999999".to_owned(),
        ] {
            let r = stranger
                .get(format!("{}{path}", app.base))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "{path}");
        }
        let r = alma
            .get(format!("{}/placements/999999", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
    }
);
