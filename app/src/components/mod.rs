//! Reusable pieces of the GOV.UK Design System, in Leptos.

pub mod actions_table;
pub mod charts;
pub mod forms;
pub mod layout;
pub mod map_panel;
pub mod tag;
