//! Pure types and rules of Trustboard. Compiled for the server and for the browser, free of I/O,
//! and unit-tested. Inputs are parsed into these types at the edge ("parse, don't validate").

pub mod area;
pub mod assessment;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cycle;
pub mod dashboard;
pub mod date;
pub mod due;
pub mod events;
pub mod figure;
pub mod form;
pub mod geo;
pub mod import;
pub mod indicator;
pub mod map;
pub mod midyear;
pub mod organisation;
pub mod partnership;
pub mod period;
pub mod plan;
pub mod rag;
pub mod readability;
pub mod setup;
pub mod young_people;

mod text_enum;

pub use area::{AreaCode, AreaKind};
pub use calendar::{Actor, CalendarStage, PlanYear, StageKind};
pub use indicator::{Frequency, GeographyLevel, IndicatorCode, Polarity, Unit};
pub use organisation::OrganisationType;
pub use partnership::{MemberRole, PartnershipSummary};
pub use period::Period;

/// A reason a piece of input could not be accepted, written for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

impl ParseError {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// A choice in a form: the value sent and the label shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}
