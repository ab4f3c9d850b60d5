//! Placement options, their competences, and how many of their places are taken.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::{
    AgeRange, Approval, Coordinates, InstitutionForm, NeedCode, NeedLevel, PlacementKind,
    TargetArea,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SubQueryStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    JoinType, PaginatorTrait, QueryFilter, QuerySelect, RelationTrait,
};

use crate::entities::{app_user, option_competence, placement, placement_option};
use crate::paging::rows_by_key_then_id;
use crate::scope::{OptionScope, current_statuses};
use crate::{Page, PageRequest, Position, Result, StringList};

/// Everything about an option that is stored on its row.
#[derive(Debug, Clone)]
pub struct OptionFields {
    pub kind: PlacementKind,
    pub institution_form: Option<InstitutionForm>,
    pub name: String,
    pub address: String,
    pub coordinates: Option<Coordinates>,
    pub approval: Approval,
    pub approved_places: u32,
    pub age_range: AgeRange,
    pub target_areas: Vec<TargetArea>,
    pub languages: Vec<String>,
    pub culture_religion: String,
    pub wheelchair_access: bool,
    pub day_rate_dkk: Option<u32>,
    pub responsible_consultant_id: Option<i64>,
    pub network_child_id: Option<i64>,
}

/// Filters for the options list (on top of the access scope).
#[derive(Debug, Clone, Default)]
pub struct OptionFilter {
    pub kind: Option<PlacementKind>,
    pub target_area: Option<TargetArea>,
    /// Only options with at least this many free places.
    pub min_free_places: Option<u32>,
    pub responsible_consultant_id: Option<i64>,
    /// The list's order.
    pub order: OptionOrder,
}

/// The orders of the options list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OptionOrder {
    /// By name (the default).
    #[default]
    Name,
    /// The most free places first (approved places less the current placements).
    MostFree,
}

/// An option's free places as SQL: its approved places less its current placements.
fn free_places_expr() -> sea_orm::sea_query::SimpleExpr {
    Expr::col((
        placement_option::Entity,
        placement_option::Column::ApprovedPlaces,
    ))
    .sub(taken_places_expr())
}

fn apply(am: &mut placement_option::ActiveModel, f: &OptionFields, now: DateTime<Utc>) {
    am.kind = Set(f.kind.into());
    am.institution_form = Set(f.institution_form.map(crate::Stored));
    am.name = Set(f.name.clone());
    am.address = Set(f.address.clone());
    am.lat = Set(f.coordinates.map(|c| c.lat));
    am.lon = Set(f.coordinates.map(|c| c.lon));
    am.approval_authority = Set(f.approval.authority.into());
    am.approved_on = Set(f.approval.approved_on);
    am.approval_valid_until = Set(f.approval.valid_until);
    am.approval_status = Set(f.approval.status.into());
    am.approved_places = Set(f.approved_places as i32);
    am.age_min = Set(i16::from(f.age_range.min));
    am.age_max = Set(i16::from(f.age_range.max));
    am.target_areas = Set(f.target_areas.clone().into());
    am.languages = Set(StringList(f.languages.clone()));
    am.culture_religion = Set(f.culture_religion.clone());
    am.wheelchair_access = Set(f.wheelchair_access);
    am.day_rate_dkk = Set(f.day_rate_dkk.map(|d| d as i32));
    am.responsible_consultant_id = Set(f.responsible_consultant_id);
    am.network_child_id = Set(f.network_child_id);
    am.updated_at = Set(now);
}

/// Inserts an option and returns its id.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    f: &OptionFields,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut am = placement_option::ActiveModel {
        created_at: Set(now),
        capacity_confirmed_at: Set(None),
        capacity_confirmed_by: Set(None),
        ..Default::default()
    };
    apply(&mut am, f, now);
    Ok(am.insert(conn).await?.id)
}

/// Replaces an option's row fields.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    f: &OptionFields,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut am = placement_option::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        ..Default::default()
    };
    apply(&mut am, f, now);
    am.update(conn).await?;
    Ok(())
}

