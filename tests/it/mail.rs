//! E-mail: the morning run and the outbox sender against a real SMTP server on loopback. An
//! outage loses nothing and sends nothing twice; the digest goes out at 07:00 Copenhagen time
//! in summer and in winter; three instances ticking against one database send each e-mail
//! once; what a digest says (snapshots).

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use kith_app::mail::{SendError, StubTransport, send_due};
use kith_app::{App, FixedClock};
use kith_domain::Lang;
use kith_server::mailer::SmtpTransport;
use kith_store::entities::{job_run, outbox_email};
use kith_tests::smtp::SmtpPeer;
use kith_tests::wheel::place;
use kith_tests::{TestApp, db_test, test_vault};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn smtp(peer: &SmtpPeer) -> SmtpTransport {
    SmtpTransport::new(&peer.url(), "Kith <kith@kith.test>").expect("transport")
}

async fn outbox(app: &App) -> Vec<outbox_email::Model> {
    kith_store::outbox::all(app.db().conn()).await.unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

db_test!(
    an_smtp_outage_loses_nothing_and_sends_nothing_twice,
    |app| {
        // Approved 16 November: two leaders were told of the proposal, the matcher of the decision.
        let ida = place(&app, "Ida", "2026-12-01").await;
        // Monday 7 December, 07:00 in Copenhagen (06:00 UTC, winter time): the morning run. The
        // consultant's first visit, the first week's contact, is due Tuesday 8 December: a
        // digest and a first-visit reminder.
        app.set_now("2026-12-07T06:00:00Z");
        let report = kith_app::jobs::tick(&app.app, "test").await.unwrap();
        assert!(report.replanned.is_some());
        assert_eq!(report.digests, 1);
        assert_eq!(report.first_visit_reminders, 1);
        assert_eq!(outbox(&app.app).await.len(), 5);

        // The SMTP server is down: nothing is sent, nothing is lost.
        let peer = SmtpPeer::reserve();
        let transport = smtp(&peer);
        let first = send_due(&app.app, &transport, "test").await.unwrap();
        assert_eq!((first.sent, first.retrying, first.failed), (0, 5, 0));
        let rows = outbox(&app.app).await;
        assert!(
            rows.iter()
                .all(|r| r.status == "pending" && r.attempts == 1)
        );
        assert!(rows.iter().all(|r| r.last_error.is_some()));
        // It comes back. The retry waits 30 seconds: nothing goes before that.
        peer.start();
        let early = send_due(&app.app, &transport, "test").await.unwrap();
        assert_eq!(early.sent, 0);
        app.clock.advance(Duration::seconds(31));
        let later = send_due(&app.app, &transport, "test").await.unwrap();
        assert_eq!((later.sent, later.retrying, later.failed), (5, 0, 0));
        assert_eq!(
            send_due(&app.app, &transport, "test").await.unwrap().sent,
            0
        );

        // Every e-mail arrived exactly once.
        let received = peer.received();
        assert_eq!(received.len(), 5);
        let ids: HashSet<String> = received
            .iter()
            .map(|m| m.header("Message-ID").expect("message id"))
            .collect();
        assert_eq!(ids.len(), 5);
        let mut to: Vec<String> = received.iter().flat_map(|m| m.to.clone()).collect();
        to.sort();
        assert_eq!(
            to,
            [
                "consultant@kith.test",
                "consultant@kith.test",
                "leader@kith.test",
                "match_leader@kith.test",
                "matcher@kith.test"
            ]
        );
        let rows = outbox(&app.app).await;
        assert!(rows.iter().all(|r| r.status == "sent" && r.attempts == 2));
        // No names, no CPR numbers, no case text: kinds of work, counts, links.
        for m in &received {
            assert!(!m.data.contains("Ida"), "{}", m.data);
            assert!(!m.data.contains("150314"), "{}", m.data);
            assert!(
                m.header("Content-Type")
                    .unwrap()
                    .starts_with("multipart/alternative")
            );
        }
        let reminder = received
            .iter()
            .find(|m| {
                m.header("Subject")
                    .is_some_and(|s| s.contains("first visit"))
            })
            .expect("first-visit reminder");
        assert!(reminder.data.contains(&format!("P-{:05}", ida.placement)));
        // The test staff read English: the date as an English reader writes it.
        assert!(reminder.data.contains("8 Dec 2026"), "{}", reminder.data);
    }
);

db_test!(a_refused_email_is_given_up_with_the_reason, |app| {
    place(&app, "Ida", "2026-12-01").await;
    let stub = StubTransport::default();
    stub.fail_with(Some(SendError {
        permanent: true,
        message: "550 mailbox unavailable".into(),
    }));
    let r = send_due(&app.app, &stub, "test").await.unwrap();
    assert_eq!((r.sent, r.failed), (0, 3));
    for row in outbox(&app.app).await {
        assert_eq!(row.status, "failed");
        assert_eq!(row.last_error.as_deref(), Some("550 mailbox unavailable"));
    }
    // Nothing is tried again.
    stub.fail_with(None);
    app.clock.advance(Duration::days(2));
    assert_eq!(send_due(&app.app, &stub, "test").await.unwrap().sent, 0);
    assert!(stub.sent().is_empty());
});

/// Whether the morning run of `day` has happened, and when.
async fn morning_run(app: &App, day: &str) -> Option<DateTime<Utc>> {
    job_run::Entity::find()
        .filter(job_run::Column::Job.eq("morning"))
        .filter(job_run::Column::RunKey.eq(day))
        .one(app.db().conn())
        .await
        .unwrap()
        .map(|r| r.claimed_at)
}

db_test!(
    the_digest_goes_out_at_seven_in_copenhagen_in_summer_and_in_winter,
    |app| {
        // A placement from 1 October 2026: its first support visit is due 29 October, its
        // first supervision visit 31 December (a closing day: planned 30 December).
        app.set_now("2026-10-01T08:00:00Z");
        place(&app, "Ida", "2026-10-01").await;
        let consultant = app.staff.consultant.id;
        // (day, a minute before 07:00 local, 07:00 local): summer time is UTC+2 until
        // 25 October 2026 and from 28 March 2027; winter time UTC+1 in between.
        // In March the adviser gets one too: the first review (1 January) is overdue.
        for (day, before, seven, digests) in [
            (
                "2026-10-23",
                "2026-10-23T04:59:00Z",
                "2026-10-23T05:00:00Z",
                1,
            ),
            (
                "2026-10-26",
                "2026-10-26T05:59:00Z",
                "2026-10-26T06:00:00Z",
                1,
            ),
            (
                "2027-03-24",
                "2027-03-24T05:59:00Z",
                "2027-03-24T06:00:00Z",
                2,
            ),
            (
                "2027-03-30",
                "2027-03-30T04:59:00Z",
                "2027-03-30T05:00:00Z",
                2,
            ),
        ] {
            app.set_now(before);
            kith_app::jobs::tick(&app.app, "test").await.unwrap();
            assert_eq!(morning_run(&app.app, day).await, None, "{day} before seven");
            app.set_now(seven);
            let report = kith_app::jobs::tick(&app.app, "test").await.unwrap();
            assert_eq!(morning_run(&app.app, day).await, Some(at(seven)), "{day}");
            assert_eq!(report.digests, digests, "{day}: {report:?}");
            let digest = outbox(&app.app)
                .await
                .into_iter()
                .find(|r| r.dedupe_key == format!("digest:{consultant}:{day}"))
                .expect("digest queued");
            assert_eq!(digest.created_at, at(seven));
            // A later tick the same morning does nothing more.
            app.clock.advance(Duration::minutes(30));
            let again = kith_app::jobs::tick(&app.app, "test").await.unwrap();
            assert_eq!(again.digests, 0);
        }
        // No digest on a Saturday (24 October 2026), nor on Good Friday (26 March 2027).
        for (day, seven) in [
            ("2026-10-24", "2026-10-24T05:00:00Z"),
            ("2027-03-26", "2027-03-26T06:00:00Z"),
        ] {
            app.set_now(seven);
            kith_app::jobs::tick(&app.app, "test").await.unwrap();
            assert_eq!(morning_run(&app.app, day).await, None, "{day}");
        }
    }
);

db_test!(
    a_first_visit_whose_deadline_has_passed_is_not_reminded,
    |app| {
        // Approved on Monday 16 November 2026 for a placement that began on Monday 19 October
        // (a start may lie up to 30 days back): its first support visit was due within 28
        // days, by Monday 16 November, and is overdue the day after. The morning run on Tuesday 17 November (07:00 in Copenhagen, 06:00 UTC) sends no first-visit
        // reminder for it; the consultant's digest lists it as overdue instead.
        place(&app, "Ida", "2026-10-19").await;
        app.set_now("2026-11-17T06:00:00Z");
        let report = kith_app::jobs::tick(&app.app, "test").await.unwrap();
        assert_eq!(report.first_visit_reminders, 0, "{report:?}");
        let consultant = app.staff.consultant.id;
        assert!(
            outbox(&app.app)
                .await
                .iter()
                .any(|r| r.dedupe_key == format!("digest:{consultant}:2026-11-17")),
            "the overdue first visit is in the digest"
        );
    }
);

db_test!(an_escalation_links_to_exactly_the_items_it_counts, |app| {
    // A foster family from 1 December 2026. On Monday 22 March 2027 (07:00 in Copenhagen,
    // 06:00 UTC) the first § 95 review (due 1 March) is 21 days overdue: more than the 7 days
    // after which it is escalated. The overdue support visits are not statutory and are not
    // escalated. The leader's e-mail links to the list of that morning's escalations, which
    // holds the review and nothing else.
    place(&app, "Ida", "2026-12-01").await;
    app.set_now("2027-03-22T06:00:00Z");
    let report = kith_app::jobs::tick(&app.app, "test").await.unwrap();
    assert_eq!(report.escalations, 1, "{report:?}");
    let leader = app.staff.leader.id;
    let row = outbox(&app.app)
        .await
        .into_iter()
        .find(|r| r.dedupe_key == format!("escalation:{leader}:2027-03-22"))
        .expect("escalation queued");
    let mail =
        kith_app::mail::render(&row.kind, &row.payload, Lang::Da, "https://kith.example").unwrap();
    let link = "https://kith.example/team/escalated?on=2027-03-22";
    assert!(mail.text.contains(link), "{}", mail.text);
    assert!(mail.html.contains(link));

    let page = app
        .client(&app.staff.leader)
        .get("/team/escalated?on=2027-03-22")
        .await;
    assert_eq!(page.status, 200);
    let html = page.text;
    assert_eq!(html.matches("data-visit=").count(), 1, "{html}");
    assert!(html.contains("visit-plan_review"));
    // The week after, nothing was escalated on that day; a consultant may not open the list.
    let later = app
        .client(&app.staff.leader)
        .get("/team/escalated?on=2027-03-29")
        .await;
    assert_eq!(later.text.matches("data-visit=").count(), 0);
    let refused = app
        .client(&app.staff.consultant)
        .get("/team/escalated?on=2027-03-22")
        .await;
    assert_eq!(refused.status, 403);
});

/// Another instance of Kith on the same database, with its own pool and clock.
async fn instance(app: &TestApp) -> (App, Arc<FixedClock>) {
    let db = kith_app::Db::connect(&app.db.url).await.expect("connect");
    let clock = Arc::new(FixedClock::new(app.app.now()));
    (App::new(db, clock.clone(), test_vault()), clock)
}

db_test!(
    three_instances_ticking_for_a_week_send_each_email_once,
    |app| {
        // Approved 16 November 2026, from 1 December: three proposal e-mails wait in the outbox.
        place(&app, "Ida", "2026-12-01").await;
        let peer = SmtpPeer::running();
        let mut instances = Vec::new();
        for _ in 0..3 {
            instances.push(instance(&app).await);
        }
        let transports: Vec<SmtpTransport> = (0..3).map(|_| smtp(&peer)).collect();
        // The week of Monday 22 March 2027, every half hour, all three instances at once.
        let start = at("2027-03-21T23:00:00Z");
        for step in 0..(7 * 48) {
            let now = start + Duration::minutes(30 * step);
            for (_, clock) in &instances {
                clock.set(now);
            }
            let (a, b, c) = tokio::join!(
                kith_app::jobs::tick(&instances[0].0, "a"),
                kith_app::jobs::tick(&instances[1].0, "b"),
                kith_app::jobs::tick(&instances[2].0, "c"),
            );
            for r in [a, b, c] {
                r.expect("tick");
            }
            let (a, b, c) = tokio::join!(
                send_due(&instances[0].0, &transports[0], "a"),
                send_due(&instances[1].0, &transports[1], "b"),
                send_due(&instances[2].0, &transports[2], "c"),
            );
            for r in [a, b, c] {
                r.expect("send");
            }
        }
        // Worked out by hand: mornings on Monday 22, Tuesday 23 and Wednesday 24 March (25 and
        // 26 are Maundy Thursday and Good Friday, then a weekend). Each morning a digest to the
        // consultant (overdue support and supervision visits, a support visit due 30 March) and
        // to the adviser (the review of 1 March is overdue). The team leader is told once about
        // the review (overdue since 1 March: more than 7 days on the 22nd) and once about the
        // supervision visit (window closed 16 March: more than 7 days on the 24th). Plus the
        // three proposal e-mails: 11.
        let received = peer.received();
        let ids: HashSet<String> = received
            .iter()
            .map(|m| m.header("Message-ID").unwrap())
            .collect();
        assert_eq!(ids.len(), received.len(), "no e-mail arrived twice");
        let mut per: BTreeMap<(String, String), usize> = BTreeMap::new();
        for m in &received {
            let subject = m.header("Subject").unwrap();
            let what = if subject.contains("follow-up work") {
                "digest"
            } else if subject.contains("statutory") {
                "escalation"
            } else {
                "proposal"
            };
            *per.entry((m.to[0].clone(), what.to_owned())).or_default() += 1;
        }
        let expected: BTreeMap<(String, String), usize> = [
            (("adviser@kith.test", "digest"), 3),
            (("consultant@kith.test", "digest"), 3),
            (("leader@kith.test", "escalation"), 2),
            (("leader@kith.test", "proposal"), 1),
            (("match_leader@kith.test", "proposal"), 1),
            (("matcher@kith.test", "proposal"), 1),
        ]
        .into_iter()
        .map(|((a, b), n)| ((a.to_owned(), b.to_owned()), n))
        .collect();
        assert_eq!(per, expected);
        assert_eq!(received.len(), 11);
        assert!(outbox(&app.app).await.iter().all(|r| r.status == "sent"));
        // Each night was planned once, each morning run claimed once.
        let runs = kith_store::jobs::runs(app.app.db().conn(), "replan")
            .await
            .unwrap();
        assert_eq!(runs.len(), 7);
        let mornings = kith_store::jobs::runs(app.app.db().conn(), "morning")
            .await
            .unwrap();
        assert_eq!(mornings.len(), 3);
    }
);

#[test]
fn a_digest_says_what_is_due_and_how_many_without_names() {
    use kith_app::mail::render::{DigestPayload, KindCount, kinds};
    use kith_domain::wheel::VisitKind;
    let payload = serde_json::to_string(&DigestPayload {
        date: "2026-11-23".parse().unwrap(),
        days_ahead: 14,
        overdue: vec![KindCount {
            kind: VisitKind::Supervision,
            n: 1,
        }],
        due: vec![
            KindCount {
                kind: VisitKind::Supervision,
                n: 2,
            },
            KindCount {
                kind: VisitKind::Support,
                n: 3,
            },
        ],
        agreements_overdue: 0,
        agreements_due: 1,
        network_steps_overdue: 1,
        network_steps_due: 0,
        covering_overdue: 0,
        covering_due: 2,
    })
    .unwrap();
    for lang in [Lang::En, Lang::Da] {
        let r =
            kith_app::mail::render(kinds::DIGEST, &payload, lang, "https://kith.example").unwrap();
        insta::assert_snapshot!(format!("digest_{lang}_subject"), r.subject);
        insta::assert_snapshot!(format!("digest_{lang}_text"), r.text);
        insta::assert_snapshot!(format!("digest_{lang}_html"), r.html);
    }
}
