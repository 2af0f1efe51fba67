//! The filter engine: which events match the panel's choices, and the facet counts beside each
//! choice.
//!
//! A [`Filter`] speaks in ids, as the URL does; [`Filter::compile`] resolves them against a
//! dataset once, and the compiled form runs over events without any string lookups.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::model::{SourceType, Verification};

/// How several selected actors combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorMode {
    /// An event matches if it involves any selected actor.
    #[default]
    Any,
    /// An event matches only if it involves every selected actor.
    All,
}

impl ActorMode {
    /// The lowercase name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorMode::Any => "any",
            ActorMode::All => "all",
        }
    }
}

/// What the user asked to see. Empty lists mean "no restriction".
///
/// Lists are kept sorted and without duplicates (see [`Filter::normalize`]) so that one filter
/// has exactly one URL.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Filter {
    /// Actor ids.
    pub actors: Vec<String>,
    /// How the actors combine.
    pub actor_mode: ActorMode,
    /// Category ids.
    pub categories: Vec<String>,
    /// Inclusive lower bound; an imprecise event matches if its span overlaps the range.
    pub from: Option<PartialDate>,
    /// Inclusive upper bound (the last day of a coarse date counts).
    pub to: Option<PartialDate>,
    /// Free text over title, summary, actor names and publishers; case- and accent-insensitive.
    pub text: String,
    /// Source types: an event matches if any of its sources has one of them.
    pub source_types: Vec<SourceType>,
    /// Verification levels.
    pub verification: Vec<Verification>,
}
