//! Several cases handed over at once (a consultant leaving or away for long): every placement
//! or none, each change logged for the continuity figure and audited, the planned visits moved
//! with it; through the API and the leader's caseload page.

use kith_store::entities::{audit_log, placement_consultant_change};
use kith_tests::db_test;
use kith_tests::wheel::{items, place};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

db_test!(a_leader_hands_several_placements_over_at_once, |app| {
    let a = place(&app, "Ida", "2026-12-01").await;
    let b = place(&app, "Ole", "2026-12-01").await;
    let c = place(&app, "Sofie", "2026-12-01").await;
    let leader = app.client(&app.staff.leader);
    let to = app.staff.consultant2.id;
    // Ole already has the new consultant.
    leader
        .patch(
            &format!("/api/v1/placements/{}", b.placement),
            &json!({"consultant_id": to}),
        )
        .await
        .expect(200);
    let url = "/api/v1/placements/hand-over";
    let ids = json!([a.placement, b.placement, c.placement]);

    // Only a team leader hands cases over.
    app.client(&app.staff.adviser)
        .post(url, &json!({"placement_ids": ids, "consultant_id": to}))
        .await
        .expect(403);
    // Mistakes name their field: nothing ticked, nobody chosen, someone who is no consultant.
    for (body, field) in [
        (
            json!({"placement_ids": [], "consultant_id": to}),
            "placement_ids",
        ),
        (json!({"placement_ids": ids}), "consultant_id"),
        (
            json!({"placement_ids": ids, "consultant_id": app.staff.adviser.id}),
            "consultant_id",
        ),
    ] {
        let r = leader.post(url, &body).await.expect(422);
        assert_eq!(r.error_fields(), [field]);
    }
    // One placement out of reach: a 404, and nothing is handed over.
    leader
        .post(
            url,
            &json!({"placement_ids": [a.placement, 999_999], "consultant_id": to}),
        )
        .await
        .expect(404);
    let first = &items(&app, &app.staff.leader, a.placement, "support").await[0];
    assert_eq!(first["assignee"]["id"], app.staff.consultant.id);

    // All three at once: two change hands, Ole's already had the consultant.
    let done = leader
        .post(url, &json!({"placement_ids": ids, "consultant_id": to}))
        .await
        .expect(200)
        .body;
    assert_eq!(
        (done["handed_over"].as_u64(), done["unchanged"].as_u64()),
        (Some(2), Some(1))
    );
    // Their planned visits are the new consultant's now.
    for p in [a.placement, c.placement] {
        for kind in ["support", "supervision", "start_contact"] {
            let planned = items(&app, &app.staff.leader, p, kind).await;
            assert!(!planned.is_empty());
            assert!(
                planned.iter().all(|v| v["assignee"]["id"] == to),
                "{kind}: {planned:?}"
            );
        }
    }
    // Each change is logged for the continuity figure (Ole's by its own change, the two by the
    // hand-over) and audited as a change of the placement.
    let log = placement_consultant_change::Entity::find()
        .all(app.app.db().conn())
        .await
        .unwrap();
    assert_eq!(log.len(), 3);
    assert!(log.iter().all(|l| l.to_user_id == Some(to)));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("placement.update"))
        .count(app.app.db().conn())
        .await
        .unwrap();
    assert_eq!(audited, 3);
});

db_test!(
    the_leader_ticks_placements_on_the_caseload_and_hands_them_over,
    |app| {
        let a = place(&app, "Ida", "2026-12-01").await;
        let b = place(&app, "Ole", "2026-12-01").await;
        let http = kith_tests::web::danish(&app, &app.staff.leader).await;
        let url = format!("{}/caseload", app.base);
        let page = kith_tests::web::page_text(&http, &url).await;
        assert!(page.contains("Overdrag valgte anbringelser"), "{page}");
        assert!(page.contains(&format!("id=\"ho-{}\"", a.placement)));
        let csrf = kith_tests::web::csrf_in(&page);
        let send = async |consultant: String| {
            let body = format!(
                "csrf={csrf}&placement_ids={}&placement_ids={}&consultant_id={consultant}",
                a.placement, b.placement
            );
            http.post(format!("{url}/hand-over"))
                .header("Referer", &url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap()
        };
        // Nobody chosen: told beside the choice, nothing handed over.
        let refused = send(String::new()).await;
        assert_eq!(refused.status(), 422);
        let refused = refused.text().await.unwrap();
        assert!(
            refused.contains("id=\"consultant_id-error\">Vælg den konsulent, der overtager.</p>"),
            "{refused}"
        );
        // What was ticked stays ticked.
        assert!(refused.contains(&format!("id=\"ho-{}\" checked", a.placement)));
        // Chosen: both handed over, and the caseload says so.
        let done = send(app.staff.consultant2.id.to_string()).await;
        assert_eq!(done.status(), 303);
        let to = done.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(to, "/caseload?handed=2");
        let page = kith_tests::web::page_text(&http, &format!("{}{to}", app.base)).await;
        assert!(page.contains("2 anbringelser er overdraget."), "{page}");
        let first = &items(&app, &app.staff.leader, b.placement, "supervision").await[0];
        assert_eq!(first["assignee"]["id"], app.staff.consultant2.id);
    }
);

db_test!(
    a_leader_hands_an_advisers_cases_to_another_adviser_at_once,
    |app| {
        let a = place(&app, "Ida", "2026-12-01").await;
        let b = place(&app, "Ole", "2026-12-01").await;
        let leader = app.client(&app.staff.leader);
        let url = "/api/v1/placements/hand-over";
        let ids = json!([a.placement, b.placement]);
        let to = app.staff.adviser2.id;
        // Both a consultant and an adviser, or an adviser of another team: refused, by field.
        for (body, field) in [
            (
                json!({"placement_ids": ids, "consultant_id": app.staff.consultant2.id, "adviser_id": to}),
                "adviser_id",
            ),
            (
                json!({"placement_ids": ids, "adviser_id": app.staff.adviser_b.id}),
                "adviser_id",
            ),
            (
                json!({"placement_ids": ids, "adviser_id": app.staff.consultant2.id}),
                "adviser_id",
            ),
        ] {
            let r = leader.post(url, &body).await.expect(422);
            assert_eq!(r.error_fields(), [field]);
        }
        let updates = app.audit_rows("child.update").await.len();
        let done = leader
            .post(url, &json!({"placement_ids": ids, "adviser_id": to}))
            .await
            .expect(200)
            .body;
        assert_eq!(done["handed_over"], 2);
        // Both children's cases are Anders's now, and so are their plan reviews.
        let anders = app.client(&app.staff.adviser2);
        for p in [&a, &b] {
            let child = anders
                .get(&format!("/api/v1/children/{}", p.child))
                .await
                .expect(200)
                .body;
            assert_eq!(child["case_adviser"]["id"], to);
            let reviews = items(&app, &app.staff.leader, p.placement, "plan_review").await;
            assert!(!reviews.is_empty());
            assert!(
                reviews.iter().all(|v| v["assignee"]["id"] == to),
                "{reviews:?}"
            );
        }
        app.client(&app.staff.adviser)
            .get(&format!("/api/v1/children/{}", a.child))
            .await
            .expect(404);
        // Each change is logged for the continuity figure and audited as a change of the case.
        let log = kith_store::entities::placement_adviser_change::Entity::find()
            .all(app.app.db().conn())
            .await
            .unwrap();
        assert_eq!(log.len(), 2);
        assert!(log.iter().all(|l| l.to_user_id == to));
        assert_eq!(app.audit_rows("child.update").await.len(), updates + 2);
    }
);
