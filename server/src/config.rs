//! Configuration: defaults, then an optional TOML file, then environment variables (which win).

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// `sqlite:path/to/file.db` or `postgres://user:password@host/db`.
    pub database_url: String,
    /// Where the HTTP server listens.
    pub addr: SocketAddr,
    /// The folder the build writes the site to (WebAssembly, JavaScript, CSS and assets).
    pub site_root: PathBuf,
    /// Demo mode: the generated demo data is loaded into an empty database.
    pub demo: bool,
    pub log_format: LogFormat,
    pub max_connections: u32,
    /// A fixed "today" (YYYY-MM-DD) for demonstrations and tests.
    pub today: Option<chrono::NaiveDate>,
    /// Served over TLS (directly or behind a proxy): Secure `__Host-` cookies and HSTS.
    pub secure_cookies: bool,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after sign-in.
    pub session_lifetime: Duration,
    /// One unit of the delay that slows repeated sign-in failures.
    pub throttle_unit: Duration,
    /// The address people reach Trustboard at, for links in e-mail and calendar feeds
    /// (`http://` and the listening address when not set).
    pub public_url: Option<String>,
    /// The mail server digests (and set-your-password links) are sent through; without one
    /// the digests stay in the outbox.
    pub smtp: Option<app::mail::MailSettings>,
    /// Whether `serve` makes the daily digests of what is due.
    pub send_digests: bool,
    /// The UK time of day the digests are made and sent.
    pub digest_time: chrono::NaiveTime,
    /// The roles whose holders must sign in with a second factor; `None`: administrators and
    /// Board members, or nobody in demo mode (see [`Settings::second_factor_roles`]).
    pub second_factor_roles: Option<app::domain::auth::second_factor::RequiredRoles>,
    /// The reverse proxies (addresses or blocks) whose `X-Forwarded-For` names the client, for
    /// throttling and the record of sign-ins. Empty: the connection's peer is the client.
    pub trusted_proxies: crate::net::AddressList,
    /// The addresses (or blocks) that may read `/metrics`, by the connection's peer; loopback
    /// by default, nobody when empty.
    pub metrics_allow: crate::net::AddressList,
}

/// The `[smtp]` table of the file. The password comes from `password_file` or the
/// environment (`TRUSTBOARD_SMTP_PASSWORD`), never from this file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSmtp {
    host: Option<String>,
    port: Option<u16>,
    username: Option<String>,
    password_file: Option<PathBuf>,
    from: Option<String>,
    security: Option<String>,
}

/// The file form: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    addr: Option<SocketAddr>,
    site_root: Option<PathBuf>,
    demo: Option<bool>,
    log_format: Option<LogFormat>,
    max_connections: Option<u32>,
    today: Option<chrono::NaiveDate>,
    secure_cookies: Option<bool>,
    session_idle_minutes: Option<u64>,
    session_lifetime_hours: Option<u64>,
    public_url: Option<String>,
    send_digests: Option<bool>,
    digest_time: Option<String>,
    second_factor_roles: Option<String>,
    trusted_proxies: Option<String>,
    metrics_allow: Option<String>,
    smtp: Option<FileSmtp>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("could not read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid: {source}")]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("the environment variable {name} is not valid: {reason}")]
    Env { name: &'static str, reason: String },
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: "sqlite:data/trustboard.db".into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: PathBuf::from("target/site"),
            demo: false,
            log_format: LogFormat::Pretty,
            max_connections: 10,
            today: None,
            secure_cookies: false,
            session_idle: Duration::from_secs(60 * 60),
            session_lifetime: Duration::from_secs(12 * 60 * 60),
            throttle_unit: Duration::from_secs(1),
            public_url: None,
            smtp: None,
            send_digests: true,
            digest_time: chrono::NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default(),
            second_factor_roles: None,
            trusted_proxies: crate::net::AddressList::default(),
            metrics_allow: crate::net::AddressList::loopback(),
        }
    }
}

