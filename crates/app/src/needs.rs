//! The needs vocabulary: read by everyone, edited by administrators.

use garde::Validate;
use kith_domain::{Bilingual, NeedCode};
use kith_store::entities::need;
use serde::{Deserialize, Serialize};

use crate::validate::check;
use crate::{Actor, App, AppError, Result, policy};

/// One need area of the vocabulary.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedView {
    pub code: NeedCode,
    pub label: Bilingual,
    pub description: Bilingual,
    pub sort_order: i32,
    /// Retired needs stay on old cases but are not offered for new ones.
    pub active: bool,
}

/// A vocabulary entry to create or replace.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedInput {
    #[garde(length(chars, min = 1, max = 100), custom(crate::validate::plain_name))]
    pub label_da: String,
    #[garde(length(chars, min = 1, max = 100), custom(crate::validate::plain_name))]
    pub label_en: String,
    #[garde(length(chars, max = 1000))]
    #[serde(default)]
    pub description_da: String,
    #[garde(length(chars, max = 1000))]
    #[serde(default)]
    pub description_en: String,
    #[garde(range(min = 0, max = 100000))]
    #[serde(default)]
    pub sort_order: i32,
    #[garde(skip)]
    pub active: bool,
}

pub(crate) fn view(n: need::Model) -> Result<NeedView> {
    Ok(NeedView {
        code: NeedCode::parse(&n.code).map_err(|e| AppError::Internal(e.to_string()))?,
        label: Bilingual::new(n.label_da, n.label_en),
        description: Bilingual::new(n.description_da, n.description_en),
        sort_order: n.sort_order,
        active: n.active,
    })
}

/// The whole vocabulary, in display order (any logged-in user).
pub async fn list(app: &App, _actor: &Actor) -> Result<Vec<NeedView>> {
    all(app).await
}

pub(crate) async fn all(app: &App) -> Result<Vec<NeedView>> {
    kith_store::needs::all(app.db().conn())
        .await?
        .into_iter()
        .map(view)
        .collect()
}

/// Creates or replaces an entry (administrators).
pub async fn put(app: &App, actor: &Actor, code: &str, input: NeedInput) -> Result<NeedView> {
    policy::require_admin(actor)?;
    let code = NeedCode::parse(code).map_err(|e| AppError::invalid("code", e.message()))?;
    check(&input)?;
    let tx = app.db().begin_write().await?;
    kith_store::needs::upsert(
        &tx,
        need::Model {
            code: code.as_str().to_owned(),
            label_da: input.label_da.trim().to_owned(),
            label_en: input.label_en.trim().to_owned(),
            description_da: input.description_da,
            description_en: input.description_en,
            sort_order: input.sort_order,
            active: input.active,
        },
    )
    .await?;
    crate::audit::event(
        &tx,
        app,
        Some(actor.id),
        crate::audit::AuditAction::NeedChange,
        "need",
        None,
        Some(format!("code={};active={}", code.as_str(), input.active)),
    )
    .await?;
    tx.commit().await?;
    let n = kith_store::needs::get(app.db().conn(), code.as_str())
        .await?
        .ok_or(AppError::NotFound("need"))?;
    view(n)
}
