//! Setting a county up: the Trust, partnerships, partner organisations, people in bulk, and one-time set-your-password links.
