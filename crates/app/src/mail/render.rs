//! What each e-mail says. The outbox row holds the kind and a payload of ids, dates and
//! counts; the text is rendered when the e-mail is sent, in the recipient's language, from
//! the templates in `web/templates/emails` (a text and an HTML part each).

use askama::Template;
use chrono::NaiveDate;
use kith_domain::Lang;
use kith_domain::wheel::VisitKind;
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

#[derive(Debug, Clone)]
struct Line {
    label: &'static str,
    n: u32,
}

fn lines(counts: &[KindCount], lang: Lang) -> Vec<Line> {
    counts
        .iter()
        .map(|c| Line {
            label: c.kind.label(lang),
            n: c.n,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "emails/digest.txt")]
struct DigestText<'a> {
    da: bool,
    date: NaiveDate,
    days_ahead: i32,
    overdue: &'a [Line],
    due: &'a [Line],
    week_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/digest.html")]
struct DigestHtml<'a> {
    da: bool,
    subject: &'a str,
    date: NaiveDate,
    days_ahead: i32,
    overdue: &'a [Line],
    due: &'a [Line],
    week_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/escalation.txt")]
struct EscalationText<'a> {
    da: bool,
    date: NaiveDate,
    after_days: i32,
    items: &'a [Line],
    team_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/escalation.html")]
struct EscalationHtml<'a> {
    da: bool,
    subject: &'a str,
    date: NaiveDate,
    after_days: i32,
    items: &'a [Line],
    team_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/first_visit.txt")]
struct FirstVisitText<'a> {
    da: bool,
    code: &'a str,
    kind: &'a str,
    planned_on: NaiveDate,
    closes_on: NaiveDate,
    visit_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/first_visit.html")]
struct FirstVisitHtml<'a> {
    da: bool,
    subject: &'a str,
    code: &'a str,
    kind: &'a str,
    planned_on: NaiveDate,
    closes_on: NaiveDate,
    visit_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/proposal.txt")]
struct ProposalText<'a> {
    da: bool,
    message: &'a str,
    proposal_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/proposal.html")]
struct ProposalHtml<'a> {
    da: bool,
    subject: &'a str,
    message: &'a str,
    proposal_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/notice.txt")]
struct NoticeText<'a> {
    da: bool,
    message: &'a str,
    link_label: &'a str,
    link_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/notice.html")]
struct NoticeHtml<'a> {
    da: bool,
    subject: &'a str,
    message: &'a str,
    link_label: &'a str,
    link_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/password_reset.txt")]
struct ResetText<'a> {
    da: bool,
    hours: i64,
    reset_url: &'a str,
}

#[derive(Template)]
#[template(path = "emails/password_reset.html")]
struct ResetHtml<'a> {
    da: bool,
    subject: &'a str,
    hours: i64,
    reset_url: &'a str,
}

/// A reset e-mail's payload once the sender has opened its sealed secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetLinkPayload {
    pub secret: String,
}

fn bad(kind: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("e-mail {kind}: {e}"))
}

fn tpl(r: askama::Result<String>) -> Result<String> {
    r.map_err(|e| AppError::Internal(format!("e-mail template: {e}")))
}

