//! The JSON API under `/api/v1`. Each module is one resource; its router carries the
//! OpenAPI description of its handlers.

mod audit;
mod children;
mod cover;
mod dashboard;
mod documents;
mod goals;
mod matching;
mod needs;
mod options;
mod placements;
mod proposals;
mod rules;
mod session;
mod staff;
mod tokens;
mod transfer;
mod units;
mod users;
mod visits;
mod wheel;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// Every API route, with its OpenAPI description.
/// `attachment` with the file's name: in ASCII for every browser (æ, ø, å written ae, oe,
/// aa), and as it is, in UTF-8 (RFC 6266), for those that read that.
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .flat_map(|c| match c {
            'æ' => "ae".chars().collect::<Vec<_>>(),
            'ø' => "oe".chars().collect(),
            'å' => "aa".chars().collect(),
            c if c.is_ascii_alphanumeric() || "-._".contains(c) => vec![c],
            _ => vec!['_'],
        })
        .collect();
    if ascii == name {
        return format!("attachment; filename=\"{name}\"");
    }
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A file to download (an export, the audit trail): its type, a name to save it under, and
/// never kept in a cache, since it holds children's data.
fn download(f: kith_app::transfer::ExportFile) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let disposition = disposition(&f.filename);
    let headers = [
        (header::CONTENT_TYPE, f.content_type.to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ];
    (headers, f.bytes).into_response()
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(session::router())
        .merge(tokens::router())
        .merge(users::router())
        .merge(units::router())
        .merge(staff::router())
        .merge(needs::router())
        .merge(children::router())
        .merge(options::router())
        .merge(matching::router())
        .merge(proposals::router())
        .merge(rules::router())
        .merge(placements::router())
        .merge(visits::router())
        .merge(wheel::router())
        .merge(cover::router())
        .merge(goals::router())
        .merge(dashboard::router())
        .merge(transfer::router())
        .merge(documents::router())
        .merge(audit::router())
}

#[cfg(test)]
mod disposition_tests {
    #[test]
    fn a_danish_file_name_reaches_every_browser() {
        assert_eq!(
            super::disposition("kith-visits-2026-11-16.csv"),
            "attachment; filename=\"kith-visits-2026-11-16.csv\""
        );
        // ø is U+00F8, in UTF-8 the bytes C3 B8.
        assert_eq!(
            super::disposition("kith-børn-2026-11-16.csv"),
            "attachment; filename=\"kith-boern-2026-11-16.csv\"; \
             filename*=UTF-8''kith-b%C3%B8rn-2026-11-16.csv"
        );
    }
}
