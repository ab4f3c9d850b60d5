//! What each e-mail says. The outbox row holds the kind and a payload of ids, dates and
//! counts; the text is rendered when the e-mail is sent, in the recipient's language, from
//! the templates in `web/templates/emails` (a text and an HTML part each) with every word
//! from the catalogue (`mail.*` in `kith-text`), dates and numbers in the reader's formats.

use askama::Template;
use chrono::NaiveDate;
use kith_domain::wheel::VisitKind;
use kith_domain::{Lang, Message};
use serde::{Deserialize, Serialize};

use crate::{AppError, Result};

/// How many items of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: VisitKind,
    pub n: u32,
}

/// The morning digest: counts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestPayload {
    pub date: NaiveDate,
    pub days_ahead: i32,
    pub overdue: Vec<KindCount>,
    pub due: Vec<KindCount>,
    /// Open agreements the person holds that are past their day, and due within the days.
    #[serde(default)]
    pub agreements_overdue: u32,
    #[serde(default)]
    pub agreements_due: u32,
    /// Next steps of network searches the person recorded, past their day and due within the
    /// days (still open: no later record for that network person).
    #[serde(default)]
    pub network_steps_overdue: u32,
    #[serde(default)]
    pub network_steps_due: u32,
    /// Items of colleagues the person stands in for today, overdue and due within the days.
    #[serde(default)]
    pub covering_overdue: u32,
    #[serde(default)]
    pub covering_due: u32,
}

/// Statutory work overdue in a leader's team (told once per item).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationPayload {
    pub date: NaiveDate,
    pub after_days: i32,
    pub items: Vec<KindCount>,
}

/// The first visit of a new placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstVisitPayload {
    pub visit_id: i64,
    pub placement_code: String,
    pub kind: VisitKind,
    pub planned_on: NaiveDate,
    pub closes_on: NaiveDate,
}

/// The kinds of e-mail Kith sends.
pub mod kinds {
    pub const DIGEST: &str = "visit_digest";
    pub const ESCALATION: &str = "visit_escalation";
    pub const FIRST_VISIT: &str = "first_visit_reminder";
    pub const PROPOSAL_SUBMITTED: &str = "proposal_submitted";
    pub const PROPOSAL_APPROVED: &str = "proposal_approved";
    pub const PROPOSAL_REJECTED: &str = "proposal_rejected";
    pub const PROPOSAL_WITHDRAWN: &str = "proposal_withdrawn";
    pub const PASSWORD_RESET: &str = "password_reset";
    pub const CPR_CLASH: &str = "cpr_clash";
}

/// A rendered e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The catalogue in the recipient's language, for the templates.
#[derive(Debug, Clone, Copy)]
struct Words {
    lang: Lang,
}

impl Words {
    /// A text without values.
    fn t(&self, key: &str) -> &'static str {
        kith_text::t(self.lang, key)
    }

    /// The language's code, for `<html lang>`.
    fn code(&self) -> &'static str {
        self.lang.as_str()
    }

    fn say(&self, m: &Message) -> String {
        kith_text::render(self.lang, m)
    }
}

#[derive(Debug, Clone)]
struct Line {
    label: &'static str,
    n: u32,
}

fn lines(counts: &[KindCount], lang: Lang) -> Vec<Line> {
    counts
        .iter()
        .map(|c| Line {
            label: kith_text::term(lang, c.kind),
            n: c.n,
        })
        .collect()
}

/// The parts every e-mail has: the words, the subject and the lines of text with values.
struct Parts {
    w: Words,
    subject: String,
}

#[derive(Template)]
#[template(path = "emails/digest.txt")]
struct DigestText<'a> {
    w: Words,
    intro: &'a str,
    due_within: &'a str,
    overdue: &'a [Line],
    due: &'a [Line],
    week_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/digest.html")]
struct DigestHtml<'a> {
    w: Words,
    subject: &'a str,
    intro: &'a str,
    due_within: &'a str,
    overdue: &'a [Line],
    due: &'a [Line],
    week_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/escalation.txt")]
struct EscalationText<'a> {
    w: Words,
    intro: &'a str,
    items: &'a [Line],
    team_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/escalation.html")]
