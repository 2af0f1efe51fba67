//! Synthetic datasets: plausible, entirely fictional events for tests, benchmarks and demos.
//!
//! [`synth`] is deterministic: the same `(events, seed)` always yields the same dataset, on every
//! platform (ChaCha8 is specified bit for bit, and nothing here reads the clock or the
//! environment). The distributions are shaped like a real Sahel dataset so that filters, facets
//! and pair tables are measured on realistic work: a handful of actors appear in most events
//! (Zipf-like skew), recent years are much denser than the 1960s, most dates are exact to the day,
//! and names carry diacritics ("Ménaka", "Côte d'Ivoire") so that text folding is exercised.
//!
//! Everything is made up. States and organisations are real names so the data reads naturally,
//! but every event, company and source is fictional, and every link points to `example.org`.

use rand::Rng;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::date::{Day, PartialDate, Precision};
use crate::model::{
    ActorKind, Category, DatasetMeta, Location, RawActor, RawDataset, RawEvent, Source, SourceType,
    Verification, SCHEMA_VERSION,
};

/// An actor of the synthetic world. The table is in order of prominence: the rank drives the
/// Zipf weight, so the first few actors end up in most events.
struct ActorSpec {
    id: &'static str,
    name: &'static str,
    kind: ActorKind,
    affiliation: Option<&'static str>,
    aliases: &'static [&'static str],
}

const fn actor(
    id: &'static str,
    name: &'static str,
    kind: ActorKind,
    affiliation: Option<&'static str>,
    aliases: &'static [&'static str],
) -> ActorSpec {
    ActorSpec {
        id,
        name,
        kind,
        affiliation,
        aliases,
    }
}

use ActorKind::{
    ArmedGroup as AG, Company as CO, InternationalOrganisation as IO, Other as OT, State as ST,
};

const ACTORS: [ActorSpec; 40] = [
    actor("MLI", "Mali", ST, None, &["République du Mali"]),
    actor("RUS", "Russia", ST, None, &["Russian Federation"]),
    actor("FRA", "France", ST, None, &["République française"]),
    actor(
        "wagner-group",
        "Wagner Group",
        AG,
        Some("RUS"),
        &["PMC Wagner", "Groupe Wagner"],
    ),
    actor("BFA", "Burkina Faso", ST, None, &[]),
    actor("NER", "Niger", ST, None, &["République du Niger"]),
    actor(
        "jnim",
        "Jama'at Nusrat al-Islam wal-Muslimin",
        AG,
        None,
        &["JNIM", "GSIM"],
    ),
    actor(
        "minusma",
        "MINUSMA",
        IO,
        Some("un"),
        &["Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali"],
    ),
    actor(
        "ecowas",
        "Economic Community of West African States",
        IO,
        None,
        &["ECOWAS", "CEDEAO"],
    ),
    actor("un", "United Nations", IO, None, &["UN", "ONU"]),
    actor(
        "isgs",
        "Islamic State in the Greater Sahara",
        AG,
        None,
        &["ISGS", "EIGS", "IS Sahel"],
    ),
    actor(
        "africa-corps",
        "Africa Corps",
        AG,
        Some("RUS"),
        &["Afrikanskiy Korpus"],
    ),
    actor(
        "aes",
        "Alliance of Sahel States",
        IO,
        None,
        &["AES", "Alliance des États du Sahel"],
    ),
    actor("DZA", "Algeria", ST, None, &["Algérie"]),
    actor(
        "USA",
        "United States",
        ST,
        None,
        &["United States of America", "US"],
    ),
    actor(
        "barkhane",
        "Opération Barkhane",
        OT,
        Some("FRA"),
        &["Operation Barkhane"],
    ),
    actor("eu", "European Union", IO, None, &["EU", "UE"]),
    actor("CHN", "China", ST, None, &["People's Republic of China"]),
    actor("TUR", "Türkiye", ST, None, &["Turkey"]),
    actor(
        "csp-psd",
        "Cadre stratégique permanent pour la paix, la sécurité et le développement",
        AG,
        None,
        &["CSP-PSD", "CSP"],
    ),
    actor("au", "African Union", IO, None, &["AU", "Union africaine"]),
    actor(
        "eutm",
        "EUTM Mali",
        IO,
        Some("eu"),
        &["European Union Training Mission in Mali"],
    ),
    actor("CIV", "Côte d'Ivoire", ST, None, &["Ivory Coast"]),
    actor("SEN", "Senegal", ST, None, &["Sénégal"]),
    actor("MRT", "Mauritania", ST, None, &["Mauritanie"]),
    actor("TCD", "Chad", ST, None, &["Tchad"]),
    actor("GIN", "Guinea", ST, None, &["Guinée"]),
    actor("UKR", "Ukraine", ST, None, &[]),
    actor("NGA", "Nigeria", ST, None, &[]),
    actor("DEU", "Germany", ST, None, &["Allemagne"]),
    actor("GBR", "United Kingdom", ST, None, &["UK"]),
    actor("fla", "Front de libération de l'Azawad", AG, None, &["FLA"]),
    actor("MAR", "Morocco", ST, None, &["Maroc"]),
    actor("ARE", "United Arab Emirates", ST, None, &["UAE"]),
    actor(
        "sahel-gold",
        "Sahel Gold Mining SA (fictional)",
        CO,
        None,
        &[],
    ),
    actor(
        "kenieba-aurifere",
        "Compagnie aurifère de Kéniéba (fictional)",
        CO,
        None,
        &["CAK"],
    ),
    actor(
        "volga-resources",
        "Volga Resources JSC (fictional)",
        CO,
        Some("RUS"),
        &[],
    ),
    actor(
        "liptako-uranium",
        "Liptako Uranium SARL (fictional)",
        CO,
        None,
        &[],
    ),
    actor(
        "trans-sahara-logistics",
        "Trans-Sahara Logistics Ltd (fictional)",
        CO,
        None,
        &["TSL"],
    ),
    actor(
        "collectif-citoyen",
        "Collectif citoyen du Sahel (fictional)",
        OT,
        None,
        &[],
    ),
];

