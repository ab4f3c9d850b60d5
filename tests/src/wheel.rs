//! Placements for annual-wheel tests, made the way users make them: the adviser registers a
//! waiting child, the consultant an option, the match unit proposes, a leader approves.

use kith_store::entities::placement;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::TestApp;
use crate::fixtures::{child, foster_family, with};

/// What [`place`] made.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub child: i64,
    pub option: i64,
    pub placement: i64,
}

/// A child placed in a new general foster family (the test consultant's) from `start`.
pub async fn place(app: &TestApp, name: &str, start: &str) -> Placed {
    let child = register(app, name).await;
    let option = new_option(app, foster_family(&format!("Familien {name}"), 1)).await;
    let proposal = propose(app, child, option, start, None).await;
    approve(app, proposal, json!({})).await;
    placed(app, child, option).await
}

/// A child in a new children's home from `start` until `planned_end`, aiming for
/// `exit_goal`: a short institutional stay.
pub async fn place_stay(
    app: &TestApp,
    name: &str,
    start: &str,
    planned_end: &str,
    exit_goal: &str,
) -> Placed {
    let child = register(app, name).await;
    let mut home = with(
        foster_family(&format!("Børnehjemmet {name}"), 4),
        "kind",
        json!("childrens_home"),
    );
    home["day_rate_dkk"] = json!(4000);
    let option = new_option(app, home).await;
    let proposal = propose(app, child, option, start, Some(planned_end)).await;
    approve(app, proposal, json!({"exit_goal": exit_goal})).await;
    placed(app, child, option).await
}

/// The administrator switches the first weeks' contacts off, for a test about the year's
/// visits whose arithmetic they would crowd.
pub async fn without_first_weeks(app: &TestApp) {
    let admin = app.client(&app.staff.admin);
    let mut wheel = admin.get("/api/v1/rules").await.expect(200).body["wheel"].take();
    wheel["first_weeks"] = json!([]);
    admin
        .put("/api/v1/rules", &json!({ "wheel": wheel }))
        .await
        .expect(200);
}

/// The adviser registers a child waiting for a placement (requested today).
pub async fn register(app: &TestApp, name: &str) -> i64 {
    app.client(&app.staff.adviser)
        .post(
            "/api/v1/children",
            &with(
                child(name),
                "placement_requested_on",
                json!(app.app.today().to_string()),
            ),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

/// The consultant registers a placement option.
pub async fn new_option(app: &TestApp, input: Value) -> i64 {
    app.client(&app.staff.consultant)
        .post("/api/v1/placement-options", &input)
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

/// The match unit proposes the option for the child (today).
pub async fn propose(
    app: &TestApp,
    child: i64,
    option: i64,
    start: &str,
    planned_end: Option<&str>,
) -> i64 {
    let mut body = json!({"child_id": child, "option_id": option, "start_date": start, "rationale": "Tæt på skolen."});
    if let Some(end) = planned_end {
        body["planned_end_date"] = json!(end);
    }
    app.client(&app.staff.matcher)
        .post("/api/v1/proposals", &body)
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

/// The match unit's leader approves a proposal (today). The tests' children have no network
/// searched, so a place outside the network is approved with the leader's reason.
pub async fn approve(app: &TestApp, proposal: i64, mut body: Value) {
    if body.get("approval_reason").is_none() {
        body["approval_reason"] = json!("Ingen i netværket kan tage barnet.");
    }
    app.client(&app.staff.match_leader)
        .post(&format!("/api/v1/proposals/{proposal}/approve"), &body)
        .await
        .expect(200);
}

/// The placement the approval made.
pub async fn placed(app: &TestApp, child: i64, option: i64) -> Placed {
    let p = placement::Entity::find()
        .filter(placement::Column::ChildId.eq(child))
        .one(app.app.db().conn())
        .await
        .unwrap()
        .expect("placement made");
    Placed {
        child,
        option,
        placement: p.id,
    }
}

/// The items of a placement's wheel of one kind, as (planned_on, status) by due date, read
/// through the API as `user` sees them.
pub async fn items(
    app: &TestApp,
    token_user: &crate::TestUser,
    placement: i64,
    kind: &str,
) -> Vec<Value> {
    let body = app
        .client(token_user)
        .get(&format!(
            "/api/v1/visits?placement_id={placement}&kind={kind}&limit=200"
        ))
        .await
        .expect(200)
        .body;
    let mut items = body["items"].as_array().cloned().unwrap_or_default();
    items.sort_by_key(|v| v["due_on"].as_str().unwrap_or("").to_owned());
    items
}

/// The planned days of the still planned `items`.
pub fn days(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .filter(|v| v["status"] == "planned")
        .map(|v| v["planned_on"].as_str().unwrap_or("").to_owned())
        .collect()
}
