//! The consultant's first page of visits on SQLite: Kith's seven statements
//! (`kith_store::visits::list`, then `wheel::views::build`: the rules in force, the page's
//! placements, their children and options, the staff named, the follow-ups).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::wheel::{WheelRules, Window};
use kith_domain::{ChildId, PlacementId, PlacementOptionId, UserId};
use rusqlite::{Connection, params, params_from_iter};

use super::{current_statuses, for_sqlite};
use crate::cursor::{Sealer, SortKey};
use crate::lists::{StaffRef, cut, encode};
use crate::visits::{FollowUpRow, Lookups, PlacementRef, VisitRow, town, views};

const VISITS: &str = r#"SELECT "visit"."id", "visit"."placement_id", "visit"."kind", "visit"."status", "visit"."due_on", "visit"."opens_on", "visit"."closes_on", "visit"."planned_on", "visit"."assignee_id", "visit"."pinned", "visit"."flag", "visit"."held_on", "visit"."held_by_id", "visit"."child_seen_alone", "visit"."not_seen_alone_reason", "visit"."child_view", "visit"."observations", "visit"."recorded_at", "visit"."moved_reason", "visit"."cancel_reason", "visit"."cancel_note", "visit"."escalated_at", "visit"."created_at", "visit"."updated_at" FROM "visit" WHERE "visit"."assignee_id" = $1 OR "visit"."assignee_id" IN (SELECT "absent_id" FROM "cover" WHERE "cover"."stand_in_id" = $2 AND "cover"."first_day" <= $3 AND "cover"."last_day" >= $4) OR "visit"."placement_id" IN (SELECT "id" FROM "placement" WHERE "placement"."child_id" IN (SELECT "id" FROM "child" WHERE "child"."id" IN (SELECT "child_id" FROM "placement" WHERE "placement"."status" IN ($5, $6) AND "placement"."consultant_id" = $7) OR ("child"."case_adviser_id" IN (SELECT "absent_id" FROM "cover" WHERE "cover"."stand_in_id" = $8 AND "cover"."first_day" <= $9 AND "cover"."last_day" >= $10) OR "child"."id" IN (SELECT "child_id" FROM "placement" WHERE "placement"."status" IN ($11, $12) AND "placement"."consultant_id" IN (SELECT "absent_id" FROM "cover" WHERE "cover"."stand_in_id" = $13 AND "cover"."first_day" <= $14 AND "cover"."last_day" >= $15))))) ORDER BY "visit"."planned_on" ASC, "visit"."id" ASC LIMIT $16"#;

const RULES: &str = r#"SELECT "rule_set"."key", "rule_set"."value", "rule_set"."updated_at", "rule_set"."updated_by" FROM "rule_set" WHERE "rule_set"."key" = ? LIMIT ?"#;

const PLACEMENTS: &str = r#"SELECT "placement"."id", "placement"."child_id", "placement"."option_id", "placement"."start_date", "placement"."planned_end_date", "placement"."exit_goal", "placement"."status", "placement"."end_date", "placement"."end_reason", "placement"."consultant_id", "placement"."adviser_id", "placement"."proposal_id", "placement"."created_at", "placement"."updated_at", "placement"."review_rhythm_months", "placement"."requested_on", "placement"."exit_plan", "placement"."exit_goal_reached", "placement"."breakdown", "placement"."exit_move_on", "placement"."after_care_decision", "placement"."after_care_decided_on" FROM "placement" WHERE "placement"."id" IN (@) ORDER BY "placement"."id" ASC"#;

const CHILDREN: &str = r#"SELECT "child"."id", "child"."name", "child"."birth_date", "child"."cpr_encrypted", "child"."cpr_hash", "child"."case_adviser_id", "child"."target_area", "child"."support_level", "child"."needs_wheelchair_access", "child"."languages", "child"."culture_religion_wishes", "child"."school_address", "child"."school_lat", "child"."school_lon", "child"."parents_address", "child"."parents_lat", "child"."parents_lon", "child"."own_wishes", "child"."placement_requested_on", "child"."sibling_group_id", "child"."created_at", "child"."updated_at", "child"."consent_child", "child"."consent_parents", "child"."earlier_placements" FROM "child" WHERE "child"."id" IN (@) ORDER BY "child"."name" ASC, "child"."id" ASC"#;