struct EscalationHtml<'a> {
    w: Words,
    subject: &'a str,
    intro: &'a str,
    items: &'a [Line],
    team_url: &'a str,
}

/// An e-mail of one message and one link: a first visit, a proposal, a password reset, a
/// notice to a leader.
#[derive(Template)]
#[template(path = "emails/notice.txt")]
struct NoticeText<'a> {
    w: Words,
    message: &'a str,
    link_label: &'a str,
    link_url: &'a str,
    after: &'a str,
}

#[derive(Template)]
#[template(path = "emails/notice.html")]
struct NoticeHtml<'a> {
    w: Words,
    subject: &'a str,
    message: &'a str,
    link_label: &'a str,
    link_url: &'a str,
    after: &'a str,
}

/// A reset e-mail's payload once the sender has opened its sealed secret (never in `Debug`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetLinkPayload {
    pub secret: String,
}

impl std::fmt::Debug for ResetLinkPayload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResetLinkPayload { secret: [redacted] }")
    }
}

fn bad(kind: &str, e: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("e-mail {kind}: {e}"))
}

fn tpl(r: askama::Result<String>) -> Result<String> {
    r.map_err(|e| AppError::internal(format!("e-mail template: {e}")))
}

/// A date as the reader writes it: `23.11.2026`.
fn date(lang: Lang, d: NaiveDate) -> String {
    kith_text::format::date(lang, d)
}

/// Renders the e-mail of an outbox row for a reader of `lang`.
pub fn render(kind: &str, payload: &str, lang: Lang, base_url: &str) -> Result<Rendered> {
    let w = Words { lang };
    let parse_err = |e| bad(kind, e);
    match kind {
        kinds::DIGEST => {
            let p: DigestPayload = serde_json::from_str(payload).map_err(parse_err)?;
            digest(w, &p, base_url)
        }
        kinds::ESCALATION => {
            let p: EscalationPayload = serde_json::from_str(payload).map_err(parse_err)?;
            escalation(w, &p, base_url)
        }
        kinds::FIRST_VISIT => {
            let p: FirstVisitPayload = serde_json::from_str(payload).map_err(parse_err)?;
            let message = w.say(
                &Message::new("mail.first_visit")
                    .text("code", p.placement_code.as_str())
                    .text("kind", kith_text::term(lang, p.kind))
                    .text("closes", date(lang, p.closes_on))
                    .text("planned", date(lang, p.planned_on)),
            );
            let subject = w.say(
                &Message::new("mail.first_visit_subject").text("code", p.placement_code.as_str()),
            );
            let url = format!("{base_url}/visits/{}", p.visit_id);
            notice(Parts { w, subject }, &message, "mail.open_visit", &url, "")
        }
        kinds::PROPOSAL_SUBMITTED
        | kinds::PROPOSAL_APPROVED
        | kinds::PROPOSAL_REJECTED
        | kinds::PROPOSAL_WITHDRAWN => {
            #[derive(Deserialize)]
            struct P {
                proposal_id: i64,
            }
            let p: P = serde_json::from_str(payload).map_err(parse_err)?;
            let (subject_key, message_key) = proposal_keys(kind);
            let subject = w.say(&Message::new(subject_key).int("id", p.proposal_id));
            let url = format!("{base_url}/proposals/{}", p.proposal_id);
            notice(
                Parts { w, subject },
                w.t(message_key),
                "mail.open_proposal",
                &url,
                "",
            )
        }
        kinds::PASSWORD_RESET => {
            let p: ResetLinkPayload = serde_json::from_str(payload).map_err(parse_err)?;
            let subject = w.t("mail.reset_subject").to_owned();
            let message = w.say(
                &Message::new("mail.reset_message").int("hours", crate::credentials::RESET_HOURS),
            );
            let url = format!("{base_url}/password-reset/{}", p.secret);
            notice(
                Parts { w, subject },
                &message,
                "mail.reset_link",
                &url,
                w.t("mail.reset_ignore"),
            )
        }
        kinds::CPR_CLASH => {
            #[derive(Deserialize)]
            struct P {
                staff_id: i64,
            }
            let p: P = serde_json::from_str(payload).map_err(parse_err)?;
            let subject = w.t("mail.cpr_subject").to_owned();
            let url = format!(
                "{base_url}/audit?actor={}&action=child.cpr_check",
                p.staff_id
            );
            notice(
                Parts { w, subject },
                w.t("mail.cpr_message"),
                "mail.cpr_link",
                &url,
                "",
            )
        }
        other => Err(bad(other, "unknown kind")),
    }
}