impl Settings {
    /// The address people reach Trustboard at, without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.addr),
        }
    }

    /// The roles that must sign in with a second factor: as configured, else administrators
    /// and Board members — except in demo mode, whose published demo sign-ins use passwords
    /// only unless the roles are set.
    pub fn second_factor_roles(&self) -> app::domain::auth::second_factor::RequiredRoles {
        use app::domain::auth::second_factor::RequiredRoles;
        match &self.second_factor_roles {
            Some(roles) => roles.clone(),
            None if self.demo => RequiredRoles::default(),
            None => RequiredRoles::people_with_power(),
        }
    }

    /// Loads the settings: `file` (or `TRUSTBOARD_CONFIG`) if given, then the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_from(file, |name| std::env::var(name).ok())
    }

    /// As [`Settings::load`], reading variables through `var` (for tests).
    pub fn load_from(
        file: Option<&Path>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut s = Settings::default();
        let mut smtp = FileSmtp::default();
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| var("TRUSTBOARD_CONFIG").map(PathBuf::from));
        if let Some(path) = file {
            let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                path: path.clone(),
                source,
            })?;
            let f: FileSettings =
                toml::from_str(&text).map_err(|source| ConfigError::Parse { path, source })?;
            if let Some(v) = f.database_url {
                s.database_url = v;
            }
            if let Some(v) = f.addr {
                s.addr = v;
            }
            if let Some(v) = f.site_root {
                s.site_root = v;
            }
            if let Some(v) = f.demo {
                s.demo = v;
            }
            if let Some(v) = f.log_format {
                s.log_format = v;
            }
            if let Some(v) = f.max_connections {
                s.max_connections = v;
            }
            if f.today.is_some() {
                s.today = f.today;
            }
            if let Some(v) = f.secure_cookies {
                s.secure_cookies = v;
            }
            if let Some(v) = f.session_idle_minutes {
                s.session_idle = Duration::from_secs(v * 60);
            }
            if let Some(v) = f.session_lifetime_hours {
                s.session_lifetime = Duration::from_secs(v * 3600);
            }
            if f.public_url.is_some() {
                s.public_url = f.public_url;
            }
            if let Some(v) = f.send_digests {
                s.send_digests = v;
            }
            if let Some(v) = f.digest_time {
                s.digest_time = parse_time(&v).ok_or_else(|| ConfigError::Env {
                    name: "digest_time",
                    reason: format!("expected a time like 07:00, not '{v}'"),
                })?;
            }
            if let Some(v) = f.trusted_proxies {
                s.trusted_proxies =
                    crate::net::AddressList::parse(&v).map_err(|reason| ConfigError::Env {
                        name: "trusted_proxies",
                        reason,
                    })?;
            }
            if let Some(v) = f.second_factor_roles {
                s.second_factor_roles = Some(parse_roles("second_factor_roles", &v)?);
            }
            if let Some(v) = f.metrics_allow {
                s.metrics_allow =
                    crate::net::AddressList::parse(&v).map_err(|reason| ConfigError::Env {
                        name: "metrics_allow",
                        reason,
                    })?;
            }
            if let Some(m) = f.smtp {
                smtp = m;
            }
        }
        if let Some(v) = var("DATABASE_URL") {
            s.database_url = v;
        }
        if let Some(v) = var("TRUSTBOARD_DATABASE_URL") {
            s.database_url = v;
        }
        if let Some(v) = var("TRUSTBOARD_ADDR").or_else(|| var("LEPTOS_SITE_ADDR")) {
            s.addr = v.parse().map_err(|e| ConfigError::Env {
                name: "TRUSTBOARD_ADDR",
                reason: format!("{e}: '{v}'"),
            })?;
        }
        if let Some(v) = var("LEPTOS_SITE_ROOT") {
            s.site_root = PathBuf::from(v);
        }
        if let Some(v) = var("TRUSTBOARD_DEMO") {
            s.demo = parse_bool(&v).ok_or_else(|| ConfigError::Env {
                name: "TRUSTBOARD_DEMO",
                reason: format!("expected true or false, not '{v}'"),
            })?;
        }
        if let Some(v) = var("TRUSTBOARD_LOG_FORMAT") {
            s.log_format = match v.as_str() {
                "json" => LogFormat::Json,
                "pretty" => LogFormat::Pretty,
                _ => {
                    return Err(ConfigError::Env {
                        name: "TRUSTBOARD_LOG_FORMAT",
                        reason: format!("expected pretty or json, not '{v}'"),
                    })
                }
            };
        }
        if let Some(v) = var("TRUSTBOARD_MAX_CONNECTIONS") {
            s.max_connections = v.parse().map_err(|e| ConfigError::Env {
                name: "TRUSTBOARD_MAX_CONNECTIONS",
                reason: format!("{e}: '{v}'"),
            })?;
        }
        if let Some(v) = var("TRUSTBOARD_SECURE_COOKIES") {
            s.secure_cookies = parse_bool(&v).ok_or_else(|| ConfigError::Env {
                name: "TRUSTBOARD_SECURE_COOKIES",
                reason: format!("expected true or false, not '{v}'"),
            })?;
        }
        if let Some(v) = var("TRUSTBOARD_SESSION_IDLE_MINUTES") {
            let m: u64 = v.parse().map_err(|e| ConfigError::Env {
                name: "TRUSTBOARD_SESSION_IDLE_MINUTES",
                reason: format!("{e}: '{v}'"),
            })?;
            s.session_idle = Duration::from_secs(m * 60);
        }
        if let Some(v) = var("TRUSTBOARD_SESSION_LIFETIME_HOURS") {
            let h: u64 = v.parse().map_err(|e| ConfigError::Env {
                name: "TRUSTBOARD_SESSION_LIFETIME_HOURS",
                reason: format!("{e}: '{v}'"),
            })?;
            s.session_lifetime = Duration::from_secs(h * 3600);
        }
        if let Some(v) = var("TRUSTBOARD_TRUSTED_PROXIES") {
            s.trusted_proxies =
                crate::net::AddressList::parse(&v).map_err(|reason| ConfigError::Env {
                    name: "TRUSTBOARD_TRUSTED_PROXIES",
                    reason,
                })?;
        }
        if let Some(v) = var("TRUSTBOARD_METRICS_ALLOW") {
            s.metrics_allow =
                crate::net::AddressList::parse(&v).map_err(|reason| ConfigError::Env {
                    name: "TRUSTBOARD_METRICS_ALLOW",
                    reason,
                })?;
        }
        if let Some(v) = var("TRUSTBOARD_TODAY") {
            s.today = Some(v.parse().map_err(|e| ConfigError::Env {
                name: "TRUSTBOARD_TODAY",
                reason: format!("{e}: '{v}' (use YYYY-MM-DD)"),
            })?);
        }
        if let Some(v) = var("TRUSTBOARD_PUBLIC_URL") {
            s.public_url = Some(v);
        }
        if let Some(v) = var("TRUSTBOARD_SEND_DIGESTS") {
            s.send_digests = parse_bool(&v).ok_or_else(|| ConfigError::Env {
                name: "TRUSTBOARD_SEND_DIGESTS",
                reason: format!("expected true or false, not '{v}'"),
            })?;
        }
        if let Some(v) = var("TRUSTBOARD_DIGEST_TIME") {
            s.digest_time = parse_time(&v).ok_or_else(|| ConfigError::Env {
                name: "TRUSTBOARD_DIGEST_TIME",
                reason: format!("expected a time like 07:00, not '{v}'"),
            })?;
        }
        if let Some(v) = var("TRUSTBOARD_SECOND_FACTOR_ROLES") {
            s.second_factor_roles = Some(parse_roles("TRUSTBOARD_SECOND_FACTOR_ROLES", &v)?);
        }
        s.smtp = smtp_settings(smtp, &var)?;
        Ok(s)
    }
}

