//! The bulk load a first plan uses: the visit table's secondary indexes (and on PostgreSQL
//! its foreign keys) come off and go back exactly as they were, and a row that breaks a
//! foreign key written meanwhile still fails the transaction.

use kith_store::testdb::{Engine, TestDb};
use kith_store::{ConnectionTrait, Db, bulk};
use sea_orm::{Statement, TransactionTrait};

/// The visit table's indexes and foreign keys, as PostgreSQL describes them.
async fn shape<C: ConnectionTrait>(conn: &C) -> (Vec<String>, Vec<String>) {
    let rows = |sql: &'static str| async move {
        conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql))
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.try_get::<String>("", "d").unwrap())
            .collect::<Vec<_>>()
    };
    (
        rows("SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'visit' ORDER BY indexname")
            .await,
        rows(
            "SELECT conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint \
             WHERE conrelid = 'visit'::regclass ORDER BY conname",
        )
        .await,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_load_puts_indexes_and_keys_back_and_still_checks_them() {
    let test = TestDb::fresh(Engine::Postgres).await.unwrap();
    let db = Db::connect(&test.url).await.unwrap();
    let before = shape(db.conn()).await;
    assert_eq!(before.0.len(), 4, "the key and three indexes: {before:?}");
    assert_eq!(
        before.1.len(),
        4,
        "the key and three foreign keys: {before:?}"
    );

    // An empty table: a load of at least the minimum is worth it, a smaller one is not.
    assert!(
        bulk::worth_it(db.conn(), "visit", 20_000, 20_000)
            .await
            .unwrap()
    );
    assert!(
        !bulk::worth_it(db.conn(), "visit", 19_999, 20_000)
            .await
            .unwrap()
    );

    let tx = db.conn().begin().await.unwrap();
    let suspended = bulk::suspend(&tx, "visit").await.unwrap();
    let during = shape(&tx).await;
    assert_eq!(
        during.0.len(),
        1,
        "only the primary key's index stays: {during:?}"
    );
    assert_eq!(during.1.len(), 1, "only the primary key stays: {during:?}");
    bulk::restore(&tx, suspended).await.unwrap();
    assert_eq!(shape(&tx).await, before, "put back as they were");
    tx.commit().await.unwrap();
    assert_eq!(shape(db.conn()).await, before);

    // A visit of a placement that does not exist, written while the keys are off, fails the
    // putting back, and with it the whole transaction.
    let tx = db.conn().begin().await.unwrap();
    let suspended = bulk::suspend(&tx, "visit").await.unwrap();
    tx.execute_unprepared(
        "INSERT INTO visit (placement_id, kind, status, due_on, opens_on, closes_on, \
         planned_on, assignee_id, pinned, created_at, updated_at) VALUES (987654, \
         'supervision', 'planned', '2027-01-04', '2026-12-28', '2027-01-11', '2027-01-04', \
         987654, false, now(), now())",
    )
    .await
    .unwrap();
    let refused = bulk::restore(&tx, suspended).await;
    assert!(
        matches!(refused, Err(kith_store::StoreError::Reference(_))),
        "{refused:?}"
    );
    drop(tx);
    assert_eq!(shape(db.conn()).await, before, "rolled back whole");
    let n = db
        .conn()
        .query_one_raw(Statement::from_string(
            db.conn().get_database_backend(),
            "SELECT count(*) AS n FROM visit",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(n, 0);
}

/// The visit table's indexes as SQLite keeps them (the automatic ones have no text).
async fn sqlite_indexes<C: ConnectionTrait>(conn: &C) -> Vec<String> {
    conn.query_all_raw(Statement::from_string(
        conn.get_database_backend(),
        "SELECT name || ': ' || coalesce(sql, '') AS d FROM sqlite_schema \
         WHERE type = 'index' AND tbl_name = 'visit' ORDER BY name",
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|r| r.try_get::<String>("", "d").unwrap())
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_load_on_sqlite_puts_the_indexes_back() {
    let test = TestDb::fresh(Engine::Sqlite).await.unwrap();
    let db = Db::connect(&test.url).await.unwrap();
    let before = sqlite_indexes(db.conn()).await;
    assert_eq!(before.len(), 3, "three indexes: {before:?}");
    assert!(
        bulk::worth_it(db.conn(), "visit", 20_000, 20_000)
            .await
            .unwrap()
    );

    let tx = db.begin_write().await.unwrap();
    let suspended = bulk::suspend(&tx, "visit").await.unwrap();
    assert_eq!(sqlite_indexes(&tx).await, Vec::<String>::new());
    bulk::restore(&tx, suspended).await.unwrap();
    assert_eq!(sqlite_indexes(&tx).await, before, "put back as they were");
    tx.commit().await.unwrap();
    assert_eq!(sqlite_indexes(db.conn()).await, before);

    // Rolled back: the indexes are there as before.
    let tx = db.begin_write().await.unwrap();
    bulk::suspend(&tx, "visit").await.unwrap();
    drop(tx);
    assert_eq!(sqlite_indexes(db.conn()).await, before, "rolled back whole");
}
