//! The momentum dashboard against a fixed history whose figures are worked out by hand below
//! (not by the code under test). Five placements are made the way users make them, moving the
//! clock through 2026:
//!
//! | | requested | proposed | decided | start | end | form |
//! |---|---|---|---|---|---|---|
//! | D | 10 Jan | 12 Jan | 14 Jan | 20 Jan | 30 Jun, breakdown | foster family |
//! | E | 1 Mar | 1 Mar | 1 Mar | 2 Mar | 15 Jul, moved on, exit goal reached | children's home, planned end 31 May, extended to 30 Jun |
//! | A | 1 Oct | 15 Oct | 20 Oct | 2 Nov | - | foster family |
//! | C | 10 Oct | 12 Oct | 22 Oct | 26 Oct | - | children's home, planned end 10 Nov |
//! | B | 5 Oct | 26 Oct | 28 Oct | 9 Nov | - | foster family |
//!
//! Read on Monday 16 November 2026, for the twelve months 17 November 2025 - 16 November 2026.

use chrono::NaiveDate;
use kith_tests::db_test;
use kith_tests::fixtures::{foster_family, with};
use kith_tests::wheel::{Placed, approve, items, new_option, propose, register};
use kith_tests::{TestApp, TestUser};
use serde_json::{Value, json};

fn home(name: &str) -> Value {
    let mut h = with(foster_family(name, 4), "kind", json!("childrens_home"));
    h["day_rate_dkk"] = json!(4000);
    h
}

fn at(day: &str) -> String {
    format!("{day}T09:00:00Z")
}

/// Registers on `requested`, proposes on `proposed`, approves on `decided`.
#[allow(clippy::too_many_arguments)]
async fn history(
    app: &TestApp,
    name: &str,
    option: Value,
    [requested, proposed, decided]: [&str; 3],
    start: &str,
    planned_end: Option<&str>,
    exit_goal: Option<&str>,
) -> Placed {
    app.set_now(&at(requested));
    let child = register(app, name).await;
    app.set_now(&at(proposed));
    let option = new_option(app, option).await;
    let proposal = propose(app, child, option, start, planned_end).await;
    app.set_now(&at(decided));
    let body = exit_goal.map_or(json!({}), |g| json!({"exit_goal": g}));
    approve(app, proposal, body).await;
    kith_tests::wheel::placed(app, child, option).await
}

/// The first planned item of a kind.
async fn next(app: &TestApp, who: &TestUser, p: &Placed, kind: &str) -> Value {
    items(app, who, p.placement, kind)
        .await
        .into_iter()
        .find(|v| v["status"] == "planned")
        .expect("a planned item")
}

fn day(v: &Value, field: &str) -> NaiveDate {
    v[field].as_str().unwrap().parse().unwrap()
}

/// Records a visit as held on `held_on` (the clock moves to that day).
async fn hold(app: &TestApp, v: &Value, held_on: NaiveDate) {
    app.set_now(&at(&held_on.to_string()));
    app.client(&app.staff.consultant)
        .post(
            &format!("/api/v1/visits/{}/record", v["id"]),
            &json!({"held_on": held_on, "child_seen_alone": true, "child_view": "Glad for sit værelse."}),
        )
        .await
        .expect(200);
}

fn goal(due: &str, measure: Value) -> Value {
    json!({"area": "health_and_well_being", "text": "Sover hele natten.", "measure": measure, "parties": ["child"], "due_on": due})
}