const OPTIONS: &str = r#"SELECT "placement_option"."id", "placement_option"."kind", "placement_option"."institution_form", "placement_option"."name", "placement_option"."address", "placement_option"."lat", "placement_option"."lon", "placement_option"."approval_authority", "placement_option"."approved_on", "placement_option"."approval_valid_until", "placement_option"."approval_status", "placement_option"."approved_places", "placement_option"."age_min", "placement_option"."age_max", "placement_option"."target_areas", "placement_option"."languages", "placement_option"."culture_religion", "placement_option"."wheelchair_access", "placement_option"."day_rate_dkk", "placement_option"."responsible_consultant_id", "placement_option"."capacity_confirmed_at", "placement_option"."capacity_confirmed_by", "placement_option"."network_child_id", "placement_option"."created_at", "placement_option"."updated_at", "placement_option"."household", "placement_option"."household_confirmed_on", "placement_option"."household_confirmed_by", "placement_option"."household_revision" FROM "placement_option" WHERE "placement_option"."id" IN (@)"#;

const STAFF: &str =
    r#"SELECT "app_user"."id", "app_user"."name" FROM "app_user" WHERE "app_user"."id" IN (@)"#;

const FOLLOW_UPS: &str = r#"SELECT "visit_follow_up"."id", "visit_follow_up"."visit_id", "visit_follow_up"."placement_id", "visit_follow_up"."what", "visit_follow_up"."owner", "visit_follow_up"."due_on", "visit_follow_up"."done_on", "visit_follow_up"."closed_at_visit_id", "visit_follow_up"."created_at", "visit_follow_up"."state", "visit_follow_up"."holder_id", "visit_follow_up"."closing_note", "visit_follow_up"."closed_by", "visit_follow_up"."closed_at" FROM "visit_follow_up" WHERE "visit_follow_up"."visit_id" IN (@) ORDER BY "visit_follow_up"."due_on" ASC, "visit_follow_up"."id" ASC"#;

fn db(e: rusqlite::Error) -> String {
    e.to_string()
}

/// The statement with one placeholder per id in its `IN (@)`.
fn with_ids(sql: &str, n: usize) -> String {
    sql.replace('@', &vec!["?"; n].join(", "))
}

fn rows<T>(
    c: &Connection,
    sql: &str,
    ids: &[i64],
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, String> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut s = c.prepare_cached(&with_ids(sql, ids.len())).map_err(db)?;
    s.query_map(params_from_iter(ids), f)
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(db)
}

fn visit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<VisitRow> {
    Ok(VisitRow {
        id: r.get(0)?,
        placement_id: r.get(1)?,
        kind: r.get(2)?,
        status: r.get(3)?,
        window: Window {
            due_on: r.get(4)?,
            opens_on: r.get(5)?,
            closes_on: r.get(6)?,
        },
        planned_on: r.get(7)?,
        assignee_id: r.get(8)?,
        pinned: r.get(9)?,
        flag: r.get(10)?,
        held_on: r.get(11)?,
        held_by_id: r.get(12)?,
        child_seen_alone: r.get(13)?,
        not_seen_alone_reason: r.get(14)?,
        child_view: r.get(15)?,
        observations: r.get(16)?,
        recorded_at: r.get::<_, Option<DateTime<Utc>>>(17)?,
        moved_reason: r.get(18)?,
        cancel_reason: r.get(19)?,
        cancel_note: r.get(20)?,
    })
}

