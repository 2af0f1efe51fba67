//! Text folding for search: "Goïta", "GOITA" and "goita" must all meet.
//!
//! Folding lowercases, decomposes each character canonically (NFD) and drops combining marks,
//! so a query typed on any keyboard finds names written with their diacritics. Both the indexed
//! text and the query go through [`fold`] (or [`fold_into`]), so the two sides always agree.
//!
//! The decompositions come from a generated table (`text/fold_table.rs`, written by
//! `scripts/gen_fold_table.py`) instead of the unicode-normalization crate, whose composition
//! tables cost about 60 KB gzip in the app's wasm while folding needs only a base letter per
//! precomposed character and the list of marks. The table covers every BMP character except
//! Hangul syllables and CJK compatibility ideographs, which stay as they are; a test checks each
//! character against the crate.
//!
//! On top of NFD, a few letters that have no decomposition but that searchers type without
//! their stroke or ligature fold to ASCII (see [`EXTRA_FOLDS`]): ß→ss, æ→ae, œ→oe, ø→o, ł→l,
//! đ→d, ı→i. So "Łódź" matches "lodz" and "Straße" matches "strasse".

mod fold_table;

use fold_table::{DECOMPOSED, MARKS};

/// Folds beyond canonical decomposition, applied to lowercased, decomposed letters (so "Æ",
/// "ǽ" and "æ" all give "ae"). Each is a letter a searcher commonly spells with plain ASCII.
pub const EXTRA_FOLDS: [(char, &str); 7] = [
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('ł', "l"),
    ('đ', "d"),
    ('ı', "i"),
];

/// Lowercase, diacritic-free form of `s`, with runs of whitespace collapsed to one space and no
/// space at either end.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// Appends [`fold`]`(s)` to `out`, after one space if both `out` and the folded text are
/// non-empty. Builds a multi-field search text without an intermediate string per field.
pub fn fold_into(out: &mut String, s: &str) {
    let separate = !out.is_empty();
    let mut started = false;
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = started;
            continue;
        }
        // The separator is written lazily, at the first character actually emitted: a field of
        // marks or spaces only adds nothing.
        fold_char(c, |d| {
            if space || (!started && separate) {
                out.push(' ');
            }
            space = false;
            started = true;
            out.push(d);
        });
    }
}

/// Passes the folded form of one character to `emit`: nothing for a combining mark, else its
/// lowercase base letters with [`EXTRA_FOLDS`] applied (never a mark, never uppercase). Folding a
/// string character by character is the same as folding it whole, because NFD decomposes each
/// character on its own and only reorders the marks that folding drops.
pub fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    // Lowercase first so the table needs lowercase keys only; lowercasing can itself produce a
    // mark ("İ" gives "i" + U+0307), which is dropped like any other.
    for l in c.to_lowercase() {
        if is_mark(l) {
            continue;
        }
        let b = base(l);
        match EXTRA_FOLDS.iter().find(|&&(from, _)| from == b) {
            Some(&(_, to)) => to.chars().for_each(&mut emit),
            None => emit(b),
        }
    }
}

/// The character left of `c`'s canonical decomposition once its marks are dropped (`c` itself
/// when it has none). `c` must be lowercase.
fn base(c: char) -> char {
    let Ok(k) = u16::try_from(u32::from(c)) else {
        return c;
    };
    DECOMPOSED
        .binary_search_by_key(&k, |&(from, _)| from)
        .ok()
        .and_then(|i| DECOMPOSED.get(i))
        .and_then(|&(_, to)| char::from_u32(u32::from(to)))
        .unwrap_or(c)
}

/// Whether `c` is a combining mark (General_Category M) of the BMP.
fn is_mark(c: char) -> bool {
    let Ok(k) = u16::try_from(u32::from(c)) else {
        return false;
    };
    let i = MARKS.partition_point(|&(lo, _)| lo <= k);
    i.checked_sub(1)
        .and_then(|i| MARKS.get(i))
        .is_some_and(|&(_, hi)| k <= hi)
}

/// Which pairs of adjacent bytes occur in a text, folded into 256 bits. A word can only occur
/// in a text whose summary has every bit of the word's own, so the text filter skips most
/// events without searching them: with the ~200 distinct pairs of a typical event's text about
/// half the bits are set, and a six-letter word (five pairs) passes about one text in
/// twenty-five that lacks it. Words of one byte have no pairs and pass everywhere.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Grams([u64; 4]);

