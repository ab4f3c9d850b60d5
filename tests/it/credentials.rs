//! Authentication at ASVS level 2 (issue 14, finding 10): changing a password, a reset link,
//! the password policy, sessions that end, tokens that expire and are revoked.

use chrono::{Duration, Utc};
use kith_app::mail::{StubTransport, send_due};
use kith_store::entities::{api_token, session};
use kith_tests::{Api, TEST_PASSWORD, TestApp, db_test};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

/// A browser logged in as `email` with `password` (the session cookie).
async fn logged_in(app: &TestApp, email: &str, password: &str) -> Api {
    let b = Api::new(&app.base, None);
    b.post(
        "/api/v1/session",
        &json!({"email": email, "password": password}),
    )
    .await
    .expect(200);
    b
}

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

const NEW_PASSWORD: &str = "plum kettle orbit sandal";

db_test!(changing_ones_password_ends_every_other_session, |app| {
    let here = logged_in(&app, "adviser@kith.test", TEST_PASSWORD).await;
    let elsewhere = logged_in(&app, "adviser@kith.test", TEST_PASSWORD).await;
    // The current password is checked, and named when wrong.
    let r = here
        .put(
            "/api/v1/session/password",
            &json!({"current_password": "not-it", "new_password": NEW_PASSWORD}),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["current_password"]);
    // A weak new password is refused, naming the field.
    for weak in [
        "          ",
        "password1234",
        "adviser@kith.test",
        "Alma Adviser 1",
    ] {
        let r = here
            .put(
                "/api/v1/session/password",
                &json!({"current_password": TEST_PASSWORD, "new_password": weak}),
            )
            .await
            .expect(422);
        assert_eq!(r.error_fields(), ["new_password"], "{weak:?}: {}", r.text);
    }
    here.put(
        "/api/v1/session/password",
        &json!({"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD}),
    )
    .await
    .expect(204);
    here.get("/api/v1/session").await.expect(200);
    elsewhere.get("/api/v1/session").await.expect(401);
    // A token made while the old password was known does not outlive it.
    app.client(&app.staff.adviser)
        .get("/api/v1/session")
        .await
        .expect(401);
    logged_in(&app, "adviser@kith.test", NEW_PASSWORD).await;
    assert_eq!(app.audit_rows("user.password_change").await.len(), 1);
});

db_test!(a_reset_link_works_once_within_its_day, |app| {
    let old_session = logged_in(&app, "consultant@kith.test", TEST_PASSWORD).await;
    let admin = app.client(&app.staff.admin);
    // Not for oneself (the admin changes theirs on their own page).
    admin
        .post(
            &format!("/api/v1/users/{}/password-reset", app.staff.admin.id),
            &json!({}),
        )
        .await
        .expect(403);
    admin
        .post(
            &format!("/api/v1/users/{}/password-reset", app.staff.consultant.id),
            &json!({}),
        )
        .await
        .expect(202);
    // The outbox holds no usable link: the secret is sealed with the server key.
    let queued = kith_store::outbox::for_recipient(app.app.db().conn(), app.staff.consultant.id)
        .await
        .unwrap();
    let reset = queued.iter().find(|m| m.kind == "password_reset").unwrap();
    assert!(!reset.payload.contains("password-reset/"));
    let stub = StubTransport::default();
    send_due(&app.app, &stub, "test").await.unwrap();
    let sent = stub.sent();
    let email = sent
        .iter()
        .find(|m| m.subject.contains("password"))
        .unwrap();
    let link = email
        .text
        .split_whitespace()
        .find(|w| w.contains("/password-reset/"))
        .unwrap();
    let token = link.rsplit('/').next().unwrap().to_owned();
    assert!(!reset.payload.contains(&token));
    let anon = app.anonymous();
    // The policy applies; a weak password changes nothing and keeps the link.
    anon.post(
        "/api/v1/password-reset",
        &json!({"token": token, "new_password": "password1234"}),
    )
    .await
    .expect(422);
    anon.post(
        "/api/v1/password-reset",
        &json!({"token": token, "new_password": NEW_PASSWORD}),
    )
    .await
    .expect(204);
    // Once only; the old session is over; the new password works.
    anon.post(
        "/api/v1/password-reset",
        &json!({"token": token, "new_password": "another long phrase here"}),
    )
    .await
    .expect(404);
    old_session.get("/api/v1/session").await.expect(401);
    logged_in(&app, "consultant@kith.test", NEW_PASSWORD).await;
    assert_eq!(app.audit_rows("user.password_reset_sent").await.len(), 1);
    let used = app.audit_rows("user.password_reset_used").await;
    assert_eq!(used[0].actor_id, Some(app.staff.consultant.id));
});

db_test!(a_reset_link_expires_and_a_new_one_voids_the_old, |app| {
    let admin = app.client(&app.staff.admin);
    let path = format!("/api/v1/users/{}/password-reset", app.staff.matcher.id);
    admin.post(&path, &json!({})).await.expect(202);
    admin.post(&path, &json!({})).await.expect(202);
    let stub = StubTransport::default();
    send_due(&app.app, &stub, "test").await.unwrap();
    let tokens: Vec<String> = stub
        .sent()
        .iter()
        .filter_map(|m| {
            m.text
                .split_whitespace()
                .find(|w| w.contains("/password-reset/"))
                .map(|l| l.rsplit('/').next().unwrap().to_owned())
        })
        .collect();
    assert_eq!(tokens.len(), 2);
    let anon = app.anonymous();
    let try_with = |t: String| {
        let anon = anon.clone();
        async move {
            anon.post(
                "/api/v1/password-reset",
                &json!({"token": t, "new_password": NEW_PASSWORD}),
            )
            .await
            .status
        }
    };
    // The first was voided by the second.
    assert_eq!(try_with(tokens[0].clone()).await, 404);
    // The second expires after 24 hours (judged by the real clock): moved back a day here.
    use kith_store::entities::password_reset;
    use sea_orm::{ColumnTrait, QueryFilter};
    let rows = password_reset::Entity::find()
        .filter(password_reset::Column::UsedAt.is_null())
        .all(app.app.db().conn())
        .await
        .unwrap();
    for r in rows {
        let mut m: password_reset::ActiveModel = r.into();
        m.expires_at = Set(Utc::now() - Duration::seconds(1));
        m.update(app.app.db().conn()).await.unwrap();
    }
    assert_eq!(try_with(tokens[1].clone()).await, 404);
});

db_test!(
    a_new_user_chooses_their_own_strong_password_from_a_setup_link,
    |app| {
        let admin = app.client(&app.staff.admin);
        let user = json!({"email": "ny@kith.test", "name": "Nina Ny", "roles": ["adviser"], "unit_ids": []});
        // The administrator never knows the password: a body that carries one is refused.
        let mut with_password = user.clone();
        with_password["password"] = json!(NEW_PASSWORD);
        let r = admin.post("/api/v1/users", &with_password).await;
        assert_eq!(r.status, 422, "{}", r.text);
        let created = admin.post("/api/v1/users", &user).await.expect(201);
        let id = created.body["id"].as_i64().unwrap();
        // Until the link is used nothing opens the account.
        for guess in ["", NEW_PASSWORD, TEST_PASSWORD] {
            let r = app
                .anonymous()
                .post(
                    "/api/v1/session",
                    &json!({"email": "ny@kith.test", "password": guess}),
                )
                .await;
            assert!(
                r.status == 401 || r.status == 422,
                "{guess:?}: {}",
                r.status
            );
        }
        let stub = StubTransport::default();
        send_due(&app.app, &stub, "test").await.unwrap();
        let sent = stub.sent();
        let mail = sent.iter().find(|m| m.to.contains("ny@kith.test")).unwrap();
        let token = mail
            .text
            .split_whitespace()
            .find(|w| w.contains("/password-reset/"))
            .map(|l| l.rsplit('/').next().unwrap().to_owned())
            .expect("a setup link");
        let anon = app.anonymous();
        for weak in ["kort", "password1234", "Nina Ny 2026!!", "ny@kith.test123"] {
            let r = anon
                .post(
                    "/api/v1/password-reset",
                    &json!({"token": token, "new_password": weak}),
                )
                .await
                .expect(422);
            assert_eq!(r.error_fields(), ["new_password"], "{weak:?}");
        }
        anon.post(
            "/api/v1/password-reset",
            &json!({"token": token, "new_password": NEW_PASSWORD}),
        )
        .await
        .expect(204);
        logged_in(&app, "ny@kith.test", NEW_PASSWORD).await;
        let sent_rows = app.audit_rows("user.password_reset_sent").await;
        assert_eq!(sent_rows.len(), 1);
        assert_eq!(sent_rows[0].entity_id, Some(id));
    }
);

db_test!(
    a_changed_address_ends_what_the_old_one_opened_and_its_changer_sends_no_link,
    |app| {
        let admin = app.client(&app.staff.admin);
        let path = format!("/api/v1/users/{}", app.staff.matcher.id);
        let b = logged_in(&app, "matcher@kith.test", TEST_PASSWORD).await;
        // A link sent to the old address before the change.
        admin
            .post(&format!("{path}/password-reset"), &json!({}))
            .await
            .expect(202);
        let stub = StubTransport::default();
        send_due(&app.app, &stub, "test").await.unwrap();
        let old_link = stub.sent()[0]
            .text
            .split_whitespace()
            .find(|w| w.contains("/password-reset/"))
            .map(|l| l.rsplit('/').next().unwrap().to_owned())
            .unwrap();
        let mut body = user_json(&app, app.staff.matcher.id).await;
        body["email"] = json!("ny.adresse@kith.test");
        admin.put(&path, &body).await.expect(200);
        // The sessions, the token and the link of the old address are over.
        b.get("/api/v1/session").await.expect(401);
        app.client(&app.staff.matcher)
            .get("/api/v1/session")
            .await
            .expect(401);
        app.anonymous()
            .post(
                "/api/v1/password-reset",
                &json!({"token": old_link, "new_password": NEW_PASSWORD}),
            )
            .await
            .expect(404);
        // The administrator who changed the address cannot also send its link: that would be
        // one person taking the account. Another administrator can.
        admin
            .post(&format!("{path}/password-reset"), &json!({}))
            .await
            .expect(403);
        admin
            .post(
                "/api/v1/users",
                &json!({"email": "admin2@kith.test", "name": "Anden Admin", "roles": ["admin"]}),
            )
            .await
            .expect(201);
        let other = kith_app::tokens::create_for_email(&app.app, "admin2@kith.test", "t", None)
            .await
            .unwrap()
            .secret;
        Api::new(&app.base, Some(other))
            .post(&format!("{path}/password-reset"), &json!({}))
            .await
            .expect(202);
        let changes = app.audit_rows("user.email_change").await;
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].actor_id, Some(app.staff.admin.id));
    }
);

