//! Cover when someone is away: a consultant names a colleague as stand-in for her days off;
//! while the period runs (and only then) the stand-in reaches her cases, finds the items that
//! fall in it on their week and in their digest, and records them; her leader sees who covers.

use kith_tests::db_test;
use kith_tests::wheel::{items, place};
use serde_json::{Value, json};

/// Karen (the consultant) is away Tuesday 1 to Friday 11 December 2026.
const FIRST: &str = "2026-12-01";
const LAST: &str = "2026-12-11";

fn away() -> Vec<&'static str> {
    // The working days from 1 to 11 December 2026.
    vec![
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
        "2026-12-04",
        "2026-12-07",
        "2026-12-08",
        "2026-12-09",
        "2026-12-10",
        "2026-12-11",
    ]
}

/// The first week's contact of a placement begun on 1 December: its window closes seven days
/// after the start, on Tuesday 8 December.
async fn first_contact(app: &kith_tests::TestApp, placement: i64) -> Value {
    items(app, &app.staff.leader, placement, "start_contact").await[0].clone()
}

/// The stand-in's events in a calendar feed: (start day, visit id), from the summary's mark.
async fn stand_in_events(app: &kith_tests::TestApp, path: &str) -> Vec<(String, i64)> {
    let r = app.anonymous().get(path).await.expect(200);
    let cal = ical::IcalParser::new(r.text.as_bytes())
        .next()
        .expect("a calendar")
        .expect("a valid iCalendar document");
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    cal.events
        .iter()
        .filter(|e| prop(e, "SUMMARY").ends_with("· as stand-in"))
        .map(|e| {
            let uid = prop(e, "UID");
            let id = uid
                .trim_start_matches("visit-")
                .trim_end_matches("@kith")
                .parse()
                .unwrap();
            (prop(e, "DTSTART"), id)
        })
        .collect()
}

