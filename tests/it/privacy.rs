//! The CPR number is never unmasked outside the policy, and never reaches the logs.

use kith_tests::fixtures::{child, with};
use kith_tests::{db_test, logs};
use serde_json::json;

db_test!(
    the_cpr_stays_masked_in_every_response_and_out_of_logs,
    |app| {
        let cpr = "150314-4562";
        let adviser = app.client(&app.staff.adviser);
        let body = with(
            with(child("Sofie Bjerregaard"), "cpr", json!(cpr)),
            "placement_requested_on",
            json!("2026-11-01"),
        );
        let id = adviser
            .post("/api/v1/children", &body)
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        // Failures that log: a duplicate (409) and a malformed request.
        adviser
            .post(
                "/api/v1/children",
                &with(child("Twin Bjerregaard"), "cpr", json!(cpr)),
            )
            .await
            .expect(409);
        adviser
            .post("/api/v1/children/lookup", &json!({"cpr": "150314-456"}))
            .await
            .expect(422);
        adviser
            .post("/api/v1/children/lookup", &json!({"cpr": cpr}))
            .await
            .expect(200);

        let full = ["150314-4562", "1503144562"];
        for user in [&app.staff.adviser, &app.staff.leader, &app.staff.matcher] {
            let c = app.client(user);
            for path in [
                format!("/api/v1/children/{id}"),
                "/api/v1/children".to_owned(),
            ] {
                let r = c.get(&path).await.expect(200);
                for f in full {
                    assert!(
                        !r.text.contains(f),
                        "{path} as {} shows the CPR",
                        user.email
                    );
                }
            }
        }
        // The stored value is ciphertext.
        let row = kith_store::children::get_many(app.app.db().conn(), &[id])
            .await
            .unwrap()
            .remove(0);
        let sealed = row.cpr_encrypted.unwrap();
        assert!(!sealed.contains("4562") && !sealed.contains("150314"));
        assert!(!row.cpr_hash.unwrap().contains("150314"));

        let log = logs::captured();
        assert!(!log.is_empty(), "the suite's logs are captured");
        for needle in [
            "150314-4562",
            "1503144562",
            "150314 4562",
            "Sofie Bjerregaard",
            "Bjerregaard",
        ] {
            assert!(!log.contains(needle), "the logs contain {needle}");
        }
    }
);
