//! How repeated sign-in attempts are slowed down, without ever locking the right person out.
//!
//! - **Per (account, address) pair**: the first [`FREE_PER_PAIR`] attempts go at once; after
//!   that, each attempt gets a turn, and the gap between turns doubles (one delay unit, two,
//!   four, …, at most [`MAX_GAP_UNITS`]). Turns are reserved atomically before any password is
//!   checked, so a burst of concurrent guesses gets exactly as many checks as a patient guesser.
//!   An attempt whose turn is more than [`MAX_WAIT_UNITS`] away is refused for now (nothing is
//!   checked) and told when to try again: the next turn is never more than [`MAX_GAP_UNITS`] plus
//!   [`MAX_WAIT_UNITS`] units away. A successful sign-in clears the pair; a pair quiet for
//!   [`WINDOW_MINUTES`] starts over. The same account from another address is another pair.
//! - **Per address**: failures from one address (behind a proxy, a whole organisation) only
//!   slow each attempt a little ([`address_delay_units`]); they never refuse one. Somebody else
//!   at that address, with the right password, still signs in.
//!
//! The answer and the path taken are the same whether or not the account exists.

use chrono::{DateTime, TimeDelta, Utc};
use std::time::Duration;

/// A pair quiet for this long starts over; failures from an address count for this long.
pub const WINDOW_MINUTES: i64 = 15;
/// Attempts per pair that are checked at once.
pub const FREE_PER_PAIR: i64 = 5;
/// The longest gap between two turns of one pair, in delay units.
pub const MAX_GAP_UNITS: u32 = 60;
/// The longest an admitted attempt waits for its turn, in delay units.
pub const MAX_WAIT_UNITS: u32 = 10;
/// Failures from one address in the window before its attempts are slowed.
pub const FREE_PER_ADDRESS: i64 = 30;
/// The most an address's failures slow an attempt, in delay units.
pub const MAX_ADDRESS_UNITS: u32 = 4;

/// Where a pair stands, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairState {
    /// Attempts admitted since the pair started over.
    pub attempts: i64,
    /// The earliest time the pair's next attempt may be checked.
    pub next_at: DateTime<Utc>,
    /// When the last attempt was admitted.
    pub updated_at: DateTime<Utc>,
}

/// What happens to one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// Check the password after waiting `wait`; store `after` as the pair's state.
    Go { wait: Duration, after: PairState },
    /// Not now: the pair's next turn is too far off. Nothing changes.
    Refuse { retry_after: Duration },
}

/// The gap after the `n`th admitted attempt, in delay units.
fn gap_units(n: i64) -> u32 {
    if n < FREE_PER_PAIR {
        0
    } else {
        let doublings = u32::try_from(n - FREE_PER_PAIR).unwrap_or(u32::MAX).min(16);
        (1u32 << doublings).min(MAX_GAP_UNITS)
    }
}

fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}

/// Decides an attempt at `now` for a pair in `state` (fresh pairs come with `attempts = 0`).
pub fn admit(state: PairState, now: DateTime<Utc>, unit: Duration) -> Turn {
    let quiet = now - state.updated_at > TimeDelta::minutes(WINDOW_MINUTES);
    let (attempts, next_at) = if quiet {
        (0, now)
    } else {
        (state.attempts, state.next_at)
    };
    let start = next_at.max(now);
    let wait = (start - now).to_std().unwrap_or_default();
    let longest = unit * MAX_WAIT_UNITS;
    if wait > longest {
        return Turn::Refuse {
            retry_after: wait - longest,
        };
    }
    let n = attempts + 1;
    Turn::Go {
        wait,
        after: PairState {
            attempts: n,
            next_at: start + delta(unit * gap_units(n)),
            updated_at: now,
        },
    }
}

/// How many delay units an address's recent failures add to each attempt from it.
pub fn address_delay_units(failures: i64) -> u32 {
    if failures < FREE_PER_ADDRESS {
        0
    } else {
        let doublings = u32::try_from((failures - FREE_PER_ADDRESS) / FREE_PER_ADDRESS)
            .unwrap_or(u32::MAX)
            .min(8);
        (1u32 << doublings).min(MAX_ADDRESS_UNITS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: Duration = Duration::from_secs(1);

    fn fresh(now: DateTime<Utc>) -> PairState {
        PairState {
            attempts: 0,
            next_at: now,
            updated_at: now,
        }
    }

    /// Runs `count` attempts at the same instant, returning the waits of those admitted.
    fn burst(count: usize, now: DateTime<Utc>) -> (Vec<u64>, PairState) {
        let mut state = fresh(now);
        let mut waits = vec![];
        for _ in 0..count {
            if let Turn::Go { wait, after } = admit(state, now, UNIT) {
                waits.push(wait.as_secs());
                state = after;
            }
        }
        (waits, state)
    }

    #[test]
    fn a_burst_gets_a_few_checks_then_waits_then_is_refused() {
        let now = Utc::now();
        let (waits, state) = burst(200, now);
        assert_eq!(
            waits,
            vec![0, 0, 0, 0, 0, 1, 3, 7],
            "five at once, then turns"
        );
        assert_eq!(state.next_at, now + TimeDelta::seconds(15));
        assert_eq!(
            admit(state, now, UNIT),
            Turn::Refuse {
                retry_after: Duration::from_secs(5)
            }
        );
    }

    #[test]
    fn the_owner_waits_a_bounded_time_and_quiet_pairs_start_over() {
        let now = Utc::now();
        let (_, mut state) = burst(8, now);
        // However long guessing goes on, the next turn is never more than the longest gap away.
        let mut t = now;
        for _ in 0..100 {
            match admit(state, t, UNIT) {
                Turn::Go { wait, after } => {
                    assert!(wait <= UNIT * MAX_WAIT_UNITS);
                    state = after;
                }
                Turn::Refuse { retry_after } => {
                    assert!(retry_after <= UNIT * MAX_GAP_UNITS);
                    t += delta(retry_after);
                }
            }
        }
        assert!(state.next_at - state.updated_at <= TimeDelta::seconds(2 * MAX_GAP_UNITS as i64));
        let later = state.updated_at + TimeDelta::minutes(WINDOW_MINUTES + 1);
        match admit(state, later, UNIT) {
            Turn::Go { wait, after } => {
                assert_eq!(wait, Duration::ZERO);
                assert_eq!(after.attempts, 1, "a quiet pair starts over");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_address_is_slowed_never_refused() {
        assert_eq!(address_delay_units(0), 0);
        assert_eq!(address_delay_units(29), 0);
        assert_eq!(address_delay_units(30), 1);
        assert_eq!(address_delay_units(60), 2);
        assert_eq!(address_delay_units(90), 4);
        assert_eq!(address_delay_units(1_000_000), MAX_ADDRESS_UNITS);
    }
}
