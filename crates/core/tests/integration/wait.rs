//! Waiting while a server starts: it ends when the server is up, when cancelled, and when
//! the wait runs out.

use std::time::Duration;

use bootstrap_core::wait::{wait_while_starting, CancellationToken, WaitOutcome, WaitPolicy};
use bootstrap_core::ServerState;
use fake_infisical::Mode;

use crate::support::{address, client, server};

fn quick() -> WaitPolicy {
    WaitPolicy {
        first_delay: Duration::from_millis(50),
        max_delay: Duration::from_millis(200),
        give_up_after: Duration::from_secs(10),
    }
}

#[tokio::test]
async fn wait_ends_when_the_server_has_started() {
    let fake = server(Mode::StartingUp);
    let cancel = CancellationToken::new();
    let mut attempts = Vec::new();
    let outcome = wait_while_starting(&client(), &address(&fake), quick(), &cancel, |step| {
        attempts.push(step.attempt);
        if step.attempt == 3 {
            fake.set_mode(Mode::Normal);
        }
    })
    .await;
    assert_eq!(outcome, WaitOutcome::Settled(ServerState::Ready));
    assert_eq!(attempts, [1, 2, 3]);
}

#[tokio::test]
async fn wait_can_be_cancelled() {
    let fake = server(Mode::StartingUp);
    let cancel = CancellationToken::new();
    let outcome = wait_while_starting(&client(), &address(&fake), quick(), &cancel, |step| {
        if step.attempt == 2 {
            cancel.cancel();
        }
    })
    .await;
    assert_eq!(outcome, WaitOutcome::Cancelled);
}

#[tokio::test]
async fn wait_gives_up_at_its_cap() {
    let fake = server(Mode::StartingUp);
    let policy = WaitPolicy {
        give_up_after: Duration::from_millis(400),
        ..quick()
    };
    let cancel = CancellationToken::new();
    let started = std::time::Instant::now();
    let outcome = wait_while_starting(&client(), &address(&fake), policy, &cancel, |_| {}).await;
    assert!(
        matches!(outcome, WaitOutcome::GaveUp { attempts, .. } if attempts >= 2),
        "{outcome:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}
