//! The needs vocabulary.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::Result;
use crate::entities::need;

/// The whole vocabulary in display order.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<need::Model>> {
    Ok(need::Entity::find()
        .order_by_asc(need::Column::SortOrder)
        .order_by_asc(need::Column::Code)
        .all(conn)
        .await?)
}

/// One entry.
pub async fn get<C: ConnectionTrait>(conn: &C, code: &str) -> Result<Option<need::Model>> {
    Ok(need::Entity::find_by_id(code.to_owned()).one(conn).await?)
}

/// The codes among `codes` that exist and are active.
pub async fn active_codes<C: ConnectionTrait>(conn: &C) -> Result<Vec<String>> {
    Ok(need::Entity::find()
        .filter(need::Column::Active.eq(true))
        .all(conn)
        .await?
        .into_iter()
        .map(|n| n.code)
        .collect())
}

/// Inserts or replaces a vocabulary entry.
pub async fn upsert<C: ConnectionTrait>(conn: &C, n: need::Model) -> Result<()> {
    need::Entity::insert(need::ActiveModel {
        code: Set(n.code),
        label_da: Set(n.label_da),
        label_en: Set(n.label_en),
        description_da: Set(n.description_da),
        description_en: Set(n.description_en),
        sort_order: Set(n.sort_order),
        active: Set(n.active),
    })
    .on_conflict(
        OnConflict::column(need::Column::Code)
            .update_columns([
                need::Column::LabelDa,
                need::Column::LabelEn,
                need::Column::DescriptionDa,
                need::Column::DescriptionEn,
                need::Column::SortOrder,
                need::Column::Active,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