/// Years in which actors that did not always exist were active (first, last); every other actor
/// may appear in any year. Keeps Wagner Group out of the 1970s.
const ACTIVE: [(&str, i32, i32); 20] = [
    ("wagner-group", 2014, 2024),
    ("africa-corps", 2023, LAST_YEAR),
    ("jnim", 2017, LAST_YEAR),
    ("minusma", 2013, 2023),
    ("ecowas", 1975, LAST_YEAR),
    ("isgs", 2015, LAST_YEAR),
    ("aes", 2023, LAST_YEAR),
    ("barkhane", 2014, 2022),
    ("eu", 1993, LAST_YEAR),
    ("csp-psd", 2014, LAST_YEAR),
    ("au", 2002, LAST_YEAR),
    ("eutm", 2013, 2024),
    ("UKR", 1991, LAST_YEAR),
    ("fla", 2024, LAST_YEAR),
    ("ARE", 1971, LAST_YEAR),
    ("sahel-gold", 1995, LAST_YEAR),
    ("kenieba-aurifere", 1990, LAST_YEAR),
    ("volga-resources", 2005, LAST_YEAR),
    ("liptako-uranium", 2000, LAST_YEAR),
    ("trans-sahara-logistics", 1998, LAST_YEAR),
];

/// Who a category's initiator is usually drawn from.
#[derive(Clone, Copy)]
enum Prefer {
    /// Any actor of this kind (Zipf-skewed within the kind).
    Kind(ActorKind),
    /// One of these actor ids (uniformly).
    Among(&'static [&'static str]),
}

const SAHEL_STATES: &[&str] = &["MLI", "BFA", "NER", "GIN", "TCD", "MRT"];
const SUPPLIERS: &[&str] = &[
    "RUS", "CHN", "TUR", "FRA", "USA", "UKR", "DEU", "GBR", "ARE",
];

/// A category with its generation parameters: how common it is, which kind of actor it tends
/// to involve, and text templates (`{a}`, `{b}`, `{place}` and `{date}` are filled in).
struct CategorySpec {
    id: &'static str,
    label: &'static str,
    definition: &'static str,
    tone: f32,
    color: &'static str,
    /// Relative frequency.
    weight: u32,
    /// Who usually starts such an event, and how often one of them is forced in first.
    prefer: Option<(Prefer, f64)>,
    /// Likewise for the second actor (the company in a concession, say).
    second: Option<(Prefer, f64)>,
    /// Whether it happens on the ground (placed in Africa) rather than in any capital.
    local: bool,
    /// Stands in for the second actor when an event has only one.
    counterpart: &'static str,
    titles: &'static [&'static str],
    summaries: &'static [&'static str],
}

