//! The audit trail: the one mechanism through which every read and change of a child's data
//! is recorded (who, when, what, which child). Ids and codes only, never names or case text.
//!
//! - A read use case returns its result through [`read`], which records one row per child
//!   whose data the result holds (its [`ChildData::child_ids`]). A result that holds child data
//!   can only leave `kith-app` this way, so a new read cannot forget its audit. The rows of
//!   reads arriving together are committed together (`kith_store::read_log`); each read
//!   answers only after its own rows are committed.
//! - A change records itself with [`changed`] inside the change's own transaction: the change
//!   and its audit row commit together or not at all.
//! - A refused attempt on a specific child is recorded with [`denied`].
//!
//! If the audit row cannot be written, the data is not returned (fail closed).

use kith_domain::{ChildId, UserId};
use kith_store::ConnectionTrait;
use kith_store::audit::{AuditEntry, append};
use kith_store::read_log::ChildReads;

use crate::{Actor, App, Result};

/// Defines the actions once: the enum, its stored codes and the list of all of them, so a new
/// action cannot be left out of the audit view's choices.
macro_rules! audit_actions {
    ($( $(#[$meta:meta])* $variant:ident = $code:literal, )+) => {
        /// What was done.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum AuditAction {
            $( $(#[$meta])* $variant, )+
        }

        impl AuditAction {
            /// Every action, for the audit view's choices.
            pub const ALL: &[AuditAction] = &[$(AuditAction::$variant),+];

            /// The code stored in the log.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $code),+
                }
            }
        }
    };
}

audit_actions! {
    ChildList = "child.list",
    ChildRead = "child.read",
    ChildCreate = "child.create",
    ChildUpdate = "child.update",
    ChildProfileUpdate = "child.profile_update",
    CprReveal = "child.cpr_reveal",
    CprLookup = "child.cpr_lookup",
    NetworkAdd = "network_person.add",
    NetworkUpdate = "network_person.update",
    NetworkRemove = "network_person.remove",
    NetworkAsk = "network_search.record",
    /// A child's consent or placements before Kith recorded (what matching's flags weigh).
    ChildStabilityUpdate = "child.stability_update",
    SiblingsLink = "siblings.link",
    SiblingsUnlink = "siblings.unlink",
    UnsuitableSet = "unsuitable_option.set",
    UnsuitableRemove = "unsuitable_option.remove",
    KnownOptionSet = "known_option.set",
    KnownOptionRemove = "known_option.remove",
    MatchRead = "child.match",
    AllocationRead = "child.allocation",
    ProposalCreate = "proposal.create",
    ProposalSubmit = "proposal.submit",
    ProposalApprove = "proposal.approve",
    ProposalReject = "proposal.reject",
    ProposalWithdraw = "proposal.withdraw",
    ProposalRead = "proposal.read",
    VisitList = "visit.list",
    VisitRead = "visit.read",
    VisitRecord = "visit.record",
    VisitMove = "visit.move",
    VisitCancel = "visit.cancel",
    /// An agreement made at a visit marked done or dropped outside a visit.
    AgreementClose = "agreement.close",
    /// A visit record or plan review kept as a draft while it is written.
    DraftSave = "draft.save",
    PlacementList = "placement.list",
    PlacementRead = "placement.read",
    PlacementUpdate = "placement.update",
    PlacementEnd = "placement.end",
    GoalList = "goal.list",
    GoalRead = "goal.read",
    GoalCreate = "goal.create",
    GoalRevise = "goal.revise",
    GoalClose = "goal.close",
    ProgressRecord = "goal.progress",
    ReviewList = "review.list",
    ReviewRecord = "review.record",
    StayExtend = "placement.extend_stay",
    CaseloadRead = "caseload.read",
    Export = "export",
    /// A document for the family made (page or PDF): the child's plan, a plan review's note,
    /// a visit summary, the decision on a proposal.
    DocumentChildPlan = "document.child_plan",
    DocumentPlanReview = "document.plan_review",
    DocumentVisitSummary = "document.visit_summary",
    DocumentProposalDecision = "document.proposal_decision",
    CalendarFeed = "calendar.feed",
    ReadDenied = "child.read_denied",
    ChangeDenied = "child.change_denied",
    /// A CPR number was checked against the register (creating a child, an import row).
    CprCheck = "child.cpr_check",
    LoginSucceeded = "session.login",
    /// A sign-in through the identity provider refused, with the provider and the reason.
    LoginRefused = "session.login_refused",
    /// A person's identity at a provider linked to their account at their first sign-in.
    IdentityLink = "user.identity_link",
    /// An administrator undid a person's links to the identity providers.
    IdentityUnlink = "user.identity_unlink",
    SessionEnded = "session.end",
    UserCreate = "user.create",
    UserUpdate = "user.update",
    /// The e-mail address a user logs in and gets reset links with changed.
    UserEmailChange = "user.email_change",
    /// Roles or units changed: what the user may reach.
    UserAccessChange = "user.access_change",
    UserDisable = "user.disable",
    UserEnable = "user.enable",
    PasswordChange = "user.password_change",
    PasswordResetSent = "user.password_reset_sent",
    PasswordResetUsed = "user.password_reset_used",
    TokenCreate = "token.create",
    TokenRevoke = "token.revoke",
    RulesChange = "rules.update",
    NeedChange = "need.change",
    UnitChange = "unit.change",
    AuditRead = "audit.read",
    /// A stand-in named for a period: they reach the absent person's cases while it runs.
    CoverSet = "cover.set",
    CoverEnd = "cover.end",
}

impl AuditAction {
    /// Whether this is a privileged change or a security event rather than access to a
    /// child's data: what the audit view lists under "privileged changes".
    pub fn is_privileged(self) -> bool {
        use AuditAction::*;
        matches!(
            self,
            LoginSucceeded
                | LoginRefused
                | IdentityLink
                | IdentityUnlink
                | SessionEnded
                | UserCreate
                | UserUpdate
                | UserEmailChange
                | UserAccessChange
                | UserDisable
                | UserEnable
                | PasswordChange
                | PasswordResetSent
                | PasswordResetUsed
                | TokenCreate
                | TokenRevoke
                | RulesChange
                | NeedChange
                | UnitChange
                | CprReveal
                | AuditRead
                | CoverSet
                | CoverEnd
        )
    }
}

/// A result that holds data about children. Implemented by every view that does.
pub trait ChildData {
    /// The children whose data this holds.
    fn child_ids(&self) -> Vec<ChildId>;
}

impl<T: ChildData> ChildData for Vec<T> {
    fn child_ids(&self) -> Vec<ChildId> {
        self.iter().flat_map(ChildData::child_ids).collect()
    }
}

impl<T: ChildData> ChildData for crate::Paged<T> {
    fn child_ids(&self) -> Vec<ChildId> {
        self.items.child_ids()
    }
}

/// Records that `actor` read `data`, then hands it back.
pub async fn read<T: ChildData>(
    app: &App,
    actor: &Actor,
    action: AuditAction,
    data: T,
) -> Result<T> {
    let mut ids: Vec<i64> = data.child_ids().into_iter().map(|c| c.0).collect();
    ids.sort_unstable();
    ids.dedup();
    app.read_log()
        .record(ChildReads {
            actor_id: actor.id.0,
            action: action.as_str(),
            child_ids: ids,
            at: app.now(),
        })
        .await?;
    Ok(data)
}

/// Who is changing a child's data: a use case's change is audited through it, in the
/// change's own transaction, as `audit::by(app, actor).changed(&tx, action, child, record)`.
#[derive(Debug)]
pub struct By<'a> {
    app: &'a App,
    actor: &'a Actor,
}

