//! The second factor's rules that need no server: which roles must use one, what a person may
//! type as a code, and the stage a session is at.

use super::{Role, RoleAssignment};
use crate::domain::{text_enum::text_enum, ParseError};

text_enum!(
    /// How far a session has got. After a correct password, a person who uses a second factor
    /// (or whose role requires one) is at `code` (or `enrol`): they see only the page that asks
    /// for it, and every server function treats them as not signed in.
    SessionStage, "session stage" {
        Full => "full", "Signed in",
        Code => "code", "Waiting for a code",
        Enrol => "enrol", "Waiting for the second factor to be set up",
    }
);

/// Which roles must sign in with a second factor.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequiredRoles(pub Vec<Role>);

impl RequiredRoles {
    /// A comma-separated list of roles (`admin,board`, or the stored names such as
    /// `board_member`); empty or `none` for nobody.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let mut roles = Vec::new();
        for item in input.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let role = match item.to_ascii_lowercase().as_str() {
                "none" => continue,
                "admin" | "administrator" => Role::Administrator,
                "board" | "board_member" => Role::BoardMember,
                "district" | "district_manager" => Role::DistrictManager,
                "chair" | "partnership_chair" => Role::PartnershipChair,
                "member" | "partnership_member" => Role::PartnershipMember,
                "viewer" => Role::Viewer,
                other => {
                    return Err(ParseError::new(format!(
                        "'{other}' is not a role: use admin, board, district, chair, member, viewer or none"
                    )))
                }
            };
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        Ok(Self(roles))
    }

    /// Administrators and Board members.
    pub fn people_with_power() -> Self {
        Self(vec![Role::Administrator, Role::BoardMember])
    }

    /// Whether someone holding `roles` must use a second factor.
    pub fn require(&self, roles: &[RoleAssignment]) -> bool {
        roles.iter().any(|r| self.0.contains(&r.role))
    }
}

/// What a person typed when asked for a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnteredCode {
    /// Six digits from an authenticator app.
    OneTime(String),
    /// A recovery code, normalised (lower case, no dash or spaces).
    Recovery(String),
}

/// The letters and digits recovery codes are made of: no 0/o, 1/i/l that are read wrongly.
pub const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters in a recovery code (about 50 bits).
pub const RECOVERY_LENGTH: usize = 10;
/// Recovery codes given at each enrolment.
pub const RECOVERY_CODES: usize = 10;

impl EnteredCode {
    /// Spaces and dashes are ignored; six digits are a one-time code, ten letters and digits
    /// from the recovery alphabet a recovery code.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let squeezed: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if squeezed.is_empty() {
            return Err(ParseError::new(
                "Enter the 6-digit code from your authenticator app, or a recovery code",
            ));
        }
        if squeezed.len() == 6 && squeezed.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Self::OneTime(squeezed));
        }
        if squeezed.len() == RECOVERY_LENGTH
            && squeezed.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))
        {
            return Ok(Self::Recovery(squeezed));
        }
        Err(ParseError::new(
            "Enter the 6-digit code from your authenticator app, or a 10-character recovery code",
        ))
    }

    /// Only a one-time code (when setting the factor up).
    pub fn parse_one_time(input: &str) -> Result<String, ParseError> {
        match Self::parse(input) {
            Ok(Self::OneTime(code)) => Ok(code),
            _ => Err(ParseError::new(
                "Enter the 6-digit code your authenticator app shows",
            )),
        }
    }
}

/// A recovery code as shown: two groups of five (`abcde-fghjk`).
pub fn show_recovery_code(code: &str) -> String {
    if code.len() == RECOVERY_LENGTH {
        format!("{}-{}", &code[..5], &code[5..])
    } else {
        code.to_string()
    }
}

/// A secret as shown for typing into an app: groups of four characters.
pub fn group_in_fours(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_roles() {
        assert_eq!(
            RequiredRoles::parse("admin, board").unwrap(),
            RequiredRoles::people_with_power()
        );
        assert_eq!(RequiredRoles::parse("").unwrap().0, vec![]);
        assert_eq!(RequiredRoles::parse("none").unwrap().0, vec![]);
        assert_eq!(
            RequiredRoles::parse("board_member,viewer,board").unwrap().0,
            vec![Role::BoardMember, Role::Viewer]
        );
        assert!(RequiredRoles::parse("admin,boss").is_err());
    }

    #[test]
    fn codes() {
        assert_eq!(
            EnteredCode::parse(" 123 456 ").unwrap(),
            EnteredCode::OneTime("123456".into())
        );
        assert_eq!(
            EnteredCode::parse("ABCDE-FGHJK").unwrap(),
            EnteredCode::Recovery("abcdefghjk".into())
        );
        for bad in ["", "12345", "1234567", "abcde-fghjl", "12345a"] {
            assert!(EnteredCode::parse(bad).is_err(), "{bad}");
        }
        assert!(EnteredCode::parse_one_time("abcde-fghjk").is_err());
        assert_eq!(show_recovery_code("abcdefghjk"), "abcde-fghjk");
        assert_eq!(group_in_fours("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }
}