db_test!(a_session_ends_after_its_lifetime_however_active, |app| {
    let b = logged_in(&app, "leader@kith.test", TEST_PASSWORD).await;
    b.get("/api/v1/session").await.expect(200);
    // The session logged in 13 hours ago (the lifetime is 12): written into its row here.
    let conn = app.app.db().conn();
    for s in session::Entity::find().all(conn).await.unwrap() {
        let mut data: Value = serde_json::from_str(&s.data).unwrap();
        if data.get("login_at_ms").is_some() {
            data["login_at_ms"] = json!((Utc::now() - Duration::hours(13)).timestamp_millis());
            let mut m: session::ActiveModel = s.into();
            m.data = Set(data.to_string());
            m.update(conn).await.unwrap();
        }
    }
    b.get("/api/v1/session").await.expect(401);
});

db_test!(disabling_a_user_ends_sessions_and_tokens_for_good, |app| {
    let b = logged_in(&app, "adviser2@kith.test", TEST_PASSWORD).await;
    let token = app.client(&app.staff.adviser2);
    token.get("/api/v1/children").await.expect(200);
    let admin = app.client(&app.staff.admin);
    let path = format!("/api/v1/users/{}", app.staff.adviser2.id);
    let mut body = user_json(&app, app.staff.adviser2.id).await;
    body["active"] = json!(false);
    admin.put(&path, &body).await.expect(200);
    b.get("/api/v1/session").await.expect(401);
    token.get("/api/v1/children").await.expect(401);
    body["active"] = json!(true);
    admin.put(&path, &body).await.expect(200);
    // Enabled again: neither the old session nor the old token comes back.
    b.get("/api/v1/session").await.expect(401);
    token.get("/api/v1/children").await.expect(401);
    logged_in(&app, "adviser2@kith.test", TEST_PASSWORD).await;
    let disabled = app.audit_rows("user.disable").await;
    assert_eq!(disabled.len(), 1);
    assert_eq!(disabled[0].actor_id, Some(app.staff.admin.id));
});

