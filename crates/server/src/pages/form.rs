//! HTML form bodies, one way: a typed form ([`Form`]) of what was typed, and its [`Shape`],
//! which turns it into the same JSON input the API takes, so pages and API share every
//! validation rule and every field name in error messages.

use std::collections::HashMap;

use axum::extract::{FromRequest, Request};
use kith_app::{AppError, FieldError};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::extract::field_and_message;

/// What a typed form held, to show it again on a page with several forms (the placement
/// page): each text as typed, a ticked box as present, a list as its values.
#[derive(Debug, Clone, Default)]
pub struct Typed(HashMap<String, Vec<String>>);

impl Typed {
    /// The typed form's fields.
    pub fn of(form: &impl serde::Serialize) -> Self {
        let Ok(Value::Object(fields)) = serde_json::to_value(form) else {
            return Self::default();
        };
        let mut map = HashMap::new();
        for (name, value) in fields {
            let values = match value {
                Value::String(text) => vec![text],
                Value::Bool(true) => vec!["on".to_owned()],
                Value::Array(items) => items
                    .into_iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                _ => continue,
            };
            map.insert(name, values);
        }
        Typed(map)
    }

    /// The fields of a form as the browser sent it (URL-encoded): a kept draft.
    pub fn from_body(body: &str) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in form_urlencoded::parse(body.as_bytes()) {
            map.entry(name.into_owned())
                .or_default()
                .push(value.into_owned());
        }
        Typed(map)
    }

    /// The first value of a field, trimmed; `None` when missing or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .get(name)
            .and_then(|v| v.first())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    }

    /// Every value of a repeated field, in the order sent.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.get(name).cloned().unwrap_or_default()
    }

    /// A checkbox: present means on.
    pub fn checked(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

/// A place object from an address field and two coordinate fields; absent when no address.
fn place(address: Option<String>, lat: Option<String>, lon: Option<String>) -> Value {
    let Some(address) = address else {
        return Value::Null;
    };
    let mut place = Map::new();
    place.insert("address".into(), Value::String(address));
    if lat.is_some() || lon.is_some() {
        let mut coordinates = Map::new();
        coordinates.extend(lat.map(|v| ("lat".to_owned(), number_or_text(v))));
        coordinates.extend(lon.map(|v| ("lon".to_owned(), number_or_text(v))));
        place.insert("coordinates".into(), Value::Object(coordinates));
    }
    Value::Object(place)
}

/// Deserialises a form-built JSON value into an API input, naming any failing field.
pub fn parse_input<T: DeserializeOwned>(v: Value) -> Result<T, AppError> {
    crate::extract::dates_in_range(&v)?;
    serde_path_to_error::deserialize(v).map_err(|e| {
        let (field, message) = field_and_message(&e.path().to_string(), &e.inner().to_string());
        AppError::Invalid(vec![FieldError::new(field, message)])
    })
}

/// The use case applied to a parsed input, or the parse error.
pub async fn and_then<I, T, Fut>(
    input: Result<I, AppError>,
    call: impl FnOnce(I) -> Fut,
) -> Result<T, AppError>
where
    Fut: Future<Output = Result<T, AppError>>,
{
    match input {
        Ok(i) => call(i).await,
        Err(e) => Err(e),
    }
}

/// A typed form: the fields of an `application/x-www-form-urlencoded` body read into `T` with
/// serde_html_form (a missing field takes its default; repeated names fill a list). `T` holds
/// what was typed, as text, so a form with a mistake is shown again as the person left it; its
/// [`Shape`] turns it into the API's input. A field is named once in Rust (the field of `T`,
/// which is also the input's field) and once in the template.
#[derive(Debug, Clone, Default)]
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = axum::response::Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        // Every field of a form type is text with a default, so only a body that is not a
        // form at all fails here.
        serde_html_form::from_bytes(&bytes)
            .map(Form)
            .map_err(|_| axum::http::StatusCode::BAD_REQUEST.into_response())
    }
}

