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
    // The migration's seed and the domain's list of seeded codes (used by the demo and the
    // benchmarks) are the same codes in the same order.
    let codes: Vec<&str> = needs.iter().map(|n| n.need.code.as_str()).collect();
    assert_eq!(codes, kith_domain::SEEDED_NEED_CODES);
    let autism = needs
        .iter()
        .find(|n| n.need.code == "autism_spectrum")
        .expect("autism_spectrum");
    let words: Vec<(&str, &str)> = autism
        .texts
        .iter()
        .map(|t| (t.lang.as_str(), t.label.as_str()))
        .collect();
    assert_eq!(
        words,
        [("da", "Autismespektrum"), ("en", "Autism spectrum")],
        "the seeded words moved to one row per language"
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

/// Words an administrator wrote before the needs vocabulary had one shape keep, word for word,
/// and the old columns are gone.
async fn check_need_words_move(url: &str) {
    let db = Db::connect(url).await.expect("connect");
    <kith_migrations::Migrator as kith_migrations::MigratorTrait>::up(db.conn(), Some(14))
        .await
        .expect("up to the perimeter");
    db.conn()
        .execute_unprepared(
            "INSERT INTO need (code, label_da, label_en, description_da, description_en, \
             sort_order, active) VALUES ('sleep', 'Søvn', 'Sleep', 'Sover uroligt.', \
             'Sleeps badly.', 900, false)",
        )
        .await
        .expect("a need in the old shape");
    db.migrate().await.expect("the rest");
    let sleep = kith_store::needs::get(db.conn(), "sleep")
        .await
        .expect("read")
        .expect("kept");
    assert_eq!((sleep.need.sort_order, sleep.need.active), (900, false));
    let words: Vec<(&str, &str, &str)> = sleep
        .texts
        .iter()
        .map(|t| (t.lang.as_str(), t.label.as_str(), t.description.as_str()))
        .collect();
    assert_eq!(
        words,
        [
            ("da", "Søvn", "Sover uroligt."),
            ("en", "Sleep", "Sleeps badly.")
        ]
    );
    assert!(
        db.conn()
            .execute_unprepared("SELECT label_da FROM need")
            .await
            .is_err(),
        "the per-language columns are gone"
    );
    db.close().await.expect("close");
}

#[tokio::test]
async fn sqlite_migrates_up_from_empty() {
    let dir = std::env::temp_dir().join(format!("kith-mig-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    check_fresh_schema(&sqlite_url(&dir.join("empty.db"))).await;
    check_need_words_move(&sqlite_url(&dir.join("words.db"))).await;
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
    conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap();
    check_need_words_move(&format!("{base}/{name}")).await;
    conn.execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .await
        .unwrap();
}
