//! Every kind of bad input gets a clear 4xx problem document naming the field, and nothing
//! is written.

use kith_tests::fixtures::{child, foster_family, with, without};
use kith_tests::{TestApp, db_test};
use serde_json::{Value, json};

async fn children_count(app: &TestApp) -> u64 {
    kith_store::children::count_all(app.app.db().conn())
        .await
        .unwrap()
}

async fn options_count(app: &TestApp) -> u64 {
    kith_store::options::count_all(app.app.db().conn())
        .await
        .unwrap()
}

#[track_caller]
fn assert_problem(r: &kith_tests::Resp, status: u16, field: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(r.body["status"], status);
    assert!(
        r.body["title"].is_string()
            && r.body["type"]
                .as_str()
                .unwrap()
                .starts_with("urn:kith:problem:")
    );
    assert!(
        r.error_fields().iter().any(|f| f == field),
        "expected a problem naming {field}, got {:?}",
        r.error_fields()
    );
}

db_test!(bad_child_inputs_name_the_field_and_write_nothing, |app| {
    let adviser = app.client(&app.staff.adviser);
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "unknown field",
            with(child("X"), "favourite_colour", json!("blue")),
            "favourite_colour",
        ),
        (
            "invalid CPR format",
            with(child("X"), "cpr", json!("12345")),
            "cpr",
        ),
        (
            "CPR with an impossible date",
            with(child("X"), "cpr", json!("310214-4562")),
            "cpr",
        ),
        (
            "CPR that does not match the birth date",
            with(child("X"), "cpr", json!("160314-4562")),
            "cpr",
        ),
        (
            "impossible birth date",
            with(child("X"), "birth_date", json!("2014-02-30")),
            "birth_date",
        ),
        (
            "birth date in the future",
            with(child("X"), "birth_date", json!("2027-01-01")),
            "birth_date",
        ),
        (
            "unknown need code",
            with(
                child("X"),
                "needs",
                json!([{"code": "telepathy", "level": "light"}]),
            ),
            "needs[0].code",
        ),
        (
            "need code that is not a code",
            with(
                child("X"),
                "needs",
                json!([{"code": "Not A Code", "level": "light"}]),
            ),
            "needs[0].code",
        ),
        (
            "unknown need level",
            with(
                child("X"),
                "needs",
                json!([{"code": "trauma", "level": "extreme"}]),
            ),
            "needs[0].level",
        ),
        (
            "need listed twice",
            with(
                child("X"),
                "needs",
                json!([{"code": "trauma", "level": "light"}, {"code": "trauma", "level": "severe"}]),
            ),
            "needs[1].code",
        ),
        ("missing name", without(child("X"), "name"), "name"),
        ("empty name", with(child("X"), "name", json!("")), "name"),
        (
            "missing birth date",
            without(child("X"), "birth_date"),
            "birth_date",
        ),
        (
            "unknown target area",
            with(child("X"), "target_area", json!("space")),
            "target_area",
        ),
        (
            "latitude off the globe",
            with(
                child("X"),
                "school",
                json!({"address": "x", "coordinates": {"lat": 91.0, "lon": 12.0}}),
            ),
            "school.coordinates",
        ),
        (
            "bad language code",
            with(child("X"), "languages", json!(["Danish"])),
            "languages[0]",
        ),
        (
            "wrong type",
            with(child("X"), "needs_wheelchair_access", json!("yes")),
            "needs_wheelchair_access",
        ),
    ];
    for (what, body, field) in cases {
        let r = adviser.post("/api/v1/children", &body).await;
        assert_eq!(r.status, 422, "{what}: {}", r.text);
        assert_problem(&r, 422, field);
    }
    let malformed = adviser
        .post_raw("/api/v1/children", "application/json", "{\"name\": \"X\",")
        .await;
    assert_problem(&malformed, 422, "body");
    let not_json = adviser
        .post_raw("/api/v1/children", "text/plain", "name=X")
        .await;
    assert_problem(&not_json, 422, "content-type");
    assert_eq!(children_count(&app).await, 0, "nothing was written");
});

