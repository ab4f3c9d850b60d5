//! Logging in and out through the API, and API tokens.

use kith_tests::{Api, TEST_PASSWORD, db_test};
use serde_json::json;

db_test!(login_me_logout_with_the_session_cookie, |app| {
    let browser = Api::new(&app.base, None);
    let r = browser
        .post(
            "/api/v1/session",
            &json!({"email": "ADVISER@kith.test", "password": TEST_PASSWORD}),
        )
        .await
        .expect(200);
    assert_eq!(r.body["id"], app.staff.adviser.id);
    assert_eq!(r.body["roles"], json!(["adviser"]));
    let cookie = r
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert!(cookie.starts_with("kith_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    browser.get("/api/v1/session").await.expect(200);
    browser.get("/api/v1/children").await.expect(200);
    // A cookie-authenticated change must be JSON (CSRF protection).
    let r = browser
        .post_raw("/api/v1/children", "text/plain", "{}")
        .await;
    assert_eq!(r.status, 403, "{}", r.text);
    browser.delete("/api/v1/session").await.expect(204);
    browser.get("/api/v1/session").await.expect(401);
});

db_test!(wrong_password_and_unknown_user_look_the_same, |app| {
    let anon = app.anonymous();
    let a = anon
        .post(
            "/api/v1/session",
            &json!({"email": "adviser@kith.test", "password": "wrong"}),
        )
        .await
        .expect(401);
    let b = anon
        .post(
            "/api/v1/session",
            &json!({"email": "nobody@kith.test", "password": "wrong"}),
        )
        .await
        .expect(401);
    assert_eq!(a.body, b.body);
    // A deactivated user cannot log in.
    let admin = app.client(&app.staff.admin);
    let user = admin
        .get(&format!("/api/v1/users/{}", app.staff.adviser2.id))
        .await
        .expect(200)
        .body;
    let mut update = json!({"email": user["email"], "name": user["name"], "roles": user["roles"], "unit_ids": user["unit_ids"], "locale": "da", "active": false});
    admin
        .put(&format!("/api/v1/users/{}", app.staff.adviser2.id), &update)
        .await
        .expect(200);
    anon.post(
        "/api/v1/session",
        &json!({"email": "adviser2@kith.test", "password": TEST_PASSWORD}),
    )
    .await
    .expect(401);
    app.client(&app.staff.adviser2)
        .get("/api/v1/children")
        .await
        .expect(401);
    update["active"] = json!(true);
    admin
        .put(&format!("/api/v1/users/{}", app.staff.adviser2.id), &update)
        .await
        .expect(200);
});

db_test!(tokens_are_created_listed_used_and_revoked, |app| {
    // Made from a logged-in session (with the password), never with another token.
    let me = Api::new(&app.base, None);
    me.post(
        "/api/v1/session",
        &json!({"email": "consultant@kith.test", "password": TEST_PASSWORD}),
    )
    .await
    .expect(200);
    app.client(&app.staff.consultant)
        .post("/api/v1/tokens", &json!({"name": "one more"}))
        .await
        .expect(403);
    let created = me
        .post("/api/v1/tokens", &json!({"name": "nightly export"}))
        .await
        .expect(201);
    let secret = created.body["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("kith_"));
    let token_id = created.body["token"]["id"].as_i64().unwrap();
    let list = me.get("/api/v1/tokens").await.expect(200);
    assert!(
        !list.text.contains(&secret),
        "the secret is shown once only"
    );
    assert!(
        list.body
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "nightly export")
    );
    let with_new = Api::new(&app.base, Some(secret.clone()));
    with_new.get("/api/v1/placement-options").await.expect(200);
    // Only the owner may revoke it.
    app.client(&app.staff.consultant2)
        .delete(&format!("/api/v1/tokens/{token_id}"))
        .await
        .expect(404);
    me.delete(&format!("/api/v1/tokens/{token_id}"))
        .await
        .expect(204);
    with_new.get("/api/v1/placement-options").await.expect(401);
    me.post("/api/v1/tokens", &json!({"name": ""}))
        .await
        .expect(422);
});

db_test!(five_failures_lock_an_address_for_fifteen_minutes, |app| {
    let anon = app.anonymous();
    let login = |email: &str, password: &str| json!({"email": email, "password": password});
    for _ in 0..4 {
        anon.post("/api/v1/session", &login("consultant@kith.test", "wrong"))
            .await
            .expect(401);
    }
    // The fifth failure locks the address for 15 minutes (900 seconds).
    let r = anon
        .post("/api/v1/session", &login("consultant@kith.test", "wrong"))
        .await
        .expect(429);
    assert_eq!(r.headers["retry-after"], "900");
    assert!(
        r.body["detail"].as_str().unwrap() == "Prøv igen om 15 minutter.",
        "{}",
        r.text
    );
    // While locked, even the right password is refused; other people are not affected.
    anon.post(
        "/api/v1/session",
        &login("consultant@kith.test", TEST_PASSWORD),
    )
    .await
    .expect(429);
    anon.post(
        "/api/v1/session",
        &login("adviser@kith.test", TEST_PASSWORD),
    )
    .await
    .expect(200);
    // An address nobody has is counted the same way, so a lock reveals nothing.
    for _ in 0..4 {
        anon.post("/api/v1/session", &login("nobody@kith.test", "x"))
            .await
            .expect(401);
    }
    anon.post("/api/v1/session", &login("nobody@kith.test", "x"))
        .await
        .expect(429);
    // 14 minutes later (10:14) still locked, one minute left; at 10:15 the lock is over.
    app.set_now("2026-11-16T09:14:00Z");
    let r = anon
        .post(
            "/api/v1/session",
            &login("consultant@kith.test", TEST_PASSWORD),
        )
        .await
        .expect(429);
    assert_eq!(r.headers["retry-after"], "60");
    app.set_now("2026-11-16T09:15:00Z");
    anon.post(
        "/api/v1/session",
        &login("consultant@kith.test", TEST_PASSWORD),
    )
    .await
    .expect(200);
    // The success forgot the failures: four more do not lock.
    for _ in 0..4 {
        anon.post("/api/v1/session", &login("consultant@kith.test", "wrong"))
            .await
            .expect(401);
    }
});

db_test!(logging_in_gives_a_new_session_id, |app| {
    // A client without a cookie jar, so the test sees and sends each cookie itself.
    let http = reqwest::Client::new();
    let login = async |cookie: Option<&str>| -> String {
        let mut req = http
            .post(format!("{}/api/v1/session", app.base))
            .json(&json!({"email": "adviser@kith.test", "password": TEST_PASSWORD}));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), 200);
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    };
    let me = async |cookie: &str| -> u16 {
        http.get(format!("{}/api/v1/session", app.base))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    let first = login(None).await;
    assert_eq!(me(&first).await, 200);
    // Logging in again with that session: a new id, and the old one is no longer valid (a
    // session id planted before a login can never become a logged-in one).
    let second = login(Some(&first)).await;
    assert_ne!(first, second);
    assert_eq!(me(&second).await, 200);
    assert_eq!(me(&first).await, 401);
});
