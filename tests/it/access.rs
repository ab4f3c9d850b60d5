//! The access matrix: every operation of the OpenAPI document, called by every role, against
//! the expected statuses kept in `tests/access_matrix.csv`. A new route is not in the table,
//! so this test fails until someone decides who may call it. Along the way, every response
//! that carries the test child's name must have written an audit row for that child.
//!
//! Reads are called without a body, writes with an empty JSON object: on a write route a 422
//! may come from the input's shape before the policy is asked, so for writes the table shows
//! who gets past authentication, and each feature's own tests show who may really change what.
//! `KITH_ACCESS_RECORD=1` rewrites the table from what the server answers (review the diff).

use std::collections::BTreeMap;

use kith_store::entities::audit_log;
use kith_tests::wheel::place;
use kith_tests::{Api, TestApp, db_test};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const ROLES: [&str; 7] = [
    "none",
    "matcher",
    "consultant",
    "adviser",
    "leader",
    "admin",
    "other_unit",
];
const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/access_matrix.csv");
/// A name no other test data has, to find the child's data in a response.
const CHILD: &str = "Ida Adgangstest";

fn client(app: &TestApp, role: &str) -> Api {
    match role {
        "none" => app.anonymous(),
        "matcher" => app.client(&app.staff.matcher),
        "consultant" => app.client(&app.staff.consultant),
        "adviser" => app.client(&app.staff.adviser),
        "leader" => app.client(&app.staff.leader),
        "admin" => app.client(&app.staff.admin),
        _ => app.client(&app.staff.adviser_b),
    }
}

/// Operations that end the caller's own credentials run last.
fn order(method: &str, path: &str) -> u8 {
    u8::from(
        method == "delete" && (path == "/api/v1/session" || path.starts_with("/api/v1/tokens")),
    )
}

async fn audits(app: &TestApp, child: i64) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::ChildId.eq(child))
        .count(app.app.db().conn())
        .await
        .unwrap()
}

db_test!(every_route_answers_each_role_as_the_table_says, |app| {
    let p = place(&app, CHILD, "2026-11-02").await;
    let adviser = app.client(&app.staff.adviser);
    let goal = adviser
        .post(
            &format!("/api/v1/placements/{}/goals", p.placement),
            &json!({"area": "school_and_education", "text": "Går i skole.", "measure": {"kind": "yes_no"}, "parties": ["child"], "due_on": "2027-06-30"}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let visit = kith_tests::wheel::items(&app, &app.staff.consultant, p.placement, "support").await
        [0]["id"]
        .as_i64()
        .unwrap();
    let proposal = adviser.get("/api/v1/proposals").await;
    let proposal = proposal.body["items"][0]["id"].as_i64().unwrap_or(999_999);

    let doc = app
        .client(&app.staff.admin)
        .get("/api/openapi.json")
        .await
        .expect(200)
        .body;
    let mut ops: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            ops.push((method.clone(), path.clone()));
        }
    }
    ops.sort_by_key(|(m, p)| (order(m, p), p.clone(), m.clone()));

    let fill = |path: &str| -> String {
        let id = if path.starts_with("/api/v1/children") {
            p.child
        } else if path.starts_with("/api/v1/placement-options") {
            p.option
        } else if path.starts_with("/api/v1/placements") {
            p.placement
        } else if path.starts_with("/api/v1/visits") {
            visit
        } else if path.starts_with("/api/v1/goals") {
            goal
        } else if path.starts_with("/api/v1/proposals") {
            proposal
        } else if path.starts_with("/api/v1/users") {
            app.staff.consultant.id
        } else {
            999_999
        };
        path.replace("{id}", &id.to_string())
            .replace("{option_id}", &p.option.to_string())
            .replace("{person_id}", "999999")
            .replace("{code}", "attachment")
            .replace("{file}", "children.csv")
            .replace("{kind}", "options")
    };

    let mut seen: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut unaudited = Vec::new();
    for (method, path) in &ops {
        let url = fill(path);
        let body = (method != "get" && method != "delete").then(|| json!({}));
        let mut row = Vec::new();
        for role in ROLES {
            let before = audits(&app, p.child).await;
            let r = client(&app, role)
                .request(method, &url, body.as_ref())
                .await;
            assert!(
                r.status < 500,
                "{method} {url} as {role}: {} {}",
                r.status,
                r.text
            );
            // The name as a value of its own (JSON or CSV), not inside the option's name.
            let carries_child =
                r.text.contains(&format!("\"{CHILD}")) || r.text.contains(&format!(",{CHILD}"));
            if carries_child && audits(&app, p.child).await == before {
                unaudited.push(format!("{method} {path} as {role}"));
            }
            row.push(r.status.to_string());
        }
        seen.insert((method.clone(), path.clone()), row);
    }
    assert!(
        unaudited.is_empty(),
        "child data returned without an audit row: {unaudited:?}"
    );

    let mut csv = format!("method,path,{}\n", ROLES.join(","));
    for ((m, p), row) in &seen {
        csv.push_str(&format!("{m},{p},{}\n", row.join(",")));
    }
    if std::env::var("KITH_ACCESS_RECORD").is_ok() && app.engine() == kith_tests::Engine::Sqlite {
        std::fs::write(TABLE, &csv).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(TABLE).expect("tests/access_matrix.csv");
    let expected: BTreeMap<(String, String), Vec<String>> = expected
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (
                (cells[0].to_owned(), cells[1].to_owned()),
                cells[2..].iter().map(|c| (*c).to_owned()).collect(),
            )
        })
        .collect();
    let missing: Vec<_> = seen.keys().filter(|k| !expected.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "routes not in tests/access_matrix.csv: {missing:?}"
    );
    let gone: Vec<_> = expected.keys().filter(|k| !seen.contains_key(*k)).collect();
    assert!(
        gone.is_empty(),
        "routes in the table that no longer exist: {gone:?}"
    );
    let mut wrong = Vec::new();
    for (k, row) in &seen {
        for (i, role) in ROLES.iter().enumerate() {
            if expected[k][i] != row[i] {
                wrong.push(format!(
                    "{} {} as {role}: expected {}, got {}",
                    k.0, k.1, expected[k][i], row[i]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "access differs from the table:\n{}",
        wrong.join("\n")
    );
});
