//! The Board's key priorities (drafted, then published to every plan) and the calendar's editing.
