//! The shape of every form: one struct of what a person typed, declared once with [`form!`].
//!
//! The struct travels unchanged from the page (its inputs are named from it) to the server
//! function (which takes it as its `form` argument) to the domain parser (which reads it and
//! reports problems keyed by its fields), and back to the page when a save is refused (the
//! stash keeps it whole, so nothing typed is lost). Each field is named once, in the struct:
//! `ActionForm::resources` is the field (its key, the input's id and name, and the key of its
//! errors); `form.resources` is what was typed into it.

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Field(&'static str);

impl Field {
    #[doc(hidden)]
    pub const fn new(key: &'static str) -> Self {
        Self(key)
    }

    /// The field's key: its name in the struct, the input's id (which the error summary links
    /// to), and the key of its errors everywhere.
    pub const fn key(self) -> &'static str {
        self.0
    }

    /// The input's name: server functions take a form as their `form` argument.
    pub fn name(self) -> String {
        format!("form[{}]", self.0)
    }
}

/// Declares a form's struct and one [`Field`] constant per field, named like the field.
/// Every field defaults (a blank, an empty list), so that a choice left unmade reaches the
/// parser as a blank and gets a plain message, never a technical one.
#[macro_export]
macro_rules! form {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )+
        }

        #[allow(non_upper_case_globals)]
        impl $name {
            $( pub const $field: $crate::domain::form::Field =
                $crate::domain::form::Field::new(stringify!($field)); )+

            /// Every field, in order.
            pub const FIELDS: &'static [$crate::domain::form::Field] = &[ $( Self::$field ),+ ];
        }
    };
}

/// A problem with what was typed, for the error summary and the field's inline message.
/// `field` is `None` for the form as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    pub field: Option<Field>,
    pub message: String,
}

impl FormProblem {
    pub fn at(field: Field, message: impl Into<String>) -> Self {
        Self {
            field: Some(field),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    crate::form! {
        /// A form for the test.
        pub struct Example {
            title: String,
            pooled_budget: String,
            picked: std::collections::BTreeMap<String, String>,
        }
    }

    #[test]
    fn each_field_is_named_once_and_blank_by_default() {
        assert_eq!(Example::pooled_budget.key(), "pooled_budget");
        assert_eq!(Example::pooled_budget.name(), "form[pooled_budget]");
        assert_eq!(Example::FIELDS.len(), 3);
        let blank: Example = serde_json::from_str("{}").expect("missing fields are blanks");
        assert_eq!(blank, Example::default());
    }
}
