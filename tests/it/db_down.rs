//! A database that is down gives 503 problem documents, not a panic.

use kith_tests::db_test;

db_test!(a_closed_database_gives_503, |app| {
    let adviser = app.client(&app.staff.adviser);
    adviser.get("/api/v1/children").await.expect(200);
    app.app.db().clone().close().await.unwrap();
    let r = adviser.get("/api/v1/children").await;
    assert_eq!(r.status, 503, "{}", r.text);
    assert_eq!(r.content_type(), "application/problem+json");
    assert!(
        !r.text.to_lowercase().contains("pool"),
        "no internal text in the body: {}",
        r.text
    );
    app.anonymous().get("/readyz").await.expect(503);
    app.anonymous().get("/healthz").await.expect(200);
});
