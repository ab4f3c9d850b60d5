//! The language an answer is written in: the request's `Accept-Language` when it names Danish
//! or English, else the logged-in user's setting, else Danish. Held for the request's task so
//! an error deep in a handler is answered in it without passing it down every call.

use std::cell::Cell;

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use kith_domain::Lang;

struct AnswerLang {
    asked: Option<Lang>,
    user: Cell<Option<Lang>>,
}

tokio::task_local! {
    static ANSWER: AnswerLang;
}

/// Runs the request with its answer language known.
pub async fn answer_in_language(req: Request, next: Next) -> Response {
    let asked = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(preferred);
    let lang = AnswerLang {
        asked,
        user: Cell::new(None),
    };
    ANSWER.scope(lang, next.run(req)).await
}

/// Remembers the logged-in user's language for this request's answer.
pub fn set_user_lang(lang: Lang) {
    let _ = ANSWER.try_with(|a| a.user.set(Some(lang)));
}

/// The language to answer this request in.
pub fn answer_lang() -> Lang {
    ANSWER
        .try_with(|a| a.asked.or(a.user.get()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// The first language Kith speaks in an `Accept-Language` value, by quality then order:
/// `en-GB,en;q=0.9,da;q=0.8` is English; `fr, da;q=0.5` Danish; `fr` none.
pub fn preferred(header: &str) -> Option<Lang> {
    let mut tags: Vec<(f32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim().to_ascii_lowercase();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            let primary = tag.split('-').next()?;
            let lang = match primary {
                "da" => Lang::Da,
                "en" => Lang::En,
                _ => return None,
            };
            (q > 0.0).then_some((q, i, lang))
        })
        .collect();
    tags.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    tags.first().map(|t| t.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_language_kith_speaks_wins_by_quality() {
        assert_eq!(preferred("en-GB,en;q=0.9,da;q=0.8"), Some(Lang::En));
        assert_eq!(preferred("fr, da;q=0.5"), Some(Lang::Da));
        assert_eq!(preferred("da;q=0.4, en;q=0.7"), Some(Lang::En));
        assert_eq!(preferred("fr"), None);
        assert_eq!(preferred("en;q=0, da;q=0.1"), Some(Lang::Da));
        assert_eq!(preferred("*"), None);
    }
}
