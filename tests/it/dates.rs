//! Dates from outside (issue 14, finding 9): every date parameter of the API and the pages,
//! given any date chrono can read and some it cannot, answers without a server error; dates
//! out of Kith's range name their field; a period is at most ten years.

use kith_tests::{TestApp, db_test};
use rand::{Rng, SeedableRng};

/// Every request that takes a date in its query: (path with `{d}` where the date goes, who).
fn date_requests(app: &TestApp) -> Vec<(String, kith_tests::TestUser)> {
    let s = &app.staff;
    [
        ("/api/v1/dashboard?from={d}", &s.leader),
        ("/api/v1/dashboard?to={d}", &s.leader),
        ("/api/v1/visits?from={d}", &s.consultant),
        ("/api/v1/visits?to={d}", &s.consultant),
        ("/api/v1/week?date={d}", &s.consultant),
        ("/api/v1/team-year?from={d}", &s.leader),
        ("/api/v1/placements/1/year?from={d}", &s.consultant),
        ("/api/v1/children/1/matches?start={d}", &s.matcher),
        ("/api/v1/audit?from={d}", &s.leader),
        ("/api/v1/exports/dashboard.csv?from={d}", &s.leader),
        ("/dashboard?from={d}", &s.leader),
        ("/week?date={d}", &s.consultant),
        ("/team?from={d}", &s.leader),
        ("/audit?to={d}", &s.leader),
    ]
    .into_iter()
    .map(|(p, u)| (p.to_owned(), u.clone()))
    .collect()
}

/// Dates at the edges and beyond: chrono's own ends, the years around Kith's range, leap
/// days, and a seeded spread over every year chrono reads.
fn dates() -> Vec<String> {
    let mut d: Vec<String> = [
        "-262143-01-01",
        "+262142-12-31",
        "262142-12-31",
        "0000-01-01",
        "0001-01-01",
        "1899-12-31",
        "1900-01-01",
        "2024-02-29",
        "2025-02-29",
        "2199-12-31",
        "2200-01-01",
        "9999-12-31",
        "99999-12-31",
        "2026-13-01",
        "2026-00-10",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
    for _ in 0..24 {
        let year: i32 = rng.gen_range(-262_143..=262_142);
        d.push(if year < 0 {
            format!("-{:04}-06-15", -year)
        } else {
            format!("{year:04}-06-15")
        });
    }
    d
}

db_test!(no_date_makes_a_handler_fail, |app| {
    for (path, user) in date_requests(&app) {
        let c = app.client(&user);
        for date in dates() {
            let encoded: String = form_urlencoded_byte(&date);
            let url = path.replace("{d}", &encoded);
            let r = c.get(&url).await;
            assert!(r.status < 500, "{url}: {} {}", r.status, r.text);
            let year: Option<i64> = kith_domain::dates::year_of_date_text(&date);
            if year.is_some_and(|y| !kith_domain::dates::year_in_range(y))
                && url.starts_with("/api/")
            {
                assert_eq!(r.status, 422, "{url}: {}", r.text);
                let field = url.split('?').nth(1).unwrap().split('=').next().unwrap();
                assert_eq!(r.error_fields(), [field], "{url}");
            }
        }
    }
});

/// `+` in a query must be sent as `%2B`.
fn form_urlencoded_byte(s: &str) -> String {
    s.replace('+', "%2B")
}

db_test!(a_period_is_at_most_ten_years, |app| {
    let leader = app.client(&app.staff.leader);
    let r = leader
        .get("/api/v1/dashboard?from=2015-01-01&to=2026-11-16")
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["from"]);
    leader
        .get("/api/v1/dashboard?from=2017-01-01&to=2026-11-16")
        .await
        .expect(200);
    // A date in a body out of range is named too.
    let r = app
        .client(&app.staff.adviser)
        .post(
            "/api/v1/children",
            &kith_tests::fixtures::with(
                kith_tests::fixtures::child("Ida"),
                "birth_date",
                serde_json::json!("+262142-12-31"),
            ),
        )
        .await
        .expect(422);
    assert_eq!(r.error_fields(), ["birth_date"]);
});

db_test!(an_imported_date_far_outside_the_calendar_is_named, |app| {
    let adviser = app.client(&app.staff.adviser);
    let csv = "name,birth_date,target_area,support_level\n\
               Barn Et,2014-03-15,general,moderate\n\
               Barn To,9999-12-31,general,moderate\n\
               Barn Tre,1899-12-31,general,moderate\n";
    let r = adviser
        .post_raw("/api/v1/imports/children?dry_run=true", "text/csv", csv)
        .await
        .expect(200);
    let named: Vec<(i64, &str)> = r.body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_i64().unwrap(), p["column"].as_str().unwrap()))
        .collect();
    // The header is row 1: the second and third children are rows 3 and 4.
    assert_eq!(named, [(3, "birth_date"), (4, "birth_date")], "{}", r.text);
});
