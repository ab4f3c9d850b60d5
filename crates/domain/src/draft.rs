//! Drafts: a visit record or a plan review kept while it is being written, so that a session
//! that times out, a closed lid or a lost connection never loses what a consultant or an
//! adviser has typed. A draft belongs to one person and one form; it is discarded when the
//! form is saved, and forgotten after [`DRAFT_KEPT_DAYS`].

use chrono::{DateTime, Duration, Utc};

use crate::{PlacementId, VisitId};

/// The forms whose drafts are kept: the long texts written about a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftForm {
    /// The record of a held visit (what the child said, what was seen, what was agreed).
    VisitRecord(VisitId),
    /// A plan review of a placement (outcomes, decision, the child's view).
    PlanReview(PlacementId),
}

/// The most a draft holds, in bytes of the form as the browser sends it: a long record with
/// room to spare, and a bound on what one person can store.
pub const DRAFT_MAX_BYTES: usize = 64 * 1024;

/// How long a draft nobody came back to is kept.
pub const DRAFT_KEPT_DAYS: i64 = 30;

impl DraftForm {
    /// The form's kind as it is named in addresses and stored (`visit-record`, `plan-review`).
    pub fn kind(&self) -> &'static str {
        match self {
            DraftForm::VisitRecord(_) => "visit-record",
            DraftForm::PlanReview(_) => "plan-review",
        }
    }

    /// The fields a person writes in the form, as opposed to those the form fills in for
    /// them (today's date, a default decision): a draft with none of them written holds
    /// nothing worth keeping, and an emptied form forgets its draft.
    pub fn written_fields(&self) -> &'static [&'static str] {
        match self {
            DraftForm::VisitRecord(_) => &[
                "child_view",
                "observations",
                "not_seen_alone_reason",
                "fu_what",
            ],
            DraftForm::PlanReview(_) => &["child_view", "rhythm_months", "fu_what"],
        }
    }

    /// Whether the form's fields (name and value, as sent) hold anything the person wrote.
    pub fn holds_writing<'a>(&self, fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> bool {
        let written = self.written_fields();
        fields
            .into_iter()
            .any(|(name, value)| written.contains(&name) && !value.trim().is_empty())
    }

    /// The id of the visit or placement the form is about.
    pub fn id(&self) -> i64 {
        match self {
            DraftForm::VisitRecord(v) => v.0,
            DraftForm::PlanReview(p) => p.0,
        }
    }

    /// The key a draft is stored under for its person: kind and id, `visit-record/12`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.kind(), self.id())
    }

    /// The form named by a kind and an id; `None` for a kind without drafts.
    pub fn parse(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "visit-record" => Some(DraftForm::VisitRecord(VisitId(id))),
            "plan-review" => Some(DraftForm::PlanReview(PlacementId(id))),
            _ => None,
        }
    }
}

/// Whether a draft saved at `saved_at` is still kept at `now`.
pub fn is_kept(saved_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - saved_at < Duration::days(DRAFT_KEPT_DAYS)
}

/// The earliest save still kept at `now` (older drafts are forgotten).
pub fn kept_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(DRAFT_KEPT_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_form_is_named_by_its_kind_and_id() {
        assert_eq!(DraftForm::VisitRecord(VisitId(12)).key(), "visit-record/12");
        assert_eq!(DraftForm::PlanReview(PlacementId(7)).key(), "plan-review/7");
        assert_eq!(DraftForm::parse("goal", 1), None);
    }

    #[test]
    fn a_draft_is_kept_thirty_days() {
        let saved: DateTime<Utc> = "2026-12-01T10:00:00Z".parse().unwrap();
        assert!(is_kept(saved, saved + Duration::days(29)));
        assert!(!is_kept(saved, saved + Duration::days(30)));
        assert_eq!(kept_since(saved + Duration::days(30)), saved);
    }

    proptest! {
        #[test]
        fn a_form_reads_back_from_its_kind_and_id(id in any::<i64>(), visit in any::<bool>()) {
            let form = if visit {
                DraftForm::VisitRecord(VisitId(id))
            } else {
                DraftForm::PlanReview(PlacementId(id))
            };
            prop_assert_eq!(DraftForm::parse(form.kind(), form.id()), Some(form));
        }
    }
}

#[cfg(test)]
mod writing_tests {
    use super::*;

    #[test]
    fn a_form_holds_writing_only_when_a_written_field_has_text() {
        let visit = DraftForm::VisitRecord(VisitId(1));
        assert!(!visit.holds_writing([("held_on", "2026-12-03"), ("observations", "  ")]));
        assert!(!visit.holds_writing([("fu_what", ""), ("fu_due", "2027-01-04")]));
        assert!(visit.holds_writing([("held_on", "2026-12-03"), ("observations", "Roligt")]));
        let review = DraftForm::PlanReview(PlacementId(1));
        assert!(!review.holds_writing([("decision", "continue"), ("held_on", "2026-12-03")]));
        assert!(review.holds_writing([("child_view", "Jeg vil blive")]));
    }
}