fn parse_roles(
    name: &'static str,
    v: &str,
) -> Result<app::domain::auth::second_factor::RequiredRoles, ConfigError> {
    app::domain::auth::second_factor::RequiredRoles::parse(v)
        .map_err(|e| ConfigError::Env { name, reason: e.0 })
}

fn parse_time(v: &str) -> Option<chrono::NaiveTime> {
    chrono::NaiveTime::parse_from_str(v.trim(), "%H:%M").ok()
}

/// The mail server's settings: the file's `[smtp]`, then `TRUSTBOARD_SMTP_*` (which win). No
/// host, no mail.
fn smtp_settings(
    file: FileSmtp,
    var: &impl Fn(&str) -> Option<String>,
) -> Result<Option<app::mail::MailSettings>, ConfigError> {
    use app::mail::{MailSecurity, MailSettings};
    let Some(host) = var("TRUSTBOARD_SMTP_HOST").or(file.host) else {
        return Ok(None);
    };
    let security = match var("TRUSTBOARD_SMTP_SECURITY").or(file.security) {
        Some(v) => MailSecurity::parse(&v).ok_or_else(|| ConfigError::Env {
            name: "TRUSTBOARD_SMTP_SECURITY",
            reason: format!("expected starttls, tls or none, not '{v}'"),
        })?,
        None => MailSecurity::StartTls,
    };
    let port = match var("TRUSTBOARD_SMTP_PORT") {
        Some(v) => v.parse().map_err(|e| ConfigError::Env {
            name: "TRUSTBOARD_SMTP_PORT",
            reason: format!("{e}: '{v}'"),
        })?,
        None => file.port.unwrap_or(security.default_port()),
    };
    let password_file = var("TRUSTBOARD_SMTP_PASSWORD_FILE")
        .map(PathBuf::from)
        .or(file.password_file);
    let password = match var("TRUSTBOARD_SMTP_PASSWORD") {
        Some(p) => Some(p),
        None => match password_file {
            Some(path) => Some(
                std::fs::read_to_string(&path)
                    .map_err(|source| ConfigError::Read { path, source })?
                    .trim_end_matches(['\r', '\n'])
                    .to_string(),
            ),
            None => None,
        },
    };
    let from = var("TRUSTBOARD_SMTP_FROM")
        .or(file.from)
        .ok_or(ConfigError::Env {
            name: "TRUSTBOARD_SMTP_FROM",
            reason: "a mail server is set, so the sender's address is needed too".into(),
        })?;
    Ok(Some(MailSettings {
        host,
        port,
        username: var("TRUSTBOARD_SMTP_USERNAME").or(file.username),
        password,
        from,
        security,
    }))
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_are_safe() {
        let s = Settings::load_from(None, env(&[])).unwrap();
        assert_eq!(s.database_url, "sqlite:data/trustboard.db");
        assert_eq!(s.addr.to_string(), "127.0.0.1:3000");
        assert!(!s.demo, "demo mode is opt-in");
    }

    #[test]
    fn file_then_environment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trustboard.toml");
        std::fs::write(
            &path,
            "database_url = \"sqlite:/tmp/x.db\"\naddr = \"0.0.0.0:8080\"\ndemo = true\n",
        )
        .unwrap();
        let s = Settings::load_from(Some(&path), env(&[("TRUSTBOARD_ADDR", "127.0.0.1:9999")]))
            .unwrap();
        assert_eq!(s.database_url, "sqlite:/tmp/x.db");
        assert_eq!(s.addr.to_string(), "127.0.0.1:9999", "the environment wins");
        assert!(s.demo);
    }

    #[test]
    fn mail_and_digests() {
        let s = Settings::load_from(None, env(&[])).unwrap();
        assert!(s.smtp.is_none(), "no mail server unless one is set");
        assert_eq!(s.digest_time.to_string(), "07:00:00");
        assert_eq!(s.public_url(), "http://127.0.0.1:3000");
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("smtp-password");
        std::fs::write(&secret, "s3cret-from-file\n").unwrap();
        let path = dir.path().join("trustboard.toml");
        std::fs::write(
            &path,
            format!(
                "public_url = \"https://tb.example.org/\"\ndigest_time = \"06:30\"\n[smtp]\nhost = \"smtp.example.org\"\nusername = \"tb\"\npassword_file = \"{}\"\nfrom = \"Trustboard <tb@example.org>\"\n",
                secret.display()
            ),
        )
        .unwrap();
        let s = Settings::load_from(Some(&path), env(&[])).unwrap();
        let m = s.smtp.clone().unwrap();
        assert_eq!(m.port, 587, "STARTTLS on 587 by default");
        assert_eq!(m.password.as_deref(), Some("s3cret-from-file"));
        assert_eq!(s.public_url(), "https://tb.example.org");
        assert_eq!(s.digest_time.to_string(), "06:30:00");
        assert!(
            !format!("{s:?}").contains("s3cret"),
            "the password is never shown"
        );
        let s = Settings::load_from(
            Some(&path),
            env(&[
                ("TRUSTBOARD_SMTP_PASSWORD", "from-env"),
                ("TRUSTBOARD_SMTP_SECURITY", "tls"),
            ]),
        )
        .unwrap();
        let m = s.smtp.unwrap();
        assert_eq!(m.password.as_deref(), Some("from-env"));
        assert_eq!(m.port, 465);
        let err = Settings::load_from(None, env(&[("TRUSTBOARD_SMTP_HOST", "smtp.example.org")]))
            .unwrap_err();
        assert!(err.to_string().contains("TRUSTBOARD_SMTP_FROM"), "{err}");
    }

    #[test]
    fn second_factor_roles_default_to_people_with_power_except_in_demo_mode() {
        use app::domain::auth::second_factor::RequiredRoles;
        use app::domain::auth::Role;
        let s = Settings::load_from(None, env(&[])).unwrap();
        assert_eq!(s.second_factor_roles(), RequiredRoles::people_with_power());
        let s = Settings::load_from(None, env(&[("TRUSTBOARD_DEMO", "true")])).unwrap();
        assert_eq!(s.second_factor_roles(), RequiredRoles::default());
        let s = Settings::load_from(
            None,
            env(&[
                ("TRUSTBOARD_DEMO", "true"),
                ("TRUSTBOARD_SECOND_FACTOR_ROLES", "board, district"),
            ]),
        )
        .unwrap();
        assert_eq!(
            s.second_factor_roles().0,
            vec![Role::BoardMember, Role::DistrictManager]
        );
        let s = Settings::load_from(None, env(&[("TRUSTBOARD_SECOND_FACTOR_ROLES", "")])).unwrap();
        assert_eq!(s.second_factor_roles(), RequiredRoles::default());
        let err = Settings::load_from(None, env(&[("TRUSTBOARD_SECOND_FACTOR_ROLES", "boss")]))
            .unwrap_err();
        assert!(
            err.to_string().contains("TRUSTBOARD_SECOND_FACTOR_ROLES"),
            "{err}"
        );
    }

    #[test]
    fn bad_values_are_named() {
        let err = Settings::load_from(None, env(&[("TRUSTBOARD_DEMO", "perhaps")])).unwrap_err();
        assert!(err.to_string().contains("TRUSTBOARD_DEMO"), "{err}");
        let err =
            Settings::load_from(None, env(&[("TRUSTBOARD_TODAY", "23/11/2026")])).unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "databse_url = \"x\"").unwrap();
        let err = Settings::load_from(Some(&path), env(&[])).unwrap_err();
        assert!(err.to_string().contains("is not valid"), "{err}");
    }
}
