//! One lead triaged: for each product it names, the product's answers, the
//! lead's answers (destination, end-user, type, consignee, the exporter's
//! Member State) and the screening answer implied by the hits on company
//! and consignee (the register applied) are evaluated by `evaluate`; the
//! profile classes the result; the lead takes its most urgent product.

use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use super::mapping::TriageLead;
use super::profile::TriageProfile;
use super::TriageClass;
use crate::core::answers::Answers;
use crate::core::outcome::Outcome;
use crate::core::screening::index::Screener;
use crate::core::screening::register::Register;
use crate::core::{Destinations, Lang, RuleSet};

/// What triage needs besides the lead: fixed for a whole run.
pub struct TriageContext<'a> {
    pub rules: &'a RuleSet,
    pub destinations: &'a Destinations,
    pub profile: &'a TriageProfile,
    pub catalogue: &'a Catalogue,
    /// None: no lists loaded; the screening answer stays open.
    pub screener: Option<&'a Screener>,
    pub register: Option<&'a Register>,
    pub threshold: f64,
    /// The exporter's Member State (ISO code).
    pub member_state: String,
    /// Today (YYYY-MM-DD), for the register's expiry; given by the caller.
    pub today: String,
    pub lang: Lang,
}

/// A lead's triage: its class, and per product the evaluation behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriageRow {
    pub lead: TriageLead,
    pub class: TriageClass,
    pub products: Vec<ProductTriage>,
    /// Hits on company or consignee: (party, list label, entry id, matched name, score in thousandths, register note).
    pub hits: Vec<LeadHit>,
    /// The screening answer used (`no_match`, `potential_match`, … or none).
    pub screening_answer: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadHit {
    pub party: String,
    pub list: String,
    pub entry_id: String,
    pub matched_name: String,
    pub score: u32,
    pub suppressed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductTriage {
    pub product: String,
    pub class: TriageClass,
    pub outcome: Outcome,
    /// The outcome rules that decided it (or, for `incomplete`, that fired).
    pub rules: Vec<String>,
    /// The red flags and other findings that fired.
    pub findings: Vec<String>,
    /// Questions still open, by who answers them: product, lead, assessment.
    pub open_product: Vec<String>,
    pub open_lead: Vec<String>,
    pub open_assessment: Vec<String>,
    /// The class rule's explanation and the product's review flag, in `lang`.
    pub reasons: Vec<String>,
    pub needs_review: bool,
}

/// The answers triage gives `evaluate` for one lead and product, each with
/// its source ("product", "lead", "screening", "settings").
pub fn answers_for(
    cx: &TriageContext,
    lead: &TriageLead,
    product: &str,
    screening_answer: Option<&str>,
) -> Vec<(String, crate::core::AnswerValue, &'static str)> {
    let _ = (cx, lead, product, screening_answer);
    todo!("helper: core-engine")
}

/// Triages one lead.
pub fn triage_lead(cx: &TriageContext, lead: &TriageLead) -> TriageRow {
    let _ = lead;
    let _ = cx;
    todo!("helper: core-engine")
}

/// Counts per class, in `TriageClass::ALL` order.
pub fn counts(rows: &[TriageRow]) -> [usize; 5] {
    let mut n = [0; 5];
    for r in rows {
        n[r.class as usize] += 1;
    }
    n
}

/// Answers as `evaluate` takes them.
pub fn to_answers(given: &[(String, crate::core::AnswerValue, &'static str)]) -> Answers {
    given
        .iter()
        .map(|(q, v, _)| (q.clone(), v.clone()))
        .collect()
}
