//! What a visit where the child must be seen alone (a statutory supervision visit, § 148 of
//! barnets lov) has to record about the conversation: whether the child was seen alone, and
//! then the child's own words or why they could not be given; when not, why not. A record
//! that says only "yes" is not a supervision visit.

use crate::Message;

/// What the person recording the visit wrote about the conversation with the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conversation<'a> {
    /// Whether the child was seen without the placement's staff or foster parents.
    pub seen_alone: Option<bool>,
    /// The child's own words (or why they could not be given).
    pub child_view: &'a str,
    /// Why the child was not seen alone.
    pub not_seen_alone_reason: &'a str,
}

/// The problems of a conversation record, each with its field: none when the child need not
/// be seen alone at this visit; otherwise the question answered, and the answer explained.
pub fn check_conversation(required: bool, c: Conversation<'_>) -> Vec<(&'static str, Message)> {
    if !required {
        return Vec::new();
    }
    let blank = |s: &str| s.trim().is_empty();
    match c.seen_alone {
        None => vec![("child_seen_alone", Message::new("problem.seen_alone"))],
        Some(true) if blank(c.child_view) => {
            vec![("child_view", Message::new("problem.child_words"))]
        }
        Some(false) if blank(c.not_seen_alone_reason) => {
            vec![(
                "not_seen_alone_reason",
                Message::new("problem.why_not_alone"),
            )]
        }
        Some(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keys(required: bool, seen_alone: Option<bool>, view: &str, why: &str) -> Vec<String> {
        let c = Conversation {
            seen_alone,
            child_view: view,
            not_seen_alone_reason: why,
        };
        check_conversation(required, c)
            .into_iter()
            .map(|(f, m)| format!("{f}: {}", m.key))
            .collect()
    }

    #[test]
    fn a_supervision_visit_needs_the_question_answered_and_explained() {
        assert_eq!(
            keys(true, None, "", ""),
            ["child_seen_alone: problem.seen_alone"]
        );
        assert_eq!(
            keys(true, Some(true), "  ", ""),
            ["child_view: problem.child_words"]
        );
        assert_eq!(
            keys(true, Some(false), "Ida fortalte om skolen", ""),
            ["not_seen_alone_reason: problem.why_not_alone"]
        );
        assert!(
            keys(
                true,
                Some(true),
                "Ida vil gerne have mere tid med sin mor",
                ""
            )
            .is_empty()
        );
        assert!(keys(true, Some(false), "", "Ida var syg og sov").is_empty());
    }

    #[test]
    fn other_visits_may_leave_the_conversation_out() {
        assert!(keys(false, None, "", "").is_empty());
        assert!(keys(false, Some(true), "", "").is_empty());
    }

    proptest! {
        /// Whatever was written, a record with the question answered "yes" and words of the
        /// child's, or "no" and a reason, passes; one without them never does.
        #[test]
        fn an_answer_passes_exactly_when_it_is_explained(
            seen in proptest::option::of(any::<bool>()),
            view in "[ a-zæøå]{0,12}",
            why in "[ a-zæøå]{0,12}",
        ) {
            let explained = match seen {
                None => false,
                Some(true) => !view.trim().is_empty(),
                Some(false) => !why.trim().is_empty(),
            };
            prop_assert_eq!(keys(true, seen, &view, &why).is_empty(), explained);
        }
    }
}