const CATEGORIES: [CategorySpec; 13] = [
    CategorySpec {
        id: "military_agreement",
        label: "Military agreement",
        definition: "A defence or security cooperation accord between actors.",
        tone: 5.0,
        color: "#2b6cb0",
        weight: 6,
        prefer: Some((Prefer::Kind(ST), 0.8)),
        local: false,
        second: Some((Prefer::Among(SAHEL_STATES), 0.6)),
        counterpart: "a foreign partner",
        titles: &[
            "{a} and {b} sign a defence cooperation accord",
            "{a} and {b} renew military cooperation",
            "{a} agrees to train {b} forces",
        ],
        summaries: &[
            "{a} and {b} signed an agreement on training, equipment and intelligence sharing in {place} ({date}).",
            "Officials of {a} and {b} met in {place} and extended their security partnership ({date}).",
        ],
    },
    CategorySpec {
        id: "arms_transfer",
        label: "Arms transfer",
        definition: "Delivery, sale or donation of weapons or military equipment.",
        tone: 1.0,
        color: "#6b46c1",
        weight: 5,
        prefer: Some((Prefer::Among(SUPPLIERS), 0.8)),
        local: false,
        second: Some((Prefer::Among(SAHEL_STATES), 0.7)),
        counterpart: "an undisclosed supplier",
        titles: &[
            "{a} delivers helicopters to {b}",
            "{b} receives armoured vehicles from {a}",
            "{a} ships drones to {b}",
        ],
        summaries: &[
            "A consignment of military equipment from {a} arrived in {place} for {b} ({date}).",
            "{b} took delivery of aircraft and munitions supplied by {a}, according to officials in {place} ({date}).",
        ],
    },
    CategorySpec {
        id: "deployment",
        label: "Deployment",
        definition: "Arrival, redeployment or withdrawal of troops, missions or contractors.",
        tone: -1.0,
        color: "#dd6b20",
        weight: 9,
        prefer: Some((Prefer::Kind(AG), 0.3)),
        local: true,
        second: None,
        counterpart: "local forces",
        titles: &[
            "{a} deploys personnel near {place}",
            "{a} withdraws from its base in {place}",
            "{a} forces arrive in {place} alongside {b}",
        ],
        summaries: &[
            "Personnel of {a} were reported moving into {place} alongside {b} ({date}).",
            "{a} handed over its positions in {place} to {b} as part of a redeployment ({date}).",
        ],
    },
    CategorySpec {
        id: "security_incident",
        label: "Security incident",
        definition: "An attack, clash, massacre or other violent incident.",
        tone: -7.0,
        color: "#c53030",
        weight: 24,
        prefer: Some((Prefer::Kind(AG), 0.6)),
        local: true,
        second: None,
        counterpart: "unidentified gunmen",
        titles: &[
            "Clashes between {a} and {b} near {place}",
            "{a} attacks {b} positions near {place}",
            "Civilians killed in {place} during {a} operation",
            "Ambush on {a} convoy near {place}",
        ],
        summaries: &[
            "Fighting between {a} and {b} was reported near {place}; casualty figures vary between sources ({date}).",
            "An operation by {a} around {place} left several dead, according to residents; {b} disputes the account ({date}).",
        ],
    },
    CategorySpec {
        id: "coup",
        label: "Coup",
        definition: "An unconstitutional seizure or attempted seizure of power.",
        tone: -8.0,
        color: "#742a2a",
        weight: 1,
        prefer: Some((Prefer::Among(SAHEL_STATES), 0.95)),
        local: true,
        second: Some((Prefer::Kind(IO), 0.5)),
        counterpart: "the armed forces",
        titles: &[
            "Military seizes power in {a}",
            "Coup attempt reported in {a}",
            "{b} condemns the coup in {a}",
        ],
        summaries: &[
            "Soldiers in {place} announced the dissolution of the government of {a}; {b} called for a return to constitutional order ({date}).",
            "Gunfire was heard in {place} as officers of {a} attempted to seize power ({date}).",
        ],
    },
    CategorySpec {
        id: "diplomatic",
        label: "Diplomatic",
        definition: "Visits, statements, recognition, expulsions of diplomats.",
        tone: 2.0,
        color: "#3182ce",
        weight: 15,
        prefer: Some((Prefer::Kind(ST), 0.5)),
        local: false,
        second: None,
        counterpart: "foreign delegations",
        titles: &[
            "{a} foreign minister visits {b}",
            "{a} expels the ambassador of {b}",
            "{a} and {b} hold talks in {place}",
        ],
        summaries: &[
            "Delegations of {a} and {b} met in {place} to discuss security and trade ({date}).",
            "{a} summoned representatives of {b} in {place} after a dispute over statements ({date}).",
        ],
    },
    CategorySpec {
        id: "sanctions",
        label: "Sanctions",
        definition: "Economic, travel or financial restrictions imposed on an actor.",
        tone: -5.0,
        color: "#b7791f",
        weight: 4,
        prefer: Some((Prefer::Kind(IO), 0.5)),
        local: false,
        second: Some((Prefer::Among(SAHEL_STATES), 0.6)),
        counterpart: "the transitional authorities",
        titles: &[
            "{a} imposes sanctions on {b}",
            "{a} lifts sanctions against {b}",
            "{a} freezes assets linked to {b}",
        ],
        summaries: &[
            "{a} announced border closures and asset freezes targeting {b} ({date}).",
            "Measures decided by {a} against {b} took effect in {place} ({date}).",
        ],
    },
    CategorySpec {
        id: "resource_concession",
        label: "Resource concession",
        definition: "Mining, energy or land rights granted, revoked or renegotiated.",
        tone: 1.0,
        color: "#2f855a",
        weight: 5,
        prefer: Some((Prefer::Among(SAHEL_STATES), 0.7)),
        local: true,
        second: Some((Prefer::Kind(CO), 0.8)),
        counterpart: "a foreign investor",
        titles: &[
            "{a} grants a mining permit to {b}",
            "{a} revokes the licence of {b} near {place}",
            "{b} wins a gold concession in {place}",
        ],
        summaries: &[
            "{a} awarded exploration rights around {place} to {b} under a revised mining code ({date}).",
            "The permit held by {b} near {place} was suspended by {a} pending an audit ({date}).",
        ],
    },
    CategorySpec {
        id: "economic_agreement",
        label: "Economic agreement",
        definition: "Trade, investment, energy or infrastructure agreements.",
        tone: 4.0,
        color: "#38a169",
        weight: 5,
        prefer: Some((Prefer::Kind(CO), 0.4)),
        local: false,
        second: Some((Prefer::Kind(CO), 0.4)),
        counterpart: "regional partners",
        titles: &[
            "{a} and {b} sign an infrastructure deal",
            "{a} and {b} agree on fuel supplies",
            "{b} finances a power plant in {a}",
        ],
        summaries: &[
            "{a} and {b} signed a memorandum on roads, energy and trade corridors in {place} ({date}).",
            "A financing agreement between {a} and {b} was announced in {place} ({date}).",
        ],
    },
    CategorySpec {
        id: "human_rights_report",
        label: "Human rights report",
        definition: "A published investigation or report on abuses.",
        tone: -4.0,
        color: "#97266d",
        weight: 5,
        prefer: Some((Prefer::Kind(AG), 0.5)),
        local: true,
        second: None,
        counterpart: "security forces",
        titles: &[
            "Report accuses {a} of abuses near {place}",
            "Investigators document killings by {a} and {b}",
            "{b} publishes findings on detentions by {a}",
        ],
        summaries: &[
            "A report documented summary executions attributed to {a} and {b} in the area of {place} ({date}).",
            "Investigators collected testimony in {place} on abuses by {a}; {b} rejected the findings ({date}).",
        ],
    },
    CategorySpec {
        id: "humanitarian",
        label: "Humanitarian",
        definition: "Aid, displacement, food security and relief operations.",
        tone: 3.0,
        color: "#319795",
        weight: 6,
        prefer: Some((Prefer::Kind(IO), 0.5)),
        local: true,
        second: None,
        counterpart: "aid agencies",
        titles: &[
            "{a} delivers aid to displaced people in {place}",
            "{a} and {b} launch an emergency appeal",
            "Displacement rises around {place}, warns {a}",
        ],
        summaries: &[
            "{a} and {b} distributed food and medical supplies to families displaced around {place} ({date}).",
            "Access to {place} remained restricted; {a} said thousands had fled in recent weeks ({date}).",
        ],
    },
    CategorySpec {
        id: "disinformation",
        label: "Disinformation",
        definition: "Coordinated influence operations and false narratives.",
        tone: -3.0,
        color: "#718096",
        weight: 4,
        prefer: None,
        local: false,
        second: None,
        counterpart: "anonymous accounts",
        titles: &[
            "Network linked to {a} targets {b} online",
            "False claims about {b} spread after events in {place}",
            "{a} accused of running a campaign against {b}",
        ],
        summaries: &[
            "Researchers identified coordinated accounts linked to {a} spreading claims about {b} ({date}).",
            "Fabricated videos about {b} circulated widely after events in {place}; {a} denied involvement ({date}).",
        ],
    },
    CategorySpec {
        id: "multilateral",
        label: "Multilateral",
        definition: "Summits, resolutions, mandates and institutional decisions.",
        tone: 2.0,
        color: "#4a5568",
        weight: 6,
        prefer: Some((Prefer::Kind(IO), 0.7)),
        local: false,
        second: None,
        counterpart: "member states",
        titles: &[
            "{a} summit on the Sahel opens in {place}",
            "{a} renews the mandate of {b}",
            "{a} and {b} adopt a joint communiqué",
        ],
        summaries: &[
            "Leaders meeting under {a} in {place} discussed the security situation with {b} ({date}).",
            "{a} voted to extend its engagement with {b} for another year ({date}).",
        ],
    },
];

