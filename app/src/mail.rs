//! Sending e-mail over SMTP (reminder digests, set-your-password links). Built from the
//! server's settings when a mail server is configured; without one, nothing is sent and what
//! would have been is kept (the digests stay in the outbox). The password is never logged:
//! [`MailSettings`]'s `Debug` hides it.

use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::fmt;
use std::time::Duration;

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailSecurity {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587, usually).
    StartTls,
    /// TLS from the first byte (port 465, usually).
    Tls,
    /// No encryption: only for a relay on the same machine or a test server.
    None,
}

impl MailSecurity {
    pub fn parse(input: &str) -> Option<Self> {
        match input.trim().to_ascii_lowercase().as_str() {
            "starttls" => Some(Self::StartTls),
            "tls" | "smtps" => Some(Self::Tls),
            "none" | "plain" => Some(Self::None),
            _ => None,
        }
    }

    /// The usual port for this kind of connection.
    pub fn default_port(self) -> u16 {
        match self {
            Self::StartTls => 587,
            Self::Tls => 465,
            Self::None => 25,
        }
    }
}

/// Where and how to send mail.
#[derive(Clone, PartialEq, Eq)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, e.g. `Trustboard <trustboard@example.org>`.
    pub from: String,
    pub security: MailSecurity,
}

impl fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .field("security", &self.security)
            .finish()
    }
}

/// Why mail could not be sent (or the mailer built). The text never holds the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MailError(pub String);

/// Sends mail through the configured server. Cheap to clone: connections are pooled.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    host: String,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("host", &self.host)
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> Result<Self, MailError> {
        let from: Mailbox = settings.from.parse().map_err(|e| {
            MailError(format!(
                "the sender address '{}' is not valid: {e}",
                settings.from
            ))
        })?;
        let tls = || {
            TlsParameters::new(settings.host.clone())
                .map_err(|e| MailError(format!("TLS for {}: {e}", settings.host)))
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.as_str())
                .port(settings.port)
                .timeout(Some(Duration::from_secs(30)));
        builder = match settings.security {
            MailSecurity::StartTls => builder.tls(Tls::Required(tls()?)),
            MailSecurity::Tls => builder.tls(Tls::Wrapper(tls()?)),
            MailSecurity::None => builder.tls(Tls::None),
        };
        if let Some(user) = &settings.username {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                settings.password.clone().unwrap_or_default(),
            ));
        }
        Ok(Self {
            transport: builder.build(),
            from,
            host: settings.host.clone(),
        })
    }

    /// Sends one plain-text message.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| MailError(format!("the address '{to}' is not valid: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|e| MailError(format!("the message could not be made: {e}")))?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| {
            MailError(format!(
                "the mail server {} refused or failed: {e}",
                self.host
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_never_show_the_password() {
        let s = MailSettings {
            host: "smtp.example.org".into(),
            port: 587,
            username: Some("tb".into()),
            password: Some("hunter2-secret".into()),
            from: "Trustboard <tb@example.org>".into(),
            security: MailSecurity::StartTls,
        };
        assert!(!format!("{s:?}").contains("hunter2"));
        assert_eq!(
            MailSecurity::parse("STARTTLS"),
            Some(MailSecurity::StartTls)
        );
        assert_eq!(MailSecurity::parse("tls"), Some(MailSecurity::Tls));
        assert_eq!(MailSecurity::parse("none"), Some(MailSecurity::None));
        assert_eq!(MailSecurity::parse("maybe"), None);
    }

    #[test]
    fn a_bad_sender_is_refused() {
        let s = MailSettings {
            host: "localhost".into(),
            port: 25,
            username: None,
            password: None,
            from: "not an address".into(),
            security: MailSecurity::None,
        };
        assert!(Mailer::new(&s).is_err());
    }
}
