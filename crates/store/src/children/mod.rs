//! Children: their record, needs, network, siblings and unsuitable options.

mod network;
pub use network::*;
mod network_search;
pub use network_search::*;
mod links;
pub use links::*;
mod school;
pub use school::*;

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::{NeedCode, NeedLevel, NetworkApprovalStatus, Place, TargetArea};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use crate::entities::{
    app_user, child, child_known_option, child_need, child_unsuitable_option, network_person,
    placement_option, sibling_group,
};
use crate::paging::rows_by_key_then_id;
use crate::scope::ChildScope;
use crate::{Page, PageRequest, Position, Result, StringList};

/// Everything about a child that is stored on the child row.
#[derive(Debug, Clone)]
pub struct ChildFields {
    pub name: String,
    pub birth_date: NaiveDate,
    pub case_adviser_id: i64,
    pub target_area: TargetArea,
    pub support_level: NeedLevel,
    pub needs_wheelchair_access: bool,
    pub languages: Vec<String>,
    pub culture_religion_wishes: String,
    pub school: Option<Place>,
    pub parents_home: Option<Place>,
    pub own_wishes: String,
    pub placement_requested_on: Option<NaiveDate>,
}

/// A CPR number as stored: ciphertext and keyed lookup hash.
#[derive(Debug, Clone)]
pub struct SealedCpr {
    pub encrypted: String,
    pub lookup_hash: String,
}

/// Filters for the children list (on top of the access scope).
#[derive(Debug, Clone, Default)]
pub struct ChildFilter {
    pub case_adviser_id: Option<i64>,
    pub target_area: Option<TargetArea>,
    pub placement_requested: Option<bool>,
    pub order: ChildOrder,
}

/// The order of the children list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChildOrder {
    /// By name.
    #[default]
    Name,
    /// The waiting children only, the one who has waited longest first.
    LongestWaiting,
    /// By birth date, the oldest first.
    Oldest,
}

fn place_parts(p: &Option<Place>) -> (Option<String>, Option<f64>, Option<f64>) {
    match p {
        Some(p) => (
            Some(p.address.clone()),
            p.coordinates.map(|c| c.lat),
            p.coordinates.map(|c| c.lon),
        ),
        None => (None, None, None),
    }
}

fn apply_fields(am: &mut child::ActiveModel, f: &ChildFields, now: DateTime<Utc>) {
    let (school_address, school_lat, school_lon) = place_parts(&f.school);
    let (parents_address, parents_lat, parents_lon) = place_parts(&f.parents_home);
    am.name = Set(f.name.clone());
    am.birth_date = Set(f.birth_date);
    am.case_adviser_id = Set(f.case_adviser_id);
    am.target_area = Set(f.target_area.into());
    am.support_level = Set(f.support_level.into());
    am.needs_wheelchair_access = Set(f.needs_wheelchair_access);
    am.languages = Set(StringList(f.languages.clone()));
    am.culture_religion_wishes = Set(f.culture_religion_wishes.clone());
    am.school_address = Set(school_address);
    am.school_lat = Set(school_lat);
    am.school_lon = Set(school_lon);
    am.parents_address = Set(parents_address);
    am.parents_lat = Set(parents_lat);
    am.parents_lon = Set(parents_lon);
    am.own_wishes = Set(f.own_wishes.clone());
    am.placement_requested_on = Set(f.placement_requested_on);
    am.updated_at = Set(now);
}

/// Inserts a child and returns its id.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    fields: &ChildFields,
    cpr: Option<&SealedCpr>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut am = child::ActiveModel {
        created_at: Set(now),
        sibling_group_id: Set(None),
        cpr_encrypted: Set(cpr.map(|c| c.encrypted.clone())),
        cpr_hash: Set(cpr.map(|c| c.lookup_hash.clone())),
        ..Default::default()
    };
    apply_fields(&mut am, fields, now);
    let model = am.insert(conn).await?;
    Ok(model.id)
}

/// Replaces a child's row fields; the CPR number is replaced only when `cpr` is given.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    fields: &ChildFields,
    cpr: Option<&SealedCpr>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut am = child::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        ..Default::default()
    };
    apply_fields(&mut am, fields, now);
    if let Some(c) = cpr {
        am.cpr_encrypted = Set(Some(c.encrypted.clone()));
        am.cpr_hash = Set(Some(c.lookup_hash.clone()));
    }
    am.update(conn).await?;
    Ok(())
}

