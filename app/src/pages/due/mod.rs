//! What is due, the Board's cycle table, the outbox.