/// How a typed form's text becomes the API's input. Each field keeps its name; a blank is left
/// out (the input's own rule for a missing value applies) unless the person may clear it; a
/// number is sent as a number (text that is not one goes as text, so the input names the
/// field); `{p}_address`, `{p}_lat`, `{p}_lon` make the place `p`; and the fields `{g}_{x}` of a
/// group `g` make the object `g` with the field `x` (left out when all are blank); a yes/no
/// question answers `true`, `false` or, unanswered, `null`; a field the person may empty to
/// clear a value sends `null` when blank.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    pub numbers: &'static [&'static str],
    pub keep_blank: &'static [&'static str],
    pub places: &'static [&'static str],
    pub groups: &'static [&'static str],
    pub yes_no: &'static [&'static str],
    pub clear: &'static [&'static str],
}

impl Shape {
    /// A form whose `reason` must be written: a blank reason is sent, so the input says what
    /// to write.
    pub const REASON: Shape = Shape {
        keep_blank: &["reason"],
        ..Shape::PLAIN
    };

    /// Every field as typed, trimmed, a blank left out: the base of every form's shape.
    pub const PLAIN: Shape = Shape {
        numbers: &[],
        keep_blank: &[],
        places: &[],
        groups: &[],
        yes_no: &[],
        clear: &[],
    };

    /// The input from the form's fields, after `more` added what no field maps one to one (a
    /// list from several fields, say).
    pub fn input<I: DeserializeOwned>(
        &self,
        form: &impl serde::Serialize,
        more: impl FnOnce(&mut Map<String, Value>),
    ) -> Result<I, AppError> {
        let Ok(Value::Object(fields)) = serde_json::to_value(form) else {
            return Err(AppError::internal("a form serialises to an object"));
        };
        let mut out = Map::new();
        for (name, value) in fields {
            let Value::String(text) = value else {
                let listed_numbers = self.numbers.contains(&name.as_str());
                out.insert(
                    name,
                    if listed_numbers {
                        numbers(value)
                    } else {
                        value
                    },
                );
                continue;
            };
            let text = text.trim().to_owned();
            let is = |list: &[&str]| list.contains(&name.as_str());
            let value = match text.as_str() {
                "yes" if is(self.yes_no) => Value::Bool(true),
                "no" if is(self.yes_no) => Value::Bool(false),
                "" if is(self.yes_no) || is(self.clear) => Value::Null,
                "" if !is(self.keep_blank) => continue,
                _ if is(self.numbers) => number_or_text(text),
                _ => Value::String(text),
            };
            out.insert(name, value);
        }
        for p in self.places {
            let mut take = |part: &str| match out.remove(&format!("{p}_{part}")) {
                Some(Value::String(s)) => Some(s),
                _ => None,
            };
            let (address, lat, lon) = (take("address"), take("lat"), take("lon"));
            out.insert((*p).to_owned(), place(address, lat, lon));
        }
        for g in self.groups {
            let prefix = format!("{g}_");
            let names: Vec<String> = out
                .keys()
                .filter(|k| k.starts_with(&prefix))
                .cloned()
                .collect();
            let mut group = Map::new();
            for name in names {
                if let Some(v) = out.remove(&name) {
                    group.insert(name[prefix.len()..].to_owned(), v);
                }
            }
            if !group.is_empty() {
                out.insert((*g).to_owned(), Value::Object(group));
            }
        }
        more(&mut out);
        parse_input(Value::Object(out))
    }
}

/// A checkbox: present (whatever its value) means on.
pub fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    use serde::Deserialize;
    Ok(Option::<String>::deserialize(d)?.is_some())
}

/// A list of typed numbers (repeated fields) as numbers, blanks left out.
fn numbers(list: Value) -> Value {
    let Value::Array(items) = list else {
        return list;
    };
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::String(text) if text.trim().is_empty() => None,
            Value::String(text) => Some(number_or_text(text.trim().to_owned())),
            other => Some(other),
        })
        .collect()
}

