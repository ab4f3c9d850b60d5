//! Every read and change of a child's data writes an audit row (ids and codes only).

use kith_store::audit::AuditEntry;
use kith_store::entities::audit_log;
use kith_store::{ConnectionTrait, Db};
use kith_tests::fixtures::child;
use kith_tests::{Api, TestApp, db_test};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

/// A child's rows, read through the whole log; the look-up by child must find the same, both
/// before and after the index by child has caught up.
async fn rows(app: &TestApp, child_id: i64) -> Vec<audit_log::Model> {
    let scanned = scan(app.app.db(), child_id).await;
    assert_eq!(
        by_child(app.app.db(), child_id).await,
        scanned,
        "child {child_id}"
    );
    kith_store::audit_by_child::catch_up(app.app.db(), i64::MAX)
        .await
        .unwrap();
    assert_eq!(
        by_child(app.app.db(), child_id).await,
        scanned,
        "child {child_id}"
    );
    scanned
}

/// A child's rows by reading every row of the log, oldest first.
async fn scan(db: &Db, child_id: i64) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::ChildId.eq(child_id))
        .order_by_asc(audit_log::Column::Id)
        .all(db.conn())
        .await
        .unwrap()
}

/// A child's rows as the look-up by child finds them (newest first), oldest first.
async fn by_child(db: &Db, child_id: i64) -> Vec<audit_log::Model> {
    let mut found = kith_store::audit::for_child(db.conn(), child_id, 10_000)
        .await
        .unwrap();
    found.reverse();
    found
}

/// Registers a child of each name, in turn; their ids.
async fn register(adviser: &Api, names: &[&str]) -> Vec<i64> {
    let mut ids = Vec::new();
    for name in names {
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
    ids
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
    let ids = register(
        &adviser,
        &["Together One", "Together Two", "Together Three"],
    )
    .await;
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

db_test!(
    the_look_up_by_child_misses_no_row_however_far_the_index_lags,
    |app| {
        let db = app.app.db();
        let adviser = app.client(&app.staff.adviser);
        let ids = register(&adviser, &["Lag One", "Lag Two"]).await;
        kith_store::audit_by_child::catch_up(db, i64::MAX)
            .await
            .unwrap();
        // Three lists and a read of the first child: 3 + 3 + 1 new rows. (The read log's own
        // writer may index some of them meanwhile; every step below holds whoever moved the mark.)
        for _ in 0..3 {
            adviser.get("/api/v1/children").await.expect(200);
        }
        adviser
            .get(&format!("/api/v1/children/{}", ids[0]))
            .await
            .expect(200);
        let all: Vec<_> = futures::future::join_all(ids.iter().map(|&c| scan(db, c))).await;
        assert_eq!(all[0].len(), 1 + 3 + 1, "created, listed three times, read");
        assert_eq!(all[1].len(), 1 + 3, "created, listed three times");
        // The index catches up two rows at a time: at every mark both children are found whole.
        let mut covered = 0;
        loop {
            for (c, expected) in ids.iter().zip(&all) {
                assert_eq!(
                    &by_child(db, *c).await,
                    expected,
                    "child {c} after {covered}"
                );
            }
            let step = kith_store::audit_by_child::catch_up(db, 2).await.unwrap();
            if step == 0 {
                break;
            }
            assert!(step <= 2, "at most two rows at a time, not {step}");
            covered += step;
        }
        assert!(
            covered <= 7,
            "the seven new rows at most, each once: {covered}"
        );
        // Now the index itself holds every row of both children (not only the rows after it).
        for (c, expected) in ids.iter().zip(&all) {
            let placeholder = match db.backend() {
                kith_store::Backend::Postgres => "$1",
                kith_store::Backend::Sqlite => "?",
            };
            let indexed: Vec<i64> = db
                .conn()
                .query_all_raw(sea_orm::Statement::from_sql_and_values(
                    db.db_backend(),
                    format!(
                        "SELECT audit_id FROM audit_by_child WHERE child_id = {placeholder} \
                     ORDER BY audit_id"
                    ),
                    [(*c).into()],
                ))
                .await
                .unwrap()
                .iter()
                .map(|r| r.try_get_by_index::<i64>(0).unwrap())
                .collect();
            assert_eq!(
                indexed,
                expected.iter().map(|r| r.id).collect::<Vec<_>>(),
                "child {c}"
            );
        }
        // Up to date: nothing more to do, and the newest come first with a limit.
        assert_eq!(
            kith_store::audit_by_child::catch_up(db, i64::MAX)
                .await
                .unwrap(),
            0
        );
        let newest = kith_store::audit::for_child(db.conn(), ids[0], 2)
            .await
            .unwrap();
        assert_eq!(
            newest.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
            ["child.read", "child.list"]
        );
    }
);

/// On PostgreSQL ids come from a sequence before the insert commits: a row with a lower id
/// can commit after a higher one. The index's mark must not pass the row still in flight.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_index_by_child_waits_for_a_row_still_in_flight_on_postgres() {
    use sea_orm::TransactionTrait;
    let test = kith_store::testdb::TestDb::fresh(kith_tests::Engine::Postgres)
        .await
        .unwrap();
    let db = Db::connect(&test.url).await.unwrap();
    let child_id = 4_242;
    let entry = |action: &str| AuditEntry {
        actor_id: None,
        action: action.to_owned(),
        entity: "child",
        entity_id: Some(child_id),
        child_id: Some(child_id),
        detail: None,
    };
    let at = chrono::Utc::now();
    // A change's transaction writes its row (the lower id) and has not committed yet ...
    let slow = db.conn().begin().await.unwrap();
    kith_store::audit::append(&slow, &[entry("child.update")], at)
        .await
        .unwrap();
    // ... while a later row commits at once.
    kith_store::audit::append(db.conn(), &[entry("child.read")], at)
        .await
        .unwrap();
    assert_eq!(
        kith_store::audit_by_child::catch_up(&db, i64::MAX)
            .await
            .unwrap(),
        0,
        "no mark while a row may still come below it"
    );
    slow.commit().await.unwrap();
    assert_eq!(
        kith_store::audit_by_child::catch_up(&db, i64::MAX)
            .await
            .unwrap(),
        2,
        "both rows, once the first has committed"
    );
    let found = kith_store::audit::for_child(db.conn(), child_id, 10)
        .await
        .unwrap();
    assert_eq!(
        found.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
        ["child.read", "child.update"]
    );
    db.close().await.unwrap();
}