async fn add_goal(app: &TestApp, p: &Placed, due: &str) -> i64 {
    app.client(&app.staff.adviser)
        .post(
            &format!("/api/v1/placements/{}/goals", p.placement),
            &goal(due, json!({"kind": "scale", "baseline": 2, "target": 7})),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

async fn build(app: &TestApp) {
    let consultant = app.staff.consultant.clone();
    let adviser = app.client(&app.staff.adviser);
    // D: a foster family from 20 January; three visits held, then a breakdown on 30 June.
    let d = history(
        app,
        "D",
        foster_family("Familien D", 1),
        ["2026-01-10", "2026-01-12", "2026-01-14"],
        "2026-01-20",
        None,
        None,
    )
    .await;
    // The first support visit on its planned day (inside its window).
    let support = next(app, &consultant, &d, "support").await;
    hold(app, &support, day(&support, "planned_on")).await;

    // E: a stay from 2 March planned to 31 May, extended to 30 June, ended 15 July.
    let e = history(
        app,
        "E",
        home("Hjemmet E"),
        ["2026-03-01", "2026-03-01", "2026-03-01"],
        "2026-03-02",
        Some("2026-05-31"),
        Some("foster_family"),
    )
    .await;
    app.set_now(&at("2026-03-05"));
    add_goal(app, &e, "2026-05-31").await;

    // D's first supervision visit, the child seen alone, on its planned day.
    let supervision = next(app, &consultant, &d, "supervision").await;
    hold(app, &supervision, day(&supervision, "planned_on")).await;
    // D's second support visit three days after its window closed.
    let support = next(app, &consultant, &d, "support").await;
    let late = day(&support, "closes_on") + chrono::Days::new(3);
    assert!(late < "2026-06-30".parse().unwrap(), "held before D ends");
    hold(app, &support, late).await;

    app.set_now(&at("2026-05-20"));
    adviser
        .post(
            &format!("/api/v1/placements/{}/extend", e.placement),
            &json!({"planned_end_date": "2026-06-30", "reason": "Plejefamilien er klar 1. juli."}),
        )
        .await
        .expect(200);
    app.set_now(&at("2026-06-30"));
    adviser
        .post(
            &format!("/api/v1/placements/{}/end", d.placement),
            &json!({"end_date": "2026-06-30", "reason": "breakdown"}),
        )
        .await
        .expect(200);
    app.set_now(&at("2026-07-15"));
    adviser
        .post(
            &format!("/api/v1/placements/{}/end", e.placement),
            &json!({"end_date": "2026-07-15", "reason": "moved_on", "exit_goal_reached": true}),
        )
        .await
        .expect(200);

    // The three current placements interleave; the clock only moves forward.
    app.set_now(&at("2026-10-01"));
    let a_child = register(app, "A").await;
    app.set_now(&at("2026-10-05"));
    let b_child = register(app, "B").await;
    app.set_now(&at("2026-10-10"));
    let c_child = register(app, "C").await;
    app.set_now(&at("2026-10-12"));
    let c_option = new_option(app, home("Hjemmet C")).await;
    let c_proposal = propose(app, c_child, c_option, "2026-10-26", Some("2026-11-10")).await;
    app.set_now(&at("2026-10-15"));
    let a_option = new_option(app, foster_family("Familien A", 1)).await;
    let a_proposal = propose(app, a_child, a_option, "2026-11-02", None).await;
    app.set_now(&at("2026-10-20"));
    approve(app, a_proposal, json!({})).await;
    app.set_now(&at("2026-10-22"));
    approve(app, c_proposal, json!({"exit_goal": "home"})).await;
    app.set_now(&at("2026-10-26"));
    let b_option = new_option(app, foster_family("Familien B", 1)).await;
    let b_proposal = propose(app, b_child, b_option, "2026-11-09", None).await;
    app.set_now(&at("2026-10-28"));
    approve(app, b_proposal, json!({})).await;
    let a = kith_tests::wheel::placed(app, a_child, a_option).await;
    let b = kith_tests::wheel::placed(app, b_child, b_option).await;
    let c = kith_tests::wheel::placed(app, c_child, c_option).await;

    app.set_now(kith_tests::TEST_NOW);
    // Goals: A's moves (progress on 10 November), B's does not, C's is achieved today.
    let g1 = add_goal(app, &a, "2027-05-01").await;
    adviser
        .post(
            &format!("/api/v1/goals/{g1}/progress"),
            &json!({"recorded_on": "2026-11-10", "value": 4}),
        )
        .await
        .expect(201);
    add_goal(app, &b, "2027-05-01").await;
    let g3 = add_goal(app, &c, "2027-05-01").await;
    adviser
        .patch(
            &format!("/api/v1/goals/{g3}"),
            &json!({"status": "achieved"}),
        )
        .await
        .expect(200);
    // A's consultant changes today.
    app.client(&app.staff.leader)
        .patch(
            &format!("/api/v1/placements/{}", a.placement),
            &json!({"consultant_id": app.staff.consultant2.id}),
        )
        .await
        .expect(200);
}

fn approx(v: &Value, expected: f64) {
    let got = v.as_f64().unwrap_or(f64::NAN);
    assert!(
        (got - expected).abs() < 0.005,
        "expected {expected}, got {v}"
    );
}

db_test!(every_figure_matches_the_hand_worked_history, |app| {
    build(&app).await;
    let d = app
        .client(&app.staff.leader)
        .get("/api/v1/dashboard")
        .await
        .expect(200)
        .body;
    assert_eq!(
        (d["from"].as_str(), d["to"].as_str()),
        (Some("2025-11-17"), Some("2026-11-16"))
    );
    // Lead times (days), five placements started in the period:
    // request → proposal: D 2, E 0, A 14, C 2, B 21 → 0 2 2 14 21 → median 2.
    assert_eq!(
        d["request_to_proposal"],
        json!({"median_days": 2.0, "placements": 5})
    );
    // proposal → decision: D 2, E 0, A 5, C 10, B 2 → 0 2 2 5 10 → 2.
    assert_eq!(
        d["proposal_to_decision"],
        json!({"median_days": 2.0, "placements": 5})
    );
    // decision → start: D 6, E 1, A 13, C 4, B 12 → 1 4 6 12 13 → 6.
    assert_eq!(
        d["decision_to_start"],
        json!({"median_days": 6.0, "placements": 5})
    );
    // Forms: A and B (and D, ended) are foster families; C (and E, ended) children's homes.
    assert_eq!(
        d["forms"],
        json!([
            {"form": "network", "current": 0, "started": 0},
            {"form": "other_family_based", "current": 2, "started": 3},
            {"form": "institutional", "current": 1, "started": 2},
            {"form": "other", "current": 0, "started": 0},
        ])
    );
    let months = d["monthly_starts"].as_array().unwrap();
    assert_eq!(months.len(), 13, "November 2025 to November 2026");
    let month = |m: &str| months.iter().find(|x| x["month"] == m).unwrap().clone();
    assert_eq!(month("2026-01")["other_family_based"], 1);
    assert_eq!(month("2026-03")["institutional"], 1);
    assert_eq!(month("2026-10")["institutional"], 1);
    assert_eq!(month("2026-11")["other_family_based"], 2);
    assert_eq!(
        month("2026-05"),
        json!({"month": "2026-05", "network": 0, "other_family_based": 0, "institutional": 0, "other": 0})
    );
    // Visits: D's three, two inside their window (2 / 3 = 66.67 %); one supervision visit,
    // the child seen alone (100 %).
    assert_eq!(d["visits_held"], 3);
    approx(&d["visits_within_window_pct"], 200.0 / 3.0);
    assert_eq!(d["supervision_visits_held"], 1);
    approx(&d["seen_alone_pct"], 100.0);
    // C's exit review, planned for its last day (10 November: its first § 95 review would
    // have fallen after the end), was not held: one review overdue. First-weeks contacts
    // (none held): A's first (start 2 November, due 9 November) is overdue, its second (16
    // November) is not yet; B's first (start 9 November) is due today; C's (start 26 October)
    // were due 2 and 9 November, the second closing at the stay's planned end: three overdue.
    assert_eq!(
        (d["overdue_visits"].as_u64(), d["overdue_reviews"].as_u64()),
        (Some(3), Some(1))
    );
    // Stays: C is past its planned end (10 November); E ended after 135 days (2 March → 15
    // July) against 90 planned at first (→ 31 May), its exit goal reached.
    assert_eq!(d["stays_past_planned_end"], 1);
    assert_eq!(d["stays_ended"], 1);
    approx(&d["stay_median_days"], 135.0);
    approx(&d["stay_median_planned_days"], 90.0);
    approx(&d["exit_goal_reached_pct"], 100.0);
    // Goals: A's and B's are active, A's moved in the last 90 days (50 %); C's (achieved
    // today) and E's (closed as not achieved when E ended) are closed: 1 of 2 achieved.
    assert_eq!(d["active_goals"], 2);
    approx(&d["goals_with_recent_progress_pct"], 50.0);
    assert_eq!(d["goals_closed"], 2);
    approx(&d["goals_achieved_pct"], 50.0);
    // Placement-days in the period: D 162 (20 Jan - 30 Jun), E 136 (2 Mar - 15 Jul), A 15,
    // B 8, C 22 = 343. One consultant change: 365 / 343 = 1.064 a placement-year; one
    // breakdown: 100 × 365 / 343 = 106.41 per 100 placement-years.
    approx(&d["placement_years"], 343.0 / 365.0);
    approx(&d["consultant_changes_per_placement_year"], 1.0641);
    approx(&d["adviser_changes_per_placement_year"], 0.0);
    assert_eq!(d["breakdowns"], 1);
    approx(&d["breakdowns_per_100_placement_years"], 106.4139);
    // Stability: all five children entered care in the period (B with 8 days, the least the
    // move rate counts), none moved: 0 moves in their 343 days. Three in care now (A, B, C),
    // none with three placements; none long in care. D broke down 5 months after the start:
    // one breakdown in the first year. No adviser changed for the five children: 0.
    let st = &d["stability"];
    assert_eq!(st["children_entered"], 5);
    assert_eq!(st["moves"], 0);
    assert_eq!(st["days_in_care"], 343);
    approx(&st["moves_per_1000_days"], 0.0);
    assert_eq!(st["children_in_care"], 3);
    approx(&st["three_or_more_placements_pct"], 0.0);
    assert_eq!(st["children_long_in_care"], 0);
    assert!(st["same_carer_two_years_pct"].is_null());
    assert_eq!(st["breakdowns_first_year"], 1);
    assert_eq!(st["children_in_period"], 5);
    approx(&st["adviser_changes_per_child"], 0.0);
    // Caseloads now: Karen has B and C, Kim has A; Alma advises all three.
    let loads = |v: &Value| -> Vec<(String, u64)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["staff"]["name"].as_str().unwrap().to_owned(),
                    c["placements"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        loads(&d["consultant_caseloads"]),
        [
            ("Karen Consultant".to_owned(), 2),
            ("Kim Consultant".to_owned(), 1)
        ]
    );
    assert_eq!(
        loads(&d["adviser_caseloads"]),
        [("Alma Adviser".to_owned(), 3)]
    );

    // The administrator sees the whole municipality: the same here.
    let all = app
        .client(&app.staff.admin)
        .get("/api/v1/dashboard")
        .await
        .expect(200)
        .body;
    assert_eq!(all["forms"], d["forms"]);
    // Team B's leader sees none of it; the match unit has no dashboard.
    let b = app
        .client(&app.staff.leader_b)
        .get("/api/v1/dashboard")
        .await
        .expect(200)
        .body;
    assert_eq!(
        b["request_to_proposal"],
        json!({"median_days": null, "placements": 0})
    );
    assert_eq!(b["visits_within_window_pct"], Value::Null);
    assert_eq!(b["placement_years"], 0.0);
    // The match unit's leader follows no placement up, but his unit's matcher made all five
    // proposals: his lead times are theirs, the rest of his figures empty.
    let m = app
        .client(&app.staff.match_leader)
        .get("/api/v1/dashboard")
        .await
        .expect(200)
        .body;
    assert_eq!(
        m["request_to_proposal"],
        json!({"median_days": 2.0, "placements": 5})
    );
    assert_eq!(
        m["decision_to_start"],
        json!({"median_days": 6.0, "placements": 5})
    );
    assert_eq!(m["placement_years"], 0.0);
    assert_eq!(m["visits_within_window_pct"], Value::Null);
    app.client(&app.staff.matcher)
        .get("/api/v1/dashboard")
        .await
        .expect(403);
    app.client(&app.staff.adviser)
        .get("/api/v1/dashboard")
        .await
        .expect(403);
    assert_eq!(
        app.client(&app.staff.leader)
            .get("/api/v1/dashboard?from=2026-11-17&to=2026-11-16")
            .await
            .expect(422)
            .error_fields(),
        ["from"]
    );
    // A shorter period: only what started, ended or closed from 1 July counts.
    let h2 = app
        .client(&app.staff.leader)
        .get("/api/v1/dashboard?from=2026-07-01&to=2026-11-16")
        .await
        .expect(200)
        .body;
    // A, B, C started: request → proposal 14, 21, 2 → 14.
    assert_eq!(
        h2["request_to_proposal"],
        json!({"median_days": 14.0, "placements": 3})
    );
    // Placement-days from 1 July: E 15 (1-15 Jul), A 15, B 8, C 22 = 60; no breakdown.
    approx(&h2["placement_years"], 60.0 / 365.0);
    assert_eq!(h2["breakdowns"], 0);
    approx(&h2["breakdowns_per_100_placement_years"], 0.0);

    // Overdue work shows the day after a window closes: A's first support visit.
    // Items left planned on ended placements (D's and E's, never recorded) stay on their
    // holders' lists to be recorded late, but are not "overdue now" for the unit.
    let first = next(
        &app,
        &app.staff.consultant2,
        &placed(&app, "A").await,
        "support",
    )
    .await;
    let after = day(&first, "closes_on") + chrono::Days::new(1);
    app.set_now(&at(&after.to_string()));
    let mut listed = 0;
    for name in ["A", "B", "C"] {
        let p = placed(&app, name).await;
        listed += app
            .client(&app.staff.leader)
            .get(&format!(
                "/api/v1/visits?overdue=true&placement_id={}&limit=200",
                p.placement
            ))
            .await
            .expect(200)
            .body["items"]
            .as_array()
            .unwrap()
            .len();
    }
    let later = app
        .client(&app.staff.leader)
        .get("/api/v1/dashboard")
        .await
        .expect(200)
        .body;
    assert!(later["overdue_visits"].as_u64().unwrap() >= 1);
    assert_eq!(
        later["overdue_visits"].as_u64().unwrap() + later["overdue_reviews"].as_u64().unwrap(),
        listed as u64
    );
    // The figures open onto exactly those items: the dashboard page links each figure to
    // the list behind it, which holds as many visits and reviews as the figures say.
    let page = app
        .client(&app.staff.leader)
        .get("/dashboard")
        .await
        .expect(200)
        .text;
    assert!(
        page.contains("href=\"/dashboard/overdue#visits\""),
        "{page}"
    );
    // Each figure's definition is on the page, and each chart has its axes: the y axis
    // named, a label under each bar (the consultant's first name: Karen Consultant, "Karen").
    assert!(page.contains("id=\"definitions\""));
    assert!(page.contains("Planned visits on running placements whose deadline was before today."));
    assert!(page.contains(">Placements</text>"), "{page}");
    assert!(page.contains(">Karen</text>"), "{page}");
    let behind = app
        .client(&app.staff.leader)
        .get("/dashboard/overdue")
        .await
        .expect(200)
        .text;
    let section = |id: &str| -> usize {
        let start = behind.find(&format!("id=\"{id}\"")).unwrap();
        let end = behind[start..].find("</section>").unwrap() + start;
        behind[start..end].matches("data-visit=").count()
    };
    assert_eq!(
        section("visits") as u64,
        later["overdue_visits"].as_u64().unwrap()
    );
    assert_eq!(
        section("reviews") as u64,
        later["overdue_reviews"].as_u64().unwrap()
    );
    // The stays past their planned end, each with its clock: as many as the figure counts
    // (the hand-worked history's one stay past its end).
    assert_eq!(later["stays_past_planned_end"], 1);
    let stays = {
        let start = behind.find("id=\"stays\"").unwrap();
        let end = behind[start..].find("</section>").unwrap() + start;
        &behind[start..end]
    };
    assert_eq!(
        stays.matches("<tr data-placement=").count() as u64,
        later["stays_past_planned_end"].as_u64().unwrap(),
        "{stays}"
    );
    assert!(
        page.contains("href=\"/dashboard/overdue#stays\""),
        "the figure opens onto its stays"
    );
    // Team B's leader sees none of Team A's; an adviser has no dashboard to open.
    let b = app
        .client(&app.staff.leader_b)
        .get("/dashboard/overdue")
        .await
        .expect(200)
        .text;
    assert_eq!(b.matches("data-visit=").count(), 0);
    app.client(&app.staff.adviser)
        .get("/api/v1/dashboard")
        .await
        .expect(403);
});

/// The placement of the child with this name.
async fn placed(app: &TestApp, name: &str) -> Placed {
    use kith_store::entities::{child, placement};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let conn = app.app.db().conn();
    let c = child::Entity::find()
        .filter(child::Column::Name.eq(name))
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    let p = placement::Entity::find()
        .filter(placement::Column::ChildId.eq(c.id))
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    Placed {
        child: c.id,
        option: p.option_id,
        placement: p.id,
    }
}

db_test!(
    a_case_handed_to_another_adviser_counts_as_an_adviser_change,
    |app| {
        let p = kith_tests::wheel::place(&app, "Ida", "2026-11-02").await;
        // The leader hands Ida's case to Anders; her placement goes with it.
        app.client(&app.staff.leader)
            .put(
                &format!("/api/v1/children/{}", p.child),
                &with(
                    kith_tests::fixtures::child("Ida"),
                    "case_adviser_id",
                    json!(app.staff.adviser2.id),
                ),
            )
            .await
            .expect(200);
        let placement = app
            .client(&app.staff.adviser2)
            .get(&format!("/api/v1/placements/{}", p.placement))
            .await
            .expect(200)
            .body;
        assert_eq!(placement["adviser"]["id"], app.staff.adviser2.id);
        // 2-16 November: 15 placement-days, one change: 365 / 15 = 24.33 a placement-year.
        let d = app
            .client(&app.staff.leader)
            .get("/api/v1/dashboard")
            .await
            .expect(200)
            .body;
        approx(&d["adviser_changes_per_placement_year"], 365.0 / 15.0);
        approx(&d["consultant_changes_per_placement_year"], 0.0);
        // One child in care in the period, one change of adviser: 1 a child.
        approx(&d["stability"]["adviser_changes_per_child"], 1.0);
        // The former adviser no longer follows the placement.
        app.client(&app.staff.adviser)
            .get(&format!("/api/v1/placements/{}", p.placement))
            .await
            .expect(404);
    }
);

db_test!(
    a_change_of_the_childs_school_counts_as_a_school_change,
    |app| {
        // Ida is registered at Himmelev Skole (the fixture) and placed on 2 November.
        let p = kith_tests::wheel::place(&app, "Ida", "2026-11-02").await;
        let adviser = app.client(&app.staff.adviser);
        // Without the CPR number (kept as it is): each one sent counts against the lookups.
        let with_school = |address: Option<&str>| {
            let mut body = with(
                kith_tests::fixtures::child("Ida"),
                "school",
                address.map_or(Value::Null, |a| json!({"address": a})),
            );
            body.as_object_mut().unwrap().remove("cpr");
            body
        };
        let save = async |address: Option<&str>| {
            adviser
                .put(
                    &format!("/api/v1/children/{}", p.child),
                    &with_school(address),
                )
                .await
                .expect(200);
        };
        // To another school: a change. The same school written in capitals: a correction.
        // Removed and then entered again: neither counts. To a third school: a change.
        save(Some("Holbæk Private Realskole, Holbæk")).await;
        save(Some("HOLBÆK PRIVATE REALSKOLE,  Holbæk")).await;
        save(None).await;
        save(Some("Holbæk Private Realskole, Holbæk")).await;
        save(Some("Tølløse Skole, Tølløse")).await;
        // One child in care in the period, two changes of school: 2 a child.
        let d = app
            .client(&app.staff.leader)
            .get("/api/v1/dashboard")
            .await
            .expect(200)
            .body;
        assert_eq!(d["stability"]["school_changes"], 2);
        approx(&d["stability"]["school_changes_per_child"], 2.0);
        approx(&d["stability"]["adviser_changes_per_child"], 0.0);
    }
);

/// The placement of `child` with `option`.
async fn placement_of(app: &TestApp, child: i64, option: i64) -> i64 {
    use kith_store::entities::placement;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    placement::Entity::find()
        .filter(placement::Column::ChildId.eq(child))
        .filter(placement::Column::OptionId.eq(option))
        .one(app.app.db().conn())
        .await
        .unwrap()
        .expect("the placement")
        .id
}

db_test!(
    a_move_after_a_breakdown_is_a_move_in_the_stability_figures,
    |app| {
        // Asta: with Familien Holm from 20 January 2026, a breakdown on 30 April, with Familien
        // Berg from 1 May (the next day: a move in the same spell). Bo: placed on 2 November.
        app.set_now(&at("2026-01-10"));
        let asta = register(&app, "Asta").await;
        let holm = new_option(&app, foster_family("Familien Holm", 2)).await;
        let p = propose(&app, asta, holm, "2026-01-20", None).await;
        approve(&app, p, json!({})).await;
        let first = placement_of(&app, asta, holm).await;
        app.set_now(&at("2026-04-30"));
        app.client(&app.staff.adviser)
            .post(
                &format!("/api/v1/placements/{first}/end"),
                &json!({"end_date": "2026-04-30", "reason": "breakdown"}),
            )
            .await
            .expect(200);
        // The adviser asks for a new placement; the match unit finds Familien Berg.
        app.client(&app.staff.adviser)
            .put(
                &format!("/api/v1/children/{asta}"),
                &with(
                    kith_tests::fixtures::child("Asta"),
                    "placement_requested_on",
                    json!("2026-04-30"),
                ),
            )
            .await
            .expect(200);
        let berg = new_option(&app, foster_family("Familien Berg", 2)).await;
        let p = propose(&app, asta, berg, "2026-05-01", None).await;
        approve(&app, p, json!({})).await;
        app.set_now(&at("2026-10-25"));
        let bo = register(&app, "Bo").await;
        let p = propose(&app, bo, holm, "2026-11-02", None).await;
        approve(&app, p, json!({})).await;
        app.set_now("2026-11-16T09:00:00Z");

        // Read on 16 November for the year from 17 November 2025. Asta's days in care: 20 Jan -
        // 30 Apr = 12 + 28 + 31 + 30 = 101, 1 May - 16 Nov = 184 + 16 = 200; Bo's 2-16 Nov = 15.
        // One move in 316 days: 1,000 / 316 = 3.1646 moves per 1,000 days.
        let d = app
            .client(&app.staff.admin)
            .get("/api/v1/dashboard")
            .await
            .expect(200)
            .body;
        let st = &d["stability"];
        assert_eq!(st["children_entered"], 2);
        assert_eq!(st["moves"], 1);
        assert_eq!(st["days_in_care"], 316);
        approx(&st["moves_per_1000_days"], 1000.0 / 316.0);
        // Two in care, each with fewer than three placements; the breakdown 101 days in.
        assert_eq!(st["children_in_care"], 2);
        approx(&st["three_or_more_placements_pct"], 0.0);
        assert_eq!(st["breakdowns_first_year"], 1);
        // On the page, in Danish: "3,2" with the two children it is built on, and its definition.
        let http = kith_tests::web::danish(&app, &app.staff.admin).await;
        let page = kith_tests::web::page_text(&http, &format!("{}/dashboard", app.base)).await;
        assert!(
            page.contains("<dd id=\"fig-moves\">3,2 <span class=\"muted\">(2)</span></dd>"),
            "{page}"
        );
        assert!(page.contains("Flytninger pr. 1.000 dage i anbringelse"));
        assert!(page.contains("At blive anbragt er ikke en flytning"));
    }
);