/// Renders the e-mail of an outbox row for a reader of `lang`.
pub fn render(kind: &str, payload: &str, lang: Lang, base_url: &str) -> Result<Rendered> {
    let da = lang == Lang::Da;
    match kind {
        kinds::DIGEST => {
            let p: DigestPayload = serde_json::from_str(payload).map_err(|e| bad(kind, e))?;
            let overdue = lines(&p.overdue, lang);
            let due = lines(&p.due, lang);
            let subject = if da {
                format!("Kith: dine opgaver {}", p.date)
            } else {
                format!("Kith: your follow-up work on {}", p.date)
            };
            let week_url = format!("{base_url}/week");
            Ok(Rendered {
                text: tpl(DigestText {
                    da,
                    date: p.date,
                    days_ahead: p.days_ahead,
                    overdue: &overdue,
                    due: &due,
                    week_url: &week_url,
                }
                .render())?,
                html: tpl(DigestHtml {
                    da,
                    subject: &subject,
                    date: p.date,
                    days_ahead: p.days_ahead,
                    overdue: &overdue,
                    due: &due,
                    week_url: &week_url,
                }
                .render())?,
                subject,
            })
        }
        kinds::ESCALATION => {
            let p: EscalationPayload = serde_json::from_str(payload).map_err(|e| bad(kind, e))?;
            let items = lines(&p.items, lang);
            let subject = if da {
                "Kith: lovpligtige opgaver er over fristen".to_owned()
            } else {
                "Kith: statutory work is overdue".to_owned()
            };
            let team_url = format!("{base_url}/team");
            Ok(Rendered {
                text: tpl(EscalationText {
                    da,
                    date: p.date,
                    after_days: p.after_days,
                    items: &items,
                    team_url: &team_url,
                }
                .render())?,
                html: tpl(EscalationHtml {
                    da,
                    subject: &subject,
                    date: p.date,
                    after_days: p.after_days,
                    items: &items,
                    team_url: &team_url,
                }
                .render())?,
                subject,
            })
        }
        kinds::FIRST_VISIT => {
            let p: FirstVisitPayload = serde_json::from_str(payload).map_err(|e| bad(kind, e))?;
            let label = p.kind.label(lang);
            let subject = if da {
                format!("Kith: første besøg i ny anbringelse {}", p.placement_code)
            } else {
                format!("Kith: first visit for new placement {}", p.placement_code)
            };
            let visit_url = format!("{base_url}/visits/{}", p.visit_id);
            Ok(Rendered {
                text: tpl(FirstVisitText {
                    da,
                    code: &p.placement_code,
                    kind: label,
                    planned_on: p.planned_on,
                    closes_on: p.closes_on,
                    visit_url: &visit_url,
                }
                .render())?,
                html: tpl(FirstVisitHtml {
                    da,
                    subject: &subject,
                    code: &p.placement_code,
                    kind: label,
                    planned_on: p.planned_on,
                    closes_on: p.closes_on,
                    visit_url: &visit_url,
                }
                .render())?,
                subject,
            })
        }
        kinds::PROPOSAL_SUBMITTED
        | kinds::PROPOSAL_APPROVED
        | kinds::PROPOSAL_REJECTED
        | kinds::PROPOSAL_WITHDRAWN => {
            #[derive(Deserialize)]
            struct P {
                proposal_id: i64,
            }
            let p: P = serde_json::from_str(payload).map_err(|e| bad(kind, e))?;
            let (subject, message) = proposal_texts(kind, p.proposal_id, da);
            let proposal_url = format!("{base_url}/proposals/{}", p.proposal_id);
            Ok(Rendered {
                text: tpl(ProposalText {
                    da,
                    message: &message,
                    proposal_url: &proposal_url,
                }
                .render())?,
                html: tpl(ProposalHtml {
                    da,
                    subject: &subject,
                    message: &message,
                    proposal_url: &proposal_url,
                }
                .render())?,
                subject,
            })
        }
        kinds::PASSWORD_RESET => {
            let p: ResetLinkPayload = serde_json::from_str(payload).map_err(|e| bad(kind, e))?;
            let subject = if da {
                "Kith: vælg en ny adgangskode".to_owned()
            } else {
                "Kith: choose a new password".to_owned()
            };
            let reset_url = format!("{base_url}/password-reset/{}", p.secret);
            let hours = crate::credentials::RESET_HOURS;
            Ok(Rendered {
                text: tpl(ResetText {
                    da,
                    hours,
                    reset_url: &reset_url,
                }
                .render())?,
                html: tpl(ResetHtml {
                    da,
                    subject: &subject,
                    hours,
                    reset_url: &reset_url,
                }
                .render())?,
                subject,
            })
        }
        kinds::CPR_CLASH => {
            #[derive(Deserialize)]
            struct P {
                staff_id: i64,
            }
            let p: P = serde_json::from_str(payload).map_err(|e| bad(kind, e))?;
            let subject = if da {
                "Kith: et CPR-nummer fra en anden sag blev indtastet".to_owned()
            } else {
                "Kith: a CPR number from another case was entered".to_owned()
            };
            let message = if da {
                "En medarbejder i din enhed forsøgte at registrere et barn med et CPR-nummer, som \
                 står i en sag, medarbejderen ikke har adgang til. Registreringen blev afvist. \
                 Se i revisionsloggen, hvad der skete, og tal med medarbejderen."
            } else {
                "Someone in your unit tried to register a child with a CPR number that belongs \
                 to a case they have no access to. The registration was refused. See in the \
                 audit log what happened, and talk to them."
            };
            let audit_url = format!(
                "{base_url}/audit?actor={}&action=child.cpr_check",
                p.staff_id
            );
            let link_label = if da {
                "Åbn revisionsloggen"
            } else {
                "Open the audit log"
            };
            Ok(Rendered {
                text: tpl(NoticeText {
                    da,
                    message,
                    link_label,
                    link_url: &audit_url,
                }
                .render())?,
                html: tpl(NoticeHtml {
                    da,
                    subject: &subject,
                    message,
                    link_label,
                    link_url: &audit_url,
                }
                .render())?,
                subject,
            })
        }
        other => Err(bad(other, "unknown kind")),
    }
}

fn proposal_texts(kind: &str, id: i64, da: bool) -> (String, String) {
    let (s_da, m_da, s_en, m_en) = match kind {
        kinds::PROPOSAL_SUBMITTED => (
            "venter på din beslutning",
            "Et forslag til anbringelse venter på din beslutning.",
            "awaits your decision",
            "A placement proposal awaits your decision.",
        ),
        kinds::PROPOSAL_APPROVED => (
            "er godkendt",
            "Dit forslag til anbringelse er godkendt; anbringelsen og dens årshjul er oprettet.",
            "was approved",
            "Your placement proposal was approved; the placement and its annual wheel are created.",
        ),
        kinds::PROPOSAL_REJECTED => (
            "er afvist",
            "Dit forslag til anbringelse er afvist. Begrundelsen står i Kith.",
            "was rejected",
            "Your placement proposal was rejected. The reason is in Kith.",
        ),
        _ => (
            "er trukket tilbage",
            "Et forslag til anbringelse, der ventede på din beslutning, er trukket tilbage.",
            "was withdrawn",
            "A placement proposal that awaited your decision was withdrawn.",
        ),
    };
    if da {
        (format!("Kith: forslag #{id} {s_da}"), m_da.to_owned())
    } else {
        (format!("Kith: proposal #{id} {s_en}"), m_en.to_owned())
    }
}
