//! One stored value in a form both backends share, and the checksum of a table's rows.
//!
//! Values are read by the column's type on the backend that holds them: integers (and
//! booleans, which SQLite stores as 0 and 1) as integers, reals as 64-bit floats, text,
//! bytes, and PostgreSQL's timestamps and dates as the text SQLite holds for them. In the
//! canonical form a text that is a timestamp (`2026-11-23T10:00:00.123456+00:00`, `…Z`,
//! `2026-11-23 10:00:00`) is written in UTC to the microsecond (`2026-11-23T10:00:00.123456Z`),
//! so the same instant has the same checksum whichever backend holds it.

use chrono::{DateTime, DurationRound, NaiveDateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use std::cmp::Ordering;

/// What a column holds on the backend it was read from (kept in the file, so that a load
/// into SQLite writes PostgreSQL's timestamps as the application does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Bool,
    Text,
    Timestamp,
    Date,
    Bytes,
    Json,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Int => "int",
            Kind::Real => "real",
            Kind::Bool => "bool",
            Kind::Text => "text",
            Kind::Timestamp => "timestamp",
            Kind::Date => "date",
            Kind::Bytes => "bytes",
            Kind::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "int" => Kind::Int,
            "real" => Kind::Real,
            "bool" => Kind::Bool,
            "text" => Kind::Text,
            "timestamp" => Kind::Timestamp,
            "date" => Kind::Date,
            "bytes" => Kind::Bytes,
            "json" => Kind::Json,
            _ => return None,
        })
    }

    /// A SQLite column's kind, from its declared type (SQLite's affinity rules, plus the
    /// names the migrations use for booleans, dates and timestamps).
    pub fn of_sqlite(declared: &str) -> Kind {
        let t = declared.to_ascii_uppercase();
        if t.contains("BOOL") {
            Kind::Bool
        } else if t.contains("INT") {
            Kind::Int
        } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
            Kind::Real
        } else if t.contains("TIMESTAMP") || t.contains("DATETIME") {
            Kind::Timestamp
        } else if t == "DATE" {
            Kind::Date
        } else if t.contains("BLOB") {
            Kind::Bytes
        } else if t.contains("JSON") {
            Kind::Json
        } else {
            Kind::Text
        }
    }

    /// A PostgreSQL column's kind, from its type's name (`pg_type.typname`).
    pub fn of_postgres(typname: &str) -> Kind {
        match typname {
            "int2" | "int4" | "int8" => Kind::Int,
            "float4" | "float8" => Kind::Real,
            "bool" => Kind::Bool,
            "timestamptz" | "timestamp" => Kind::Timestamp,
            "date" => Kind::Date,
            "bytea" => Kind::Bytes,
            "json" | "jsonb" => Kind::Json,
            _ => Kind::Text,
        }
    }
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Val {
    /// As a JSON value in the file: numbers, strings, null; bytes as `{"hex": …}` and
    /// non-finite reals as `{"real": "NaN"}`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Val::Null => J::Null,
            Val::Int(i) => J::from(*i),
            Val::Real(f) => match serde_json::Number::from_f64(*f) {
                Some(n) => J::Number(n),
                None => serde_json::json!({ "real": f.to_string() }),
            },
            Val::Text(s) => J::String(s.clone()),
            Val::Bytes(b) => serde_json::json!({ "hex": hex(b) }),
        }
    }

    pub fn from_json(v: &serde_json::Value) -> Result<Val, String> {
        use serde_json::Value as J;
        Ok(match v {
            J::Null => Val::Null,
            J::Number(n) => match n.as_i64() {
                Some(i) if !n.is_f64() => Val::Int(i),
                _ => Val::Real(n.as_f64().ok_or("a number out of range")?),
            },
            J::String(s) => Val::Text(s.clone()),
            J::Object(o) => match (o.get("hex"), o.get("real")) {
                (Some(J::String(h)), None) => Val::Bytes(unhex(h).ok_or("bad hex bytes")?),
                (None, Some(J::String(r))) => {
                    Val::Real(r.parse().map_err(|_| "a bad real number")?)
                }
                _ => return Err("an unknown value".into()),
            },
            J::Bool(b) => Val::Int(i64::from(*b)),
            J::Array(_) => return Err("an unexpected list".into()),
        })
    }

    /// The value as PostgreSQL's input syntax reads it (cast to the column's type in SQL).
    pub fn to_pg_text(&self) -> Option<String> {
        match self {
            Val::Null => None,
            Val::Int(i) => Some(i.to_string()),
            Val::Real(f) => Some(if f.is_nan() {
                "NaN".into()
            } else if f.is_infinite() {
                if *f > 0.0 {
                    "Infinity".into()
                } else {
                    "-Infinity".into()
                }
            } else {
                format!("{f:?}")
            }),
            Val::Text(s) => Some(s.clone()),
            Val::Bytes(b) => Some(format!("\\x{}", hex(b))),
        }
    }
}

