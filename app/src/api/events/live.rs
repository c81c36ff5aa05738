//! Live results (server only). Each event with someone watching has one channel on this server:
//! a task that, when told the event changed, counts the results once, draws them once, and
//! sends the same update to every projector and participant connected here. Changes made
//! while it draws collapse into one more drawing, so a burst of votes costs a few renders, not
//! one per vote per viewer.
//!
//! How a change reaches the channels: on SQLite (one server) the writer tells this hub after it
//! commits; on PostgreSQL every write sends `NOTIFY` in its transaction and every server's
//! listener (see `server::live`) tells its own hub, so a projector on any server hears of a vote
//! cast on any other.

use crate::db::Db;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, Notify};

/// The shortest time between two updates of one event: a burst of votes is drawn (and sent to
/// every screen) ten times a second, not once per vote, and no vote waits longer than this.
const MIN_GAP: std::time::Duration = std::time::Duration::from_millis(100);

/// One live update: the event's change number and the update as sent (JSON of the number and
/// the results' HTML).
#[derive(Debug, Clone)]
pub struct Update {
    pub changes: i64,
    pub data: Arc<str>,
}

struct Channel {
    tx: broadcast::Sender<Update>,
    wake: Notify,
}

#[derive(Default)]
struct Inner {
    channels: Mutex<HashMap<i64, Arc<Channel>>>,
    connections: AtomicUsize,
}

/// This server's live channels.
#[derive(Clone, Default)]
pub struct LiveHub(Arc<Inner>);

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub")
            .field("connections", &self.connections())
            .finish()
    }
}

/// Counts a connection while it lasts.
pub struct Connection(LiveHub);

impl Drop for Connection {
    fn drop(&mut self) {
        self.0 .0.connections.fetch_sub(1, Ordering::Relaxed);
    }
}

impl LiveHub {
    /// Live connections to this server now.
    pub fn connections(&self) -> usize {
        self.0.connections.load(Ordering::Relaxed)
    }

    /// Listens to an event's updates (starting its channel if nobody here was listening).
    pub fn subscribe(&self, db: &Db, event_id: i64) -> (broadcast::Receiver<Update>, Connection) {
        self.0.connections.fetch_add(1, Ordering::Relaxed);
        let connection = Connection(self.clone());
        let mut channels = self.0.channels.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = channels.get(&event_id) {
            return (c.tx.subscribe(), connection);
        }
        let (tx, rx) = broadcast::channel(16);
        let channel = Arc::new(Channel {
            tx,
            wake: Notify::new(),
        });
        channels.insert(event_id, channel.clone());
        tokio::spawn(run(self.clone(), db.clone(), event_id, channel));
        (rx, connection)
    }

    /// The event changed: its channel here (if any) draws the results again.
    pub fn changed(&self, event_id: i64) {
        let channels = self.0.channels.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = channels.get(&event_id) {
            c.wake.notify_one();
        }
    }

    /// Every channel draws again (after the PostgreSQL listener reconnected: announcements may
    /// have been missed meanwhile).
    pub fn changed_all(&self) {
        let channels = self.0.channels.lock().unwrap_or_else(|e| e.into_inner());
        for c in channels.values() {
            c.wake.notify_one();
        }
    }

    /// Called after a write to an event commits. On PostgreSQL the announcement went with the
    /// transaction (every server's listener hears it), so there is nothing more to do.
    pub fn after_commit(&self, db: &Db, event_id: i64) {
        if matches!(db, Db::Sqlite(_)) {
            self.changed(event_id);
        }
    }

    fn remove_if_idle(&self, event_id: i64, channel: &Arc<Channel>) -> bool {
        let mut channels = self.0.channels.lock().unwrap_or_else(|e| e.into_inner());
        if channel.tx.receiver_count() == 0 {
            if channels
                .get(&event_id)
                .is_some_and(|c| Arc::ptr_eq(c, channel))
            {
                channels.remove(&event_id);
            }
            true
        } else {
            false
        }
    }
}

/// The update for an event as it stands, or `None` if it no longer exists.
pub async fn render(db: &Db, event_id: i64) -> Result<Option<Update>, crate::db::DbError> {
    Ok(draw(db, event_id).await?.map(|(u, _)| u))
}

type Moment = chrono::DateTime<chrono::Utc>;

/// The update, and the next moment voting opens or closes by the clock (if one is to come).
async fn draw(
    db: &Db,
    event_id: i64,
) -> Result<Option<(Update, Option<Moment>)>, crate::db::DbError> {
    let Some(event) = crate::db::events::find(db, event_id).await? else {
        return Ok(None);
    };
    let now = crate::db::now();
    let results =
        crate::db::events::results(db, &event, now, crate::db::events::NEWEST_COMMENTS).await?;
    let html = crate::pages::events::results_html(&results);
    let data = serde_json::json!({ "changes": results.changes, "html": html }).to_string();
    let boundary = [event.rules.opens_at, event.rules.closes_at]
        .into_iter()
        .flatten()
        .filter(|t| *t > now)
        .min();
    Ok(Some((
        Update {
            changes: results.changes,
            data: data.into(),
        },
        boundary,
    )))
}

async fn run(hub: LiveHub, db: Db, event_id: i64, channel: Arc<Channel>) {
    let mut boundary = match draw(&db, event_id).await {
        Ok(Some((_, b))) => b,
        _ => None,
    };
    loop {
        let until = boundary
            .and_then(|t| (t - chrono::Utc::now()).to_std().ok())
            .unwrap_or(std::time::Duration::from_secs(30));
        tokio::select! {
            _ = channel.wake.notified() => {}
            // Voting opens or closes by the clock, or a quiet half-minute: look again (and stop
            // when nobody is listening any more).
            _ = tokio::time::sleep(until + std::time::Duration::from_millis(50)) => {
                if boundary.is_none() {
                    if hub.remove_if_idle(event_id, &channel) { return; }
                    continue;
                }
            }
        }
        if hub.remove_if_idle(event_id, &channel) {
            return;
        }
        match draw(&db, event_id).await {
            Ok(Some((update, next))) => {
                boundary = next;
                let _ = channel.tx.send(update);
                // At most ten updates a second: changes meanwhile are drawn together next.
                tokio::time::sleep(MIN_GAP).await;
            }
            Ok(None) => {
                hub.remove_if_idle(event_id, &channel);
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, event_id, "could not draw an event's live results")
            }
        }
    }
}
