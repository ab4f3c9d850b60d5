//! How a goal's progress is measured, and what a progress entry may say.

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The measure of a goal: a 0-10 scale, a number with a unit, or achieved yes/no.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Measure {
    /// A judgement on a 0-10 scale (e.g. "how safe do you feel at school").
    Scale { baseline: u8, target: u8 },
    /// A count or amount with a unit (e.g. "days at school a week").
    Number {
        unit: String,
        baseline: f64,
        target: f64,
    },
    /// Reached or not.
    YesNo,
}

/// A progress entry's value, checked against the goal's measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum ProgressValue {
    Reached(bool),
    Amount(f64),
}

/// The most a scale goes to.
const SCALE_MAX: u8 = 10;

impl Measure {
    /// Refuses a measure that cannot show progress: a scale outside 0-10, a number that is
    /// not finite or has no unit, a target equal to the baseline.
    pub fn validate(&self) -> Result<(), DomainError> {
        match self {
            Measure::Scale { baseline, target } => {
                if *baseline > SCALE_MAX || *target > SCALE_MAX {
                    return Err(DomainError::Invalid("problem.scale".into()));
                }
                if baseline == target {
                    return Err(DomainError::Invalid("problem.target_same".into()));
                }
            }
            Measure::Number {
                unit,
                baseline,
                target,
            } => {
                if unit.trim().is_empty() || unit.chars().count() > 40 {
                    return Err(DomainError::Invalid("problem.unit".into()));
                }
                if !baseline.is_finite() || !target.is_finite() {
                    return Err(DomainError::Invalid("problem.number".into()));
                }
                if baseline == target {
                    return Err(DomainError::Invalid("problem.target_same".into()));
                }
            }
            Measure::YesNo => {}
        }
        Ok(())
    }

    /// Whether a progress value fits the measure: yes/no for yes/no; a whole number 0-10 for
    /// a scale; a finite number for a number.
    pub fn accepts(&self, value: ProgressValue) -> Result<(), DomainError> {
        match (self, value) {
            (Measure::YesNo, ProgressValue::Reached(_)) => Ok(()),
            (Measure::Scale { .. }, ProgressValue::Amount(v))
                if v.fract() == 0.0 && (0.0..=f64::from(SCALE_MAX)).contains(&v) =>
            {
                Ok(())
            }
            (Measure::Scale { .. }, _) => Err(DomainError::Invalid("problem.scale".into())),
            (Measure::Number { .. }, ProgressValue::Amount(v)) if v.is_finite() => Ok(()),
            (Measure::Number { .. }, _) => Err(DomainError::Invalid("problem.number".into())),
            (Measure::YesNo, _) => Err(DomainError::Invalid("problem.yes_no".into())),
        }
    }

    /// How far a value has come from the baseline to the target, 0.0 to 1.0 (beyond the
    /// target counts as 1, back past the baseline as 0), for charts and the dashboard.
    pub fn share_of_way(&self, value: ProgressValue) -> f64 {
        let (from, to, v) = match (self, value) {
            (Measure::YesNo, ProgressValue::Reached(r)) => return if r { 1.0 } else { 0.0 },
            (Measure::Scale { baseline, target }, ProgressValue::Amount(v)) => {
                (f64::from(*baseline), f64::from(*target), v)
            }
            (
                Measure::Number {
                    baseline, target, ..
                },
                ProgressValue::Amount(v),
            ) => (*baseline, *target, v),
            _ => return 0.0,
        };
        if from == to || !v.is_finite() {
            return 0.0;
        }
        ((v - from) / (to - from)).clamp(0.0, 1.0)
    }
}