/// A place events can happen at: name (some with diacritics), country, coordinates.
const PLACES: [(&str, &str, f64, f64); 30] = [
    ("Bamako", "MLI", 12.64, -8.00),
    ("Gao", "MLI", 16.27, -0.04),
    ("Tombouctou", "MLI", 16.77, -3.01),
    ("Kidal", "MLI", 18.44, 1.41),
    ("Ménaka", "MLI", 15.92, 2.40),
    ("Mopti", "MLI", 14.49, -4.18),
    ("Ségou", "MLI", 13.43, -6.26),
    ("Kéniéba", "MLI", 12.84, -11.24),
    ("Tessalit", "MLI", 20.20, 1.01),
    ("Ouagadougou", "BFA", 12.37, -1.52),
    ("Djibo", "BFA", 14.10, -1.63),
    ("Fada N'Gourma", "BFA", 12.06, 0.35),
    ("Niamey", "NER", 13.51, 2.11),
    ("Agadez", "NER", 16.97, 7.99),
    ("Tillabéri", "NER", 14.21, 1.45),
    ("Arlit", "NER", 18.74, 7.39),
    ("Nouakchott", "MRT", 18.08, -15.98),
    ("N'Djamena", "TCD", 12.13, 15.06),
    ("Abidjan", "CIV", 5.36, -4.01),
    ("Dakar", "SEN", 14.72, -17.47),
    ("Conakry", "GIN", 9.64, -13.58),
    ("Alger", "DZA", 36.75, 3.06),
    ("Tamanrasset", "DZA", 22.79, 5.52),
    ("Abuja", "NGA", 9.08, 7.40),
    ("Moscow", "RUS", 55.76, 37.62),
    ("Paris", "FRA", 48.86, 2.35),
    ("Washington", "USA", 38.90, -77.04),
    ("Beijing", "CHN", 39.90, 116.40),
    ("Ankara", "TUR", 39.93, 32.86),
    ("Rabat", "MAR", 34.02, -6.84),
];

