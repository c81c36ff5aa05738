//! What is due: the home page's list, the Board's cycle table, reminders and the outbox.
