//! Where every partnership stands in the cycle, the digests outbox and calendar feeds.
