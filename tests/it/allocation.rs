//! Allocating several waiting children at once.

use kith_tests::fixtures::{child, foster_family, with, without};
use kith_tests::{TestApp, db_test};
use serde_json::{Value, json};

async fn waiting(app: &TestApp, body: Value) -> i64 {
    app.client(&app.staff.adviser)
        .post(
            "/api/v1/children",
            &with(body, "placement_requested_on", json!("2026-11-10")),
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

db_test!(the_optimum_places_more_children_than_greedy, |app| {
    // Anna (12) fits both families, best F1 (75.0) then F2 in Køge (63.7, see matching.rs).
    // Bo (16) fits only F1 (0-17; F2 takes up to 13). Greedy gives F1 to Anna and leaves Bo out;
    // the optimum gives F2 to Anna and F1 to Bo.
    let anna = waiting(&app, child("Anna")).await;
    let bo = waiting(
        &app,
        without(with(child("Bo"), "birth_date", json!("2010-01-10")), "cpr"),
    )
    .await;
    let f1 = option(
        &app,
        with(
            foster_family("F1", 1),
            "age_range",
            json!({"min": 0, "max": 17}),
        ),
    )
    .await;
    let mut f2 = with(
        foster_family("F2", 1),
        "coordinates",
        json!({"lat": 55.458, "lon": 12.182}),
    );
    f2["age_range"] = json!({"min": 2, "max": 13});
    let f2 = option(&app, f2).await;
    let r = app
        .client(&app.staff.matcher)
        .post(
            "/api/v1/allocations",
            &json!({"children": [anna, bo], "start_date": "2026-12-01"}),
        )
        .await
        .expect(200);
    let assigned = |v: &Value| -> Vec<(i64, i64)> {
        let mut a: Vec<(i64, i64)> = v["assignments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["children"][0]["id"].as_i64().unwrap(),
                    x["option"]["id"].as_i64().unwrap(),
                )
            })
            .collect();
        a.sort();
        a
    };
    assert_eq!(assigned(&r.body["greedy"]), [(anna, f1)]);
    assert_eq!(r.body["greedy"]["placed_children"], 1);
    assert_eq!(assigned(&r.body["optimal"]), [(anna, f2), (bo, f1)]);
    assert_eq!(r.body["optimal"]["placed_children"], 2);
    assert!(
        r.body["optimal"]["total"].as_f64().unwrap() > r.body["greedy"]["total"].as_f64().unwrap()
    );
    // It books nothing.
    let o = app
        .client(&app.staff.consultant)
        .get(&format!("/api/v1/placement-options/{f1}"))
        .await
        .expect(200);
    assert_eq!(o.body["free_places"], 1);
});

db_test!(siblings_are_allocated_as_one_unit, |app| {
    let a = waiting(&app, child("Søster")).await;
    let b = waiting(&app, child("Bror")).await;
    app.client(&app.staff.adviser)
        .post(
            &format!("/api/v1/children/{a}/siblings"),
            &json!({"sibling_id": b}),
        )
        .await
        .expect(200);
    option(&app, foster_family("One", 1)).await;
    let two = option(&app, foster_family("Two", 2)).await;
    let r = app
        .client(&app.staff.matcher)
        .post(
            "/api/v1/allocations",
            &json!({"children": [a, b], "start_date": "2026-12-01"}),
        )
        .await
        .expect(200);
    let assignments = r.body["optimal"]["assignments"].as_array().unwrap();
    assert_eq!(assignments.len(), 1);
    assert_eq!(assignments[0]["children"].as_array().unwrap().len(), 2);
    assert_eq!(assignments[0]["option"]["id"], two);
});

db_test!(allocation_refuses_unknown_children_and_too_many, |app| {
    let matcher = app.client(&app.staff.matcher);
    let r = matcher
        .post("/api/v1/allocations", &json!({"children": [424242]}))
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["children[0]"]);
    let many: Vec<i64> = (1..=1001).collect();
    let r = matcher
        .post("/api/v1/allocations", &json!({"children": many}))
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["children"]);
    assert_eq!(
        matcher
            .post("/api/v1/allocations", &json!({"children": []}))
            .await
            .expect(422)
            .error_fields(),
        ["children"]
    );
    // A child the matcher may not read is unknown to it.
    let settled = app
        .client(&app.staff.adviser)
        .post("/api/v1/children", &child("Settled"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        matcher
            .post("/api/v1/allocations", &json!({"children": [settled]}))
            .await
            .expect(422)
            .error_fields(),
        ["children[0]"]
    );
});
