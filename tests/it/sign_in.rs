//! Signing in through the municipality's identity provider (OpenID Connect), against a real
//! provider (`oidc-provider` from the npm registry, started by `kith_tests::oidc`): who gets
//! in, who is refused and why, each refusal audited and logged without who it was.

use kith_app::sign_in::ProviderSettings;
use kith_domain::Role;
use kith_domain::sign_in::{AccessFrom, ClaimRules, FirstSignIn};
use kith_tests::oidc::{self, Provider, Walk};
use kith_tests::{Engine, TestApp};
use serde_json::json;

/// Runs a test on both engines with Kith signing in through a fresh provider whose settings
/// in Kith `$configure` changes.
macro_rules! oidc_test {
    ($name:ident, $configure:expr, |$app:ident, $op:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: TestApp, $op: Provider) {
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let (app, op) = oidc::spawn(Engine::Sqlite, $configure).await;
                run(app, op).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let (app, op) = oidc::spawn(Engine::Postgres, $configure).await;
                run(app, op).await;
            }
        }
    };
}

fn as_is(_: &mut ProviderSettings, _: &mut bool) {}

/// The reasons of the refusals audited so far, in order, and whose account each names.
async fn refusals(app: &TestApp) -> Vec<(String, Option<i64>)> {
    app.audit_rows("session.login_refused")
        .await
        .into_iter()
        .map(|r| (r.detail.unwrap_or_default(), r.entity_id))
        .collect()
}

/// Log lines at the levels Kith logs in production (info and up), as one text.
fn production_log() -> String {
    kith_tests::logs::captured()
        .lines()
        .filter(|l| !l.contains("\"level\":\"DEBUG\"") && !l.contains("\"level\":\"TRACE\""))
        .collect::<Vec<_>>()
        .join("\n")
}

oidc_test!(
    a_person_signs_in_to_the_account_an_administrator_made_and_is_known_by_their_subject,
    as_is,
    |app, op| {
        let adviser = &app.staff.adviser;
        op.add("3f0c-anna", &adviser.email, true, "Anna Adviser", &[])
            .await;
        let walk = Walk::new(&app.base);
        let first = walk.to_callback(&op, "3f0c-anna").await;
        assert!(first.starts_with(&format!("{}/login/oidc/kommune/callback?", app.base)));
        let landed = walk.land(&first).await;
        assert!(landed.signed_in(), "{:?}", refusals(&app).await);
        assert_eq!(landed.location.as_deref(), Some("/"));
        let me = walk.me().await.expect("signed in");
        assert_eq!(me["id"], adviser.id);
        assert_eq!(me["roles"], json!(["adviser"]));
        let linked = app.audit_rows("user.identity_link").await;
        assert_eq!(linked.len(), 1);
        assert_eq!(linked[0].entity_id, Some(adviser.id));
        assert_eq!(linked[0].detail.as_deref(), Some("provider=kommune"));
        let logins = app.audit_rows("session.login").await;
        assert_eq!(
            logins.last().unwrap().detail.as_deref(),
            Some("provider=kommune")
        );

        // The provider's address for her changes (a new name): the subject decides.
        op.add(
            "3f0c-anna",
            "anna.nyt-navn@kommune.test",
            true,
            "Anna N",
            &[],
        )
        .await;
        let again = Walk::new(&app.base);
        assert!(again.sign_in(&op, "3f0c-anna").await.signed_in());
        assert_eq!(again.me().await.expect("signed in")["id"], adviser.id);
        assert_eq!(
            app.audit_rows("user.identity_link").await.len(),
            1,
            "linked once"
        );

        // Someone else at the provider now holds her address: not a second person on her account.
        op.add("77aa-other", &adviser.email, true, "Other", &[])
            .await;
        let other = Walk::new(&app.base);
        let landed = other.sign_in(&op, "77aa-other").await;
        assert!(landed.refused());
        assert!(
            landed.body.contains(&format!(
                "Kommunens login kender dig som {}, men Kith kan ikke knytte det til en bruger.",
                adviser.email
            )),
            "{}",
            landed.body
        );
        assert!(other.me().await.is_none());
        assert_eq!(
            refusals(&app).await,
            vec![(
                "provider=kommune;reason=linked_elsewhere".into(),
                Some(adviser.id)
            )]
        );

        // The administrator sees the link (never the subject) and undoes it; her next sign-in
        // links again, by the address the provider vouches for.
        let admin = app.client(&app.staff.admin);
        let path = format!("/api/v1/users/{}/identities", adviser.id);
        let listed = admin.get(&path).await.expect(200).body;
        assert_eq!(listed.as_array().map(Vec::len), Some(1));
        assert_eq!(listed[0]["provider"], "Testkommune");
        assert!(!listed.to_string().contains("3f0c-anna"), "{listed}");
        let page = kith_tests::web::page_text(
            &kith_tests::web::danish(&app, &app.staff.admin).await,
            &format!("{}/admin/users/{}", app.base, adviser.id),
        )
        .await;
        // The address the provider sent last, to recognise a wrong link by; Copenhagen time.
        assert!(
            page.contains(
                "Testkommune (anna.nyt-navn@kommune.test) · knyttet 16.11.2026 · sidst brugt 16.11.2026 kl. 10.00"
            ),
            "{page}"
        );
        admin.delete(&path).await.expect(204);
        assert_eq!(app.audit_rows("user.identity_unlink").await.len(), 1);
        assert!(
            again.me().await.is_none(),
            "whoever came in through the link is out"
        );
        assert_eq!(admin.get(&path).await.expect(200).body, json!([]));
        op.add("3f0c-anna", &adviser.email, true, "Anna Adviser", &[])
            .await;
        let relinked = Walk::new(&app.base);
        assert!(relinked.sign_in(&op, "3f0c-anna").await.signed_in());
        assert_eq!(app.audit_rows("user.identity_link").await.len(), 2);
    }
);

