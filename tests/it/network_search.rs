//! The network search as a tracked process, through the API: each person in the child's
//! network asked, by whom, when, with what outcome and next step; where the search stands; and
//! the leader deciding a place outside the network, who sees it and must say why when it is
//! not completed. Today is Monday 16 November 2026.

use kith_store::entities::audit_log;
use kith_tests::db_test;
use kith_tests::fixtures::foster_family;
use kith_tests::wheel::{new_option, propose, register};
use kith_tests::{Api, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

/// Adds a person to the child's network; returns their id.
async fn person(adviser: &Api, child: i64, name: &str, relation: &str) -> i64 {
    let body = adviser
        .post(
            &format!("/api/v1/children/{child}/network"),
            &json!({"name": name, "relation": relation}),
        )
        .await
        .expect(201)
        .body;
    body["network"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn search(adviser: &Api, child: i64) -> Value {
    adviser
        .get(&format!("/api/v1/children/{child}"))
        .await
        .expect(200)
        .body["network_search"]
        .clone()
}

async fn proposal(app: &TestApp, id: i64) -> Value {
    app.client(&app.staff.match_leader)
        .get(&format!("/api/v1/proposals/{id}"))
        .await
        .expect(200)
        .body
}

db_test!(a_network_search_is_recorded_step_by_step, |app| {
    let adviser = app.client(&app.staff.adviser);
    let ida = register(&app, "Ida").await;
    let other = register(&app, "Ole").await;
    let url = format!("/api/v1/children/{ida}/network-search");
    // No network recorded: nothing asked, the search is empty.
    let s = search(&adviser, ida).await;
    assert_eq!(
        (s["state"].as_str(), s["persons"].as_u64()),
        (Some("empty"), Some(0))
    );
    let mormor = person(&adviser, ida, "Mormor", "mormor").await;
    let faster = person(&adviser, ida, "Faster Lene", "faster").await;
    let oles = person(&adviser, other, "Morfar", "morfar").await;

    // The grandmother does not want to: one of two asked, unfinished.
    adviser
        .post(
            &url,
            &json!({"network_person_id": mormor, "asked_on": "2026-11-02", "outcome": "unwilling"}),
        )
        .await
        .expect(201);
    let s = search(&adviser, ida).await;
    assert_eq!(
        (
            s["state"].as_str(),
            s["persons"].as_u64(),
            s["asked"].as_u64()
        ),
        (Some("unfinished"), Some(2), Some(1))
    );

    // Mistakes are refused naming the field, and nothing is recorded: a refusal without its
    // reason, a day in the future, a next step without its day.
    for (body, field) in [
        (
            json!({"network_person_id": faster, "asked_on": "2026-11-03", "outcome": "refused"}),
            "reason",
        ),
        (
            json!({"network_person_id": faster, "asked_on": "2026-11-17", "outcome": "unwilling"}),
            "asked_on",
        ),
        (
            json!({"network_person_id": faster, "asked_on": "2026-11-03", "outcome": "not_reached", "next_step": "Ringer igen"}),
            "next_step_on",
        ),
    ] {
        let r = adviser.post(&url, &body).await.expect(422);
        assert_eq!(r.error_fields(), [field]);
    }
    // Another child's network person is not in this child's network: a 404, as any row out of
    // reach.
    adviser
        .post(
            &url,
            &json!({"network_person_id": oles, "asked_on": "2026-11-03", "outcome": "unwilling"}),
        )
        .await
        .expect(404);
    assert_eq!(
        search(&adviser, ida).await["records"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The aunt is tried and not reached: a next step by Friday 6 November, open until the next
    // record for her.
    adviser
        .post(
            &url,
            &json!({"network_person_id": faster, "asked_on": "2026-11-03", "outcome": "not_reached",
                            "next_step": "Ringer igen", "next_step_on": "2026-11-06"}),
        )
        .await
        .expect(201);
    let s = search(&adviser, ida).await;
    assert_eq!(
        (
            s["state"].as_str(),
            s["asked"].as_u64(),
            s["open_steps"].as_u64()
        ),
        (Some("unfinished"), Some(2), Some(1))
    );
    assert_eq!(s["records"][0]["step_open"], true);
    // Reached, assessed and refused, with the reason: everyone has answered.
    adviser
        .post(
            &url,
            &json!({"network_person_id": faster, "asked_on": "2026-11-10", "outcome": "refused",
                            "reason": "Kan ikke tage et barn nu"}),
        )
        .await
        .expect(201);
    let s = search(&adviser, ida).await;
    assert_eq!(
        (
            s["state"].as_str(),
            s["open_steps"].as_u64(),
            s["last_asked_on"].as_str()
        ),
        (Some("completed"), Some(0), Some("2026-11-10"))
    );
    // Newest first, each with who recorded it; the aunt's earlier step is closed.
    let records = s["records"].as_array().unwrap();
    assert_eq!(records.len(), 3);
    assert_eq!(
        (
            records[0]["person_name"].as_str(),
            records[0]["outcome"].as_str(),
            records[0]["reason"].as_str()
        ),
        (
            Some("Faster Lene"),
            Some("refused"),
            Some("Kan ikke tage et barn nu")
        )
    );
    assert_eq!(records[0]["asked_by"]["id"], app.staff.adviser.id);
    assert_eq!(records[1]["step_open"], false);
    // Each record is audited as a change of the child's case.
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("network_search.record"))
        .count(app.app.db().conn())
        .await
        .unwrap();
    assert_eq!(audited, 3);
    // The age after which a search is stale is a rule: at 7 days, on Wednesday 18 November
    // the search of 10 November (8 days) is stale; a rule of 0 days is refused.
    let admin = app.client(&app.staff.admin);
    let mut rules = admin.get("/api/v1/rules").await.expect(200).body;
    rules["matching"]["network_search_stale_days"] = json!(0);
    let r = admin
        .put("/api/v1/rules", &json!({"matching": rules["matching"]}))
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["matching.network_search_stale_days"]);
    rules["matching"]["network_search_stale_days"] = json!(7);
    admin
        .put("/api/v1/rules", &json!({"matching": rules["matching"]}))
        .await
        .expect(200);
    assert_eq!(search(&adviser, ida).await["state"], "completed");
    app.set_now("2026-11-18T09:00:00Z");
    let s = search(&adviser, ida).await;
    assert_eq!(
        (s["state"].as_str(), s["stale_after_days"].as_i64()),
        (Some("stale"), Some(7))
    );
    // The match unit reads the case but does not keep its network search.
    app.client(&app.staff.matcher)
        .post(
            &url,
            &json!({"network_person_id": mormor, "asked_on": "2026-11-12", "outcome": "unwilling"}),
        )
        .await
        .expect(403);
});

db_test!(
    a_place_outside_the_network_is_approved_with_the_search_in_view,
    |app| {
        let adviser = app.client(&app.staff.adviser);
        let leader = app.client(&app.staff.match_leader);
        // Ida's network is not searched; Ole's is, and every answer is in.
        let ida = register(&app, "Ida").await;
        let ole = register(&app, "Ole").await;
        let morfar = person(&adviser, ole, "Morfar", "morfar").await;
        adviser
        .post(
            &format!("/api/v1/children/{ole}/network-search"),
            &json!({"network_person_id": morfar, "asked_on": "2026-11-09", "outcome": "unwilling"}),
        )
        .await
        .expect(201);
        let ida_p = propose(
            &app,
            ida,
            new_option(&app, foster_family("Familien A", 1)).await,
            "2026-11-16",
            None,
        )
        .await;
        let ole_p = propose(
            &app,
            ole,
            new_option(&app, foster_family("Familien B", 1)).await,
            "2026-11-16",
            None,
        )
        .await;

        // The leader sees where each search stands beside the decision.
        let p = proposal(&app, ida_p).await;
        assert_eq!(p["network_search"][0]["state"], "empty");
        assert_eq!(p["network_search"][0]["child"]["id"], ida);
        // An empty search: approving needs the leader's reason, and without it nothing happens.
        let r = leader
            .post(&format!("/api/v1/proposals/{ida_p}/approve"), &json!({}))
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["approval_reason"]);
        assert_eq!(proposal(&app, ida_p).await["status"], "submitted");
        let approved = leader
        .post(
            &format!("/api/v1/proposals/{ida_p}/approve"),
            &json!({"approval_reason": "Ingen i netværket kan tage Ida; familien kender hende fra aflastning."}),
        )
        .await
        .expect(200)
        .body;
        assert_eq!(approved["status"], "approved");
        assert_eq!(
            approved["decision_reason"],
            "Ingen i netværket kan tage Ida; familien kender hende fra aflastning."
        );
        // A decided proposal no longer shows today's search.
        assert!(approved["network_search"].as_array().unwrap().is_empty());

        // A completed search: approved without a reason.
        assert_eq!(
            proposal(&app, ole_p).await["network_search"][0]["state"],
            "completed"
        );
        let approved = leader
            .post(&format!("/api/v1/proposals/{ole_p}/approve"), &json!({}))
            .await
            .expect(200)
            .body;
        assert!(approved["decision_reason"].is_null());
        // The dashboard: two children in care from today, neither with a network family; Ole's
        // search is completed, Ida's is not: 0 % and 1 / 2 = 50 %.
        let d = app
            .client(&app.staff.admin)
            .get("/api/v1/dashboard")
            .await
            .expect(200)
            .body;
        assert_eq!(
            d["network"],
            json!({"children_in_care": 2, "placed_in_network": 0, "placed_in_network_pct": 0.0,
                   "search_completed": 1, "search_completed_pct": 50.0})
        );
    }
);

db_test!(
    an_open_step_is_on_the_week_and_in_the_digest_of_who_recorded_it,
    |app| {
        let adviser = app.client(&app.staff.adviser);
        let ida = register(&app, "Ida").await;
        let mormor = person(&adviser, ida, "Mormor", "mormor").await;
        let url = format!("/api/v1/children/{ida}/network-search");
        // Tried on Monday 16 November, not reached: ring again by Wednesday the 18th.
        adviser
        .post(&url, &json!({"network_person_id": mormor, "asked_on": "2026-11-16", "outcome": "not_reached",
                            "next_step": "Ringer igen", "next_step_on": "2026-11-18"}))
        .await
        .expect(201);
        let week = adviser.get("/api/v1/week").await.expect(200).body;
        let steps = week["network_steps"].as_array().unwrap();
        assert_eq!(steps.len(), 1);
        assert_eq!(
            (
                steps[0]["child"]["id"].as_i64(),
                steps[0]["person_name"].as_str(),
                steps[0]["next_step_on"].as_str(),
                steps[0]["overdue"].as_bool()
            ),
            (Some(ida), Some("Mormor"), Some("2026-11-18"), Some(false))
        );
        // Tuesday 17 November, 07:00 in Copenhagen: the adviser's digest counts the step, without
        // a name.
        app.set_now("2026-11-17T06:00:00Z");
        kith_app::jobs::tick(&app.app, "test").await.unwrap();
        let digest = kith_store::outbox::all(app.app.db().conn())
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.dedupe_key == format!("digest:{}:2026-11-17", app.staff.adviser.id))
            .expect("the adviser's digest");
        let payload: Value = serde_json::from_str(&digest.payload).unwrap();
        assert_eq!(
            (
                payload["network_steps_due"].as_u64(),
                payload["network_steps_overdue"].as_u64()
            ),
            (Some(1), Some(0))
        );
        assert!(!digest.payload.contains("Mormor") && !digest.payload.contains("Ida"));
        // Reached the next day: the step is closed, off the week.
        adviser
        .post(&url, &json!({"network_person_id": mormor, "asked_on": "2026-11-17", "outcome": "willing"}))
        .await
        .expect(201);
        let week = adviser.get("/api/v1/week").await.expect(200).body;
        assert!(week["network_steps"].as_array().unwrap().is_empty());
    }
);
