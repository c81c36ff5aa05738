//! Time-based one-time codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, one step either
//! side accepted) with `totp-rs`, their `otpauth://` address drawn as a QR code, and recovery
//! codes (random, stored only as SHA-256).

use crate::domain::auth::second_factor::{RECOVERY_ALPHABET, RECOVERY_CODES, RECOVERY_LENGTH};
use rand::{Rng as _, RngCore as _};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Who issues the codes, as authenticator apps show it.
pub const ISSUER: &str = "Trustboard";

/// A new random secret (160 bits, as RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

/// The code generator for a stored secret, or `None` if the secret is not valid base32 of the
/// right length.
fn totp(secret: &str, account: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret).ok()?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', " "))
        .build()
        .ok()
}

/// The `otpauth://totp/…` address an authenticator app reads from the QR code.
pub fn otpauth_uri(secret: &str, account: &str) -> Option<String> {
    totp(secret, account)?.to_url().ok()
}

/// The QR code of `text` as an SVG document (black on white, with its quiet zone), or `None`
/// if it is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#0b0c0c"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

/// Seconds since 1970, now.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The 30-second step a code of `secret` matches at `time` (the step before and after
/// included), compared in constant time; `None` if it matches none. Whether that step was
/// already used is the caller's to check.
pub fn matching_step(secret: &str, code: &str, time: u64) -> Option<u64> {
    totp(secret, "")?.check(code, time)
}

/// The code of `secret` at `time` (for tests, and nothing else).
pub fn code_at(secret: &str, time: u64) -> Option<String> {
    Some(totp(secret, "")?.generate(time).to_string())
}

/// A fresh set of recovery codes (normalised: lower case, no dash).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            (0..RECOVERY_LENGTH)
                .map(|_| RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())] as char)
                .collect()
        })
        .collect()
}

/// What is stored for a recovery code (normalised first).
pub fn recovery_hash(code: &str) -> String {
    super::token_hash(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::auth::second_factor::EnteredCode;

    /// RFC 6238, appendix B: the SHA-1 secret is the ASCII "12345678901234567890".
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn rfc_6238_test_vectors() {
        // The RFC gives 8 digits; ours are the last six of them.
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code_at(RFC_SECRET, time).unwrap(), &eight[2..], "{time}");
        }
    }

    #[test]
    fn one_step_either_side_and_no_further() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        let t = 1_800_000_000;
        let step = t / 30;
        let code = code_at(&secret, t).unwrap();
        assert_eq!(matching_step(&secret, &code, t), Some(step));
        assert_eq!(matching_step(&secret, &code, t + 30), Some(step));
        assert_eq!(matching_step(&secret, &code, t - 30), Some(step));
        assert_eq!(matching_step(&secret, &code, t + 60), None);
        assert_eq!(matching_step(&secret, "12345", t), None);
        assert_eq!(matching_step("not base32!", &code, t), None);
    }

    #[test]
    fn address_and_qr_code() {
        let uri = otpauth_uri(RFC_SECRET, "board@example.org").unwrap();
        assert!(
            uri.starts_with("otpauth://totp/Trustboard:board%40example.org?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={RFC_SECRET}")));
        assert!(uri.contains("issuer=Trustboard"));
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.contains("<svg"));
    }

    #[test]
    fn recovery_codes_are_random_and_parse() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for c in &codes {
            assert_eq!(
                EnteredCode::parse(&c.to_uppercase()).unwrap(),
                EnteredCode::Recovery(c.clone())
            );
            assert_eq!(recovery_hash(c).len(), 64);
        }
    }
}