db_test!(bad_option_inputs_name_the_field_and_write_nothing, |app| {
    let consultant = app.client(&app.staff.consultant);
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "age range min > max",
            with(
                foster_family("X", 1),
                "age_range",
                json!({"min": 12, "max": 4}),
            ),
            "age_range",
        ),
        (
            "negative age",
            with(
                foster_family("X", 1),
                "age_range",
                json!({"min": -1, "max": 4}),
            ),
            "age_range",
        ),
        (
            "negative places",
            with(foster_family("X", 1), "approved_places", json!(-1)),
            "approved_places",
        ),
        (
            "unknown kind",
            with(foster_family("X", 1), "kind", json!("castle")),
            "kind",
        ),
        (
            "unknown competence",
            with(
                foster_family("X", 1),
                "competences",
                json!([{"code": "juggling", "max_level": "light"}]),
            ),
            "competences[0].code",
        ),
        (
            "unknown competence level",
            with(
                foster_family("X", 1),
                "competences",
                json!([{"code": "trauma", "max_level": "huge"}]),
            ),
            "competences[0].max_level",
        ),
        (
            "no target area",
            with(foster_family("X", 1), "target_areas", json!([])),
            "target_areas",
        ),
        (
            "approval ending before it starts",
            with(
                foster_family("X", 1),
                "approval",
                json!({"authority": "social_supervision", "approved_on": "2026-01-01", "valid_until": "2025-01-01", "status": "active"}),
            ),
            "approval.valid_until",
        ),
        (
            "institution form on a family",
            with(
                foster_family("X", 1),
                "institution_form",
                json!("residential_home"),
            ),
            "institution_form",
        ),
        (
            "missing approval",
            without(foster_family("X", 1), "approval"),
            "approval",
        ),
        (
            "consultant who is not a consultant",
            with(
                foster_family("X", 1),
                "responsible_consultant_id",
                json!(app.staff.adviser.id),
            ),
            "responsible_consultant_id",
        ),
    ];
    for (what, body, field) in cases {
        let r = consultant.post("/api/v1/placement-options", &body).await;
        assert_eq!(r.status, 422, "{what}: {}", r.text);
        assert_problem(&r, 422, field);
    }
    assert_eq!(options_count(&app).await, 0, "nothing was written");
});

db_test!(ids_that_do_not_exist_or_do_not_parse, |app| {
    let adviser = app.client(&app.staff.adviser);
    let r = adviser.get("/api/v1/children/999999").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.content_type(), "application/problem+json");
    let r = adviser.get("/api/v1/children/abc").await;
    assert_problem(&r, 422, "id");
    let r = adviser.get("/api/v1/no-such-thing").await;
    assert_eq!(r.status, 404);
    let r = adviser.get("/api/v1/children?limit=0").await;
    assert_problem(&r, 422, "limit");
    let r = adviser.get("/api/v1/children?cursor=garbage").await;
    assert_problem(&r, 422, "cursor");
    let r = adviser.get("/api/v1/children?target_area=moon").await;
    assert_problem(&r, 422, "target_area");
});

db_test!(duplicate_email_is_a_conflict_naming_the_field, |app| {
    let admin = app.client(&app.staff.admin);
    let user = json!({"email": "ny@kith.test", "name": "Ny Bruger", "roles": ["adviser"]});
    admin.post("/api/v1/users", &user).await.expect(201);
    let mut again = user.clone();
    again["email"] = json!("NY@kith.test");
    let r = admin.post("/api/v1/users", &again).await;
    assert_problem(&r, 409, "email");
    let no_role = json!({"email": "x@kith.test", "name": "X", "roles": []});
    assert_problem(&admin.post("/api/v1/users", &no_role).await, 422, "roles");
    let bad_unit =
        json!({"email": "y@kith.test", "name": "Y", "roles": ["adviser"], "unit_ids": [424242]});
    assert_problem(
        &admin.post("/api/v1/users", &bad_unit).await,
        422,
        "unit_ids[0]",
    );
});
