//! The needs vocabulary: an entry per need, and its words per language.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::Result;
use crate::entities::{need, need_text};

/// A need with its words in every language it has.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedEntry {
    pub need: need::Model,
    pub texts: Vec<need_text::Model>,
}

/// The whole vocabulary in display order.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<NeedEntry>> {
    let needs = need::Entity::find()
        .order_by_asc(need::Column::SortOrder)
        .order_by_asc(need::Column::Code)
        .all(conn)
        .await?;
    let mut texts: std::collections::HashMap<String, Vec<need_text::Model>> =
        std::collections::HashMap::new();
    for t in need_text::Entity::find()
        .order_by_asc(need_text::Column::Lang)
        .all(conn)
        .await?
    {
        texts.entry(t.need_code.clone()).or_default().push(t);
    }
    Ok(needs
        .into_iter()
        .map(|need| NeedEntry {
            texts: texts.remove(&need.code).unwrap_or_default(),
            need,
        })
        .collect())
}

/// One entry.
pub async fn get<C: ConnectionTrait>(conn: &C, code: &str) -> Result<Option<NeedEntry>> {
    let Some(need) = need::Entity::find_by_id(code.to_owned()).one(conn).await? else {
        return Ok(None);
    };
    let texts = need_text::Entity::find()
        .filter(need_text::Column::NeedCode.eq(code))
        .order_by_asc(need_text::Column::Lang)
        .all(conn)
        .await?;
    Ok(Some(NeedEntry { need, texts }))
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

/// Inserts or replaces a vocabulary entry and its words in the languages given.
pub async fn upsert<C: ConnectionTrait>(conn: &C, entry: NeedEntry) -> Result<()> {
    let n = entry.need;
    need::Entity::insert(need::ActiveModel {
        code: Set(n.code),
        sort_order: Set(n.sort_order),
        active: Set(n.active),
    })
    .on_conflict(
        OnConflict::column(need::Column::Code)
            .update_columns([need::Column::SortOrder, need::Column::Active])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    for t in entry.texts {
        need_text::Entity::insert(need_text::ActiveModel {
            need_code: Set(t.need_code),
            lang: Set(t.lang),
            label: Set(t.label),
            description: Set(t.description),
        })
        .on_conflict(
            OnConflict::columns([need_text::Column::NeedCode, need_text::Column::Lang])
                .update_columns([need_text::Column::Label, need_text::Column::Description])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}
