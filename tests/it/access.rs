//! Who may do what, as a specification: `tests/access_spec.csv` is written by hand from the
//! rules (`crates/app/src/policy.rs`, docs/SECURITY.md), never recorded from the server.
//!
//! Every operation of the OpenAPI document is called by every caller, each standing in a
//! different relation to the case of the fixture (one child, placed in a foster family, with a
//! goal, a visit, a network person): the child's own adviser, another adviser of her team,
//! an adviser of another team, the consultant who holds the placement and one who does not,
//! the leader over both and a leader elsewhere, the match unit, the administrator, the
//! auditor, and nobody. A write is sent a *valid* body, made fresh for each caller (a new
//! proposal to approve, a new placement to end), so the policy is what answers:
//!
//! - `ok`: the call succeeds (2xx);
//! - `401`, `403`, `404`: refused, and the whole case (every table but the logs) is read again
//!   to show that nothing changed;
//! - `422`: refused by a rule about the caller (a leader naming an adviser out of reach).
//!
//! A new route is not in the table, so this test fails until someone decides who may call it.
//! Every response that carries the test child's name must have written an audit row.

use std::collections::BTreeMap;

use kith_store::entities::*;
use kith_tests::fixtures::{child, foster_family, with};
use kith_tests::wheel::{Placed, place, place_stay, propose, register};
use kith_tests::{Api, TEST_PASSWORD, TestApp, TestUser, db_test};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

/// The callers, in the table's column order.
const CALLERS: [&str; 11] = [
    "none",
    "matcher",
    "consultant",
    "consultant2",
    "adviser",
    "adviser2",
    "adviser_b",
    "leader",
    "leader_b",
    "admin",
    "auditor",
];
const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/access_spec.csv");
/// A name no other test data has, to find the child's data in a response.
const CHILD: &str = "Ida Adgangstest";
const CPR: &str = "150314-4562";

fn user<'a>(app: &'a TestApp, caller: &str) -> Option<&'a TestUser> {
    let s = &app.staff;
    Some(match caller {
        "matcher" => &s.matcher,
        "consultant" => &s.consultant,
        "consultant2" => &s.consultant2,
        "adviser" => &s.adviser,
        "adviser2" => &s.adviser2,
        "adviser_b" => &s.adviser_b,
        "leader" => &s.leader,
        "leader_b" => &s.leader_b,
        "admin" => &s.admin,
        "auditor" => &s.auditor,
        _ => return None,
    })
}

fn client(app: &TestApp, caller: &str) -> Api {
    user(app, caller).map_or_else(|| app.anonymous(), |u| app.client(u))
}

/// What the fixture holds.
struct Case {
    placed: Placed,
    goal: i64,
    visit: i64,
    /// A first-weeks contact the consultant has held: it has a summary for the family.
    held: i64,
    person: i64,
    sibling: i64,
    /// A child of the adviser waiting for a placement.
    waiting: i64,
    /// A family of the consultant with room for many proposals.
    roomy: i64,
    /// A user whose password the reset links set (nobody logs in as them here).
    reset_target: i64,
}

