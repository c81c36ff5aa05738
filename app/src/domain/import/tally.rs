//! What a file's rows are for, said before anything is imported (the check page) and after (the
//! import's outcome, the command line): rows for the partnerships' areas, the county and the
//! comparators are kept; rows for other areas are skipped; suppressed values are counted.

use super::ImportRow;
use crate::domain::geo::thousands;
use crate::domain::{AreaCode, AreaKind};
use serde::{Deserialize, Serialize};

/// Where a row's area stands for the Trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// An area of the Trust (a district or ward its partnerships cover).
    Partnership,
    /// The Trust's county, a comparator.
    County,
    /// England, another country or a region: a comparator.
    Comparator,
    /// Any other area: skipped.
    Outside,
}

impl Place {
    /// Where `code` stands for a Trust whose county is `county`; `known`: whether the Trust
    /// holds the area.
    pub fn of(code: &AreaCode, county: &AreaCode, known: bool) -> Place {
        if code == county {
            Place::County
        } else if matches!(code.kind(), Some(AreaKind::Country | AreaKind::Region)) {
            Place::Comparator
        } else if known {
            Place::Partnership
        } else {
            Place::Outside
        }
    }

    /// Whether rows for this place are kept.
    pub fn kept(self) -> bool {
        self != Place::Outside
    }
}

/// How many rows of a file are for what.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Data rows (the heading and blank lines not counted).
    pub rows: usize,
    /// Kept, for the partnerships' areas.
    pub area_rows: usize,
    /// Kept, for the county.
    pub county_rows: usize,
    /// Kept, for England, other countries and regions.
    pub comparator_rows: usize,
    /// For areas outside the Trust: skipped.
    pub skipped_outside: usize,
    /// Kept rows whose value is suppressed or missing ("NA", "x", ".."…): kept as missing.
    pub suppressed: usize,
    /// Rows with errors.
    pub bad: usize,
}

impl Tally {
    /// Counts the good rows by where their area stands (`place`), and the bad ones.
    pub fn of(good: &[ImportRow], bad: usize, place: impl Fn(&AreaCode) -> Place) -> Tally {
        let mut t = Tally {
            rows: good.len() + bad,
            bad,
            ..Tally::default()
        };
        for row in good {
            let p = place(&row.area_code);
            match p {
                Place::Partnership => t.area_rows += 1,
                Place::County => t.county_rows += 1,
                Place::Comparator => t.comparator_rows += 1,
                Place::Outside => t.skipped_outside += 1,
            }
            if p.kept() && row.value.is_none() {
                t.suppressed += 1;
            }
        }
        t
    }

    /// Rows kept: for the partnerships' areas, the county and the comparators.
    pub fn kept(&self) -> usize {
        self.area_rows + self.county_rows + self.comparator_rows
    }

    /// The tally as people read it, line by line: (what, how many).
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Rows in the file", thousands(self.rows)),
            (
                "Rows for the Trust and its comparators",
                format!(
                    "{} rows: {} for partnership areas, {} for the county, {} for comparators (England and regions)",
                    thousands(self.kept()),
                    thousands(self.area_rows),
                    thousands(self.county_rows),
                    thousands(self.comparator_rows)
                ),
            ),
            (
                "Rows for areas outside the Trust",
                format!("{} rows, skipped", thousands(self.skipped_outside)),
            ),
            (
                "Suppressed values",
                format!(
                    "{} (such as NA or x): kept as missing, never as zero",
                    thousands(self.suppressed)
                ),
            ),
            ("Rows with errors", thousands(self.bad)),
        ]
    }
}

/// What an import made through the administration pages did, as its page shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub rows: usize,
    pub bad: usize,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub comparator_rows: usize,
    pub skipped_outside: usize,
    /// Kept rows for the partnerships' areas (absent from outcomes recorded before it was).
    #[serde(default)]
    pub area_rows: usize,
    #[serde(default)]
    pub county_rows: usize,
    #[serde(default)]
    pub suppressed: usize,
    pub imported: bool,
    pub message: Option<String>,
}

impl Outcome {
    /// What the file's rows were for.
    pub fn tally(&self) -> Tally {
        Tally {
            rows: self.rows,
            area_rows: self.area_rows,
            county_rows: self.county_rows,
            comparator_rows: self.comparator_rows,
            skipped_outside: self.skipped_outside,
            suppressed: self.suppressed,
            bad: self.bad,
        }
    }
}
