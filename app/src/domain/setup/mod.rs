//! Setting a county up: the Trust, its partnerships, partner organisations and people in bulk.
