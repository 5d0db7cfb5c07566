//! The product catalogue: the company's items, each classified once by
//! answering the profile's product questions. One JSON file (format 1),
//! the same in the app (IndexedDB, export/import) and the CLI.

use serde::{Deserialize, Serialize};

use super::profile::TriageProfile;
use crate::core::answers::Answers;
use crate::core::error::LoadError;
use crate::core::ruleset::RuleSet;
use crate::core::Destinations;

pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub format: u32,
    pub products: Vec<Product>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// The company's internal id (unique in a catalogue; what lead files name).
    pub id: String,
    pub name: String,
    /// The rule set (id, version) it was classified under.
    pub rule_set: String,
    pub rule_set_version: String,
    /// The day it was classified (YYYY-MM-DD), given by the caller.
    pub classified_on: String,
    /// Answers to product questions only.
    pub answers: Answers,
}

/// What importing a catalogue would do; nothing is overwritten silently.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    pub new: Vec<Product>,
    pub identical: Vec<String>,
    /// (ours, theirs) with the same id and different content.
    pub conflicting: Vec<(Product, Product)>,
}

/// Per conflicting id: what the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictChoice {
    KeepOurs,
    TakeTheirs,
    /// Theirs added under a new id (`<id>-2`, …).
    KeepBoth,
}

impl Catalogue {
    /// Parses a catalogue file: located errors, unique ids, non-empty names,
    /// only product questions answered, valid answers; size limits.
    pub fn parse(
        bytes: &[u8],
        rules: &RuleSet,
        destinations: &Destinations,
        profile: &TriageProfile,
    ) -> Result<Catalogue, LoadError> {
        let _ = (bytes, rules, destinations, profile);
        todo!("helper: core-engine")
    }
    pub fn to_json(&self) -> String {
        todo!("helper: core-engine")
    }
    /// The product a lead cell names: by internal id, else by name
    /// (case-insensitive, trimmed).
    pub fn find(&self, id_or_name: &str) -> Option<&Product> {
        let _ = id_or_name;
        todo!("helper: core-engine")
    }
    pub fn plan_import(&self, incoming: &Catalogue) -> ImportPlan {
        let _ = incoming;
        todo!("helper: core-engine")
    }
    pub fn apply_import(&mut self, plan: &ImportPlan, choices: &[(String, ConflictChoice)]) {
        let _ = (plan, choices);
        todo!("helper: core-engine")
    }
}

impl Product {
    /// Classified under another rule set or version than `rules`: review it.
    pub fn needs_review(&self, rules: &RuleSet) -> bool {
        self.rule_set != rules.id || self.rule_set_version != rules.version
    }
}
