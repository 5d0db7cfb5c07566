//! The rule set's triage profile (`data/eu-triage.json`): data, validated
//! against the rule set it names. It says which questions a product's
//! classification answers, which answers a lead row gives, which questions
//! only a full assessment can answer, and how an evaluation's outcome (and,
//! for `incomplete`, what is still open and what fired) maps to a class.
//! First matching class rule wins.

use serde::{Deserialize, Serialize};

use super::TriageClass;
use crate::core::error::LoadError;
use crate::core::evaluate::Assessment;
use crate::core::outcome::Outcome;
use crate::core::ruleset::RuleSet;

pub const DEFAULT_JSON: &str = include_str!("../data/eu-triage.json");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageProfile {
    /// The rule set (id and version) this profile was written for.
    pub rule_set: String,
    pub rule_set_version: String,
    /// Questions a product's classification answers (Annex I status and
    /// entry, the item test, vigilance and monitoring-equipment categories).
    pub product_questions: Vec<String>,
    /// Which question each lead column answers.
    pub lead_questions: LeadQuestions,
    /// Questions only a full assessment answers (red flags, awareness, …).
    pub assessment_questions: Vec<String>,
    pub classes: Vec<ClassRule>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadQuestions {
    pub company: String,
    pub end_user_type: String,
    pub consignee: String,
    /// The question the product's name answers (the item's name).
    pub product_name: String,
}

/// One class rule: the class applies when the outcome is one of
/// `outcomes` and every optional test holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRule {
    pub class: TriageClass,
    pub outcomes: Vec<Outcome>,
    /// The strongest outcome rule that fired (decided or not) is at most this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strongest_fired_at_most: Option<Outcome>,
    /// Every missing question is one of the assessment questions.
    #[serde(default)]
    pub only_assessment_questions_missing: bool,
    /// None of these findings fired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub none_of_findings: Vec<String>,
    /// Why this class, in words (English, German), shown with the lead.
    pub explanation: crate::core::text::Text,
}

impl TriageProfile {
    /// Parses and validates against `rules` (every question and finding
    /// exists; the profile names this rule set; every outcome is classed).
    pub fn parse(json: &str, rules: &RuleSet) -> Result<TriageProfile, LoadError> {
        let _ = (json, rules);
        todo!("helper: core-engine")
    }
    /// The class of one evaluation, and the rule that gave it.
    pub fn classify(&self, a: &Assessment) -> (TriageClass, &ClassRule) {
        let _ = a;
        todo!("helper: core-engine")
    }
}
