//! The Board's key priorities and the cycle calendar.
