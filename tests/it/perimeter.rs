//! The rest of the perimeter (issue 14): privileged changes audited and self-granted access
//! refused (5), the four-eyes rule (6), visits held and recorded by their consultant and
//! held by a real person (11, 13), a case written only where its registrar can see it (11),
//! options linked only from within reach (11), and the limits on bodies and names (12).

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use kith_tests::fixtures::{child, foster_family, with};
use kith_tests::{TestApp, db_test};
use serde_json::{Value, json};

async fn user_json(app: &TestApp, id: i64) -> Value {
    let u = app
        .client(&app.staff.admin)
        .get(&format!("/api/v1/users/{id}"))
        .await
        .expect(200)
        .body;
    json!({"email": u["email"], "name": u["name"], "roles": u["roles"],
           "unit_ids": u["unit_ids"], "locale": u["locale"], "active": u["active"]})
}

db_test!(
    an_administrator_cannot_grant_themselves_case_access,
    |app| {
        let admin = app.client(&app.staff.admin);
        let me = app.staff.admin.id;
        let mut body = user_json(&app, me).await;
        let team_a = user_json(&app, app.staff.adviser.id).await["unit_ids"].clone();
        body["roles"] = json!(["admin", "leader"]);
        body["unit_ids"] = team_a.clone();
        admin
            .put(&format!("/api/v1/users/{me}"), &body)
            .await
            .expect(403);
        // Not even units alone.
        let mut units_only = user_json(&app, me).await;
        units_only["unit_ids"] = team_a;
        admin
            .put(&format!("/api/v1/users/{me}"), &units_only)
            .await
            .expect(403);
        let after = user_json(&app, me).await;
        assert_eq!(after["roles"], json!(["admin"]));
        assert_eq!(after["unit_ids"], json!([]));
        // Nor give case work to another administrator: oversight and case work stay apart.
        let mut other = user_json(&app, app.staff.leader.id).await;
        other["roles"] = json!(["leader", "admin"]);
        let r = admin
            .put(&format!("/api/v1/users/{}", app.staff.leader.id), &other)
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["roles"]);
    }
);

db_test!(every_privileged_change_is_in_the_audit_trail, |app| {
    let admin = app.client(&app.staff.admin);
    let created = admin
        .post(
            "/api/v1/users",
            &json!({"email": "ny@kith.test", "name": "Nina Ny", "roles": ["adviser"],
                    "unit_ids": []}),
        )
        .await
        .expect(201)
        .body;
    let id = created["id"].as_i64().unwrap();
    let mut body = user_json(&app, id).await;
    body["roles"] = json!(["adviser", "consultant"]);
    admin
        .put(&format!("/api/v1/users/{id}"), &body)
        .await
        .expect(200);
    let rules = admin.get("/api/v1/rules").await.expect(200).body;
    admin
        .put("/api/v1/rules", &json!({"matching": rules["matching"]}))
        .await
        .expect(200);
    admin
        .put(
            "/api/v1/needs/sleep",
            &json!({"texts": {"da": {"label": "Søvn"}, "en": {"label": "Sleep"}},
                    "sort_order": 99, "active": true}),
        )
        .await
        .expect(200);
    let expect = |action: &'static str, detail: Option<&'static str>| (action, detail);
    for (action, detail) in [
        expect("user.create", Some("roles=adviser;units=")),
        expect(
            "user.access_change",
            Some("roles=adviser,consultant;units="),
        ),
        expect("rules.update", Some("sets=matching")),
        expect("need.change", Some("code=sleep;active=true")),
    ] {
        let rows = app.audit_rows(action).await;
        assert_eq!(rows.len(), 1, "{action}");
        assert_eq!(rows[0].actor_id, Some(app.staff.admin.id), "{action}");
        assert_eq!(rows[0].detail.as_deref(), detail, "{action}");
        assert_eq!(rows[0].child_id, None);
    }
});

