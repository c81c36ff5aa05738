//! Reusable pieces of the GOV.UK Design System, in Leptos.

pub mod charts;
pub mod forms;
pub mod layout;
pub mod tag;
