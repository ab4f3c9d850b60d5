//! Talking to the pages as a browser does, over HTTP: cookies kept, redirects not followed,
//! Kith named as the `Origin` of each request, the form's CSRF token read from the page.

use crate::{TEST_PASSWORD, TestApp, TestUser};

/// A browser-like client: keeps cookies, does not follow redirects, and names Kith as the
/// `Origin` of its requests, as a browser does on Kith's own pages.
pub fn client(base: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ORIGIN, base.parse().unwrap());
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// The CSRF token in a page's first form.
pub fn csrf_in(html: &str) -> String {
    let start =
        html.find("name=\"csrf\" value=\"").expect("a csrf field") + "name=\"csrf\" value=\"".len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// `user` reading Danish (the test staff are set up in English), signed in to the pages.
pub async fn danish(app: &TestApp, user: &TestUser) -> reqwest::Client {
    kith_store::users::set_locale(app.app.db().conn(), user.id, kith_domain::Lang::Da)
        .await
        .unwrap();
    signed_in(app, user).await
}

/// `user` signed in to the pages, in the language they chose.
pub async fn signed_in(app: &TestApp, user: &TestUser) -> reqwest::Client {
    let http = client(&app.base);
    http.post(format!("{}/api/v1/session", app.base))
        .json(&serde_json::json!({"email": user.email, "password": TEST_PASSWORD}))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    http
}

/// The text of the page at `url`, as `http` reads it.
pub async fn page_text(http: &reqwest::Client, url: &str) -> String {
    http.get(url).send().await.unwrap().text().await.unwrap()
}
