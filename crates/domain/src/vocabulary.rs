//! Closed vocabularies: statuses, roles, kinds, states. Each is an enum whose values travel as
//! snake_case names (JSON, query strings, database columns); one macro names them, so that the
//! name of a value is written once and a text that names none is an error, never a default.

use std::fmt;

/// An enum whose values have fixed names.
pub trait Vocabulary: Copy + Eq + fmt::Debug + Send + Sync + 'static {
    /// What a value is, in messages: "asset status".
    const WHAT: &'static str;
    /// Every value, in declaration order.
    const ALL: &'static [Self];

    fn as_str(self) -> &'static str;

    /// The value named `text`, or an error saying which names there are.
    fn parse(text: &str) -> Result<Self, UnknownName> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text).ok_or_else(|| UnknownName {
            what: Self::WHAT,
            value: text.chars().take(64).collect(),
            known: Self::ALL.iter().map(|v| v.as_str()).collect(),
        })
    }
}

/// A text that names no value of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (expected one of {})", known.join(", "))]
pub struct UnknownName {
    pub what: &'static str,
    pub value: String,
    pub known: Vec<&'static str>,
}

/// Declares a vocabulary: the enum with its serde names, `ALL`, `as_str`, `parse`, `Display`.
///
/// ```ignore
/// vocabulary! {
///     /// Where an alert is in its lifecycle.
///     pub enum AlertState: "alert state" { Open = "open", Acknowledged = "acknowledged" }
/// }
/// ```
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $crate::Vocabulary for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [$name] = &[$($name::$variant),+];

            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = <$name as $crate::Vocabulary>::ALL;

            pub fn as_str(self) -> &'static str {
                <$name as $crate::Vocabulary>::as_str(self)
            }

            pub fn parse(text: &str) -> Result<$name, $crate::UnknownName> {
                <$name as $crate::Vocabulary>::parse(text)
            }
        }

        /// In the OpenAPI document: a string, one of the names (not the Rust variants').
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .description(Some(concat!("The ", $what, ", by name.")))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::UnknownName;

            fn from_str(text: &str) -> Result<$name, $crate::UnknownName> {
                <$name as $crate::Vocabulary>::parse(text)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::{AssetStatus, Role};

    #[test]
    fn names_round_trip_through_text_and_json() {
        for &status in AssetStatus::ALL {
            assert_eq!(AssetStatus::parse(status.as_str()), Ok(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        assert_eq!(Role::parse("it"), Ok(Role::It));
        let schema = serde_json::to_value(<AssetStatus as utoipa::PartialSchema>::schema()).unwrap();
        let names: Vec<&str> = AssetStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(schema["enum"], serde_json::json!(names), "the document names the values as the API does");
    }

    #[test]
    fn an_unknown_name_is_an_error_that_lists_the_known_ones() {
        let err = Role::parse("superuser").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown role \"superuser\" (expected one of admin, it, reception, direction, employee)"
        );
        assert!(serde_json::from_value::<Role>(serde_json::json!("superuser")).is_err());
    }
}