async fn waiting_child(app: &TestApp) -> i64 {
    app.client(&app.staff.adviser)
        .post(
            "/api/v1/children",
            &with(child("Ida"), "placement_requested_on", json!("2026-11-10")),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

db_test!(a_leader_does_not_approve_their_own_proposal, |app| {
    let child_id = waiting_child(&app).await;
    let option = app
        .client(&app.staff.consultant)
        .post("/api/v1/placement-options", &foster_family("F1", 2))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let leader = app.client(&app.staff.match_leader);
    let p = leader
        .post(
            "/api/v1/proposals",
            &json!({"child_id": child_id, "option_id": option, "start_date": "2026-12-01",
                    "rationale": "Tæt på skolen."}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let r = leader
        .post(
            &format!("/api/v1/proposals/{p}/approve"),
            &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
        )
        .await
        .expect(403);
    assert!(r.text.contains("another leader"), "{}", r.text);
    // Another leader over the child decides.
    app.client(&app.staff.leader)
        .post(
            &format!("/api/v1/proposals/{p}/approve"),
            &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
        )
        .await
        .expect(200);
});

/// A placed child with a consultant, and its first planned supervision visit.
async fn placed_with_visit(app: &TestApp) -> (i64, i64) {
    let child_id = waiting_child(app).await;
    let option = app
        .client(&app.staff.consultant)
        .post("/api/v1/placement-options", &foster_family("F1", 2))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let p = app
        .client(&app.staff.matcher)
        .post(
            "/api/v1/proposals",
            &json!({"child_id": child_id, "option_id": option, "start_date": "2026-11-16",
                    "rationale": "Tæt på skolen."}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    app.client(&app.staff.match_leader)
        .post(
            &format!("/api/v1/proposals/{p}/approve"),
            &json!({"approval_reason": "Ingen i netværket kan tage barnet."}),
        )
        .await
        .expect(200);
    let visits = app
        .client(&app.staff.consultant)
        .get("/api/v1/visits?kind=supervision")
        .await
        .expect(200)
        .body;
    let visit = visits["items"][0]["id"].as_i64().expect("a planned visit");
    (child_id, visit)
}

db_test!(the_consultant_records_moves_and_cancels_a_visit, |app| {
    let (_, visit) = placed_with_visit(&app).await;
    let record = json!({"held_on": "2026-11-16", "child_seen_alone": true, "child_view": "Glad."});
    let before = app
        .client(&app.staff.consultant)
        .get(&format!("/api/v1/visits/{visit}"))
        .await
        .expect(200)
        .body;
    // The case adviser reads the visit but does not record, move or cancel it.
    let adviser = app.client(&app.staff.adviser);
    adviser
        .get(&format!("/api/v1/visits/{visit}"))
        .await
        .expect(200);
    for (path, body) in [
        (format!("/api/v1/visits/{visit}/record"), record.clone()),
        (
            format!("/api/v1/visits/{visit}/move"),
            json!({"to": "2026-11-20", "reason": "Syg"}),
        ),
        (
            format!("/api/v1/visits/{visit}/cancel"),
            json!({"reason": "Flyttet"}),
        ),
    ] {
        adviser.post(&path, &body).await.expect(403);
    }
    let after = app
        .client(&app.staff.consultant)
        .get(&format!("/api/v1/visits/{visit}"))
        .await
        .expect(200)
        .body;
    assert_eq!(
        before["visit"], after["visit"],
        "a refused change changed nothing"
    );
    assert_eq!(app.audit_rows("child.change_denied").await.len(), 3);
    // Held by an administrator: no such thing.
    let consultant = app.client(&app.staff.consultant);
    let r = consultant
        .post(
            &format!("/api/v1/visits/{visit}/record"),
            &with(record.clone(), "held_by", json!(app.staff.admin.id)),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["held_by"]);
    // The consultant's leader may stand in; the consultant records.
    consultant
        .post(&format!("/api/v1/visits/{visit}/record"), &record)
        .await
        .expect(200);
});

db_test!(a_case_is_registered_only_for_an_adviser_in_reach, |app| {
    // The leader of Team A and Foster names Team B's adviser.
    let r = app
        .client(&app.staff.leader)
        .post(
            "/api/v1/children",
            &with(
                child("Langt væk"),
                "case_adviser_id",
                json!(app.staff.adviser_b.id),
            ),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["case_adviser_id"]);
    let listed = app
        .client(&app.staff.leader_b)
        .get("/api/v1/children")
        .await
        .expect(200)
        .body;
    assert_eq!(listed["items"], json!([]), "nothing was written");
    assert!(app.audit_rows("child.create").await.is_empty());
});

db_test!(
    an_option_is_linked_to_a_child_only_from_within_reach,
    |app| {
        let child_id = waiting_child(&app).await;
        let option = app
            .client(&app.staff.consultant)
            .post(
                "/api/v1/placement-options",
                &foster_family("Skjult Familie", 2),
            )
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        let adviser = app.client(&app.staff.adviser);
        let r = adviser
            .put(
                &format!("/api/v1/children/{child_id}/known-options/{option}"),
                &json!({"how": "aflastning"}),
            )
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["option_id"]);
        assert!(!r.text.contains("Skjult Familie"));
        // Her leader reads every option and may link it.
        app.client(&app.staff.leader)
            .put(
                &format!("/api/v1/children/{child_id}/known-options/{option}"),
                &json!({"how": "aflastning"}),
            )
            .await
            .expect(200);
    }
);

db_test!(
    an_overlarge_body_gets_413_and_names_refuse_hidden_characters,
    |app| {
        let adviser = app.client(&app.staff.adviser);
        let big = "x".repeat(3 * 1024 * 1024);
        let r = adviser
            .post_raw(
                "/api/v1/children",
                "application/json",
                &format!("{{\"name\":\"{big}\"}}"),
            )
            .await;
        assert_eq!(r.status, 413);
        assert_eq!(r.content_type(), "application/problem+json");
        for name in ["Ida\u{0}", "Ida\u{202E}nesnaH", "Ida\nHansen"] {
            let r = adviser
                .post("/api/v1/children", &with(child("x"), "name", json!(name)))
                .await
                .expect(422);
            assert_eq!(r.error_fields(), ["name"], "{name:?}");
        }
        let session = kith_tests::Api::new(&app.base, None);
        session
            .post(
                "/api/v1/session",
                &json!({"email": "adviser@kith.test", "password": kith_tests::TEST_PASSWORD}),
            )
            .await
            .expect(200);
        let r = session
            .post("/api/v1/tokens", &json!({"name": "\u{202E}nekot"}))
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["name"]);
        let admin = app.client(&app.staff.admin);
        let r = admin
            .post(
                "/api/v1/users",
                &json!({"email": "ny@kith.test", "name": "Nina\u{0}Ny", "roles": ["adviser"],
                    "unit_ids": []}),
            )
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["name"]);
        let r = admin
            .put(
                "/api/v1/needs/sleep",
                &json!({"texts": {"da": {"label": "S\u{202E}vn"}, "en": {"label": "Sleep"}},
                    "sort_order": 99, "active": true}),
            )
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["texts.da.label"]);
        // A need is named in every language Kith speaks: without its English label, nothing
        // is stored and the field path says which.
        let r = admin
            .put(
                "/api/v1/needs/sleep_two",
                &json!({"texts": {"da": {"label": "Søvn"}}, "active": true}),
            )
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["texts.en.label"]);
        assert!(
            !admin
                .get("/api/v1/needs")
                .await
                .expect(200)
                .body
                .to_string()
                .contains("sleep_two"),
            "nothing was stored"
        );
    }
);

db_test!(a_silent_connection_is_closed, |app| {
    // Half a request line, then nothing: the server closes the connection itself once the
    // header timeout has passed (10 seconds), rather than holding it for ever.
    let addr = app.base.trim_start_matches("http://").to_owned();
    let started = Instant::now();
    let closed = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        let mut buf = [0u8; 512];
        // 0 bytes: closed by the server; an error: reset by it. Either way, not held open.
        !matches!(s.read(&mut buf), Ok(n) if n > 0)
    })
    .await
    .unwrap();
    assert!(closed, "the server answered a request that never finished");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the connection stayed open for a minute"
    );
});
