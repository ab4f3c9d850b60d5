//! Exports read back by an independent reader (calamine for XLSX, the csv text for CSV), their
//! access policy and audit; imports checked row by row with a dry run before anything is
//! written.

use calamine::{Data, Reader, Xlsx};
use kith_store::entities::{audit_log, child, placement_option};
use kith_tests::db_test;
use kith_tests::wheel::place;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The first worksheet of an XLSX file as JSON rows (numbers, text, booleans, null).
fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<Value>> {
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX file");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("a worksheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => Value::Null,
                    Data::String(s) => json!(s),
                    Data::Float(f) => json!(f),
                    Data::Int(i) => json!(i),
                    Data::Bool(b) => json!(b),
                    other => json!(other.to_string()),
                })
                .collect()
        })
        .collect()
}

db_test!(
    goals_and_placements_export_as_xlsx_and_read_back_equal,
    |app| {
        let p = place(&app, "Ida", "2026-11-02").await;
        let adviser = app.client(&app.staff.adviser);
        let goal = adviser
        .post(
            &format!("/api/v1/placements/{}/goals", p.placement),
            &json!({"area": "school_and_education", "text": "Ida går i skole hver dag.", "measure": {"kind": "scale", "baseline": 3, "target": 8}, "parties": ["child", "school"], "due_on": "2027-06-30"}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_i64()
        .unwrap();
        adviser
        .post(
            &format!("/api/v1/goals/{goal}/progress"),
            &json!({"recorded_on": "2026-11-10", "value": 5, "note": "Fire af fem dage.", "child_took_part": true}),
        )
        .await
        .expect(201);

        let file = adviser
            .get("/api/v1/exports/goals.xlsx?codes=true")
            .await
            .expect(200);
        assert_eq!(file.content_type(), XLSX);
        assert!(
            file.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains("kith-goals-2026-11-16.xlsx")
        );
        let rows = xlsx_rows(&file.bytes);
        assert_eq!(
            rows[0],
            [
                "goal_id",
                "placement",
                "area",
                "text",
                "measure",
                "unit",
                "baseline",
                "target",
                "parties",
                "due_on",
                "status",
                "closed_on",
                "revises_id",
                "progress_on",
                "value",
                "note",
                "child_took_part",
                "parents_took_part"
            ]
            .map(|h| json!(h))
        );
        let code = format!("P-{:05}", p.placement);
        assert_eq!(
            rows[1],
            vec![
                json!(goal as f64),
                json!(code),
                json!("school_and_education"),
                json!("Ida går i skole hver dag."),
                json!("scale"),
                Value::Null,
                json!(3.0),
                json!(8.0),
                json!("child; school"),
                json!("2027-06-30"),
                json!("active"),
                Value::Null,
                Value::Null,
                json!("2026-11-10"),
                json!(5.0),
                json!("Fire af fem dage."),
                json!(true),
                json!(false),
            ]
        );
        assert_eq!(rows.len(), 2);

        let placements = xlsx_rows(
            &adviser
                .get("/api/v1/exports/placements.xlsx?codes=true")
                .await
                .expect(200)
                .bytes,
        );
        let col = |name: &str| placements[0].iter().position(|h| h == name).unwrap();
        assert_eq!(placements.len(), 2);
        assert_eq!(placements[1][col("code")], json!(code));
        assert_eq!(placements[1][col("child_name")], json!("Ida"));
        assert_eq!(placements[1][col("start_date")], json!("2026-11-02"));
        assert_eq!(placements[1][col("form")], json!("other_family_based"));
        assert_eq!(placements[1][col("consultant")], json!("Karen Consultant"));

        // The same export as CSV holds the same values as text.
        let csv = adviser
            .get("/api/v1/exports/goals.csv?codes=true")
            .await
            .expect(200);
        assert!(csv.content_type().starts_with("text/csv"));
        let lines: Vec<&str> = csv.text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[1],
            format!(
                "{goal},{code},school_and_education,Ida går i skole hver dag.,scale,,3,8,child; school,2027-06-30,active,,,2026-11-10,5,Fire af fem dage.,yes,no"
            )
        );

        // Every export of a child's data is audited against the child.
        let exports = audit_log::Entity::find()
            .filter(audit_log::Column::ChildId.eq(p.child))
            .filter(audit_log::Column::Action.eq("export"))
            .count(app.app.db().conn())
            .await
            .unwrap();
        assert_eq!(exports, 3);
    }
);

db_test!(exports_obey_the_access_policy, |app| {
    let p = place(&app, "Ida", "2026-11-02").await;
    let children = |rows: Vec<Vec<Value>>| -> Vec<String> {
        rows.iter()
            .skip(1)
            .map(|r| r[1].as_str().unwrap().to_owned())
            .collect()
    };
    let as_user = async |u: &kith_tests::TestUser| {
        xlsx_rows(
            &app.client(u)
                .get("/api/v1/exports/children.xlsx")
                .await
                .expect(200)
                .bytes,
        )
    };
    assert_eq!(children(as_user(&app.staff.adviser).await), ["Ida"]);
    assert_eq!(children(as_user(&app.staff.consultant).await), ["Ida"]);
    // Ida's request was met: the match unit no longer reaches her; nor does another team.
    assert!(children(as_user(&app.staff.matcher).await).is_empty());
    assert!(children(as_user(&app.staff.adviser_b).await).is_empty());
    // The administrator reads no case content at all.
    app.client(&app.staff.admin)
        .get("/api/v1/exports/children.csv")
        .await
        .expect(403);
    // The dashboard export is for leaders and administrators.
    app.client(&app.staff.adviser)
        .get("/api/v1/exports/dashboard.csv")
        .await
        .expect(403);
    let d = app
        .client(&app.staff.leader)
        .get("/api/v1/exports/dashboard.csv?codes=true")
        .await
        .expect(200);
    assert!(
        d.text.contains("\ncurrent_other_family_based,1\n"),
        "{}",
        d.text
    );
    // Unknown kinds and formats name the field.
    assert_eq!(
        app.client(&app.staff.adviser)
            .get("/api/v1/exports/secrets.csv")
            .await
            .expect(422)
            .error_fields(),
        ["kind"]
    );
    assert_eq!(
        app.client(&app.staff.adviser)
            .get("/api/v1/exports/children.pdf")
            .await
            .expect(422)
            .error_fields(),
        ["format"]
    );
    let _ = p;
});

/// A CSV file read as Danish Excel opens one by double-click: the byte-order mark says UTF-8,
/// `;` separates fields (the Danish list separator), a comma is the decimal mark and
/// `dd.mm.åååå` is a date. Returns the rows of cells; panics where Excel would show garbage.
fn read_as_danish_excel(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark, or Excel reads UTF-8 as Windows-1252");
    let text = std::str::from_utf8(text).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let width = rows[0].len();
    assert!(width > 1, "one column: the separator is not Excel's");
    assert!(rows.iter().all(|r| r.len() == width), "ragged rows");
    rows
}

db_test!(
    exports_for_people_open_in_danish_excel_with_words_dates_and_numbers,
    |app| {
        let p = place(&app, "Ida", "2026-11-02").await;
        // Bo waits for a placement, requested on the test clock's day, 16 November 2026.
        kith_tests::wheel::register(&app, "Bo").await;
        let adviser = app.client(&app.staff.adviser);
        let csv = adviser
            .get("/api/v1/exports/children.csv?lang=da")
            .await
            .expect(200);
        // Named in the reader's words.
        assert!(
            csv.headers["content-disposition"]
                .to_str()
                .unwrap()
                .ends_with(
                    "filename=\"kith-boern-2026-11-16.csv\"; \
                     filename*=UTF-8''kith-b%C3%B8rn-2026-11-16.csv"
                ),
            "{:?}",
            csv.headers["content-disposition"]
        );
        let rows = read_as_danish_excel(&csv.bytes);
        assert_eq!(
            rows[0],
            [
                "Id",
                "Navn",
                "Fødselsdato",
                "Målgruppe",
                "Støtteniveau",
                "Rådgiver",
                "Anbringelse anmodet",
                "Har brug for kørestolsadgang"
            ]
        );
        let ida = rows.iter().find(|r| r[1] == "Ida").expect("Ida's row");
        // The fixture's child: born 15 March 2014, general target area, moderate support.
        assert_eq!(
            chrono::NaiveDate::parse_from_str(&ida[2], "%d.%m.%Y").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2014, 3, 15).unwrap()
        );
        assert_eq!(ida[3], "Almenområdet");
        assert_eq!(ida[4], "Moderat");
        assert_eq!(ida[5], "Alma Adviser");
        assert_eq!(ida[6], "", "Ida's request was met");
        assert_eq!(ida[7], "Nej");
        let bo = rows.iter().find(|r| r[1] == "Bo").expect("Bo's row");
        assert_eq!(bo[6], "16.11.2026");

        // The same file for an English reader: English words, `,` and English dates.
        let en = adviser
            .get("/api/v1/exports/children.csv?lang=en")
            .await
            .expect(200);
        assert!(
            en.text
                .trim_start_matches('\u{feff}')
                .starts_with("Id,Name,Date of birth,")
        );
        assert!(
            en.text
                .contains(",Bo,15 Mar 2014,General,Moderate,Alma Adviser,16 Nov 2026,No"),
            "{}",
            en.text
        );

        // XLSX: a Danish worksheet whose dates are dates, and the codes beside it.
        let xlsx = adviser
            .get("/api/v1/exports/children.xlsx?lang=da")
            .await
            .expect(200);
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.bytes.to_vec())).unwrap();
        assert_eq!(book.sheet_names(), ["Børn", "children-codes"]);
        let people = book.worksheet_range("Børn").unwrap();
        let header: Vec<String> = people
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header[2], "Fødselsdato");
        let row = people
            .rows()
            .find(|r| r[1] == Data::String("Ida".into()))
            .unwrap();
        let Data::DateTime(born) = &row[2] else {
            panic!("a date cell, not text: {:?}", row[2]);
        };
        // Excel counts days from 30 December 1899: 15 March 2014 is day 41713.
        assert_eq!(born.as_f64(), 41713.0);
        assert_eq!(row[0], Data::Float(p.child as f64));
        let codes = book.worksheet_range("children-codes").unwrap();
        let row = codes
            .rows()
            .find(|r| r[1] == Data::String("Ida".into()))
            .unwrap();
        assert_eq!(row[3], Data::String("general".into()));
        assert_eq!(row[4], Data::String("moderate".into()));

        // The dashboard's figures are rounded as a person reads them, with a decimal comma.
        let d = app
            .client(&app.staff.leader)
            .get("/api/v1/exports/dashboard.csv?lang=da")
            .await
            .expect(200);
        let rows = read_as_danish_excel(&d.bytes);
        assert_eq!(rows[0], ["Nøgletal", "Værdi"]);
        let now = rows
            .iter()
            .find(|r| r[0] == "Anbringelser nu: Anden familiepleje")
            .expect("placements now per form, in words");
        assert_eq!(now[1], "1");
        for r in &rows[1..] {
            let v = &r[1];
            assert!(
                !v.contains('.') || v.len() == 10,
                "a point in a Danish number: {r:?}"
            );
            if let Some((_, decimals)) = v.split_once(',') {
                assert!(decimals.len() <= 2, "not rounded: {r:?}");
            }
        }
    }
);

