//! Placement options through the API, and the free-places arithmetic.

use chrono::NaiveDate;
use kith_domain::PlacementStatus;
use kith_store::placements::NewPlacement;
use kith_tests::db_test;
use kith_tests::fixtures::{child, foster_family, with};
use serde_json::json;

db_test!(create_read_update_round_trip, |app| {
    let consultant = app.client(&app.staff.consultant);
    let created = consultant
        .post(
            "/api/v1/placement-options",
            &foster_family("Familien Holm", 2),
        )
        .await
        .expect(201);
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.body["kind"], "general_foster_family");
    assert_eq!(
        created.body["responsible_consultant"]["id"],
        app.staff.consultant.id
    );
    assert_eq!(created.body["approved_places"], 2);
    assert_eq!(created.body["free_places"], 2);
    assert_eq!(created.body["competences"][0]["code"], "attachment");
    assert_eq!(created.body["competences"][0]["max_level"], "moderate");

    let mut changed = with(
        foster_family("Familien Holm", 3),
        "kind",
        json!("reinforced_foster_family"),
    );
    changed["competences"] = json!([{"code": "trauma", "max_level": "severe"}]);
    changed["wheelchair_access"] = json!(true);
    let updated = consultant
        .put(&format!("/api/v1/placement-options/{id}"), &changed)
        .await
        .expect(200);
    assert_eq!(updated.body["kind"], "reinforced_foster_family");
    assert_eq!(updated.body["approved_places"], 3);
    assert_eq!(updated.body["wheelchair_access"], true);
    assert_eq!(updated.body["competences"].as_array().unwrap().len(), 1);
    // Leaving out the consultant on update clears it (PUT replaces the record).
    assert!(updated.body["responsible_consultant"].is_null());

    let read = app
        .client(&app.staff.matcher)
        .get(&format!("/api/v1/placement-options/{id}"))
        .await
        .expect(200);
    assert_eq!(read.body["name"], "Familien Holm");
});

