//! The demo's stand-ins, so the weeks and the cover pages show them: the second foster-care
//! consultant is away this week and the next (days off and a stand-in, `consultant@`, who finds
//! the items on their week); `consultant@` is away for a week in three weeks' time, with the
//! third consultant named; the third adviser is away this week with the second standing in,
//! who stands in for `adviser@` too in two weeks. Drawn without the random stream (the rest of
//! the demo stays as it was).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use kith_store::ConnectionTrait;
use kith_store::covers::NewCover;

use crate::seeder::Seeder;
use crate::staff::Staff;
use kith_app::Result;

/// Records the days off and the covers.
pub(crate) async fn seed<C: ConnectionTrait>(s: &mut Seeder<'_, C>, staff: &Staff) -> Result<()> {
    let monday = s.today - Days::new(u64::from(s.today.weekday().num_days_from_monday()));
    let consultants = &staff.foster_consultants;
    let advisers = &staff.advisers;
    let periods = [
        (
            consultants[1],
            consultants[0],
            monday,
            monday + Days::new(11),
        ),
        (
            consultants[0],
            consultants[2],
            monday + Days::new(21),
            monday + Days::new(25),
        ),
        (advisers[2], advisers[1], monday, monday + Days::new(4)),
        (
            advisers[0],
            advisers[1],
            monday + Days::new(14),
            monday + Days::new(18),
        ),
    ];
    for (absent, stand_in, first_day, last_day) in periods {
        let days = working_days(first_day, last_day);
        kith_store::staff_time::replace_days_off(s.conn, absent, s.today, &days).await?;
        kith_store::covers::insert(
            s.conn,
            &NewCover {
                absent_id: absent,
                stand_in_id: stand_in,
                first_day,
                last_day,
                created_by: absent,
            },
            s.now,
        )
        .await?;
    }
    Ok(())
}

/// Monday to Friday from `first` to `last`.
fn working_days(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect()
}