oidc_test!(
    every_refusal_is_audited_with_its_reason_and_logged_without_who_it_was,
    as_is,
    |app, op| {
        let adviser = &app.staff.adviser;
        op.add("5d2e-bo", &adviser.email, true, "Bo Brandt", &[])
            .await;
        // A spoiled ID token, one way at a time.
        for mode in [
            "wrong_issuer",
            "wrong_audience",
            "expired",
            "bad_signature",
            "unknown_key",
            "replay",
        ] {
            op.spoil_next(mode).await;
            let walk = Walk::new(&app.base);
            let landed = walk.sign_in(&op, "5d2e-bo").await;
            assert!(landed.refused(), "{mode}");
            assert!(
                landed.body.contains("Login gennem kommunen lykkedes ikke"),
                "{mode}: {}",
                landed.body
            );
            assert!(walk.me().await.is_none(), "{mode}");
        }
        let reasons: Vec<String> = refusals(&app).await.into_iter().map(|r| r.0).collect();
        assert_eq!(
            reasons,
            [
                "wrong_issuer",
                "wrong_audience",
                "expired",
                "bad_signature",
                "unknown_key",
                "nonce_mismatch",
            ]
            .map(|r| format!("provider=kommune;reason={r}"))
        );
        assert!(
            app.audit_rows("user.identity_link").await.is_empty(),
            "nothing linked"
        );

        // Unknown to Kith: an address nobody has, and an address the provider does not vouch for.
        op.add(
            "9c1f-ukendt",
            "ny.person@kommune.test",
            true,
            "Ny Person",
            &[],
        )
        .await;
        op.add(
            "9c1f-uverificeret",
            &app.staff.adviser2.email,
            false,
            "U",
            &[],
        )
        .await;
        // An address vouched for but not as Kith has it: a look-alike letter (the Kelvin sign
        // folds to "k" in Unicode's lower case), spaces around it.
        let kelvin = app.staff.adviser2.email.replace('k', "\u{212A}");
        op.add("9c1f-kelvin", &kelvin, true, "K", &[]).await;
        let spaced = format!(" {} ", app.staff.adviser2.email);
        op.add("9c1f-mellemrum", &spaced, true, "M", &[]).await;
        for who in [
            "9c1f-ukendt",
            "9c1f-uverificeret",
            "9c1f-kelvin",
            "9c1f-mellemrum",
        ] {
            let landed = Walk::new(&app.base).sign_in(&op, who).await;
            assert!(landed.refused(), "{who}");
        }

        // A disabled account stays shut, whatever the provider says.
        let walk = Walk::new(&app.base);
        assert!(walk.sign_in(&op, "5d2e-bo").await.signed_in());
        let admin = app.client(&app.staff.admin);
        let user = admin
            .get(&format!("/api/v1/users/{}", adviser.id))
            .await
            .expect(200)
            .body;
        let mut update = json!({
            "email": user["email"], "name": user["name"], "roles": user["roles"],
            "unit_ids": user["unit_ids"], "locale": user["locale"], "active": false,
        });
        admin
            .put(&format!("/api/v1/users/{}", adviser.id), &update)
            .await
            .expect(200);
        assert!(
            walk.me().await.is_none(),
            "her session ended with the account"
        );
        let landed = Walk::new(&app.base).sign_in(&op, "5d2e-bo").await;
        assert!(landed.refused());
        assert!(
            landed.body.contains("Din bruger i Kith er spærret"),
            "{}",
            landed.body
        );
        update["active"] = json!(true);
        admin
            .put(&format!("/api/v1/users/{}", adviser.id), &update)
            .await
            .expect(200);

        // The answer's state is not this browser's: a forged or another tab's answer.
        let victim = Walk::new(&app.base);
        let forged = victim.to_callback(&op, "5d2e-bo").await;
        let attacker = Walk::new(&app.base);
        attacker.begin().await;
        assert!(attacker.land(&forged).await.refused());
        assert!(attacker.me().await.is_none());
        // ... and spoiled nothing: the sign-in it belonged to goes through in its own browser.
        assert!(victim.land(&forged).await.signed_in());

        // A replayed answer: in another browser, in the same one (its sign-in is over), and the
        // same code with a fresh state (the provider exchanges a code once, with its verifier).
        let walk = Walk::new(&app.base);
        let answer = walk.to_callback(&op, "5d2e-bo").await;
        assert!(walk.land(&answer).await.signed_in());
        let replay = Walk::new(&app.base);
        assert!(replay.land(&answer).await.refused());
        assert!(walk.land(&answer).await.refused());
        let fresh_state = query(&replay.begin().await, "state");
        let old_code = query(&answer, "code");
        let spliced = format!(
            "{}/login/oidc/kommune/callback?code={old_code}&state={fresh_state}&iss={}",
            app.base,
            urlencode(&op.issuer)
        );
        assert!(replay.land(&spliced).await.refused());
        assert!(replay.me().await.is_none());

        // The provider said no; an answer naming another issuer (a mix-up), or none from a
        // provider that names itself (RFC 9207).
        for bad in [
            "error=access_denied".to_owned(),
            format!("code=x&iss={}", urlencode("http://127.0.0.1:1/evil")),
            "code=x".to_owned(),
        ] {
            let walk = Walk::new(&app.base);
            let state = query(&walk.begin().await, "state");
            let landed = walk
                .land(&format!(
                    "{}/login/oidc/kommune/callback?{bad}&state={state}",
                    app.base
                ))
                .await;
            assert!(landed.refused(), "{bad}");
        }

        let reasons: Vec<(String, Option<i64>)> =
            refusals(&app).await.into_iter().skip(6).collect();
        let expected = [
            ("unknown_subject", None),
            ("unverified_email", None),
            ("unverified_email", None),
            ("unverified_email", None),
            ("disabled", Some(adviser.id)),
            ("state_mismatch", None),
            ("state_mismatch", None),
            ("state_mismatch", None),
            ("code_rejected", None),
            ("provider_refused", None),
            ("issuer_mismatch", None),
            ("issuer_mismatch", None),
        ]
        .map(|(r, who)| (format!("provider=kommune;reason={r}"), who));
        assert_eq!(reasons, expected);

        // The log says which check refused, never who it was.
        let log = production_log();
        assert!(
            log.contains("\"reason\":\"bad_signature\""),
            "refusals are logged"
        );
        for personal in [
            "5d2e-bo",
            "9c1f-ukendt",
            "Bo Brandt",
            "ny.person@kommune.test",
            adviser.email.as_str(),
        ] {
            assert!(!log.contains(personal), "{personal} in the log");
        }
    }
);

