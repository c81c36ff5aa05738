//! Where a form may send the browser next: only a path on this site, and only in a form that
//! can always be sent as a `Location` header.

/// How many layers of percent-encoding are looked through before a value is given up on.
const MAX_DECODINGS: usize = 4;

/// A path on this site: starts with one `/` (not `//`, which browsers read as another host),
/// and holds no backslash (read as `/`) or control character (which browsers strip, so
/// `/<TAB>/host` becomes `//host`).
fn is_local(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.chars().any(|c| c == '\\' || c.is_control())
}

/// Decodes `%XX` escapes once (other bytes are kept; invalid UTF-8 becomes U+FFFD).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let (h, l) = (hex(h).unwrap_or(0), hex(l).unwrap_or(0));
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value and every form it decodes to, if each of them is a path on this site. The value
/// itself holds no whitespace either (a space is sent as `%20`).
fn local_forms(raw: &str) -> Option<Vec<String>> {
    if raw.chars().any(char::is_whitespace) {
        return None;
    }
    let mut forms = vec![raw.to_string()];
    for _ in 0..MAX_DECODINGS {
        let last = forms.last()?;
        if !is_local(last) {
            return None;
        }
        let decoded = percent_decode(last);
        if &decoded == last {
            return Some(forms);
        }
        forms.push(decoded);
    }
    None
}

/// Bytes allowed as they are in the paths we send; everything else is percent-encoded, so the
/// result is always visible ASCII (a valid header value).
fn keep_as_is(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?#%".contains(&b)
}

/// `path` if it (and whatever it decodes to) is a path on this site, in a form that is always
/// a valid `Location` header; `None` otherwise.
pub fn local_path(path: &str) -> Option<String> {
    local_forms(path)?;
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if keep_as_is(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// Where to go after signing in: a path on this site (never a server function), else the home
/// page.
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(|n| {
        let forms = local_forms(n)?;
        if forms.iter().any(|f| f.starts_with("/api/")) {
            return None;
        }
        local_path(n)
    })
    .unwrap_or_else(|| "/".to_string())
}

/// Sends a plain form post on to `to`, or to the home page if `to` is not a path on this site.
/// Never panics, whatever `to` holds.
#[cfg(feature = "ssr")]
pub fn redirect_locally(to: &str) {
    match local_path(to) {
        Some(path) => leptos_axum::redirect(&path),
        None => {
            tracing::warn!(to = %to.escape_debug(), "refused to redirect off this site");
            leptos_axum::redirect("/");
        }
    }
}

/// Percent-encodes a value for a URL's query string (letters, digits and `-._~/` stay as they
/// are).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/admin/people")), "/admin/people");
        assert_eq!(
            safe_next(Some("/audit?entity_type=plan&page=2#top")),
            "/audit?entity_type=plan&page=2#top"
        );
        assert_eq!(safe_next(Some("/dashboard?q=%20x")), "/dashboard?q=%20x");
        assert_eq!(safe_next(None), "/");
        for bad in [
            "",
            "admin",
            "https://evil.example/",
            "javascript:alert(1)",
            "//evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "\t//evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/%01",
            "/\u{1}",
            "/\u{7f}",
            "/\u{85}/evil.example",
            "/\u{2028}/evil.example",
            " //evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%252F/evil.example",
            "/%25252525252F/evil.example",
            "%2F%2Fevil.example",
            "/api/auth/sign-out",
            "/%61pi/auth/sign-out",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
    }

    #[test]
    fn local_paths_are_always_valid_header_values() {
        assert_eq!(
            local_path("/plans/café").as_deref(),
            Some("/plans/caf%C3%A9")
        );
        assert_eq!(local_path("/a\"<b>").as_deref(), Some("/a%22%3Cb%3E"));
        assert_eq!(local_path("/%zz").as_deref(), Some("/%zz"));
        assert_eq!(local_path("//evil.example"), None);
        for s in ["/x", "/é", "/a{b}|c^`"] {
            let p = local_path(s).unwrap();
            assert!(p.bytes().all(|b| b.is_ascii_graphic()), "{p}");
        }
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/audit?entity_type=x&page=2"),
            "/audit%3Fentity_type%3Dx%26page%3D2"
        );
    }
}