impl Grams {
    /// The summary of `text` (already folded).
    pub fn of(text: &str) -> Self {
        let mut bits = [0u64; 4];
        for pair in text.as_bytes().windows(2) {
            let h = Self::slot(pair[0], pair[1]);
            bits[h >> 6] |= 1 << (h & 63);
        }
        Grams(bits)
    }

    /// The bit of a byte pair: a multiplicative hash, whose top 8 bits spread the few dozen
    /// letters, digits and spaces of folded text evenly over the 256 slots.
    fn slot(a: u8, b: u8) -> usize {
        ((u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B9) >> 24) as usize
    }

    /// Whether a text with this summary may contain a word with summary `word`; `false` means
    /// it certainly does not.
    pub fn may_contain(&self, word: &Grams) -> bool {
        self.0.iter().zip(&word.0).all(|(t, w)| t & w == *w)
    }
}

/// Whether `c` changes how the text around it reads without showing itself: bidirectional
/// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, which can make
/// "report\u{202E}fdp.exe" read as "reportexe.pdf"), and invisible characters that can hide
/// inside a word (zero-width space U+200B, word joiner U+2060, byte-order mark U+FEFF, Arabic
/// letter mark U+061C, Mongolian vowel separator U+180E). Zero-width joiners and non-joiners
/// (U+200C, U+200D) and the left-to-right and right-to-left marks (U+200E, U+200F) are left
/// alone: scripts such as Persian and Arabic need them, and alone they cannot reorder text.
pub fn is_disguising(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{061C}'
            | '\u{180E}'
    )
}

