//! Lead triage: a product catalogue classified once, a lead list (CSV or
//! .xlsx) mapped to columns, and each lead × product evaluated by the same
//! engine as an assessment. The product's classification, the lead's
//! facts and the party screening become partial answers; `evaluate` gives
//! the outcome; the rule set's triage profile (data, `data/eu-triage.json`)
//! maps outcome and open questions to one of five classes. No triage rule
//! lives in code.
//!
//! Codemap: `profile` (the triage profile: which questions a product
//! answers, which a lead answers, which only an assessment can answer, the
//! class rules), `catalogue` (products, their JSON file, import plan, review
//! flag), `sheet` (lead files: CSV and .xlsx → a grid of cells), `mapping`
//! (columns → leads, bad rows with reasons), `engine` (lead → answers →
//! evaluation → class and reasons), `export` (rows → CSV and .xlsx),
//! `prefill` (a lead opened as a new assessment with the answers' sources).

pub mod catalogue;
pub mod engine;
pub mod export;
pub mod mapping;
pub mod prefill;
pub mod profile;
pub mod sheet;

use serde::{Deserialize, Serialize};

/// The five triage classes, from most to least urgent. Serialized in
/// snake_case (`stop`, `licence_needed`, `assess`, `low_risk`,
/// `not_in_scope`); these names are what exports and the profile use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriageClass {
    Stop,
    LicenceNeeded,
    Assess,
    LowRisk,
    NotInScope,
}

impl TriageClass {
    pub const ALL: [TriageClass; 5] = [
        TriageClass::Stop,
        TriageClass::LicenceNeeded,
        TriageClass::Assess,
        TriageClass::LowRisk,
        TriageClass::NotInScope,
    ];
    pub fn name(self) -> &'static str {
        match self {
            TriageClass::Stop => "stop",
            TriageClass::LicenceNeeded => "licence_needed",
            TriageClass::Assess => "assess",
            TriageClass::LowRisk => "low_risk",
            TriageClass::NotInScope => "not_in_scope",
        }
    }
    pub fn from_name(s: &str) -> Option<TriageClass> {
        TriageClass::ALL.into_iter().find(|c| c.name() == s)
    }
}
