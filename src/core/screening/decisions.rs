//! What the user decided about screening hits, and what the assessment
//! makes of them: a hit the user marked "not a match" (with a reason) stays
//! dismissed while the list entry is unchanged and is raised again when the
//! entry changes; any other hit is a potential match to resolve.

use super::index::Hit;

/// "Not a match": kept with the assessment and shown in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dismissal {
    pub list: String,
    pub entry_id: String,
    /// The entry's fingerprint when the decision was taken.
    pub entry_fingerprint: String,
    pub reason: String,
    pub decided_at: String,
}

/// A hit and what happened to it.
#[derive(Clone, Debug)]
pub enum HitStatus<'a> {
    /// Not decided yet: a potential match.
    Open(&'a Hit),
    /// Dismissed, and the entry is as it was.
    Dismissed(&'a Hit, &'a Dismissal),
    /// Dismissed once, but the entry has changed since: open again.
    Reopened(&'a Hit, &'a Dismissal),
}

impl HitStatus<'_> {
    pub fn is_open(&self) -> bool {
        !matches!(self, HitStatus::Dismissed(..))
    }
}

/// Matches hits with earlier decisions. `list_label(hit)` names the hit's list.
pub fn review<'a>(hits: &'a [Hit], dismissals: &'a [Dismissal], list_label: impl Fn(&Hit) -> &'a str) -> Vec<HitStatus<'a>> {
    hits.iter()
        .map(|h| {
            let label = list_label(h);
            match dismissals.iter().find(|d| d.list == label && d.entry_id == h.entry_id) {
                Some(d) if d.entry_fingerprint == h.entry_fingerprint => HitStatus::Dismissed(h, d),
                Some(d) => HitStatus::Reopened(h, d),
                None => HitStatus::Open(h),
            }
        })
        .collect()
}

/// The answer to the assessment's screening question that the hits imply:
/// `potential_match` while any hit is open, else `no_match`. A confirmed
/// match is the user's own answer; the tool never assumes one.
pub fn screening_answer(statuses: &[HitStatus]) -> &'static str {
    if statuses.iter().any(HitStatus::is_open) {
        "potential_match"
    } else {
        "no_match"
    }
}
