//! In a real Chromium, in Danish: a case adviser records progress on a goal and a plan review
//! (with an agreement) from the placement page, and the leader's dashboard figure that depends
//! on it changes.

use fantoccini::Locator;
use kith_tests::browser::Browser;
use kith_tests::wheel::place;
use kith_tests::{TEST_PASSWORD, db_test};
use serde_json::json;

db_test!(
    an_adviser_records_progress_and_a_review_and_the_dashboard_moves,
    |app| {
        let p = place(&app, "Ida", "2026-11-02").await;
        let goal = app
        .client(&app.staff.adviser)
        .post(
            &format!("/api/v1/placements/{}/goals", p.placement),
            &json!({"area": "school_and_education", "text": "Ida går i skole hver dag.", "measure": {"kind": "scale", "baseline": 3, "target": 8}, "parties": ["child", "school"], "due_on": "2027-06-30"}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();

        // The leader's dashboard: one active goal, none moving yet.
        let leader = Browser::start().await;
        leader
            .login(&app.base, "leader@kith.test", TEST_PASSWORD)
            .await;
        leader
            .client
            .goto(&format!("{}/dashboard", app.base))
            .await
            .unwrap();
        assert_eq!(leader.text_of("#fig-goals-moving").await, "0 % (1)");

        // The adviser, reading Danish, finds Ida on the caseload and opens the placement.
        kith_store::users::set_locale(
            app.app.db().conn(),
            app.staff.adviser.id,
            kith_domain::Lang::Da,
        )
        .await
        .unwrap();
        let b = Browser::start().await;
        b.login(&app.base, "adviser@kith.test", TEST_PASSWORD).await;
        b.client
            .goto(&format!("{}/caseload", app.base))
            .await
            .unwrap();
        let row = format!("tr[data-placement='{}']", p.placement);
        assert!(
            b.text_of(&format!("{row} .goals-state"))
                .await
                .starts_with("0 af 1")
        );
        b.click(Locator::Css(&format!("{row} th a"))).await;
        b.client
            .wait()
            .for_element(Locator::Id("goals"))
            .await
            .unwrap();

        // Progress: 5 on the 3 → 8 scale, with the child.
        let g = format!("#goal-{goal}");
        b.click(Locator::Css(&format!("{g} details summary"))).await;
        b.type_into(&format!("value-{goal}"), "5").await;
        b.type_into(&format!("note-{goal}"), "Fire af fem dage i skole.")
            .await;
        b.click(Locator::Css(&format!(
            "{g} details input[name=child_took_part]"
        )))
        .await;
        b.click(Locator::Css(&format!(
            "{g} details form button[type=submit]"
        )))
        .await;
        assert_eq!(
            b.text_of(&format!("{g} table.progress td.value")).await,
            "5"
        );
        // Two of five steps: 40 % of the way; the chart is drawn.
        let row_text = b.text_of(&format!("{g} table.progress tbody tr")).await;
        assert!(row_text.contains("40 %"), "{row_text}");
        let charts = b
            .client
            .find_all(Locator::Css(&format!("{g} .chart-svg svg")))
            .await
            .unwrap();
        assert_eq!(charts.len(), 1);
        // With its axes: the y axis named, the baseline and target lines named, and its
        // numbers: the scale 3 → 8 with 5 recorded is drawn from 2.5 to 8.5 (half a step of
        // room), a fifth of that is 1.2, so the step is 2: 4, 6, 8.
        let words = b
            .client
            .execute(
                "return [...document.querySelectorAll(arguments[0] + ' .chart-svg svg text')].map(t => t.textContent);",
                vec![serde_json::json!(g)],
            )
            .await
            .unwrap();
        let words: Vec<&str> = words
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|w| w.as_str())
            .collect();
        for expected in ["Værdi", "Start", "Mål", "4", "6", "8"] {
            assert!(words.contains(&expected), "{expected} in {words:?}");
        }

        // The plan review: the goal kept, the plan continues, reviews every 3 months from now.
        b.click(Locator::Css("#reviews details summary")).await;
        b.type_into("rhythm_months", "3").await;
        b.type_into("review_child_view", "Jeg kan lide min nye skole.")
            .await;
        // Agreed at the review: the consultant asks the school about homework help.
        b.type_into("fu_what_0", "Spørg skolen om lektiehjælp")
            .await;
        b.client
            .find(Locator::Id("fu_owner_0"))
            .await
            .unwrap()
            .select_by_value("consultant")
            .await
            .unwrap();
        b.client
            .execute(
                "document.getElementById('fu_due_0').value = '2027-01-15';",
                vec![],
            )
            .await
            .unwrap();
        b.click(Locator::Css("#reviews details form button[type=submit]"))
            .await;
        let review = b.text_of("#reviews li.review").await;
        assert!(review.contains("Planen fortsætter"), "{review}");
        assert!(review.contains("Jeg kan lide min nye skole."), "{review}");
        assert!(review.contains("Fortsætter"), "{review}");
        // The agreement is on the placement, made at the plan review, the consultant's.
        let agreed = b.text_of("#agreements tr.agreement").await;
        assert!(agreed.contains("Spørg skolen om lektiehjælp"), "{agreed}");
        assert!(agreed.contains("konsulenten"), "{agreed}");
        assert!(agreed.contains("planopfølgningen"), "{agreed}");
        b.screenshot_to_docs("adviser-review-da").await;
        b.close().await;

        // The leader's figure moved: the one active goal now has recent progress.
        leader.client.refresh().await.unwrap();
        assert_eq!(leader.text_of("#fig-goals-moving").await, "100 % (1)");
        leader.close().await;
    }
);