/// Text as a JSON number when it is one (a decimal comma too), else as text.
pub fn number_or_text(v: String) -> Value {
    v.replace(',', ".")
        .parse::<f64>()
        .ok()
        .and_then(|n| {
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Some(Value::from(n as i64))
            } else {
                serde_json::Number::from_f64(n).map(Value::Number)
            }
        })
        .unwrap_or(Value::String(v))
}

/// A list of codes typed into one field, separated by commas, spaces or semicolons
/// ("da, ar"), lower-cased.
pub fn code_list(text: &str) -> Value {
    Value::Array(
        text.split([',', ' ', ';'])
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .map(Value::String)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};
    use serde_json::json;

    use super::*;

    #[derive(Debug, Default, Deserialize, Serialize)]
    #[serde(default)]
    struct Typed {
        name: String,
        note: String,
        adviser_id: String,
        home_address: String,
        home_lat: String,
        home_lon: String,
        ages_min: String,
        ages_max: String,
        #[serde(deserialize_with = "checkbox")]
        wheelchair: bool,
        #[serde(flatten, skip_serializing)]
        rest: BTreeMap<String, String>,
    }

    const SHAPE: Shape = Shape {
        numbers: &["adviser_id", "ages_min"],
        keep_blank: &["name"],
        places: &["home"],
        groups: &["ages"],
        ..Shape::PLAIN
    };

    fn read(body: &str) -> Typed {
        serde_html_form::from_str(body).expect("a form body")
    }

    #[test]
    fn a_typed_form_keeps_what_was_typed_and_becomes_the_inputs_json() {
        let f = read(
            "csrf=x&name=+Ida+&note=&adviser_id=12&home_address=Vej+1&home_lat=55%2C6\
             &home_lon=&ages_min=3&ages_max=&wheelchair=on&need_trauma=moderate",
        );
        assert_eq!(f.name, " Ida ", "shown again as typed");
        assert!(f.wheelchair);
        assert_eq!(
            f.rest.get("need_trauma").map(String::as_str),
            Some("moderate")
        );
        let v: Value = SHAPE
            .input(&f, |m| {
                m.insert("extra".into(), json!(1));
            })
            .expect("json");
        assert_eq!(
            v,
            json!({
                "name": "Ida",
                "adviser_id": 12,
                "home": {"address": "Vej 1", "coordinates": {"lat": 55.6}},
                "ages": {"min": 3},
                "wheelchair": true,
                "extra": 1,
            })
        );
    }

    #[test]
    fn blanks_are_left_out_unless_they_may_be_cleared_and_a_missing_box_is_off() {
        let f = read("name=&adviser_id=tolv");
        assert!(!f.wheelchair);
        let v: Value = SHAPE.input(&f, |_| {}).expect("json");
        assert_eq!(
            v,
            json!({"name": "", "adviser_id": "tolv", "home": null, "wheelchair": false})
        );
    }

    #[derive(Debug, Default, Deserialize, Serialize)]
    #[serde(default)]
    struct Answers {
        seen: String,
        reached: String,
        rhythm: String,
        ids: Vec<String>,
        #[serde(deserialize_with = "checkbox")]
        done: bool,
    }

    #[test]
    fn yes_no_answers_cleared_fields_and_lists_of_numbers_take_the_inputs_types() {
        let shape = Shape {
            numbers: &["rhythm", "ids"],
            yes_no: &["seen", "reached"],
            clear: &["rhythm"],
            ..Shape::PLAIN
        };
        let f: Answers = serde_html_form::from_str("seen=no&reached=&rhythm=+&ids=3&ids=&ids=x")
            .expect("a form body");
        let v: Value = shape.input(&f, |_| {}).expect("json");
        assert_eq!(
            v,
            json!({"seen": false, "reached": null, "rhythm": null, "ids": [3, "x"], "done": false})
        );
        let typed = super::Typed::of(&Answers {
            seen: "yes".into(),
            done: true,
            ..Answers::default()
        });
        assert_eq!(typed.get("seen").as_deref(), Some("yes"));
        assert!(typed.checked("done") && !typed.checked("missing"));
        assert_eq!(
            typed.get("reached"),
            None,
            "a blank is not shown as typed text"
        );
    }
}
