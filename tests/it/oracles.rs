//! Sideways leaks: what a list cursor or a CPR check could tell about a child outside the
//! caller's scope (issue 14, findings 3 and 4).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures::future::join_all;
use kith_tests::fixtures::{child, with};
use kith_tests::{TestApp, db_test};
use serde_json::{Value, json};

/// Registers a child for `user` (an adviser) and returns its id.
async fn register(app: &TestApp, user: &kith_tests::TestUser, body: Value) -> i64 {
    app.client(user)
        .post("/api/v1/children", &body)
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

db_test!(a_cursor_cannot_be_forged_from_an_id, |app| {
    let adviser = app.client(&app.staff.adviser);
    for name in ["Anna", "Bo", "Carl"] {
        register(&app, &app.staff.adviser, child(name)).await;
    }
    // Another adviser's child: the old cursor was base64("k1:<id>") and the store looked up
    // that id's name without the caller's scope.
    let hidden = register(&app, &app.staff.adviser_b, child("Hemmelig Hansen")).await;
    let forged = URL_SAFE_NO_PAD.encode(format!("k1:{hidden}"));
    let r = adviser
        .get(&format!("/api/v1/children?limit=1&cursor={forged}"))
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["cursor"]);
    // An id that does not exist tells nothing either: the same refusal.
    let none = URL_SAFE_NO_PAD.encode("k1:999999");
    let r2 = adviser
        .get(&format!("/api/v1/children?limit=1&cursor={none}"))
        .await
        .expect(422);
    assert_eq!(r.body, r2.body);
});

db_test!(
    a_cursor_is_opaque_and_works_only_where_it_was_given,
    |app| {
        for name in ["Anna", "Bo", "Carl"] {
            register(&app, &app.staff.adviser, child(name)).await;
        }
        let adviser = app.client(&app.staff.adviser);
        let first = adviser
            .get("/api/v1/children?limit=1")
            .await
            .expect(200)
            .body;
        assert_eq!(first["items"][0]["name"], "Anna");
        let cursor = first["next_cursor"].as_str().unwrap().to_owned();
        // Nothing in it reads as the name of the last row.
        let raw = URL_SAFE_NO_PAD.decode(&cursor).unwrap();
        assert!(!String::from_utf8_lossy(&raw).contains("Anna"));
        // It continues the list for its reader.
        let second = adviser
            .get(&format!("/api/v1/children?limit=1&cursor={cursor}"))
            .await
            .expect(200)
            .body;
        assert_eq!(second["items"][0]["name"], "Bo");
        // Not for anyone else, not for another list, not changed by one character.
        app.client(&app.staff.adviser2)
            .get(&format!("/api/v1/children?limit=1&cursor={cursor}"))
            .await
            .expect(422);
        adviser
            .get(&format!("/api/v1/visits?limit=1&cursor={cursor}"))
            .await
            .expect(422);
        let mut bytes = raw.clone();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x01;
        adviser
            .get(&format!(
                "/api/v1/children?limit=1&cursor={}",
                URL_SAFE_NO_PAD.encode(bytes)
            ))
            .await
            .expect(422);
    }
);

db_test!(a_cpr_in_a_hidden_case_is_refused_without_saying_so, |app| {
    let cpr = "150314-4562";
    let hidden = register(
        &app,
        &app.staff.adviser_b,
        with(child("Hemmelig Hansen"), "cpr", json!(cpr)),
    )
    .await;
    let adviser = app.client(&app.staff.adviser);
    let r = adviser
        .post("/api/v1/children", &with(child("Ny"), "cpr", json!(cpr)))
        .await
        .expect(409);
    assert!(
        !r.text.contains("already registered"),
        "the answer must not say that the number is registered: {}",
        r.text
    );
    assert!(r.error_fields().is_empty(), "no field is named: {}", r.text);
    // The check is in the hidden child's trail, by the adviser who made it.
    let checks = app.audit_rows("child.cpr_check").await;
    assert!(
        checks.iter().any(|c| c.child_id == Some(hidden)
            && c.actor_id == Some(app.staff.adviser.id)
            && c.detail.as_deref() == Some("result=hidden")),
        "{checks:?}"
    );
    // The adviser's leader is told by e-mail (no number, no name in it).
    let mail = kith_store::outbox::for_recipient(app.app.db().conn(), app.staff.leader.id)
        .await
        .unwrap();
    assert!(mail.iter().any(|m| m.kind == "cpr_clash"), "{mail:?}");
    assert!(mail.iter().all(|m| !m.payload.contains("150314")));
});

