//! Children's cases through the API: create, read, update, list, and the parts of a case.

use kith_tests::db_test;
use kith_tests::fixtures::{child, with, without};
use serde_json::json;

db_test!(create_read_update_round_trip, |app| {
    let adviser = app.client(&app.staff.adviser);
    let created = adviser
        .post("/api/v1/children", &child("Emma Nielsen"))
        .await
        .expect(201);
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.body["name"], "Emma Nielsen");
    assert_eq!(created.body["case_adviser"]["id"], app.staff.adviser.id);
    // Born 15 March 2014; on 16 November 2026 she is 12.
    assert_eq!(created.body["age"], 12);
    // Needs come most severe first.
    assert_eq!(created.body["needs"][0]["code"], "attachment");
    assert_eq!(created.body["needs"][0]["level"], "moderate");
    assert_eq!(created.body["needs"][1]["code"], "school_learning_support");
    assert_eq!(
        created.body["needs"][0]["label"]["da"],
        "Tilknytningsvanskeligheder"
    );
    assert_eq!(created.body["school"]["coordinates"]["lat"], 55.6598);
    assert_eq!(created.body["permissions"]["change"], true);

    let read = adviser
        .get(&format!("/api/v1/children/{id}"))
        .await
        .expect(200);
    assert_eq!(read.body["name"], "Emma Nielsen");
    assert_eq!(read.body["own_wishes"], "Vil gerne blive på sin skole");

    let mut changed = with(child("Emma N. Nielsen"), "support_level", json!("severe"));
    changed["needs"] = json!([{"code": "trauma", "level": "severe"}]);
    changed["school"] = json!(null);
    let updated = adviser
        .put(&format!("/api/v1/children/{id}"), &changed)
        .await
        .expect(200);
    assert_eq!(updated.body["name"], "Emma N. Nielsen");
    assert_eq!(updated.body["support_level"], "severe");
    assert_eq!(updated.body["needs"].as_array().unwrap().len(), 1);
    assert_eq!(updated.body["needs"][0]["code"], "trauma");
    assert!(updated.body["school"].is_null());

    let again = adviser
        .get(&format!("/api/v1/children/{id}"))
        .await
        .expect(200);
    assert_eq!(again.body["needs"][0]["code"], "trauma");

    // The list shows what the case shows: born 15 March 2014, 12 today, the same adviser by
    // name (the list reads the name in its own statement, the case in another).
    let listed = adviser.get("/api/v1/children?limit=200").await.expect(200);
    let item = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(item["name"], "Emma N. Nielsen");
    assert_eq!(item["birth_date"], "2014-03-15");
    assert_eq!(item["age"], 12);
    assert_eq!(item["support_level"], "severe");
    assert_eq!(item["case_adviser"]["id"], app.staff.adviser.id);
    assert!(!item["case_adviser"]["name"].as_str().unwrap().is_empty());
    assert_eq!(item["case_adviser"], again.body["case_adviser"]);
});

db_test!(list_is_by_name_and_paginated, |app| {
    let adviser = app.client(&app.staff.adviser);
    for name in ["Carl", "Alma", "Ella", "Bo", "Dina"] {
        adviser
            .post("/api/v1/children", &child(name))
            .await
            .expect(201);
    }
    let first = adviser.get("/api/v1/children?limit=2").await.expect(200);
    let names = |r: &kith_tests::Resp| -> Vec<String> {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&first), ["Alma", "Bo"]);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let second = adviser
        .get(&format!("/api/v1/children?limit=2&cursor={cursor}"))
        .await
        .expect(200);
    assert_eq!(names(&second), ["Carl", "Dina"]);
    let cursor = second.body["next_cursor"].as_str().unwrap().to_owned();
    let third = adviser
        .get(&format!("/api/v1/children?limit=2&cursor={cursor}"))
        .await
        .expect(200);
    assert_eq!(names(&third), ["Ella"]);
    assert!(third.body["next_cursor"].is_null());
});

