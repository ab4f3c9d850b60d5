//! Documents a family can read, made from what is recorded: the child's plan, the note of a
//! plan review, a visit summary for the foster family, and the decision on a proposal. Each is
//! built in the reader's language (Danish or English) as a [`Document`], which the page shows
//! print-ready and [`pdf`] lays out as a PDF. Whoever may read the record may make its document;
//! every making is audited (`document.<kind>`), and no document carries a CPR number.

mod decision;
mod plan;
mod review;
mod visit;
mod words;

use kith_domain::document::DocumentKind;
use kith_domain::{ChildId, Lang, PlacementId, ProposalId, VisitId};
pub use kith_print::{Block, Document, Fact, Section};

use crate::audit::{self, AuditAction, ChildData};
use crate::transfer::ExportFile;
use crate::{Actor, App, AppError, Result};
use words::Words;

/// Which document, of which record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentOf {
    /// The child's plan of a placement.
    Plan(PlacementId),
    /// A held visit: the note of a plan review, or a visit summary for the foster family.
    Visit(VisitId),
    /// The decision on a proposal.
    Decision(ProposalId),
}

/// A document made for a reader, with what it is and whom it is about.
#[derive(Debug, Clone)]
pub struct Made {
    pub kind: DocumentKind,
    pub document: Document,
    /// The children it is about: for the audit.
    pub children: Vec<ChildId>,
}

impl ChildData for Made {
    fn child_ids(&self) -> Vec<ChildId> {
        self.children.clone()
    }
}

/// Makes the document in `lang`, if the actor may read its record (else the record's own 403
/// or 404), and audits it. A visit not held yet and a proposal not decided have no document
/// yet (409).
pub async fn make(app: &App, actor: &Actor, of: DocumentOf, lang: Lang) -> Result<Made> {
    let w = Words::new(lang, app.today(), actor);
    let made = match of {
        DocumentOf::Plan(id) => plan::make(app, actor, id, &w).await?,
        DocumentOf::Visit(id) => visit::make(app, actor, id, &w).await?,
        DocumentOf::Decision(id) => decision::make(app, actor, id, &w).await?,
    };
    let made = Made {
        document: w.finish(made.document),
        ..made
    };
    audit::read(app, actor, action(made.kind), made).await
}

/// At most this many PDFs are laid out at once per process: each takes a core for tens of
/// milliseconds, and a hundred requests at once must queue rather than fill the blocking
/// threads and starve the rest of Kith.
const PDFS_AT_ONCE: usize = 2;

/// The document as a PDF file, made off the async threads, a few at a time.
pub async fn pdf(app: &App, actor: &Actor, of: DocumentOf, lang: Lang) -> Result<ExportFile> {
    static LAYOUTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(PDFS_AT_ONCE);
    let made = make(app, actor, of, lang).await?;
    let _turn = LAYOUTS.acquire().await.map_err(AppError::internal)?;
    let at = app.now().naive_utc();
    let document = made.document;
    let bytes = tokio::task::spawn_blocking(move || kith_print::pdf(&document, at))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok(ExportFile {
        filename: format!(
            "{}-{}.pdf",
            kith_text::t(lang, file_name(made.kind)),
            app.today()
        ),
        content_type: "application/pdf",
        bytes,
    })
}

/// The start of the file's name, in the document's language ("barnets-plan").
fn file_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::ChildPlan => "document.file_child_plan",
        DocumentKind::PlanReview => "document.file_plan_review",
        DocumentKind::VisitSummary => "document.file_visit_summary",
        DocumentKind::ProposalDecision => "document.file_proposal_decision",
    }
}

fn action(kind: DocumentKind) -> AuditAction {
    match kind {
        DocumentKind::ChildPlan => AuditAction::DocumentChildPlan,
        DocumentKind::PlanReview => AuditAction::DocumentPlanReview,
        DocumentKind::VisitSummary => AuditAction::DocumentVisitSummary,
        DocumentKind::ProposalDecision => AuditAction::DocumentProposalDecision,
    }
}
