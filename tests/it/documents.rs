//! Documents the family can read, as PDF through the API and as a print-ready page: the
//! child's plan, the note of a plan review, a visit summary for the foster family, the decision
//! on a proposal. Each PDF's text is read back with `pdftotext` (poppler-utils, not the library
//! that wrote it); each making is audited; none carries a CPR number, not even one typed into a
//! note. Today is Monday 16 November 2026.

use kith_tests::fixtures::foster_family;
use kith_tests::fixtures::full_cpr_in;
use kith_tests::wheel::{
    approve, items, new_option, place, propose, register, without_first_weeks,
};
use kith_tests::{Api, TestApp, db_test, pdf};
use serde_json::json;

/// A CPR number someone typed into a goal (born 7 May 2012): it must not reach a document.
const TYPED_CPR: &str = "070512-3456";

/// The PDF at `path` in `lang`, as text.
async fn pdf_text(api: &Api, path: &str, lang: &str) -> String {
    let r = api.get(&format!("{path}?lang={lang}")).await.expect(200);
    assert_eq!(r.headers["content-type"], "application/pdf");
    assert!(
        r.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".pdf"),
        "saved as a .pdf"
    );
    pdf::text(&r.bytes)
}

/// Neither the child's CPR number (any fixture's, in any written form, or masked) nor the one
/// typed into a note.
fn no_cpr(text: &str) {
    assert_eq!(full_cpr_in(text), None, "a child's CPR number in {text}");
    assert!(
        !text.contains("150314"),
        "a CPR number's date part in {text}"
    );
    assert!(
        !text.contains(TYPED_CPR) && !text.contains("0705123456"),
        "{text}"
    );
}