db_test!(
    the_waiting_children_are_listed_by_how_long_they_have_waited,
    |app| {
        // Requested on 2 November, 20 October and 9 November (Bo twice as long as Alma waited);
        // Carl is not waiting. Waiting order: Bo (27 days on 16 November), Alma (14), Ella (7).
        let adviser = app.client(&app.staff.adviser);
        // Born: Carl 2010, Alma 2012, Ella 2014, Bo 2015 (the oldest first in that order).
        for (name, requested, born) in [
            ("Alma", Some("2026-11-02"), "2012-05-01"),
            ("Bo", Some("2026-10-20"), "2015-01-01"),
            ("Carl", None, "2010-08-20"),
            ("Ella", Some("2026-11-09"), "2014-03-15"),
        ] {
            // (No CPR number: the fixtures' numbers are of the tests' one birth date.)
            let mut c = kith_tests::fixtures::without(child(name), "cpr");
            c["birth_date"] = json!(born);
            if let Some(r) = requested {
                c["placement_requested_on"] = json!(r);
            }
            adviser.post("/api/v1/children", &c).await.expect(201);
        }
        let names = |r: &kith_tests::Resp| -> Vec<String> {
            r.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_owned())
                .collect()
        };
        let first = adviser
            .get("/api/v1/children?sort=waiting&limit=2")
            .await
            .expect(200);
        assert_eq!(names(&first), ["Bo", "Alma"]);
        let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
        let second = adviser
            .get(&format!(
                "/api/v1/children?sort=waiting&limit=2&cursor={cursor}"
            ))
            .await
            .expect(200);
        assert_eq!(names(&second), ["Ella"]);
        // A cursor of one order does not read in the other.
        adviser
            .get(&format!("/api/v1/children?limit=2&cursor={cursor}"))
            .await
            .expect(422);
        // By name, the default, everyone.
        let all = adviser.get("/api/v1/children").await.expect(200);
        assert_eq!(names(&all), ["Alma", "Bo", "Carl", "Ella"]);
        // The page of waiting children shows the days waited, the longest first.
        let page = adviser
            .get("/children?placement_requested=true")
            .await
            .expect(200)
            .text;
        let bo = page.find(">Bo<").expect("Bo listed");
        let alma = page.find(">Alma<").expect("Alma listed");
        assert!(bo < alma, "the longest waiting first");
        assert!(page[bo..alma].contains(">27<"), "Bo has waited 27 days");
        // Each column that orders the list is a link to that order, the filters kept; the
        // column in use says so.
        assert!(
            page.contains("href=\"/children?placement_requested=true&#38;sort=age\""),
            "{page}"
        );
        assert!(page.contains("aria-sort=\"descending\"><a href=\"/children?placement_requested=true&#38;sort=waiting\""));
        // By age, the oldest first, page by page.
        let first = adviser
            .get("/api/v1/children?sort=age&limit=3")
            .await
            .expect(200);
        assert_eq!(names(&first), ["Carl", "Alma", "Ella"]);
        let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
        let second = adviser
            .get(&format!(
                "/api/v1/children?sort=age&limit=3&cursor={cursor}"
            ))
            .await
            .expect(200);
        assert_eq!(names(&second), ["Bo"]);
    }
);

db_test!(list_filters_by_area_request_and_adviser, |app| {
    let adviser = app.client(&app.staff.adviser);
    let leader = app.client(&app.staff.leader);
    adviser
        .post("/api/v1/children", &child("General Child"))
        .await
        .expect(201);
    adviser
        .post(
            "/api/v1/children",
            &with(
                child("Disability Child"),
                "target_area",
                json!("disability"),
            ),
        )
        .await
        .expect(201);
    adviser
        .post(
            "/api/v1/children",
            &with(
                child("Waiting Child"),
                "placement_requested_on",
                json!("2026-11-01"),
            ),
        )
        .await
        .expect(201);
    app.client(&app.staff.adviser2)
        .post("/api/v1/children", &child("Other Adviser Child"))
        .await
        .expect(201);

    let only = |r: kith_tests::Resp| -> Vec<String> {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        only(
            adviser
                .get("/api/v1/children?target_area=disability")
                .await
                .expect(200)
        ),
        ["Disability Child"]
    );
    assert_eq!(
        only(
            adviser
                .get("/api/v1/children?placement_requested=true")
                .await
                .expect(200)
        ),
        ["Waiting Child"]
    );
    assert_eq!(
        only(
            adviser
                .get("/api/v1/children?placement_requested=false")
                .await
                .expect(200)
        ),
        ["Disability Child", "General Child"]
    );
    // The leader over Team A sees both advisers' children and can filter by adviser.
    assert_eq!(
        only(leader.get("/api/v1/children").await.expect(200)).len(),
        4
    );
    assert_eq!(
        only(
            leader
                .get(&format!(
                    "/api/v1/children?case_adviser_id={}",
                    app.staff.adviser2.id
                ))
                .await
                .expect(200)
        ),
        ["Other Adviser Child"]
    );
});

