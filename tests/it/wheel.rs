//! The annual wheel through the API: planning at approval, recording, moving, cancelling, a
//! new consultant, ending, capacity, and the bad inputs. Dates are worked out by hand in the
//! comments (365 / 4 = 91 days between support visits, 182 between supervision visits).

use kith_store::entities::{audit_log, placement_consultant_change};
use kith_tests::db_test;
use kith_tests::fixtures::{child, foster_family, with};
use kith_tests::wheel::{
    approve, days, items, new_option, place, placed, propose, without_first_weeks,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

db_test!(an_approved_placement_has_its_year_planned, |app| {
    // Approved on Monday 16 November 2026, starting Tuesday 1 December.
    let p = place(&app, "Ida", "2026-12-01").await;
    let consultant = &app.staff.consultant;
    // Support: the first within 28 days (Tuesday 29 December), then every 91 days (13
    // weeks, so Tuesdays): 30 March 2027 is the day after Easter Monday, 29 June, 28
    // September; 28 December 2027 is past the horizon (16 November 2027).
    assert_eq!(
        days(&items(&app, consultant, p.placement, "support").await),
        ["2026-12-29", "2027-03-30", "2027-06-29", "2027-09-28"]
    );
    // Supervision: 91 days after the start (Tuesday 2 March 2027), then 182 days later
    // (Tuesday 31 August).
    assert_eq!(
        days(&items(&app, consultant, p.placement, "supervision").await),
        ["2027-03-02", "2027-08-31"]
    );
    // Plan reviews: three months after the start (Monday 1 March), then six months later
    // (Wednesday 1 September), held by the case adviser.
    let reviews = items(&app, &app.staff.adviser, p.placement, "plan_review").await;
    assert_eq!(days(&reviews), ["2027-03-01", "2027-09-01"]);
    assert_eq!(reviews[0]["assignee"]["id"], app.staff.adviser.id);
    // No institution follow-up for a foster family.
    assert!(
        items(&app, consultant, p.placement, "institution_follow_up")
            .await
            .is_empty()
    );
    let sup = &items(&app, consultant, p.placement, "supervision").await[0];
    assert_eq!(sup["child_seen_alone_required"], true);
    assert_eq!(sup["state"], "upcoming");
    assert_eq!(sup["placement"]["code"], format!("P-{:05}", p.placement));
    assert_eq!(sup["placement"]["town"], "4000 Roskilde");
    // The year view shows the same, month by month from November 2026.
    let year = app
        .client(consultant)
        .get(&format!("/api/v1/placements/{}/year", p.placement))
        .await
        .expect(200)
        .body;
    let months = year["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0]["month"], "2026-11-01");
    // December holds the first weeks' contacts (every Tuesday from the 8th) and, on the 29th,
    // the first support visit too.
    let december: Vec<(&str, &str)> = months[1]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["planned_on"].as_str().unwrap(),
                i["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(december.len(), 5);
    assert_eq!(december[0], ("2026-12-08", "start_contact"));
    assert!(december.contains(&("2026-12-29", "support")));
    // March 2027 holds the review (1st), the supervision visit (2nd) and a support visit (30th).
    let march: Vec<&str> = months[4]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(march, ["plan_review", "supervision", "support"]);
    // Planning again changes nothing.
    let again = app
        .client(&app.staff.leader)
        .post("/api/v1/visit-plans", &json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(
        (
            again["created"].as_i64(),
            again["updated"].as_i64(),
            again["cancelled"].as_i64()
        ),
        (Some(0), Some(0), Some(0))
    );
    app.client(consultant)
        .post("/api/v1/visit-plans", &json!({}))
        .await
        .expect(403);
});

db_test!(
    recording_a_visit_plans_the_next_from_the_day_it_was_held,
    |app| {
        let p = place(&app, "Ida", "2026-12-01").await;
        let consultant = app.client(&app.staff.consultant);
        let first = items(&app, &app.staff.consultant, p.placement, "support").await[0]["id"]
            .as_i64()
            .unwrap();
        // Tuesday 15 December 2026: the visit was held yesterday.
        app.set_now("2026-12-15T09:00:00Z");
        let recorded = consultant
        .post(
            &format!("/api/v1/visits/{first}/record"),
            &json!({
                "held_on": "2026-12-14",
                "child_seen_alone": true,
                "child_view": "Jeg kan godt lide min nye skole.",
                "observations": "Ida har fundet sig til rette.",
                "follow_ups": [{"what": "Plejefamilien kontakter skolen om lektiehjælp", "owner": "foster_family", "due_on": "2027-01-15"}]
            }),
        )
        .await
        .expect(200)
        .body;
        assert_eq!(recorded["status"], "held");
        assert_eq!(recorded["record"]["held_on"], "2026-12-14");
        assert_eq!(recorded["record"]["held_by"]["id"], app.staff.consultant.id);
        assert_eq!(recorded["follow_ups"][0]["owner"], "foster_family");
        // The next support visits count from 14 December: + 91 days = Monday 15 March 2027,
        // Monday 14 June, Monday 13 September, Monday 13 December (inside the horizon, which now
        // runs to 15 December 2027).
        let support = items(&app, &app.staff.consultant, p.placement, "support").await;
        let planned: Vec<String> = support
            .iter()
            .filter(|v| v["status"] == "planned")
            .map(|v| v["planned_on"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            planned,
            ["2027-03-15", "2027-06-14", "2027-09-13", "2027-12-13"]
        );
        // The agreed follow-up is shown again at the next visit.
        let next = support
            .iter()
            .find(|v| v["planned_on"] == "2027-03-15")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let detail = consultant
            .get(&format!("/api/v1/visits/{next}"))
            .await
            .expect(200)
            .body;
        assert_eq!(
            detail["open_follow_ups"][0]["what"],
            "Plejefamilien kontakter skolen om lektiehjælp"
        );
        let follow_up = detail["open_follow_ups"][0]["id"].as_i64().unwrap();
        // Recording it twice is a conflict.
        consultant
            .post(
                &format!("/api/v1/visits/{first}/record"),
                &json!({"held_on": "2026-12-14"}),
            )
            .await
            .expect(409);
        // Closing the follow-up at the next visit (held early, on 15 December itself).
        consultant
            .post(
                &format!("/api/v1/visits/{next}/record"),
                &json!({"held_on": "2026-12-15", "done_follow_ups": [follow_up]}),
            )
            .await
            .expect(200);
        let after = consultant
            .get(&format!(
                "/api/v1/visits/{}",
                items(&app, &app.staff.consultant, p.placement, "support").await[2]["id"]
            ))
            .await
            .expect(200)
            .body;
        assert!(after["open_follow_ups"].as_array().unwrap().is_empty());
        // Both recordings are in the audit trail.
        let audited = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("visit.record"))
            .all(app.app.db().conn())
            .await
            .unwrap();
        assert_eq!(audited.len(), 2);
        assert!(audited.iter().all(|a| a.child_id == Some(p.child)));
    }
);

db_test!(bad_visit_input_is_refused_and_changes_nothing, |app| {
    let p = place(&app, "Ida", "2026-12-01").await;
    let consultant = app.client(&app.staff.consultant);
    let support = items(&app, &app.staff.consultant, p.placement, "support").await;
    let first = support[0]["id"].as_i64().unwrap();
    let second = support[1]["id"].as_i64().unwrap();
    let supervision = items(&app, &app.staff.consultant, p.placement, "supervision").await[0]["id"]
        .as_i64()
        .unwrap();
    // Today is 16 November 2026: a visit held on the 20th is in the future.
    let r = consultant
        .post(
            &format!("/api/v1/visits/{first}/record"),
            &json!({"held_on": "2026-11-20"}),
        )
        .await
        .expect(422);
    assert!(r.error_fields().contains(&"held_on".to_owned()));
    // A supervision visit must say whether the child was seen alone.
    app.set_now("2026-12-15T09:00:00Z");
    let r = consultant
        .post(
            &format!("/api/v1/visits/{supervision}/record"),
            &json!({"held_on": "2026-12-14"}),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["child_seen_alone"]);
    let r = consultant
        .post(
            &format!("/api/v1/visits/{supervision}/record"),
            &json!({"held_on": "2026-12-14", "child_seen_alone": false}),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["not_seen_alone_reason"]);
    // Moving needs a reason and a working day (Saturday 19 December is not).
    let r = consultant
        .post(
            &format!("/api/v1/visits/{second}/move"),
            &json!({"to": "2027-03-31", "reason": "  "}),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["reason"]);
    let r = consultant
        .post(
            &format!("/api/v1/visits/{second}/move"),
            &json!({"to": "2026-12-19", "reason": "Familien er på ferie"}),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["to"]);
    // A public holiday is named, in the reader's language: Good Friday 2027 is 26 March
    // (Easter Sunday 28 March 2027).
    let r = consultant
        .post_in(
            "da",
            &format!("/api/v1/visits/{second}/move"),
            &json!({"to": "2027-03-26", "reason": "Familien er på ferie"}),
        )
        .await
        .expect(422);
    assert_eq!(
        (
            r.body["errors"][0]["field"].as_str(),
            r.body["errors"][0]["message"].as_str()
        ),
        (
            Some("to"),
            Some("Langfredag er en helligdag. Vælg en anden dag.")
        )
    );
    // Cancelling needs a reason; a cancelled visit cannot be recorded.
    consultant
        .post(
            &format!("/api/v1/visits/{first}/cancel"),
            &json!({"reason": ""}),
        )
        .await
        .expect(422);
    let unchanged = consultant
        .get(&format!("/api/v1/visits/{first}"))
        .await
        .expect(200)
        .body;
    assert_eq!(unchanged["status"], "planned");
    assert_eq!(unchanged["planned_on"], "2026-12-29");
    let cancelled = consultant
        .post(
            &format!("/api/v1/visits/{first}/cancel"),
            &json!({"reason": "Barnet var syg"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["cancel_reason"], "by_user");
    consultant
        .post(
            &format!("/api/v1/visits/{first}/record"),
            &json!({"held_on": "2026-12-14"}),
        )
        .await
        .expect(409);
    // The obligation stays: a new first support visit is planned in the cancelled one's
    // window (1-29 December), the nearest working day to the 29th with room: the 29th.
    let again = items(&app, &app.staff.consultant, p.placement, "support").await;
    let replacement = again
        .iter()
        .find(|v| v["status"] == "planned" && v["due_on"] == "2026-12-29")
        .expect("a replacement");
    assert_eq!(replacement["planned_on"], "2026-12-29");
});

db_test!(a_move_with_a_reason_is_kept_by_the_planner, |app| {
    let p = place(&app, "Ida", "2026-12-01").await;
    let consultant = app.client(&app.staff.consultant);
    let second = items(&app, &app.staff.consultant, p.placement, "support").await[1]["id"]
        .as_i64()
        .unwrap();
    // Due 30 March 2027 (window 20 March - 9 April); moved to Monday 12 April: outside.
    let moved = consultant
        .post(
            &format!("/api/v1/visits/{second}/move"),
            &json!({"to": "2027-04-12", "reason": "Familien er på ferie i påsken"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(moved["planned_on"], "2027-04-12");
    assert_eq!(moved["pinned"], true);
    assert_eq!(moved["flag"], "outside_window");
    assert_eq!(moved["moved_reason"], "Familien er på ferie i påsken");
    app.client(&app.staff.leader)
        .post("/api/v1/visit-plans", &json!({}))
        .await
        .expect(200);
    let after = consultant
        .get(&format!("/api/v1/visits/{second}"))
        .await
        .expect(200)
        .body;
    assert_eq!(after["planned_on"], "2027-04-12");
});

db_test!(a_new_consultant_takes_over_the_planned_visits, |app| {
    let p = place(&app, "Ida", "2026-12-01").await;
    let visit = items(&app, &app.staff.consultant, p.placement, "support").await[0]["id"]
        .as_i64()
        .unwrap();
    // The consultant cannot hand the placement over; the case adviser can.
    app.client(&app.staff.consultant)
        .patch(
            &format!("/api/v1/placements/{}", p.placement),
            &json!({"consultant_id": app.staff.consultant2.id}),
        )
        .await
        .expect(403);
    let r = app
        .client(&app.staff.adviser)
        .patch(
            &format!("/api/v1/placements/{}", p.placement),
            &json!({"consultant_id": app.staff.adviser2.id}),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["consultant_id"]);
    let changed = app
        .client(&app.staff.adviser)
        .patch(
            &format!("/api/v1/placements/{}", p.placement),
            &json!({"consultant_id": app.staff.consultant2.id}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(changed["consultant"]["id"], app.staff.consultant2.id);
    assert_eq!(changed["consultant_changes"], 1);
    // All ten visits (six of the year, four first-weeks contacts) are now the new
    // consultant's, on the same days.
    let mine = app
        .client(&app.staff.consultant2)
        .get(&format!(
            "/api/v1/visits?assignee={}&placement_id={}",
            app.staff.consultant2.id, p.placement
        ))
        .await
        .expect(200)
        .body;
    assert_eq!(mine["items"].as_array().unwrap().len(), 10);
    assert_eq!(mine["items"][0]["planned_on"], "2026-12-08");
    // The former consultant no longer reaches them.
    app.client(&app.staff.consultant)
        .get(&format!("/api/v1/visits/{visit}"))
        .await
        .expect(404);
    let log = placement_consultant_change::Entity::find()
        .all(app.app.db().conn())
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].from_user_id, Some(app.staff.consultant.id));
    assert_eq!(log[0].to_user_id, Some(app.staff.consultant2.id));
    // A review rhythm of three months re-plans the reviews.
    let changed = app
        .client(&app.staff.adviser)
        .patch(
            &format!("/api/v1/placements/{}", p.placement),
            &json!({"review_rhythm_months": 3}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(changed["review_rhythm_months"], 3);
    // 1 March 2027 (Monday), 1 June (Tuesday), 1 September (Wednesday); 1 December is past
    // the horizon.
    assert_eq!(
        days(&items(&app, &app.staff.adviser, p.placement, "plan_review").await),
        ["2027-03-01", "2027-06-01", "2027-09-01"]
    );
    let r = app
        .client(&app.staff.adviser)
        .patch(
            &format!("/api/v1/placements/{}", p.placement),
            &json!({"review_rhythm_months": 0}),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["review_rhythm_months"]);
});

db_test!(an_ended_placement_has_its_later_visits_cancelled, |app| {
    let p = place(&app, "Ida", "2026-12-01").await;
    app.set_now("2027-04-01T08:00:00Z");
    let adviser = app.client(&app.staff.adviser);
    let r = adviser
        .post(
            &format!("/api/v1/placements/{}/end", p.placement),
            &json!({"end_date": "2027-04-05", "reason": "moved_on"}),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["end_date"]);
    let ended = adviser
        .post(
            &format!("/api/v1/placements/{}/end", p.placement),
            &json!({"end_date": "2027-03-31", "reason": "moved_on"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(ended["status"], "ended");
    // Planned after 31 March: support 29 June and 28 September, supervision 31 August, the
    // review of 1 September. Before it: support 29 December and 30 March, supervision
    // 2 March, review 1 March stay (they can still be recorded).
    let all = adviser
        .get(&format!(
            "/api/v1/visits?placement_id={}&limit=50",
            p.placement
        ))
        .await
        .expect(200)
        .body;
    let mut cancelled: Vec<(String, String)> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["status"] == "cancelled")
        .map(|v| {
            assert_eq!(v["cancel_reason"], "placement_ended");
            (
                v["kind"].as_str().unwrap().to_owned(),
                v["planned_on"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    cancelled.sort();
    assert_eq!(
        cancelled,
        [
            ("plan_review".to_owned(), "2027-09-01".to_owned()),
            ("supervision".to_owned(), "2027-08-31".to_owned()),
            ("support".to_owned(), "2027-06-29".to_owned()),
            ("support".to_owned(), "2027-09-28".to_owned()),
        ]
    );
    adviser
        .post(
            &format!("/api/v1/placements/{}/end", p.placement),
            &json!({"end_date": "2027-03-31", "reason": "moved_on"}),
        )
        .await
        .expect(409);
});

db_test!(a_full_week_moves_the_other_placements_visit, |app| {
    // Two placements with the same consultant and start: both first support visits are due
    // Tuesday 29 December 2026. The first weeks' contacts would fill a week of one visit;
    // this is about the year's visits, so the pattern is off.
    without_first_weeks(&app).await;
    let a = place(&app, "Ida", "2026-12-01").await;
    let b = place(&app, "Ole", "2026-12-01").await;
    let consultant = app.client(&app.staff.consultant);
    let me = app.staff.consultant.id;
    for bad in [
        json!({"weekly_visits": 0}),
        json!({"days_off": ["2026-11-01"]}),
    ] {
        consultant
            .put(&format!("/api/v1/users/{me}/availability"), &bad)
            .await
            .expect(422);
    }
    app.client(&app.staff.consultant2)
        .put(
            &format!("/api/v1/users/{me}/availability"),
            &json!({"weekly_visits": 1}),
        )
        .await
        .expect(403);
    let set = consultant
        .put(
            &format!("/api/v1/users/{me}/availability"),
            &json!({"weekly_visits": 1}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(set["effective_weekly_visits"], 1);
    // One visit a week: Ida keeps 29 December. Ole's moves to the nearest day in another
    // week inside its window (1-29 December): the 28th and 30th share the full week, the
    // 25th-27th and 24th are holidays, a weekend or a closing day: Wednesday 23 December.
    assert_eq!(
        days(&items(&app, &app.staff.consultant, a.placement, "support").await)[0],
        "2026-12-29"
    );
    assert_eq!(
        days(&items(&app, &app.staff.consultant, b.placement, "support").await)[0],
        "2026-12-23"
    );
    // Supervision, both due Tuesday 2 March 2027: Ole's goes to Friday 26 February (the
    // 1st, 3rd, 4th and 5th are in the full week; the 27th and 28th are a weekend).
    assert_eq!(
        days(&items(&app, &app.staff.consultant, b.placement, "supervision").await)[0],
        "2027-02-26"
    );
    // The week view shows the capacity.
    let week = consultant
        .get("/api/v1/week?date=2026-12-29")
        .await
        .expect(200)
        .body;
    assert_eq!(week["weekly_capacity"], 1);
    assert_eq!(week["visits_this_week"], 1);
    assert_eq!(week["week_start"], "2026-12-28");
});

db_test!(
    visits_are_seen_only_by_those_who_follow_the_placement,
    |app| {
        let p = place(&app, "Ida", "2026-12-01").await;
        let visit = items(&app, &app.staff.consultant, p.placement, "support").await[0]["id"]
            .as_i64()
            .unwrap();
        for (user, status) in [
            (&app.staff.consultant, 200),
            (&app.staff.adviser, 200),
            (&app.staff.leader, 200),
            (&app.staff.consultant2, 404),
            (&app.staff.adviser_b, 404),
            (&app.staff.leader_b, 404),
            (&app.staff.matcher, 403),
            (&app.staff.admin, 403),
        ] {
            app.client(user)
                .get(&format!("/api/v1/visits/{visit}"))
                .await
                .expect(status);
        }
        let other = app
            .client(&app.staff.consultant2)
            .get("/api/v1/visits")
            .await
            .expect(200)
            .body;
        assert!(other["items"].as_array().unwrap().is_empty());
        app.client(&app.staff.matcher)
            .get(&format!("/api/v1/placements/{}", p.placement))
            .await
            .expect(403);
    }
);

db_test!(wheel_rules_are_data_an_administrator_changes, |app| {
    let admin = app.client(&app.staff.admin);
    let rules = admin.get("/api/v1/rules").await.expect(200).body;
    let wheel = rules["wheel"].clone();
    assert_eq!(wheel["visits"][0]["kind"], "supervision");
    assert_eq!(wheel["visits"][0]["per_year"], 2);
    assert_eq!(wheel["reviews"]["rhythm_months"], 6);
    assert_eq!(wheel["closing_days"], json!(["06-05", "12-24", "12-31"]));
    assert_eq!(wheel["digest_at"], "07:00:00");
    // Zero or negative frequency, a window longer than half the interval: 422, nothing stored.
    for (field, value, path) in [
        ("per_year", json!(0), "wheel.visits[1].per_year"),
        ("per_year", json!(-4), "wheel.visits[1].per_year"),
        ("window_days", json!(46), "wheel.visits[1].window_days"),
    ] {
        let mut bad = wheel.clone();
        bad["visits"][1][field] = value;
        let r = admin
            .put("/api/v1/rules", &json!({"wheel": bad}))
            .await
            .expect(422);
        assert_eq!(r.error_fields(), [path]);
    }
    assert_eq!(admin.get("/api/v1/rules").await.body["wheel"], wheel);
    // Not for anyone else.
    app.client(&app.staff.leader)
        .put("/api/v1/rules", &json!({"wheel": wheel}))
        .await
        .expect(403);
    // Three support visits a year: a placement is re-planned at once (365 / 3 = 121 days).
    let p = place(&app, "Ida", "2026-12-01").await;
    let mut three = wheel.clone();
    three["visits"][1]["per_year"] = json!(3);
    admin
        .put("/api/v1/rules", &json!({"wheel": three}))
        .await
        .expect(200);
    // 29 December 2026, then + 121 days = Thursday 29 April 2027, + 121 days = Saturday
    // 28 August (window ± 10: the nearest working day is Friday 27 August); + 121 days =
    // 27 December 2027 is past the horizon. The fourth visit is cancelled.
    assert_eq!(
        days(&items(&app, &app.staff.consultant, p.placement, "support").await),
        ["2026-12-29", "2027-04-29", "2027-08-27"]
    );
});

db_test!(
    a_new_placement_is_followed_closely_in_its_first_weeks,
    |app| {
        let consultant = &app.staff.consultant;
        // Ida is 12 on Tuesday 1 December 2026 (born 15 March 2014): a contact within 7 days
        // (8 December), then every 7 days up to day 28 (29 December), all Tuesdays.
        let ida = place(&app, "Ida", "2026-12-01").await;
        let contacts = items(&app, consultant, ida.placement, "start_contact").await;
        assert_eq!(
            days(&contacts),
            ["2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"]
        );
        assert_eq!(contacts[0]["assignee"]["id"], consultant.id);
        assert_eq!(contacts[0]["opens_on"], "2026-12-01");

        // Sofie is 13 on the same day (born 10 January 2013): a teenager, from the third day and
        // weekly until day 56 (26 January 2027). Friday 25 December is Christmas Day (its window
        // 23-27 December: only Wednesday 23rd is a working day), Friday 1 January New Year's Day
        // (window 30 December - 3 January: Wednesday 30th; 31st is a closing day).
        let sofie = app
            .client(&app.staff.adviser)
            .post(
                "/api/v1/children",
                &with(
                    with(
                        with(child("Sofie"), "birth_date", json!("2013-01-10")),
                        "cpr",
                        json!("100113-6123"),
                    ),
                    "placement_requested_on",
                    json!(app.app.today().to_string()),
                ),
            )
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        let option = new_option(&app, foster_family("Familien Sofie", 1)).await;
        let proposal = propose(&app, sofie, option, "2026-12-01", None).await;
        approve(&app, proposal, json!({})).await;
        let sofie = placed(&app, sofie, option).await;
        assert_eq!(
            days(&items(&app, consultant, sofie.placement, "start_contact").await),
            [
                "2026-12-04",
                "2026-12-11",
                "2026-12-18",
                "2026-12-23",
                "2026-12-30",
                "2027-01-08",
                "2027-01-15",
                "2027-01-22"
            ]
        );

        // The rules are data: with the pattern switched off, re-planning cancels the contacts.
        let admin = app.client(&app.staff.admin);
        let mut rules = admin.get("/api/v1/rules").await.expect(200).body;
        rules["wheel"]["first_weeks"] = json!([]);
        admin
            .put("/api/v1/rules", &json!({"wheel": rules["wheel"]}))
            .await
            .expect(200);
        let after = items(&app, consultant, ida.placement, "start_contact").await;
        assert!(days(&after).is_empty());
        assert!(after.iter().all(|v| v["status"] == "cancelled"));
        // A pattern that cannot be held is refused naming its field, and changes nothing.
        rules["wheel"]["first_weeks"] = json!([{
            "placement_kinds": ["general_foster_family"],
            "first_within_days": 7, "every_days": 7, "for_days": 28, "window_days": 4
        }]);
        let refused = admin
            .put("/api/v1/rules", &json!({"wheel": rules["wheel"]}))
            .await
            .expect(422)
            .body;
        assert_eq!(
            refused["errors"][0]["field"],
            "wheel.first_weeks[0].window_days"
        );
        assert_eq!(
            admin.get("/api/v1/rules").await.expect(200).body["wheel"]["first_weeks"],
            json!([])
        );
    }
);