async fn case(app: &TestApp) -> Case {
    let placed = place(app, CHILD, "2026-11-02").await;
    let adviser = app.client(&app.staff.adviser);
    let mut body = adviser
        .get(&format!("/api/v1/children/{}", placed.child))
        .await
        .expect(200)
        .body;
    body = child_input(&body);
    body["cpr"] = json!(CPR);
    adviser
        .put(&format!("/api/v1/children/{}", placed.child), &body)
        .await
        .expect(200);
    let goal = adviser
        .post(
            &format!("/api/v1/placements/{}/goals", placed.placement),
            &goal_body(),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let visit = kith_tests::wheel::items(app, &app.staff.consultant, placed.placement, "support")
        .await[0]["id"]
        .as_i64()
        .unwrap();
    let first = &kith_tests::wheel::items(
        app,
        &app.staff.consultant,
        placed.placement,
        "start_contact",
    )
    .await[0];
    let held = first["id"].as_i64().unwrap();
    app.client(&app.staff.consultant)
        .post(
            &format!("/api/v1/visits/{held}/record"),
            &json!({"held_on": first["planned_on"], "child_seen_alone": true, "child_view": "Godt."}),
        )
        .await
        .expect(200);
    let person = adviser
        .post(
            &format!("/api/v1/children/{}/network", placed.child),
            &json!({"name": "Mormor", "relation": "mormor"}),
        )
        .await
        .expect(201)
        .body["network"][0]["id"]
        .as_i64()
        .unwrap();
    let sibling = adviser
        .post("/api/v1/children", &child("Søster Adgangstest"))
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    let waiting = register(app, "Venter Adgangstest").await;
    let roomy = kith_tests::wheel::new_option(app, foster_family("Familien Plads", 20)).await;
    let reset_target = kith_store::users::insert(
        app.app.db().conn(),
        &kith_store::users::NewUser {
            email: kith_domain::Email::parse("glemsom@kith.test").unwrap(),
            name: "Gitte Glemsom".into(),
            password_hash: "x".into(),
            locale: kith_domain::Lang::Da,
            active: true,
        },
        app.app.now(),
    )
    .await
    .unwrap();
    Case {
        roomy,
        reset_target,
        placed,
        goal,
        visit,
        held,
        person,
        sibling,
        waiting,
    }
}

fn goal_body() -> Value {
    json!({"area": "school_and_education", "text": "Går i skole.", "measure": {"kind": "yes_no"},
           "parties": ["child"], "due_on": "2027-06-30"})
}

/// A child's case as it came back, turned into the input that would store it again.
fn child_input(detail: &Value) -> Value {
    let mut input = child(detail["name"].as_str().unwrap());
    input["birth_date"] = detail["birth_date"].clone();
    input["case_adviser_id"] = detail["case_adviser"]["id"].clone();
    input
}

/// Everything the case is made of, as text: compared before and after a refused write.
/// (The audit log, sessions, login counters and the outbox are the trail of the attempt.)
async fn state(app: &TestApp) -> String {
    let c = app.app.db().conn();
    macro_rules! dump {
        ($($e:ident),*) => {{
            let mut s = String::new();
            $(
                s.push_str(&format!("{:?}\n", $e::Entity::find().all(c).await.unwrap()));
            )*
            s
        }};
    }
    dump!(
        child,
        child_need,
        network_person,
        sibling_group,
        child_known_option,
        child_unsuitable_option,
        placement,
        placement_option,
        option_competence,
        proposal,
        proposal_child,
        goal,
        goal_progress,
        plan_review,
        plan_review_goal,
        visit,
        visit_follow_up,
        stay_extension,
        placement_adviser_change,
        placement_consultant_change,
        app_user,
        user_role,
        unit_member,
        rule_set,
        need,
        staff_capacity,
        staff_day_off,
        password_reset
    ) + &format!(
        "{:?}",
        api_token::Entity::find()
            .order_by_asc(api_token::Column::Id)
            .all(c)
            .await
            .unwrap()
            .into_iter()
            .map(|t| (t.id, t.revoked_at, t.expires_at))
            .collect::<Vec<_>>()
    )
}

/// A new password or "log out everywhere" revokes the caller's API tokens, the harness's own
/// among them: given back after each call, so that the next is judged on its own.
async fn restore_tokens(app: &TestApp) {
    use sea_orm::sea_query::Expr;
    api_token::Entity::update_many()
        .col_expr(
            api_token::Column::RevokedAt,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .filter(api_token::Column::Name.eq("tests"))
        .exec(app.app.db().conn())
        .await
        .unwrap();
}

/// Entries in the audit trail: all, and those about a child.
async fn trail(app: &TestApp) -> (u64, u64) {
    let c = app.app.db().conn();
    let all = audit_log::Entity::find().count(c).await.unwrap();
    let about_children = audit_log::Entity::find()
        .filter(audit_log::Column::ChildId.is_not_null())
        .count(c)
        .await
        .unwrap();
    (all, about_children)
}

/// What a successful change must leave in the audit trail: an entry about a child for a
/// change of a child's data, an entry of any kind for a privileged change.
fn must_audit(method: &str, path: &str) -> Option<bool> {
    if method == "get" {
        return None;
    }
    let about_child = [
        "/api/v1/children",
        "/api/v1/placements/",
        "/api/v1/goals/",
        "/api/v1/visits/",
        "/api/v1/proposals",
    ];
    let privileged = [
        "/api/v1/users",
        "/api/v1/needs",
        "/api/v1/rules",
        "/api/v1/tokens",
        "/api/v1/me/calendar-token",
        "/api/v1/session/password",
        "/api/v1/password-reset",
        "/api/v1/covers",
    ];
    // A person's room for visits is neither a child's data nor a privilege.
    if path.ends_with("/availability") {
        return None;
    }
    // Naming a stand-in widens what the stand-in reaches: a privileged change.
    if path.ends_with("/covers") {
        return Some(false);
    }
    if about_child.iter().any(|p| path.starts_with(p)) {
        Some(true)
    } else if privileged.iter().any(|p| path.starts_with(p))
        || (method, path) == ("post", "/api/v1/session")
    {
        Some(false)
    } else {
        None
    }
}

async fn audits(app: &TestApp, child_id: i64) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::ChildId.eq(child_id))
        .count(app.app.db().conn())
        .await
        .unwrap()
}