db_test!(matcher_edits_the_needs_profile_of_a_waiting_child, |app| {
    let adviser = app.client(&app.staff.adviser);
    let matcher = app.client(&app.staff.matcher);
    let id = adviser
        .post(
            "/api/v1/children",
            &with(
                child("Waiting"),
                "placement_requested_on",
                json!("2026-11-10"),
            ),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let profile = json!({
        "target_area": "social_psychiatric",
        "support_level": "severe",
        "needs_wheelchair_access": true,
        "needs": [{"code": "trauma", "level": "severe"}, {"code": "adhd", "level": "moderate"}]
    });
    let r = matcher
        .put(&format!("/api/v1/children/{id}/profile"), &profile)
        .await
        .expect(200);
    assert_eq!(r.body["target_area"], "social_psychiatric");
    assert_eq!(r.body["needs_wheelchair_access"], true);
    assert_eq!(r.body["needs"][0]["code"], "trauma");
    assert_eq!(r.body["permissions"]["change"], false);
    assert_eq!(r.body["permissions"]["change_profile"], true);
    // The matcher's role gives no right to change the rest of the case.
    matcher
        .put(&format!("/api/v1/children/{id}"), &child("Renamed"))
        .await
        .expect(403);
});

db_test!(network_siblings_and_unsuitable_options, |app| {
    let adviser = app.client(&app.staff.adviser);
    let a = adviser
        .post("/api/v1/children", &child("Sister"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let b = adviser
        .post("/api/v1/children", &child("Brother"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let c = adviser
        .post("/api/v1/children", &child("Baby"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();

    // Network.
    let r = adviser
        .post(
            &format!("/api/v1/children/{a}/network"),
            &json!({"name": "Grete Hansen", "relation": "mormor", "place": {"address": "Algade 3, 4000 Roskilde"}, "approval_status": "in_assessment"}),
        )
        .await
        .expect(201);
    let person = r.body["network"][0]["id"].as_i64().unwrap();
    assert_eq!(r.body["network"][0]["approval_status"], "in_assessment");
    let r = adviser
        .put(
            &format!("/api/v1/children/{a}/network/{person}"),
            &json!({"name": "Grete Hansen", "relation": "mormor", "approval_status": "approved"}),
        )
        .await
        .expect(200);
    assert_eq!(r.body["network"][0]["approval_status"], "approved");
    assert!(r.body["network"][0]["place"].is_null());
    // A network person of another child cannot be changed through this child.
    adviser
        .put(
            &format!("/api/v1/children/{b}/network/{person}"),
            &json!({"name": "X", "relation": "y"}),
        )
        .await
        .expect(404);
    let r = adviser
        .delete(&format!("/api/v1/children/{a}/network/{person}"))
        .await
        .expect(200);
    assert!(r.body["network"].as_array().unwrap().is_empty());

    // Siblings: a-b, then c joins through b; all three share one group.
    let r = adviser
        .post(
            &format!("/api/v1/children/{a}/siblings"),
            &json!({"sibling_id": b}),
        )
        .await
        .expect(200);
    assert_eq!(r.body["siblings"][0]["name"], "Brother");
    let r = adviser
        .post(
            &format!("/api/v1/children/{c}/siblings"),
            &json!({"sibling_id": b}),
        )
        .await
        .expect(200);
    let names: Vec<&str> = r.body["siblings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Brother", "Sister"]);
    let group = r.body["sibling_group_id"].as_i64().unwrap();
    let ra = adviser
        .get(&format!("/api/v1/children/{a}"))
        .await
        .expect(200);
    assert_eq!(ra.body["sibling_group_id"].as_i64().unwrap(), group);
    // Leaving: c leaves, a and b stay; then a leaves and the group dissolves.
    adviser
        .delete(&format!("/api/v1/children/{c}/siblings"))
        .await
        .expect(200);
    let r = adviser
        .delete(&format!("/api/v1/children/{a}/siblings"))
        .await
        .expect(200);
    assert!(r.body["sibling_group_id"].is_null());
    let rb = adviser
        .get(&format!("/api/v1/children/{b}"))
        .await
        .expect(200);
    assert!(
        rb.body["sibling_group_id"].is_null(),
        "a group of one is dissolved"
    );

    // Unsuitable options.
    let option = app
        .client(&app.staff.consultant)
        .post(
            "/api/v1/placement-options",
            &kith_tests::fixtures::foster_family("Familien Holm", 2),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    // An option out of the adviser's reach (not used for her children) is not hers to link:
    // the case would show her its name. Her leader reads every option.
    adviser
        .put(
            &format!("/api/v1/children/{a}/unsuitable-options/{option}"),
            &json!({"reason": "Sammenbrud i 2024"}),
        )
        .await
        .expect(422);
    let r = app
        .client(&app.staff.leader)
        .put(
            &format!("/api/v1/children/{a}/unsuitable-options/{option}"),
            &json!({"reason": "Sammenbrud i 2024"}),
        )
        .await
        .expect(200);
    assert_eq!(
        r.body["unsuitable_options"][0]["option_name"],
        "Familien Holm"
    );
    assert_eq!(
        r.body["unsuitable_options"][0]["reason"],
        "Sammenbrud i 2024"
    );
    let r = adviser
        .delete(&format!("/api/v1/children/{a}/unsuitable-options/{option}"))
        .await
        .expect(200);
    assert!(r.body["unsuitable_options"].as_array().unwrap().is_empty());
    adviser
        .delete(&format!("/api/v1/children/{a}/unsuitable-options/{option}"))
        .await
        .expect(404);
});

db_test!(
    cpr_is_masked_revealed_only_to_the_adviser_and_found_by_lookup,
    |app| {
        let adviser = app.client(&app.staff.adviser);
        let body = with(child("Ida Jensen"), "cpr", json!("150314-4562"));
        let created = adviser.post("/api/v1/children", &body).await.expect(201);
        let id = created.body["id"].as_i64().unwrap();
        assert_eq!(created.body["cpr"], "150314-XXXX");

        let revealed = adviser
            .post(&format!("/api/v1/children/{id}/cpr-reveal"), &json!({}))
            .await
            .expect(200);
        assert_eq!(revealed.body["cpr"], "150314-4562");
        // The leader over the adviser may see it too; a leader elsewhere may not even find the child.
        app.client(&app.staff.leader)
            .post(&format!("/api/v1/children/{id}/cpr-reveal"), &json!({}))
            .await
            .expect(200);
        app.client(&app.staff.leader_b)
            .post(&format!("/api/v1/children/{id}/cpr-reveal"), &json!({}))
            .await
            .expect(404);
        app.client(&app.staff.matcher)
            .post(&format!("/api/v1/children/{id}/cpr-reveal"), &json!({}))
            .await
            .expect(403);

        let found = adviser
            .post("/api/v1/children/lookup", &json!({"cpr": "1503144562"}))
            .await
            .expect(200);
        assert_eq!(found.body["id"], id);
        adviser
            .post("/api/v1/children/lookup", &json!({"cpr": "150314-4564"}))
            .await
            .expect(404);
        // Someone who may not read the child does not learn that it exists.
        app.client(&app.staff.adviser_b)
            .post("/api/v1/children/lookup", &json!({"cpr": "150314-4562"}))
            .await
            .expect(404);

        // An update without a CPR keeps it.
        adviser
            .put(
                &format!("/api/v1/children/{id}"),
                &without(child("Ida Jensen"), "cpr"),
            )
            .await
            .expect(200);
        let again = adviser
            .post(&format!("/api/v1/children/{id}/cpr-reveal"), &json!({}))
            .await
            .expect(200);
        assert_eq!(again.body["cpr"], "150314-4562");

        // One child per CPR number.
        let dup = adviser
            .post(
                "/api/v1/children",
                &with(child("Twin"), "cpr", json!("150314-4562")),
            )
            .await
            .expect(409);
        assert_eq!(dup.error_fields(), ["cpr"]);
    }
);