/// Replaces the needs profile.
pub async fn replace_needs<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    needs: &[(NeedCode, NeedLevel)],
) -> Result<()> {
    child_need::Entity::delete_many()
        .filter(child_need::Column::ChildId.eq(child_id))
        .exec(conn)
        .await?;
    if needs.is_empty() {
        return Ok(());
    }
    child_need::Entity::insert_many(needs.iter().map(|(code, level)| child_need::ActiveModel {
        child_id: Set(child_id),
        need_code: Set(code.as_str().to_owned()),
        level: Set(level.into()),
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Sets the support level and needs-profile columns only (the match unit's edit).
pub async fn update_profile<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    target_area: TargetArea,
    support_level: NeedLevel,
    needs_wheelchair_access: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    child::Entity::update_many()
        .col_expr(child::Column::TargetArea, Expr::value(target_area.as_str()))
        .col_expr(
            child::Column::SupportLevel,
            Expr::value(support_level.as_str()),
        )
        .col_expr(
            child::Column::NeedsWheelchairAccess,
            Expr::value(needs_wheelchair_access),
        )
        .col_expr(child::Column::UpdatedAt, Expr::value(now))
        .filter(child::Column::Id.eq(child_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces a child's stability facts: consent and the placements before Kith.
pub async fn set_stability_facts<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    consent_child: Option<kith_domain::stability_facts::Consent>,
    consent_parents: Option<kith_domain::stability_facts::Consent>,
    earlier: Vec<kith_domain::stability_facts::EarlierPlacement>,
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::{ActiveModelTrait, Set};
    child::ActiveModel {
        id: Set(child_id),
        consent_child: Set(consent_child.map(crate::Stored)),
        consent_parents: Set(consent_parents.map(crate::Stored)),
        earlier_placements: Set(Some(crate::stability_json::EarlierPlacements(earlier))),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(conn)
    .await?;
    Ok(())
}

/// Does a child with this id exist at all (regardless of who asks)?
pub async fn exists<C: ConnectionTrait>(conn: &C, id: i64) -> Result<bool> {
    Ok(child::Entity::find_by_id(id).count(conn).await? > 0)
}

/// The child, if it exists and is inside `scope`.
pub async fn get_in_scope<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    scope: &ChildScope,
) -> Result<Option<child::Model>> {
    Ok(child::Entity::find_by_id(id)
        .filter(scope.condition())
        .one(conn)
        .await?)
}

/// Children by id, without any scope (for internal use after the gate).
pub async fn get_many<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<child::Model>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(child::Entity::find()
        .filter(child::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(child::Column::Name)
        .order_by_asc(child::Column::Id)
        .all(conn)
        .await?)
}

/// The birth dates of children by id, without any scope (for the planner's first weeks of a
/// teenager): only the two columns, a thousand ids at a time.
pub async fn birth_dates<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, chrono::NaiveDate>> {
    use sea_orm::QuerySelect;
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(i64, chrono::NaiveDate)> = child::Entity::find()
            .select_only()
            .column(child::Column::Id)
            .column(child::Column::BirthDate)
            .filter(child::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// A page of children inside `scope`, ordered by name.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &ChildScope,
    filter: &ChildFilter,
    page: PageRequest,
) -> Result<Page<ChildListRow>> {
    let mut q = ChildListRow::select().filter(scope.condition());
    if let Some(a) = filter.case_adviser_id {
        q = q.filter(child::Column::CaseAdviserId.eq(a));
    }
    if let Some(t) = filter.target_area {
        q = q.filter(child::Column::TargetArea.eq(t.as_str()));
    }
    match filter.placement_requested {
        Some(true) => q = q.filter(child::Column::PlacementRequestedOn.is_not_null()),
        Some(false) => q = q.filter(child::Column::PlacementRequestedOn.is_null()),
        None => {}
    }
    match filter.order {
        ChildOrder::Name => {
            rows_by_key_then_id::<_, _, String, _>(
                conn,
                q,
                child::Column::Name,
                child::Column::Id,
                page,
                |m: &ChildListRow| Position::new(m.name.clone(), m.id),
            )
            .await
        }
        ChildOrder::Oldest => {
            rows_by_key_then_id::<_, _, NaiveDate, _>(
                conn,
                q,
                child::Column::BirthDate,
                child::Column::Id,
                page,
                |m: &ChildListRow| Position::new(m.birth_date, m.id),
            )
            .await
        }
        ChildOrder::LongestWaiting => {
            let q = q.filter(child::Column::PlacementRequestedOn.is_not_null());
            rows_by_key_then_id::<_, _, NaiveDate, _>(
                conn,
                q,
                child::Column::PlacementRequestedOn,
                child::Column::Id,
                page,
                |m: &ChildListRow| {
                    Position::new(m.placement_requested_on.unwrap_or_default(), m.id)
                },
            )
            .await
        }
    }
}

/// What a list shows of a child, with the case adviser's name: a third of the child's
/// columns and no second statement for the names (each row and each statement costs a
/// hand-over to SQLite's thread).
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct ChildListRow {
    pub id: i64,
    pub name: String,
    pub birth_date: NaiveDate,
    pub case_adviser_id: i64,
    /// `None` only if the adviser's row is gone (the key forbids it).
    pub case_adviser_name: Option<String>,
    pub target_area: crate::Stored<kith_domain::TargetArea>,
    pub support_level: crate::Stored<kith_domain::NeedLevel>,
    pub placement_requested_on: Option<NaiveDate>,
    pub sibling_group_id: Option<i64>,
}

impl ChildListRow {
    fn select() -> sea_orm::Select<child::Entity> {
        child::Entity::find()
            .select_only()
            .columns([
                child::Column::Id,
                child::Column::Name,
                child::Column::BirthDate,
                child::Column::CaseAdviserId,
                child::Column::TargetArea,
                child::Column::SupportLevel,
                child::Column::PlacementRequestedOn,
                child::Column::SiblingGroupId,
            ])
            .column_as(app_user::Column::Name, "case_adviser_name")
            .join(JoinType::LeftJoin, child::Relation::CaseAdviser.def())
    }
}

/// The list row of one child, if it exists (no scope: the caller has checked it).
pub async fn list_row<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<ChildListRow>> {
    Ok(ChildListRow::select()
        .filter(child::Column::Id.eq(id))
        .into_model::<ChildListRow>()
        .one(conn)
        .await?)
}

/// Every child in the scope, by name (exports).
pub async fn all_in_scope<C: ConnectionTrait>(
    conn: &C,
    scope: &ChildScope,
) -> Result<Vec<child::Model>> {
    use sea_orm::QueryOrder;
    Ok(child::Entity::find()
        .filter(scope.condition())
        .order_by_asc(child::Column::Name)
        .order_by_asc(child::Column::Id)
        .all(conn)
        .await?)
}

/// The id of the child with this CPR lookup hash, if any.
pub async fn find_by_cpr_hash<C: ConnectionTrait>(conn: &C, hash: &str) -> Result<Option<i64>> {
    Ok(child::Entity::find()
        .select_only()
        .column(child::Column::Id)
        .filter(child::Column::CprHash.eq(hash))
        .into_tuple()
        .one(conn)
        .await?)
}

/// The needs of the given children.
pub async fn needs_of<C: ConnectionTrait>(
    conn: &C,
    child_ids: &[i64],
) -> Result<Vec<child_need::Model>> {
    if child_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(child_need::Entity::find()
        .filter(child_need::Column::ChildId.is_in(child_ids.iter().copied()))
        .all(conn)
        .await?)
}

// ---- siblings ---------------------------------------------------------------------------

/// How many children there are (for the demo loader's "is the database empty").
pub async fn count_all<C: ConnectionTrait>(conn: &C) -> Result<u64> {
    Ok(child::Entity::find().count(conn).await?)
}

/// Sets or clears the "placement requested" date.
pub async fn set_placement_requested<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<()> {
    child::Entity::update_many()
        .col_expr(child::Column::PlacementRequestedOn, Expr::value(on))
        .col_expr(child::Column::UpdatedAt, Expr::value(now))
        .filter(child::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Gives the child's case to another adviser (a hand-over; the placements follow with
/// `placements::change_adviser_of_child`).
pub async fn set_case_adviser<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    adviser: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    child::Entity::update_many()
        .col_expr(child::Column::CaseAdviserId, Expr::value(adviser))
        .col_expr(child::Column::UpdatedAt, Expr::value(now))
        .filter(child::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

// ---- known options ----------------------------------------------------------------------

/// All children of the given sibling groups.
pub async fn in_sibling_groups<C: ConnectionTrait>(
    conn: &C,
    groups: &[i64],
) -> Result<Vec<child::Model>> {
    if groups.is_empty() {
        return Ok(vec![]);
    }
    Ok(child::Entity::find()
        .filter(child::Column::SiblingGroupId.is_in(groups.iter().copied()))
        .order_by_asc(child::Column::Id)
        .all(conn)
        .await?)
}