async fn goal(app: &TestApp, placement: i64) -> i64 {
    let adviser = app.client(&app.staff.adviser);
    let id = adviser
        .post(
            &format!("/api/v1/placements/{placement}/goals"),
            &json!({
                "area": "school_and_education",
                "text": format!("Ida ({TYPED_CPR}) går i skole hver dag."),
                "measure": {"kind": "scale", "baseline": 3, "target": 8},
                "parties": ["child", "foster_family", "school"],
                "due_on": "2027-06-30"
            }),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
    adviser
        .post(
            &format!("/api/v1/goals/{id}/progress"),
            &json!({"recorded_on": "2026-11-10", "value": 5}),
        )
        .await
        .expect(201);
    id
}

fn danish_date(iso: &str) -> String {
    let (y, rest) = iso.split_once('-').unwrap();
    let (m, d) = rest.split_once('-').unwrap();
    format!("{d}.{m}.{y}")
}

db_test!(the_childs_plan_is_a_pdf_the_family_can_read, |app| {
    // Placed Monday 2 November 2026 with the test consultant; a goal on a 3 → 8 scale, 5 on
    // 10 November.
    let p = place(&app, "Ida Dokument", "2026-11-02").await;
    goal(&app, p.placement).await;
    let adviser = app.client(&app.staff.adviser);
    let path = format!("/api/v1/placements/{}/documents/plan", p.placement);
    let review = items(&app, &app.staff.adviser, p.placement, "plan_review").await[0]["planned_on"]
        .as_str()
        .unwrap()
        .to_owned();

    let text = pdf_text(&adviser, &path, "da").await;
    for expected in [
        "Barnets plan",
        "Barn Ida Dokument",
        "Født 15.03.2014",
        "Anbragt hos Familien Ida Dokument",
        "Anbragt siden 02.11.2026",
        "Rådgiver Alma Adviser",
        "Familieplejekonsulent Karen Consultant",
        // The goal as typed, its CPR number hidden.
        "Ida (······-····) går i skole hver dag.",
        "Sådan måler vi fra 3 til 8 på en skala fra 0 til 10",
        "Hvem arbejder med det Barnet, plejefamilien og skolen",
        "Frist 30.06.2027",
        "Sidst målt 5 (10.11.2026)",
        "Der er ingen åbne aftaler.",
        "Lavet i Kith den 16.11.2026 af Alma Adviser",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    // The next plan review is the one the wheel plans.
    assert!(
        text.contains(&format!("Næste planopfølgning {}", danish_date(&review))),
        "{text}"
    );
    no_cpr(&text);
    // Saved under a Danish name with the day it was made.
    let saved = adviser.get(&format!("{path}?lang=da")).await.expect(200);
    assert_eq!(
        saved.headers["content-disposition"],
        "attachment; filename=\"barnets-plan-2026-11-16.pdf\""
    );

    // In English, the same facts in English words and dates.
    let text = pdf_text(&adviser, &path, "en").await;
    for expected in [
        "The child's plan",
        "Born 15 Mar 2014",
        "How we measure it from 3 to 8 on a scale from 0 to 10",
        "Last measured 5 (10 Nov 2026)",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    no_cpr(&text);

    // The consultant who holds the placement may make it; an adviser of another team does
    // not learn it exists, the match unit has no placements.
    pdf_text(&app.client(&app.staff.consultant), &path, "da").await;
    app.client(&app.staff.adviser_b)
        .get(&path)
        .await
        .expect(404);
    app.client(&app.staff.matcher).get(&path).await.expect(403);
    // Four made (two in Danish, one in English, the consultant's), four audited, each naming
    // the child; the refused ones made nothing.
    let rows = app.audit_rows("document.child_plan").await;
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r.child_id == Some(p.child)), "{rows:?}");
});

db_test!(a_visit_summary_keeps_the_childs_words_out, |app| {
    without_first_weeks(&app).await;
    let p = place(&app, "Ida Besøg", "2026-11-02").await;
    let consultant = app.client(&app.staff.consultant);
    let first = &items(&app, &app.staff.consultant, p.placement, "supervision").await[0];
    let (id, day) = (
        first["id"].as_i64().unwrap(),
        first["planned_on"].as_str().unwrap().to_owned(),
    );
    let path = format!("/api/v1/visits/{id}/document");
    // Not held yet: nothing to sum up, and it says so.
    let r = consultant.get(&path).await.expect(409);
    assert_eq!(r.body["errors"][0]["code"], "problem.document_not_held");

    app.set_now(&format!("{day}T15:00:00Z"));
    let due = (chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap()
        + chrono::Days::new(30))
    .to_string();
    consultant
        .post(
            &format!("/api/v1/visits/{id}/record"),
            &json!({
                "held_on": day,
                "child_seen_alone": true,
                "child_view": "Jeg savner min hund.",
                "observations": "Plejemor virker træt.",
                "follow_ups": [{"what": "Plejefamilien kontakter skolen om lektiehjælp",
                                "owner": "foster_family", "due_on": due}]
            }),
        )
        .await
        .expect(200);
    // The next visit to the family: the earliest planned supervision or support visit from
    // the day it was held, as the wheel plans them (first-weeks contacts are switched off).
    let mut planned = Vec::new();
    for kind in ["supervision", "support"] {
        for i in items(&app, &app.staff.consultant, p.placement, kind).await {
            if i["status"] == "planned" && i["planned_on"].as_str().unwrap() >= day.as_str() {
                planned.push(i["planned_on"].as_str().unwrap().to_owned());
            }
        }
    }
    let next = planned.into_iter().min().expect("a next visit");

    let text = pdf_text(&consultant, &path, "da").await;
    for expected in [
        "Opsummering af besøg",
        "Barn Ida Besøg",
        "Slags besøg Tilsynsbesøg",
        &format!("Afholdt den {}", danish_date(&day)),
        "Afholdt af Karen Consultant",
        "Det aftalte vi",
        &format!(
            "Plejefamilien kontakter skolen om lektiehjælp Plejefamilien {}",
            danish_date(&due)
        ),
        "Det, barnet fortalte, og konsulentens egne notater står i sagen",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    assert!(
        text.contains(&format!("Næste besøg {}", danish_date(&next))),
        "{text}"
    );
    // The child's conversation (whether alone, what was said) and the consultant's notes stay
    // in the case.
    assert!(
        !text.contains("savner") && !text.contains("træt") && !text.contains("alene"),
        "{text}"
    );
    no_cpr(&text);
    assert_eq!(app.audit_rows("document.visit_summary").await.len(), 1);
    // Another consultant of the unit does not hold it and does not see it.
    app.client(&app.staff.consultant2)
        .get(&path)
        .await
        .expect(404);
});

db_test!(the_note_of_a_plan_review_says_what_was_decided, |app| {
    let p = place(&app, "Ida Møde", "2026-11-02").await;
    let goal = goal(&app, p.placement).await;
    let adviser = app.client(&app.staff.adviser);
    let review = &items(&app, &app.staff.adviser, p.placement, "plan_review").await[0];
    let id = review["id"].as_i64().unwrap();
    app.set_now("2026-12-01T12:00:00Z");
    adviser
        .post(
            &format!("/api/v1/placements/{}/reviews", p.placement),
            &json!({"held_on": "2026-12-01", "goals": [{"goal_id": goal, "outcome": "keep"}],
                    "decision": "continue", "rhythm_months": 4,
                    "child_view": "Jeg vil gerne gå til fodbold."}),
        )
        .await
        .expect(201);
    let text = pdf_text(&adviser, &format!("/api/v1/visits/{id}/document"), "da").await;
    for expected in [
        "Referat af planopfølgning (§ 95)",
        "Barn Ida Møde",
        "Afholdt den 01.12.2026",
        "Afholdt af Alma Adviser",
        "Det blev besluttet Planen fortsætter",
        "Næste opfølgning om 4 måneder",
        "Ida (······-····) går i skole hver dag. Fortsætter",
        "Barnets syn på planen Jeg vil gerne gå til fodbold.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    no_cpr(&text);
    assert_eq!(app.audit_rows("document.plan_review").await.len(), 1);
});

db_test!(
    the_decision_on_a_proposal_is_a_document_once_decided,
    |app| {
        let child = register(&app, "Ida Afgørelse").await;
        let option = new_option(&app, foster_family("Familien Lind", 1)).await;
        let proposal = propose(&app, child, option, "2026-12-01", None).await;
        let path = format!("/api/v1/proposals/{proposal}/document");
        let leader = app.client(&app.staff.match_leader);
        let r = leader.get(&path).await.expect(409);
        assert_eq!(r.body["errors"][0]["code"], "problem.document_not_decided");
        approve(
            &app,
            proposal,
            json!({"approval_reason": "Mormor kan ikke tage Ida nu."}),
        )
        .await;

        let text = pdf_text(&leader, &path, "da").await;
        for expected in [
            "Afgørelse om anbringelsessted",
            "Barn Ida Afgørelse",
            "Anbringelsessted Familien Lind",
            "Startdato 01.12.2026",
            "Ida Afgørelse skal bo hos Familien Lind fra den 01.12.2026.",
            "Afgjort af Lars Leader",
            "Afgjort den 16.11.2026",
            "Begrundelse for afgørelsen Mormor kan ikke tage Ida nu.",
            "Hvorfor dette sted Tæt på skolen.",
            // How to complain, as every decision must say.
            "Hvis du er uenig Du kan klage over afgørelsen. Send klagen til kommunen senest 4 uger",
        ] {
            assert!(text.contains(expected), "{expected:?} not in {text}");
        }
        // The scores and the other places weighed stay in the case.
        assert!(
            !text.contains("point") && !text.contains("Alternativ"),
            "{text}"
        );
        no_cpr(&text);
        let text = pdf_text(&leader, &path, "en").await;
        assert!(
            text.contains("Decision on where the child will live"),
            "{text}"
        );
        assert!(
            text.contains("Ida Afgørelse will live with Familien Lind from 1 Dec 2026."),
            "{text}"
        );
        assert_eq!(app.audit_rows("document.proposal_decision").await.len(), 2);
    }
);

db_test!(the_print_ready_page_is_the_same_document, |app| {
    let p = place(&app, "Ida Side", "2026-11-02").await;
    goal(&app, p.placement).await;
    let http = kith_tests::web::signed_in(&app, &app.staff.adviser).await;
    let page = kith_tests::web::page_text(
        &http,
        &format!(
            "{}/placements/{}/documents/plan?lang=da",
            app.base, p.placement
        ),
    )
    .await;
    for expected in [
        "<h1>Barnets plan</h1>",
        "Ida (······-····) går i skole hver dag.",
        "fra 3 til 8 på en skala fra 0 til 10",
        "data-print",
        &format!(
            "href=\"/api/v1/placements/{}/documents/plan?lang=da\"",
            p.placement
        ),
        &format!(
            "href=\"/placements/{}/documents/plan?lang=en\"",
            p.placement
        ),
    ] {
        assert!(page.contains(expected), "{expected:?} not in the page");
    }
    assert!(!page.contains(TYPED_CPR));
    // The placement page links to it.
    let placement =
        kith_tests::web::page_text(&http, &format!("{}/placements/{}", app.base, p.placement))
            .await;
    assert!(placement.contains(&format!(
        "href=\"/placements/{}/documents/plan\"",
        p.placement
    )));
    assert_eq!(app.audit_rows("document.child_plan").await.len(), 1);
});