/// The audit of the changes `actor` makes.
pub fn by<'a>(app: &'a App, actor: &'a Actor) -> By<'a> {
    By { app, actor }
}

impl By<'_> {
    /// Records a change to a child's data (`record`: the table and the row changed), inside
    /// the change's transaction.
    pub async fn changed<C: ConnectionTrait>(
        &self,
        conn: &C,
        action: AuditAction,
        child: ChildId,
        (entity, entity_id): (&'static str, i64),
    ) -> Result<()> {
        let entry = AuditEntry {
            actor_id: Some(self.actor.id.0),
            action: action.as_str().to_owned(),
            entity,
            entity_id: Some(entity_id),
            child_id: Some(child.0),
            detail: None,
        };
        append(conn, &[entry], self.app.now()).await?;
        Ok(())
    }
}

/// Records a privileged change (users, roles, units, rules, tokens, passwords, a session
/// ended) or a security event (a login), inside the change's own transaction where there is
/// one. `actor` is who did it (`None` for the system or the command line); `entity` and `id`
/// what it was done to; `detail` codes saying what changed (`roles=leader;units=3`), never
/// names or case text.
pub async fn event<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    actor: Option<UserId>,
    action: AuditAction,
    entity: &'static str,
    id: Option<i64>,
    detail: Option<String>,
) -> Result<()> {
    append(
        conn,
        &[AuditEntry {
            actor_id: actor.map(|a| a.0),
            action: action.as_str().to_owned(),
            entity,
            entity_id: id,
            child_id: None,
            detail,
        }],
        app.now(),
    )
    .await?;
    Ok(())
}

/// Records a refused attempt to read or change a specific child's data.
pub async fn denied(app: &App, actor: &Actor, action: AuditAction, child: ChildId) -> Result<()> {
    append(
        app.db().conn(),
        &[AuditEntry {
            actor_id: Some(actor.id.0),
            action: action.as_str().to_owned(),
            entity: "child",
            entity_id: Some(child.0),
            child_id: Some(child.0),
            detail: None,
        }],
        app.now(),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_has_a_code_of_its_own() {
        let mut codes: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        let count = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), count, "two actions share a stored code");
        assert!(AuditAction::ALL.contains(&AuditAction::AuditRead));
    }

    /// The audit page shows each action in words: every action has them in both languages,
    /// and the catalogue names no action that does not exist.
    #[test]
    fn every_action_has_words_in_the_catalogue() {
        let keys: Vec<String> = AuditAction::ALL
            .iter()
            .map(|a| format!("audit_action.{}", a.as_str().replace('.', "_")))
            .collect();
        for key in &keys {
            assert!(kith_text::has(key), "{key}");
        }
        for lang in [kith_domain::Lang::Da, kith_domain::Lang::En] {
            let defined: Vec<String> = kith_text::keys(lang)
                .into_iter()
                .filter(|k| k.starts_with("audit_action."))
                .collect();
            assert_eq!(defined.len(), keys.len(), "{lang}: {defined:?}");
        }
    }
}
