//! Every word a person reads is in their language: API problems in the language of
//! `Accept-Language`, else the user's setting, else Danish, with the field path and the
//! problem's code kept machine-readable beside the text.

use kith_store::entities::app_user;
use kith_tests::db_test;
use kith_tests::fixtures::{child, with};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// The first field error: (field, code, message).
fn first_error(body: &Value) -> (String, String, String) {
    let e = &body["errors"][0];
    (
        e["field"].as_str().unwrap().to_owned(),
        e["code"].as_str().unwrap().to_owned(),
        e["message"].as_str().unwrap().to_owned(),
    )
}

async fn set_locale(app: &kith_tests::TestApp, user: i64, locale: &str) {
    app_user::Entity::update_many()
        .col_expr(
            app_user::Column::Locale,
            sea_orm::sea_query::Expr::value(locale),
        )
        .filter(app_user::Column::Id.eq(user))
        .exec(app.app.db().conn())
        .await
        .unwrap();
}

db_test!(api_problems_speak_the_callers_language, |app| {
    let adviser = app.client(&app.staff.adviser);
    let nameless = with(child("x"), "name", json!(""));
    // Nobody logged in and no Accept-Language: Danish.
    let r = app
        .anonymous()
        .post("/api/v1/session", &json!({"email": "adviser@kith.test"}))
        .await
        .expect(422);
    assert_eq!(r.body["title"], "Ugyldige oplysninger");
    assert_eq!(
        first_error(&r.body),
        (
            "password".into(),
            "problem.required".into(),
            "Udfyld feltet.".into()
        )
    );
    // The user's own setting counts when the request names no language (the test staff
    // chose English; Danish is set here).
    set_locale(&app, app.staff.adviser.id, "da").await;
    let r = adviser
        .post("/api/v1/children", &nameless)
        .await
        .expect(422);
    assert_eq!(r.body["title"], "Ugyldige oplysninger");
    assert_eq!(
        first_error(&r.body),
        (
            "name".into(),
            "problem.required".into(),
            "Udfyld feltet.".into()
        )
    );
    // Accept-Language names English first: English wins over the setting; same field, code.
    let r = adviser
        .post_in("en-GB,en;q=0.9,da;q=0.8", "/api/v1/children", &nameless)
        .await
        .expect(422);
    assert_eq!(r.body["title"], "Invalid input");
    assert_eq!(
        first_error(&r.body),
        (
            "name".into(),
            "problem.required".into(),
            "Fill in this field.".into()
        )
    );
    // A language Kith does not speak is passed over for the next.
    set_locale(&app, app.staff.adviser.id, "en").await;
    let r = adviser
        .post_in("fr, da;q=0.5", "/api/v1/children", &nameless)
        .await
        .expect(422);
    assert_eq!(first_error(&r.body).2, "Udfyld feltet.");
    let r = adviser
        .post("/api/v1/children", &nameless)
        .await
        .expect(422);
    assert_eq!(r.body["title"], "Invalid input");

    // Values are put into the text in the reader's formats: a name too long by one.
    let long = with(child("x"), "name", json!("x".repeat(201)));
    let r = adviser
        .post_in("da", "/api/v1/children", &long)
        .await
        .expect(422);
    assert_eq!(
        first_error(&r.body),
        (
            "name".into(),
            "problem.max_chars".into(),
            "Højst 200 tegn.".into()
        )
    );
});

db_test!(a_form_error_is_danish_and_says_what_to_do, |app| {
    // A whole-number scale value of 11 on a goal: the domain's rule, in the catalogue's words.
    let p = kith_tests::wheel::place(&app, "Ida", "2026-11-02").await;
    let adviser = app.client(&app.staff.adviser);
    let goal = adviser
        .post(
            &format!("/api/v1/placements/{}/goals", p.placement),
            &json!({"area": "school_and_education", "text": "Ida går i skole hver dag.", "measure": {"kind": "scale", "baseline": 3, "target": 8}, "parties": ["child"], "due_on": "2027-06-30"}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let r = adviser
        .post_in(
            "da",
            &format!("/api/v1/goals/{goal}/progress"),
            &json!({"recorded_on": "2026-11-10", "value": 11}),
        )
        .await
        .expect(422);
    assert_eq!(
        first_error(&r.body),
        (
            "value".into(),
            "problem.scale".into(),
            "Skriv et helt tal fra 0 til 10.".into()
        )
    );
    // The detail repeats the messages, never a field code.
    assert_eq!(r.body["detail"], "Skriv et helt tal fra 0 til 10.");
});

db_test!(an_administrators_rule_mistake_is_told_in_danish, |app| {
    set_locale(&app, app.staff.admin.id, "da").await;
    let admin = app.client(&app.staff.admin);
    let mut rules = admin.get("/api/v1/rules").await.expect(200).body;
    rules["wheel"]["weekly_capacity"] = json!(0);
    let r = admin
        .put("/api/v1/rules", &json!({"wheel": rules["wheel"]}))
        .await
        .expect(422);
    assert_eq!(
        first_error(&r.body),
        (
            "wheel.weekly_capacity".into(),
            "problem.weekly_visits".into(),
            "Skriv et antal besøg om ugen fra 1 til 100.".into()
        )
    );
});
