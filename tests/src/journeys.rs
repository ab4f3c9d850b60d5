//! The pages each demo role uses, as steps a browser walks: a path to open, or `follow <css>`
//! to click the first matching link on the page before. The accessibility and language tests
//! walk the same journeys, so a new page is added once.

use fantoccini::Locator;

use crate::browser::Browser;

/// Every page template (`web/templates/pages`), on the pages where each role uses it.
pub const EVERY_PAGE: &[(&str, &[&str])] = &[
    (
        "adviser@kith.test",
        &[
            "/caseload",
            "follow table.caseload tbody tr th a",
            "/children",
            "follow #children tbody tr a",
            "follow a[href$='/edit']",
            "/children/new",
            "/proposals",
            "/options",
            "/week",
            "/me",
        ],
    ),
    (
        "consultant@kith.test",
        &[
            "/week",
            "follow li.visit .visit-who a",
            "/week",
            "follow li.visit a",
            "/team",
            "/options",
            "follow #options tbody tr a",
            "/options/new",
        ],
    ),
    (
        "matcher@kith.test",
        &[
            "/children?placement_requested=true",
            "follow #children tbody tr a",
            "follow a[href$='/profile']",
            "/children?placement_requested=true",
            "follow #children tbody tr a",
            "follow a[href$='/matches']",
            "/proposals",
        ],
    ),
    // The match unit's leader decides the proposals.
    (
        "leader@kith.test",
        &[
            "/proposals?status=submitted",
            "follow #proposals tbody tr a",
        ],
    ),
    (
        "leader03@kith.test",
        &[
            "/dashboard",
            "/dashboard/overdue",
            "/team",
            "/team/escalated",
            "/caseload",
        ],
    ),
    (
        "admin@kith.test",
        &[
            "/admin/users",
            "/admin/users/new",
            "/admin/users",
            "follow table a[href^='/admin/users/']",
            "/admin/needs",
            "/admin/rules",
            "/me",
        ],
    ),
    ("revisor@kith.test", &["/audit", "/no-such-page"]),
];

/// Opens `step` (a path, or `follow <css>`: the first matching link on the current page) and
/// returns the path the browser is on.
pub async fn walk(b: &Browser, base: &str, who: &str, step: &str) -> String {
    if let Some(css) = step.strip_prefix("follow ") {
        b.click(Locator::Css(css)).await;
        b.client
            .wait()
            .for_element(Locator::Css("main h1"))
            .await
            .unwrap_or_else(|e| panic!("{who} {step}: {e}"));
    } else {
        b.client.goto(&format!("{base}{step}")).await.unwrap();
    }
    b.client.current_url().await.unwrap().path().to_owned()
}

/// The match unit proposes the best option for the first waiting child (through the API), so
/// the leader has a proposal to decide.
pub async fn a_submitted_proposal(demo: &crate::DemoApp) {
    let token = kith_app::tokens::create_for_email(&demo.app, "matcher@kith.test", "axe", None)
        .await
        .unwrap()
        .secret;
    let api = crate::Api::new(&demo.base, Some(token));
    let waiting = api
        .get("/api/v1/children?placement_requested=true&limit=20")
        .await
        .expect(200)
        .body;
    for child in waiting["items"].as_array().unwrap() {
        let id = child["id"].as_i64().unwrap();
        let m = api
            .get(&format!("/api/v1/children/{id}/matches"))
            .await
            .expect(200)
            .body;
        let Some(option) = m["units"][0]["groups"].as_array().and_then(|g| {
            g.iter()
                .find_map(|g| g["options"][0]["option"]["id"].as_i64())
        }) else {
            continue;
        };
        let start = m["start_date"].clone();
        let r = api
            .post(
                "/api/v1/proposals",
                &serde_json::json!({"child_id": id, "option_id": option, "start_date": start,
                                     "rationale": "Tæt på skolen."}),
            )
            .await;
        if r.status == 201 {
            return;
        }
    }
    panic!("no waiting child could be proposed for");
}