fn digest(w: Words, p: &DigestPayload, base_url: &str) -> Result<Rendered> {
    let agreements = |n: u32| Line {
        label: w.t("mail.agreements"),
        n,
    };
    let mut overdue = lines(&p.overdue, w.lang);
    let mut due = lines(&p.due, w.lang);
    if p.agreements_overdue > 0 {
        overdue.push(agreements(p.agreements_overdue));
    }
    if p.agreements_due > 0 {
        due.push(agreements(p.agreements_due));
    }
    let steps = |n: u32| Line {
        label: w.t("mail.network_steps"),
        n,
    };
    if p.network_steps_overdue > 0 {
        overdue.push(steps(p.network_steps_overdue));
    }
    if p.network_steps_due > 0 {
        due.push(steps(p.network_steps_due));
    }
    let covering = |n: u32| Line {
        label: w.t("mail.covering"),
        n,
    };
    if p.covering_overdue > 0 {
        overdue.push(covering(p.covering_overdue));
    }
    if p.covering_due > 0 {
        due.push(covering(p.covering_due));
    }
    let day = date(w.lang, p.date);
    let subject = w.say(&Message::new("mail.digest_subject").text("date", day.as_str()));
    let intro = w.say(&Message::new("mail.digest_intro").text("date", day.as_str()));
    let due_within = w.say(&Message::new("mail.due_within").int("days", p.days_ahead));
    let week_url = format!("{base_url}/week");
    Ok(Rendered {
        text: tpl(DigestText {
            w,
            intro: &intro,
            due_within: &due_within,
            overdue: &overdue,
            due: &due,
            week_url: &week_url,
        }
        .render())?,
        html: tpl(DigestHtml {
            w,
            subject: &subject,
            intro: &intro,
            due_within: &due_within,
            overdue: &overdue,
            due: &due,
            week_url: &week_url,
        }
        .render())?,
        subject,
    })
}

fn escalation(w: Words, p: &EscalationPayload, base_url: &str) -> Result<Rendered> {
    let items = lines(&p.items, w.lang);
    let subject = w.t("mail.escalation_subject").to_owned();
    let intro = w.say(
        &Message::new("mail.escalation_intro")
            .int("days", p.after_days)
            .text("date", date(w.lang, p.date)),
    );
    // Exactly the items this e-mail counts: those escalated on its day.
    let team_url = format!("{base_url}/team/escalated?on={}", p.date);
    Ok(Rendered {
        text: tpl(EscalationText {
            w,
            intro: &intro,
            items: &items,
            team_url: &team_url,
        }
        .render())?,
        html: tpl(EscalationHtml {
            w,
            subject: &subject,
            intro: &intro,
            items: &items,
            team_url: &team_url,
        }
        .render())?,
        subject,
    })
}

/// An e-mail of one message, one link and perhaps a line after it.
fn notice(
    parts: Parts,
    message: &str,
    link_key: &str,
    link_url: &str,
    after: &str,
) -> Result<Rendered> {
    let Parts { w, subject } = parts;
    let link_label = w.t(link_key);
    Ok(Rendered {
        text: tpl(NoticeText {
            w,
            message,
            link_label,
            link_url,
            after,
        }
        .render())?,
        html: tpl(NoticeHtml {
            w,
            subject: &subject,
            message,
            link_label,
            link_url,
            after,
        }
        .render())?,
        subject,
    })
}

/// The subject's and the message's keys of a proposal e-mail.
fn proposal_keys(kind: &str) -> (&'static str, &'static str) {
    match kind {
        kinds::PROPOSAL_SUBMITTED => ("mail.proposal_submitted_subject", "mail.proposal_submitted"),
        kinds::PROPOSAL_APPROVED => ("mail.proposal_approved_subject", "mail.proposal_approved"),
        kinds::PROPOSAL_REJECTED => ("mail.proposal_rejected_subject", "mail.proposal_rejected"),
        _ => ("mail.proposal_withdrawn_subject", "mail.proposal_withdrawn"),
    }
}
