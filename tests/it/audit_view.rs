//! The audit view (issue 14, point 2): the auditor sees everything, a leader their units, no
//! one else anything; filters by person, child, period and kind; exportable; itself audited.

use kith_tests::fixtures::child;
use kith_tests::{Api, TestApp, db_test};
use serde_json::{Value, json};

/// The data-protection auditor (no units, no case roles).
async fn auditor(app: &TestApp) -> Api {
    app.client(&app.staff.auditor)
}

fn actions(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

db_test!(
    the_auditor_sees_all_a_leader_their_units_others_nothing,
    |app| {
        let a_child = app
            .client(&app.staff.adviser)
            .post("/api/v1/children", &child("Alfa"))
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        let b_child = app
            .client(&app.staff.adviser_b)
            .post("/api/v1/children", &child("Beta"))
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        let audit = auditor(&app).await;
        let all = audit
            .get("/api/v1/audit?kind=child_data")
            .await
            .expect(200)
            .body;
        let children: Vec<i64> = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["child"].as_i64())
            .collect();
        assert!(children.contains(&a_child) && children.contains(&b_child));
        assert!(!all.to_string().contains("Alfa"), "no names of children");
        // The leader of Team A sees Alfa's entries, not Beta's.
        let leader = app
            .client(&app.staff.leader)
            .get("/api/v1/audit")
            .await
            .expect(200)
            .body;
        let theirs: Vec<i64> = leader["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["child"].as_i64())
            .collect();
        assert!(
            theirs.contains(&a_child) && !theirs.contains(&b_child),
            "{theirs:?}"
        );
        for user in [&app.staff.adviser, &app.staff.admin, &app.staff.consultant] {
            app.client(user).get("/api/v1/audit").await.expect(403);
        }
        // Reading the trail is in the trail.
        let reads = app.audit_rows("audit.read").await;
        assert_eq!(reads.len(), 2);
    }
);

db_test!(the_trail_is_filtered_and_exported, |app| {
    let id = app
        .client(&app.staff.adviser)
        .post("/api/v1/children", &child("Alfa"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    app.client(&app.staff.adviser)
        .get(&format!("/api/v1/children/{id}"))
        .await
        .expect(200);
    let admin = app.client(&app.staff.admin);
    admin
        .post(
            &format!("/api/v1/users/{}/password-reset", app.staff.matcher.id),
            &json!({}),
        )
        .await
        .expect(202);
    let audit = auditor(&app).await;
    let by_child = audit
        .get(&format!("/api/v1/audit?child={id}"))
        .await
        .expect(200)
        .body;
    let mut seen = actions(&by_child);
    seen.sort();
    assert_eq!(seen, ["child.create", "child.read"]);
    let by_person = audit
        .get(&format!(
            "/api/v1/audit?actor={}&kind=privileged",
            app.staff.admin.id
        ))
        .await
        .expect(200)
        .body;
    assert_eq!(actions(&by_person), ["user.password_reset_sent"]);
    // Another period has none of it.
    let earlier = audit
        .get("/api/v1/audit?from=2025-01-01&to=2025-12-31")
        .await
        .expect(200)
        .body;
    assert_eq!(earlier["items"], json!([]));
    audit
        .get("/api/v1/audit?action=no.such.action")
        .await
        .expect(422);
    let csv = audit
        .get(&format!("/api/v1/audit/export/csv?child={id}"))
        .await
        .expect(200);
    let text = String::from_utf8(csv.bytes.clone()).unwrap();
    assert!(text.starts_with("id,at,actor_id"), "{text}");
    assert_eq!(text.lines().count(), 3, "{text}");
    let exports: Vec<_> = app
        .audit_rows("audit.read")
        .await
        .into_iter()
        .filter(|r| r.detail.as_deref().is_some_and(|d| d.starts_with("export")))
        .collect();
    assert_eq!(exports.len(), 1);
});