const OPTIONS_CSV: &str = "kind,name,address,lat,lon,approval_authority,approval_status,approved_on,valid_until,approved_places,age_min,age_max,target_areas,competences,languages,wheelchair_access
general_foster_family,Familien Holm,Egevej 2 4000 Roskilde,55.64,12.08,social_supervision,active,2025-02-01,2028-02-01,2,0,12,general; social_psychiatric,attachment:moderate; trauma:light,da,nej
general_foster_family,Familien Berg,Bøgevej 9 4000 Roskilde,55.66,12.10,social_supervision,active,2024-06-01,2027-06-01,1,5,17,general,attachment:light,da; en,ja
";

async fn options_count(app: &kith_tests::TestApp) -> u64 {
    placement_option::Entity::find()
        .count(app.app.db().conn())
        .await
        .unwrap()
}

async fn children_count(app: &kith_tests::TestApp) -> u64 {
    child::Entity::find()
        .count(app.app.db().conn())
        .await
        .unwrap()
}

db_test!(a_good_options_file_dry_runs_then_imports, |app| {
    let consultant = app.client(&app.staff.consultant);
    let before = options_count(&app).await;
    let dry = consultant
        .post_raw(
            "/api/v1/imports/options?dry_run=true",
            "text/csv",
            OPTIONS_CSV,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(dry["rows"], 2);
    assert_eq!(dry["problems"], json!([]));
    assert_eq!(dry["created"], json!([]));
    assert_eq!(
        options_count(&app).await,
        before,
        "a dry run writes nothing"
    );
    let done = consultant
        .post_raw("/api/v1/imports/options", "text/csv", OPTIONS_CSV)
        .await
        .expect(200)
        .body;
    let created = done["created"].as_array().unwrap();
    assert_eq!(created.len(), 2);
    let holm = consultant
        .get(&format!("/api/v1/placement-options/{}", created[0]))
        .await
        .expect(200)
        .body;
    assert_eq!(holm["name"], "Familien Holm");
    assert_eq!(holm["approved_places"], 2);
    assert_eq!(holm["age_range"], json!({"min": 0, "max": 12}));
    let mut areas: Vec<String> = holm["target_areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect();
    areas.sort();
    assert_eq!(areas, ["general", "social_psychiatric"]);
    assert_eq!(options_count(&app).await, before + 2);
    // An adviser does not register options.
    app.client(&app.staff.adviser)
        .post_raw(
            "/api/v1/imports/options?dry_run=true",
            "text/csv",
            OPTIONS_CSV,
        )
        .await
        .expect(403);
});

db_test!(a_consultant_imports_options_from_the_page, |app| {
    use kith_tests::web::{csrf_in, danish};
    let http = danish(&app, &app.staff.consultant).await;
    let page = format!("{}/imports", app.base);
    let html = http.get(&page).send().await.unwrap().text().await.unwrap();
    // A consultant registers options, not children.
    assert!(html.contains("id=\"import-options\""), "{html}");
    assert!(!html.contains("id=\"import-children\""));
    let csrf = csrf_in(&html);
    let send = async |csv: &str, check_only: bool, token: &str| {
        let mut form = reqwest::multipart::Form::new().text("csrf", token.to_owned());
        if check_only {
            form = form.text("dry_run", "on");
        }
        let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
            .file_name("steder.csv")
            .mime_str("text/csv")
            .unwrap();
        let r = http
            .post(format!("{}/imports/options", app.base))
            .header(reqwest::header::REFERER, &page)
            .multipart(form.part("file", part))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    };
    let before = options_count(&app).await;
    // Without the session's token: refused, nothing read.
    let (status, _) = send(OPTIONS_CSV, false, "forged-token-000000000000").await;
    assert_eq!(status, 403);
    // Checked: two rows, no problems, nothing saved.
    let (status, html) = send(OPTIONS_CSV, true, &csrf).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("2 rækker læst uden problemer"), "{html}");
    assert_eq!(options_count(&app).await, before);
    // A row with an unknown kind: named by row and column, in Danish; nothing saved.
    let bad = OPTIONS_CSV.replacen(
        "general_foster_family,Familien Berg",
        "rumskib,Familien Berg",
        1,
    );
    let (status, html) = send(&bad, false, &csrf).await;
    assert_eq!(status, 422);
    let table = &html[html
        .find("id=\"problems-by-row\"")
        .expect("a table of problems")..];
    assert!(
        table.contains("<td class=\"num\">3</td><td><code>kind</code></td>"),
        "{table}"
    );
    assert!(html.contains("Intet er gemt"));
    assert_eq!(options_count(&app).await, before);
    // Ages from 12 to 0: refused as the form refuses them, named at the row.
    let upside_down = OPTIONS_CSV.replacen(",2,0,12,", ",2,12,0,", 1);
    let (status, html) = send(&upside_down, true, &csrf).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("<td class=\"num\">2</td><td><code>age_min</code></td><td>Aldersintervallet er ikke gyldigt"), "{html}");
    // The page says what each coded column may hold, in the reader's words.
    assert!(
        html.contains("general_foster_family (Almen plejefamilie)"),
        "{html}"
    );
    // Imported: two created, and a way to see them.
    let (status, html) = send(OPTIONS_CSV, false, &csrf).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("2 oprettet."), "{html}");
    assert!(html.contains("href=\"/options\""));
    assert_eq!(options_count(&app).await, before + 2);
    // The empty file with the columns.
    let columns = http
        .get(format!("{}/imports/options/columns.csv", app.base))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    // As Danish Excel opens it in columns: a byte-order mark (EF BB BF) and semicolons.
    assert!(
        columns.starts_with(b"\xef\xbb\xbfkind;name;address;approval_authority;"),
        "{columns:?}"
    );
    // A matcher imports nothing.
    let matcher = danish(&app, &app.staff.matcher).await;
    let r = matcher.get(&page).send().await.unwrap();
    assert_eq!(r.status(), 403);
});

