//! "Did you mean": the known id nearest to a mistyped one, for the validator's messages and the
//! URL notice alike.
//!
//! Candidates are compared by their folded form (case and accents ignored, [`crate::text::fold`])
//! and by id, name or alias. An exact folded match wins ("Wagner Group" -> "wagner-group");
//! otherwise the most similar key by Jaro-Winkler similarity (strsim), which rewards a shared
//! beginning, the way people abbreviate ("WAG" -> "wagner-group"), with a single edit always
//! counting, for typos at the start of short codes ("XKR" -> "UKR").

use std::collections::HashMap;

use crate::text::fold;

/// Below this similarity a suggestion would be a guess, not a help.
const SUGGEST_MIN: f64 = 0.8;
/// Words longer than this get no suggestion: a hostile URL stays cheap to answer.
const MAX_CHARS: usize = 64;

/// Finds the known id closest to an unknown one.
pub struct Suggester<'a> {
    /// Each candidate's id and its folded keys (id, then names).
    candidates: Vec<(&'a str, Vec<String>)>,
    /// A file that misspells an id usually does so many times; each spelling is answered once.
    cache: HashMap<String, Option<&'a str>>,
}

impl<'a> Suggester<'a> {
    /// Candidates as (id, other names it goes by).
    pub fn new(items: impl Iterator<Item = (&'a str, Vec<&'a str>)>) -> Self {
        let candidates = items
            .map(|(id, names)| {
                let keys = std::iter::once(id).chain(names).map(fold).collect();
                (id, keys)
            })
            .collect();
        Suggester {
            candidates,
            cache: HashMap::new(),
        }
    }

    /// The id `wanted` most likely meant, if one is near enough.
    pub fn suggest(&mut self, wanted: &str) -> Option<&'a str> {
        if let Some(hit) = self.cache.get(wanted) {
            return *hit;
        }
        let hit = self.search(&fold(wanted));
        self.cache.insert(wanted.to_string(), hit);
        hit
    }

    fn search(&self, wanted: &str) -> Option<&'a str> {
        let len = wanted.chars().count();
        if len == 0 || len > MAX_CHARS {
            return None;
        }
        if let Some((id, _)) = self
            .candidates
            .iter()
            .find(|(_, keys)| keys.iter().any(|k| k == wanted))
        {
            return Some(id);
        }
        // One letter says too little to guess from.
        if len < 2 {
            return None;
        }
        let mut best: Option<(f64, &'a str)> = None;
        for (id, keys) in &self.candidates {
            for key in keys {
                let mut score = strsim::jaro_winkler(wanted, key);
                if len >= 3 && key.len() >= 3 && strsim::osa_distance(wanted, key) <= 1 {
                    score = score.max(SUGGEST_MIN);
                }
                if score >= SUGGEST_MIN && best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }
}

/// The id among `ids` that `wanted` most likely meant (ids only, no other names).
pub fn closest<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    Suggester::new(ids.map(|id| (id, Vec::new()))).suggest(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mistyped, abbreviated, re-cased or accented ids find their id; strangers find none.
    #[test]
    fn suggestions() {
        let known = ["MLI", "RUS", "FRA", "wagner-group", "resource_concession"];
        let cases = [
            ("RUSS", Some("RUS")),
            ("fra", Some("FRA")),
            ("MLA", Some("MLI")),
            ("XLI", Some("MLI")),
            ("XXX", None),
            ("wag", Some("wagner-group")),
            ("resource", Some("resource_concession")),
            ("", None),
            ("r", None),
            ("WAGNER-GROUP", Some("wagner-group")),
            ("MLÍ", Some("MLI")),
            ("ÉÉÉ", None),
        ];
        for (word, want) in cases {
            assert_eq!(closest(word, known.into_iter()), want, "{word}");
        }
        let long = "w".repeat(65);
        assert_eq!(closest(&long, known.into_iter()), None);
    }

    /// Names and aliases lead to their id.
    #[test]
    fn by_name() {
        let mut s = Suggester::new(
            [
                ("RUS", vec!["Russia", "Russian Federation"]),
                ("MLI", vec!["Mali"]),
            ]
            .into_iter(),
        );
        assert_eq!(s.suggest("russian federation"), Some("RUS"));
        assert_eq!(s.suggest("Malí"), Some("MLI"));
        assert_eq!(s.suggest("USA"), None);
    }
}