/// `PLACES[..SAHEL_PLACES]` are in Mali, Burkina Faso and Niger; `PLACES[..AFRICAN_PLACES]`
/// are in Africa.
const SAHEL_PLACES: usize = 16;
const AFRICAN_PLACES: usize = 24;

/// Publishers of the synthetic sources, with their type and a slug for the URL.
const PUBLISHERS: [(&str, SourceType, &str); 16] = [
    ("Reuters", SourceType::Media, "reuters"),
    ("AFP", SourceType::Media, "afp"),
    ("Jeune Afrique", SourceType::Media, "jeune-afrique"),
    ("RFI", SourceType::Media, "rfi"),
    ("Le Monde Afrique", SourceType::Media, "le-monde"),
    ("UN News", SourceType::Un, "un-news"),
    ("OCHA", SourceType::Un, "ocha"),
    ("Human Rights Watch", SourceType::Ngo, "hrw"),
    ("Amnesty International", SourceType::Ngo, "amnesty"),
    (
        "Ministère des Affaires étrangères",
        SourceType::Government,
        "mae",
    ),
    (
        "US Department of State",
        SourceType::Government,
        "state-dept",
    ),
    ("RIA Novosti", SourceType::StateMedia, "ria"),
    ("ORTM", SourceType::StateMedia, "ortm"),
    ("ACLED", SourceType::Research, "acled"),
    (
        "International Crisis Group",
        SourceType::Research,
        "crisis-group",
    ),
    (
        "Sahel Watch blog (fictional)",
        SourceType::Other,
        "sahel-watch",
    ),
];

const TAGS: [&str; 10] = [
    "sahel",
    "counter-terrorism",
    "gold",
    "uranium",
    "transition",
    "elections",
    "displacement",
    "drones",
    "mercenaries",
    "border",
];

/// First and last year generated.
const FIRST_YEAR: i32 = 1960;
const LAST_YEAR: i32 = 2025;
/// Years get denser by a factor e every this many years, so 2025 is ~200x denser than 1960.
const YEAR_GROWTH: f64 = 12.0;
/// Zipf exponent for actor prominence.
const ZIPF_S: f64 = 1.1;

/// A table of cumulative weights to draw indices from (rand's `WeightedIndex` needs `alloc`
/// features this crate does not enable, and this is a few lines).
struct Weighted(Vec<f64>);

impl Weighted {
    fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut acc = 0.0;
        Weighted(
            weights
                .into_iter()
                .map(|w| {
                    acc += w;
                    acc
                })
                .collect(),
        )
    }

    /// An index drawn with probability proportional to its weight (0 if the table is empty).
    fn draw(&self, rng: &mut ChaCha8Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let x = rng.gen::<f64>() * total;
        self.0
            .partition_point(|&c| c <= x)
            .min(self.0.len().saturating_sub(1))
    }
}

/// A synthetic dataset of `events` fictional events, the same for the same `seed`.
///
/// The result passes [`crate::validate::validate`] without diagnostics: every reference
/// resolves, ids are unique, dates are real and ends follow starts, URLs are https (or http) on
/// `example.org`. Events come sorted by date, with ids numbered in that order.
pub fn synth(events: usize, seed: u64) -> RawDataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let actors = ACTORS
        .iter()
        .map(|a| RawActor {
            id: a.id.to_string(),
            name: a.name.to_string(),
            kind: a.kind,
            affiliation: a.affiliation.map(str::to_string),
            aliases: a.aliases.iter().map(|s| s.to_string()).collect(),
            succeeds: None,
        })
        .collect();
    let categories = CATEGORIES
        .iter()
        .map(|c| Category {
            id: c.id.to_string(),
            label: c.label.to_string(),
            definition: c.definition.to_string(),
            tone: c.tone,
            color: c.color.to_string(),
        })
        .collect();
    // A constant, valid calendar date inside MIN_YEAR..=MAX_YEAR: this cannot fail, and no input
    // reaches it. PartialDate has no const constructor to express that in the type.
    #[allow(clippy::expect_used)]
    let updated = PartialDate::day(LAST_YEAR, 12, 31).expect("2025-12-31 is a real date");

    let gen = Generator::new();
    // Dates first, sorted, so that ids can be numbered in date order like a curated file.
    let mut dates: Vec<PartialDate> = (0..events)
        .map(|_| gen.date(&mut rng).unwrap_or(updated))
        .collect();
    dates.sort();
    let width = events.max(1).to_string().len();
    let n = dates.len();
    let events = dates
        .into_iter()
        .enumerate()
        .map(|(i, date)| gen.event(&mut rng, i, width, date, updated))
        .collect();
    RawDataset {
        schema: SCHEMA_VERSION,
        dataset: meta(n, seed, updated),
        actors,
        categories,
        events,
    }
}

