//! How easy a piece of English is to read: the Flesch Reading Ease score, worked out from
//! counts of sentences, words and syllables. Syllables are counted by a heuristic (groups of
//! vowels, a silent final "e", silent "-es" and "-ed"), which is close enough to rank drafts
//! and to help authors write plainly for children, young people and families.

use serde::{Deserialize, Serialize};

/// The counts behind a Flesch Reading Ease score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    /// Flesch Reading Ease, clamped to 0..=100: higher is easier.
    pub score: f64,
    /// Words per sentence.
    pub average_sentence_length: f64,
}

/// The Flesch Reading Ease of `text`, or `None` when it has no words.
pub fn readability(text: &str) -> Option<Readability> {
    let sentences = sentences(text);
    let mut words = 0;
    let mut syllables = 0;
    for sentence in &sentences {
        for word in words_of(sentence) {
            words += 1;
            syllables += syllable_count(&word);
        }
    }
    if words == 0 {
        return None;
    }
    // Every word belongs to a sentence, so there is at least one.
    let sentence_count = sentences.len().max(1);
    let average_sentence_length = words as f64 / sentence_count as f64;
    let raw = 206.835 - 1.015 * average_sentence_length - 84.6 * (syllables as f64 / words as f64);
    Some(Readability {
        words,
        sentences: sentence_count,
        syllables,
        score: raw.clamp(0.0, 100.0),
        average_sentence_length,
    })
}

/// A short label for a score, and advice for authors.
pub fn band(score: f64) -> (&'static str, &'static str) {
    if score >= 80.0 {
        (
            "Very easy to read",
            "Most children and young people can read this easily.",
        )
    } else if score >= 70.0 {
        (
            "Easy to read",
            "Good for children and young people. Keep sentences short.",
        )
    } else if score >= 60.0 {
        (
            "Plain English",
            "Most adults can read this. For children and young people, use shorter sentences and simpler words.",
        )
    } else if score >= 50.0 {
        (
            "Fairly difficult",
            "Use shorter sentences and everyday words. Explain or remove jargon and acronyms.",
        )
    } else {
        (
            "Difficult",
            "Use shorter sentences and everyday words. Split long sentences, and say who does what.",
        )
    }
}

/// The sentences of `text` with more than `limit` words, for authors to shorten.
pub fn long_sentences(text: &str, limit: usize) -> Vec<String> {
    sentences(text)
        .into_iter()
        .filter(|s| words_of(s).count() > limit)
        .collect()
}

/// Characters that may close a sentence after its full stop: quotes and brackets.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
}

/// The sentences of `text`, trimmed, leaving out those without words. A sentence ends at a
/// full stop, exclamation or question mark followed by a space or the end of the line (so
/// "3.5" and "www.example.org" stay whole), and at every line break (a bullet or a heading
/// ends a sentence even without a full stop).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |sentence: &mut String| {
        let s = sentence.trim();
        if words_of(s).next().is_some() {
            out.push(s.to_string());
        }
        sentence.clear();
    };
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '!' | '?') {
                while let Some(&next) = chars.peek() {
                    if matches!(next, '.' | '!' | '?') || is_closer(next) {
                        current.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if chars.peek().is_none_or(|n| n.is_whitespace()) {
                    push(&mut current);
                }
            }
        }
        push(&mut current);
    }
    out
}

/// The words of `text`: whitespace-separated tokens with the punctuation around them removed,
/// leaving out tokens with no letters (numbers, dashes and bullets).
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().filter_map(|token| {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        word.chars()
            .any(char::is_alphabetic)
            .then(|| word.to_string())
    })
}

/// The syllables of a word, at least one. Hyphenated words count each part.
fn syllable_count(word: &str) -> usize {
    let total: usize = word
        .split(['-', '–', '/'])
        .map(|part| {
            let letters: String = part
                .to_lowercase()
                // "young people's": the possessive adds no syllable.
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .chars()
                .filter(|c| c.is_alphabetic())
                .collect();
            part_syllables(&letters)
        })
        .sum();
    total.max(1)
}

fn is_vowel(letters: &[char], i: usize) -> bool {
    match letters[i] {
        'a' | 'e' | 'i' | 'o' | 'u' | 'é' => true,
        // "y" is a consonant at the start of a word ("young", "year") and a vowel elsewhere
        // ("family", "they", "gym").
        'y' => i > 0,
        _ => false,
    }
}

