//! The categories imported events fall into, with their definitions, default tones and
//! colours, and the country names and codes that turn actors into states.
//!
//! The categories are fixed, so the same ACLED event type always gets the same id, label,
//! colour and tone, whichever file it comes from; a dataset gets only those its events use
//! (docs/import-formats.md has the tables). Colours come from [`PALETTE`], the Okabe-Ito and
//! Paul Tol colour-blind-safe sets, and differ within each format's categories.

use std::collections::HashMap;

use isocountry::CountryCode;

use crate::text::fold;

/// The colours of imported categories: Okabe-Ito's (black left out) then Paul Tol's muted set
/// and its grey, all distinguishable with the common colour-vision deficiencies. A TimelineJS
/// sheet's groups take them in this order.
pub const PALETTE: [&str; 17] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
    "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
    "#BBBBBB",
];

/// A fixed category.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cat {
    pub id: &'static str,
    pub label: &'static str,
    pub definition: &'static str,
    pub tone: f32,
    pub color: &'static str,
}

const fn cat(
    id: &'static str,
    label: &'static str,
    definition: &'static str,
    tone: f32,
    color: &'static str,
) -> Cat {
    Cat {
        id,
        label,
        definition,
        tone,
        color,
    }
}

// Armed violence and unrest: ACLED's event types, UCDP's types of violence, CAMEO 18-20.
pub(crate) const BATTLE: Cat = cat(
    "battle",
    "Battle",
    "An armed clash between organised armed groups, state forces among them.",
    -8.0,
    "#D55E00",
);
pub(crate) const REMOTE_VIOLENCE: Cat = cat(
    "remote_violence",
    "Explosion or remote violence",
    "An attack by bombing, shelling, missiles, air or drone strikes, mines or other remote means.",
    -8.0,
    "#332288",
);
pub(crate) const VIOLENCE_AGAINST_CIVILIANS: Cat = cat(
    "violence_against_civilians",
    "Violence against civilians",
    "Armed violence deliberately aimed at unarmed civilians: killings, abductions, sexual violence, attacks.",
    -9.0,
    "#882255",
);
pub(crate) const RIOT: Cat = cat(
    "riot",
    "Riot",
    "A violent demonstration, or violence by a disorganised crowd.",
    -5.0,
    "#E69F00",
);
pub(crate) const PROTEST: Cat = cat(
    "protest",
    "Protest",
    "A public demonstration against a government, a policy or an institution, mostly without violence.",
    -2.0,
    "#56B4E9",
);
pub(crate) const STRATEGIC_DEVELOPMENT: Cat = cat(
    "strategic_development",
    "Strategic development",
    "A non-violent event that shapes a conflict: agreements, arrests, bases set up, territory changing hands.",
    0.0,
    "#009E73",
);
pub(crate) const STATE_BASED_CONFLICT: Cat = cat(
    "state_based_conflict",
    "State-based conflict",
    "Armed force between two parties, at least one of them the government of a state.",
    -8.0,
    "#D55E00",
);
pub(crate) const NON_STATE_CONFLICT: Cat = cat(
    "non_state_conflict",
    "Non-state conflict",
    "Armed force between two organised armed groups, neither of them the government of a state.",
    -8.0,
    "#E69F00",
);

