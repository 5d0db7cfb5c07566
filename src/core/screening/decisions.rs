//! What the user decided about screening hits, and what the assessment
//! makes of them. A hit marked "not a match" (with a reason) stays dismissed
//! while the list entry is unchanged and is raised again when the entry
//! changes; a confirmed hit stays confirmed; any other hit is an open
//! potential match. The hits then answer the rule set's screening question:
//! a confirmed match → `confirmed_match`, an open hit → `potential_match`,
//! every named party screened without an open hit → `no_match`.

use std::borrow::Cow;

use super::record::{Decision, Hit, Party, ScreeningRecord, Verdict};
use crate::core::answers::{AnswerValue, Answers};
use crate::core::ruleset::RuleSet;

pub const NO_MATCH: &str = "no_match";
pub const POTENTIAL_MATCH: &str = "potential_match";
pub const CONFIRMED_MATCH: &str = "confirmed_match";
/// The options a rule set's screening question must offer.
pub const ANSWERS: [&str; 3] = [NO_MATCH, POTENTIAL_MATCH, CONFIRMED_MATCH];

/// A hit and what happened to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitStatus<'a> {
    /// Not decided yet: a potential match.
    Open,
    /// Marked "not a match", and the entry is as it was.
    Dismissed(Decision<'a>),
    /// Marked "not a match" once, but the entry has changed since: open again.
    Reopened(Decision<'a>),
    /// Confirmed by the user.
    Confirmed(Decision<'a>),
}

impl HitStatus<'_> {
    pub fn is_open(&self) -> bool {
        matches!(self, HitStatus::Open | HitStatus::Reopened(_))
    }
    pub fn name(&self) -> &'static str {
        match self {
            HitStatus::Open => "open",
            HitStatus::Dismissed(_) => "not_a_match",
            HitStatus::Reopened(_) => "reopened",
            HitStatus::Confirmed(_) => "confirmed_match",
        }
    }
}

pub fn status<'a>(record: &'a ScreeningRecord, party: Party, hit: Hit) -> HitStatus<'a> {
    match record.decisions().find(|d| d.concerns(party, hit)) {
        None => HitStatus::Open,
        Some(d) if d.verdict() == Verdict::Confirmed => HitStatus::Confirmed(d),
        Some(d) if d.entry_fingerprint() == hit.entry_fingerprint() => HitStatus::Dismissed(d),
        Some(d) => HitStatus::Reopened(d),
    }
}

/// What the screening says about the assessment's parties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    /// The answer to the screening question the hits imply, when they
    /// imply one: None while a named party has not been screened and no
    /// hit is open or confirmed.
    pub answer: Option<&'static str>,
    pub open: usize,
    pub confirmed: usize,
    pub dismissed: usize,
    /// Party questions with a name that has no current result (not
    /// screened yet, or renamed since).
    pub unscreened: Vec<String>,
}

/// The screening's verdict on the parties named in `answers`. None when the
/// rule set screens no parties, no list was used, or no party is named.
pub fn derive(rules: &RuleSet, answers: &Answers, record: &ScreeningRecord) -> Option<Derived> {
    let spec = rules.party_screening.as_ref()?;
    if !record.has_lists() {
        return None;
    }
    let mut d = Derived { answer: None, open: 0, confirmed: 0, dismissed: 0, unscreened: vec![] };
    let mut named = 0;
    for q in &spec.parties {
        let Some(name) = answers.get(q).and_then(AnswerValue::as_one).map(str::trim).filter(|n| !n.is_empty()) else { continue };
        named += 1;
        let Some(party) = record.result_for(q, name) else {
            d.unscreened.push(q.clone());
            continue;
        };
        for hit in party.hits() {
            match status(record, party, hit) {
                HitStatus::Confirmed(_) => d.confirmed += 1,
                HitStatus::Dismissed(_) => d.dismissed += 1,
                _ => d.open += 1,
            }
        }
    }
    if named == 0 {
        return None;
    }
    d.answer = if d.confirmed > 0 {
        Some(CONFIRMED_MATCH)
    } else if d.open > 0 {
        Some(POTENTIAL_MATCH)
    } else if d.unscreened.is_empty() {
        Some(NO_MATCH)
    } else {
        None
    };
    Some(d)
}

/// How strongly an answer to the screening question calls for action.
fn severity(answer: &str) -> u8 {
    match answer {
        CONFIRMED_MATCH => 3,
        POTENTIAL_MATCH => 2,
        NO_MATCH => 0,
        _ => 1, // "not screened" and anything a company extension adds
    }
}

/// The answers the assessment is evaluated on: the user's, with the
/// screening question answered from the hits where the user has not
/// answered it, and raised where the hits are more severe than the user's
/// answer (an open or confirmed hit cannot be answered away; a hit is
/// resolved by deciding it). A user's own more severe answer stands.
pub fn effective_answers<'a>(rules: &RuleSet, answers: &'a Answers, record: &ScreeningRecord) -> Cow<'a, Answers> {
    let (Some(spec), Some(derived)) = (rules.party_screening.as_ref(), derive(rules, answers, record)) else {
        return Cow::Borrowed(answers);
    };
    let Some(implied) = derived.answer else { return Cow::Borrowed(answers) };
    let user = answers.get(&spec.question).and_then(AnswerValue::as_one);
    let take = match user {
        None => true,
        Some(u) => implied != NO_MATCH && severity(implied) > severity(u),
    };
    if !take {
        return Cow::Borrowed(answers);
    }
    let mut out = answers.clone();
    out.insert(spec.question.clone(), AnswerValue::One(implied.to_string()));
    Cow::Owned(out)
}
