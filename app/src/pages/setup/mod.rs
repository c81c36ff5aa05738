//! The set-up pages administrators use.
