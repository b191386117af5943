//! Waiting for a server that is starting up: check again with backoff until it is no
//! longer starting, the person cancels, or the wait runs out.
//!
//! Every wait ends. [`WaitPolicy::give_up_after`] caps it (five minutes by default), and a
//! [`CancellationToken`] stops it between two checks or during one.

use std::time::{Duration, Instant};

use serde::Serialize;
pub use tokio_util::sync::CancellationToken;

use crate::address::ServerAddress;
use crate::http::HttpClient;
use crate::preflight::{check, ServerState};

/// How often to check and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitPolicy {
    /// The pause after the first check; it doubles after each check.
    pub first_delay: Duration,
    /// The longest pause between two checks.
    pub max_delay: Duration,
    /// When to stop waiting, counted from the start.
    pub give_up_after: Duration,
}

impl Default for WaitPolicy {
    fn default() -> Self {
        Self {
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(15),
            give_up_after: Duration::from_secs(5 * 60),
        }
    }
}

impl WaitPolicy {
    /// The pause after check number `attempt` (1-based): doubling, capped at `max_delay`.
    pub fn delay_after(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1).min(16));
        self.first_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// Where a wait stands, reported after each check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitProgress {
    /// How many checks have run.
    pub attempt: u32,
    /// Seconds since the wait began.
    pub elapsed_secs: u64,
    /// Seconds until the next check.
    pub next_check_in_secs: u64,
    /// Seconds left before the wait gives up.
    pub gives_up_in_secs: u64,
}

/// How a wait ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitOutcome {
    /// The server left the starting-up state; this is what it is now.
    Settled(ServerState),
    /// The person cancelled.
    Cancelled,
    /// Still starting when the wait ran out.
    GaveUp {
        /// How many checks ran.
        attempts: u32,
        /// How long the wait lasted.
        waited: Duration,
    },
}

/// Checks `address` until it is no longer starting up. `progress` is called after each
/// check that found it still starting.
pub async fn wait_while_starting(
    client: &HttpClient,
    address: &ServerAddress,
    policy: WaitPolicy,
    cancel: &CancellationToken,
    mut progress: impl FnMut(WaitProgress),
) -> WaitOutcome {
    let started = Instant::now();
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let state = tokio::select! {
            () = cancel.cancelled() => return WaitOutcome::Cancelled,
            state = check(client, address) => state,
        };
        if state != ServerState::StartingUp {
            return WaitOutcome::Settled(state);
        }
        let elapsed = started.elapsed();
        let left = policy.give_up_after.saturating_sub(elapsed);
        if left.is_zero() {
            return WaitOutcome::GaveUp {
                attempts: attempt,
                waited: elapsed,
            };
        }
        let pause = policy.delay_after(attempt).min(left);
        progress(WaitProgress {
            attempt,
            elapsed_secs: elapsed.as_secs(),
            next_check_in_secs: pause.as_secs_f64().ceil() as u64,
            gives_up_in_secs: left.as_secs(),
        });
        tokio::select! {
            () = cancel.cancelled() => return WaitOutcome::Cancelled,
            () = tokio::time::sleep(pause) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_cap() {
        let policy = WaitPolicy::default();
        let secs: Vec<u64> = (1..=6).map(|n| policy.delay_after(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 15, 15]);
        assert_eq!(policy.delay_after(u32::MAX), Duration::from_secs(15));
    }
}
