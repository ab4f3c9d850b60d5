//! The child's plan through the API: goals with progress and revisions, plan reviews and their
//! rhythm, short stays with their signals and extensions, ending a placement, the caseload.
//! Dates and shares are worked out by hand in the comments; the clock starts on Monday 16
//! November 2026.

use kith_store::entities::{audit_log, goal};
use kith_tests::db_test;
use kith_tests::wheel::{items, place, place_stay};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

fn scale_goal(due: &str) -> Value {
    json!({
        "area": "school_and_education",
        "needs": ["school_learning_support"],
        "text": "Ida går i skole hver dag og har en ven i klassen.",
        "measure": {"kind": "scale", "baseline": 3, "target": 8},
        "parties": ["child", "foster_family", "school"],
        "due_on": due
    })
}

async fn goal_rows(app: &kith_tests::TestApp) -> u64 {
    goal::Entity::find()
        .count(app.app.db().conn())
        .await
        .unwrap()
}

db_test!(goals_take_progress_and_keep_their_earlier_versions, |app| {
    // Started Monday 2 November 2026, two weeks before the clock.
    let p = place(&app, "Ida", "2026-11-02").await;
    let adviser = app.client(&app.staff.adviser);
    let created = adviser
        .post(
            &format!("/api/v1/placements/{}/goals", p.placement),
            &scale_goal("2027-06-30"),
        )
        .await
        .expect(201)
        .body;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["status"], "active");
    assert_eq!(
        created["measure"],
        json!({"kind": "scale", "baseline": 3, "target": 8})
    );
    assert_eq!(
        created["parties"],
        json!(["child", "foster_family", "school"])
    );

    // 5 on a 3 → 8 scale is 2 of 5 steps: 0.4 of the way.
    let g = adviser
        .post(
            &format!("/api/v1/goals/{id}/progress"),
            &json!({"recorded_on": "2026-11-10", "value": 5, "note": "Har været i skole 4 af 5 dage.", "child_took_part": true}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(g["progress"][0]["share_of_way"], 0.4);
    assert_eq!(g["progress"][0]["child_took_part"], true);
    assert_eq!(g["progress"][0]["parents_took_part"], false);
    // The consultant hears it first at a visit and records it too: 6 is 0.6 of the way.
    let g = app
        .client(&app.staff.consultant)
        .post(
            &format!("/api/v1/goals/{id}/progress"),
            &json!({"recorded_on": "2026-11-16", "value": 6}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(g["progress"][1]["share_of_way"], 0.6);

    // A revision is a new version; the earlier keeps its text, its progress and says revised.
    let revised = adviser
        .patch(
            &format!("/api/v1/goals/{id}"),
            &json!({"text": "Ida går i skole hver dag.", "measure": {"kind": "number", "unit": "skoledage om ugen", "baseline": 3, "target": 5}}),
        )
        .await
        .expect(200)
        .body;
    let new_id = revised["id"].as_i64().unwrap();
    assert_ne!(new_id, id);
    assert_eq!(revised["revises_id"], id);
    assert_eq!(revised["status"], "active");
    assert_eq!(revised["area"], "school_and_education");
    assert_eq!(revised["progress"], json!([]));
    let old = adviser
        .get(&format!("/api/v1/goals/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(old["status"], "revised");
    assert_eq!(
        old["text"],
        "Ida går i skole hver dag og har en ven i klassen."
    );
    assert_eq!(old["progress"].as_array().unwrap().len(), 2);
    // The earlier version takes no more progress and no second revision.
    adviser
        .post(
            &format!("/api/v1/goals/{id}/progress"),
            &json!({"recorded_on": "2026-11-16", "value": 7}),
        )
        .await
        .expect(409);
    adviser
        .patch(&format!("/api/v1/goals/{id}"), &json!({"text": "Igen"}))
        .await
        .expect(409);
    // The list shows both versions, oldest first.
    let list = adviser
        .get(&format!("/api/v1/placements/{}/goals", p.placement))
        .await
        .expect(200)
        .body;
    let statuses: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["revised", "active"]);

    // Closing: achieved on today's date; a closed goal takes no progress.
    let closed = adviser
        .patch(
            &format!("/api/v1/goals/{new_id}"),
            &json!({"status": "achieved"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(closed["status"], "achieved");
    assert_eq!(closed["closed_on"], "2026-11-16");
    adviser
        .post(
            &format!("/api/v1/goals/{new_id}/progress"),
            &json!({"recorded_on": "2026-11-16", "value": 5}),
        )
        .await
        .expect(409);

    // Who may: the consultant records progress but does not write goals; the match unit
    // and the other team's adviser do not see the plan.
    app.client(&app.staff.consultant)
        .post(
            &format!("/api/v1/placements/{}/goals", p.placement),
            &scale_goal("2027-06-30"),
        )
        .await
        .expect(403);
    app.client(&app.staff.matcher)
        .get(&format!("/api/v1/placements/{}/goals", p.placement))
        .await
        .expect(403);
    app.client(&app.staff.adviser_b)
        .get(&format!("/api/v1/goals/{id}"))
        .await
        .expect(404);

    // Every change and read of the plan is audited against the child.
    let actions: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::ChildId.eq(p.child))
        .all(app.app.db().conn())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    for a in [
        "goal.create",
        "goal.progress",
        "goal.revise",
        "goal.close",
        "goal.read",
        "goal.list",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
    }
});

db_test!(bad_goal_inputs_name_the_field_and_write_nothing, |app| {
    let p = place(&app, "Ida", "2026-11-02").await;
    let adviser = app.client(&app.staff.adviser);
    let url = format!("/api/v1/placements/{}/goals", p.placement);
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"kind": "scale", "baseline": 5, "target": 5}),
            "measure",
        ),
        (
            json!({"kind": "scale", "baseline": 3, "target": 11}),
            "measure",
        ),
        (
            json!({"kind": "number", "unit": "", "baseline": 1, "target": 2}),
            "measure",
        ),
    ];
    for (measure, field) in cases {
        let mut g = scale_goal("2027-06-30");
        g["measure"] = measure;
        assert_eq!(
            adviser.post(&url, &g).await.expect(422).error_fields(),
            [field]
        );
    }
    let mut g = scale_goal("2026-10-31");
    assert_eq!(
        adviser.post(&url, &g).await.expect(422).error_fields(),
        ["due_on"],
        "a due date before the placement started"
    );
    g = scale_goal("2027-06-30");
    g["needs"] = json!(["no_such_need"]);
    assert_eq!(
        adviser.post(&url, &g).await.expect(422).error_fields(),
        ["needs[0]"]
    );
    g = scale_goal("2027-06-30");
    g["parties"] = json!([]);
    assert_eq!(
        adviser.post(&url, &g).await.expect(422).error_fields(),
        ["parties"]
    );
    g = scale_goal("2027-06-30");
    g["text"] = json!("   ");
    assert_eq!(
        adviser.post(&url, &g).await.expect(422).error_fields(),
        ["text"]
    );
    g = scale_goal("2027-06-30");
    g["area"] = json!("happiness");
    adviser.post(&url, &g).await.expect(422);
    assert_eq!(goal_rows(&app).await, 0, "nothing written");

    let id = adviser
        .post(&url, &scale_goal("2027-06-30"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let progress = format!("/api/v1/goals/{id}/progress");
    for (body, field) in [
        (json!({"recorded_on": "2026-11-16", "value": 11}), "value"),
        (json!({"recorded_on": "2026-11-16", "value": 7.5}), "value"),
        (json!({"recorded_on": "2026-11-16", "value": true}), "value"),
        (
            json!({"recorded_on": "2026-11-17", "value": 5}),
            "recorded_on",
        ),
        (
            json!({"recorded_on": "2026-11-01", "value": 5}),
            "recorded_on",
        ),
    ] {
        assert_eq!(
            adviser
                .post(&progress, &body)
                .await
                .expect(422)
                .error_fields(),
            [field],
            "{body}"
        );
    }
    assert_eq!(
        adviser
            .patch(&format!("/api/v1/goals/{id}"), &json!({"status": "active"}))
            .await
            .expect(422)
            .error_fields(),
        ["status"]
    );
    assert_eq!(
        adviser
            .patch(
                &format!("/api/v1/goals/{id}"),
                &json!({"status": "dropped", "text": "Noget andet"})
            )
            .await
            .expect(422)
            .error_fields(),
        ["status"]
    );
    let g = adviser
        .get(&format!("/api/v1/goals/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(g["progress"], json!([]));
    assert_eq!(g["status"], "active");
    assert_eq!(goal_rows(&app).await, 1);
});

db_test!(
    a_review_is_recorded_and_its_rhythm_re_plans_the_reviews,
    |app| {
        // Started Monday 2 November 2026: the first review is due three months later, Tuesday 2
        // February 2027, the next six months after that, Monday 2 August.
        let p = place(&app, "Ida", "2026-11-02").await;
        let adviser_user = app.staff.adviser.clone();
        let due = |items: &[Value]| -> Vec<String> {
            items
                .iter()
                .filter(|v| v["status"] == "planned")
                .map(|v| v["due_on"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            due(&items(&app, &adviser_user, p.placement, "plan_review").await),
            ["2027-02-02", "2027-08-02"]
        );
        let adviser = app.client(&adviser_user);
        let url = format!("/api/v1/placements/{}/goals", p.placement);
        let school = adviser
            .post(&url, &scale_goal("2027-06-30"))
            .await
            .expect(201)
            .body["id"]
            .as_i64()
            .unwrap();
        let mut friends = scale_goal("2027-06-30");
        friends["area"] = json!("personal_development");
        friends["text"] = json!("Ida er med i en fritidsaktivitet.");
        friends["measure"] = json!({"kind": "yes_no"});
        let friends = adviser.post(&url, &friends).await.expect(201).body["id"]
            .as_i64()
            .unwrap();

        // On the due day the review is due; the day after, it is overdue and a signal.
        app.set_now("2027-02-02T09:00:00Z");
        let review = &items(&app, &adviser_user, p.placement, "plan_review").await[0];
        assert_eq!(review["state"], "due");
        app.set_now("2027-02-03T09:00:00Z");
        let review = &items(&app, &adviser_user, p.placement, "plan_review").await[0];
        assert_eq!(review["state"], "overdue");
        let placement = adviser
            .get(&format!("/api/v1/placements/{}", p.placement))
            .await
            .expect(200)
            .body;
        assert!(
            placement["signals"]
                .as_array()
                .unwrap()
                .contains(&json!({"signal": "review_overdue", "since": "2027-02-03"})),
            "{}",
            placement["signals"]
        );

        // Bad reviews: a goal left out, a future date, a rhythm of 13 months; nothing changes.
        let reviews = format!("/api/v1/placements/{}/reviews", p.placement);
        let body = |goals: Value, held: &str, rhythm: i64| json!({"held_on": held, "goals": goals, "decision": "adjust_goals", "rhythm_months": rhythm, "child_view": "Jeg vil gerne gå til fodbold."});
        assert_eq!(
            adviser
                .post(
                    &reviews,
                    &body(
                        json!([{"goal_id": school, "outcome": "keep"}]),
                        "2027-02-03",
                        3
                    )
                )
                .await
                .expect(422)
                .error_fields(),
            ["goals"]
        );
        let both = json!([{"goal_id": school, "outcome": "keep"}, {"goal_id": friends, "outcome": "achieved"}]);
        assert_eq!(
            adviser
                .post(&reviews, &body(both.clone(), "2027-02-04", 3))
                .await
                .expect(422)
                .error_fields(),
            ["held_on"]
        );
        assert_eq!(
            adviser
                .post(&reviews, &body(both.clone(), "2027-02-03", 13))
                .await
                .expect(422)
                .error_fields(),
            ["rhythm_months"]
        );
        app.client(&app.staff.consultant)
            .post(&reviews, &body(both.clone(), "2027-02-03", 3))
            .await
            .expect(403);
        assert_eq!(
            adviser.get(&reviews).await.expect(200).body,
            json!([]),
            "nothing recorded"
        );

        // Held on 3 February with a three-month rhythm from now on: the next reviews are due 3
        // May and 3 August 2027 (counted from the day it was held).
        let r = adviser
            .post(&reviews, &body(both, "2027-02-03", 3))
            .await
            .expect(201)
            .body;
        assert_eq!(r["due_on"], "2027-02-02");
        assert_eq!(r["held_on"], "2027-02-03");
        assert_eq!(r["decision"], "adjust_goals");
        assert_eq!(r["rhythm_months"], 3);
        assert_eq!(r["child_view"], "Jeg vil gerne gå til fodbold.");
        let planned = due(&items(&app, &adviser_user, p.placement, "plan_review").await);
        assert_eq!(planned[..2], ["2027-05-03", "2027-08-03"]);
        // The achieved goal is closed on the review's day; the kept one stays active.
        let f = adviser
            .get(&format!("/api/v1/goals/{friends}"))
            .await
            .expect(200)
            .body;
        assert_eq!(
            (f["status"].as_str(), f["closed_on"].as_str()),
            (Some("achieved"), Some("2027-02-03"))
        );
        let s = adviser
            .get(&format!("/api/v1/goals/{school}"))
            .await
            .expect(200)
            .body;
        assert_eq!(s["status"], "active");
        let placement = adviser
            .get(&format!("/api/v1/placements/{}", p.placement))
            .await
            .expect(200)
            .body;
        assert_eq!(placement["review_rhythm_months"], 3);
        assert!(
            !placement["signals"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["signal"] == "review_overdue")
        );
        let listed = adviser.get(&reviews).await.expect(200).body;
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert_eq!(
            listed[0]["goals"],
            json!([{"goal_id": school, "outcome": "keep"}, {"goal_id": friends, "outcome": "achieved"}])
        );
    }
);

db_test!(a_short_stay_signals_extends_and_ends_at_its_exit, |app| {
    // A stay from Monday 2 November to Thursday 10 December 2026, aiming for home.
    let s = place_stay(&app, "Ali", "2026-11-02", "2026-12-10", "home").await;
    let adviser = app.client(&app.staff.adviser);
    let url = format!("/api/v1/placements/{}", s.placement);
    let signals = async |adviser: &kith_tests::Api| -> Value {
        adviser.get(&url).await.expect(200).body["signals"].clone()
    };
    // 10 December − 30 days = 10 November: from then on an exit plan is expected.
    assert_eq!(
        signals(&adviser).await,
        json!([{"signal": "ending_without_exit_plan", "since": "2026-11-10"}])
    );
    // Steps alone are not a plan: it says when the child moves, too.
    let steps = "Mor får familiebehandling to gange om ugen.";
    let p = adviser
        .patch(&url, &json!({"exit_plan": steps}))
        .await
        .expect(200)
        .body;
    assert_eq!(
        p["signals"],
        json!([{"signal": "ending_without_exit_plan", "since": "2026-11-10"}])
    );
    // A move after the planned end (11 December) is refused, naming the day; nothing changes.
    let refused = adviser
        .patch(&url, &json!({"exit_move_on": "2026-12-11"}))
        .await
        .expect(422);
    assert_eq!(refused.error_fields(), ["exit_move_on"]);
    assert!(
        refused.body.to_string().contains("10.12.2026")
            || refused.body.to_string().contains("10 Dec"),
        "{}",
        refused.body
    );
    // Where, when and how: the plan is made, and the signal goes.
    let p = adviser
        .patch(
            &url,
            &json!({"exit_move_on": "2026-12-08", "exit_goal": "home"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(p["signals"], json!([]));
    assert_eq!(
        (
            p["exit_plan"].as_str(),
            p["exit_move_on"].as_str(),
            p["exit_goal"].as_str()
        ),
        (Some(steps), Some("2026-12-08"), Some("home"))
    );
    // The plan's goal is the stay's goal: changed in the plan, it is changed on the stay.
    let p = adviser
        .patch(&url, &json!({"exit_goal": "network_family"}))
        .await
        .expect(200)
        .body;
    assert_eq!(p["exit_goal"], "network_family");
    let p = adviser
        .patch(&url, &json!({"exit_goal": "home"}))
        .await
        .expect(200)
        .body;
    assert_eq!(p["exit_goal"], "home");
    // Today is 16 November (the test app's day): 14 days of November and 10 of December
    // are left.
    assert_eq!(p["clock"], json!({"clock": "ends_in", "days": 24}));
    // Wednesday 2 December, eight days before the end: nothing has moved since the stay began
    // on 2 November (it has no goal yet, so its start counts), 30 days: the end is near and
    // the plan stands still.
    app.set_now("2026-12-02T09:00:00Z");
    assert_eq!(
        signals(&adviser).await,
        json!([{"signal": "ending_with_goals_flat", "since": "2026-12-02"}])
    );

    // Friday 11 December: past the planned end since that day, and the exit review the wheel
    // planned for the last day (the first § 95 review, 2 February, falls after the end) was
    // not held.
    app.set_now("2026-12-11T09:00:00Z");
    assert_eq!(
        signals(&adviser).await,
        json!([
            {"signal": "past_planned_end", "since": "2026-12-11"},
            {"signal": "review_overdue", "since": "2026-12-11"}
        ])
    );
    // Still running, one day past its planned end.
    assert_eq!(
        adviser.get(&url).await.expect(200).body["clock"],
        json!({"clock": "past_end", "days": 1})
    );
    // The adviser holds the exit review that day; it decides the stay goes on.
    adviser
        .post(
            &format!("{url}/reviews"),
            &json!({"held_on": "2026-12-11", "goals": [], "decision": "continue",
                    "rhythm_months": 3, "child_view": "Jeg vil gerne blive til efter jul."}),
        )
        .await
        .expect(201);
    assert_eq!(
        signals(&adviser).await,
        json!([{"signal": "past_planned_end", "since": "2026-12-11"}])
    );
    let extend = format!("{url}/extend");
    assert_eq!(
        adviser
            .post(
                &extend,
                &json!({"planned_end_date": "2027-02-26", "reason": "  "})
            )
            .await
            .expect(422)
            .error_fields(),
        ["reason"]
    );
    assert_eq!(
        adviser
            .post(
                &extend,
                &json!({"planned_end_date": "2026-12-10", "reason": "Skolen"})
            )
            .await
            .expect(422)
            .error_fields(),
        ["planned_end_date"]
    );
    let p = adviser
        .post(
            &extend,
            &json!({"planned_end_date": "2027-02-26", "reason": "Skoleskift efter vinterferien."}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(p["planned_end_date"], "2027-02-26");
    assert_eq!(
        p["extensions"],
        json!([{"previous_end": "2026-12-10", "new_end": "2027-02-26", "reason": "Skoleskift efter vinterferien.", "extended_on": "2026-12-11"}])
    );
    assert_eq!(p["signals"], json!([]));

    // Tuesday 5 January 2027: no progress since the start; 2 November + 60 days = 1 January.
    app.set_now("2027-01-05T09:00:00Z");
    assert_eq!(
        signals(&adviser).await,
        json!([{"signal": "no_progress", "since": "2027-01-01"}])
    );
    // The caseload puts the stay (signal since 1 January) before a placement that is moving.
    let moving = place(&app, "Bo", "2026-12-15").await;
    let g = adviser
        .post(
            &format!("/api/v1/placements/{}/goals", moving.placement),
            &scale_goal("2027-06-30"),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    adviser
        .post(
            &format!("/api/v1/goals/{g}/progress"),
            &json!({"recorded_on": "2027-01-04", "value": 4}),
        )
        .await
        .expect(201);
    let goal_on_stay = adviser
        .post(
            &format!("/api/v1/placements/{}/goals", s.placement),
            &scale_goal("2027-02-26"),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let caseload = adviser.get("/api/v1/caseload").await.expect(200).body;
    let order: Vec<i64> = caseload
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["placement"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [s.placement, moving.placement]);
    assert_eq!(caseload[1]["active_goals"], 1);
    assert_eq!(caseload[1]["goals_moving"], 1);
    assert_eq!(caseload[0]["goals_moving"], 0);

    // Ending: the stay has an exit goal, so whether it was reached must be said.
    let end = format!("{url}/end");
    assert_eq!(
        adviser
            .post(&end, &json!({"end_date": "2027-01-05", "reason": "home"}))
            .await
            .expect(422)
            .error_fields(),
        ["exit_goal_reached"]
    );
    let ended = adviser
        .post(
            &end,
            &json!({"end_date": "2027-01-05", "reason": "home", "exit_goal_reached": true, "open_goals": "dropped"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(ended["status"], "ended");
    assert_eq!(ended["exit_goal_reached"], true);
    assert_eq!(ended["breakdown"], false);
    assert_eq!(ended["signals"], json!([]));
    let stay_goal = adviser
        .get(&format!("/api/v1/goals/{goal_on_stay}"))
        .await
        .expect(200)
        .body;
    assert_eq!(
        (
            stay_goal["status"].as_str(),
            stay_goal["closed_on"].as_str()
        ),
        (Some("dropped"), Some("2027-01-05"))
    );
    // Nothing planned after the end is left.
    let left: Vec<Value> = items(&app, &app.staff.adviser, s.placement, "plan_review")
        .await
        .into_iter()
        .filter(|v| v["status"] == "planned")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // Ending twice is a conflict.
    adviser
        .post(
            &end,
            &json!({"end_date": "2027-01-05", "reason": "home", "exit_goal_reached": true}),
        )
        .await
        .expect(409);
    // A breakdown is flagged by its reason.
    let b = adviser
        .post(
            &format!("/api/v1/placements/{}/end", moving.placement),
            &json!({"end_date": "2027-01-05", "reason": "breakdown"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(b["breakdown"], true);
    let g = adviser
        .get(&format!("/api/v1/goals/{g}"))
        .await
        .expect(200)
        .body;
    assert_eq!(
        g["status"], "not_achieved",
        "open goals close as not achieved by default"
    );
});

db_test!(the_placement_page_is_one_read_audited_once, |app| {
    let p = place(&app, "Ida", "2026-11-02").await;
    let adviser = app.client(&app.staff.adviser);
    adviser
        .post(
            &format!("/api/v1/placements/{}/goals", p.placement),
            &scale_goal("2027-06-30"),
        )
        .await
        .expect(201);
    let count = || async {
        audit_log::Entity::find()
            .filter(audit_log::Column::ChildId.eq(p.child))
            .all(app.app.db().conn())
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect::<Vec<_>>()
    };
    let before = count().await;
    adviser
        .get(&format!("/placements/{}", p.placement))
        .await
        .expect(200);
    let after = count().await;
    // The page shows the placement, its year, its plan and its reviews: one read, one row.
    assert_eq!(
        after[before.len()..].to_vec(),
        ["placement.read"],
        "{before:?} → {after:?}"
    );
});

db_test!(the_eighteenth_birthday_is_decided_before_it_comes, |app| {
    // Ida, born 15 March 2014, placed on 2 November 2026: 17 years and 6 months on
    // 15 September 2031, 18 on 15 March 2032.
    let p = place(&app, "Ida", "2026-11-02").await;
    let adviser = app.client(&app.staff.adviser);
    let url = format!("/api/v1/placements/{}", p.placement);
    let adulthood = |body: &Value| {
        body["signals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["signal"] == "adulthood_review_due")
            .cloned()
    };
    app.set_now("2031-09-14T09:00:00Z");
    assert_eq!(adulthood(&adviser.get(&url).await.expect(200).body), None);
    app.set_now("2031-09-15T09:00:00Z");
    let signal = adulthood(&adviser.get(&url).await.expect(200).body).expect("the signal");
    assert_eq!(signal["since"], "2031-09-15");
    // The nightly re-planning puts the review in the adviser's wheel: from the review age,
    // due a month later (Wednesday 15 October 2031), to be held by 15 December.
    app.client(&app.staff.leader)
        .post("/api/v1/visit-plans", &json!({}))
        .await
        .expect(200);
    let review =
        &kith_tests::wheel::items(&app, &app.staff.adviser, p.placement, "after_care_review").await
            [0];
    assert_eq!(
        (
            review["planned_on"].as_str(),
            review["opens_on"].as_str(),
            review["closes_on"].as_str(),
            review["assignee"]["id"].as_i64()
        ),
        (
            Some("2031-10-15"),
            Some("2031-09-15"),
            Some("2031-12-15"),
            Some(app.staff.adviser.id)
        )
    );
    let review_id = review["id"].as_i64().unwrap();
    // It is not recorded as a visit: the decision is recorded on the placement.
    let r = adviser
        .post(
            &format!("/api/v1/visits/{review_id}/record"),
            &json!({"held_on": "2031-09-15"}),
        )
        .await
        .expect(409);
    assert_eq!(r.body["errors"][0]["code"], "problem.after_care_review");
    let caseload = adviser.get("/api/v1/caseload").await.expect(200).body;
    assert!(
        caseload[0]["placement"]["signals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["signal"] == "adulthood_review_due"),
        "{caseload}"
    );

    // On the page, in Danish: the signal and the question; saving without a choice is
    // told beside the field and nothing is recorded.
    let http = kith_tests::web::danish(&app, &app.staff.adviser).await;
    let page_url = format!("{}/placements/{}", app.base, p.placement);
    let page = kith_tests::web::page_text(&http, &page_url).await;
    assert!(page.contains("Støtte efter 18 år skal besluttes"), "{page}");
    assert!(page.contains("<h2 id=\"after-care-h\">Støtte efter 18 år</h2>"));
    let csrf = kith_tests::web::csrf_in(&page);
    let send = async |decision: &str| {
        http.post(format!("{page_url}/after-care"))
            .header("Referer", &page_url)
            .form(&[("csrf", csrf.as_str()), ("after_care_decision", decision)])
            .send()
            .await
            .unwrap()
    };
    let refused = send("").await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(
            refused.contains(
                "id=\"after_care_decision-error\">Vælg, hvad der er besluttet om støtten efter 18 år.</p>"
            ),
            "{refused}"
        );
    assert!(adulthood(&adviser.get(&url).await.expect(200).body).is_some());
    // The review's page sends the adviser to the placement's question.
    let item = kith_tests::web::page_text(&http, &format!("{}/visits/{review_id}", app.base)).await;
    assert!(item.contains("Afklaring af støtte efter 18 år"), "{item}");
    assert!(
        item.contains(&format!("href=\"/placements/{}#after-care\"", p.placement)),
        "{item}"
    );

    // Decided: a fixed contact person. The signal is gone, the decision and its day stay.
    let saved = send("contact_person").await;
    assert!(saved.status().is_redirection() || saved.status().is_success());
    let body = adviser.get(&url).await.expect(200).body;
    assert_eq!(adulthood(&body), None);
    assert_eq!(body["after_care_decision"], "contact_person");
    assert_eq!(body["after_care_decided_on"], "2031-09-15");
    // The planned review is settled by it.
    let settled = adviser
        .get(&format!("/api/v1/visits/{review_id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(
        (
            settled["status"].as_str(),
            settled["cancel_reason"].as_str()
        ),
        (Some("cancelled"), Some("decided"))
    );
    let page = kith_tests::web::page_text(&http, &page_url).await;
    assert!(page.contains("Fast kontaktperson"), "{page}");
    assert!(page.contains("besluttet 15.09.2031"), "{page}");
    // The decision is audited as a change of the placement.
    let changes = kith_store::entities::audit_log::Entity::find()
        .filter(kith_store::entities::audit_log::Column::Action.eq("placement.update"))
        .count(app.app.db().conn())
        .await
        .unwrap();
    assert!(changes >= 1);
});