/// The placements of the page with their children's and options' names.
fn placements(c: &Connection, visits: &[VisitRow]) -> Result<HashMap<i64, PlacementRef>, String> {
    let mut ids: Vec<i64> = visits.iter().map(|v| v.placement_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let placed: Vec<(i64, i64, i64)> = rows(c, PLACEMENTS, &ids, |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    let child_ids: Vec<i64> = placed.iter().map(|p| p.1).collect();
    let option_ids: Vec<i64> = placed.iter().map(|p| p.2).collect();
    let children: HashMap<i64, String> =
        rows(c, CHILDREN, &child_ids, |r| Ok((r.get(0)?, r.get(1)?)))?
            .into_iter()
            .collect();
    let options: HashMap<i64, (String, String, String)> = rows(c, OPTIONS, &option_ids, |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(3)?, r.get(4)?)))
    })?
    .into_iter()
    .collect();
    let mut out = HashMap::new();
    for (id, child, option) in placed {
        let Some((kind, name, address)) = options.get(&option) else {
            continue;
        };
        out.insert(
            id,
            PlacementRef {
                id: PlacementId(id),
                code: format!("P-{id:05}"),
                child_id: ChildId(child),
                child_name: children.get(&child).cloned().unwrap_or_default(),
                option_id: PlacementOptionId(option),
                option_name: name.clone(),
                kind: kind.parse().map_err(|_| format!("not a kind: {kind}"))?,
                town: town(address),
            },
        );
    }
    Ok(out)
}

/// The answer and the children on the page.
pub fn answer(
    c: &Connection,
    sealer: &Sealer,
    me: i64,
    limit: i64,
    today: NaiveDate,
) -> Result<(String, Vec<i64>), String> {
    let d = today.format("%F").to_string();
    let st = current_statuses();
    let mut visits: Vec<VisitRow> = c
        .prepare_cached(&for_sqlite(VISITS))
        .and_then(|mut s| {
            s.query_map(
                params![
                    me,
                    me,
                    d,
                    d,
                    st[0],
                    st[1],
                    me,
                    me,
                    d,
                    d,
                    st[0],
                    st[1],
                    me,
                    d,
                    d,
                    limit + 1
                ],
                visit_row,
            )?
            .collect()
        })
        .map_err(db)?;
    let more = cut(&mut visits, usize::try_from(limit).unwrap_or(50));
    let cursor = visits
        .last()
        .filter(|_| more)
        .map(|v| sealer.seal("visits", me, SortKey::Date(v.planned_on), v.id));
    let stored: Option<String> = c
        .prepare_cached(RULES)
        .and_then(|mut s| {
            let mut q = s.query(params!["wheel", 1])?;
            q.next()?.map(|r| r.get(1)).transpose()
        })
        .map_err(db)?;
    let rules: WheelRules = match stored {
        Some(json) => serde_json::from_str(&json).map_err(|e| e.to_string())?,
        None => WheelRules::default(),
    };
    let placements = placements(c, &visits)?;
    let mut staff_ids: Vec<i64> = visits.iter().map(|v| v.assignee_id).collect();
    staff_ids.extend(visits.iter().filter_map(|v| v.held_by_id));
    staff_ids.sort_unstable();
    staff_ids.dedup();
    let staff = rows(c, STAFF, &staff_ids, |r| {
        let id: i64 = r.get(0)?;
        Ok((
            id,
            StaffRef {
                id: UserId(id),
                name: r.get(1)?,
            },
        ))
    })?
    .into_iter()
    .collect();
    let visit_ids: Vec<i64> = visits.iter().map(|v| v.id).collect();
    let follow_ups = rows(c, FOLLOW_UPS, &visit_ids, |r| {
        Ok(FollowUpRow {
            id: r.get(0)?,
            visit_id: r.get(1)?,
            placement_id: r.get(2)?,
            what: r.get(3)?,
            owner: r.get(4)?,
            due_on: r.get(5)?,
            done_on: r.get(6)?,
            state: r.get(9)?,
            holder_id: r.get(10)?,
            closing_note: r.get(11)?,
        })
    })?;
    let items = views(
        visits,
        Lookups {
            rules,
            placements,
            staff,
            follow_ups,
        },
        today,
    )?;
    encode(items, cursor)
}
