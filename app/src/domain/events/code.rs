//! The short code people type to join an event: six characters from an alphabet without the
//! look-alikes (no 0 or O, no 1, I or L), so that a code read off a projector across a hall is
//! typed right first time.

use crate::domain::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The characters a code is made of: 23 capital letters and the digits 2 to 9.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// The characters in a code: 31^6, about 887 million codes.
pub const CODE_LENGTH: usize = 6;

/// A join code, well formed (whether an event has it is for the database to say).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JoinCode(String);

impl JoinCode {
    /// Reads a code as people type it: any case, spaces and dashes ignored ("k7r 4mx").
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.is_empty() {
            return Err(ParseError::new("Enter the code shown on the screen"));
        }
        if code.chars().count() != CODE_LENGTH {
            return Err(ParseError::new(format!(
                "The code has {CODE_LENGTH} letters and numbers, like K7R4MX: check it on the screen"
            )));
        }
        if let Some(bad) = code
            .chars()
            .find(|c| !c.is_ascii() || !CODE_ALPHABET.contains(&(*c as u8)))
        {
            let hint = match bad {
                '0' | 'O' | '1' | 'I' | 'L' => " (codes never use 0, O, 1, I or L)",
                _ => "",
            };
            return Err(ParseError::new(format!(
                "Codes use capital letters and the numbers 2 to 9 only{hint}: check the code on the screen"
            )));
        }
        Ok(JoinCode(code))
    }

    /// A new code from random bytes (`next` gives the next one). Bytes at or above the largest
    /// multiple of the alphabet's size are skipped, so every character is equally likely.
    pub fn generate(mut next: impl FnMut() -> u8) -> Self {
        let n = CODE_ALPHABET.len();
        let limit = (256 / n * n) as u16;
        let mut code = String::with_capacity(CODE_LENGTH);
        while code.len() < CODE_LENGTH {
            let b = next();
            if u16::from(b) < limit {
                code.push(CODE_ALPHABET[usize::from(b) % n] as char);
            }
        }
        JoinCode(code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "K7R 4MX": easier to read out and to copy from a screen.
    pub fn spaced(&self) -> String {
        format!("{} {}", &self.0[..3], &self.0[3..])
    }
}

impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