db_test!(free_places_are_approved_minus_current_placements, |app| {
    let consultant = app.client(&app.staff.consultant);
    let adviser = app.client(&app.staff.adviser);
    let option = consultant
        .post(
            "/api/v1/placement-options",
            &foster_family("Familien Dahl", 3),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let mut children = Vec::new();
    for n in ["A", "B", "C"] {
        children.push(
            adviser
                .post("/api/v1/children", &child(n))
                .await
                .expect(201)
                .body["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let conn = app.app.db().conn();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    // One active, one planned (held by an approved proposal), one ended: 2 places are taken.
    for (child_id, status) in children.iter().zip([
        PlacementStatus::Active,
        PlacementStatus::Planned,
        PlacementStatus::Ended,
    ]) {
        kith_store::placements::insert(
            conn,
            &NewPlacement {
                child_id: *child_id,
                option_id: option,
                start_date: start,
                planned_end_date: None,
                exit_goal: None,
                status,
                consultant_id: Some(app.staff.consultant.id),
                adviser_id: app.staff.adviser.id,
                proposal_id: None,
                requested_on: None,
            },
            app.app.now(),
        )
        .await
        .unwrap();
    }
    let r = consultant
        .get(&format!("/api/v1/placement-options/{option}"))
        .await
        .expect(200);
    assert_eq!(r.body["approved_places"], 3);
    assert_eq!(r.body["places_taken"], 2);
    assert_eq!(r.body["free_places"], 1);
    // The list counts the same places (in its own statement) and names the same consultant.
    let listed = consultant
        .get("/api/v1/placement-options?limit=200")
        .await
        .expect(200);
    let item = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == option)
        .unwrap()
        .clone();
    assert_eq!(item["approved_places"], 3);
    assert_eq!(item["free_places"], 1);
    assert_eq!(
        item["responsible_consultant"]["id"],
        app.staff.consultant.id
    );
    assert!(
        !item["responsible_consultant"]["name"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        item["responsible_consultant"],
        r.body["responsible_consultant"]
    );

    let names = |r: kith_tests::Resp| -> Vec<String> {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_owned())
            .collect()
    };
    consultant
        .post(
            "/api/v1/placement-options",
            &foster_family("Familien Bak", 2),
        )
        .await
        .expect(201);
    let matcher = app.client(&app.staff.matcher);
    assert_eq!(
        names(
            matcher
                .get("/api/v1/placement-options?min_free_places=1")
                .await
                .expect(200)
        ),
        ["Familien Bak", "Familien Dahl"]
    );
    assert_eq!(
        names(
            matcher
                .get("/api/v1/placement-options?min_free_places=2")
                .await
                .expect(200)
        ),
        ["Familien Bak"]
    );
    assert!(
        names(
            matcher
                .get("/api/v1/placement-options?min_free_places=3")
                .await
                .expect(200)
        )
        .is_empty()
    );

    // An approval reduced below the places taken leaves no free places (never negative).
    consultant
        .put(
            &format!("/api/v1/placement-options/{option}"),
            &foster_family("Familien Dahl", 1),
        )
        .await
        .expect(200);
    let r = matcher
        .get(&format!("/api/v1/placement-options/{option}"))
        .await
        .expect(200);
    assert_eq!(r.body["free_places"], 0);
});

db_test!(list_filters_by_kind_and_target_area, |app| {
    let consultant = app.client(&app.staff.consultant);
    consultant
        .post(
            "/api/v1/placement-options",
            &foster_family("General One", 1),
        )
        .await
        .expect(201);
    let mut home = with(
        foster_family("Børnehuset Egely", 8),
        "kind",
        json!("childrens_home"),
    );
    home["institution_form"] = json!("residential_home");
    home["target_areas"] = json!(["disability"]);
    home["day_rate_dkk"] = json!(4200);
    consultant
        .post("/api/v1/placement-options", &home)
        .await
        .expect(201);
    let matcher = app.client(&app.staff.matcher);
    let names = |r: kith_tests::Resp| -> Vec<String> {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(
            matcher
                .get("/api/v1/placement-options?kind=childrens_home")
                .await
                .expect(200)
        ),
        ["Børnehuset Egely"]
    );
    assert_eq!(
        names(
            matcher
                .get("/api/v1/placement-options?target_area=disability")
                .await
                .expect(200)
        ),
        ["Børnehuset Egely"]
    );
    assert_eq!(
        names(
            matcher
                .get("/api/v1/placement-options?target_area=social_psychiatric")
                .await
                .expect(200)
        ),
        ["General One"]
    );
});

db_test!(confirming_capacity_records_who_and_when, |app| {
    let consultant = app.client(&app.staff.consultant);
    let id = consultant
        .post(
            "/api/v1/placement-options",
            &foster_family("Familien Lund", 1),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let r = consultant
        .post(
            &format!("/api/v1/placement-options/{id}/capacity-confirmation"),
            &json!({}),
        )
        .await
        .expect(200);
    assert_eq!(
        r.body["capacity_confirmed_by"]["id"],
        app.staff.consultant.id
    );
    assert_eq!(r.body["capacity_confirmed_at"], "2026-11-16T09:00:00Z");
    // Another consultant does not manage it.
    app.client(&app.staff.consultant2)
        .post(
            &format!("/api/v1/placement-options/{id}/capacity-confirmation"),
            &json!({}),
        )
        .await
        .expect(404);
});

db_test!(network_family_is_approved_for_one_child, |app| {
    let adviser = app.client(&app.staff.adviser);
    let child_id = adviser
        .post("/api/v1/children", &child("Noah"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let mut family = with(
        foster_family("Netværksfamilien Hansen", 1),
        "kind",
        json!("network_foster_family"),
    );
    family["approval"]["authority"] = json!("municipality");
    let consultant = app.client(&app.staff.consultant);
    let r = consultant
        .post("/api/v1/placement-options", &family)
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["network_child_id"]);
    family["network_child_id"] = json!(child_id);
    let r = consultant
        .post("/api/v1/placement-options", &family)
        .await
        .expect(201);
    assert_eq!(r.body["network_child_id"], child_id);
    // The child's adviser may read the family approved for the child.
    let id = r.body["id"].as_i64().unwrap();
    adviser
        .get(&format!("/api/v1/placement-options/{id}"))
        .await
        .expect(200);
});

db_test!(
    the_options_list_sorts_by_free_places_with_its_own_cursor,
    |app| {
        // Ida placed in her family's one place (none free); the Zeuthens take three, the Bergs two.
        kith_tests::wheel::place(&app, "Ida", "2026-11-02").await;
        kith_tests::wheel::new_option(&app, foster_family("Familien Zeuthen", 3)).await;
        kith_tests::wheel::new_option(&app, foster_family("Familien Berg", 2)).await;
        let matcher = app.client(&app.staff.matcher);
        let names = |body: &serde_json::Value| -> Vec<String> {
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["name"].as_str().unwrap().to_owned())
                .collect()
        };
        // By name: Berg, Ida, Zeuthen. By free places: 3, 2, then 0, two to a page.
        let by_name = matcher
            .get("/api/v1/placement-options")
            .await
            .expect(200)
            .body;
        assert_eq!(
            names(&by_name),
            ["Familien Berg", "Familien Ida", "Familien Zeuthen"]
        );
        let first = matcher
            .get("/api/v1/placement-options?sort=free_places&limit=2")
            .await
            .expect(200)
            .body;
        assert_eq!(names(&first), ["Familien Zeuthen", "Familien Berg"]);
        let cursor = first["next_cursor"].as_str().unwrap().to_owned();
        let second = matcher
            .get(&format!(
                "/api/v1/placement-options?sort=free_places&limit=2&cursor={cursor}"
            ))
            .await
            .expect(200)
            .body;
        assert_eq!(names(&second), ["Familien Ida"]);
        assert!(second["next_cursor"].is_null());
        // A cursor of this order never continues the name order.
        matcher
            .get(&format!(
                "/api/v1/placement-options?limit=2&cursor={cursor}"
            ))
            .await
            .expect(422);
        // The page: the column header says the order; the next link keeps it.
        let http = kith_tests::web::danish(&app, &app.staff.matcher).await;
        let html = http
            .get(format!("{}/options?sort=free_places&limit=2", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("aria-sort=\"descending\""), "{html}");
        let zeuthen = html.find("Familien Zeuthen").unwrap();
        let berg = html.find("Familien Berg").unwrap();
        assert!(zeuthen < berg);
        assert!(
            html.contains("sort=free_places&#38;cursor=")
                || html.contains("sort=free_places&amp;cursor="),
            "{html}"
        );
    }
);
