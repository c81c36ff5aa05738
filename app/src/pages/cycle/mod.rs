//! The Board's priorities page and the calendar editor.
