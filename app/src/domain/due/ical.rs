//! A person's calendar feed as iCalendar (RFC 5545): one all-day event per deadline that
//! concerns them. Lines end in CRLF and are folded at 75 octets (never inside a UTF-8
//! character); text is escaped.

use chrono::{DateTime, NaiveDate, Utc};

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across requests, so calendar programs update the event instead of adding one.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
    pub url: String,
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded: at most 75 octets a line, continuation lines starting with a
/// space; each line ends in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    let mut first = true;
    for c in line.chars() {
        let width = c.len_utf8();
        let limit = if first { 75 } else { 74 };
        if used + width > limit {
            out.push_str("\r\n ");
            used = 0;
            first = false;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The whole calendar.
pub fn calendar(name: &str, events: &[Event], stamp: DateTime<Utc>) -> String {
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |l: String| out.push_str(&fold(&l));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Trustboard//Business cycle deadlines//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", e.uid));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", date(e.date)));
        let next = e.date.succ_opt().unwrap_or(e.date);
        line(format!("DTEND;VALUE=DATE:{}", date(next)));
        line(format!("SUMMARY:{}", escape(&e.summary)));
        line(format!("DESCRIPTION:{}", escape(&e.description)));
        line(format!("URL:{}", e.url));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(escape("x\r\ny"), "x\\ny");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let long = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&long);
        assert!(folded.ends_with("\r\n"));
        for (i, l) in folded.trim_end_matches("\r\n").split("\r\n").enumerate() {
            assert!(l.len() <= 75, "line {i} is {} octets", l.len());
            if i > 0 {
                assert!(l.starts_with(' '));
            }
        }
        let unfolded: String = folded.trim_end_matches("\r\n").split("\r\n ").collect();
        assert_eq!(unfolded, long);
        assert_eq!(fold("SHORT"), "SHORT\r\n");
    }

    #[test]
    fn a_calendar_with_one_event() {
        let d = NaiveDate::from_ymd_opt(2027, 4, 30).unwrap();
        let stamp = DateTime::parse_from_rfc3339("2026-11-23T07:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let text = calendar(
            "Trustboard: Jo",
            &[Event {
                uid: "stage-plan_submission-2027-4@trustboard".into(),
                date: d,
                summary: "Plan, self-assessment; due".into(),
                description: "For Gosport".into(),
                url: "https://tb.example/".into(),
            }],
            stamp,
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20270430\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20270501\r\n"));
        assert!(text.contains("SUMMARY:Plan\\, self-assessment\\; due\r\n"));
        assert!(text.contains("DTSTAMP:20261123T070000Z\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF");
    }
}