/// One call: the path with its ids, and the body (JSON, or raw for an import).
struct Call {
    url: String,
    body: Option<Value>,
    raw: Option<(&'static str, String)>,
}

impl Call {
    fn get(url: String) -> Self {
        Call {
            url,
            body: None,
            raw: None,
        }
    }
    fn json(url: String, body: Value) -> Self {
        Call {
            url,
            body: Some(body),
            raw: None,
        }
    }
}

/// A new active goal on the placement (a change of a goal revises it into a new one).
async fn fresh_goal(app: &TestApp, placement: i64) -> i64 {
    app.client(&app.staff.adviser)
        .post(
            &format!("/api/v1/placements/{placement}/goals"),
            &goal_body(),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap()
}

/// A fresh placement like the fixture's (the adviser's child, the consultant's family).
async fn fresh_placement(app: &TestApp, n: usize) -> Placed {
    place(app, &format!("Frisk {n}"), "2026-11-09").await
}

/// Makes the call of `method path` for `caller`: ids filled in, a valid body, and whatever
/// state the call needs made fresh (a proposal to approve, a placement to end), so that an
/// allowed caller succeeds however many allowed callers came before.
async fn prepare(
    app: &TestApp,
    c: &Case,
    method: &str,
    path: &str,
    caller: &str,
    n: usize,
) -> Call {
    let s = &app.staff;
    let leader = app.client(&s.leader);
    let p = &c.placed;
    let fill = |path: &str| {
        path.replace("/children/{id}", &format!("/children/{}", p.child))
            .replace(
                "/placement-options/{id}",
                &format!("/placement-options/{}", p.option),
            )
            .replace("/placements/{id}", &format!("/placements/{}", p.placement))
            .replace("/visits/{id}", &format!("/visits/{}", c.visit))
            .replace("/goals/{id}", &format!("/goals/{}", c.goal))
            .replace("/users/{id}", &format!("/users/{}", s.consultant.id))
            .replace("{option_id}", &p.option.to_string())
            .replace("{person_id}", &c.person.to_string())
            .replace("{code}", "attachment")
            .replace("{file}", "children.csv")
            .replace("{format}", "csv")
    };
    let url = fill(path);
    match (method, path) {
        ("get", "/api/v1/staff") => Call::get(format!("{url}?role=consultant")),
        ("get", "/api/v1/visits/{id}/document") => {
            Call::get(format!("/api/v1/visits/{}/document", c.held))
        }
        ("get", "/api/v1/proposals/{id}" | "/api/v1/proposals/{id}/document") => {
            let id = proposal_of(app, p.child).await;
            Call::get(url.replace("{id}", &id.to_string()))
        }
        ("get", _) => Call::get(url),
        ("delete", "/api/v1/children/{id}/known-options/{option_id}") => {
            leader
                .put(&url, &json!({"how": "aflastning"}))
                .await
                .expect(200);
            Call::get(url)
        }
        ("delete", "/api/v1/children/{id}/unsuitable-options/{option_id}") => {
            leader
                .put(&url, &json!({"reason": "Sammenbrud i 2024"}))
                .await
                .expect(200);
            Call::get(url)
        }
        ("delete", "/api/v1/children/{id}/network/{person_id}") => {
            let _ = url;
            let person = leader
                .post(
                    &format!("/api/v1/children/{}/network", p.child),
                    &json!({"name": format!("Onkel {n}"), "relation": "onkel"}),
                )
                .await
                .expect(201)
                .body["network"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["name"] == format!("Onkel {n}"))
                .unwrap()["id"]
                .as_i64()
                .unwrap();
            Call::get(format!("/api/v1/children/{}/network/{person}", p.child))
        }
        ("delete", "/api/v1/children/{id}/siblings") => {
            leader
                .post(
                    &format!("/api/v1/children/{}/siblings", p.child),
                    &json!({"sibling_id": c.sibling}),
                )
                .await;
            Call::get(url)
        }
        ("delete", "/api/v1/tokens/{id}") => {
            let id = match user(app, caller) {
                Some(u) => {
                    kith_app::tokens::create_for_email(&app.app, &u.email, &format!("t{n}"), None)
                        .await
                        .unwrap()
                        .token
                        .id
                        .0
                }
                None => 1,
            };
            Call::get(url.replace("{id}", &id.to_string()))
        }
        ("delete", "/api/v1/users/{id}/tokens/{token_id}") => {
            let id = kith_app::tokens::create_for_email(&app.app, &s.consultant.email, "x", None)
                .await
                .unwrap()
                .token
                .id
                .0;
            Call::get(url.replace("{token_id}", &id.to_string()))
        }
        ("delete", "/api/v1/covers/{id}") => {
            // A cover of the consultant's to end, on days no other call uses.
            let body = cover_body(s, n + 1000);
            let id = app
                .client(&s.consultant)
                .post(&format!("/api/v1/users/{}/covers", s.consultant.id), &body)
                .await
                .expect(201)
                .body["id"]
                .as_i64()
                .unwrap();
            Call::get(url.replace("{id}", &id.to_string()))
        }
        ("delete", _) => Call::get(url),
        ("patch", "/api/v1/goals/{id}") => {
            let g = fresh_goal(app, p.placement).await;
            Call::json(
                format!("/api/v1/goals/{g}"),
                json!({"due_on": "2027-07-31"}),
            )
        }
        ("patch", "/api/v1/placements/{id}") => {
            Call::json(url, json!({"review_rhythm_months": 3 + (n % 3) as i64}))
        }
        ("post", "/api/v1/allocations") => Call::json(url, json!({"children": [c.waiting]})),
        ("post", "/api/v1/children") => {
            let mut body = child(&format!("Ny {n}"));
            if caller.starts_with("leader") {
                body["case_adviser_id"] = json!(s.adviser.id);
            }
            Call::json(url, body)
        }
        ("post", "/api/v1/children/lookup") => Call::json(url, json!({"cpr": CPR})),
        ("post", "/api/v1/children/{id}/cpr-reveal") => Call::json(url, json!({})),
        ("post", "/api/v1/children/{id}/network") => Call::json(
            url,
            json!({"name": format!("Faster {n}"), "relation": "faster"}),
        ),
        ("post", "/api/v1/children/{id}/siblings") => {
            leader
                .delete(&format!("/api/v1/children/{}/siblings", p.child))
                .await;
            Call::json(url, json!({"sibling_id": c.sibling}))
        }
        ("post", "/api/v1/goals/{id}/progress") => {
            let g = fresh_goal(app, p.placement).await;
            Call::json(
                format!("/api/v1/goals/{g}/progress"),
                json!({"recorded_on": "2026-11-16", "value": true, "note": "God uge."}),
            )
        }
        ("post", "/api/v1/imports/{kind}") => Call {
            url: url.replace("{kind}", "options"),
            body: None,
            raw: Some((
                "text/csv",
                format!(
                    "kind,name,address,approval_authority,approval_status,approved_places,\
                     age_min,age_max,target_areas,lat,lon,approved_on,valid_until\n\
                     general_foster_family,Import {n},Vej 1,social_supervision,active,1,2,15,\
                     general,55.6,12.1,2025-01-10,2028-01-10\n"
                ),
            )),
        },
        ("post", "/api/v1/me/calendar-token") => Call::json(url, json!({})),
        ("post", "/api/v1/password-reset") => {
            let secret = format!("spec-reset-secret-{n}-{}", rand_suffix());
            let now = chrono::Utc::now();
            kith_store::password_resets::insert(
                app.app.db().conn(),
                c.reset_target,
                &kith_app::auth::token_hash(&secret),
                s.admin.id,
                now,
                now + chrono::Duration::hours(1),
            )
            .await
            .unwrap();
            Call::json(
                url,
                json!({"token": secret, "new_password": format!("plum kettle orbit sandal {n}")}),
            )
        }
        ("post", "/api/v1/placement-options") => {
            Call::json(url, foster_family(&format!("Familien Ny {n}"), 1))
        }
        ("post", "/api/v1/placement-options/{id}/capacity-confirmation") => {
            Call::json(url, json!({}))
        }
        ("post", "/api/v1/placements/{id}/end") => {
            let fresh = fresh_placement(app, n).await;
            Call::json(
                format!("/api/v1/placements/{}/end", fresh.placement),
                json!({"end_date": "2026-11-16", "reason": "moved_on"}),
            )
        }
        ("post", "/api/v1/placements/hand-over") => {
            let fresh = fresh_placement(app, n).await;
            Call::json(
                url,
                json!({"placement_ids": [fresh.placement], "consultant_id": s.consultant2.id}),
            )
        }
        ("post", "/api/v1/placements/{id}/extend") => {
            let stay = place_stay(
                app,
                &format!("Ophold {n}"),
                "2026-11-02",
                "2027-05-02",
                "home",
            )
            .await;
            Call::json(
                format!("/api/v1/placements/{}/extend", stay.placement),
                json!({"planned_end_date": "2027-08-02", "reason": "Skoleåret gøres færdigt."}),
            )
        }
        ("post", "/api/v1/placements/{id}/goals") => Call::json(url, goal_body()),
        ("post", "/api/v1/placements/{id}/reviews") => {
            let fresh = fresh_placement(app, n).await;
            let g = app
                .client(&s.adviser)
                .post(
                    &format!("/api/v1/placements/{}/goals", fresh.placement),
                    &goal_body(),
                )
                .await
                .expect(201)
                .body["id"]
                .as_i64()
                .unwrap();
            Call::json(
                format!("/api/v1/placements/{}/reviews", fresh.placement),
                json!({"held_on": "2026-11-16", "goals": [{"goal_id": g, "outcome": "keep"}],
                       "decision": "continue", "rhythm_months": 6}),
            )
        }
        ("post", "/api/v1/proposals") => {
            let waiting = register(app, &format!("Venter {n}")).await;
            Call::json(
                url,
                json!({"child_id": waiting, "option_id": c.roomy, "start_date": "2026-12-01",
                       "rationale": "Tæt på skolen."}),
            )
        }
        ("post", "/api/v1/proposals/{id}/approve" | "/api/v1/proposals/{id}/reject") => {
            let waiting = register(app, &format!("Venter {n}")).await;
            let id = propose(app, waiting, c.roomy, "2026-12-01", None).await;
            let body = if path.ends_with("reject") {
                json!({"reason": "Vi leder i netværket først."})
            } else {
                json!({"approval_reason": "Ingen i netværket kan tage barnet."})
            };
            Call::json(url.replace("{id}", &id.to_string()), body)
        }
        ("post", "/api/v1/proposals/{id}/withdraw") => {
            let waiting = register(app, &format!("Venter {n}")).await;
            let id = propose(app, waiting, c.roomy, "2026-12-01", None).await;
            Call::json(url.replace("{id}", &id.to_string()), json!({}))
        }
        ("post", "/api/v1/proposals/{id}/submit") => {
            let waiting = register(app, &format!("Venter {n}")).await;
            let id = app
                .client(&s.matcher)
                .post(
                    "/api/v1/proposals",
                    &json!({"child_id": waiting, "option_id": c.roomy, "start_date": "2026-12-01",
                            "rationale": "Tæt på skolen.", "submit": false}),
                )
                .await
                .expect(201)
                .body["id"]
                .as_i64()
                .unwrap();
            Call::json(url.replace("{id}", &id.to_string()), json!({}))
        }
        ("post", "/api/v1/session") => {
            let email = user(app, caller).map_or(s.adviser.email.clone(), |u| u.email.clone());
            Call::json(url, json!({"email": email, "password": TEST_PASSWORD}))
        }
        ("post", "/api/v1/tokens") => Call::json(url, json!({"name": format!("skript {n}")})),
        ("post", "/api/v1/users") => Call::json(
            url,
            json!({"email": format!("ny{n}@kith.test"), "name": format!("Ny Medarbejder {n}"),
                   "roles": ["adviser"], "unit_ids": []}),
        ),
        ("post", "/api/v1/users/{id}/password-reset") => Call::json(url, json!({})),
        ("post", "/api/v1/visit-plans") => Call::json(url, json!({})),
        (
            "post",
            "/api/v1/visits/{id}/record"
            | "/api/v1/visits/{id}/move"
            | "/api/v1/visits/{id}/cancel",
        ) => {
            let fresh = fresh_placement(app, n).await;
            let v = kith_tests::wheel::items(app, &s.consultant, fresh.placement, "support").await
                [0]["id"]
                .as_i64()
                .unwrap();
            let body = match path.rsplit('/').next().unwrap() {
                "record" => json!({"held_on": "2026-11-16", "child_seen_alone": true}),
                "move" => json!({"to": "2026-11-25", "reason": "Familien er på ferie."}),
                _ => json!({"reason": "Aftalt med familien."}),
            };
            let action = path.rsplit('/').next().unwrap();
            Call::json(format!("/api/v1/visits/{v}/{action}"), body)
        }
        ("post", "/api/v1/agreements/{id}/close") => {
            // A fresh agreement each time: a visit recorded with one, held by the adviser.
            let fresh = fresh_placement(app, n).await;
            let v = kith_tests::wheel::items(app, &s.consultant, fresh.placement, "support").await
                [0]["id"]
                .as_i64()
                .unwrap();
            let recorded = app
                .client(&s.consultant)
                .post(
                    &format!("/api/v1/visits/{v}/record"),
                    &json!({"held_on": "2026-11-16", "follow_ups": [
                        {"what": "Ring til skolen", "owner": "adviser", "due_on": "2026-12-15"}
                    ]}),
                )
                .await
                .expect(200)
                .body;
            let id = recorded["follow_ups"][0]["id"].as_i64().unwrap();
            Call::json(
                format!("/api/v1/agreements/{id}/close"),
                json!({"state": "done", "note": "Skolen er ringet op."}),
            )
        }
        ("put", "/api/v1/children/{id}") => {
            let detail = app.client(&s.adviser).get(&url).await.expect(200).body;
            let mut body = child_input(&detail);
            body["own_wishes"] = json!(format!("Vil gerne spille fodbold ({n})"));
            Call::json(url, body)
        }
        ("put", "/api/v1/children/{id}/known-options/{option_id}") => {
            Call::json(url, json!({"how": "aflastning"}))
        }
        ("put", "/api/v1/children/{id}/unsuitable-options/{option_id}") => {
            Call::json(url, json!({"reason": "Sammenbrud i 2024"}))
        }
        ("post", "/api/v1/children/{id}/network-search") => Call::json(
            url,
            json!({"network_person_id": c.person, "asked_on": "2026-11-10", "outcome": "unwilling"}),
        ),
        ("put", "/api/v1/children/{id}/network/{person_id}") => Call::json(
            url,
            json!({"name": "Mormor", "relation": format!("mormor ({n})")}),
        ),
        ("put", "/api/v1/children/{id}/stability") => Call::json(
            url,
            json!({"consent_child": "agrees", "consent_parents": "not_asked",
                   "earlier_placements": [{"kind": "childrens_home", "breakdown": n.is_multiple_of(2)}]}),
        ),
        ("put", "/api/v1/placement-options/{id}/household") => Call::json(
            url,
            json!({"children": [{"born_on": format!("2015-06-{:02}", n % 28 + 1), "relation": "own_child"}]}),
        ),
        ("put", "/api/v1/children/{id}/profile") => Call::json(
            url,
            json!({"target_area": "general", "support_level": "moderate",
                   "needs_wheelchair_access": false,
                   "needs": [{"code": "attachment", "level": "severe"}]}),
        ),
        ("put", "/api/v1/needs/{code}") => Call::json(
            url,
            json!({"texts": {"da": {"label": "Tilknytning"},
                             "en": {"label": "Attachment", "description": format!("({n})")}},
                   "sort_order": 1, "active": true}),
        ),
        ("put", "/api/v1/placement-options/{id}") => Call::json(
            url,
            with(
                foster_family(&format!("Familien Adgangstest {n}"), 1),
                "responsible_consultant_id",
                json!(s.consultant.id),
            ),
        ),
        ("put", "/api/v1/rules") => {
            let rules = app
                .client(&s.admin)
                .get("/api/v1/rules")
                .await
                .expect(200)
                .body;
            Call::json(url, json!({"matching": rules["matching"]}))
        }
        ("put", "/api/v1/session/password") => Call::json(
            url,
            json!({"current_password": TEST_PASSWORD, "new_password": format!("plum kettle orbit sandal {n}")}),
        ),
        ("put", "/api/v1/users/{id}") => {
            let u = app.client(&s.admin).get(&url).await.expect(200).body;
            Call::json(
                url,
                json!({"email": u["email"], "name": format!("Karen Consultant {n}"), "roles": u["roles"],
                       "unit_ids": u["unit_ids"], "locale": u["locale"], "active": true}),
            )
        }
        ("post", "/api/v1/users/{id}/covers") => Call::json(url, cover_body(s, n)),
        ("put", "/api/v1/users/{id}/availability") => {
            Call::json(url, json!({"weekly_visits": 5 + n % 3, "days_off": []}))
        }
        (m, other) => panic!("no call is made for {m} {other}: add it here and to the spec"),
    }
}

/// Kim named the consultant's stand-in for one day of 2027 that no other call uses.
fn cover_body(s: &kith_tests::Staff, n: usize) -> serde_json::Value {
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap() + chrono::Days::new(n as u64);
    json!({"stand_in_id": s.consultant2.id, "first_day": day, "last_day": day})
}

fn rand_suffix() -> u64 {
    rand::random()
}

async fn proposal_of(app: &TestApp, child_id: i64) -> i64 {
    proposal_child::Entity::find()
        .filter(proposal_child::Column::ChildId.eq(child_id))
        .one(app.app.db().conn())
        .await
        .unwrap()
        .map_or(999_999, |p| p.proposal_id)
}

/// Operations that end the caller's own credentials, or change everyone's, run last.
fn order(method: &str, path: &str) -> u8 {
    match (method, path) {
        ("get", _) => 0,
        (_, "/api/v1/session" | "/api/v1/session/password" | "/api/v1/rules") => 2,
        _ => 1,
    }
}

fn spec() -> BTreeMap<(String, String), Vec<String>> {
    std::fs::read_to_string(SPEC)
        .expect("tests/access_spec.csv")
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cells: Vec<&str> = l.split(',').map(str::trim).collect();
            assert_eq!(cells.len(), 2 + CALLERS.len(), "{l}");
            (
                (cells[0].to_owned(), cells[1].to_owned()),
                cells[2..].iter().map(|c| (*c).to_owned()).collect(),
            )
        })
        .collect()
}

