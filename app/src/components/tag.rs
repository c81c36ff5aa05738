//! GOV.UK tags, for statuses.

use leptos::prelude::*;

/// Colours a tag may take. Every tag also carries its text, so colour is never the only signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagColour {
    Grey,
    Green,
    Turquoise,
    Blue,
    Purple,
    Pink,
    Red,
    Orange,
    Yellow,
}

impl TagColour {
    fn class(self) -> &'static str {
        match self {
            TagColour::Grey => "govuk-tag govuk-tag--grey",
            TagColour::Green => "govuk-tag govuk-tag--green",
            TagColour::Turquoise => "govuk-tag govuk-tag--teal",
            TagColour::Blue => "govuk-tag",
            TagColour::Purple => "govuk-tag govuk-tag--purple",
            TagColour::Pink => "govuk-tag govuk-tag--pink",
            TagColour::Red => "govuk-tag govuk-tag--red",
            TagColour::Orange => "govuk-tag govuk-tag--orange",
            TagColour::Yellow => "govuk-tag govuk-tag--yellow",
        }
    }
}

#[component]
pub fn Tag(colour: TagColour, #[prop(into)] text: String) -> impl IntoView {
    view! { <strong class=colour.class()>{text}</strong> }
}
