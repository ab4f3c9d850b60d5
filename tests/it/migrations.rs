//! The schema migrates up from an empty database on both engines.

use kith_store::Db;
use kith_store::testdb::{Engine, postgres_admin_url, sqlite_url};
use sea_orm::ConnectionTrait;

async fn check_fresh_schema(url: &str) {
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate up from empty");
    // Running again is a no-op.
    db.migrate().await.expect("migrate is idempotent");
    let needs = kith_store::needs::all(db.conn()).await.expect("needs");
    assert_eq!(needs.len(), 16, "the default needs vocabulary is seeded");
    assert!(
        needs
            .iter()
            .any(|n| n.code == "autism_spectrum" && n.label_en == "Autism spectrum")
    );
    for table in [
        "app_user",
        "child",
        "placement_option",
        "placement",
        "audit_log",
        "session",
        "api_token",
    ] {
        db.conn()
            .execute_unprepared(&format!("SELECT COUNT(*) FROM {table}"))
            .await
            .unwrap_or_else(|e| panic!("table {table}: {e}"));
    }
    db.close().await.expect("close");
}

#[tokio::test]
async fn sqlite_migrates_up_from_empty() {
    let dir = std::env::temp_dir().join(format!("kith-mig-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    check_fresh_schema(&sqlite_url(&dir.join("empty.db"))).await;
    std::fs::remove_dir_all(&dir).unwrap();
    let _ = Engine::Sqlite;
}

#[tokio::test]
async fn postgres_migrates_up_from_empty() {
    let admin = postgres_admin_url().expect("KITH_TEST_DATABASE_URL");
    let name = format!("kith_test_empty_{:016x}", rand::random::<u64>());
    let conn = sea_orm::Database::connect(&admin).await.unwrap();
    conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap();
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
    check_fresh_schema(&format!("{base}/{name}")).await;
    conn.execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .await
        .unwrap();
}
