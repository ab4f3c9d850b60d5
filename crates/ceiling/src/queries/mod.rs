//! Kith's own statements, as it sends them (captured from `kith serve` with the SQL trace on),
//! and the answer each list gives. The scope clauses are those of the actors the bench reads
//! as: a case adviser's children (her caseload and what she covers as a stand-in) and the
//! match unit's options (all).

use chrono::{NaiveDate, SecondsFormat, Utc};
use kith_domain::PlacementStatus;
use sha2::{Digest, Sha256};

use crate::cursor::{Sealer, SortKey};
use crate::lists::{ChildRow, ListKind, OptionRow, cut, encode};

pub mod postgres;
pub mod sqlite;
pub mod visits;

/// SHA-256 (hex) of a token: what the database stores (`kith_app::auth::token_hash`).
pub fn token_hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Today in Copenhagen.
pub fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive()
}

/// An instant as sqlx writes it into SQLite's text columns.
pub fn instant_text(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// The statuses of current placements, in Kith's order.
pub fn current_statuses() -> Vec<&'static str> {
    PlacementStatus::ALL
        .iter()
        .filter(|s| s.takes_a_place())
        .map(|s| s.as_str())
        .collect()
}

/// The principal of a token: `kith_store::principals::by_token_hash`.
pub const PRINCIPAL: &str = r#"SELECT "u"."id" AS "user_id", "u"."name" AS "name", "u"."email" AS "email", "u"."locale" AS "locale", "u"."sessions_valid_after" AS "sessions_valid_after", "r"."role" AS "role", "n"."id" AS "unit_id", "n"."kind" AS "unit_kind", "api_token"."id" AS "token_id", "api_token"."last_used_at" AS "token_used_at" FROM "app_user" AS "u" LEFT JOIN "user_role" AS "r" ON "r"."user_id" = "u"."id" LEFT JOIN "unit_member" AS "m" ON "m"."user_id" = "u"."id" LEFT JOIN "unit" AS "n" ON "n"."id" = "m"."unit_id" INNER JOIN "api_token" ON "api_token"."user_id" = "u"."id" WHERE "u"."active" = $1 AND "api_token"."token_hash" = $2 AND "api_token"."revoked_at" IS NULL AND "api_token"."expires_at" > $3"#;

/// "Last used" to the minute (`kith_store::tokens::touch`).
pub const TOUCH: &str = r#"UPDATE "api_token" SET "last_used_at" = $1 WHERE "api_token"."id" = $2"#;

/// A case adviser's first page of children by name (`kith_store::children::list`).
pub const CHILDREN: &str = r#"SELECT "child"."id", "child"."name", "child"."birth_date", "child"."case_adviser_id", "child"."target_area", "child"."support_level", "child"."placement_requested_on", "child"."sibling_group_id", "app_user"."name" AS "case_adviser_name" FROM "child" LEFT JOIN "app_user" ON "child"."case_adviser_id" = "app_user"."id" WHERE "child"."case_adviser_id" = $1 OR ("child"."case_adviser_id" IN (SELECT "absent_id" FROM "cover" WHERE "cover"."stand_in_id" = $2 AND "cover"."first_day" <= $3 AND "cover"."last_day" >= $4) OR "child"."id" IN (SELECT "child_id" FROM "placement" WHERE "placement"."status" IN ($5, $6) AND "placement"."consultant_id" IN (SELECT "absent_id" FROM "cover" WHERE "cover"."stand_in_id" = $7 AND "cover"."first_day" <= $8 AND "cover"."last_day" >= $9))) ORDER BY "child"."name" ASC, "child"."id" ASC LIMIT $10"#;

/// The match unit's first page of options by name (`kith_store::options::list`).
pub const OPTIONS: &str = r#"SELECT "placement_option"."id", "placement_option"."kind", "placement_option"."name", "placement_option"."address", "placement_option"."approval_authority", "placement_option"."approved_on", "placement_option"."approval_valid_until", "placement_option"."approval_status", "placement_option"."approved_places", "placement_option"."age_min", "placement_option"."age_max", "placement_option"."target_areas", "placement_option"."responsible_consultant_id", "placement_option"."capacity_confirmed_at", "app_user"."name" AS "responsible_consultant_name", (SELECT COUNT("placement"."id") FROM "placement" WHERE "placement"."option_id" = "placement_option"."id" AND "placement"."status" IN ($1, $2)) AS "places_taken" FROM "placement_option" LEFT JOIN "app_user" ON "placement_option"."responsible_consultant_id" = "app_user"."id" WHERE $3 = $4 ORDER BY "placement_option"."name" ASC, "placement_option"."id" ASC LIMIT $5"#;

/// The same statement with SQLite's numbered parameters.
pub fn for_sqlite(sql: &str) -> String {
    sql.replace('$', "?")
}

/// What the principal's rows say: the user, and whether the token's use is to be noted.
pub struct Principal {
    pub user_id: i64,
    pub token_id: i64,
    pub last_used_at: Option<chrono::DateTime<Utc>>,
}

impl Principal {
    /// Whether "last used" is a minute old or more.
    pub fn touch_due(&self, now: chrono::DateTime<Utc>) -> bool {
        self.last_used_at
            .is_none_or(|t| now - t >= chrono::Duration::seconds(60))
    }
}

/// The children page's answer from its rows (read with `limit + 1`).
pub fn children_answer(
    mut rows: Vec<ChildRow>,
    limit: usize,
    sealer: &Sealer,
    reader: i64,
    today: NaiveDate,
) -> Result<(String, Vec<i64>), String> {
    let more = cut(&mut rows, limit);
    let cursor = rows
        .last()
        .filter(|_| more)
        .map(|r| sealer.seal("children", reader, SortKey::Text(r.name.clone()), r.id));
    let items = rows
        .into_iter()
        .map(|r| r.summary(today))
        .collect::<Result<Vec<_>, _>>()?;
    encode(items, cursor)
}

/// The options page's answer (no child in it: nothing to audit).
pub fn options_answer(
    mut rows: Vec<OptionRow>,
    limit: usize,
    sealer: &Sealer,
    reader: i64,
) -> Result<(String, Vec<i64>), String> {
    let more = cut(&mut rows, limit);
    let cursor = rows
        .last()
        .filter(|_| more)
        .map(|r| sealer.seal("options", reader, SortKey::Text(r.name.clone()), r.id));
    let items = rows
        .into_iter()
        .map(OptionRow::summary)
        .collect::<Result<Vec<_>, _>>()?;
    encode(items, cursor)
}

impl ListKind {
    /// The audit action of a read of this list.
    pub fn audit_action(self) -> &'static str {
        match self {
            ListKind::Children => "child.list",
            ListKind::Options => "option.list",
            ListKind::Visits => "visit.list",
        }
    }
}
