//! Stakeholder events: the facilitator's pages (`list`, `manage`), the results as every screen
//! shows them (`results`), and the participants' pages and the projector (`public`), which the
//! server draws as whole documents without the app's WebAssembly.

mod list;
mod manage;
#[cfg(feature = "ssr")]
pub mod public;
mod results;

pub use list::{EventsListPage, NewEventPage};
pub use manage::EventPage;
#[cfg(feature = "ssr")]
pub use results::results_html;
pub use results::results_view;
