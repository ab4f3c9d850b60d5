//! The demo's network searches, so the children's pages, the leaders' proposals and the
//! dashboard show them: drawn from each network person's approval, without the random stream
//! (the rest of the demo stays as it was). An approved person was asked, was willing and was
//! approved; one in assessment was willing and is being assessed; a refused one was refused
//! with the reason; of the others, every third child's adviser tried and did not reach them,
//! and rings again in three days.

use chrono::Days;
use kith_domain::{NetworkApprovalStatus, NetworkAskOutcome};
use kith_store::ConnectionTrait;
use kith_store::children::NewAsk;

use crate::children::DemoChild;
use crate::seeder::Seeder;
use kith_app::Result;

/// One demo record: days back, the outcome, the reason, and a next step with its days ahead.
type Record = (
    u64,
    NetworkAskOutcome,
    Option<&'static str>,
    Option<(&'static str, u64)>,
);

/// Records the searches of the children's networks.
pub(crate) async fn seed<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    children: &[DemoChild],
) -> Result<()> {
    let ids: Vec<i64> = children.iter().map(|c| c.id).collect();
    let advisers: std::collections::HashMap<i64, i64> =
        children.iter().map(|c| (c.id, c.adviser)).collect();
    for p in kith_store::children::network_of(s.conn, &ids).await? {
        let Some(&by) = advisers.get(&p.child_id) else {
            continue;
        };
        let day = |back: u64| s.today - Days::new(back);
        let records: Vec<Record> = match p.approval_status.0 {
            NetworkApprovalStatus::Approved => vec![
                (60, NetworkAskOutcome::Willing, None, None),
                (30, NetworkAskOutcome::Approved, None, None),
            ],
            NetworkApprovalStatus::InAssessment => vec![
                (40, NetworkAskOutcome::Willing, None, None),
                (20, NetworkAskOutcome::InAssessment, None, None),
            ],
            NetworkApprovalStatus::Refused => vec![(
                25,
                NetworkAskOutcome::Refused,
                Some("Kunne ikke godkendes: boligen har ikke plads til et barn."),
                None,
            )],
            NetworkApprovalStatus::None if p.child_id % 3 == 0 => vec![(
                4,
                NetworkAskOutcome::NotReached,
                None,
                Some(("Ringer igen", 3)),
            )],
            NetworkApprovalStatus::None => vec![],
        };
        for (back, outcome, reason, step) in records {
            let ask = NewAsk {
                child_id: p.child_id,
                network_person_id: p.id,
                asked_on: day(back),
                asked_by: by,
                outcome,
                reason,
                next_step: step.map(|(what, _)| what),
                next_step_on: step.map(|(_, ahead)| s.today + Days::new(ahead)),
            };
            kith_store::children::add_ask(s.conn, &ask, s.now).await?;
        }
    }
    Ok(())
}