db_test!(
    every_operation_answers_every_caller_as_the_spec_says,
    |app| {
        let c = case(&app).await;
        // Every token used once, so noting its use changes nothing later.
        for caller in CALLERS {
            client(&app, caller).get("/api/v1/session").await;
        }
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
        let spec = spec();
        let missing: Vec<_> = ops.iter().filter(|k| !spec.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "not in tests/access_spec.csv: {missing:?}"
        );
        let gone: Vec<_> = spec.keys().filter(|k| !ops.contains(k)).collect();
        assert!(gone.is_empty(), "in the spec but not in the API: {gone:?}");

        let mut wrong = Vec::new();
        let mut unaudited = Vec::new();
        let mut n = 0;
        for (method, path) in &ops {
            let expected = &spec[&(method.clone(), path.clone())];
            // Refused callers first: an allowed change must not be what a refusal is judged on.
            let mut callers: Vec<(usize, &str)> = CALLERS.iter().copied().enumerate().collect();
            callers.sort_by_key(|(i, _)| expected[*i] == "ok");
            for (i, caller) in callers {
                n += 1;
                let call = prepare(&app, &c, method, path, caller, n).await;
                let write = method != "get";
                let before_state = if write && expected[i] != "ok" {
                    Some(state(&app).await)
                } else {
                    None
                };
                let before_audit = audits(&app, c.placed.child).await;
                let before_trail = trail(&app).await;
                let api = client(&app, caller);
                let r = match &call.raw {
                    Some((ct, body)) => api.post_raw(&call.url, ct, body).await,
                    None => api.request(method, &call.url, call.body.as_ref()).await,
                };
                let got = r.status;
                let fits = match expected[i].as_str() {
                    "ok" => (200..300).contains(&got),
                    code => code.parse::<u16>().is_ok_and(|c| c == got),
                };
                if !fits {
                    wrong.push(format!(
                        "{method} {path} as {caller}: expected {}, got {got} {}",
                        expected[i],
                        r.text.chars().take(160).collect::<String>()
                    ));
                }
                if let Some(before) = before_state
                    && state(&app).await != before
                {
                    wrong.push(format!(
                        "{method} {path} as {caller}: refused ({got}) but changed the data"
                    ));
                }
                if expected[i] == "ok"
                    && fits
                    && let Some(about_child) = must_audit(method, path)
                {
                    let after = trail(&app).await;
                    let grew = if about_child {
                        after.1 > before_trail.1
                    } else {
                        after.0 > before_trail.0
                    };
                    if !grew {
                        wrong.push(format!(
                            "{method} {path} as {caller}: changed without an audit entry"
                        ));
                    }
                }
                let carries_child =
                    r.text.contains(&format!("\"{CHILD}")) || r.text.contains(&format!(",{CHILD}"));
                if carries_child && audits(&app, c.placed.child).await == before_audit {
                    unaudited.push(format!("{method} {path} as {caller}"));
                }
                restore_tokens(&app).await;
            }
        }
        assert!(
            unaudited.is_empty(),
            "child data returned without an audit row: {unaudited:?}"
        );
        assert!(
            wrong.is_empty(),
            "{} answers differ from tests/access_spec.csv:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }
);
