//! Stability in matching, as explained flags, through the API: a family's record of the
//! children in its home (kept by its consultant, confirmed with a date) and a child's consent
//! and placements before Kith (kept by the case adviser) are weighed beside what Kith knows,
//! and each option shows the flags that apply with their source, never excluding it. The
//! start is Tuesday 1 December 2026; the test children are born 15 March 2014 (12 years old).

use kith_tests::fixtures::foster_family;
use kith_tests::wheel::{new_option, register};
use kith_tests::{Api, TestApp, db_test};
use serde_json::{Value, json};

/// The option's flags in the child's matches (codes, and the Danish words of each).
async fn flags(app: &TestApp, child: i64, option: i64) -> Vec<(String, String, String)> {
    let body = app
        .client(&app.staff.matcher)
        .get(&format!(
            "/api/v1/children/{child}/matches?start=2026-12-01"
        ))
        .await
        .expect(200)
        .body;
    let groups = body["units"][0]["groups"].as_array().unwrap();
    let o = groups
        .iter()
        .flat_map(|g| g["options"].as_array().unwrap())
        .find(|o| o["option"]["id"] == option)
        .expect("the option is ranked, not excluded");
    o["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["code"].as_str().unwrap().starts_with("capacity"))
        .map(|f| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            (s(&f["code"]), s(&f["text"]["da"]), s(&f["source"]["da"]))
        })
        .collect()
}

async fn agree(adviser: &Api, child: i64) {
    adviser
        .put(
            &format!("/api/v1/children/{child}/stability"),
            &json!({"consent_child": "agrees", "consent_parents": "agrees"}),
        )
        .await
        .expect(200);
}

db_test!(a_familys_own_children_are_weighed_with_their_ages, |app| {
    let child = register(&app, "Ida").await;
    agree(&app.client(&app.staff.adviser), child).await;
    let option = new_option(&app, foster_family("Familien Holm", 1)).await;
    let consultant = app.client(&app.staff.consultant);
    // Nothing recorded yet: no household flag, and the match says it was never confirmed.
    assert_eq!(flags(&app, child, option).await, []);

    // The carers' own son, born 1 January 2015: 9½ months younger than Ida, 11 on 1 December.
    let url = format!("/api/v1/placement-options/{option}/household");
    let saved = consultant
        .put(
            &url,
            &json!({"children": [{"born_on": "2015-01-01", "relation": "own_child"}]}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(saved["household_confirmed_on"], "2026-11-16");
    assert_eq!(
        saved["household"],
        json!([{"born_on": "2015-01-01", "relation": "own_child"}])
    );
    let f = flags(&app, child, option).await;
    let codes: Vec<&str> = f.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(codes, ["age_gap_under_two", "not_youngest"]);
    assert_eq!(
        f[0].1,
        "Et barn i hjemmet er tæt på barnets alder (under 2 års forskel): 11 år"
    );
    assert!(f[0].2.starts_with("Kilde: "), "{f:?}");
    // Both flags come from the same source: it is said once, on the first.
    assert_eq!(f[1].2, "", "{f:?}");
    assert_eq!(
        f[1].1,
        "Barnet bliver ikke det yngste i hjemmet (det yngste er 11 år)"
    );

    // A birth date in the future is refused, naming its row; the record is unchanged.
    let r = consultant
        .put(
            &url,
            &json!({"children": [{"born_on": "2015-01-01", "relation": "own_child"},
                                  {"born_on": "2027-01-01", "relation": "own_child"}]}),
        )
        .await
        .expect(422);
    assert_eq!(r.body["errors"][0]["field"], "children[1].born_on");
    let now = consultant
        .get(&format!("/api/v1/placement-options/{option}"))
        .await
        .expect(200)
        .body;
    assert_eq!(now["household"].as_array().unwrap().len(), 1);
    // The match unit reads the record; it does not keep it.
    app.client(&app.staff.matcher)
        .put(&url, &json!({"children": []}))
        .await
        .expect(403);
    // Emptied by the family: no other children, confirmed again.
    consultant
        .put(&url, &json!({"children": []}))
        .await
        .expect(200);
    assert_eq!(flags(&app, child, option).await, []);
});

db_test!(
    missing_consent_and_an_earlier_breakdown_are_flagged_on_each_option,
    |app| {
        let child = register(&app, "Ida").await;
        let family = new_option(&app, foster_family("Familien Lund", 1)).await;
        let adviser = app.client(&app.staff.adviser);
        // Nothing recorded: the consent is a concern on every option.
        let f = flags(&app, child, family).await;
        assert_eq!(
            f.iter()
                .map(|(c, t, _)| (c.as_str(), t.as_str()))
                .collect::<Vec<_>>(),
            [(
                "no_consent",
                "Samtykke: et nødvendigt svar er ikke registreret eller ikke indhentet endnu"
            )]
        );
        // The parents do not agree, and a general foster family broke down before Kith.
        let detail = adviser
            .put(
                &format!("/api/v1/children/{child}/stability"),
                &json!({"consent_child": "agrees", "consent_parents": "disagrees",
                    "earlier_placements": [{"kind": "general_foster_family", "breakdown": true},
                                           {"kind": "childrens_home", "breakdown": false}]}),
            )
            .await
            .expect(200)
            .body;
        assert_eq!(detail["stability"]["consent_parents"], "disagrees");
        let f = flags(&app, child, family).await;
        let said: Vec<&str> = f.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(
            said,
            [
                "Barnet har før haft en anbringelse af samme slags, der brød sammen (Almen plejefamilie)",
                "Samtykke: forældremyndighedsindehaveren er ikke enig"
            ]
        );
        // Audited as a change of the case; the match unit may not change it.
        assert_eq!(app.audit_rows("child.stability_update").await.len(), 1);
        let r = app
            .client(&app.staff.matcher)
            .put(
                &format!("/api/v1/children/{child}/stability"),
                &json!({"consent_child": "agrees"}),
            )
            .await;
        assert_eq!(r.status, 403);
        // A word that is not an answer is refused, naming the field.
        let r = adviser
            .put(
                &format!("/api/v1/children/{child}/stability"),
                &json!({"consent_child": "maybe"}),
            )
            .await
            .expect(422);
        assert_eq!(r.body["errors"][0]["field"], "consent_child");
    }
);
