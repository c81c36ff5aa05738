/// Declares a closed set of values that is stored as text (in both databases and in URLs) and
/// shown to people with a label. `FromStr` accepts exactly the stored text; anything else is a
/// [`super::ParseError`] naming what was expected.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $variant:ident => $text:literal, $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $variant ),+
        }

        impl $name {
            /// Every value, in the order people see them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The stored form.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }

            /// The form shown to people.
            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $label ),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim() {
                    $( $text => Ok($name::$variant), )+
                    other => Err($crate::domain::ParseError::new(format!(
                        "'{}' is not a known {}; expected one of: {}",
                        other,
                        $what,
                        [$( $text ),+].join(", ")
                    ))),
                }
            }
        }
    };
}

pub(crate) use text_enum;

#[cfg(test)]
mod tests {
    text_enum!(Colour, "colour" { Red => "red", "Red", Blue => "blue", "Blue" });

    #[test]
    fn round_trips_and_rejects_unknown_text() {
        for c in Colour::ALL {
            assert_eq!(c.as_str().parse::<Colour>().unwrap(), *c);
        }
        let err = "green".parse::<Colour>().unwrap_err();
        assert!(err.0.contains("'green' is not a known colour"), "{err}");
        assert!(err.0.contains("red, blue"), "{err}");
    }
}
