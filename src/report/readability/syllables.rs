//! English syllables by spelling: vowel groups, corrected for the spellings
//! where a group is silent (a final "e", "-ed", "-es") or where two adjacent
//! vowels are spoken apart ("idea", "being", "science").
//!
//! No kept crate counts English syllables by rule with a tested accuracy, and a
//! pronouncing dictionary would weigh more than the rest of the binary's data;
//! the tests hold a dictionary sample the counter must match (≥ 95% exact).

/// Syllables in one word. Hyphenated words count part by part; a word with no
/// letters (a number) counts as one.
pub fn syllables(word: &str) -> usize {
    let lower = normalise(word);
    let n = if lower.contains('-') {
        lower.split('-').filter(|p| !p.is_empty()).map(count).sum()
    } else {
        count(&lower)
    };
    n.max(1) + usize::from(syllabic_not(word))
}

/// "isn't", "couldn't": "n't" after a consonant is a syllable ("don't" is not).
fn syllabic_not(word: &str) -> bool {
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    lower
        .strip_suffix("n't")
        .and_then(|stem| stem.bytes().last())
        .is_some_and(|c| c.is_ascii_alphabetic() && !is_vowel_letter(c))
}

/// Lower case, straight letters only: accents dropped, a possessive "'s" and
/// other apostrophes removed ("don't" reads as "dont").
fn normalise(word: &str) -> String {
    let word = word.trim_end_matches("'s").trim_end_matches("\u{2019}s");
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '-' => out.push(c),
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => out.push('a'),
            // A written accent on an "e" says it is spoken ("café", "résumé").
            'é' | 'è' | 'ê' | 'ë' => out.push('i'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            _ => {}
        }
    }
    out
}

fn count(word: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    if let Some(&(_, n)) = IRREGULAR.iter().find(|(w, _)| *w == word) {
        return n;
    }
    if let Some(n) = compound(word) {
        return n;
    }
    let w = word.as_bytes();
    let mut n = vowel_groups(w);
    if n > 1 && silent_final_e(w) {
        n -= 1;
    }
    if n > 1 && silent_ed(w) {
        n -= 1;
    }
    if n > 1 && silent_suffix_e(w) {
        n -= 1;
    }
    // "-ism", "-asm", "rhythm": the last consonants carry a syllable of their own.
    if w.ends_with(b"sm") || w.ends_with(b"thm") {
        n += 1;
    }
    n
}

/// Spoken forms the rules below get wrong, from general English (not from any corpus).
const IRREGULAR: &[(&str, usize)] = &[
    ("business", 2),
    ("businesses", 3),
    ("businessman", 3),
    ("every", 2),
    ("everyone", 3),
    ("everything", 3),
    ("everybody", 4),
    ("everywhere", 3),
    ("evening", 2),
    ("wednesday", 2),
    ("hundred", 2),
    ("naked", 2),
    ("wicked", 2),
    ("sacred", 2),
    ("beloved", 3),
    ("wherever", 3),
    ("whereas", 2),
    ("moreover", 3),
    ("someone", 2),
    ("recipe", 3),
    ("apostrophe", 4),
    ("catastrophe", 4),
    ("karate", 3),
    ("cafe", 2),
    ("simile", 3),
    ("epitome", 4),
    ("hyperbole", 4),
    ("coyote", 3),
    ("lion", 2),
    ("lions", 2),
    ("soldier", 2),
    ("soldiers", 2),
    ("frontier", 2),
    ("premier", 2),
    ("cashier", 2),
    ("people", 2),
    ("peoples", 2),
    ("leopard", 2),
    ("jeopardy", 3),
    ("element", 3),
    ("elements", 3),
    ("creature", 2),
    ("creatures", 2),
    ("naive", 2),
    ("mosaic", 3),
    ("chaos", 2),
    ("oasis", 3),
    ("israel", 3),
    ("colonel", 2),
    ("aisle", 1),
];

