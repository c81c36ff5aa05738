//! The crash-safety test's parts: the server as a child process, the clients' burst of saves,
//! and what is checked after each restart.

pub mod checks;
pub mod child;
pub mod clients;

use crate::common::{session_cookie, DEMO_PASSWORD};

/// The chair who saves, and the plan they save in.
const CHAIR: &str = "chair.gosport@trustboard.example";
const SLUG: &str = "gosport";
const YEAR: i32 = 2027;

/// A piece of plan content with its own revision: the plan's needs summary, or a priority's
/// outcome.
#[derive(Debug, Clone)]
pub enum Field {
    About {
        plan_id: i64,
    },
    Priority {
        plan_id: i64,
        id: i64,
        title: String,
    },
}

impl Field {
    /// The server function that saves it.
    pub fn endpoint(&self) -> &'static str {
        match self {
            Field::About { .. } => "/api/plans/about",
            Field::Priority { .. } => "/api/plans/priority/save",
        }
    }

    /// The form that saves `text` into it, based on `revision`.
    pub fn form(&self, revision: i64, text: &str) -> Vec<(&'static str, String)> {
        match self {
            Field::About { plan_id } => vec![
                ("plan_id", plan_id.to_string()),
                ("revision", revision.to_string()),
                ("form[needs_summary]", text.into()),
                ("form[young_people_said]", String::new()),
            ],
            Field::Priority { plan_id, id, title } => vec![
                ("plan_id", plan_id.to_string()),
                ("priority_id", id.to_string()),
                ("revision", revision.to_string()),
                ("form[title]", title.clone()),
                ("form[outcome]", text.into()),
                ("form[champion]", String::new()),
                ("form[challenger]", String::new()),
            ],
        }
    }

    /// Its audit entries' entity type and id, and the key of the saved text in their values.
    pub fn audit(&self) -> (&'static str, String, &'static str) {
        match self {
            Field::About { plan_id } => ("plan", plan_id.to_string(), "needs_summary"),
            Field::Priority { id, .. } => ("plan_priority", id.to_string(), "outcome"),
        }
    }

    /// The query for its stored revision and text.
    pub fn stored_sql(&self) -> (&'static str, i64) {
        match self {
            Field::About { plan_id } => (
                "SELECT revision, needs_summary FROM plan WHERE id = $1",
                *plan_id,
            ),
            Field::Priority { id, .. } => (
                "SELECT revision, outcome FROM plan_priority WHERE id = $1",
                *id,
            ),
        }
    }

    pub fn name(&self) -> String {
        match self {
            Field::About { plan_id } => format!("plan {plan_id}'s needs summary"),
            Field::Priority { id, .. } => format!("priority {id}'s outcome"),
        }
    }
}

/// Who saves what: one signed-in session per client, each client on one field (some fields
/// have two clients, so that their saves race and some are refused as stale).
pub struct Cast {
    pub fields: Vec<Field>,
    pub clients: Vec<Seat>,
}

/// A client: the field it saves, its session cookie, and whether its saves are drafts saved
/// as the person types (`autosave`: no message is left for the next page).
pub struct Seat {
    pub field: usize,
    pub cookie: String,
    pub autosave: bool,
}

/// Starts the chair's plan for next year and signs the clients in: two on the needs summary
/// (one of them saving drafts as people type), two on the first priority, one on each other priority.
pub async fn prepare(http: &reqwest::Client, base: &str) -> Cast {
    let sign_in = move || async move {
        let res = http
            .post(format!("{base}/api/auth/sign-in"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("email", CHAIR), ("password", DEMO_PASSWORD)])
            .send()
            .await
            .expect("sign in");
        assert_eq!(res.status().as_u16(), 200, "the chair signs in");
        session_cookie(&res).expect("a session cookie")
    };
    let cookie = sign_in().await;
    let res = http
        .post(format!("{base}/api/plans/start"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &cookie)
        .form(&[("slug", SLUG.to_string()), ("year", YEAR.to_string())])
        .send()
        .await
        .expect("start the plan");
    assert_eq!(res.status().as_u16(), 200, "the chair starts the plan");
    let page: app::api::plans::PlanPage = http
        .get(format!("{base}/api/plans/page?slug={SLUG}&year={YEAR}"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("the plan page")
        .json()
        .await
        .expect("the plan page's data");
    let plan = page.plan.expect("the plan has started");
    assert!(
        !plan.priorities.is_empty(),
        "the plan has the Board's priorities"
    );
    let mut fields = vec![Field::About { plan_id: plan.id }];
    fields.extend(plan.priorities.iter().map(|p| Field::Priority {
        plan_id: plan.id,
        id: p.id,
        title: p.title.clone(),
    }));
    let mut on = vec![0, 0, 1];
    on.extend(1..fields.len());
    let mut clients = vec![Seat {
        field: on[0],
        cookie,
        autosave: true,
    }];
    for &field in &on[1..] {
        clients.push(Seat {
            field,
            cookie: sign_in().await,
            autosave: false,
        });
    }
    Cast { fields, clients }
}

/// A small seeded generator (SplitMix64) for the kill delays; the seed is printed so a run
/// can be repeated with `TB_CRASH_SEED`.
pub struct Rng(u64);

impl Rng {
    pub fn seeded() -> (Rng, u64) {
        let seed = std::env::var("TB_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(17)
            });
        (Rng(seed), seed)
    }

    /// A number in `low..high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        low + z % (high - low).max(1)
    }
}