db_test!(
    a_bad_children_file_lists_every_problem_and_writes_nothing,
    |app| {
        let adviser = app.client(&app.staff.adviser);
        let before = children_count(&app).await;
        // A wrong column name: the header is refused before any row is read.
        let wrong = "name,fodselsdato,target_area,support_level\nIda,2014-03-15,general,moderate\n";
        let r = adviser
            .post_raw("/api/v1/imports/children?dry_run=true", "text/csv", wrong)
            .await
            .expect(200)
            .body;
        assert_eq!(
            r["problems"],
            json!([
                {"row": 1, "column": "fodselsdato", "code": "problem.unknown_column",
                 "message": "Unknown column; remove it or correct the header."},
                {"row": 1, "column": "birth_date", "code": "problem.missing_column",
                 "message": "The column is missing; add it with this header."},
            ])
        );
        // Row 2 has an impossible date, row 3 an unknown need code, row 4 a need level that does
        // not exist and a requested date in the future, row 5 is fine.
        let bad = "name,birth_date,target_area,support_level,needs,placement_requested_on
Ida,2014-13-45,general,moderate,attachment:moderate,
Bo,2012-05-01,general,moderate,flying:light,
Ali,2013-01-20,general,light,attachment:huge,2026-12-01
Eva,2015-08-09,general,light,school_learning_support:light,2026-11-01
";
        let r = adviser
            .post_raw("/api/v1/imports/children?dry_run=true", "text/csv", bad)
            .await
            .expect(200)
            .body;
        let found: Vec<(u64, String)> = r["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["row"].as_u64().unwrap(),
                    p["column"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (2, "birth_date".to_owned()),
                (3, "needs".to_owned()),
                (4, "needs".to_owned()),
                (4, "placement_requested_on".to_owned()),
            ]
        );
        assert_eq!(r["rows"], 4);
        // The real run refuses the same file, naming each row and column; nothing is written.
        let refused = adviser
            .post_raw("/api/v1/imports/children", "text/csv", bad)
            .await
            .expect(422);
        assert_eq!(
            refused.error_fields(),
            [
                "rows[2].birth_date",
                "rows[3].needs",
                "rows[4].needs",
                "rows[4].placement_requested_on"
            ]
        );
        assert_eq!(children_count(&app).await, before);
        // Not a spreadsheet at all.
        assert_eq!(
            adviser
                .post_bytes(
                    "/api/v1/imports/children",
                    XLSX,
                    b"PK\x03\x04broken".to_vec()
                )
                .await
                .expect(422)
                .error_fields(),
            ["file"]
        );
    }
);

