//! Every read and change of a child's data writes an audit row (ids and codes only).

use kith_store::entities::audit_log;
use kith_tests::fixtures::child;
use kith_tests::{TestApp, db_test};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

async fn rows(app: &TestApp, child_id: i64) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::ChildId.eq(child_id))
        .order_by_asc(audit_log::Column::Id)
        .all(app.app.db().conn())
        .await
        .unwrap()
}

fn actions(rows: &[audit_log::Model]) -> Vec<String> {
    rows.iter().map(|r| r.action.clone()).collect()
}

db_test!(reads_and_changes_are_audited, |app| {
    let adviser = app.client(&app.staff.adviser);
    let id = adviser
        .post("/api/v1/children", &child("Audited"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    // Creating returns the case; the creation's row, written in its transaction, covers
    // that answer (a second row written after the commit could fail on a full disk and turn
    // a registration that happened into an error the user would repeat).
    assert_eq!(actions(&rows(&app, id).await), ["child.create"]);

    adviser
        .get(&format!("/api/v1/children/{id}"))
        .await
        .expect(200);
    adviser.get("/api/v1/children").await.expect(200);
    adviser
        .put(&format!("/api/v1/children/{id}"), &child("Audited Again"))
        .await
        .expect(200);
    adviser
        .post(
            &format!("/api/v1/children/{id}/network"),
            &json!({"name": "Morfar", "relation": "morfar"}),
        )
        .await
        .expect(201);
    let all = rows(&app, id).await;
    assert_eq!(
        actions(&all),
        [
            "child.create",
            "child.read",
            "child.list",
            "child.update",
            "network_person.add"
        ]
    );
    for r in &all {
        assert_eq!(r.actor_id, Some(app.staff.adviser.id));
        assert_eq!(r.child_id, Some(id));
        assert_eq!(
            r.at,
            "2026-11-16T09:00:00Z"
                .parse::<chrono::DateTime<chrono::Utc>>()
                .unwrap()
        );
    }
    let update = all.iter().find(|r| r.action == "child.update").unwrap();
    assert_eq!(
        (update.entity.as_str(), update.entity_id),
        ("child", Some(id))
    );
    let network = all
        .iter()
        .find(|r| r.action == "network_person.add")
        .unwrap();
    assert_eq!(network.entity, "network_person");
});

db_test!(
    a_refused_attempt_is_audited_and_a_list_audits_each_child,
    |app| {
        let a = app
            .client(&app.staff.adviser)
            .post("/api/v1/children", &child("One"))
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        let b = app
            .client(&app.staff.adviser)
            .post("/api/v1/children", &child("Two"))
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        app.client(&app.staff.adviser_b)
            .get(&format!("/api/v1/children/{a}"))
            .await
            .expect(404);
        let denied = rows(&app, a)
            .await
            .into_iter()
            .find(|r| r.action == "child.read_denied")
            .expect("denied row");
        assert_eq!(denied.actor_id, Some(app.staff.adviser_b.id));

        app.client(&app.staff.leader)
            .get("/api/v1/children")
            .await
            .expect(200);
        for id in [a, b] {
            let listed: Vec<_> = rows(&app, id)
                .await
                .into_iter()
                .filter(|r| r.action == "child.list")
                .collect();
            assert_eq!(listed.len(), 1, "one list row per child shown");
            assert_eq!(listed[0].actor_id, Some(app.staff.leader.id));
        }
    }
);

db_test!(the_cpr_reveal_is_audited, |app| {
    let adviser = app.client(&app.staff.adviser);
    let mut body = child("Revealed");
    body["cpr"] = json!("150314-4562");
    let id = adviser
        .post("/api/v1/children", &body)
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    adviser
        .post(&format!("/api/v1/children/{id}/cpr-reveal"), &json!({}))
        .await
        .expect(200);
    assert!(actions(&rows(&app, id).await).contains(&"child.cpr_reveal".to_owned()));
});

db_test!(reads_arriving_together_are_each_recorded_once, |app| {
    let adviser = app.client(&app.staff.adviser);
    let mut ids = Vec::new();
    for name in ["Together One", "Together Two", "Together Three"] {
        ids.push(
            adviser
                .post("/api/v1/children", &child(name))
                .await
                .expect(201)
                .body["id"]
                .as_i64()
                .unwrap(),
        );
    }
    // 48 lists at once: every fourth by the team leader, the rest by the adviser. Their
    // rows are committed in groups; each list answers only after its own rows are in.
    let leader = app.client(&app.staff.leader);
    let lists = (0..48).map(|i| {
        let who = if i % 4 == 0 { &leader } else { &adviser };
        who.get("/api/v1/children")
    });
    for answer in futures::future::join_all(lists).await {
        answer.expect(200);
    }
    for id in ids {
        let listed: Vec<_> = rows(&app, id)
            .await
            .into_iter()
            .filter(|r| r.action == "child.list")
            .collect();
        let by = |user: i64| listed.iter().filter(|r| r.actor_id == Some(user)).count();
        assert_eq!(by(app.staff.adviser.id), 36, "child {id}");
        assert_eq!(by(app.staff.leader.id), 12, "child {id}");
        assert_eq!(
            listed.len(),
            48,
            "child {id}: no row twice, none from elsewhere"
        );
        for r in &listed {
            assert_eq!((r.entity.as_str(), r.entity_id), ("child", Some(id)));
            assert_eq!(
                r.at,
                "2026-11-16T09:00:00Z"
                    .parse::<chrono::DateTime<chrono::Utc>>()
                    .unwrap()
            );
        }
    }
});