db_test!(tokens_expire_and_an_administrator_revokes_them, |app| {
    let mine = app.client(&app.staff.consultant);
    let session = logged_in(&app, "consultant@kith.test", TEST_PASSWORD).await;
    let created = session
        .post(
            "/api/v1/tokens",
            &json!({"name": "eksport", "expires_in_days": 30}),
        )
        .await
        .expect(201)
        .body;
    let expires: chrono::DateTime<Utc> = created["token"]["expires_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let days = (expires - Utc::now()).num_hours() as f64 / 24.0;
    assert!((29.9..30.1).contains(&days), "{days} days");
    session
        .post(
            "/api/v1/tokens",
            &json!({"name": "for evigt", "expires_in_days": 400}),
        )
        .await
        .expect(422);
    let secret = created["secret"].as_str().unwrap().to_owned();
    let script = Api::new(&app.base, Some(secret));
    script.get("/api/v1/session").await.expect(200);
    // The administrator sees the consultant's tokens and revokes the new one.
    let admin = app.client(&app.staff.admin);
    let list = admin
        .get(&format!("/api/v1/users/{}/tokens", app.staff.consultant.id))
        .await
        .expect(200)
        .body;
    assert_eq!(list.as_array().unwrap().len(), 2);
    let id = created["token"]["id"].as_i64().unwrap();
    admin
        .delete(&format!(
            "/api/v1/users/{}/tokens/{id}",
            app.staff.consultant.id
        ))
        .await
        .expect(204);
    script.get("/api/v1/session").await.expect(401);
    // Nobody else lists or revokes others' tokens.
    app.client(&app.staff.leader)
        .get(&format!("/api/v1/users/{}/tokens", app.staff.consultant.id))
        .await
        .expect(403);
    // An expired token is refused (its expiry moved into the past here).
    let conn = app.app.db().conn();
    let t = api_token::Entity::find_by_id(
        kith_store::tokens::of_user(conn, app.staff.consultant.id)
            .await
            .unwrap()
            .iter()
            .find(|t| t.revoked_at.is_none())
            .unwrap()
            .id,
    )
    .one(conn)
    .await
    .unwrap()
    .unwrap();
    let mut m: api_token::ActiveModel = t.into();
    m.expires_at = Set(Some(Utc::now() - Duration::seconds(1)));
    m.update(conn).await.unwrap();
    mine.get("/api/v1/session").await.expect(401);
    let created_by_her = app
        .audit_rows("token.create")
        .await
        .into_iter()
        .filter(|r| r.actor_id == Some(app.staff.consultant.id))
        .count();
    assert_eq!(created_by_her, 1);
    let revoked = app.audit_rows("token.revoke").await;
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0].actor_id, Some(app.staff.admin.id));
});

db_test!(logging_out_everywhere_ends_every_session, |app| {
    let one = logged_in(&app, "matcher@kith.test", TEST_PASSWORD).await;
    let two = logged_in(&app, "matcher@kith.test", TEST_PASSWORD).await;
    let token = app.client(&app.staff.matcher);
    token.get("/api/v1/session").await.expect(200);
    one.delete(&format!("/api/v1/users/{}/sessions", app.staff.matcher.id))
        .await
        .expect(204);
    one.get("/api/v1/session").await.expect(401);
    two.get("/api/v1/session").await.expect(401);
    // Its API tokens go with them.
    token.get("/api/v1/session").await.expect(401);
    // Only one's own, unless an administrator.
    app.client(&app.staff.leader)
        .delete(&format!("/api/v1/users/{}/sessions", app.staff.matcher.id))
        .await
        .expect(403);
    assert_eq!(app.audit_rows("session.end").await.len(), 1);
});
