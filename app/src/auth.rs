//! Server-side sign-in machinery: password hashing (Argon2id, off the async threads), session
//! tokens (random, stored only as SHA-256), the session cookie, who is signed in, how repeated
//! sign-in attempts are slowed ([`throttle`]) and the bound on concurrent hashing ([`gate`]).

pub mod gate;
pub mod second_factor;
pub mod throttle;

use crate::domain::auth::Principal;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine as _;
use gate::Gate;
use rand::RngCore as _;
use sha2::{Digest, Sha256};

/// The session cookie's name: with the `__Host-` prefix (which requires Secure) over TLS.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-tb_session"
    } else {
        "tb_session"
    }
}

/// A new random session token (256 bits, URL-safe base64).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored for a token.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `Set-Cookie` value that stores a session token.
pub fn session_cookie(token: &str, secure: bool, max_age_seconds: i64) -> String {
    let mut c = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}",
        cookie_name(secure)
    );
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> String {
    session_cookie("", secure, 0)
}

/// Reads a cookie's value from a `Cookie` header.
pub fn read_cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Why a password could not be hashed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashError {
    #[error("{0}")]
    Busy(#[from] gate::Busy),
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// Hashes a password with Argon2id on a blocking thread, when `gate` gives a turn.
pub async fn hash_password_through(gate: &Gate, password: String) -> Result<String, HashError> {
    gate.run(move || {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| HashError::Failed(e.to_string()))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError::Failed(e.to_string()))
    })
    .await?
}

/// [`hash_password_through`] the process's shared gate, for operator commands and demo data.
pub async fn hash_password(password: String) -> Result<String, String> {
    hash_password_through(gate::shared(), password)
        .await
        .map_err(|e| e.to_string())
}

/// A hash of a password nobody has, verified against when an account does not exist, so that
/// the answer takes as long whether or not it does.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Qb0ZSiZ2ThmhTf8v5nC7nWfSL9nUUTIKUH/JNI4S+E4";

/// Checks a password against a stored hash (or the dummy) on a blocking thread, when `gate`
/// gives a turn.
pub async fn verify_password(
    gate: &Gate,
    password: String,
    stored: Option<String>,
) -> Result<bool, gate::Busy> {
    gate.run(move || {
        let real = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        // An account whose person has not yet chosen a password holds no hash: it is checked
        // against the dummy, so that it takes as long as any other.
        let (ok, real) = match PasswordHash::new(&stored) {
            Ok(h) => (
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok(),
                real,
            ),
            Err(_) => {
                if let Ok(h) = PasswordHash::new(DUMMY_HASH) {
                    let _ = Argon2::default().verify_password(password.as_bytes(), &h);
                }
                (false, false)
            }
        };
        ok && real
    })
    .await
}

/// The person signed in for this request, put into the request by the session layer.
#[derive(Debug, Clone, Default)]
pub struct CurrentUser {
    pub principal: Option<Principal>,
    /// The hash of the presented, live session token.
    pub session: Option<String>,
    /// After a correct password, the person who still has to give a code (or set their second
    /// factor up): `principal` is then `None`.
    pub pending: Option<Pending>,
}

/// A person half-way through signing in.
#[derive(Debug, Clone)]
pub struct Pending {
    pub principal: Principal,
    pub stage: crate::domain::auth::second_factor::SessionStage,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }

    #[test]
    fn cookies() {
        let c = session_cookie("abc", true, 60);
        assert!(c.starts_with("__Host-tb_session=abc; Path=/; HttpOnly; SameSite=Lax"));
        assert!(c.ends_with("; Secure"));
        assert!(!session_cookie("abc", false, 60).contains("Secure"));
        assert_eq!(
            read_cookie("a=1; tb_session=xyz; b=2", "tb_session"),
            Some("xyz")
        );
        assert_eq!(read_cookie("a=1", "tb_session"), None);
    }

    #[tokio::test]
    async fn passwords_hash_and_verify() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert_eq!(
            verify_password(
                gate::shared(),
                "correct horse battery".into(),
                Some(h.clone())
            )
            .await,
            Ok(true)
        );
        assert_eq!(
            verify_password(gate::shared(), "wrong horse battery".into(), Some(h)).await,
            Ok(false)
        );
        assert_eq!(
            verify_password(gate::shared(), "anything".into(), None).await,
            Ok(false),
            "no account never verifies"
        );
        assert!(
            PasswordHash::new(DUMMY_HASH).is_ok(),
            "the dummy hash is well formed"
        );
    }
}