// CAMEO root codes 01-17 (18-20 above and below).
pub(crate) const STATEMENT: Cat = cat(
    "statement",
    "Statement or appeal",
    "A public statement, comment or appeal (CAMEO 01-02).",
    0.0,
    "#BBBBBB",
);
pub(crate) const DIPLOMATIC_COOPERATION: Cat = cat(
    "diplomatic_cooperation",
    "Diplomatic cooperation",
    "An intent to cooperate, a consultation, a meeting or other diplomatic cooperation (CAMEO 03-05).",
    3.0,
    "#0072B2",
);
pub(crate) const MATERIAL_COOPERATION: Cat = cat(
    "material_cooperation",
    "Material cooperation",
    "Economic, military or judicial cooperation, or shared intelligence (CAMEO 06).",
    6.0,
    "#009E73",
);
pub(crate) const AID: Cat = cat(
    "aid",
    "Aid",
    "Economic, military or humanitarian aid, or protection (CAMEO 07).",
    7.0,
    "#117733",
);
pub(crate) const YIELD: Cat = cat(
    "yield",
    "Yield",
    "Easing restrictions or sanctions, releasing people, a ceasefire or a retreat (CAMEO 08).",
    5.0,
    "#44AA99",
);
pub(crate) const INVESTIGATION: Cat = cat(
    "investigation",
    "Investigation",
    "An investigation of crimes, corruption, abuses or military action (CAMEO 09).",
    -2.0,
    "#88CCEE",
);
pub(crate) const DEMAND_AND_CRITICISM: Cat = cat(
    "demand_and_criticism",
    "Demand, criticism or rejection",
    "A demand, an accusation, criticism, or the rejection of a proposal or demand (CAMEO 10-12).",
    -4.0,
    "#DDCC77",
);
pub(crate) const THREAT: Cat = cat(
    "threat",
    "Threat",
    "A threat of force, sanctions or other punishment, or an ultimatum (CAMEO 13).",
    -6.0,
    "#CC79A7",
);
pub(crate) const FORCE_POSTURE: Cat = cat(
    "force_posture",
    "Force posture",
    "Mobilising or increasing armed forces, alerts, exercises and blockades short of force (CAMEO 15).",
    -7.0,
    "#999933",
);
pub(crate) const REDUCED_RELATIONS: Cat = cat(
    "reduced_relations",
    "Reduced relations",
    "Cutting ties, aid or talks, sanctions, embargoes and expulsions (CAMEO 16).",
    -4.0,
    "#AA4499",
);
pub(crate) const COERCION: Cat = cat(
    "coercion",
    "Coercion",
    "Seizures, arrests, deportations, repression and crackdowns short of armed assault (CAMEO 17).",
    -7.0,
    "#CC6677",
);
pub(crate) const ASSAULT: Cat = cat(
    "assault",
    "Assault",
    "An abduction, a beating, a bombing, an assassination or another unconventional attack (CAMEO 18).",
    -9.0,
    "#882255",
);
pub(crate) const MASS_VIOLENCE: Cat = cat(
    "mass_violence",
    "Mass violence",
    "Mass expulsions or killings, ethnic cleansing, or weapons of mass destruction (CAMEO 20).",
    -10.0,
    "#332288",
);

// TimelineJS: eras and slides without a group (groups get categories of their own).
pub(crate) const ERA: Cat = cat(
    "era",
    "Era",
    "A period the sheet marks as an era.",
    0.0,
    "#BBBBBB",
);

/// Every fixed category, in the order a dataset lists them.
pub(crate) const ALL: [&Cat; 22] = [
    &BATTLE,
    &STATE_BASED_CONFLICT,
    &NON_STATE_CONFLICT,
    &REMOTE_VIOLENCE,
    &VIOLENCE_AGAINST_CIVILIANS,
    &RIOT,
    &PROTEST,
    &STRATEGIC_DEVELOPMENT,
    &STATEMENT,
    &DIPLOMATIC_COOPERATION,
    &MATERIAL_COOPERATION,
    &AID,
    &YIELD,
    &INVESTIGATION,
    &DEMAND_AND_CRITICISM,
    &THREAT,
    &FORCE_POSTURE,
    &REDUCED_RELATIONS,
    &COERCION,
    &ASSAULT,
    &MASS_VIOLENCE,
    &ERA,
];

/// Where a fixed category goes in a dataset's list.
pub(crate) fn rank(c: &Cat) -> usize {
    ALL.iter().position(|x| x.id == c.id).unwrap_or(ALL.len())
}

/// Country names spelt as ACLED, UCDP and news write them where ISO 3166's English short name
/// differs (ISO's own names, and their part before a parenthesis or a comma, are matched too).
const ALIASES: [(&str, &str); 30] = [
    ("russia", "RUS"),
    ("soviet union", "RUS"),
    ("iran", "IRN"),
    ("syria", "SYR"),
    ("laos", "LAO"),
    ("vietnam", "VNM"),
    ("dr congo", "COD"),
    ("democratic republic of congo", "COD"),
    ("democratic republic of the congo", "COD"),
    ("republic of congo", "COG"),
    ("south korea", "KOR"),
    ("north korea", "PRK"),
    ("united kingdom", "GBR"),
    ("united states", "USA"),
    ("czech republic", "CZE"),
    ("ivory coast", "CIV"),
    ("cape verde", "CPV"),
    ("brunei", "BRN"),
    ("eswatini", "SWZ"),
    ("north macedonia", "MKD"),
    ("turkiye", "TUR"),
    ("burma", "MMR"),
    ("the gambia", "GMB"),
    ("bolivia", "BOL"),
    ("venezuela", "VEN"),
    ("tanzania", "TZA"),
    ("moldova", "MDA"),
    ("palestine", "PSE"),
    ("taiwan", "TWN"),
    ("micronesia", "FSM"),
];

