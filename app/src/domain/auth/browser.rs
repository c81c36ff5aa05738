//! A browser described the way a person recognises it ("Chrome on Windows"), from the
//! `User-Agent` a session started with. Only for showing people where they are signed in: the
//! header is whatever the client sent, so nothing is decided on it.

use crate::domain::assessment::shorten;

/// Browsers in the order they must be looked for: several name the others in their header
/// (Edge and Opera say "Chrome", Chrome says "Safari").
const BROWSERS: &[(&str, &str)] = &[
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("HeadlessChrome/", "Chrome (headless)"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
];

/// Systems, also in the order they must be looked for (an iPhone's header says "like Mac OS X",
/// Android's says "Linux").
const SYSTEMS: &[(&str, &str)] = &[
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "Mac"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
];

/// The longest description given for a header that names no browser known here.
const UNKNOWN_CHARS: usize = 40;

/// "Chrome on Windows", "Safari on iPhone", "Firefox"; a header naming no known browser is
/// shown cut to its first 40 characters.
pub fn describe_browser(user_agent: &str) -> String {
    let found = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(token, _)| user_agent.contains(token))
            .map(|(_, name)| *name)
    };
    match (found(BROWSERS), found(SYSTEMS)) {
        (Some(browser), Some(system)) => format!("{browser} on {system}"),
        (Some(browser), None) => browser.to_string(),
        (None, Some(system)) => format!("A browser on {system}"),
        (None, None) if user_agent.trim().is_empty() => "Unknown browser".to_string(),
        (None, None) => shorten(user_agent, UNKNOWN_CHARS),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_browser;

    #[test]
    fn common_browsers_are_named_with_their_system() {
        for (ua, want) in [
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Windows"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iPhone"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on Mac"),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux"),
            ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet on Android"),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36", "Chrome (headless) on Linux"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1", "Chrome on iPhone"),
            ("curl/8.5.0", "curl"),
        ] {
            assert_eq!(describe_browser(ua), want, "{ua}");
        }
    }

    #[test]
    fn anything_else_is_shown_short() {
        assert_eq!(describe_browser(""), "Unknown browser");
        assert_eq!(describe_browser("   "), "Unknown browser");
        assert_eq!(describe_browser("Lynx/2.9"), "Lynx/2.9");
        assert_eq!(
            describe_browser("Something (Windows)"),
            "A browser on Windows"
        );
        let long = "x".repeat(500);
        let shown = describe_browser(&long);
        assert_eq!(shown.chars().count(), 41);
        assert!(shown.ends_with('…'));
        // Cut on characters, never inside one.
        assert_eq!(describe_browser(&"é".repeat(60)).chars().count(), 41);
    }
}
