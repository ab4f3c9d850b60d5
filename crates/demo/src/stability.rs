//! The demo's stability facts, so the matches, the option pages and the children's pages show
//! them: drawn from the ids, without the random stream (the rest of the demo stays as it was).
//! Of the family-based options, one in three has confirmed a home with a child of the carers'
//! own, one in three a home with no other children, and one in three never confirmed it. Of
//! the children, both the child and the parents agree for most; every fifth has nothing
//! recorded, every seventh's parents disagree; every sixth had a general foster family break
//! down before Kith; every eighth changed school in the last three months.

use chrono::{Days, Months};
use kith_domain::PlacementKind;
use kith_domain::stability_facts::{Consent, EarlierPlacement, HouseholdChild, HouseholdRelation};
use kith_store::ConnectionTrait;

use crate::children::DemoChild;
use crate::options::DemoOption;
use crate::seeder::Seeder;
use kith_app::Result;

/// Records the families' homes and the children's consent and earlier placements.
pub(crate) async fn seed<C: ConnectionTrait>(
    s: &mut Seeder<'_, C>,
    children: &[DemoChild],
    options: &[DemoOption],
) -> Result<()> {
    for o in options.iter().filter(|o| o.kind.is_family_based()) {
        let home = match o.id % 3 {
            0 => continue,
            1 => vec![HouseholdChild {
                born_on: s.today - Months::new(12 * (3 + (o.id % 12) as u32) + 5),
                relation: HouseholdRelation::OwnChild,
            }],
            _ => vec![],
        };
        let confirmed = s.today - Days::new((o.id % 200) as u64);
        kith_store::options::set_household(s.conn, o.id, home, o.consultant, s.now, confirmed)
            .await?;
    }
    for c in children {
        let (child, parents) = match (c.id % 5, c.id % 7) {
            (0, _) => (None, None),
            (_, 0) => (Some(Consent::Agrees), Some(Consent::Disagrees)),
            _ => (Some(Consent::Agrees), Some(Consent::Agrees)),
        };
        let earlier = if c.id % 6 == 0 {
            vec![EarlierPlacement {
                kind: PlacementKind::GeneralFosterFamily,
                breakdown: true,
            }]
        } else {
            vec![]
        };
        kith_store::children::set_stability_facts(s.conn, c.id, child, parents, earlier, s.now)
            .await?;
        if c.id % 8 == 0 {
            let day = s.today - Days::new(30 + (c.id % 60) as u64);
            kith_store::children::record_school_change(s.conn, c.id, day, c.adviser, s.now).await?;
        }
    }
    Ok(())
}
