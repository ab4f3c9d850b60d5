//! Login throttling under parallel requests, per account and per source, its one-statement
//! counter against the domain's rule, the purge of spent counters, and equal time for known
//! and unknown addresses (issue 14, findings 1 and 2).

use std::time::Instant;

use chrono::Duration;
use futures::future::join_all;
use kith_domain::throttle::LoginThrottle;
use kith_tests::{Api, TEST_PASSWORD, db_test, db_test_with};
use rand::{Rng, SeedableRng};
use serde_json::json;

/// Behind a proxy that writes the client's address into `X-Forwarded-For`.
fn behind_proxy(s: &mut kith_server::Settings) {
    s.client_ip_header = Some("x-forwarded-for".into());
}

async fn login_from(app: &kith_tests::TestApp, email: &str, password: &str, ip: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{}/api/v1/session", app.base))
        .header("x-forwarded-for", ip)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

db_test_with!(
    a_hundred_parallel_guesses_are_checked_at_most_five_times,
    behind_proxy,
    |app| {
        // Each guess from its own address, so only the account's counter can stop them.
        let guesses = (0..100).map(|i| {
            let app = &app;
            async move {
                login_from(
                    app,
                    "adviser@kith.test",
                    "wrong-guess",
                    &format!("10.1.{i}.1"),
                )
                .await
            }
        });
        let answers = join_all(guesses).await;
        let checked = answers.iter().filter(|s| **s == 401).count();
        // Refused unchecked: locked (429), or turned away while the hashing queue was full
        // (503 with Retry-After).
        let refused = answers.iter().filter(|s| **s == 429 || **s == 503).count();
        assert!(
            checked <= 5,
            "{checked} guesses were checked (answers: {answers:?})"
        );
        assert_eq!(checked + refused, 100, "{answers:?}");
        // The right password, sent last, is refused too: the account is locked.
        assert_eq!(
            login_from(&app, "adviser@kith.test", TEST_PASSWORD, "10.2.0.1").await,
            429
        );
    }
);

db_test_with!(
    one_password_against_every_account_is_stopped_at_the_source,
    behind_proxy,
    |app| {
        let mut answers = Vec::new();
        for i in 0..40 {
            answers.push(
                login_from(
                    &app,
                    &format!("person{i}@kith.test"),
                    "Sommer2026!",
                    "192.0.2.7",
                )
                .await,
            );
        }
        // Thirty attempts from one address in 15 minutes; the rest refused unchecked.
        assert!(answers[..30].iter().all(|s| *s == 401), "{answers:?}");
        assert!(answers[30..].iter().all(|s| *s == 429), "{answers:?}");
        // Another address is not held up, nor is a right password from it.
        assert_eq!(
            login_from(&app, "adviser@kith.test", TEST_PASSWORD, "192.0.2.8").await,
            200
        );
    }
);

db_test!(
    the_counter_in_one_statement_follows_the_domain_rule,
    |app| {
        // Random gaps between attempts, some inside a window, some past a lock: the row the store
        // leaves after each charge is the state the domain's rule computes.
        let rule = LoginThrottle::per_account();
        let conn = app.app.db().conn();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
        for key in 0..4 {
            let key = format!("a:test-{key}");
            let mut now = app.app.now();
            let mut expected = None;
            for _ in 0..60 {
                now += Duration::seconds(rng.gen_range(0..400));
                let stored = kith_store::login_attempts::charge(conn, &key, &rule, now)
                    .await
                    .unwrap();
                let next = rule.charge(expected, now);
                assert_eq!(stored, next, "after a charge at {now}");
                expected = Some(next);
            }
        }
    }
);

db_test!(spent_counters_are_purged, |app| {
    let conn = app.app.db().conn();
    let anon = app.anonymous();
    for i in 0..6 {
        anon.post(
            "/api/v1/session",
            &json!({"email": format!("random{i}@example.org"), "password": "whatever-it-is"}),
        )
        .await
        .expect(401);
    }
    // Six addresses and the one source.
    assert_eq!(kith_store::login_attempts::count(conn).await.unwrap(), 7);
    assert_eq!(
        kith_app::auth::purge_spent_attempts(&app.app)
            .await
            .unwrap(),
        0
    );
    app.set_now("2026-11-16T09:16:00Z");
    assert_eq!(
        kith_app::auth::purge_spent_attempts(&app.app)
            .await
            .unwrap(),
        7
    );
    assert_eq!(kith_store::login_attempts::count(conn).await.unwrap(), 0);
});

db_test_with!(
    known_and_unknown_addresses_take_the_same_time,
    behind_proxy,
    |app| {
        let staff = [
            &app.staff.admin,
            &app.staff.adviser,
            &app.staff.adviser2,
            &app.staff.adviser_b,
            &app.staff.matcher,
            &app.staff.consultant,
            &app.staff.consultant2,
            &app.staff.leader,
            &app.staff.match_leader,
            &app.staff.leader_b,
        ];
        let mut known = Vec::new();
        let mut unknown = Vec::new();
        let checks = || app.app.hashing().checks();
        // Alternating, each from its own source and each address at most twice (no lock).
        for round in 0..2 {
            for (i, user) in staff.iter().enumerate() {
                let ip = format!("10.9.{round}.{i}");
                let (t, before) = (Instant::now(), checks());
                assert_eq!(
                    login_from(&app, &user.email, "not-the-password", &ip).await,
                    401
                );
                known.push(t.elapsed());
                assert_eq!(checks() - before, 1, "one argon2 check for a known address");
                let ip = format!("10.8.{round}.{i}");
                let (t, before) = (Instant::now(), checks());
                let nobody = format!("nobody{round}{i}@kith.test");
                assert_eq!(
                    login_from(&app, &nobody, "not-the-password", &ip).await,
                    401
                );
                unknown.push(t.elapsed());
                assert_eq!(
                    checks() - before,
                    1,
                    "one argon2 check for an unknown address"
                );
            }
        }
        known.sort();
        unknown.sort();
        let (k, u) = (known[known.len() / 2], unknown[unknown.len() / 2]);
        let ratio = k.as_secs_f64() / u.as_secs_f64();
        // Both do one look-up and one argon2 check (counted above); argon2 is most of it.
        // Measured in the same run beside other tests, so only the ratio is compared, and
        // loosely: an unknown address that skipped the check would answer in a tenth of the
        // time.
        assert!(
            (0.6..1.67).contains(&ratio),
            "known {k:?} against unknown {u:?} (median of 20 each)"
        );
    }
);

db_test!(logins_are_logged_and_audited_without_the_address, |app| {
    let browser = Api::new(&app.base, None);
    browser
        .post(
            "/api/v1/session",
            &json!({"email": "leader@kith.test", "password": "not-it-at-all"}),
        )
        .await
        .expect(401);
    browser
        .post(
            "/api/v1/session",
            &json!({"email": "leader@kith.test", "password": TEST_PASSWORD}),
        )
        .await
        .expect(200);
    let rows = app.audit_rows("session.login").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].actor_id, Some(app.staff.leader.id));
    let logs = kith_tests::logs::captured();
    let ours = format!("\"user_id\":{}", app.staff.leader.id);
    assert!(
        logs.lines()
            .any(|l| l.contains("login succeeded") && l.contains(&ours)),
        "a success names the user by id"
    );
    assert!(logs.contains("login failed"));
    assert!(!logs.contains("leader@kith.test"), "no address in the log");
});
