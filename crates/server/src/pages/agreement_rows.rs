//! The agreement rows of the forms that record a meeting (a visit, a plan review): what was
//! agreed, whose it is and by when, as the repeated fields `fu_what`, `fu_owner` and `fu_due`
//! (every row sends all three, so the n-th of each is one row). Both forms show, read back and
//! send them the same way.

use kith_domain::{Lang, Party};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};

/// Blank rows offered to fill in.
const BLANK_ROWS: usize = 3;

/// The agreement fields of a form, as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AgreementFields {
    #[serde(deserialize_with = "one_or_many")]
    pub fu_what: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub fu_owner: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub fu_due: Vec<String>,
}

/// One agreement row, as typed.
#[derive(Debug, Clone, Default)]
pub struct AgreementRow {
    pub what: String,
    pub owner: String,
    pub due_on: String,
}

impl AgreementRow {
    /// Something was written or a date chosen: the row is sent.
    fn filled(&self) -> bool {
        !self.what.trim().is_empty() || !self.due_on.trim().is_empty()
    }
}

impl AgreementFields {
    /// The fields of a kept draft or a form that came back (repeated fields, in order).
    pub fn from_lists(what: Vec<String>, owner: Vec<String>, due: Vec<String>) -> Self {
        Self {
            fu_what: what,
            fu_owner: owner,
            fu_due: due,
        }
    }

    /// The rows, at least [`BLANK_ROWS`] of them (blank ones to fill in).
    pub fn rows(&self) -> Vec<AgreementRow> {
        let at = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
        let n = self.fu_what.len().max(BLANK_ROWS);
        (0..n)
            .map(|i| AgreementRow {
                what: at(&self.fu_what, i),
                owner: at(&self.fu_owner, i),
                due_on: at(&self.fu_due, i),
            })
            .collect()
    }

    /// The input's `follow_ups`: the filled rows. A row without an owner is sent without one,
    /// so the check asks for it: whose an agreement is is chosen, never defaulted.
    pub fn input(&self) -> Value {
        self.rows()
            .into_iter()
            .filter(AgreementRow::filled)
            .map(|r| {
                let due_on = r.due_on.trim();
                let due_on = if due_on.is_empty() {
                    Value::Null
                } else {
                    json!(due_on)
                };
                let mut row = json!({"what": r.what.trim(), "due_on": due_on});
                if !r.owner.trim().is_empty() {
                    row["owner"] = json!(r.owner.trim());
                }
                row
            })
            .collect()
    }

    /// The input's index of the `i`-th row on the form (the input numbers only filled rows);
    /// `None` for a blank row.
    pub fn input_index(&self, i: usize) -> Option<usize> {
        let rows = self.rows();
        if !rows.get(i).is_some_and(AgreementRow::filled) {
            return None;
        }
        Some(rows[..i].iter().filter(|r| r.filled()).count())
    }
}

impl AgreementFields {
    /// The id of the control a problem of the agreements is about, for the summary's link:
    /// `follow_ups[1].owner` is the second filled row's "Hvem", `fu_owner_2` when the form's
    /// first row was left blank. `None` for a problem that is not one row's.
    pub fn anchor(&self, field: &str) -> Option<String> {
        let (k, part) = field.strip_prefix("follow_ups[")?.split_once(']')?;
        let k: usize = k.parse().ok()?;
        let control = match part.trim_start_matches('.') {
            "what" => "fu_what",
            "owner" => "fu_owner",
            "due_on" => "fu_due",
            _ => return None,
        };
        let row = (0..self.rows().len()).find(|i| self.input_index(*i) == Some(k))?;
        Some(format!("{control}_{row}"))
    }
}

/// The parties an agreement can be for, in the reader's language.
pub fn owners(lang: Lang) -> Vec<(String, &'static str)> {
    Party::ALL
        .iter()
        .map(|p| (p.as_str().to_owned(), kith_text::term(lang, p)))
        .collect()
}

/// A field sent once or repeated, as a list (a form parsed through `flatten` hands a single
/// value over as text).
pub fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(v) => vec![v],
        OneOrMany::Many(v) => v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Deserialize)]
    struct WithRest {
        #[serde(flatten)]
        agreed: AgreementFields,
        #[serde(flatten)]
        rest: BTreeMap<String, String>,
    }

    #[test]
    fn rows_are_read_whether_one_or_several_were_sent_beside_other_fields() {
        let one: WithRest = serde_html_form::from_str(
            "fu_what=Ring&fu_owner=parents&fu_due=2027-01-04&outcome_7=kept",
        )
        .unwrap();
        assert_eq!(one.agreed.fu_what, vec!["Ring"]);
        assert_eq!(one.rest.get("outcome_7").map(String::as_str), Some("kept"));
        let two: WithRest = serde_html_form::from_str(
            "fu_what=Ring&fu_what=&fu_owner=parents&fu_owner=&fu_due=2027-01-04&fu_due=",
        )
        .unwrap();
        assert_eq!(two.agreed.fu_what, vec!["Ring", ""]);
        // Only the filled row is sent, and it is the input's first.
        assert_eq!(two.agreed.input().as_array().map(Vec::len), Some(1));
        assert_eq!(two.agreed.input_index(0), Some(0));
        assert_eq!(two.agreed.input_index(1), None);
    }

    #[test]
    fn a_row_without_an_owner_is_sent_without_one() {
        let f = AgreementFields::from_lists(
            vec!["".into(), "Skolemøde".into()],
            vec!["".into(), "".into()],
            vec!["".into(), "2027-01-04".into()],
        );
        assert_eq!(
            f.input(),
            json!([{"what": "Skolemøde", "due_on": "2027-01-04"}])
        );
        assert_eq!(f.input_index(1), Some(0));
        // The input's first agreement is the form's second row.
        assert_eq!(
            f.anchor("follow_ups[0].owner").as_deref(),
            Some("fu_owner_1")
        );
        assert_eq!(
            f.anchor("follow_ups[0].due_on").as_deref(),
            Some("fu_due_1")
        );
        assert_eq!(f.anchor("follow_ups[1].owner"), None);
        assert_eq!(f.anchor("held_on"), None);
    }
}
