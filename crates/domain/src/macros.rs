//! A macro for the closed vocabularies of the domain (kinds, statuses, levels).
//!
//! Each such enum is stored and sent as a stable snake_case code, parsed back with a
//! `DomainError::UnknownCode` that names the vocabulary, and lists all its values so that
//! forms and validation messages can show the choices.

/// Defines a closed vocabulary: `enum` + `as_str` + `FromStr` + `ALL` + serde as the code.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every value, in the vocabulary's natural order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used in storage, the API and forms.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }
        }

        impl $crate::Code for $name {
            const VOCABULARY: &'static str = $what;

            fn code(self) -> &'static str {
                self.as_str()
            }

            fn all() -> &'static [Self] {
                Self::ALL
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::DomainError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    other => Err($crate::DomainError::UnknownCode {
                        vocabulary: $what,
                        code: other.chars().take(40).collect(),
                        allowed: vec![$($code),+].join(", "),
                    }),
                }
            }
        }
    };
}

pub(crate) use vocabulary;

/// A value of a closed vocabulary, known by its stable code: what the store keeps in a column
/// and decodes once, at its edge.
pub trait Code:
    Copy + std::fmt::Debug + PartialEq + std::str::FromStr<Err = crate::DomainError> + 'static
{
    /// The vocabulary's name, for an error about a stored value.
    const VOCABULARY: &'static str;
    /// The stable code: `active`.
    fn code(self) -> &'static str;
    /// Every value, in the vocabulary's order.
    fn all() -> &'static [Self];
}

/// A status whose changes follow a rule, which is the only way it changes: the use cases ask
/// it, and the store writes a change guarded by the states it may come from, so a race fails
/// cleanly instead of breaking the rule.
pub trait LifeCycle: Code {
    /// Whether something in this state may move to `to`.
    fn may_become(self, to: Self) -> bool;

    /// The states from which something may move to `to`: the store's guard.
    fn before(to: Self) -> Vec<Self> {
        Self::all()
            .iter()
            .copied()
            .filter(|s| s.may_become(to))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::LifeCycle;
    use crate::goals::GoalStatus;
    use crate::wheel::VisitStatus;
    use crate::{PlacementStatus, ProposalStatus};
    use proptest::prelude::*;

    /// Follows whatever moves are tried from `start`, keeping those the rule allows: the path
    /// never comes back to a state it left, and a state with no way out is never left.
    fn walk<T: LifeCycle>(start: T, tries: &[usize]) -> Result<Vec<T>, TestCaseError> {
        let all = T::all();
        let mut path = vec![start];
        for i in tries {
            let (from, to) = (*path.last().expect("start"), all[i % all.len()]);
            if from.may_become(to) {
                prop_assert!(!path.contains(&to), "{:?} came back to {:?}", path, to);
                path.push(to);
            }
        }
        prop_assert!(path.len() <= all.len());
        Ok(path)
    }

    proptest! {
        #[test]
        fn no_life_cycle_goes_back(tries in prop::collection::vec(0usize..10, 0..20)) {
            for s in PlacementStatus::ALL { walk(*s, &tries)?; }
            for s in VisitStatus::ALL { walk(*s, &tries)?; }
            for s in GoalStatus::ALL { walk(*s, &tries)?; }
            for s in ProposalStatus::ALL { walk(*s, &tries)?; }
        }
    }

    #[test]
    fn each_status_comes_only_from_where_the_rules_say() {
        use PlacementStatus::*;
        assert_eq!(PlacementStatus::before(Active), [Planned]);
        assert_eq!(PlacementStatus::before(Ended), [Planned, Active]);
        assert!(PlacementStatus::before(Planned).is_empty());
        assert_eq!(
            VisitStatus::before(VisitStatus::Held),
            [VisitStatus::Planned]
        );
        assert!(!VisitStatus::Cancelled.may_become(VisitStatus::Held));
        assert_eq!(
            GoalStatus::before(GoalStatus::Achieved),
            [GoalStatus::Active]
        );
        assert!(!GoalStatus::Revised.may_become(GoalStatus::Active));
        assert_eq!(
            ProposalStatus::before(ProposalStatus::Withdrawn),
            [ProposalStatus::Draft, ProposalStatus::Submitted]
        );
    }
}
