//! Requests another site makes a browser send (issue 14, finding 11): the CSRF token bound to
//! the session, the `Origin` check on every change, exports refused cross-site, cookies flagged
//! `Secure` behind TLS; and the redirect after login kept on Kith (finding 8).

use kith_tests::web::csrf_in;
use kith_tests::{TEST_PASSWORD, TestApp, db_test, db_test_with};
use serde_json::json;

/// A client with cookies that sends only the headers it is given (no `Origin` of its own).
fn bare() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Logs `c` in through the login page as `email`; returns the session's CSRF token.
async fn page_login(app: &TestApp, c: &reqwest::Client, email: &str) -> String {
    let login = c
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = c
        .post(format!("{}/login", app.base))
        .header("origin", &app.base)
        .form(&[
            ("csrf", csrf_in(&login).as_str()),
            ("email", email),
            ("password", TEST_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let me = c
        .get(format!("{}/me", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    csrf_in(&me)
}

db_test!(
    a_form_post_needs_this_sessions_token_and_kiths_origin,
    |app| {
        let alma = bare();
        let token = page_login(&app, &alma, "adviser@kith.test").await;
        let bente = bare();
        let other = page_login(&app, &bente, "adviser_b@kith.test").await;
        assert_ne!(token, other, "each session has its own token");
        let post = |c: &reqwest::Client, origin: Option<&str>, csrf: &str| {
            let mut r = c
                .post(format!("{}/me/calendar/revoke", app.base))
                .form(&[("csrf", csrf)]);
            if let Some(o) = origin {
                r = r.header("origin", o);
            }
            r.send()
        };
        // Another session's token does not fit.
        assert_eq!(
            post(&alma, Some(&app.base), &other).await.unwrap().status(),
            403
        );
        // The right token from another site, or with no origin at all, is refused.
        assert_eq!(
            post(&alma, Some("https://evil.example"), &token)
                .await
                .unwrap()
                .status(),
            403
        );
        assert_eq!(post(&alma, None, &token).await.unwrap().status(), 403);
        assert_eq!(
            post(&alma, Some(&app.base), &token).await.unwrap().status(),
            303
        );
    }
);

db_test!(a_cookie_carried_api_change_must_come_from_kith, |app| {
    let c = bare();
    let token = page_login(&app, &c, "adviser@kith.test").await;
    let body = json!({"name": "x"});
    let send = |origin: Option<&str>, csrf: Option<&str>, json: bool| {
        let mut r = c.post(format!("{}/api/v1/tokens", app.base));
        r = if json {
            r.json(&body)
        } else {
            r.header("content-type", "text/plain")
                .body(body.to_string())
        };
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        if let Some(t) = csrf {
            r = r.header("x-csrf-token", t);
        }
        r.send()
    };
    assert_eq!(send(None, None, true).await.unwrap().status(), 403);
    assert_eq!(
        send(Some("https://evil.example"), None, true)
            .await
            .unwrap()
            .status(),
        403
    );
    // Not JSON: only with the session's own token (any value used to pass).
    assert_eq!(
        send(Some(&app.base), Some("made-up-token-value-1234"), false)
            .await
            .unwrap()
            .status(),
        403
    );
    assert_ne!(
        send(Some(&app.base), Some(&token), false)
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        send(Some(&app.base), None, true).await.unwrap().status(),
        201
    );
});

db_test!(a_link_on_another_site_downloads_no_export, |app| {
    let c = bare();
    page_login(&app, &c, "leader@kith.test").await;
    let before = app.audit_rows("export").await.len();
    let r = c
        .get(format!("{}/api/v1/exports/children.csv", app.base))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.audit_rows("export").await.len(),
        before,
        "nothing written"
    );
    // From Kith's own page it downloads.
    let r = c
        .get(format!("{}/api/v1/exports/children.csv", app.base))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
});

db_test_with!(
    cookies_are_secure_behind_tls,
    |s: &mut kith_server::Settings| s.cookie_secure = true,
    |app| {
        let r = bare()
            .get(format!("{}/login", app.base))
            .send()
            .await
            .unwrap();
        let cookies: Vec<String> = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        let csrf = cookies
            .iter()
            .find(|c| c.starts_with("kith_csrf="))
            .expect("the CSRF cookie");
        assert!(
            csrf.contains("Secure") && csrf.contains("HttpOnly"),
            "{csrf}"
        );
    }
);

db_test!(the_page_after_login_is_always_on_kith, |app| {
    let c = bare();
    let login = c
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_in(&login);
    for (next, expected) in [
        ("/\t/evil.example/phish", "/"),
        ("/\n/evil.example", "/"),
        ("/\r\nSet-Cookie: a=b", "/"),
        ("//evil.example", "/"),
        (
            "/children?placement_requested=true",
            "/children?placement_requested=true",
        ),
    ] {
        // A fresh session each time (the login starts a new one).
        let r = c
            .post(format!("{}/login", app.base))
            .header("origin", &app.base)
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "matcher@kith.test"),
                ("password", TEST_PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{next:?}");
        assert_eq!(r.headers()["location"], expected, "{next:?}");
        c.post(format!("{}/logout", app.base))
            .header("origin", &app.base)
            .form(&[(
                "csrf",
                csrf_in(
                    &c.get(format!("{}/me", app.base))
                        .send()
                        .await
                        .unwrap()
                        .text()
                        .await
                        .unwrap(),
                )
                .as_str(),
            )])
            .send()
            .await
            .unwrap();
    }
});