fn meta(events: usize, seed: u64, updated: PartialDate) -> DatasetMeta {
    DatasetMeta {
        id: format!("synthetic-{seed}"),
        title: format!("Synthetic Sahel events ({events} events, seed {seed})"),
        description:
            "Generated by `dyad synth` for tests and benchmarks. Every event, company and \
                      source is fictional; links point to example.org. Do not cite."
                .to_string(),
        version: format!("0.0.0-synth.{seed}"),
        updated,
        license: "CC0-1.0 (synthetic data, no rights reserved)".to_string(),
    }
}

/// Precomputed weight tables.
struct Generator {
    years: Weighted,
    categories: Weighted,
    actors: Weighted,
    /// (first, last) active year of each actor, by index into `ACTORS`.
    active: Vec<(i32, i32)>,
    /// Actor indices of each kind, with a Zipf table over them (kind order as `ActorKind::ALL`).
    by_kind: Vec<(ActorKind, Vec<usize>, Weighted)>,
}

impl Generator {
    fn new() -> Self {
        let zipf = |rank: usize| 1.0 / ((rank + 1) as f64).powf(ZIPF_S);
        let by_kind = ActorKind::ALL
            .iter()
            .map(|&k| {
                let ixs: Vec<usize> = (0..ACTORS.len()).filter(|&i| ACTORS[i].kind == k).collect();
                let w = Weighted::new(ixs.iter().map(|&i| zipf(i)));
                (k, ixs, w)
            })
            .collect();
        let active = ACTORS
            .iter()
            .map(|a| {
                ACTIVE
                    .iter()
                    .find(|(id, _, _)| *id == a.id)
                    .map_or((FIRST_YEAR, LAST_YEAR), |&(_, from, to)| (from, to))
            })
            .collect();
        Generator {
            active,
            years: Weighted::new(
                (FIRST_YEAR..=LAST_YEAR).map(|y| ((y - FIRST_YEAR) as f64 / YEAR_GROWTH).exp()),
            ),
            categories: Weighted::new(CATEGORIES.iter().map(|c| c.weight as f64)),
            actors: Weighted::new((0..ACTORS.len()).map(zipf)),
            by_kind,
        }
    }

    /// A date: year skewed to recent, precision 80% day / 15% month / 5% year.
    fn date(&self, rng: &mut ChaCha8Rng) -> Option<PartialDate> {
        let year = FIRST_YEAR + self.years.draw(rng) as i32;
        let month = rng.gen_range(1..=12u32);
        let p = rng.gen::<f64>();
        if p < 0.05 {
            PartialDate::year(year).ok()
        } else if p < 0.20 {
            PartialDate::month(year, month).ok()
        } else {
            let day = rng.gen_range(1..=days_in_month(year, month));
            PartialDate::day(year, month, day).ok()
        }
    }

    /// Two to three distinct actors (sometimes one, four or five), Zipf-skewed, with the
    /// category's usual initiator and counterpart forced in when it says so.
    fn actors(&self, rng: &mut ChaCha8Rng, cat: &CategorySpec, year: i32) -> Vec<usize> {
        let usable = |ix: &usize, out: &Vec<usize>| {
            let (from, to) = self.active.get(*ix).copied().unwrap_or((0, 0));
            (from..=to).contains(&year) && !out.contains(ix)
        };
        let p = rng.gen::<f64>();
        let n = match p {
            p if p < 0.10 => 1,
            p if p < 0.65 => 2,
            p if p < 0.90 => 3,
            p if p < 0.96 => 4,
            _ => 5,
        };
        let mut out: Vec<usize> = Vec::with_capacity(n);
        for (slot, pref) in [cat.prefer, cat.second].into_iter().enumerate() {
            if out.len() != slot || out.len() >= n {
                break;
            }
            if let Some((pref, prob)) = pref {
                if rng.gen_bool(prob) {
                    if let Some(ix) = self.preferred(rng, pref).filter(|ix| usable(ix, &out)) {
                        out.push(ix);
                    }
                }
            }
        }
        // Rejection sampling of duplicates and inactive actors; bounded so a tiny actor table could never loop.
        let mut tries = 0;
        while out.len() < n && tries < 64 {
            tries += 1;
            let ix = self.actors.draw(rng);
            if usable(&ix, &out) {
                out.push(ix);
            }
        }
        out
    }

    /// An actor index matching a preference.
    fn preferred(&self, rng: &mut ChaCha8Rng, pref: Prefer) -> Option<usize> {
        match pref {
            Prefer::Kind(kind) => {
                let (_, ixs, w) = self.by_kind.iter().find(|(k, _, _)| *k == kind)?;
                ixs.get(w.draw(rng)).copied()
            }
            Prefer::Among(ids) => {
                let id = pick(rng, ids);
                ACTORS.iter().position(|a| a.id == id)
            }
        }
    }

