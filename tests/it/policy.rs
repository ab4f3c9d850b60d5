//! The access policy: who may read or change whose data.

use kith_domain::PlacementStatus;
use kith_store::placements::NewPlacement;
use kith_tests::fixtures::{child, foster_family, with};
use kith_tests::{TestApp, db_test};
use serde_json::json;

async fn child_of(app: &TestApp, adviser: &kith_tests::TestUser, name: &str) -> i64 {
    app.client(adviser)
        .post("/api/v1/children", &child(name))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

db_test!(an_adviser_cannot_read_another_advisers_child, |app| {
    let mine = child_of(&app, &app.staff.adviser, "Mine").await;
    let theirs = child_of(&app, &app.staff.adviser2, "Theirs").await;
    let adviser = app.client(&app.staff.adviser);
    adviser
        .get(&format!("/api/v1/children/{mine}"))
        .await
        .expect(200);
    // 404, not 403: whether the child exists is not revealed.
    adviser
        .get(&format!("/api/v1/children/{theirs}"))
        .await
        .expect(404);
    adviser
        .put(&format!("/api/v1/children/{theirs}"), &child("Taken over"))
        .await
        .expect(404);
    let list = adviser.get("/api/v1/children").await.expect(200);
    let names: Vec<&str> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Mine"]);
});

db_test!(an_admin_reads_no_case_content, |app| {
    let id = child_of(&app, &app.staff.adviser, "Private").await;
    let admin = app.client(&app.staff.admin);
    let r = admin
        .get(&format!("/api/v1/children/{id}"))
        .await
        .expect(403);
    assert_eq!(r.content_type(), "application/problem+json");
    admin.get("/api/v1/children").await.expect(403);
    admin.get("/api/v1/placement-options").await.expect(403);
    admin
        .post("/api/v1/children", &child("Admin's"))
        .await
        .expect(403);
    // But administers users and the vocabulary.
    admin.get("/api/v1/users").await.expect(200);
    admin
        .put("/api/v1/needs/eating_disorder", &json!({"texts": {"da": {"label": "Spiseforstyrrelse"}, "en": {"label": "Eating disorder"}}, "active": true}))
        .await
        .expect(200);
    // And nobody else does.
    app.client(&app.staff.leader)
        .get("/api/v1/users")
        .await
        .expect(403);
    app.client(&app.staff.adviser)
        .put(
            "/api/v1/needs/trauma",
            &json!({"texts": {"da": {"label": "x"}, "en": {"label": "x"}}, "active": false}),
        )
        .await
        .expect(403);
});

db_test!(
    a_matcher_reads_only_children_with_a_placement_request,
    |app| {
        let adviser = app.client(&app.staff.adviser);
        let waiting = adviser
            .post(
                "/api/v1/children",
                &with(
                    child("Waiting"),
                    "placement_requested_on",
                    json!("2026-11-02"),
                ),
            )
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        let settled = child_of(&app, &app.staff.adviser, "Settled").await;
        let matcher = app.client(&app.staff.matcher);
        matcher
            .get(&format!("/api/v1/children/{waiting}"))
            .await
            .expect(200);
        matcher
            .get(&format!("/api/v1/children/{settled}"))
            .await
            .expect(404);
        let list = matcher.get("/api/v1/children").await.expect(200);
        assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
        // Reads all options.
        app.client(&app.staff.consultant)
            .post("/api/v1/placement-options", &foster_family("F", 1))
            .await
            .expect(201);
        assert_eq!(
            matcher
                .get("/api/v1/placement-options")
                .await
                .expect(200)
                .body["items"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        // A matcher does not register children.
        matcher
            .post("/api/v1/children", &child("New"))
            .await
            .expect(403);
    }
);

db_test!(no_credentials_means_401, |app| {
    let anon = app.anonymous();
    for path in [
        "/api/v1/children",
        "/api/v1/placement-options",
        "/api/v1/needs",
        "/api/v1/users",
        "/api/v1/session",
        "/api/v1/tokens",
    ] {
        let r = anon.get(path).await;
        assert_eq!(r.status, 401, "{path}");
        assert_eq!(r.content_type(), "application/problem+json");
    }
    let bad = kith_tests::Api::new(&app.base, Some("kith_not-a-real-token".into()));
    bad.get("/api/v1/children").await.expect(401);
    // Open endpoints.
    anon.get("/healthz").await.expect(200);
    anon.get("/readyz").await.expect(200);
});

db_test!(
    consultants_and_leaders_reach_through_placements_and_units,
    |app| {
        let placed = child_of(&app, &app.staff.adviser, "Placed").await;
        let unplaced = child_of(&app, &app.staff.adviser, "Unplaced").await;
        let team_b_child = child_of(&app, &app.staff.adviser_b, "Team B child").await;
        let option = app
            .client(&app.staff.consultant)
            .post(
                "/api/v1/placement-options",
                &foster_family("Familien Berg", 2),
            )
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        kith_store::placements::insert(
            app.app.db().conn(),
            &NewPlacement {
                child_id: placed,
                option_id: option,
                start_date: "2026-10-01".parse().unwrap(),
                planned_end_date: None,
                exit_goal: None,
                status: PlacementStatus::Active,
                consultant_id: Some(app.staff.consultant.id),
                adviser_id: app.staff.adviser.id,
                proposal_id: None,
                requested_on: None,
            },
            app.app.now(),
        )
        .await
        .unwrap();
        let consultant = app.client(&app.staff.consultant);
        let r = consultant
            .get(&format!("/api/v1/children/{placed}"))
            .await
            .expect(200);
        assert_eq!(r.body["permissions"]["change"], false);
        consultant
            .get(&format!("/api/v1/children/{unplaced}"))
            .await
            .expect(404);
        consultant
            .put(&format!("/api/v1/children/{placed}"), &child("x"))
            .await
            .expect(403);
        app.client(&app.staff.consultant2)
            .get(&format!("/api/v1/children/{placed}"))
            .await
            .expect(404);
        // The adviser sees the option where their child lives.
        app.client(&app.staff.adviser)
            .get(&format!("/api/v1/placement-options/{option}"))
            .await
            .expect(200);
        app.client(&app.staff.adviser2)
            .get(&format!("/api/v1/placement-options/{option}"))
            .await
            .expect(404);

        // Leader of Team A (and Foster) reaches Team A's children, not Team B's.
        let leader = app.client(&app.staff.leader);
        leader
            .get(&format!("/api/v1/children/{unplaced}"))
            .await
            .expect(200);
        leader
            .get(&format!("/api/v1/children/{team_b_child}"))
            .await
            .expect(404);
        let b = app.client(&app.staff.leader_b);
        b.get(&format!("/api/v1/children/{team_b_child}"))
            .await
            .expect(200);
        b.get(&format!("/api/v1/children/{placed}"))
            .await
            .expect(404);
        // A leader may hand a case to another adviser; an adviser may not.
        let mut handover = child("Unplaced");
        handover["case_adviser_id"] = json!(app.staff.adviser2.id);
        app.client(&app.staff.adviser)
            .put(&format!("/api/v1/children/{unplaced}"), &handover)
            .await
            .expect(403);
        let r = leader
            .put(&format!("/api/v1/children/{unplaced}"), &handover)
            .await
            .expect(200);
        assert_eq!(r.body["case_adviser"]["id"], app.staff.adviser2.id);
        app.client(&app.staff.adviser)
            .get(&format!("/api/v1/children/{unplaced}"))
            .await
            .expect(404);
    }
);
