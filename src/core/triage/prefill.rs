//! A lead opened as a new assessment: a draft whose answers come from the
//! product, the lead row, the screening and the settings, with a record of
//! which answer came from where (written into the draft, so the user sees
//! it and can change any answer), linked back to the lead.

use super::engine::TriageContext;
use super::mapping::TriageLead;
use crate::core::session::Draft;

/// The key that links a lead to the assessment opened from it: the lead
/// file's label, the row and the company.
pub fn lead_key(file: &str, lead: &TriageLead) -> String {
    format!("{file}#{}:{}", lead.row, lead.company)
}

/// A new draft for `lead` and `product`, with id `id` and timestamps `now`.
pub fn draft_for(
    cx: &TriageContext,
    lead: &TriageLead,
    product: &str,
    screening_answer: Option<&str>,
    id: &str,
    now: &str,
) -> Draft {
    let _ = (cx, lead, product, screening_answer, id, now);
    todo!("helper: core-engine")
}