db_test!(a_children_workbook_imports, |app| {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let rows = [
        [
            "name",
            "birth_date",
            "target_area",
            "support_level",
            "needs",
            "languages",
            "needs_wheelchair_access",
        ],
        [
            "Maja",
            "2016-04-02",
            "general",
            "moderate",
            "attachment:moderate",
            "da",
            "nej",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let adviser = app.client(&app.staff.adviser);
    let done = adviser
        .post_bytes("/api/v1/imports/children", XLSX, bytes)
        .await
        .expect(200)
        .body;
    let id = done["created"][0].as_i64().unwrap();
    let c = adviser
        .get(&format!("/api/v1/children/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(c["name"], "Maja");
    assert_eq!(c["birth_date"], "2016-04-02");
    assert_eq!(c["case_adviser"]["id"], app.staff.adviser.id);
    // The import is audited like any registration.
    let created = audit_log::Entity::find()
        .filter(audit_log::Column::ChildId.eq(id))
        .filter(audit_log::Column::Action.eq("child.create"))
        .count(app.app.db().conn())
        .await
        .unwrap();
    assert_eq!(created, 1);
});

db_test!(
    the_options_list_exports_as_the_list_shows_it_and_is_audited,
    |app| {
        // A family approved for three, one of them taken by Ida: two free.
        let p = kith_tests::wheel::place(&app, "Ida", "2026-11-02").await;
        let family = kith_tests::fixtures::foster_family("Familien Berg", 3);
        let other = kith_tests::wheel::new_option(&app, family).await;
        let matcher = app.client(&app.staff.matcher);
        let csv = matcher
            .get("/api/v1/exports/options.csv?lang=da")
            .await
            .expect(200);
        assert!(
            csv.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains("filename=\"kith-anbringelsessteder-2026-11-16.csv\"")
        );
        let rows = read_as_danish_excel(&csv.bytes);
        assert_eq!(
            rows[0],
            [
                "Id",
                "Navn",
                "Type",
                "Adresse",
                "Godkendte pladser",
                "Ledige pladser",
                "Alder fra",
                "Alder til",
                "Målgrupper",
                "Godkendelse",
                "Godkendt til",
                "Konsulent"
            ]
        );
        let row_of = |id: i64| {
            rows.iter()
                .find(|r| r[0] == id.to_string())
                .unwrap_or_else(|| panic!("option {id} in {rows:?}"))
                .clone()
        };
        let placed_in = row_of(p.option);
        assert_eq!(placed_in[1], "Familien Ida");
        assert_eq!(placed_in[5], "0", "its one place is Ida's");
        let berg = row_of(other);
        assert_eq!(berg[2], "Almen plejefamilie");
        assert_eq!((berg[4].as_str(), berg[5].as_str()), ("3", "3"));
        assert_eq!((berg[6].as_str(), berg[7].as_str()), ("2", "15"));
        assert_eq!(berg[9], "Aktiv");
        assert_eq!(berg[10], "10.01.2028");
        // The carers' names and addresses are personal data: the export is in the trail.
        let trail = app.audit_rows("export").await;
        assert!(
            trail
                .iter()
                .any(|r| r.entity == "placement_option" && r.actor_id == Some(app.staff.matcher.id)),
            "{trail:?}"
        );
        // Whoever sees no options exports none.
        app.client(&app.staff.admin)
            .get("/api/v1/exports/options.csv")
            .await
            .expect(403);
    }
);

db_test!(
    the_proposals_list_exports_as_the_list_shows_it_audited_per_child,
    |app| {
        // Ida's proposal, made and approved: one row, and one audit row for Ida.
        let p = kith_tests::wheel::place(&app, "Ida", "2026-11-02").await;
        let csv = app
            .client(&app.staff.matcher)
            .get("/api/v1/exports/proposals.csv?lang=da")
            .await
            .expect(200);
        let rows = read_as_danish_excel(&csv.bytes);
        assert_eq!(
            rows[0],
            [
                "Id",
                "Status",
                "Børn",
                "Anbringelsessted",
                "Startdato",
                "Point",
                "Indstillet af",
                "Sendt"
            ]
        );
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(
            (
                rows[1][1].as_str(),
                rows[1][2].as_str(),
                rows[1][3].as_str()
            ),
            ("Godkendt", "Ida", "Familien Ida")
        );
        assert_eq!(rows[1][4], "02.11.2026");
        let trail = app.audit_rows("export").await;
        assert!(
            trail.iter().any(|r| r.child_id == Some(p.child)),
            "{trail:?}"
        );
        // Team B's adviser reads none of Team A's proposals: a file with the heading alone.
        let none = app
            .client(&app.staff.adviser_b)
            .get("/api/v1/exports/proposals.csv?lang=da")
            .await
            .expect(200);
        assert_eq!(read_as_danish_excel(&none.bytes).len(), 1);
    }
);