/// A compound whose first part ends in a silent "e" ("somewhere", "statewide").
fn compound(word: &str) -> Option<usize> {
    const HEADS: &[&str] = &[
        "some", "home", "life", "fire", "state", "base", "there", "where", "side", "time", "house",
        "wide", "care", "store", "game", "lone", "line", "more", "case", "whole", "nine", "five",
        "name", "safe", "stone", "wife", "bride", "grave", "lake", "space",
    ];
    HEADS.iter().find_map(|head| {
        let rest = word.strip_prefix(head)?;
        let starts_with_consonant = rest.bytes().next().is_some_and(|c| !is_vowel_letter(c));
        (rest.len() >= 3 && starts_with_consonant).then(|| count(head) + count(rest))
    })
}

fn is_vowel_letter(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether `w[i]` sounds as a vowel: "y" after a consonant ("city", "flying"),
/// "u" after "q", or after "g" before another vowel ("guard"), is not one.
fn sounds_vowel(w: &[u8], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| w[p]);
    match w[i] {
        // "lawyer": a "w" after a vowel is part of that vowel.
        b'y' => {
            let after_vowel_w = prev == Some(b'w') && i >= 2 && is_vowel_letter(w[i - 2]);
            prev.is_some_and(|p| !is_vowel_letter(p) && p != b'y') && !after_vowel_w
        }
        b'u' => match prev {
            Some(b'q') => false,
            Some(b'g') => {
                let next = w.get(i + 1).copied();
                let final_e = next == Some(b'e') && i + 2 == w.len();
                !next.is_some_and(is_vowel_letter) || final_e
            }
            _ => true,
        },
        c => is_vowel_letter(c),
    }
}

/// Runs of vowels, a run split where two vowels are spoken apart.
fn vowel_groups(w: &[u8]) -> usize {
    let mut groups = 0;
    let mut in_group = false;
    for i in 0..w.len() {
        if !sounds_vowel(w, i) {
            in_group = false;
            continue;
        }
        if !in_group || spoken_apart(w, i) {
            groups += 1;
        }
        in_group = true;
    }
    groups
}

/// Whether the vowel at `i` starts a new syllable after the vowel at `i - 1`.
fn spoken_apart(w: &[u8], i: usize) -> bool {
    let (a, b) = (w[i - 1], w[i]);
    let before = i.checked_sub(2).map(|p| w[p]);
    let after = &w[i + 1..];
    let starts = |s: &[u8]| after.starts_with(s);
    // "being", "going", "continuing": the "-ing" after a vowel.
    if b == b'i' && after == b"ng" {
        return true;
    }
    if hiatus_prefix(w, i) {
        return true;
    }
    match (a, b) {
        // "flying", "flyer": a vowel "y" before another vowel.
        (b'y', _) => true,
        (b'i', b'a') => {
            let soft = matches!(before, Some(b'c' | b't' | b's')) || before == Some(b'g') && i > 2;
            !soft
        }
        (b'i', b'o') => {
            let soft = matches!(before, Some(b't' | b's' | b'c' | b'x' | b'g'));
            let liquid =
                matches!(before, Some(b'l' | b'n' | b'v')) && (starts(b"n") || starts(b"r"));
            !(soft || liquid)
        }
        (b'i', b'u') => true,
        (b'i', b'e') => ie_apart(w, i, before, after),
        (b'e', b'a') => after.is_empty() && i >= 3 && vowel_before(w, i - 1),
        (b'e', b'o') => !(matches!(before, Some(b'g' | b'c')) && starts(b"u")),
        (b'e', b'u') => starts(b"m") && after.len() <= 2,
        (b'u', b'a') | (b'u', b'o') => true,
        (b'u', b'e') => starts(b"l") || starts(b"n") || starts(b"t"),
        (b'u', b'i') => starts(b"d") || starts(b"n") || starts(b"ty") || starts(b"tion"),
        (b'o', b'e') => !(after.is_empty() || starts(b"s")),
        _ => false,
    }
}

/// "ie": one sound in "field", "cities", "patient"; two in "quiet", "client",
/// "science", "society", "earlier".
fn ie_apart(w: &[u8], i: usize, before: Option<u8>, after: &[u8]) -> bool {
    let starts = |s: &[u8]| after.starts_with(s);
    if starts(b"ty") || starts(b"t") && !starts(b"th") {
        return true;
    }
    if starts(b"nc") || starts(b"nt") {
        let scien = i >= 3 && &w[i - 3..i] == b"sci";
        return scien || !matches!(before, Some(b'c' | b't' | b's'));
    }
    // Comparatives and agent nouns after a consonant: "earlier", "easiest", "carrier".
    let comparative = after == b"r" || after == b"st" || after == b"rs";
    comparative && before.is_some_and(|c| !is_vowel_letter(c)) && w.len() > 5
}

