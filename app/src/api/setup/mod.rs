//! Setting a county up, by administrators.