pub fn hex(b: &[u8]) -> String {
    use std::fmt::Write;
    b.iter()
        .fold(String::with_capacity(b.len() * 2), |mut s, x| {
            let _ = write!(s, "{x:02x}");
            s
        })
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A timestamp in UTC, to the microsecond (what PostgreSQL keeps): `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
pub fn canonical_instant(t: DateTime<Utc>) -> String {
    t.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(t)
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}

/// The instant a text names, if it is a timestamp: RFC 3339 (with `T` or a space) or a plain
/// date and time (taken as UTC).
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let shaped = (19..=35).contains(&b.len())
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b'T' || b[10] == b' ')
        && b[13] == b':'
        && b[16] == b':'
        && b[..4].iter().all(u8::is_ascii_digit);
    if !shaped {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let t = s.replacen(' ', "T", 1);
    if let Ok(t) = DateTime::parse_from_rfc3339(&t) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|n| n.and_utc())
}

/// A text in canonical form: a timestamp in UTC to the microsecond, anything else as it is.
pub fn canonical_text(s: &str) -> std::borrow::Cow<'_, str> {
    match parse_instant(s) {
        Some(t) => canonical_instant(t).into(),
        None => s.into(),
    }
}

/// Orders canonical values (for sorting rows by primary key the same way on every backend).
pub fn compare(a: &Val, b: &Val) -> Ordering {
    fn rank(v: &Val) -> u8 {
        match v {
            Val::Null => 0,
            Val::Int(_) => 1,
            Val::Real(_) => 2,
            Val::Text(_) => 3,
            Val::Bytes(_) => 4,
        }
    }
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => x.cmp(y),
        (Val::Real(x), Val::Real(y)) => x.total_cmp(y),
        (Val::Text(x), Val::Text(y)) => canonical_text(x).cmp(&canonical_text(y)),
        (Val::Bytes(x), Val::Bytes(y)) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Sorts rows by the given column positions (the primary key), then by every column.
pub fn sort_rows(rows: &mut [Vec<Val>], key: &[usize]) {
    rows.sort_by(|a, b| {
        key.iter()
            .map(|&i| compare(&a[i], &b[i]))
            .chain((0..a.len().min(b.len())).map(|i| compare(&a[i], &b[i])))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    });
}

fn feed(h: &mut Sha256, tag: u8, bytes: &[u8]) {
    h.update([tag]);
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

/// SHA-256 (hex) of a table: its column names, then every row's values in canonical form.
/// Rows must already be in canonical order (see [`sort_rows`]).
pub fn table_checksum(columns: &[&str], rows: &[Vec<Val>]) -> String {
    let mut h = Sha256::new();
    for c in columns {
        feed(&mut h, b'c', c.as_bytes());
    }
    for row in rows {
        h.update(b"\n");
        for v in row {
            match v {
                Val::Null => h.update(b"N"),
                Val::Int(i) => feed(&mut h, b'I', &i.to_be_bytes()),
                Val::Real(f) => feed(&mut h, b'R', &f.to_bits().to_be_bytes()),
                Val::Text(s) => feed(&mut h, b'T', canonical_text(s).as_bytes()),
                Val::Bytes(b) => feed(&mut h, b'B', b),
            }
        }
    }
    hex(&h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_instant_has_one_canonical_form() {
        let forms = [
            "2026-12-03T19:07:19.335826+00:00",
            "2026-12-03T19:07:19.335826Z",
            "2026-12-03 19:07:19.335826",
            "2026-12-03T20:07:19.335826+01:00",
        ];
        for f in forms {
            assert_eq!(canonical_text(f), "2026-12-03T19:07:19.335826Z", "{f}");
        }
        assert_eq!(canonical_text("2026-12-03"), "2026-12-03");
        assert_eq!(
            canonical_text("Gosport 2026-12-03T19:07"),
            "Gosport 2026-12-03T19:07"
        );
        let a = table_checksum(&["at"], &[vec![Val::Text(forms[0].into())]]);
        let b = table_checksum(&["at"], &[vec![Val::Text(forms[1].into())]]);
        assert_eq!(a, b);
        assert_ne!(a, table_checksum(&["at"], &[vec![Val::Text("x".into())]]));
    }

    #[test]
    fn values_survive_the_file() {
        for v in [
            Val::Null,
            Val::Int(-7),
            Val::Real(30.0),
            Val::Real(29.86),
            Val::Real(f64::NAN),
            Val::Text("£ “quoted”".into()),
            Val::Bytes(vec![0, 255, 16]),
        ] {
            let back = Val::from_json(&v.to_json()).unwrap();
            match (&v, &back) {
                (Val::Real(a), Val::Real(b)) if a.is_nan() => assert!(b.is_nan()),
                _ => assert_eq!(v, back),
            }
        }
    }
}
