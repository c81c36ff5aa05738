//! The real `trustboard` binary as a child process: started on a database, waited for until it
//! answers, and killed with SIGKILL.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The date the demo data is made for (as `scripts/lib.sh` serves it).
const TODAY: &str = "2026-11-23";

/// A running server.
pub struct Server {
    child: Option<Child>,
    pub base: String,
    log: PathBuf,
}

/// A free local port (the listener is dropped at once, so the server can bind it).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

impl Server {
    /// Starts `trustboard serve` on `database_url` with the demo on (loaded into an empty
    /// database, left alone otherwise), logging to `dir/server.log`, and waits for `/healthz`.
    /// A start that fails only because another process took the port first is tried again.
    pub async fn start(database_url: &str, dir: &Path, http: &reqwest::Client) -> Server {
        let log = dir.join("server.log");
        for attempt in 1.. {
            let logged = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
            let mut server = Server::spawn(database_url, dir, &log);
            match server.wait_until_healthy(http).await {
                Ok(()) => return server,
                Err(why) => {
                    let text = std::fs::read(&log).unwrap_or_default();
                    let new = String::from_utf8_lossy(text.get(logged as usize..).unwrap_or(&[]));
                    if attempt < 3 && new.contains("in use") {
                        continue;
                    }
                    panic!("{why}:\n{}", server.log_tail());
                }
            }
        }
        unreachable!("the loop returns or panics")
    }

    fn spawn(database_url: &str, dir: &Path, log: &Path) -> Server {
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("server log file");
        let err = out.try_clone().expect("server log file");
        let addr = format!("127.0.0.1:{}", free_port());
        // Only what is set here: nothing from the developer's or CI's environment.
        let child = Command::new(env!("CARGO_BIN_EXE_trustboard"))
            .arg("serve")
            .env_clear()
            .env("DATABASE_URL", database_url)
            .env("TRUSTBOARD_ADDR", &addr)
            .env("TRUSTBOARD_DEMO", "true")
            .env("TRUSTBOARD_TODAY", TODAY)
            .env("TRUSTBOARD_SEND_DIGESTS", "false")
            .env("LEPTOS_SITE_ROOT", dir.join("site"))
            .env("LEPTOS_OUTPUT_NAME", "trustboard")
            .env("RUST_LOG", "warn")
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("start the trustboard binary");
        Server {
            child: Some(child),
            base: format!("http://{addr}"),
            log: log.to_path_buf(),
        }
    }

    async fn wait_until_healthy(&mut self, http: &reqwest::Client) -> Result<(), String> {
        // The first start loads the demo data in a debug build; later ones take about a second.
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            let answered = http
                .get(format!("{}/healthz", self.base))
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if answered {
                return Ok(());
            }
            let exited = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten());
            if let Some(status) = exited {
                self.child = None;
                return Err(format!("the server stopped ({status}) before answering"));
            }
            if Instant::now() > deadline {
                return Err("the server did not answer /healthz within 3 minutes".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Kills the server with SIGKILL (what `Child::kill` sends on Unix): no shutdown, no
    /// flushing, connections cut mid-request.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The end of the server's log, for a failure message.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}