    fn event(
        &self,
        rng: &mut ChaCha8Rng,
        i: usize,
        width: usize,
        date: PartialDate,
        cap: PartialDate,
    ) -> RawEvent {
        let cat = &CATEGORIES[self.categories.draw(rng) % CATEGORIES.len()];
        let actor_ixs = self.actors(rng, cat, date.year_num());
        let name = |k: usize| actor_ixs.get(k).map(|&ix| ACTORS[ix].name);
        let a = name(0).unwrap_or("Unknown actor");
        let b = name(1).unwrap_or(cat.counterpart);

        // The text always names a place; a quarter of events do not record it as a location,
        // as in curated data where the place is only in the prose.
        let loc = self.location(rng, &actor_ixs, cat.local);
        let place = loc.place.clone().unwrap_or_default();
        let place = place.as_str();
        let location = rng.gen_bool(0.75).then_some(loc);
        let fill = |t: &str| {
            t.replace("{a}", a)
                .replace("{b}", b)
                .replace("{place}", place)
                .replace("{date}", &date.display())
        };
        let title = fill(pick(rng, cat.titles));
        let mut summary = fill(pick(rng, cat.summaries));
        summary.push_str(" Synthetic event; not a real report.");

        let id = format!(
            "{}-{}-{:0width$}",
            cat.id.replace('_', "-"),
            date.year_num(),
            i + 1
        );
        let end = if rng.gen_bool(0.03) {
            end_after(rng, date, cap)
        } else {
            None
        };
        let tone = if rng.gen_bool(0.08) {
            let t = cat.tone + rng.gen_range(-3.0f32..=3.0);
            Some((t.clamp(-10.0, 10.0) * 2.0).round() / 2.0)
        } else {
            None
        };
        let n_sources = match rng.gen::<f64>() {
            p if p < 0.55 => 1,
            p if p < 0.90 => 2,
            _ => 3,
        };
        let sources = (0..n_sources)
            .map(|k| source(rng, &id, k, date, cap))
            .collect();
        let n_tags = rng.gen_range(0..=2usize);
        let mut tags: Vec<String> = Vec::with_capacity(n_tags);
        for _ in 0..n_tags {
            let t = pick(rng, &TAGS).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let verification = match rng.gen::<f64>() {
            p if p < 0.60 => Verification::Verified,
            p if p < 0.85 => Verification::Partial,
            _ => Verification::Unverified,
        };
        let notes = if rng.gen_bool(0.05) {
            Some("Casualty figures differ between sources (synthetic note).".to_string())
        } else {
            None
        };
        RawEvent {
            id,
            date,
            end,
            title,
            summary,
            category: cat.id.to_string(),
            actors: actor_ixs
                .iter()
                .map(|&ix| ACTORS[ix].id.to_string())
                .collect(),
            tone,
            milestone: rng.gen_bool(0.01),
            location,
            sources,
            tags,
            notes,
            verification,
        }
    }

    /// A place, usually in the country of one of the event's state actors, else in the Sahel;
    /// events on the ground (`local`) stay in Africa.
    fn location(&self, rng: &mut ChaCha8Rng, actor_ixs: &[usize], local: bool) -> Location {
        let states: Vec<&str> = actor_ixs
            .iter()
            .filter(|&&ix| ACTORS[ix].kind == ActorKind::State)
            .map(|&ix| ACTORS[ix].id)
            .collect();
        let home: Vec<usize> = (0..PLACES.len())
            .filter(|&p| states.contains(&PLACES[p].1) && (!local || p < AFRICAN_PLACES))
            .collect();
        let p = if !home.is_empty() && rng.gen_bool(0.8) {
            home[rng.gen_range(0..home.len())]
        } else {
            rng.gen_range(0..SAHEL_PLACES)
        };
        let (place, country, lat, lon) = PLACES[p];
        let coords = rng.gen_bool(0.9);
        Location {
            place: Some(place.to_string()),
            country: Some(country.to_string()),
            lat: coords.then_some(lat),
            lon: coords.then_some(lon),
            precision: None,
        }
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    if items.is_empty() {
        return "";
    }
    items[rng.gen_range(0..items.len())]
}

/// An end date at the start's precision, strictly after it and not after `cap`.
fn end_after(rng: &mut ChaCha8Rng, date: PartialDate, cap: PartialDate) -> Option<PartialDate> {
    let last: Day = date.last_day() + rng.gen_range(1..=500);
    if last > cap.last_day() {
        return None;
    }
    at_precision(PartialDate::from_day(last)?, date.precision())
}

/// A day-precision date coarsened to `precision`.
fn at_precision(d: PartialDate, precision: Precision) -> Option<PartialDate> {
    match precision {
        Precision::Day => Some(d),
        Precision::Month => PartialDate::month(d.year_num(), d.month_num()?).ok(),
        Precision::Year => PartialDate::year(d.year_num()).ok(),
    }
}

/// A source on example.org, published on or shortly after the event (or undated).
fn source(
    rng: &mut ChaCha8Rng,
    event_id: &str,
    k: usize,
    date: PartialDate,
    cap: PartialDate,
) -> Source {
    let (publisher, kind, slug) = PUBLISHERS[rng.gen_range(0..PUBLISHERS.len())];
    let scheme = if rng.gen_bool(0.1) { "http" } else { "https" };
    let published = if rng.gen_bool(0.9) {
        let day = (date.first_day() + rng.gen_range(0..=10)).min(cap.last_day());
        PartialDate::from_day(day).and_then(|d| at_precision(d, date.precision()))
    } else {
        None
    };
    let note = if published.is_none() && rng.gen_bool(0.3) {
        Some("date not shown on the page".to_string())
    } else {
        None
    };
    Source {
        publisher: publisher.to_string(),
        url: Some(format!(
            "{scheme}://example.org/synthetic/{slug}/{event_id}/{}",
            k + 1
        )),
        published,
        kind,
        note,
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same seed yields byte-identical output, and different seeds different data.
    #[test]
    fn deterministic_per_seed() {
        let cases = [(0u64, 1u64), (42, 43), (7, 1_000_007)];
        for (s1, s2) in cases {
            let a = synth(300, s1);
            assert_eq!(a, synth(300, s1), "seed {s1}");
            assert_ne!(a.events, synth(300, s2).events, "seeds {s1} vs {s2}");
        }
    }

    /// Exactly the requested number of events is produced, including none.
    #[test]
    fn produces_n_events() {
        for n in [0usize, 1, 2, 17, 1000] {
            assert_eq!(synth(n, 3).events.len(), n);
        }
    }

    /// Every actor and category referenced exists, and ids are unique.
    #[test]
    fn references_resolve() {
        let raw = synth(2000, 11);
        let actor_ids: std::collections::HashSet<&str> =
            raw.actors.iter().map(|a| a.id.as_str()).collect();
        let cat_ids: std::collections::HashSet<&str> =
            raw.categories.iter().map(|c| c.id.as_str()).collect();
        let mut ids = std::collections::HashSet::new();
        for e in &raw.events {
            assert!(ids.insert(e.id.as_str()), "duplicate {}", e.id);
            assert!(cat_ids.contains(e.category.as_str()));
            assert!(!e.actors.is_empty() && e.actors.len() <= 5);
            for a in &e.actors {
                assert!(actor_ids.contains(a.as_str()), "{a}");
            }
            if let Some(end) = e.end {
                assert!(end.first_day() > e.date.last_day(), "{}", e.id);
            }
            assert!((1..=3).contains(&e.sources.len()));
            for s in &e.sources {
                let url = s.url.as_deref().unwrap_or_default();
                assert!(
                    url.starts_with("https://example.org/")
                        || url.starts_with("http://example.org/")
                );
            }
        }
        for a in &raw.actors {
            if let Some(p) = &a.affiliation {
                assert!(actor_ids.contains(p.as_str()), "{p}");
            }
        }
    }

    /// The distributions have the intended shape: mostly day precision, recent years denser,
    /// the top actor in a large share of events, a few ends and milestones.
    #[test]
    fn distributions() {
        let raw = synth(20_000, 5);
        let n = raw.events.len() as f64;
        let share =
            |f: &dyn Fn(&RawEvent) -> bool| raw.events.iter().filter(|e| f(e)).count() as f64 / n;
        let cases: [(&str, f64, f64, f64); 7] = [
            (
                "day precision",
                share(&|e| e.date.precision() == Precision::Day),
                0.76,
                0.84,
            ),
            (
                "month precision",
                share(&|e| e.date.precision() == Precision::Month),
                0.12,
                0.18,
            ),
            ("with end", share(&|e| e.end.is_some()), 0.015, 0.045),
            ("milestone", share(&|e| e.milestone), 0.003, 0.02),
            (
                "since 2010",
                share(&|e| e.date.year_num() >= 2010),
                0.65,
                0.85,
            ),
            (
                "involves MLI",
                share(&|e| e.actors.iter().any(|a| a == "MLI")),
                0.3,
                0.8,
            ),
            (
                "has accents",
                share(&|e| !e.title.is_ascii() || !e.summary.is_ascii()),
                0.05,
                1.0,
            ),
        ];
        for (what, got, lo, hi) in cases {
            assert!((lo..=hi).contains(&got), "{what}: {got}");
        }
    }

    /// Actors appear only in the years they existed, and the total is what was asked for.
    #[test]
    fn actors_only_when_active() {
        let raw = synth(5000, 21);
        let cases = [
            ("wagner-group", 2014, 2024),
            ("aes", 2023, 2025),
            ("minusma", 2013, 2023),
        ];
        for (id, from, to) in cases {
            let years: Vec<i32> = raw
                .events
                .iter()
                .filter(|e| e.actors.iter().any(|a| a == id))
                .map(|e| e.date.year_num())
                .collect();
            assert!(!years.is_empty(), "{id} never appears");
            assert!(
                years.iter().all(|y| (from..=to).contains(y)),
                "{id}: {years:?}"
            );
        }
    }

    /// Synthetic data is valid data: validation finds nothing, for any size and seed, and the
    /// validated dataset keeps every event.
    #[test]
    fn passes_validation() {
        let cases = [(1usize, 0u64), (100, 1), (5000, 2), (20_000, 3)];
        for (n, seed) in cases {
            match crate::validate::validate(synth(n, seed)) {
                Ok(ds) => assert_eq!(ds.events.len(), n),
                Err(diags) => panic!(
                    "{n} events, seed {seed}:\n{}",
                    crate::validate::format_diagnostics(&diags)
                ),
            }
        }
    }

    /// Events come in date order.
    #[test]
    fn sorted_by_date() {
        let raw = synth(500, 9);
        assert!(raw.events.windows(2).all(|w| w[0].date <= w[1].date));
    }
}
