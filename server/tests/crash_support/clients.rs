//! The burst: every client saves its field as fast as the server answers, each save with a text
//! of its own, until the server is killed. Every answer is recorded.

use super::{Cast, Field};
use app::error::AppError;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::task::JoinSet;

/// A save the server acknowledged: 200 with the new revision.
#[derive(Debug, Clone)]
pub struct Ack {
    pub field: usize,
    pub revision: i64,
    pub text: String,
}

/// What the clients saw in one burst.
#[derive(Debug, Default)]
pub struct Outcome {
    pub acks: Vec<Ack>,
    /// Saves that got no answer (the server was killed): each may or may not have been stored.
    pub unanswered: Vec<(usize, String)>,
    /// Saves refused because another client had saved the field first.
    pub stale: usize,
    /// Any other answer: a failure of its own.
    pub unexpected: Vec<String>,
}

impl Outcome {
    fn merge(&mut self, other: Outcome) {
        self.acks.extend(other.acks);
        self.unanswered.extend(other.unanswered);
        self.stale += other.stale;
        self.unexpected.extend(other.unexpected);
    }
}

/// Starts every client, each from its field's stored revision (`revisions`); `acked` counts
/// the acknowledgements as they come.
pub fn start(
    http: &reqwest::Client,
    base: &str,
    cast: &Cast,
    revisions: &[i64],
    cycle: usize,
    acked: &Arc<AtomicUsize>,
) -> JoinSet<Outcome> {
    let mut set = JoinSet::new();
    for (n, seat) in cast.clients.iter().enumerate() {
        let field = &cast.fields[seat.field];
        let client = Client {
            http: http.clone(),
            url: format!("{base}{}", field.endpoint()),
            cookie: seat.cookie.clone(),
            index: seat.field,
            field: field.clone(),
            autosave: seat.autosave,
            label: format!("crash cycle {cycle} client {n}"),
            acked: acked.clone(),
        };
        set.spawn(client.save_until_cut(revisions[seat.field]));
    }
    set
}

/// Waits for every client to stop (they stop when the server no longer answers).
pub async fn finish(mut set: JoinSet<Outcome>) -> Outcome {
    let mut all = Outcome::default();
    while let Some(done) = set.join_next().await {
        all.merge(done.expect("a client ran to its end"));
    }
    all
}

struct Client {
    http: reqwest::Client,
    url: String,
    cookie: String,
    index: usize,
    field: Field,
    autosave: bool,
    label: String,
    acked: Arc<AtomicUsize>,
}

impl Client {
    async fn save_until_cut(self, mut revision: i64) -> Outcome {
        let mut out = Outcome::default();
        for n in 1.. {
            let text = format!("{} save {n}", self.label);
            let mut form = self.field.form(revision, &text);
            if self.autosave {
                form.push(("autosave", "1".into()));
            }
            let sent = self
                .http
                .post(&self.url)
                .header("sec-fetch-site", "same-origin")
                .header("cookie", &self.cookie)
                .form(&form)
                .send()
                .await;
            // Acknowledged means the whole answer arrived: a status and the body that says so.
            let answer = match sent {
                Ok(res) => {
                    let status = res.status().as_u16();
                    res.text().await.ok().map(|body| (status, body))
                }
                Err(_) => None,
            };
            match answer {
                None => {
                    out.unanswered.push((self.index, text));
                    break;
                }
                Some((200, body)) => match serde_json::from_str::<i64>(&body) {
                    Ok(rev) => {
                        out.acks.push(Ack {
                            field: self.index,
                            revision: rev,
                            text,
                        });
                        revision = rev;
                        self.acked.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => out
                        .unexpected
                        .push(format!("200 without a revision: {body}")),
                },
                Some((409, body)) => match serde_json::from_str::<AppError>(&body) {
                    Ok(AppError::Stale { revision: now, .. }) => {
                        out.stale += 1;
                        revision = now;
                    }
                    _ => out.unexpected.push(format!("409: {body}")),
                },
                Some((status, body)) => out.unexpected.push(format!("{status}: {body}")),
            }
            if out.unexpected.len() >= 10 {
                break;
            }
        }
        out
    }
}
