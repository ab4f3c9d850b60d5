//! The needs vocabulary: read by everyone, edited by administrators. A need's words are data
//! in one shape, a label and a description per language, kept beside the catalogue rather
//! than in it because an administrator adds and renames needs while Kith runs.

use std::collections::{BTreeMap, HashMap};

use kith_domain::{Arg, Bilingual, Lang, Message, NeedCode};
use kith_store::entities::{need, need_text};
use kith_store::needs::NeedEntry;
use serde::{Deserialize, Serialize};

use crate::validate::{Check, Problems, check};
use crate::{Actor, App, AppError, Result, policy};

/// The most characters of a need's label.
const LABEL_MAX: usize = 100;
/// The most characters of a need's description.
const DESCRIPTION_MAX: usize = 1000;

/// A need's words in one language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedText {
    pub label: String,
    #[serde(default)]
    pub description: String,
}

/// One need area of the vocabulary.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedView {
    pub code: NeedCode,
    /// The need's words per language (`da`, `en`).
    pub texts: BTreeMap<Lang, NeedText>,
    pub sort_order: i32,
    /// Retired needs stay on old cases but are not offered for new ones.
    pub active: bool,
}

impl NeedView {
    /// The label in `lang` (the code if that language has none).
    pub fn label(&self, lang: impl std::borrow::Borrow<Lang>) -> &str {
        self.texts
            .get(lang.borrow())
            .map_or(self.code.as_str(), |t| t.label.as_str())
    }

    /// The description in `lang`.
    pub fn description(&self, lang: impl std::borrow::Borrow<Lang>) -> &str {
        self.texts
            .get(lang.borrow())
            .map_or("", |t| t.description.as_str())
    }
}

/// A vocabulary entry to create or replace: its words in every language Kith speaks.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedInput {
    /// The words per language; each of `da` and `en` needs a label.
    pub texts: BTreeMap<Lang, NeedText>,
    #[serde(default)]
    pub sort_order: i32,
    pub active: bool,
}

/// Checks the words: a label in every language, one visible line, within the limits. The
/// field path names the language: `texts.en.label`.
fn check_texts(texts: &BTreeMap<Lang, NeedText>, p: &mut Problems) {
    for lang in Lang::ALL {
        let field = |name: &str| format!("texts.{lang}.{name}");
        let text = texts.get(lang).cloned().unwrap_or_default();
        p.name(&field("label"), &text.label, LABEL_MAX);
        p.at_most_chars(&field("description"), &text.description, DESCRIPTION_MAX);
    }
}

pub(crate) fn view(n: NeedEntry) -> Result<NeedView> {
    let mut texts = BTreeMap::new();
    for t in n.texts {
        texts.insert(
            *t.lang,
            NeedText {
                label: t.label,
                description: t.description,
            },
        );
    }
    Ok(NeedView {
        code: NeedCode::parse(&n.need.code).map_err(AppError::internal)?,
        texts,
        sort_order: n.need.sort_order,
        active: n.need.active,
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

/// The needs' names per language, for the texts that name a need (matching's reasons, the
/// case and option pages).
#[derive(Debug, Clone, Default)]
pub struct NeedWords(HashMap<NeedCode, BTreeMap<Lang, String>>);

impl NeedWords {
    /// The need's label in both languages (its code where a language has none).
    pub fn both(&self, code: &NeedCode) -> Bilingual {
        let name = |lang| {
            kith_text::NeedNames::need_name(self, lang, code)
                .unwrap_or_else(|| code.as_str().to_owned())
        };
        Bilingual::new(name(Lang::Da), name(Lang::En))
    }
}

impl NeedWords {
    /// The message with each need it names looked up, so it can be rendered where the
    /// vocabulary is not at hand (a form error travels to the page as a message).
    pub fn resolve(&self, message: Message) -> Message {
        Message {
            key: message.key,
            args: message
                .args
                .into_iter()
                .map(|(name, arg)| (name, self.resolve_arg(arg)))
                .collect(),
        }
    }

    fn resolve_arg(&self, arg: Arg) -> Arg {
        match arg {
            Arg::Need(code) => Arg::Named(self.both(&code)),
            Arg::List(items) => Arg::List(items.into_iter().map(|a| self.resolve_arg(a)).collect()),
            Arg::Clauses(ms) => Arg::Clauses(ms.into_iter().map(|m| self.resolve(m)).collect()),
            other => other,
        }
    }
}

impl kith_text::NeedNames for NeedWords {
    fn need_name(&self, lang: Lang, code: &NeedCode) -> Option<String> {
        self.0.get(code)?.get(&lang).cloned()
    }
}

/// The vocabulary's names, read once per request that shows needs.
pub(crate) async fn words(app: &App) -> Result<NeedWords> {
    Ok(NeedWords(
        all(app)
            .await?
            .into_iter()
            .map(|n| {
                let names = n
                    .texts
                    .into_iter()
                    .map(|(lang, t)| (lang, t.label))
                    .collect();
                (n.code, names)
            })
            .collect(),
    ))
}

/// Creates or replaces an entry (administrators).
pub async fn put(app: &App, actor: &Actor, code: &str, input: NeedInput) -> Result<NeedView> {
    policy::require_admin(actor)?;
    let code = NeedCode::parse(code).map_err(|e| AppError::invalid("code", e.message()))?;
    check(&input)?;
    let tx = app.db().begin_write().await?;
    let texts = input
        .texts
        .into_iter()
        .map(|(lang, t)| need_text::Model {
            need_code: code.as_str().to_owned(),
            lang: lang.into(),
            label: t.label.trim().to_owned(),
            description: t.description,
        })
        .collect();
    kith_store::needs::upsert(
        &tx,
        NeedEntry {
            need: need::Model {
                code: code.as_str().to_owned(),
                sort_order: input.sort_order,
                active: input.active,
            },
            texts,
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

impl Check for NeedInput {
    fn check(&self, p: &mut Problems) {
        p.between("sort_order", self.sort_order.into(), 0, 100_000);
        check_texts(&self.texts, p);
    }
}
