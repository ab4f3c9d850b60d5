//! A column holding a code of one of the domain's vocabularies (`status = 'active'`), decoded
//! once at the store's edge: the app reads `PlacementStatus`, never a string to parse, and a
//! stored value outside the vocabulary is an error where the row is read.

use kith_domain::Code;
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, DbErr, QueryResult, TryGetError, TryGetable, Value};

use crate::StringList;

/// A vocabulary's value as a column: stored as its code (text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stored<T: Code>(pub T);

impl<T: Code> std::ops::Deref for Stored<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Code> From<T> for Stored<T> {
    fn from(value: T) -> Self {
        Stored(value)
    }
}

impl<T: Code> From<&T> for Stored<T> {
    fn from(value: &T) -> Self {
        Stored(*value)
    }
}

impl<T: Code> From<Stored<T>> for Value {
    fn from(value: Stored<T>) -> Self {
        Value::String(Some(value.0.code().to_owned()))
    }
}

impl<T: Code> TryGetable for Stored<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let code = String::try_get_by(res, index)?;
        code.parse().map(Stored).map_err(|_| {
            TryGetError::DbErr(DbErr::Type(format!(
                "stored {} is not in the vocabulary: {code:?}",
                T::VOCABULARY
            )))
        })
    }
}

/// A code in a primary key (`need_text`'s language) is never an auto-increment id.
impl<T: Code> sea_orm::TryFromU64 for Stored<T> {
    fn try_from_u64(_: u64) -> Result<Self, DbErr> {
        Err(DbErr::ConvertFromU64("a stored code"))
    }
}

impl<T: Code> ValueType for Stored<T> {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        match v {
            Value::String(Some(code)) => code.parse().map(Stored).map_err(|_| ValueTypeErr),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        format!("Stored<{}>", T::VOCABULARY)
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::Text
    }
}

/// A list of a vocabulary's values as a column: stored as a JSON array of codes, like
/// [`StringList`](crate::StringList), and decoded once here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Codes<T: Code>(pub Vec<T>);

impl<T: Code> std::ops::Deref for Codes<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T: Code> From<Vec<T>> for Codes<T> {
    fn from(values: Vec<T>) -> Self {
        Codes(values)
    }
}

impl<T: Code> Codes<T> {
    fn as_strings(&self) -> StringList {
        StringList(self.0.iter().map(|v| v.code().to_owned()).collect())
    }

    fn decode(list: StringList) -> Result<Self, String> {
        list.0
            .into_iter()
            .map(|code| {
                code.parse().map_err(|_| {
                    format!(
                        "stored {} is not in the vocabulary: {code:?}",
                        T::VOCABULARY
                    )
                })
            })
            .collect::<Result<_, _>>()
            .map(Codes)
    }
}

impl<T: Code> From<Codes<T>> for Value {
    fn from(value: Codes<T>) -> Self {
        value.as_strings().into()
    }
}

impl<T: Code> TryGetable for Codes<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let list = StringList::try_get_by(res, index)?;
        Self::decode(list).map_err(|e| TryGetError::DbErr(DbErr::Type(e)))
    }
}

impl<T: Code> ValueType for Codes<T> {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        let list = <StringList as ValueType>::try_from(v)?;
        Self::decode(list).map_err(|_| ValueTypeErr)
    }

    fn type_name() -> String {
        format!("Codes<{}>", T::VOCABULARY)
    }

    fn array_type() -> ArrayType {
        <StringList as ValueType>::array_type()
    }

    fn column_type() -> ColumnType {
        <StringList as ValueType>::column_type()
    }
}

impl<T: Code> Nullable for Codes<T> {
    fn null() -> Value {
        <StringList as Nullable>::null()
    }
}

/// The codes of the states from which a thing may move to `to`: the guard a status change is
/// written under, so the store never writes a change the domain's life cycle forbids.
pub(crate) fn guard<T: kith_domain::LifeCycle>(to: T) -> Vec<&'static str> {
    T::before(to).into_iter().map(Code::code).collect()
}

impl<T: Code> Nullable for Stored<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kith_domain::PlacementStatus;

    #[test]
    fn a_code_is_stored_as_text_and_only_a_known_one_reads_back() {
        let v: Value = Stored(PlacementStatus::Active).into();
        assert_eq!(v, Value::String(Some("active".to_owned())));
        assert_eq!(
            <Stored<PlacementStatus> as ValueType>::try_from(v)
                .map(|s| s.0)
                .ok(),
            Some(PlacementStatus::Active)
        );
        let bogus = Value::String(Some("bogus".to_owned()));
        assert!(<Stored<PlacementStatus> as ValueType>::try_from(bogus).is_err());
    }

    #[test]
    fn a_list_of_codes_is_stored_as_a_json_array_and_only_known_codes_read_back() {
        use kith_domain::TargetArea;
        let v: Value = Codes(vec![TargetArea::General, TargetArea::Disability]).into();
        let back = <Codes<TargetArea> as ValueType>::try_from(v.clone()).map(|c| c.0);
        assert_eq!(
            back.ok(),
            Some(vec![TargetArea::General, TargetArea::Disability])
        );
        assert_eq!(
            <StringList as ValueType>::try_from(v).map(|l| l.0).ok(),
            Some(vec!["general".to_owned(), "disability".to_owned()])
        );
        let bogus: Value = StringList(vec!["general".into(), "bogus".into()]).into();
        assert!(<Codes<TargetArea> as ValueType>::try_from(bogus).is_err());
    }
}
