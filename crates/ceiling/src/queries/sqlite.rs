//! Kith's statements on a SQLite connection, each prepared once per connection.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::{
    CHILDREN, OPTIONS, PRINCIPAL, Principal, TOUCH, children_answer, current_statuses, for_sqlite,
    instant_text, options_answer, today,
};
use crate::cursor::Sealer;
use crate::lists::{ChildRow, ListKind, OptionRow};

type Answer = Option<(i64, String, Vec<i64>)>;

fn db(e: rusqlite::Error) -> String {
    e.to_string()
}

/// The principal of a token hash, noting its use once a minute.
fn principal(c: &Connection, hash: &str) -> Result<Option<Principal>, String> {
    let now = Utc::now();
    let mut s = c.prepare_cached(&for_sqlite(PRINCIPAL)).map_err(db)?;
    let mut rows = s
        .query(params![true, hash, instant_text(now)])
        .map_err(db)?;
    let mut found = None;
    while let Some(r) = rows.next().map_err(db)? {
        // Every column of the join is read, as Kith folds them into roles and units.
        let _: (String, String, String, Option<String>) = (
            r.get(1).map_err(db)?,
            r.get(2).map_err(db)?,
            r.get(3).map_err(db)?,
            r.get(4).map_err(db)?,
        );
        let _: (Option<String>, Option<i64>, Option<String>) = (
            r.get(5).map_err(db)?,
            r.get(6).map_err(db)?,
            r.get(7).map_err(db)?,
        );
        found.get_or_insert(Principal {
            user_id: r.get(0).map_err(db)?,
            token_id: r.get(8).map_err(db)?,
            last_used_at: r.get::<_, Option<DateTime<Utc>>>(9).map_err(db)?,
        });
    }
    drop(rows);
    if let Some(p) = &found
        && p.touch_due(now)
    {
        c.prepare_cached(&for_sqlite(TOUCH))
            .and_then(|mut s| s.execute(params![instant_text(now), p.token_id]))
            .map_err(db)?;
    }
    Ok(found)
}

/// The answer to a list request: the reader, the body and the children on the page.
pub fn answer(
    c: &Connection,
    sealer: &Sealer,
    kind: ListKind,
    hash: &str,
    limit: i64,
) -> Result<Answer, String> {
    let Some(p) = principal(c, hash)? else {
        return Ok(None);
    };
    let me = p.user_id;
    let statuses = current_statuses();
    let n = usize::try_from(limit).unwrap_or(50);
    let (body, children) = match kind {
        ListKind::Children => {
            let day = today();
            let d = day.format("%F").to_string();
            let mut s = c.prepare_cached(&for_sqlite(CHILDREN)).map_err(db)?;
            let rows = s
                .query_map(
                    params![me, me, d, d, statuses[0], statuses[1], me, d, d, limit + 1],
                    |r| {
                        Ok(ChildRow {
                            id: r.get(0)?,
                            name: r.get(1)?,
                            birth_date: r.get(2)?,
                            case_adviser_id: r.get(3)?,
                            target_area: r.get(4)?,
                            support_level: r.get(5)?,
                            placement_requested_on: r.get(6)?,
                            sibling_group_id: r.get(7)?,
                            case_adviser_name: r.get(8)?,
                        })
                    },
                )
                .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                .map_err(db)?;
            children_answer(rows, n, sealer, me, day)?
        }
        ListKind::Options => {
            let mut s = c.prepare_cached(&for_sqlite(OPTIONS)).map_err(db)?;
            let rows = s
                .query_map(params![statuses[0], statuses[1], 1, 1, limit + 1], |r| {
                    Ok(OptionRow {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        name: r.get(2)?,
                        address: r.get(3)?,
                        approval_authority: r.get(4)?,
                        approved_on: r.get(5)?,
                        approval_valid_until: r.get(6)?,
                        approval_status: r.get(7)?,
                        approved_places: r.get(8)?,
                        age_min: r.get(9)?,
                        age_max: r.get(10)?,
                        target_areas: r.get(11)?,
                        responsible_consultant_id: r.get(12)?,
                        capacity_confirmed_at: r.get(13)?,
                        responsible_consultant_name: r.get(14)?,
                        places_taken: r.get(15)?,
                    })
                })
                .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                .map_err(db)?;
            options_answer(rows, n, sealer, me)?
        }
        ListKind::Visits => super::visits::answer(c, sealer, me, limit, today())?,
    };
    Ok(Some((me, body, children)))
}