fn query(url: &str, name: &str) -> String {
    let q = url.split_once('?').map(|x| x.1).unwrap_or_default();
    form_urlencoded_pairs(q)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| urlencode(&v))
        .unwrap_or_else(|| panic!("{name} in {url}"))
}

fn form_urlencoded_pairs(q: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://x/?{q}"))
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

fn urlencode(s: &str) -> String {
    let mut url = reqwest::Url::parse("http://x/").unwrap();
    url.query_pairs_mut().append_pair("v", s);
    url.query().unwrap()[2..].to_owned()
}

fn by_groups(p: &mut ProviderSettings, _: &mut bool) {
    p.first_sign_in = FirstSignIn::Provision;
    p.access = AccessFrom::Claims(ClaimRules {
        claim: "groups".into(),
        roles: vec![
            ("sg-kith-raadgivere".into(), Role::Adviser),
            ("sg-kith-ledere".into(), Role::Leader),
        ],
        units: vec![
            ("sg-kith-raadgivere".into(), "Team A".into()),
            ("sg-kith-ledere".into(), "Team B".into()),
        ],
    });
}

oidc_test!(
    where_the_installation_says_so_the_providers_groups_make_the_account_and_decide_its_access,
    by_groups,
    |app, op| {
        op.add(
            "c0ffee-sara",
            "sara.nielsen@kommune.test",
            true,
            "Sara Nielsen",
            &["alle-ansatte", "sg-kith-raadgivere"],
        )
        .await;
        let walk = Walk::new(&app.base);
        assert!(walk.sign_in(&op, "c0ffee-sara").await.signed_in());
        let me = walk.me().await.expect("signed in");
        assert_eq!(me["name"], "Sara Nielsen");
        assert_eq!(me["roles"], json!(["adviser"]));
        let created = app.audit_rows("user.create").await;
        let new_id = me["id"].as_i64().unwrap();
        assert_eq!(created.last().unwrap().entity_id, Some(new_id));
        assert_eq!(
            created.last().unwrap().actor_id,
            None,
            "made by the provider's rule"
        );

        // She becomes a leader of Team B at the provider: at her next sign-in, in Kith too.
        op.add(
            "c0ffee-sara",
            "sara.nielsen@kommune.test",
            true,
            "Sara Nielsen",
            &["sg-kith-ledere"],
        )
        .await;
        let walk = Walk::new(&app.base);
        assert!(walk.sign_in(&op, "c0ffee-sara").await.signed_in());
        let me = walk.me().await.expect("signed in");
        assert_eq!(me["roles"], json!(["leader"]));
        assert_eq!(me["units"].as_array().map(Vec::len), Some(1));
        let changes = app.audit_rows("user.access_change").await;
        assert!(
            changes
                .last()
                .and_then(|c| c.detail.clone())
                .is_some_and(
                    |d| d.starts_with("roles=leader;units=") && d.ends_with(";provider=kommune")
                ),
            "{changes:?}"
        );

        // She leaves every group Kith knows: refused.
        op.add(
            "c0ffee-sara",
            "sara.nielsen@kommune.test",
            true,
            "Sara Nielsen",
            &["alle-ansatte"],
        )
        .await;
        let walk = Walk::new(&app.base);
        assert!(walk.sign_in(&op, "c0ffee-sara").await.refused());
        assert_eq!(
            refusals(&app).await,
            vec![("provider=kommune;reason=no_role".into(), Some(new_id))]
        );
        // Someone with no group of Kith's gets no account.
        op.add(
            "beef-jens",
            "jens@kommune.test",
            true,
            "Jens",
            &["alle-ansatte"],
        )
        .await;
        assert!(
            Walk::new(&app.base)
                .sign_in(&op, "beef-jens")
                .await
                .refused()
        );
        assert_eq!(app.audit_rows("user.create").await.len(), created.len());
    }
);

fn no_passwords(_: &mut ProviderSettings, passwords: &mut bool) {
    *passwords = false;
}

oidc_test!(
    passwords_switched_off_leave_only_the_provider_and_api_tokens_still_work_for_its_users,
    no_passwords,
    |app, op| {
        let consultant = &app.staff.consultant;
        let r = app
            .anonymous()
            .post(
                "/api/v1/session",
                &json!({"email": consultant.email, "password": kith_tests::TEST_PASSWORD}),
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.text);
        assert!(
            r.text.contains("adgangskoder bruges ikke her"),
            "{}",
            r.text
        );
        let page = reqwest::get(format!("{}/login", app.base))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Log ind med Testkommune"), "{page}");
        assert!(!page.contains("type=\"password\""), "no password field");
        // A new user gets no link to choose a password.
        let sent_before = app.audit_rows("user.password_reset_sent").await.len();
        app.client(&app.staff.admin)
            .post(
                "/api/v1/users",
                &json!({"email": "ny.raadgiver@kommune.test", "name": "Ny Rådgiver", "roles": ["adviser"]}),
            )
            .await
            .expect(201);
        assert_eq!(
            app.audit_rows("user.password_reset_sent").await.len(),
            sent_before
        );

        // The consultant signs in through the provider and makes a token for an integration.
        op.add("d00d-kim", &consultant.email, true, "Kim", &[])
            .await;
        let walk = Walk::new(&app.base);
        assert!(walk.sign_in(&op, "d00d-kim").await.signed_in());
        let r = walk
            .http
            .post(format!("{}/api/v1/tokens", app.base))
            .json(&json!({"name": "kalender-integration"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let token: serde_json::Value = r.json().await.unwrap();
        let api = kith_tests::Api::new(&app.base, token["secret"].as_str().map(str::to_owned));
        let me = api.get("/api/v1/session").await.expect(200);
        assert_eq!(me.body["id"], consultant.id);
    }
);

oidc_test!(
    signing_out_of_kith_signs_out_at_the_provider_too,
    as_is,
    |app, op| {
        op.add("a11ce", &app.staff.leader.email, true, "Lis Leder", &[])
            .await;
        let walk = Walk::new(&app.base);
        assert!(walk.sign_in(&op, "a11ce").await.signed_in());
        // Signed in at the provider: the next sign-in needs no password there.
        let silent = walk.next_from(&walk.begin().await).await;
        assert!(
            silent.starts_with(&app.base),
            "straight back to Kith: {silent}"
        );
        assert!(walk.land(&silent).await.signed_in());

        let (end, back) = sign_out(&app, &op, &walk).await;
        assert!(
            end.starts_with(&format!("{}/session/end?", op.issuer)),
            "{end}"
        );
        assert!(end.contains("id_token_hint="), "{end}");
        assert!(end.contains("post_logout_redirect_uri="), "{end}");
        assert!(walk.me().await.is_none(), "Kith's session is over");
        assert_eq!(back, format!("{}/login?signed_out=1", app.base));
        let page = walk
            .http
            .get(&back)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Du er logget ud af Kith og af kommunens login"),
            "{page}"
        );
        // Signed out at the provider: the next sign-in asks there again.
        let next = walk.next_from(&walk.begin().await).await;
        assert!(next.starts_with("/interaction/"), "asked again: {next}");
    }
);

/// Signs `walk` out of Kith and through the provider's sign-out page (which confirms by
/// itself), as a browser does; returns where Kith sent it and where the provider sent it back.
async fn sign_out(app: &TestApp, op: &Provider, walk: &Walk) -> (String, String) {
    let me = walk
        .http
        .get(format!("{}/me", app.base))
        .send()
        .await
        .unwrap();
    let csrf = kith_tests::web::csrf_in(&me.text().await.unwrap());
    let r = walk
        .http
        .post(format!("{}/logout", app.base))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let end = r.headers()["location"].to_str().unwrap().to_owned();
    let page = walk
        .http
        .get(&end)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let field = |marker: &str| {
        page.split(marker)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{marker} in {page}"))
            .to_owned()
    };
    let (action, xsrf) = (field("action=\""), field("name=\"xsrf\" value=\""));
    let action = if action.starts_with("http") {
        action
    } else {
        format!("{}{action}", op.issuer)
    };
    let r = walk
        .http
        .post(&action)
        .header("origin", &op.issuer)
        .form(&[("xsrf", xsrf.as_str()), ("logout", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "the provider signed out");
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    (end, back)
}

oidc_test!(
    a_sign_out_at_the_provider_ends_the_persons_sessions_in_kith_everywhere,
    as_is,
    |app, op| {
        op.add("b0b0-mads", &app.staff.consultant2.email, true, "Mads", &[])
            .await;
        // At the office and on the laptop at home: two browsers, two sessions.
        let office = Walk::new(&app.base);
        let laptop = Walk::new(&app.base);
        assert!(office.sign_in(&op, "b0b0-mads").await.signed_in());
        assert!(laptop.sign_in(&op, "b0b0-mads").await.signed_in());
        assert!(office.me().await.is_some() && laptop.me().await.is_some());
        // He signs out at the office; the provider tells Kith (back-channel logout).
        sign_out(&app, &op, &office).await;
        assert!(
            laptop.me().await.is_none(),
            "the laptop's session ended too"
        );
        let ended = app.audit_rows("session.end").await;
        assert!(
            ended
                .iter()
                .any(|e| e.entity_id == Some(app.staff.consultant2.id)
                    && e.detail.as_deref() == Some("provider_logout;provider=kommune")),
            "{ended:?}"
        );
        // Someone else's session is not touched.
        op.add("c4c4-kim", &app.staff.consultant.email, true, "Kim", &[])
            .await;
        let other = Walk::new(&app.base);
        assert!(other.sign_in(&op, "c4c4-kim").await.signed_in());

        // A logout token that does not hold changes nothing: not signed, or by another key.
        let anon = reqwest::Client::new();
        for token in ["not-a-jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjNGM0LWtpbSJ9."] {
            let r = anon
                .post(format!(
                    "{}/login/oidc/kommune/backchannel-logout",
                    app.base
                ))
                .form(&[("logout_token", token)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{token}");
        }
        assert!(other.me().await.is_some(), "still signed in");
    }
);
