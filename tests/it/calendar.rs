//! Calendar feeds: parsed by an independent iCalendar parser (the `ical` crate, not the crate
//! that writes them). Stable UIDs, all-day events on the planned days, no names and no CPR
//! numbers, a token that can be rotated, and 404 for an unknown token.

use ical::parser::ical::component::IcalEvent;
use kith_tests::wheel::{days, items, place};
use kith_tests::{TestApp, db_test};
use serde_json::json;

fn prop(e: &IcalEvent, name: &str) -> Option<String> {
    e.properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
}

fn param(e: &IcalEvent, name: &str, param: &str) -> Option<String> {
    e.properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.params.as_ref())
        .and_then(|ps| ps.iter().find(|(k, _)| k == param))
        .and_then(|(_, v)| v.first().cloned())
}

/// Fetches and parses a feed; exactly one calendar.
async fn fetch(app: &TestApp, path: &str) -> Vec<IcalEvent> {
    let r = app.anonymous().get(path).await.expect(200);
    assert!(r.content_type().starts_with("text/calendar"));
    let mut cals: Vec<_> = ical::IcalParser::new(r.text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("a valid iCalendar document");
    assert_eq!(cals.len(), 1);
    let cal = cals.pop().unwrap();
    assert!(
        cal.properties
            .iter()
            .any(|p| p.name == "VERSION" && p.value.as_deref() == Some("2.0"))
    );
    cal.events
}

db_test!(
    a_consultants_calendar_lists_their_visits_without_names,
    |app| {
        let p = place(&app, "Ida Hansen", "2026-12-01").await;
        let consultant = app.client(&app.staff.consultant);
        let link = consultant
            .post("/api/v1/me/calendar-token", &json!({}))
            .await
            .expect(201)
            .body["path"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(link.starts_with("/calendar/kc_") && link.ends_with(".ics"));

        let events = fetch(&app, &link).await;
        // The consultant's six visits and four first-weeks contacts (the reviews are the
        // adviser's), all-day on their days.
        let mut planned: Vec<String> =
            days(&items(&app, &app.staff.consultant, p.placement, "support").await);
        for kind in ["supervision", "start_contact"] {
            planned.extend(days(
                &items(&app, &app.staff.consultant, p.placement, kind).await,
            ));
        }
        assert_eq!(planned.len(), 10);
        planned.sort();
        let mut starts: Vec<String> = events
            .iter()
            .map(|e| {
                assert_eq!(param(e, "DTSTART", "VALUE").as_deref(), Some("DATE"));
                prop(e, "DTSTART").unwrap()
            })
            .collect();
        starts.sort();
        let expected: Vec<String> = planned.iter().map(|d| d.replace('-', "")).collect();
        assert_eq!(starts, expected);
        // Each event ends the next day (DTEND is exclusive for dates).
        let first = events
            .iter()
            .find(|e| prop(e, "DTSTART").as_deref() == Some("20261229"))
            .unwrap();
        assert_eq!(prop(first, "DTEND").as_deref(), Some("20261230"));
        // The first week's contact (Tuesday 8 December) says what it is, in the consultant's
        // language (English in the test staff).
        let contact = events
            .iter()
            .find(|e| prop(e, "DTSTART").as_deref() == Some("20261208"))
            .unwrap();
        let summary = prop(contact, "SUMMARY").unwrap();
        assert!(summary.starts_with("First-weeks contact"), "{summary}");
        // A code and the town, never the child's name or CPR number.
        let code = format!("P-{:05}", p.placement);
        for e in &events {
            let summary = prop(e, "SUMMARY").unwrap();
            assert!(summary.contains(&code), "{summary}");
            assert_eq!(prop(e, "LOCATION").as_deref(), Some("4000 Roskilde"));
            let all = format!("{:?}", e.properties);
            assert!(!all.contains("Ida") && !all.contains("Hansen"), "{all}");
            assert!(!all.contains("150314"), "{all}");
            assert!(prop(e, "UID").unwrap().ends_with("@kith"));
        }
        // UIDs are stable: the same on the next fetch, also after a visit moves.
        let uids = |events: &[IcalEvent]| -> Vec<String> {
            let mut u: Vec<String> = events.iter().map(|e| prop(e, "UID").unwrap()).collect();
            u.sort();
            u
        };
        let before = uids(&events);
        let second = items(&app, &app.staff.consultant, p.placement, "support").await[1]["id"]
            .as_i64()
            .unwrap();
        consultant
            .post(
                &format!("/api/v1/visits/{second}/move"),
                &json!({"to": "2027-03-31", "reason": "Familien bad om det"}),
            )
            .await
            .expect(200);
        let after = fetch(&app, &link).await;
        assert_eq!(uids(&after), before);
        let moved = after
            .iter()
            .find(|e| prop(e, "UID").unwrap() == format!("visit-{second}@kith"))
            .unwrap();
        assert_eq!(prop(moved, "DTSTART").as_deref(), Some("20270331"));

        // Rotating the token turns the old address off.
        let new_link = consultant
            .post("/api/v1/me/calendar-token", &json!({}))
            .await
            .expect(201)
            .body["path"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_ne!(new_link, link);
        app.anonymous().get(&link).await.expect(404);
        assert_eq!(fetch(&app, &new_link).await.len(), 10);
        // Unknown and malformed tokens are a plain 404.
        for path in [
            "/calendar/kc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
            "/calendar/nothing",
            "/calendar/.ics",
        ] {
            app.anonymous().get(path).await.expect(404);
        }
        // Turning it off.
        consultant
            .delete("/api/v1/me/calendar-token")
            .await
            .expect(204);
        app.anonymous().get(&new_link).await.expect(404);
        // Every fetch was audited against the child.
        let audited = kith_store::audit::for_child(app.app.db().conn(), p.child, 1000)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.action == "calendar.feed")
            .count();
        assert_eq!(audited, 3);
    }
);
