//! The islands: the only parts of Trustboard compiled to WebAssembly and hydrated in the
//! browser. Everything else is HTML from the server and works without a script; each island
//! enhances a part of a page that already works without it (JavaScript off, every form is a
//! plain post and every area of the map a link).
//!
//! - [`drafts::AboutEditor`]: the plan's summary, saved as people type.
//! - [`add_action::ActionsEditor`]: a priority's actions, a new one added in place.
//! - [`latest_figure::LatestFigure`]: the latest figure of the indicator chosen for a measure.
//! - [`import_progress::ImportProgress`]: a running import's progress.
//! - [`map::MapExplorer`]: the map's zoom, pan and pinch, and choosing an area in place.
//!
//! They are kept small, because every page downloads all of them (at most 150 KB of script
//! and WebAssembly as sent, measured by `end2end/tests/assets.spec.mjs`): an island takes no
//! props (which would need a JSON parser in the WebAssembly); it acts on what the server drew
//! inside it (`children`), found by selector ([`dom`]); what it fetches is HTML drawn on the
//! server, or small JSON read by the browser's own parser ([`net`]).

pub mod add_action;
pub mod dom;
pub mod drafts;
pub mod import_progress;
pub mod latest_figure;
pub mod map;
pub mod net;
