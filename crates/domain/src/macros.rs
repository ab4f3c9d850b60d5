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
}