/// `s` as it may be shown: each disguising character ([`is_disguising`]) written out as
/// `[U+202E]`, so it can neither reorder nor hide text. Borrowed when there is none (nearly
/// always).
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_disguising) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_disguising(c) {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{fold, fold_char, fold_into, visible, Grams, EXTRA_FOLDS};
    use proptest::prelude::*;

    /// Characters that reorder or hide text are written out; everything else is kept as is.
    #[test]
    fn visible_text() {
        let cases = [
            ("Moura", "Moura"),
            ("report\u{202E}fdp.exe", "report[U+202E]fdp.exe"),
            ("\u{2066}x\u{2069}", "[U+2066]x[U+2069]"),
            ("pay\u{200B}pal", "pay[U+200B]pal"),
            ("\u{FEFF}title", "[U+FEFF]title"),
            ("می\u{200C}خواهم", "می\u{200C}خواهم"),
            ("שלום\u{200F}!", "שלום\u{200F}!"),
        ];
        for (s, want) in cases {
            assert_eq!(visible(s), want, "{s:?}");
        }
        assert!(matches!(visible("plain"), std::borrow::Cow::Borrowed(_)));
    }
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    /// Characters the table leaves as they are, on purpose (see `scripts/gen_fold_table.py`).
    fn excluded(c: char) -> bool {
        matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}')
    }

    /// Combining marks assigned after the table's Unicode version (14.0, from Python 3.11) that
    /// the crate's newer data knows, so the table keeps them (checked: all unassigned in 14.0).
    /// Regenerating with a newer Python shrinks this list.
    fn newer_than_table(c: char) -> bool {
        matches!(
            c,
            '\u{05C8}'..='\u{05C9}'
                | '\u{0897}'
                | '\u{0B53}'..='\u{0B54}'
                | '\u{0CF3}'
                | '\u{0ECE}'
                | '\u{1ACF}'..='\u{1AF0}'
        )
    }

    /// The fold as it was built on the unicode-normalization crate (NFD, marks dropped,
    /// lowercased), plus the documented extras.
    fn oracle(s: &str) -> String {
        let mut out = String::new();
        for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
            for l in c.to_lowercase() {
                match EXTRA_FOLDS.iter().find(|&&(from, _)| from == l) {
                    Some(&(_, to)) => out.push_str(to),
                    None => out.push(l),
                }
            }
        }
        out
    }

    fn fold_one(c: char) -> String {
        let mut out = String::new();
        fold_char(c, |d| out.push(d));
        out
    }

    /// Case, accents and spacing never keep a query from its match.
    #[test]
    fn folds() {
        let cases = [
            ("Goïta", "goita"),
            ("GOÏTA", "goita"),
            ("Côte d'Ivoire", "cote d'ivoire"),
            ("  Mali\t– Russia  ", "mali – russia"),
            ("Ménaka", "menaka"),
            ("", ""),
            ("Goi\u{0308}ta", "goita"),
            ("GOI\u{0308}TA", "goita"),
            ("Nguyễn Phú Trọng", "nguyen phu trong"),
            ("Ἀθῆναι", "αθηναι"),
            ("Йошкар-Ола", "иошкар-ола"),
            ("Ёлка", "елка"),
            ("İstanbul", "istanbul"),
            ("مُحَمَّد", "محمد"),
            ("أحمد", "احمد"),
            ("Straße", "strasse"),
            ("Łódź", "lodz"),
            ("Æther Œuvre", "aether oeuvre"),
            ("Øresund", "oresund"),
            ("Đakovo", "dakovo"),
            ("Iğdır", "igdir"),
            ("\u{0301}", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "{input:?}");
        }
    }

    /// Appending folds each field and separates non-empty ones with exactly one space.
    #[test]
    fn fold_into_separates_fields() {
        let cases = [
            ("", "Ménaka", "menaka"),
            ("gao", "Ménaka", "gao menaka"),
            ("gao", "  ", "gao"),
            ("gao", "\u{0301}", "gao"),
            ("gao", " Kidal  Tessalit ", "gao kidal tessalit"),
        ];
        for (start, field, want) in cases {
            let mut out = start.to_string();
            fold_into(&mut out, field);
            assert_eq!(out, want, "{start:?} + {field:?}");
        }
    }

    /// Every BMP character folds exactly as NFD + drop marks + lowercase (plus the extras)
    /// computed by the unicode-normalization crate, except the two excluded groups.
    #[test]
    fn table_matches_the_crate() {
        let mut wrong = Vec::new();
        for c in ('\0'..='\u{FFFF}').filter(|&c| !excluded(c)) {
            if newer_than_table(c) {
                assert!(is_combining_mark(c), "U+{:04X} is not new", u32::from(c));
            } else if fold_one(c) != oracle(&c.to_string()) {
                wrong.push(format!("U+{:04X}", u32::from(c)));
            }
        }
        assert!(
            wrong.is_empty(),
            "{} differ: {}",
            wrong.len(),
            wrong.join(" ")
        );
    }

    /// The excluded groups are kept whole (lowercased), not decomposed.
    #[test]
    fn excluded_groups_stay() {
        assert_eq!(fold("한국 \u{F900}"), "한국 \u{F900}");
    }

    proptest! {
        /// Whole strings fold like the crate-based fold, composed or decomposed alike.
        #[test]
        fn strings_match_the_crate(s in "[ a-zA-Z\u{C0}-\u{24F}\u{300}-\u{36F}\u{370}-\u{4FF}\u{1E00}-\u{1FFF}\t]{0,24}") {
            let want = oracle(&s).split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(fold(&s), want.clone());
            prop_assert_eq!(fold(&s.nfd().collect::<String>()), want.clone());
            prop_assert_eq!(fold(&s.nfc().collect::<String>()), want);
        }
    }

    /// The pair summary never rules out a text that contains the word (no false negatives),
    /// and does rule out texts lacking some of the word's pairs.
    #[test]
    fn grams_never_miss_a_word() {
        let text = "moura massacre, central mali; wagner group and fama 2022";
        let cases = [
            ("moura", true),
            ("wagner", true),
            ("2022", true),
            ("a", true),
            ("", true),
            ("ali; wa", true),
            ("zzz", false),
        ];
        let t = Grams::of(text);
        for (word, inside) in cases {
            assert_eq!(text.contains(word), inside, "{word}");
            if inside {
                assert!(t.may_contain(&Grams::of(word)), "{word} must pass");
            }
        }
        // Most two-letter words absent from the text are ruled out without a search (a few
        // share a bit with a pair that is there).
        let absent: Vec<String> = (b'a'..=b'z')
            .flat_map(|a| (b'a'..=b'z').map(move |b| String::from_utf8_lossy(&[a, b]).into_owned()))
            .filter(|w| !text.contains(w.as_str()))
            .collect();
        let passed = absent
            .iter()
            .filter(|w| t.may_contain(&Grams::of(w)))
            .count();
        assert!(
            passed * 4 < absent.len(),
            "{passed} of {} absent words pass",
            absent.len()
        );
    }

    proptest::proptest! {
        /// Whatever the text, a piece of it is never ruled out by the pair summary.
        #[test]
        fn grams_no_false_negatives(text in "[a-z0-9 ,.'-]{0,120}", at in 0usize..120, len in 0usize..12) {
            let a = at.min(text.len());
            let b = (a + len).min(text.len());
            let word = &text[a..b];
            proptest::prop_assert!(Grams::of(&text).may_contain(&Grams::of(word)));
        }
    }
}
