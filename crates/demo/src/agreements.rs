//! A few agreements made at the demo's last visits, so the demo consultant's and adviser's
//! weeks and placements show agreements that reach their holder: some due soon, one already
//! overdue, one for the parents (followed at the next visit).

use chrono::Days;
use kith_domain::agreement::{Holders, holder};
use kith_domain::{Party, UserId};
use kith_store::ConnectionTrait;
use kith_store::visits::NewFollowUp;

use crate::placements::Placed;
use crate::seeder::Seeder;
use crate::staff::Staff;
use kith_app::Result;

/// (what, owner, days from today it is due; negative: overdue)
const AGREED: [(&str, Party, i64); 4] = [
    ("Søg om lektiehjælp på skolen", Party::Adviser, 10),
    ("Ring til skolen om fraværet", Party::Consultant, -3),
    (
        "Aftal samvær i juleferien med forældrene",
        Party::Adviser,
        4,
    ),
    (
        "Forældrene ringer til barnet hver søndag",
        Party::Parents,
        14,
    ),
];

/// Agreements at the last held visit of two placements the demo consultant follows and two
/// the demo adviser holds.
pub(crate) async fn seed<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    staff: &Staff,
    placed: &Placed,
) -> Result<()> {
    let (Some(&consultant), Some(&adviser)) =
        (staff.foster_consultants.first(), staff.advisers.first())
    else {
        return Ok(());
    };
    let consultants = placed
        .started
        .iter()
        .filter(|p| p.consultant == Some(consultant))
        .take(2);
    let advisers = placed
        .started
        .iter()
        .filter(|p| p.adviser == adviser && p.consultant != Some(consultant))
        .take(2);
    for (p, (what, owner, days)) in consultants.chain(advisers).zip(AGREED) {
        let Some(visit) = kith_store::visits::last_held_visit(s.conn, p.id).await? else {
            continue;
        };
        let due = if days < 0 {
            s.today - Days::new(days.unsigned_abs())
        } else {
            s.today + Days::new(days.unsigned_abs())
        };
        let item = NewFollowUp {
            what: what.to_owned(),
            owner: owner.as_str().to_owned(),
            holder_id: holder(
                owner,
                Holders {
                    adviser: UserId(p.adviser),
                    consultant: p.consultant.map(UserId),
                    leader: None,
                },
            )
            .map(|u| u.0),
            due_on: due,
        };
        kith_store::visits::add_follow_ups(s.conn, visit, p.id, &[item], s.now).await?;
    }
    Ok(())
}