/// A prefix spoken apart from the vowel after it ("re|act", "co|operate",
/// "cre|ate"), with the index of the vowel that starts the new syllable.
fn hiatus_prefix(w: &[u8], i: usize) -> bool {
    const PREFIXES: &[(&[u8], usize)] = &[
        (b"reu", 2),
        (b"reo", 2),
        (b"reinf", 2),
        (b"reinst", 2),
        (b"reinv", 2),
        (b"reint", 2),
        (b"reimb", 2),
        (b"reiter", 2),
        (b"react", 2),
        (b"reass", 2),
        (b"reaff", 2),
        (b"reali", 2),
        (b"reapp", 2),
        (b"readj", 2),
        (b"reacq", 2),
        (b"reelec", 2),
        (b"reent", 2),
        (b"reex", 2),
        (b"reest", 2),
        (b"reeval", 2),
        (b"coop", 2),
        (b"coord", 2),
        (b"coali", 2),
        (b"coex", 2),
        (b"coinc", 2),
        (b"coau", 2),
        (b"preex", 3),
        (b"preem", 3),
        (b"deesc", 2),
        (b"deact", 2),
        (b"creat", 3),
        (b"theat", 3),
        (b"idea", 3),
    ];
    PREFIXES.iter().any(|(p, at)| *at == i && w.starts_with(p))
}

/// Whether some vowel comes before index `end`.
fn vowel_before(w: &[u8], end: usize) -> bool {
    (0..end).any(|j| sounds_vowel(w, j))
}

/// A letter that does not sound as a vowel there ("y" in "eye" is one).
fn is_consonant_at(w: &[u8], i: usize) -> bool {
    i < w.len() && !sounds_vowel(w, i)
}

/// An "l" or "r" that carries the syllable of a final "e" after a consonant:
/// "table", "titled", "centre" (but not "called", "curled", "howled").
fn syllabic_liquid(w: &[u8], at: usize) -> bool {
    at >= 1
        && matches!(w[at], b'l' | b'r')
        && is_consonant_at(w, at - 1)
        && !matches!(w[at - 1], b'l' | b'r' | b'w')
}

/// A final "e" (or "-es") that is not spoken: "make", "makes", but not
/// "table", "centre", "boxes", "pages".
fn silent_final_e(w: &[u8]) -> bool {
    let n = w.len();
    let e_at = if w.ends_with(b"e") {
        n - 1
    } else if w.ends_with(b"es") && n > 3 {
        let before = w[n - 3];
        let sibilant = matches!(before, b's' | b'x' | b'z' | b'c' | b'g')
            || w.ends_with(b"ches")
            || w.ends_with(b"shes");
        if sibilant {
            return false;
        }
        n - 2
    } else {
        return false;
    };
    if e_at < 2 || !is_consonant_at(w, e_at - 1) {
        return false;
    }
    !syllabic_liquid(w, e_at - 1)
}

/// "-ed" not spoken: "jumped", "named", but not "wanted", "needed", "titled".
fn silent_ed(w: &[u8]) -> bool {
    let n = w.len();
    if !w.ends_with(b"ed") || n < 4 {
        return false;
    }
    let before = w[n - 3];
    if !is_consonant_at(w, n - 3) || matches!(before, b't' | b'd') {
        return false;
    }
    !(before == b'l' && syllabic_liquid(w, n - 3))
}

/// A silent "e" before a suffix: "lately", "statement", "careful", "safety".
fn silent_suffix_e(w: &[u8]) -> bool {
    const SUFFIXES: &[&[u8]] = &[
        b"ly", b"ment", b"ments", b"ful", b"fully", b"less", b"ness", b"ty",
    ];
    SUFFIXES.iter().any(|s| {
        let Some(stem) = w.strip_suffix(*s) else {
            return false;
        };
        let n = stem.len();
        n >= 3
            && stem[n - 1] == b'e'
            && is_consonant_at(stem, n - 2)
            && !syllabic_liquid(stem, n - 2)
            && !stem[..n - 1].ends_with(b"th")
            && vowel_before(stem, n - 2)
    })
}
