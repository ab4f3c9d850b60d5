//! One data row being read: its cells by column, each read as the type its column holds,
//! with what is wrong kept against the row and column.

use super::*;

/// One data row being read: its cells by column, and where its problems go.
pub(super) struct Row<'a> {
    pub(super) n: usize,
    pub(super) header: &'a [String],
    pub(super) cells: &'a [String],
    pub(super) problems: &'a mut Vec<RowProblem>,
}

impl Row<'_> {
    pub(super) fn problem(&mut self, column: &str, message: impl Into<Message>) {
        self.problems
            .push(RowProblem::new(self.n, column, message.into()));
    }

    pub(super) fn text(&self, column: &str) -> Option<String> {
        let i = self.header.iter().position(|h| h == column)?;
        self.cells
            .get(i)
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
    }

    pub(super) fn required(&mut self, column: &str) -> Option<String> {
        let v = self.text(column);
        if v.is_none() {
            self.problem(column, "problem.required");
        }
        v
    }

    pub(super) fn parsed<T: FromStr>(&mut self, column: &str) -> Option<Option<T>> {
        match self.text(column) {
            None => Some(None),
            Some(v) => match v.parse::<T>() {
                Ok(t) => Some(Some(t)),
                Err(_) => {
                    // A CPR number is never repeated back, not even a mistyped one.
                    if column == "cpr" {
                        self.problem(column, "problem.cpr");
                    } else {
                        self.problem(
                            column,
                            Message::new("problem.import_value").text("value", v),
                        );
                    }
                    None
                }
            },
        }
    }

    pub(super) fn date(&mut self, column: &str) -> Option<Option<NaiveDate>> {
        match self.text(column) {
            None => Some(None),
            Some(v) => match NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(&v, "%d-%m-%Y"))
            {
                Ok(d) if kith_domain::dates::in_range(d) => Some(Some(d)),
                Ok(_) => {
                    self.problem(column, "problem.date_range");
                    None
                }
                Err(_) => {
                    self.problem(column, Message::new("problem.import_date").text("value", v));
                    None
                }
            },
        }
    }

    pub(super) fn yes_no(&mut self, column: &str) -> Option<bool> {
        match self.text(column).map(|v| v.to_lowercase()) {
            None => Some(false),
            Some(v) if ["yes", "ja", "true", "1", "x"].contains(&v.as_str()) => Some(true),
            Some(v) if ["no", "nej", "false", "0"].contains(&v.as_str()) => Some(false),
            Some(_) => {
                self.problem(column, "problem.yes_no");
                None
            }
        }
    }

    pub(super) fn list(&self, column: &str) -> Vec<String> {
        self.text(column)
            .map(|v| {
                v.split([';', ','])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `code:level` pairs, e.g. `attachment:moderate; trauma:light`.
    pub(super) fn levels(&mut self, column: &str) -> Option<Vec<(NeedCode, NeedLevel)>> {
        let mut out = Vec::new();
        let mut ok = true;
        for item in self.list(column) {
            let (code, level) = item.split_once(':').unwrap_or((item.as_str(), ""));
            match (
                NeedCode::parse(code.trim()),
                level.trim().parse::<NeedLevel>(),
            ) {
                (Ok(c), Ok(l)) => out.push((c, l)),
                (Err(_), _) => {
                    self.problem(
                        column,
                        Message::new("problem.unknown_need_code").text("code", code.trim()),
                    );
                    ok = false;
                }
                (_, Err(_)) => {
                    let levels = NeedLevel::ALL
                        .iter()
                        .map(|l| l.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.problem(
                        column,
                        Message::new("problem.import_level").text("levels", levels),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    pub(super) fn coordinates(&mut self, lat: &str, lon: &str) -> Option<Option<Coordinates>> {
        match (self.parsed::<f64>(lat)?, self.parsed::<f64>(lon)?) {
            (Some(lat), Some(lon)) => Some(Some(Coordinates { lat, lon })),
            (None, None) => Some(None),
            _ => {
                self.problem(lat, "problem.both_coordinates");
                None
            }
        }
    }

    pub(super) async fn staff(
        &mut self,
        app: &App,
        column: &str,
    ) -> Result<Option<Option<UserId>>> {
        let Some(v) = self.text(column) else {
            return Ok(Some(None));
        };
        let Ok(email) = Email::parse(&v) else {
            self.problem(column, "problem.email");
            return Ok(None);
        };
        Ok(
            match kith_store::users::find_by_email(app.db().conn(), &email).await? {
                Some(u) => Some(Some(UserId(u.user.id))),
                None => {
                    self.problem(column, "problem.no_staff_email");
                    None
                }
            },
        )
    }

    /// Adds the rule check's field problems under their columns, except on columns that
    /// already have a problem in this row (a cell that did not parse was checked as a
    /// placeholder).
    pub(super) fn absorb(&mut self, checked: Result<()>, column_of: fn(&str) -> &'static str) {
        let seen: HashSet<String> = self
            .problems
            .iter()
            .filter(|p| p.row == self.n)
            .map(|p| p.column.clone())
            .collect();
        match checked {
            Ok(()) => {}
            Err(AppError::Invalid(errors)) => {
                for FieldError { field, message } in errors {
                    let column = column_of(&field);
                    if !seen.contains(column) {
                        self.problem(column, message);
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "an import row failed unexpectedly");
                self.problem("", "problem.invalid")
            }
        }
    }
}

pub(super) fn required_code<T: FromStr>(r: &mut Row<'_>, column: &str) -> Option<T>
where
    T::Err: std::fmt::Display,
{
    match r.parsed::<T>(column)? {
        Some(v) => Some(v),
        None => {
            r.problem(column, "required");
            None
        }
    }
}
