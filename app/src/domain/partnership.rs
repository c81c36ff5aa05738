//! Local Children's Partnerships and the people in them.

use super::{text_enum::text_enum, AreaCode};
use serde::{Deserialize, Serialize};

text_enum!(
    /// A person's part in a partnership's work (distinct from what they may do in Trustboard).
    MemberRole, "partnership role" {
        Chair => "chair", "Chair",
        ViceChair => "vice_chair", "Vice-chair",
        Member => "member", "Member",
        SubGroupLead => "sub_group_lead", "Sub-group lead",
        TopicLead => "topic_lead", "Topic lead",
    }
);

/// One row of the partnerships overview: who the partnership is and a few facts about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipSummary {
    pub id: i64,
    pub name: String,
    pub slug: String,
    /// The areas the partnership covers, as (code, name).
    pub areas: Vec<(AreaCode, String)>,
    pub chair: Option<String>,
    pub member_count: i64,
    pub organisation_count: i64,
    /// The latest value of the headline indicator for the partnership's first area.
    pub headline: Option<HeadlineFigure>,
}

/// A single figure with its indicator, period and comparator, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadlineFigure {
    pub indicator_code: String,
    pub indicator_title: String,
    pub period: String,
    pub value: String,
    pub england: Option<String>,
}

/// A URL-safe slug for a partnership name: lower-case letters and digits joined by hyphens.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Basingstoke and Deane"), "basingstoke-and-deane");
        assert_eq!(slugify("  New Forest (East) "), "new-forest-east");
        assert_eq!(slugify("Test Valley"), "test-valley");
    }

    #[test]
    fn roles_round_trip() {
        for role in MemberRole::ALL {
            assert_eq!(role.as_str().parse::<MemberRole>().unwrap(), *role);
        }
    }
}
