//! The Board's key priorities for a year and the cycle calendar, as people type them.