/// Country names to ISO 3166-1 alpha-3 codes.
pub(crate) struct Countries {
    by_name: HashMap<String, &'static str>,
}

impl Countries {
    /// Every ISO name, its short form where that is unambiguous, and [`ALIASES`].
    pub(crate) fn new() -> Self {
        let mut by_name = HashMap::new();
        let mut short: HashMap<String, Option<&'static str>> = HashMap::new();
        for c in CountryCode::iter() {
            let name = c.name();
            by_name.insert(fold(name), c.alpha3());
            if let Some(i) = name.find([',', '(']) {
                let s = fold(&name[..i]);
                short
                    .entry(s)
                    .and_modify(|v| *v = None)
                    .or_insert(Some(c.alpha3()));
            }
        }
        for (s, code) in short {
            if let Some(code) = code {
                by_name.entry(s).or_insert(code);
            }
        }
        for (name, code) in ALIASES {
            by_name.insert(name.to_string(), code);
        }
        Countries { by_name }
    }

    /// Learns a file's own name for a country (ACLED's `country` beside its numeric `iso`), so
    /// that "Military Forces of X" finds X however the file spells it.
    pub(crate) fn learn(&mut self, name: &str, code: &'static str) {
        let folded = fold(name);
        self.by_name.entry(folded).or_insert(code);
    }

    /// The alpha-3 code of a country written by name (any case and accents; a part in
    /// parentheses is ignored, as in UCDP's "Russia (Soviet Union)").
    pub(crate) fn by_name(&self, name: &str) -> Option<&'static str> {
        let folded = fold(name);
        if let Some(&code) = self.by_name.get(&folded) {
            return Some(code);
        }
        let before = folded.split(" (").next().unwrap_or_default().trim();
        self.by_name.get(before).copied()
    }
}

/// The alpha-3 code of an ISO 3166-1 numeric code (ACLED's `iso`).
pub(crate) fn alpha3_of_numeric(n: u32) -> Option<&'static str> {
    CountryCode::for_id(n).ok().map(|c| c.alpha3())
}

/// The ISO name of an alpha-3 code, if it is one.
pub(crate) fn name_of_alpha3(code: &str) -> Option<&'static str> {
    CountryCode::for_alpha3(code).ok().map(|c| c.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names as files write them resolve to ISO codes; ambiguous short forms do not.
    #[test]
    fn country_names() {
        let c = Countries::new();
        let cases = [
            ("Mali", Some("MLI")),
            ("MALI", Some("MLI")),
            ("Russia", Some("RUS")),
            ("Russia (Soviet Union)", Some("RUS")),
            ("Russian Federation", Some("RUS")),
            ("Cote d'Ivoire", Some("CIV")),
            ("Côte d’Ivoire", None),
            ("Bolivia", Some("BOL")),
            ("DR Congo (Zaire)", Some("COD")),
            ("Congo", Some("COG")),
            ("Korea", None),
            ("Burkina Faso", Some("BFA")),
            ("Atlantis", None),
        ];
        for (name, want) in cases {
            assert_eq!(c.by_name(name), want, "{name}");
        }
        assert_eq!(alpha3_of_numeric(466), Some("MLI"));
        assert_eq!(alpha3_of_numeric(999), None);
        assert_eq!(name_of_alpha3("MLI"), Some("Mali"));
        assert_eq!(name_of_alpha3("AFR"), None);
    }

    /// Every fixed colour is in the palette and is a `#rrggbb` colour.
    #[test]
    fn colours_from_the_palette() {
        for c in ALL {
            assert!(PALETTE.contains(&c.color), "{}", c.id);
            assert!((-10.0..=10.0).contains(&c.tone), "{}", c.id);
        }
        let mut p = PALETTE.to_vec();
        p.sort_unstable();
        p.dedup();
        assert_eq!(p.len(), PALETTE.len());
    }
}
