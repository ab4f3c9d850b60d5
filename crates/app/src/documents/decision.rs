//! The decision on a proposal of a place: which children, which place, from when, what was
//! decided, by whom and on which day, and why — the reasons given, not the scores nor the other
//! places that were weighed (those stay in the case).

use kith_domain::document::DocumentKind;
use kith_domain::{ProposalId, ProposalStatus};

use super::words::Words;
use super::{Block, Made};
use crate::{Actor, App, AppError, Result};

pub(super) async fn make(app: &App, actor: &Actor, id: ProposalId, w: &Words) -> Result<Made> {
    let p = crate::proposals::view_unaudited(app, actor, id).await?;
    if !matches!(
        p.status,
        ProposalStatus::Approved | ProposalStatus::Rejected
    ) {
        return Err(AppError::conflict("status", "problem.document_not_decided"));
    }
    let names: Vec<String> = p.children.iter().map(|c| w.typed(&c.name)).collect();
    let mut facts = vec![
        w.fact(
            if names.len() == 1 {
                "document.child"
            } else {
                "document.children"
            },
            kith_text::format::list(w.lang, names),
        ),
        w.fact("document.place", w.typed(&p.chosen.option.name)),
        w.fact("document.placement_kind", w.term(p.chosen.option.kind)),
        w.fact("document.start", w.date(p.start_date)),
    ];
    if let Some(end) = p.planned_end_date {
        facts.push(w.fact("document.planned_end", w.date(end)));
    }
    if let Some(goal) = p.exit_goal {
        facts.push(w.fact("document.exit_goal", w.named("exit_goal", goal)));
    }
    let who = kith_text::format::list(
        w.lang,
        p.children.iter().map(|c| w.typed(&c.name)).collect(),
    );
    let sentence = kith_domain::Message::new(if p.status == ProposalStatus::Approved {
        "document.decision_approved"
    } else {
        "document.decision_rejected"
    })
    .text("children", who)
    .text("place", w.typed(&p.chosen.option.name))
    .date("start", p.start_date);
    let mut decided = vec![];
    if let Some(by) = &p.decided_by {
        decided.push(w.fact("document.decided_by", by.name.clone()));
    }
    if let Some(at) = p.decided_at {
        let day = at.with_timezone(&crate::TIME_ZONE).date_naive();
        decided.push(w.fact("document.decided_on", w.date(day)));
    }
    let mut sections = vec![w.section(
        "document.decided",
        vec![
            Block::Text {
                text: w.say(sentence),
            },
            Block::Facts { facts: decided },
        ],
    )];
    if let Some(reason) = p
        .decision_reason
        .as_deref()
        .filter(|r| !r.trim().is_empty())
    {
        sections.push(w.section(
            "document.reason",
            vec![Block::Text {
                text: w.typed(reason),
            }],
        ));
    }
    sections.push(w.section(
        "document.why_this_place",
        vec![Block::Text {
            text: w.typed(&p.rationale),
        }],
    ));
    sections.push(w.section(
        "document.complaint",
        vec![w.text("document.complaint_text")],
    ));
    Ok(Made {
        kind: DocumentKind::ProposalDecision,
        document: w.document("document.proposal_decision", facts, sections),
        children: p.children.iter().map(|c| c.id).collect(),
    })
}