/// Syllables of a run of lower-case letters; 0 when there are none.
fn part_syllables(word: &str) -> usize {
    let letters: Vec<char> = word.chars().collect();
    let n = letters.len();
    if n == 0 {
        return 0;
    }
    let mut groups = 0;
    let mut in_group = false;
    for i in 0..n {
        let vowel = is_vowel(&letters, i);
        if vowel && !in_group {
            groups += 1;
        }
        in_group = vowel;
    }
    let consonant_at = |i: usize| !is_vowel(&letters, i);
    if groups > 1 && n >= 3 {
        let silent = match (letters[n - 2], letters[n - 1]) {
            // A lone final "e" after a consonant is usually silent ("make", "whole"), except
            // in "-le" after a consonant ("table", "people").
            (c, 'e') if consonant_at(n - 2) => !(c == 'l' && consonant_at(n - 3)),
            // "-ed" is silent except after t or d ("asked", but "wanted", "needed").
            ('e', 'd') if consonant_at(n - 3) => !matches!(letters[n - 3], 't' | 'd'),
            // "-es" is silent except after a hissing sound ("makes", but "places", "changes",
            // "boxes", "matches", "wishes").
            ('e', 's') if consonant_at(n - 3) => {
                !matches!(letters[n - 3], 's' | 'x' | 'z' | 'c' | 'g')
                    && !word.ends_with("ches")
                    && !word.ends_with("shes")
            }
            _ => false,
        };
        if silent {
            groups -= 1;
        }
    }
    // "-ing" after a vowel is a syllable of its own ("being", "going", "saying").
    if n >= 4 && word.ends_with("ing") && is_vowel(&letters, n - 4) {
        groups += 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_common_words() {
        for (word, expected) in [
            ("children", 2),
            ("young", 1),
            ("people", 2),
            ("partnership", 3),
            ("the", 1),
            ("table", 2),
            ("a", 1),
            ("make", 1),
            ("makes", 1),
            ("family", 3),
            ("families", 3),
            ("they", 1),
            ("year", 1),
            ("school", 1),
            ("wanted", 2),
            ("asked", 1),
            ("agreed", 2),
            ("places", 2),
            ("service", 2),
            ("services", 3),
            ("whole", 1),
            ("little", 2),
            ("health", 1),
            ("will", 1),
            ("we", 1),
            ("be", 1),
            ("see", 1),
            ("value", 2),
            ("well-being", 3),
            ("Children's", 2),
            ("being", 2),
            ("going", 2),
            ("saying", 2),
            ("matches", 2),
            ("needed", 2),
        ] {
            assert_eq!(syllable_count(word), expected, "{word}");
        }
    }

    #[test]
    fn counts_sentences_words_and_lines() {
        let r = readability("We will help. Will you?\n- Clubs after school\n\n  \n1. Safe places!")
            .unwrap();
        assert_eq!(r.sentences, 4);
        assert_eq!(r.words, 10);
        // Decimals and web addresses do not end sentences; numbers are not words.
        let r = readability("Rates fell by 3.5 per cent, see www.example.org for more.").unwrap();
        assert_eq!(r.sentences, 1);
        assert_eq!(r.words, 9);
    }

    #[test]
    fn a_simple_sentence_is_as_easy_as_it_gets() {
        let r = readability("The cat sat on the mat.").unwrap();
        assert_eq!((r.words, r.sentences, r.syllables), (6, 1, 6));
        // 206.835 - 1.015 * 6 - 84.6 * 1 = 116.1 before clamping.
        assert_eq!(r.score, 100.0);
        assert_eq!(r.average_sentence_length, 6.0);
        assert_eq!(band(r.score).0, "Very easy to read");
    }

    #[test]
    fn plain_text_scores_higher_than_bureaucratic_text() {
        let plain = readability(
            "We want fewer young people to smoke. We will run clubs after school. \
             Your school nurse can help you stop.",
        )
        .unwrap();
        let bureaucratic = readability(
            "The partnership will endeavour to facilitate the commissioning of integrated, \
             evidence-based preventative interventions in collaboration with statutory and \
             voluntary sector organisations, thereby optimising outcomes for the population \
             of children and young people experiencing multiple disadvantages.",
        )
        .unwrap();
        assert!(plain.score >= 70.0, "{plain:?}");
        assert!(bureaucratic.score < 30.0, "{bureaucratic:?}");
        assert!(plain.score > bureaucratic.score);
        assert_eq!(band(bureaucratic.score).0, "Difficult");
        assert!(bureaucratic.average_sentence_length > plain.average_sentence_length);
    }

    #[test]
    fn empty_text_has_no_score() {
        assert_eq!(readability(""), None);
        assert_eq!(readability("  \n\n - 42 ... "), None);
    }

    #[test]
    fn scores_stay_within_bounds() {
        let r = readability("Incomprehensibilities institutionalisation internationalisation.")
            .unwrap();
        assert_eq!(r.score, 0.0);
    }

    #[test]
    fn bands() {
        assert_eq!(band(100.0).0, "Very easy to read");
        assert_eq!(band(80.0).0, "Very easy to read");
        assert_eq!(band(75.0).0, "Easy to read");
        assert_eq!(band(65.0).0, "Plain English");
        assert_eq!(band(55.0).0, "Fairly difficult");
        assert_eq!(band(10.0).0, "Difficult");
        assert!(band(10.0).1.contains("shorter sentences"));
    }

    #[test]
    fn finds_long_sentences() {
        let text = "We will help. The partnership, working with schools, health visitors, \
                    the police and voluntary groups across the district, will review how \
                    families are referred to early help services this year.\nShort line";
        let long = long_sentences(text, 20);
        assert_eq!(long.len(), 1);
        assert!(long[0].starts_with("The partnership, working with schools"));
        assert!(long[0].ends_with("this year."));
        assert!(long_sentences(text, 100).is_empty());
        assert_eq!(long_sentences(text, 1).len(), 3);
    }
}
