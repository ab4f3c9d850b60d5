//! Proposals: from a match to a leader's decision, with outbox rows, audit rows and no double
//! booking.

use kith_domain::PlacementStatus;
use kith_store::entities::{outbox_email, placement};
use kith_tests::fixtures::{child, foster_family, with};
use kith_tests::{TestApp, db_test};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

async fn waiting_child(app: &TestApp, name: &str) -> i64 {
    app.client(&app.staff.adviser)
        .post(
            "/api/v1/children",
            &with(child(name), "placement_requested_on", json!("2026-11-10")),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

async fn option(app: &TestApp, body: Value) -> i64 {
    app.client(&app.staff.consultant)
        .post("/api/v1/placement-options", &body)
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

fn proposal(child: i64, option: i64) -> Value {
    json!({"child_id": child, "option_id": option, "start_date": "2026-12-01", "rationale": "Tæt på skolen; erfaring med tilknytning."})
}

async fn outbox(app: &TestApp) -> Vec<outbox_email::Model> {
    outbox_email::Entity::find()
        .all(app.app.db().conn())
        .await
        .unwrap()
}

async fn placements_of(app: &TestApp, option: i64) -> Vec<placement::Model> {
    placement::Entity::find()
        .filter(placement::Column::OptionId.eq(option))
        .all(app.app.db().conn())
        .await
        .unwrap()
}

db_test!(
    a_proposal_goes_from_the_match_unit_to_a_leader_who_approves_it,
    |app| {
        let child_id = waiting_child(&app, "Ida").await;
        let f1 = option(&app, foster_family("F1", 2)).await;
        option(
            &app,
            with(
                foster_family("F2", 1),
                "coordinates",
                json!({"lat": 55.458, "lon": 12.182}),
            ),
        )
        .await;
        let matcher = app.client(&app.staff.matcher);
        let created = matcher
            .post("/api/v1/proposals", &proposal(child_id, f1))
            .await
            .expect(201);
        let id = created.body["id"].as_i64().unwrap();
        assert_eq!(created.body["status"], "submitted");
        // Frozen as the match unit saw it (F1 75.0, F2 63.7 — see matching.rs).
        assert_eq!(created.body["chosen"]["score"], 75.0);
        assert_eq!(created.body["alternatives"][0]["option"]["name"], "F2");
        assert_eq!(created.body["alternatives"][0]["score"], 63.7);
        assert_eq!(created.body["recommendation"]["kind"], "family_based");
        assert_eq!(created.body["permissions"]["withdraw"], true);
        // The leaders are told: the match unit's leader, and the leader over the child's adviser.
        let mut told: Vec<(i64, String)> = outbox(&app)
            .await
            .into_iter()
            .map(|e| (e.recipient_id, e.kind))
            .collect();
        told.sort();
        let mut expected = vec![
            (app.staff.leader.id, "proposal_submitted".to_owned()),
            (app.staff.match_leader.id, "proposal_submitted".to_owned()),
        ];
        expected.sort();
        assert_eq!(told, expected);
        assert!(
            !outbox(&app).await.iter().any(|e| e.payload.contains("Ida")),
            "e-mails carry ids, not names"
        );

        // A second open proposal for the same child is a conflict.
        assert_eq!(
            matcher
                .post("/api/v1/proposals", &proposal(child_id, f1))
                .await
                .expect(409)
                .error_fields(),
            ["child_id"]
        );
        // The matcher cannot decide; a leader of another unit cannot see it.
        matcher
            .post(
                &format!("/api/v1/proposals/{id}/approve"),
                &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
            )
            .await
            .expect(403);
        app.client(&app.staff.leader_b)
            .post(
                &format!("/api/v1/proposals/{id}/approve"),
                &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
            )
            .await
            .expect(404);

        let leader = app.client(&app.staff.match_leader);
        let listed = leader
            .get("/api/v1/proposals?status=submitted")
            .await
            .expect(200);
        assert_eq!(listed.body["items"][0]["id"], id);
        let approved = leader
            .post(
                &format!("/api/v1/proposals/{id}/approve"),
                &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
            )
            .await
            .expect(200);
        assert_eq!(approved.body["status"], "approved");
        assert_eq!(approved.body["decided_by"]["id"], app.staff.match_leader.id);
        let made = placements_of(&app, f1).await;
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].child_id, child_id);
        assert_eq!(
            *made[0].status,
            PlacementStatus::Planned,
            "starts 1 December, after today (16 November)"
        );
        assert_eq!(made[0].consultant_id, Some(app.staff.consultant.id));
        assert_eq!(made[0].adviser_id, app.staff.adviser.id);
        assert_eq!(made[0].proposal_id, Some(id));
        let o = app
            .client(&app.staff.consultant)
            .get(&format!("/api/v1/placement-options/{f1}"))
            .await
            .expect(200);
        assert_eq!(o.body["free_places"], 1, "2 approved places, 1 now held");
        let c = app
            .client(&app.staff.adviser)
            .get(&format!("/api/v1/children/{child_id}"))
            .await
            .expect(200);
        assert!(
            c.body["placement_requested_on"].is_null(),
            "no longer waiting"
        );
        assert_eq!(c.body["placements"][0]["status"], "planned");
        assert!(
            outbox(&app)
                .await
                .iter()
                .any(|e| e.recipient_id == app.staff.matcher.id && e.kind == "proposal_approved")
        );
        // Deciding twice is a conflict; the matcher still sees the proposal it made.
        leader
            .post(
                &format!("/api/v1/proposals/{id}/approve"),
                &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
            )
            .await
            .expect(409);
        leader
            .post(
                &format!("/api/v1/proposals/{id}/reject"),
                &json!({"reason": "x"}),
            )
            .await
            .expect(409);
        // The approved proposal says what it made. The match unit may not open the case
        // any more: it is told who follows the child up now, and is given no link to a page
        // it may not open; the adviser's leader gets the placement.
        let seen = matcher
            .get(&format!("/api/v1/proposals/{id}"))
            .await
            .expect(200)
            .body;
        let placed = &seen["placed"][0];
        assert_eq!(placed["child"]["id"], child_id);
        assert!(placed["placement_id"].is_null(), "{placed}");
        assert_eq!(placed["may_open_child"], false);
        assert_eq!(placed["adviser"]["name"], "Alma Adviser");
        matcher
            .get(&format!("/api/v1/placements/{}", made[0].id))
            .await
            .expect(403);
        let by_leader = app
            .client(&app.staff.leader)
            .get(&format!("/api/v1/proposals/{id}"))
            .await
            .expect(200)
            .body;
        assert_eq!(by_leader["placed"][0]["placement_id"], made[0].id);
        assert_eq!(by_leader["placed"][0]["may_open_child"], true);
        matcher
            .post(&format!("/api/v1/proposals/{id}/withdraw"), &json!({}))
            .await
            .expect(409);
        // Every step is audited per child.
        let actions: Vec<String> = kith_store::audit::for_child(app.app.db().conn(), child_id, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .collect();
        assert!(
            actions.contains(&"proposal.create".to_owned())
                && actions.contains(&"proposal.approve".to_owned())
        );
    }
);

db_test!(
    rejecting_needs_a_reason_and_withdrawing_is_for_the_proposer,
    |app| {
        let a = waiting_child(&app, "A").await;
        let b = waiting_child(&app, "B").await;
        let f1 = option(&app, foster_family("F1", 2)).await;
        let matcher = app.client(&app.staff.matcher);
        let leader = app.client(&app.staff.match_leader);
        let pa = matcher
            .post("/api/v1/proposals", &proposal(a, f1))
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        assert_eq!(
            leader
                .post(
                    &format!("/api/v1/proposals/{pa}/reject"),
                    &json!({"reason": ""})
                )
                .await
                .expect(422)
                .error_fields(),
            ["reason"]
        );
        assert_eq!(
            leader
                .post(&format!("/api/v1/proposals/{pa}/reject"), &json!({}))
                .await
                .expect(422)
                .error_fields(),
            ["reason"]
        );
        let r = leader
            .post(
                &format!("/api/v1/proposals/{pa}/reject"),
                &json!({"reason": "Vi afventer netværksundersøgelsen"}),
            )
            .await
            .expect(200);
        assert_eq!(r.body["status"], "rejected");
        assert_eq!(
            r.body["decision_reason"],
            "Vi afventer netværksundersøgelsen"
        );
        assert!(
            outbox(&app)
                .await
                .iter()
                .any(|e| e.recipient_id == app.staff.matcher.id && e.kind == "proposal_rejected")
        );
        leader
            .post(
                &format!("/api/v1/proposals/{pa}/approve"),
                &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
            )
            .await
            .expect(409);

        // A draft: submitted later by its proposer; withdrawn only by the proposer.
        let mut draft = proposal(b, f1);
        draft["submit"] = json!(false);
        let pb = matcher.post("/api/v1/proposals", &draft).await.expect(201);
        assert_eq!(pb.body["status"], "draft");
        let pb = pb.body["id"].as_i64().unwrap();
        leader
            .post(
                &format!("/api/v1/proposals/{pb}/approve"),
                &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
            )
            .await
            .expect(409);
        matcher
            .post(&format!("/api/v1/proposals/{pb}/submit"), &json!({}))
            .await
            .expect(200);
        leader
            .post(&format!("/api/v1/proposals/{pb}/withdraw"), &json!({}))
            .await
            .expect(403);
        assert_eq!(
            matcher
                .post(&format!("/api/v1/proposals/{pb}/withdraw"), &json!({}))
                .await
                .expect(200)
                .body["status"],
            "withdrawn"
        );
        assert!(
            outbox(&app)
                .await
                .iter()
                .any(|e| e.kind == "proposal_withdrawn")
        );
        assert!(
            placements_of(&app, f1).await.is_empty(),
            "nothing was booked"
        );
    }
);

db_test!(
    proposals_refuse_options_that_do_not_fit_and_old_start_dates,
    |app| {
        let child_id = waiting_child(&app, "C").await;
        let mut small = foster_family("Too young only", 1);
        small["age_range"] = json!({"min": 0, "max": 3});
        let small = option(&app, small).await;
        let matcher = app.client(&app.staff.matcher);
        let r = matcher
            .post("/api/v1/proposals", &proposal(child_id, small))
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["option_id"]);
        assert!(r.text.contains("outside 0"), "{}", r.text);
        let f1 = option(&app, foster_family("F1", 1)).await;
        let mut old = proposal(child_id, f1);
        old["start_date"] = json!("2026-10-01");
        assert_eq!(
            matcher
                .post("/api/v1/proposals", &old)
                .await
                .expect(422)
                .error_fields(),
            ["start_date"]
        );
        let mut empty = proposal(child_id, f1);
        empty["rationale"] = json!("");
        assert_eq!(
            matcher
                .post("/api/v1/proposals", &empty)
                .await
                .expect(422)
                .error_fields(),
            ["rationale"]
        );
        app.client(&app.staff.adviser)
            .post("/api/v1/proposals", &proposal(child_id, f1))
            .await
            .expect(403);
        matcher
            .post("/api/v1/proposals", &proposal(999_999, f1))
            .await
            .expect(404);
    }
);

db_test!(
    an_institutional_stay_needs_a_planned_end_and_an_exit_goal,
    |app| {
        let child_id = waiting_child(&app, "D").await;
        let mut home = with(
            foster_family("Børnehuset", 6),
            "kind",
            json!("childrens_home"),
        );
        home["day_rate_dkk"] = json!(4000);
        let home = option(&app, home).await;
        let matcher = app.client(&app.staff.matcher);
        let p = matcher
            .post("/api/v1/proposals", &proposal(child_id, home))
            .await
            .expect(201);
        // The default planned length is 6 months: 1 December 2026 → 1 June 2027.
        assert_eq!(p.body["planned_end_date"], "2027-06-01");
        let id = p.body["id"].as_i64().unwrap();
        let leader = app.client(&app.staff.match_leader);
        assert_eq!(
            leader
                .post(
                    &format!("/api/v1/proposals/{id}/approve"),
                    &json!({"approval_reason": "Ingen i netværket kan tage barnet."})
                )
                .await
                .expect(422)
                .error_fields(),
            ["exit_goal"]
        );
        let r = leader
            .post(
                &format!("/api/v1/proposals/{id}/approve"),
                &json!({"exit_goal": "foster_family", "approval_reason": "Ingen i netværket kan tage barnet."}),
            )
            .await
            .expect(200);
        assert_eq!(r.body["exit_goal"], "foster_family");
        let made = placements_of(&app, home).await;
        assert_eq!(
            made[0].planned_end_date.map(|d| d.to_string()),
            Some("2027-06-01".to_owned())
        );
        assert_eq!(
            made[0].exit_goal.map(|g| g.0),
            Some(kith_domain::ExitGoal::FosterFamily)
        );
    }
);

db_test!(
    fifty_approvals_racing_for_the_last_place_book_it_once,
    |app| {
        let last = option(&app, foster_family("The last place", 1)).await;
        let matcher = app.client(&app.staff.matcher);
        let mut ids = Vec::new();
        for i in 0..50 {
            let c = waiting_child(&app, &format!("Child {i:02}")).await;
            ids.push(
                matcher
                    .post("/api/v1/proposals", &proposal(c, last))
                    .await
                    .expect(201)
                    .body["id"]
                    .as_i64()
                    .unwrap(),
            );
        }
        let leader = app.client(&app.staff.match_leader);
        let results = futures::future::join_all(ids.iter().map(|id| {
            let leader = leader.clone();
            async move {
                leader
                    .post(
                        &format!("/api/v1/proposals/{id}/approve"),
                        &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
                    )
                    .await
            }
        }))
        .await;
        let won = results.iter().filter(|r| r.status == 200).count();
        let refused: Vec<&kith_tests::Resp> = results.iter().filter(|r| r.status == 409).collect();
        assert_eq!(
            won,
            1,
            "exactly one approval wins; statuses: {:?}",
            results.iter().map(|r| r.status).collect::<Vec<_>>()
        );
        assert_eq!(refused.len(), 49);
        assert!(
            refused
                .iter()
                .all(|r| r.body["errors"][0]["code"] == "problem.no_free_place"),
            "{}",
            refused[0].text
        );
        let booked = placements_of(&app, last).await;
        assert_eq!(booked.len(), 1, "the place is booked once");
        let o = app
            .client(&app.staff.consultant)
            .get(&format!("/api/v1/placement-options/{last}"))
            .await
            .expect(200);
        assert_eq!(o.body["free_places"], 0);
        // The losers stay submitted; nothing half-written.
        let still = leader
            .get("/api/v1/proposals?status=submitted&limit=100")
            .await
            .expect(200);
        assert_eq!(still.body["items"].as_array().unwrap().len(), 49);
    }
);

db_test!(
    the_leaders_queue_sorts_by_waiting_and_by_start_with_cursors_of_their_own,
    |app| {
        // Three proposals made one after another (ids rising), starting on 1 February,
        // 15 December and 5 January: newest first C, B, A; oldest first A, B, C; by start
        // B (15.12), C (05.01), A (01.02).
        let f = option(&app, foster_family("Familien Holm", 3)).await;
        let matcher = app.client(&app.staff.matcher);
        let mut ids = Vec::new();
        for (name, start) in [
            ("Anna", "2027-02-01"),
            ("Bo", "2026-12-15"),
            ("Cille", "2027-01-05"),
        ] {
            let c = waiting_child(&app, name).await;
            let body = with(proposal(c, f), "start_date", json!(start));
            ids.push(
                matcher
                    .post("/api/v1/proposals", &body)
                    .await
                    .expect(201)
                    .body["id"]
                    .as_i64()
                    .unwrap(),
            );
        }
        let leader = app.client(&app.staff.match_leader);
        // Every page of one order, two to a page, its ids in order.
        let walk = |sort: &'static str| {
            let leader = leader.clone();
            async move {
                let mut seen = Vec::new();
                let mut url = format!("/api/v1/proposals?sort={sort}&limit=2");
                loop {
                    let body = leader.get(&url).await.expect(200).body;
                    seen.extend(
                        body["items"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|p| p["id"].as_i64().unwrap()),
                    );
                    match body["next_cursor"].as_str() {
                        Some(c) => {
                            url = format!("/api/v1/proposals?sort={sort}&limit=2&cursor={c}")
                        }
                        None => return (seen, url),
                    }
                }
            }
        };
        let (a, b, c) = (ids[0], ids[1], ids[2]);
        assert_eq!(walk("newest").await.0, [c, b, a]);
        assert_eq!(walk("oldest").await.0, [a, b, c]);
        assert_eq!(walk("start").await.0, [b, c, a]);
        // A cursor of one order never continues another.
        let first = leader
            .get("/api/v1/proposals?sort=start&limit=2")
            .await
            .expect(200)
            .body;
        let cursor = first["next_cursor"].as_str().unwrap();
        leader
            .get(&format!(
                "/api/v1/proposals?sort=oldest&limit=2&cursor={cursor}"
            ))
            .await
            .expect(422);
        // The page: the chosen order is marked on its column; the sent day is shown in
        // Danish; the next page's link keeps the order.
        let http = kith_tests::web::danish(&app, &app.staff.match_leader).await;
        let html = kith_tests::web::page_text(
            &http,
            &format!("{}/proposals?sort=start&limit=2", app.base),
        )
        .await;
        assert!(html.contains("aria-sort=\"ascending\""), "{html}");
        assert!(
            html.find("Bo").unwrap() < html.find("Cille").unwrap(),
            "{html}"
        );
        assert!(html.contains("<option value=\"start\" selected>"), "{html}");
        // Sent on TEST_NOW, 16 November 2026.
        assert!(html.contains("16.11.2026"), "{html}");
        assert!(
            html.contains("sort=start&#38;cursor=") || html.contains("sort=start&amp;cursor="),
            "{html}"
        );
    }
);
