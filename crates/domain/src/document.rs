//! Documents a family can read: which ones Kith writes, what each may hold, and that none ever
//! carries a CPR number — not even one a person typed into a note.
//!
//! The choices (docs/ARCHITECTURE.md, "Documents for the family"): the child's plan and the
//! note of a plan review are written for the child, the parents and the carers, who take part
//! in the plan; the visit summary is for the foster family (or the institution), so it keeps
//! out the child's conversation — whether the child was talked with alone, why not, and what
//! the child said, which a child says in confidence — and the consultant's observations, which
//! are working notes; the decision on a proposal says what was decided and why, never the
//! scores or the other places that were weighed.

use crate::wheel::VisitKind;

/// The kinds of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A placement's goals, their progress, its agreements and the next review.
    ChildPlan,
    /// What a plan review (§ 95) decided.
    PlanReview,
    /// A held visit, for the foster family.
    VisitSummary,
    /// The decision on a proposal of a place.
    ProposalDecision,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::ChildPlan,
        DocumentKind::PlanReview,
        DocumentKind::VisitSummary,
        DocumentKind::ProposalDecision,
    ];

    /// The code: in the audit log, the catalogue (`document.<code>`) and file names.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::ChildPlan => "child_plan",
            DocumentKind::PlanReview => "plan_review",
            DocumentKind::VisitSummary => "visit_summary",
            DocumentKind::ProposalDecision => "proposal_decision",
        }
    }

    /// The document a wheel item gives once held: a review's note for a plan review, a summary
    /// for a visit; none for items that are decisions recorded elsewhere (support after 18).
    pub fn of_visit(kind: VisitKind) -> Option<DocumentKind> {
        match kind {
            VisitKind::PlanReview => Some(DocumentKind::PlanReview),
            VisitKind::AfterCareReview => None,
            _ => Some(DocumentKind::VisitSummary),
        }
    }
}

/// The parts of a held visit's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitPart {
    /// The day, the kind of visit and who held it.
    Held,
    /// Whether the child was seen alone.
    SeenAlone,
    /// Why the child was not seen alone.
    NotSeenAloneReason,
    /// What the child said.
    ChildsWords,
    /// What the consultant observed.
    Observations,
    /// What was agreed, by whom, by when.
    Agreements,
    /// When the next visit is planned.
    NextVisit,
}

impl VisitPart {
    /// Every part.
    pub const ALL: [VisitPart; 7] = [
        VisitPart::Held,
        VisitPart::SeenAlone,
        VisitPart::NotSeenAloneReason,
        VisitPart::ChildsWords,
        VisitPart::Observations,
        VisitPart::Agreements,
        VisitPart::NextVisit,
    ];

    /// Whether the foster family's summary holds this part: what was done and agreed, and what
    /// comes next — not the child's conversation (whether it was alone, why not, what was said)
    /// nor the consultant's notes.
    pub fn in_family_summary(self) -> bool {
        match self {
            VisitPart::Held | VisitPart::Agreements | VisitPart::NextVisit => true,
            VisitPart::SeenAlone
            | VisitPart::NotSeenAloneReason
            | VisitPart::ChildsWords
            | VisitPart::Observations => false,
        }
    }
}

/// What stands in a document where a CPR number was typed.
pub const CPR_HIDDEN: &str = "······-····";

/// `text` with every CPR number in it (`DDMMYY-SSSS`, `DDMMYYSSSS`, `DDMMYY SSSS`, naming a
/// real date) replaced by [`CPR_HIDDEN`]: a document a family keeps must not carry one, even
/// where a person wrote one into a note. Other numbers are left as they are.
pub fn without_cpr(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match cpr_at(&chars, i) {
            Some(len) => {
                out.push_str(CPR_HIDDEN);
                i += len;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// The length of a CPR number starting at `i`, if one does (not inside a longer number).
fn cpr_at(chars: &[char], i: usize) -> Option<usize> {
    let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    if i > 0 && digit(i - 1) {
        return None;
    }
    if !(i..i + 6).all(digit) {
        return None;
    }
    let gap = match chars.get(i + 6) {
        Some('-' | ' ' | '\u{2011}' | '\u{2013}') => 1,
        _ => 0,
    };
    let rest = i + 6 + gap;
    if !(rest..rest + 4).all(digit) || digit(rest + 4) {
        return None;
    }
    let candidate: String = chars[i..i + 6]
        .iter()
        .chain(&chars[rest..rest + 4])
        .collect();
    crate::Cpr::parse(&candidate).ok().map(|_| 10 + gap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_cpr_number_in_any_written_form_is_hidden() {
        let hidden = format!("Barnet ({CPR_HIDDEN}) bor hos mormor");
        assert_eq!(without_cpr("Barnet (150314-4562) bor hos mormor"), hidden);
        assert_eq!(without_cpr("Barnet (1503144562) bor hos mormor"), hidden);
        assert_eq!(without_cpr("Barnet (150314 4562) bor hos mormor"), hidden);
        assert_eq!(without_cpr("150314-4562"), CPR_HIDDEN);
    }

    #[test]
    fn other_numbers_are_kept() {
        // Not a date (day 35), too long, a phone number, an amount, a date.
        for text in [
            "350314-4562",
            "12150314-45621",
            "Ring 20 30 40 50",
            "Beløb: 1.500 kr.",
            "Holdt 15.03.2014",
            "kl. 9.30",
        ] {
            assert_eq!(without_cpr(text), text, "{text}");
        }
    }

    #[test]
    fn the_family_summary_keeps_the_childs_words_and_the_notes_out() {
        let kept: Vec<_> = VisitPart::ALL
            .into_iter()
            .filter(|p| p.in_family_summary())
            .collect();
        assert_eq!(
            kept,
            [VisitPart::Held, VisitPart::Agreements, VisitPart::NextVisit]
        );
    }

    #[test]
    fn a_plan_review_gives_its_note_and_a_decision_on_support_after_18_none() {
        assert_eq!(
            DocumentKind::of_visit(VisitKind::PlanReview),
            Some(DocumentKind::PlanReview)
        );
        assert_eq!(DocumentKind::of_visit(VisitKind::AfterCareReview), None);
        assert_eq!(
            DocumentKind::of_visit(VisitKind::StartContact),
            Some(DocumentKind::VisitSummary)
        );
    }

    proptest! {
        /// Whatever surrounds it, a valid CPR number never survives, and text without ten
        /// digits in a row is never changed.
        #[test]
        fn no_cpr_survives(before in "[a-zæøå .,:()]{0,20}", after in "[a-zæøå .,:()]{0,20}",
                           day in 1u32..=28, month in 1u32..=12, year in 0u32..=99,
                           serial in 0u32..=9999, sep in prop::sample::select(vec!["", "-", " "])) {
            let cpr = format!("{day:02}{month:02}{year:02}{sep}{serial:04}");
            let text = format!("{before}{cpr}{after}");
            let out = without_cpr(&text);
            prop_assert!(!out.contains(&cpr), "{out}");
            let digits_only: String = cpr.chars().filter(char::is_ascii_digit).collect();
            let out_digits: String = out.chars().filter(char::is_ascii_digit).collect();
            prop_assert!(!out_digits.contains(&digits_only));
            prop_assert_eq!(without_cpr(&before), before);
        }
    }
}
