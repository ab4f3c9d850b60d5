//! The OpenAPI document and the offline Swagger UI.

use kith_tests::db_test;

db_test!(
    the_openapi_document_describes_the_api_and_the_docs_work_offline,
    |app| {
        let anon = app.anonymous();
        anon.get("/api/openapi.json").await.expect(401);
        anon.get("/api/docs/").await.expect(401);
        anon.get("/metrics").await.expect(401);
        let anon = app.client(&app.staff.consultant);
        let doc = anon.get("/api/openapi.json").await.expect(200);
        let paths = doc.body["paths"].as_object().expect("paths");
        for p in [
            "/api/v1/session",
            "/api/v1/tokens",
            "/api/v1/users",
            "/api/v1/needs",
            "/api/v1/children",
            "/api/v1/children/{id}",
            "/api/v1/children/{id}/profile",
            "/api/v1/placement-options",
            "/api/v1/placement-options/{id}",
            "/api/v1/children/{id}/matches",
            "/api/v1/allocations",
            "/api/v1/proposals",
            "/api/v1/proposals/{id}/approve",
            "/api/v1/rules",
            "/api/v1/placements/{id}",
            "/api/v1/placements/{id}/year",
            "/api/v1/visits",
            "/api/v1/visits/{id}/record",
            "/api/v1/visits/{id}/move",
            "/api/v1/visits/{id}/cancel",
            "/api/v1/visit-plans",
            "/api/v1/week",
            "/api/v1/team-year",
            "/api/v1/users/{id}/availability",
            "/api/v1/me/calendar-token",
            "/api/v1/placements/{id}/goals",
            "/api/v1/goals/{id}",
            "/api/v1/goals/{id}/progress",
            "/api/v1/placements/{id}/reviews",
            "/api/v1/placements/{id}/extend",
            "/api/v1/placements/{id}/end",
            "/api/v1/caseload",
            "/api/v1/dashboard",
            "/api/v1/exports/{file}",
            "/api/v1/imports/{kind}",
        ] {
            assert!(paths.contains_key(p), "{p} is documented");
        }
        // Every error is a problem document, and every operation says which it can meet.
        for (path, item) in paths {
            for (method, op) in item.as_object().unwrap() {
                let responses = op["responses"].as_object().unwrap();
                for status in ["422", "503"] {
                    assert!(responses.contains_key(status), "{method} {path}: {status}");
                }
                if path.contains('{') {
                    assert!(responses.contains_key("404"), "{method} {path}: 404");
                }
                for (status, r) in responses {
                    if status.starts_with('4') || status.starts_with('5') {
                        let types: Vec<&String> =
                            r["content"].as_object().unwrap().keys().collect();
                        assert_eq!(
                            types,
                            ["application/problem+json"],
                            "{method} {path} {status}"
                        );
                    }
                }
            }
        }
        // Links from what is made to what may be done with it next.
        let links = &paths["/api/v1/children"]["post"]["responses"]["201"]["links"];
        assert_eq!(
            links["ReadChild"]["operationRef"],
            "#/paths/~1api~1v1~1children~1{id}/get"
        );
        assert!(doc.body["components"]["schemas"]["ChildInput"].is_object());
        assert!(doc.body["components"]["schemas"]["Problem"].is_object());
        assert!(doc.body["components"]["securitySchemes"]["bearer"].is_object());
        let ui = anon.get("/api/docs/").await.expect(200);
        assert!(
            ui.text.contains("swagger"),
            "Swagger UI is served from the binary"
        );
        let init = anon
            .get("/api/docs/swagger-initializer.js")
            .await
            .expect(200);
        assert!(init.text.contains("/api/openapi.json"));
        // The counts are for administrators (and their scrapers).
        anon.get("/metrics").await.expect(403);
        let metrics = app
            .client(&app.staff.admin)
            .get("/metrics")
            .await
            .expect(200);
        assert!(
            metrics.text.contains("kith_http_requests_total"),
            "{}",
            metrics.text
        );
    }
);

/// The API as the document describes it: any change to a path, a parameter, a schema or a
/// response shows here and must be accepted on purpose (`cargo insta review`).
#[test]
fn the_api_changes_only_on_purpose() {
    let doc = kith_server::openapi::document()
        .to_pretty_json()
        .expect("the document serialises");
    insta::assert_snapshot!("openapi_document", doc);
}
