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
    let child_id = app
        .client(&app.staff.adviser)
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
        .unwrap();
    let option = app
        .client(&app.staff.consultant)
        .post(
            "/api/v1/placement-options",
            &foster_family(&format!("Familien {name}"), 1),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let proposal = app
        .client(&app.staff.matcher)
        .post(
            "/api/v1/proposals",
            &json!({"child_id": child_id, "option_id": option, "start_date": start, "rationale": "Tæt på skolen."}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    app.client(&app.staff.match_leader)
        .post(&format!("/api/v1/proposals/{proposal}/approve"), &json!({}))
        .await
        .expect(200);
    let p = placement::Entity::find()
        .filter(placement::Column::ChildId.eq(child_id))
        .one(app.app.db().conn())
        .await
        .unwrap()
        .expect("placement made");
    Placed {
        child: child_id,
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