fn covered_on_week(week: &Value) -> Vec<(i64, String)> {
    week["covering"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["visit"]["id"].as_i64().unwrap(),
                i["by"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

db_test!(
    a_stand_in_carries_the_items_of_the_days_off_and_reaches_the_case_only_while_they_run,
    |app| {
        let ida = place(&app, "Ida", "2026-12-01").await;
        let karen = app.client(&app.staff.consultant);
        let kim = app.client(&app.staff.consultant2);
        let karen_id = app.staff.consultant.id;
        let kim_id = app.staff.consultant2.id;
        // Karen takes the days off: the planner keeps them free, so the first week's contact,
        // due by 8 December, goes past its window and is flagged.
        karen
            .put(
                &format!("/api/v1/users/{karen_id}/availability"),
                &json!({"days_off": away()}),
            )
            .await
            .expect(200);
        let contact = first_contact(&app, ida.placement).await;
        assert_eq!(contact["closes_on"], "2026-12-08");
        assert!(contact["planned_on"].as_str().unwrap() > LAST, "{contact}");
        assert_eq!(contact["flag"], "no_working_day");
        let contact_id = contact["id"].as_i64().unwrap();

        // Mistakes name their field and change nothing; all of them at once.
        let url = format!("/api/v1/users/{karen_id}/covers");
        let r = karen.post(&url, &json!({})).await.expect(422);
        assert_eq!(r.error_fields(), ["first_day", "last_day", "stand_in_id"]);
        for (body, field) in [
            (
                json!({"stand_in_id": app.staff.adviser.id, "first_day": FIRST, "last_day": LAST}),
                "stand_in_id",
            ),
            (
                json!({"stand_in_id": karen_id, "first_day": FIRST, "last_day": LAST}),
                "stand_in_id",
            ),
            (
                json!({"stand_in_id": kim_id, "first_day": "2026-11-13", "last_day": LAST}),
                "first_day",
            ),
            (
                json!({"stand_in_id": kim_id, "first_day": LAST, "last_day": FIRST}),
                "last_day",
            ),
            (
                json!({"stand_in_id": 999_999, "first_day": FIRST, "last_day": LAST}),
                "stand_in_id",
            ),
        ] {
            let r = karen.post(&url, &body).await.expect(422);
            assert_eq!(r.error_fields(), [field], "{body}");
        }
        // Nobody names a stand-in for a colleague but the colleague, their leader or an
        // administrator (as for their days off); another team's leader does not find them.
        kim.post(
            &url,
            &json!({"stand_in_id": kim_id, "first_day": FIRST, "last_day": LAST}),
        )
        .await
        .expect(403);
        app.client(&app.staff.leader_b).get(&url).await.expect(404);
        assert!(app.audit_rows("cover.set").await.is_empty());

        let cover = karen
            .post(
                &url,
                &json!({"stand_in_id": kim_id, "first_day": FIRST, "last_day": LAST}),
            )
            .await
            .expect(201)
            .body;
        assert_eq!(cover["stand_in"]["name"], "Kim Consultant");
        assert_eq!(cover["in_force"], false);
        // One stand-in at a time.
        karen
            .post(
                &url,
                &json!({"stand_in_id": kim_id, "first_day": "2026-12-11", "last_day": "2026-12-14"}),
            )
            .await
            .expect(422);
        // Nor can Kim name Karen for his own days off while she is away herself.
        let r = kim
            .post(
                &format!("/api/v1/users/{kim_id}/covers"),
                &json!({"stand_in_id": karen_id, "first_day": "2026-12-07", "last_day": "2026-12-08"}),
            )
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["stand_in_id"]);
        let audited = app.audit_rows("cover.set").await;
        assert_eq!(audited.len(), 1);
        assert_eq!(audited[0].actor_id, Some(karen_id));
        assert_eq!(audited[0].child_id, None);

        let calendar = kim
            .post("/api/v1/me/calendar-token", &json!({}))
            .await
            .expect(201)
            .body["path"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(stand_in_events(&app, &calendar).await.is_empty());
        // Monday 16 November: the cover has not begun. Kim's week of 7 December says that
        // items fall in the period, names none, and Kim cannot open the case.
        let week = kim
            .get("/api/v1/week?date=2026-12-07")
            .await
            .expect(200)
            .body;
        assert_eq!(week["covering"][0]["cover"]["absent"]["id"], karen_id);
        assert!(week["covering"][0]["in_period"].as_u64().unwrap() >= 1);
        assert_eq!(week["covering"][0]["items"], json!([]));
        kim.get(&format!("/api/v1/visits/{contact_id}"))
            .await
            .expect(404);
        kim.get(&format!("/api/v1/children/{}", ida.child))
            .await
            .expect(404);

        // Monday 7 December, the cover runs: the contact is on Kim's week, to be held by its
        // deadline, Tuesday 8 December; the case opens; Kim records the contact.
        app.set_now("2026-12-07T08:00:00Z");
        let week = kim
            .get("/api/v1/week?date=2026-12-07")
            .await
            .expect(200)
            .body;
        let covered = covered_on_week(&week);
        assert!(
            covered.contains(&(contact_id, "2026-12-08".to_owned())),
            "{covered:?}"
        );
        // Every item listed is Karen's, held by a day of this week within the period.
        for item in week["covering"][0]["items"].as_array().unwrap() {
            assert_eq!(item["visit"]["assignee"]["id"], karen_id);
            let by = item["by"].as_str().unwrap();
            assert!(("2026-12-07"..="2026-12-11").contains(&by), "{item}");
        }
        kim.get(&format!("/api/v1/children/{}", ida.child))
            .await
            .expect(200);
        // His calendar has it too, on the day to hold it by, marked as a stand-in's (read
        // back with an independent parser).
        let events = stand_in_events(&app, &calendar).await;
        assert!(
            events.contains(&("20261208".to_owned(), contact_id)),
            "{events:?}"
        );
        let recorded = kim
            .post(
                &format!("/api/v1/visits/{contact_id}/record"),
                &json!({
                    "held_on": "2026-12-07",
                    "child_seen_alone": true,
                    "child_view": "Det er godt at bo her.",
                    "observations": "Ida er faldet godt til."
                }),
            )
            .await
            .expect(200)
            .body;
        assert_eq!(recorded["record"]["held_by"]["id"], kim_id);
        // Still Karen's item, held by her stand-in.
        assert_eq!(recorded["assignee"]["id"], karen_id);
        // Kim's reach is Karen's follow-up, nothing more: a child not placed with Karen stays
        // closed, and Kim changes nothing in Ida's case itself.
        let ole = kith_tests::wheel::register(&app, "Ole").await;
        kim.get(&format!("/api/v1/children/{ole}"))
            .await
            .expect(404);
        let cpr = kim
            .post(
                &format!("/api/v1/children/{}/cpr-reveal", ida.child),
                &json!({}),
            )
            .await;
        assert!([403, 404].contains(&cpr.status), "{}", cpr.status);

        // Saturday 12 December: the period is over, and so is Kim's reach.
        app.set_now("2026-12-12T08:00:00Z");
        kim.get(&format!("/api/v1/children/{}", ida.child))
            .await
            .expect(404);
        kim.get(&format!("/api/v1/visits/{contact_id}"))
            .await
            .expect(404);
    }
);

db_test!(
    a_cover_ended_early_ends_the_reach_at_once_and_the_leader_sees_who_covers,
    |app| {
        let ida = place(&app, "Ida", "2026-12-01").await;
        let leader = app.client(&app.staff.leader);
        let kim = app.client(&app.staff.consultant2);
        let karen_id = app.staff.consultant.id;
        let kim_id = app.staff.consultant2.id;
        // Karen is ill: her leader names Kim from today, Monday 16 November, to Friday 20th.
        let cover = leader
            .post(
                &format!("/api/v1/users/{karen_id}/covers"),
                &json!({"stand_in_id": kim_id, "first_day": "2026-11-16", "last_day": "2026-11-20"}),
            )
            .await
            .expect(201)
            .body;
        assert_eq!(cover["in_force"], true);
        kim.get(&format!("/api/v1/children/{}", ida.child))
            .await
            .expect(200);
        // The leader's own week says who is away and who covers.
        let week = leader.get("/api/v1/week").await.expect(200).body;
        assert_eq!(week["team_covers"][0]["absent"]["id"], karen_id);
        assert_eq!(week["team_covers"][0]["stand_in"]["id"], kim_id);
        // Kim's week shows what he covers to him and his leader, and to nobody else.
        let led = leader
            .get(&format!("/api/v1/week?person={kim_id}"))
            .await
            .expect(200)
            .body;
        assert_eq!(led["covering"][0]["cover"]["absent"]["id"], karen_id);
        assert_eq!(led["may_name_stand_in"], true);
        let elsewhere = app
            .client(&app.staff.adviser_b)
            .get(&format!("/api/v1/week?person={kim_id}"))
            .await
            .expect(200)
            .body;
        assert_eq!(elsewhere["covering"], json!([]));
        assert_eq!(elsewhere["may_name_stand_in"], false);
        // Another team's leader neither sees it nor ends it.
        let id = cover["id"].as_i64().unwrap();
        let other = app.client(&app.staff.leader_b);
        let theirs = other.get("/api/v1/week").await.expect(200).body;
        assert_eq!(theirs["team_covers"], json!([]));
        other
            .delete(&format!("/api/v1/covers/{id}"))
            .await
            .expect(404);
        // Kim cannot end it either (it is Karen's, or her leader's, to end).
        kim.delete(&format!("/api/v1/covers/{id}"))
            .await
            .expect(404);
        // Karen is back on Wednesday: she ends it, and Kim's reach ends at once.
        app.set_now("2026-11-18T08:00:00Z");
        app.client(&app.staff.consultant)
            .delete(&format!("/api/v1/covers/{id}"))
            .await
            .expect(204);
        kim.get(&format!("/api/v1/children/{}", ida.child))
            .await
            .expect(404);
        let left = app
            .client(&app.staff.consultant)
            .get(&format!("/api/v1/users/{karen_id}/covers"))
            .await
            .expect(200)
            .body;
        assert_eq!(left["covers"], json!([]));
        // Kim is the only colleague who may stand in for Karen.
        let names: Vec<&str> = left["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Kim Consultant", "Lene Leader"]);
        assert_eq!(app.audit_rows("cover.end").await.len(), 1);
    }
);

db_test!(
    the_stand_ins_digest_counts_the_items_carried_without_names,
    |app| {
        place(&app, "Ida", "2026-12-01").await;
        let karen_id = app.staff.consultant.id;
        let kim_id = app.staff.consultant2.id;
        app.client(&app.staff.consultant)
            .put(
                &format!("/api/v1/users/{karen_id}/availability"),
                &json!({"days_off": away()}),
            )
            .await
            .expect(200);
        app.client(&app.staff.consultant)
            .post(
                &format!("/api/v1/users/{karen_id}/covers"),
                &json!({"stand_in_id": kim_id, "first_day": FIRST, "last_day": LAST}),
            )
            .await
            .expect(201);
        // Monday 7 December, 07:00 in Copenhagen: the morning run. Kim has no placement of
        // his own, yet gets a digest: Karen's first week's contact, due by the 8th.
        app.set_now("2026-12-07T06:00:00Z");
        kith_app::jobs::tick(&app.app, "test").await.unwrap();
        let rows = kith_store::outbox::all(app.app.db().conn()).await.unwrap();
        let digest = rows
            .iter()
            .find(|r| r.dedupe_key == format!("digest:{kim_id}:2026-12-07"))
            .expect("the stand-in's digest");
        let payload: Value = serde_json::from_str(&digest.payload).unwrap();
        assert_eq!(payload["covering_due"], 1, "{payload}");
        assert_eq!(payload["covering_overdue"], 0);
        assert!(!digest.payload.contains("Ida"));
    }
);

db_test!(
    a_consultant_names_her_stand_in_on_her_page_told_in_danish_beside_the_field,
    |app| {
        let karen_id = app.staff.consultant.id;
        let http = kith_tests::web::danish(&app, &app.staff.consultant).await;
        let me = kith_tests::web::page_text(&http, &format!("{}/me", app.base)).await;
        assert!(me.contains("Udpeg en stedfortræder"), "{me}");
        let url = format!("{}/people/{karen_id}/cover", app.base);
        let page = kith_tests::web::page_text(&http, &url).await;
        assert!(page.contains("Stedfortræder, når du er væk"), "{page}");
        assert!(page.contains("Kim Consultant"));
        let csrf = kith_tests::web::csrf_in(&page);
        let send = async |stand_in: String| {
            http.post(&url)
                .header("Referer", &url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(format!(
                    "csrf={csrf}&first_day=2026-12-01&last_day=2026-12-11&stand_in_id={stand_in}"
                ))
                .send()
                .await
                .unwrap()
        };
        // Nobody chosen: told beside the choice, the dates kept.
        let r = send(String::new()).await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("id=\"stand_in_id-error\""), "{body}");
        assert!(body.contains("value=\"2026-12-01\""));
        assert!(body.contains("value=\"2026-12-11\""));
        assert!(app.audit_rows("cover.set").await.is_empty());
        // Kim chosen: saved, and the page says so.
        let r = send(app.staff.consultant2.id.to_string()).await;
        assert_eq!(r.status(), 303);
        let to = r.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(to, format!("/people/{karen_id}/cover?named"));
        let body = kith_tests::web::page_text(&http, &format!("{}{to}", app.base)).await;
        assert!(body.contains("Stedfortræderen er udpeget."), "{body}");
        assert!(body.contains("01.12.2026 – 11.12.2026"));
        // Kim's week says whom he stands in for, in Danish.
        let kim = kith_tests::web::danish(&app, &app.staff.consultant2).await;
        let week =
            kith_tests::web::page_text(&kim, &format!("{}/week?date=2026-12-07", app.base)).await;
        assert!(
            week.contains("Stedfortræder for Karen Consultant · 01.12.2026 – 11.12.2026"),
            "{week}"
        );
    }
);

db_test!(
    an_adviser_standing_in_records_the_absent_advisers_plan_review,
    |app| {
        // Ida, Alma's child, placed since 2 November; her first plan review is Alma's.
        let ida = place(&app, "Ida", "2026-11-02").await;
        let review = &items(&app, &app.staff.leader, ida.placement, "plan_review").await[0];
        assert_eq!(review["assignee"]["id"], app.staff.adviser.id);
        let anders = app.client(&app.staff.adviser2);
        let url = format!("/api/v1/placements/{}/reviews", ida.placement);
        let body = json!({"held_on": "2026-11-16", "goals": [], "decision": "continue",
                          "rhythm_months": 6, "child_view": "Jeg har det godt her."});
        // Before a cover, Anders does not find the placement.
        anders.post(&url, &body).await.expect(404);
        // Alma is away from today to Friday; Anders stands in and holds her review.
        app.client(&app.staff.adviser)
            .post(
                &format!("/api/v1/users/{}/covers", app.staff.adviser.id),
                &json!({"stand_in_id": app.staff.adviser2.id, "first_day": "2026-11-16", "last_day": "2026-11-20"}),
            )
            .await
            .expect(201);
        anders.post(&url, &body).await.expect(201);
        let visit = app
            .client(&app.staff.leader)
            .get(&format!("/api/v1/visits/{}", review["id"]))
            .await
            .expect(200)
            .body;
        assert_eq!(visit["status"], "held");
        assert_eq!(visit["record"]["held_by"]["id"], app.staff.adviser2.id);
        // He holds the review, not the case: the placement's other changes stay Alma's.
        let year = anders
            .get(&format!("/api/v1/placements/{}/year", ida.placement))
            .await
            .expect(200)
            .body;
        assert_eq!(year["can_change"], false);
    }
);

db_test!(
    ten_stand_ins_named_at_once_for_the_same_days_make_one_cover,
    |app| {
        let karen_id = app.staff.consultant.id;
        let url = format!("/api/v1/users/{karen_id}/covers");
        let body =
            json!({"stand_in_id": app.staff.consultant2.id, "first_day": FIRST, "last_day": LAST});
        let karen = app.client(&app.staff.consultant);
        let tries = (0..10).map(|_| karen.post(&url, &body));
        let answers = futures::future::join_all(tries).await;
        let mut statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 422, 422, 422, 422, 422, 422, 422, 422, 422]);
        let left = karen.get(&url).await.expect(200).body;
        assert_eq!(left["covers"].as_array().unwrap().len(), 1);
        assert_eq!(app.audit_rows("cover.set").await.len(), 1);
        // Nor can two colleagues name each other for the same days at once.
        let kim = app.client(&app.staff.consultant2);
        let kim_url = format!("/api/v1/users/{}/covers", app.staff.consultant2.id);
        let kim_body =
            json!({"stand_in_id": karen_id, "first_day": "2026-12-14", "last_day": "2026-12-15"});
        let karen_body = json!({"stand_in_id": app.staff.consultant2.id, "first_day": "2026-12-15", "last_day": "2026-12-16"});
        let (a, b) = futures::join!(kim.post(&kim_url, &kim_body), karen.post(&url, &karen_body));
        let mut pair = [a.status, b.status];
        pair.sort_unstable();
        assert_eq!(pair, [201, 422], "{a:?} {b:?}");
    }
);
