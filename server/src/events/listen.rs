//! On PostgreSQL, every app server listens for the events' announcements (`NOTIFY`, sent by each
//! write in its transaction) and tells its own live hub, so that a projector connected to any
//! server hears of a vote cast on any other. On SQLite (one server) writers tell the hub
//! themselves.

use app::api::events::live::LiveHub;
use app::db::Db;
use std::time::Duration;

/// Starts listening, for as long as the server runs (PostgreSQL only).
pub fn spawn_listener(db: &Db, hub: &LiveHub) -> Option<tokio::task::JoinHandle<()>> {
    let Db::Postgres(pool) = db else { return None };
    let (pool, hub) = (pool.clone(), hub.clone());
    Some(tokio::spawn(async move {
        loop {
            match sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(e) = listener.listen(app::db::events::CHANNEL).await {
                        tracing::warn!(error = %e, "could not listen for event announcements");
                    } else {
                        // Anything announced before (or while reconnecting) is drawn again.
                        hub.changed_all();
                        loop {
                            match listener.try_recv().await {
                                Ok(Some(n)) => {
                                    if let Ok(id) = n.payload().parse::<i64>() {
                                        hub.changed(id);
                                    }
                                }
                                // The connection was lost and is re-established by the next
                                // call: announcements in between may be missed.
                                Ok(None) => hub.changed_all(),
                                Err(e) => {
                                    tracing::warn!(error = %e, "lost the event announcements' connection");
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "could not connect to listen for event announcements")
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }))
}
