//! HTML form bodies. A form is turned into the same JSON input the API takes, so pages and API
//! share every validation rule and every field name in error messages.

use std::collections::HashMap;

use axum::extract::{FromRequest, Request};
use kith_app::{AppError, FieldError};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::extract::field_and_message;

/// The fields of an `application/x-www-form-urlencoded` body (repeated names kept in order).
#[derive(Debug, Clone, Default)]
pub struct FormData(HashMap<String, Vec<String>>);

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = axum::response::Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(axum::response::IntoResponse::into_response)?;
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in form_urlencoded::parse(&bytes) {
            map.entry(k.into_owned()).or_default().push(v.into_owned());
        }
        Ok(FormData(map))
    }
}

impl FormData {
    /// The first value of a field, trimmed; `None` when missing or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .get(name)
            .and_then(|v| v.first())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    }

    /// The value as text, or an empty string.
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default()
    }

    /// Every value of a repeated field (checkbox groups), blanks removed.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .get(name)
            .map(|v| {
                v.iter()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A checkbox: present means on.
    pub fn checked(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Field names starting with `prefix`, with the rest of the name and the value.
    pub fn with_prefix(&self, prefix: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .0
            .iter()
            .filter_map(|(k, v)| {
                let rest = k.strip_prefix(prefix)?;
                let val = v.first()?.trim().to_owned();
                (!val.is_empty()).then(|| (rest.to_owned(), val))
            })
            .collect();
        out.sort();
        out
    }
}

/// A JSON object under construction from form fields.
#[derive(Debug, Default)]
pub struct JsonBuilder(Map<String, Value>);

impl JsonBuilder {
    /// Sets a string field when the form has a value (blank stays absent).
    pub fn text(mut self, key: &str, v: Option<String>) -> Self {
        if let Some(v) = v {
            self.0.insert(key.to_owned(), Value::String(v));
        }
        self
    }

    /// Sets a string field, blank included.
    pub fn text_always(mut self, key: &str, v: String) -> Self {
        self.0.insert(key.to_owned(), Value::String(v));
        self
    }

    /// Sets a number field from text; text that is not a number is passed as a string so the
    /// input's own parsing names the field.
    pub fn number(mut self, key: &str, v: Option<String>) -> Self {
        if let Some(v) = v {
            let parsed = v.replace(',', ".").parse::<f64>().ok().and_then(|n| {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    Some(Value::from(n as i64))
                } else {
                    serde_json::Number::from_f64(n).map(Value::Number)
                }
            });
            self.0
                .insert(key.to_owned(), parsed.unwrap_or(Value::String(v)));
        }
        self
    }

    /// Sets a boolean field.
    pub fn flag(mut self, key: &str, v: bool) -> Self {
        self.0.insert(key.to_owned(), Value::Bool(v));
        self
    }

    /// Sets any JSON value.
    pub fn value(mut self, key: &str, v: Value) -> Self {
        self.0.insert(key.to_owned(), v);
        self
    }

    /// The object.
    pub fn build(self) -> Value {
        Value::Object(self.0)
    }
}

/// A place object from an address field and two coordinate fields; absent when no address.
pub fn place(address: Option<String>, lat: Option<String>, lon: Option<String>) -> Value {
    match address {
        None => Value::Null,
        Some(address) => {
            let mut b = JsonBuilder::default().text("address", Some(address));
            if lat.is_some() || lon.is_some() {
                let coords = JsonBuilder::default()
                    .number("lat", lat)
                    .number("lon", lon)
                    .build();
                b = b.value("coordinates", coords);
            }
            b.build()
        }
    }
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