/// Records that a user confirmed the option's capacity now.
pub async fn confirm_capacity<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    placement_option::Entity::update_many()
        .col_expr(
            placement_option::Column::CapacityConfirmedAt,
            Expr::value(now),
        )
        .col_expr(
            placement_option::Column::CapacityConfirmedBy,
            Expr::value(by),
        )
        .filter(placement_option::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces a family's record of the children in its home, confirmed today by `by`; the
/// option's `updated_at` moves, so matching reads it at once.
pub async fn set_household<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    children: Vec<kith_domain::stability_facts::HouseholdChild>,
    by: i64,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> Result<()> {
    use sea_orm::{ActiveModelTrait, Set};
    placement_option::ActiveModel {
        id: Set(id),
        household: Set(Some(crate::stability_json::Household(children))),
        household_confirmed_on: Set(Some(today)),
        household_confirmed_by: Set(Some(by)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(conn)
    .await?;
    placement_option::Entity::update_many()
        .col_expr(
            placement_option::Column::HouseholdRevision,
            Expr::cust("COALESCE(household_revision, 0) + 1"),
        )
        .filter(placement_option::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces an option's competences.
pub async fn replace_competences<C: ConnectionTrait>(
    conn: &C,
    option_id: i64,
    competences: &[(NeedCode, NeedLevel)],
) -> Result<()> {
    option_competence::Entity::delete_many()
        .filter(option_competence::Column::OptionId.eq(option_id))
        .exec(conn)
        .await?;
    if competences.is_empty() {
        return Ok(());
    }
    option_competence::Entity::insert_many(competences.iter().map(|(code, level)| {
        option_competence::ActiveModel {
            option_id: Set(option_id),
            need_code: Set(code.as_str().to_owned()),
            max_level: Set(level.into()),
        }
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Does an option with this id exist at all?
pub async fn exists<C: ConnectionTrait>(conn: &C, id: i64) -> Result<bool> {
    Ok(placement_option::Entity::find_by_id(id).count(conn).await? > 0)
}

/// The option, without any scope.
pub async fn get<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<placement_option::Model>> {
    Ok(placement_option::Entity::find_by_id(id).one(conn).await?)
}

/// The option, if it exists and is inside `scope`.
pub async fn get_in_scope<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    scope: &OptionScope,
) -> Result<Option<placement_option::Model>> {
    Ok(placement_option::Entity::find_by_id(id)
        .filter(scope.condition())
        .one(conn)
        .await?)
}

/// Places taken now: `approved_places - (SELECT COUNT(*) FROM placement ...)` as SQL.
fn taken_places_expr() -> sea_orm::sea_query::SimpleExpr {
    Expr::SubQuery(
        None,
        Box::new(SubQueryStatement::SelectStatement(
            Query::select()
                .expr(Expr::col((placement::Entity, placement::Column::Id)).count())
                .from(placement::Entity)
                .and_where(
                    Expr::col((placement::Entity, placement::Column::OptionId))
                        .equals((placement_option::Entity, placement_option::Column::Id)),
                )
                .and_where(
                    Expr::col((placement::Entity, placement::Column::Status))
                        .is_in(current_statuses()),
                )
                .to_owned(),
        )),
    )
}

/// A page of options inside `scope`, ordered by name.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &OptionScope,
    filter: &OptionFilter,
    page: PageRequest,
) -> Result<Page<OptionListRow>> {
    let mut q = OptionListRow::select().filter(scope.condition());
    if let Some(k) = filter.kind {
        q = q.filter(placement_option::Column::Kind.eq(k.as_str()));
    }
    if let Some(t) = filter.target_area {
        // JSON arrays are stored as text on SQLite and jsonb on PostgreSQL; the quoted code
        // is unambiguous inside the array's text on both.
        q = q.filter(
            Expr::col(placement_option::Column::TargetAreas)
                .cast_as("text")
                .like(format!("%\"{}\"%", t.as_str())),
        );
    }
    if let Some(c) = filter.responsible_consultant_id {
        q = q.filter(placement_option::Column::ResponsibleConsultantId.eq(c));
    }
    if let Some(n) = filter.min_free_places {
        q = q.filter(free_places_expr().gte(i64::from(n)));
    }
    match filter.order {
        OptionOrder::Name => {
            rows_by_key_then_id::<_, _, String, _>(
                conn,
                q,
                placement_option::Column::Name,
                placement_option::Column::Id,
                page,
                |m: &OptionListRow| Position::new(m.name.clone(), m.id),
            )
            .await
        }
        OptionOrder::MostFree => {
            crate::paging::rows_by_number_desc_then_id(
                conn,
                q,
                free_places_expr(),
                placement_option::Column::Id,
                page,
                |m: &OptionListRow| {
                    Position::new(i64::from(m.approved_places) - m.places_taken, m.id)
                },
            )
            .await
        }
    }
}

/// What a list shows of an option, with its responsible consultant's name and its places
/// taken: two thirds of the option's columns and one statement where there were three.
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct OptionListRow {
    pub id: i64,
    pub kind: crate::Stored<kith_domain::PlacementKind>,
    pub name: String,
    pub address: String,
    pub approval_authority: crate::Stored<kith_domain::ApprovalAuthority>,
    pub approved_on: Option<NaiveDate>,
    pub approval_valid_until: Option<NaiveDate>,
    pub approval_status: crate::Stored<kith_domain::ApprovalStatus>,
    pub approved_places: i32,
    pub age_min: i16,
    pub age_max: i16,
    pub target_areas: crate::Codes<TargetArea>,
    pub responsible_consultant_id: Option<i64>,
    pub responsible_consultant_name: Option<String>,
    pub capacity_confirmed_at: Option<DateTime<Utc>>,
    /// Current (planned or active) placements in the option.
    pub places_taken: i64,
}

impl OptionListRow {
    fn select() -> sea_orm::Select<placement_option::Entity> {
        use placement_option::Column as O;
        placement_option::Entity::find()
            .select_only()
            .columns([
                O::Id,
                O::Kind,
                O::Name,
                O::Address,
                O::ApprovalAuthority,
                O::ApprovedOn,
                O::ApprovalValidUntil,
                O::ApprovalStatus,
                O::ApprovedPlaces,
                O::AgeMin,
                O::AgeMax,
                O::TargetAreas,
                O::ResponsibleConsultantId,
                O::CapacityConfirmedAt,
            ])
            .column_as(app_user::Column::Name, "responsible_consultant_name")
            .column_as(taken_places_expr(), "places_taken")
            .join(
                JoinType::LeftJoin,
                placement_option::Relation::ResponsibleConsultant.def(),
            )
    }
}

/// Every option, unscoped (for matching and the demo loader).
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<placement_option::Model>> {
    crate::every::<placement_option::Entity, C>(conn, placement_option::Column::Id).await
}

/// Competences of the given options.
pub async fn competences_of<C: ConnectionTrait>(
    conn: &C,
    option_ids: &[i64],
) -> Result<Vec<option_competence::Model>> {
    if option_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(option_competence::Entity::find()
        .filter(option_competence::Column::OptionId.is_in(option_ids.iter().copied()))
        .all(conn)
        .await?)
}

/// How many places each of the given options has taken by current placements.
pub async fn places_taken<C: ConnectionTrait>(
    conn: &C,
    option_ids: &[i64],
) -> Result<HashMap<i64, u32>> {
    if option_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let of_these = placement::Column::OptionId.is_in(option_ids.iter().copied());
    let current = placement::Column::Status.is_in(current_statuses());
    crate::placements::count_by_option(conn, of_these.and(current)).await
}

/// How many options there are.
pub async fn count_all<C: ConnectionTrait>(conn: &C) -> Result<u64> {
    Ok(placement_option::Entity::find().count(conn).await?)
}

/// Options by id, unscoped (for showing names next to placements).
pub async fn get_many<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<Vec<placement_option::Model>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(placement_option::Entity::find()
        .filter(placement_option::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?)
}

/// Every option with its competences: what matching needs (places taken and breakdowns come
/// from the placements module).
pub async fn all_with_competences<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(placement_option::Model, Vec<option_competence::Model>)>> {
    let options = all(conn).await?;
    let mut comps: HashMap<i64, Vec<option_competence::Model>> = HashMap::new();
    for c in option_competence::Entity::find().all(conn).await? {
        comps.entry(c.option_id).or_default().push(c);
    }
    Ok(options
        .into_iter()
        .map(|o| {
            let c = comps.remove(&o.id).unwrap_or_default();
            (o, c)
        })
        .collect())
}

/// A fingerprint of everything matching reads about options: it changes whenever an option,
/// its competences (written with the option), its confirmed capacity, a family's record of the
/// children in its home, or any placement changes.
/// Lets each instance keep option profiles in memory and still see every change at once.
pub async fn catalog_version<C: ConnectionTrait>(conn: &C) -> Result<String> {
    use sea_orm::Statement;
    let sql = "SELECT (SELECT COUNT(*) FROM placement_option), \
        (SELECT CAST(MAX(updated_at) AS TEXT) FROM placement_option), \
        (SELECT CAST(MAX(capacity_confirmed_at) AS TEXT) FROM placement_option), \
        (SELECT COUNT(*) FROM placement), \
        (SELECT CAST(MAX(updated_at) AS TEXT) FROM placement), \
        (SELECT CAST(COALESCE(SUM(household_revision), 0) AS BIGINT) FROM placement_option)";
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await?
        .ok_or_else(|| crate::StoreError::corrupt("no version row"))?;
    let options: i64 = row.try_get_by_index(0)?;
    let options_at: Option<String> = row.try_get_by_index(1)?;
    let confirmed_at: Option<String> = row.try_get_by_index(2)?;
    let placements: i64 = row.try_get_by_index(3)?;
    let placements_at: Option<String> = row.try_get_by_index(4)?;
    let households: i64 = row.try_get_by_index(5)?;
    Ok(format!(
        "{options}|{}|{}|{placements}|{}|{households}",
        options_at.unwrap_or_default(),
        confirmed_at.unwrap_or_default(),
        placements_at.unwrap_or_default()
    ))
}

/// Sets an option's approval status (the demo's network families in assessment).
pub async fn set_approval_status<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    status: kith_domain::ApprovalStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    placement_option::Entity::update_many()
        .col_expr(
            placement_option::Column::ApprovalStatus,
            Expr::value(status.as_str()),
        )
        .col_expr(placement_option::Column::UpdatedAt, Expr::value(now))
        .filter(placement_option::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}