db_test!(a_cpr_in_ones_own_case_is_named_as_a_duplicate, |app| {
    let cpr = "150314-4562";
    register(
        &app,
        &app.staff.adviser,
        with(child("Ida"), "cpr", json!(cpr)),
    )
    .await;
    let r = app
        .client(&app.staff.adviser)
        .post(
            "/api/v1/children",
            &with(child("Ida igen"), "cpr", json!(cpr)),
        )
        .await
        .expect(409);
    assert_eq!(r.error_fields(), ["cpr"]);
    assert!(r.text.contains("already registered"));
});

db_test!(
    an_import_names_no_row_of_a_hidden_case_and_probing_stops,
    |app| {
        let cpr = "150314-4562";
        let hidden = register(
            &app,
            &app.staff.adviser_b,
            with(child("Hemmelig Hansen"), "cpr", json!(cpr)),
        )
        .await;
        let adviser = app.client(&app.staff.adviser);
        // Ten numbers of the same birth date; one of them is the hidden child's.
        let mut csv = String::from("name,birth_date,target_area,support_level,cpr\n");
        for serial in 4555..4565 {
            csv.push_str(&format!(
                "Barn {serial},2014-03-15,general,moderate,150314-{serial}\n"
            ));
        }
        // A dry run writes nothing and so asks the register nothing.
        adviser
            .post_raw("/api/v1/imports/children?dry_run=true", "text/csv", &csv)
            .await
            .expect(200);
        let by_adviser = |rows: Vec<kith_store::entities::audit_log::Model>| {
            rows.iter()
                .filter(|c| c.actor_id == Some(app.staff.adviser.id))
                .count()
        };
        assert_eq!(by_adviser(app.audit_rows("child.cpr_check").await), 0);
        let r = adviser
            .post_raw("/api/v1/imports/children", "text/csv", &csv)
            .await
            .expect(422);
        assert_eq!(
            r.error_fields(),
            ["rows[1].cpr"],
            "the file, not the row: {}",
            r.text
        );
        assert!(!r.text.contains("already registered"));
        // Every number checked is audited; the hidden child's check names it.
        let checks = app.audit_rows("child.cpr_check").await;
        assert_eq!(
            checks
                .iter()
                .filter(|c| c.actor_id == Some(app.staff.adviser.id))
                .count(),
            10
        );
        assert!(checks.iter().any(|c| c.child_id == Some(hidden)));
        // Three requests that met a hidden case in a day; the fourth is refused before any check,
        // whatever it holds.
        for _ in 0..2 {
            adviser
                .post_raw("/api/v1/imports/children", "text/csv", &csv)
                .await
                .expect(422);
        }
        let before = app.audit_rows("child.cpr_check").await.len();
        adviser
            .post(
                "/api/v1/children",
                &with(child("Ny"), "cpr", json!("150314-4999")),
            )
            .await
            .expect(429);
        assert_eq!(app.audit_rows("child.cpr_check").await.len(), before);
    }
);

db_test!(parallel_probes_cannot_pass_the_limit, |app| {
    let cpr = "150314-4562";
    register(
        &app,
        &app.staff.adviser_b,
        with(child("Hemmelig Hansen"), "cpr", json!(cpr)),
    )
    .await;
    let adviser = app.client(&app.staff.adviser);
    let tries = (0..12).map(|i| {
        let adviser = adviser.clone();
        async move {
            adviser
                .post(
                    "/api/v1/children",
                    &with(child(&format!("Ny {i}")), "cpr", json!(cpr)),
                )
                .await
                .status
        }
    });
    let answers = join_all(tries).await;
    let checked = answers.iter().filter(|s| **s == 409).count();
    assert!(checked <= 3, "{checked} probes were answered: {answers:?}");
    assert!(
        answers.iter().all(|s| *s == 409 || *s == 429),
        "{answers:?}"
    );
});

db_test!(a_cpr_lookup_that_finds_nothing_is_audited_too, |app| {
    app.client(&app.staff.adviser)
        .post("/api/v1/children/lookup", &json!({"cpr": "150314-4562"}))
        .await
        .expect(404);
    let checks = app.audit_rows("child.cpr_check").await;
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].child_id, None);
});

db_test!(
    a_case_out_of_reach_and_no_case_at_all_look_the_same,
    |app| {
        let hidden = register(&app, &app.staff.adviser_b, child("Hemmelig Hansen")).await;
        let nowhere = hidden + 1_000_000;
        let adviser = app.client(&app.staff.adviser);
        let a = adviser
            .get(&format!("/api/v1/children/{hidden}"))
            .await
            .expect(404);
        let b = adviser
            .get(&format!("/api/v1/children/{nowhere}"))
            .await
            .expect(404);
        assert_eq!(a.text, b.text);
        // The same work for both (one denial written each), so the time says nothing either;
        // and a sweep over ids is on the record.
        let denied: Vec<Option<i64>> = app
            .audit_rows("child.read_denied")
            .await
            .iter()
            .map(|r| r.entity_id)
            .collect();
        assert_eq!(denied, [Some(hidden), Some(nowhere)]);
    }
);
