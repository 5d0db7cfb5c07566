//! The screening evidence kept with an assessment: the lists used (label,
//! generation date, SHA-256 of the file), what each party name hit, and what
//! the user decided about each hit ("not a match" with a reason, or a
//! confirmed match); and the request/response the questionnaire exchanges
//! with the screening engine. Typed, read and written with serde: an
//! unknown field or value is an error with its path, never a default.

use serde::{Deserialize, Serialize};

use crate::core::answers::Answers;
use crate::core::error::{parse_json, LoadError};
use crate::core::ruleset::RuleSet;
use crate::core::text::Lang;

const FIX: &str = "use the file exactly as export-assessor wrote it";

/// A share in thousandths (850 = 0.85): scores and thresholds stay whole
/// numbers in every file. Values above 1000 are refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Thousandths(u32);

impl Thousandths {
    pub fn new(n: u32) -> Thousandths {
        Thousandths(n.min(1000))
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Thousandths {
    type Error = String;
    fn try_from(n: u32) -> Result<Self, String> {
        if n <= 1000 {
            Ok(Thousandths(n))
        } else {
            Err(format!("{n} is not between 0 and 1000 (thousandths)"))
        }
    }
}

impl From<Thousandths> for u32 {
    fn from(t: Thousandths) -> u32 {
        t.0
    }
}

/// A list as it was when the parties were screened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListStamp {
    /// Identifies the list across versions: the format for official lists
    /// ("eu-fsf", "un", "ofac"), `csv:<label>` for a company's own list.
    pub key: String,
    pub label: String,
    pub format: String,
    /// The list's own generation date, where it states one.
    pub generated: Option<String>,
    /// `sha256:<hex>` of the file.
    pub sha256: String,
    pub entries: u32,
    /// The list is older than the company's limit, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// One hit of a party name on a list entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    pub list_key: String,
    pub entry_id: String,
    /// Changes whenever the list entry changes: decisions are tied to it.
    pub entry_fingerprint: String,
    pub matched_name: String,
    pub score: Thousandths,
    pub explanation: String,
    /// The list's code for the entry's regime, where the list gives one
    /// (absent in records written before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// The act that lists the entry, where the list names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulation: Option<String>,
    /// The company register's "not a match" decision that suppresses this
    /// hit, in words (who decided, when, until when, why). A register
    /// decision that no longer holds (expired, or the entry changed) is
    /// not here: the explanation starts with "Review again" and says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_note: Option<String>,
}

/// How a company-register entry bears on a hit (see `register.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisterState {
    /// Decided "not a match" in the register: the hit is suppressed.
    Suppressed,
    /// The register's decision has expired: review again.
    Expired,
    /// The list entry changed since the register's decision: review again.
    FingerprintChanged,
}

/// What one party name hit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The question holding the name (e.g. `end_user_name`).
    pub question: String,
    pub name: String,
    pub countries: Vec<String>,
    pub hits: Vec<Hit>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    #[serde(rename = "not_a_match")]
    NotAMatch,
    #[serde(rename = "confirmed_match")]
    Confirmed,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::NotAMatch => "not_a_match",
            Verdict::Confirmed => "confirmed_match",
        }
    }
    pub fn from_name(s: &str) -> Option<Verdict> {
        [Verdict::NotAMatch, Verdict::Confirmed]
            .into_iter()
            .find(|v| v.name() == s)
    }
}

/// The user's decision about one hit for one party name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub question: String,
    pub name: String,
    pub list_key: String,
    pub entry_id: String,
    /// The entry's fingerprint when the decision was taken.
    pub entry_fingerprint: String,
    pub verdict: Verdict,
    pub reason: String,
    pub decided_at: String,
}

impl Decision {
    /// A decision is about the name as screened: it says nothing about
    /// another name typed later.
    pub fn concerns(&self, party: &Party, hit: &Hit) -> bool {
        self.question == party.question
            && self.name == party.name
            && self.list_key == hit.list_key
            && self.entry_id == hit.entry_id
    }
}

/// The screening of one assessment; empty until screened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningRecord {
    pub lists: Vec<ListStamp>,
    /// The threshold used.
    pub threshold: Thousandths,
    /// When the results were received (caller-supplied).
    pub screened_at: String,
    pub parties: Vec<Party>,
    pub decisions: Vec<Decision>,
    /// `sha256:<hex>` of the company register (its canonical file)
    /// applied to the hits, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_sha256: Option<String>,
}

impl ScreeningRecord {
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty() && self.parties.is_empty() && self.decisions.is_empty()
    }

    pub fn list(&self, key: &str) -> Option<&ListStamp> {
        self.lists.iter().find(|l| l.key == key)
    }

    pub fn has_lists(&self) -> bool {
        !self.lists.is_empty()
    }

    /// The current result for a party question, if its name is the one
    /// screened (a result for an older spelling is stale).
    pub fn result_for(&self, question: &str, name: &str) -> Option<&Party> {
        let name = name.trim();
        self.parties
            .iter()
            .find(|p| p.question == question && p.name == name)
    }

    /// Takes the engine's answer. Decisions are kept: they apply again when
    /// the same hit comes back. An answer from an engine without lists
    /// changes nothing: opening an assessment in a browser that has no
    /// lists must not erase the screening it holds.
    pub fn apply(&mut self, response: &Response, now: &str) {
        if response.lists.is_empty() {
            return;
        }
        self.lists = response.lists.clone();
        self.threshold = response.threshold;
        self.parties = response.parties.clone();
        self.register_sha256 = response.register_sha256.clone();

        self.screened_at = now.to_string();
    }

    /// Records a decision about the hit of `party` on `hit`, replacing an
    /// earlier one about the same hit. A "not a match" needs a reason; false
    /// when it has none.
    pub fn decide(
        &mut self,
        party: &PartyKey,
        hit: &HitKey,
        verdict: Verdict,
        reason: &str,
        now: &str,
    ) -> bool {
        let reason = reason.trim();
        if verdict == Verdict::NotAMatch && reason.is_empty() {
            return false;
        }
        self.decisions.retain(|d| !same_hit(d, party, hit));
        self.decisions.push(Decision {
            question: party.question.clone(),
            name: party.name.clone(),
            list_key: hit.list_key.clone(),
            entry_id: hit.entry_id.clone(),
            entry_fingerprint: hit.entry_fingerprint.clone(),
            verdict,
            reason: reason.to_string(),
            decided_at: now.to_string(),
        });
        true
    }

    /// Withdraws the decision about the hit of `party` on `hit`.
    pub fn undecide(&mut self, party: &PartyKey, hit: &HitKey) -> bool {
        let before = self.decisions.len();
        self.decisions.retain(|d| !same_hit(d, party, hit));
        self.decisions.len() != before
    }
}

/// Which party a decision is about: the question and the name as screened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyKey {
    pub question: String,
    pub name: String,
}

/// Which hit a decision is about, and the entry as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitKey {
    pub list_key: String,
    pub entry_id: String,
    pub entry_fingerprint: String,
}

impl Party {
    pub fn key(&self) -> PartyKey {
        PartyKey {
            question: self.question.clone(),
            name: self.name.clone(),
        }
    }
}

impl Hit {
    pub fn key(&self) -> HitKey {
        HitKey {
            list_key: self.list_key.clone(),
            entry_id: self.entry_id.clone(),
            entry_fingerprint: self.entry_fingerprint.clone(),
        }
    }
}

fn same_hit(d: &Decision, party: &PartyKey, hit: &HitKey) -> bool {
    d.question == party.question
        && d.name == party.name
        && d.list_key == hit.list_key
        && d.entry_id == hit.entry_id
}

/// A screening request: each named party, with the destination's country
/// code (the engine adds the country's names).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Which assessment the request is for; the response echoes it.
    #[serde(rename = "ref", default)]
    pub reference: String,
    pub lang: Lang,
    pub parties: Vec<RequestParty>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestParty {
    pub question: String,
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
}

impl Request {
    pub fn parse(text: &str) -> Result<Request, LoadError> {
        parse_json("screening request", text.as_bytes(), 1 << 20, FIX)
    }
}

/// What the engine answers to a screening request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    #[serde(rename = "ref")]
    pub reference: String,
    pub lists: Vec<ListStamp>,
    pub threshold: Thousandths,
    pub parties: Vec<Party>,
    /// `sha256:<hex>` of the company register (its canonical file)
    /// applied to the hits, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_sha256: Option<String>,
}

impl Response {
    pub fn parse(text: &str) -> Result<Response, LoadError> {
        parse_json("screening response", text.as_bytes(), 64 << 20, FIX)
    }
    /// The request's `ref`, echoed: which assessment the result belongs to.
    pub fn reference(&self) -> &str {
        &self.reference
    }
}

/// A score in thousandths as text with two decimals ("0.93").
pub fn score_text(t: Thousandths) -> String {
    let hundredths = t.get().saturating_add(5) / 10;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The screening request for an assessment (`reference` names it). None
/// when the rule set screens no parties or no party is named yet.
pub fn request(rules: &RuleSet, answers: &Answers, lang: Lang, reference: &str) -> Option<Request> {
    let spec = rules.party_screening.as_ref()?;
    let country = answers
        .get(&rules.destination_question)
        .and_then(|v| v.as_one())
        .filter(|c| !c.is_empty());
    let parties: Vec<RequestParty> = spec
        .named(answers)
        .map(|(q, name)| RequestParty {
            question: q.clone(),
            name: name.to_string(),
            country: country.map(str::to_string),
        })
        .collect();
    if parties.is_empty() {
        return None;
    }
    Some(Request {
        reference: reference.to_string(),
        lang,
        parties,
    })
}

/// The screening record in an answers file (`{"answers": …, "screening":
/// …}`, as the app downloads it); empty when the file has none.
pub fn from_answers_file(bytes: &[u8]) -> Result<ScreeningRecord, LoadError> {
    #[derive(Deserialize)]
    struct File {
        #[serde(default)]
        screening: Option<ScreeningRecord>,
    }
    let file: File = parse_json("answers", bytes, 64 << 20, FIX)?;
    Ok(file.screening.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ScreeningRecord {
        let hit = Hit {
            list_key: "ofac".into(),
            entry_id: "1".into(),
            entry_fingerprint: "sha256:a".into(),
            matched_name: "X".into(),
            score: Thousandths::new(930),
            explanation: "e".into(),
            programme: None,
            regulation: None,
            register_note: None,
        };
        let party = Party {
            question: "end_user_name".into(),
            name: "X".into(),
            countries: vec![],
            hits: vec![hit],
        };
        let mut r = ScreeningRecord {
            parties: vec![party.clone()],
            ..Default::default()
        };
        assert!(r.decide(
            &party.key(),
            &party.hits[0].key(),
            Verdict::Confirmed,
            "",
            "t1"
        ));
        r
    }

    #[test]
    fn a_record_round_trips_and_refuses_unknown_or_out_of_range_values() {
        let r = record();
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<ScreeningRecord>(&text).unwrap(), r);
        assert!(
            !text.contains("programme"),
            "absent programmes are not written"
        );
        // An unknown verdict is an error, never "not a match".
        let bad = text.replace("confirmed_match", "maybe");
        let e = parse_json::<ScreeningRecord>("t", bad.as_bytes(), 1 << 20, "x").unwrap_err();
        assert!(e.location.contains("decisions[0].verdict"), "{e}");
        let bad = text.replace("\"score\":930", "\"score\":5000");
        let e = parse_json::<ScreeningRecord>("t", bad.as_bytes(), 1 << 20, "x").unwrap_err();
        assert!(
            e.location.contains("parties[0].hits[0].score") && e.problem.contains("5000"),
            "{e}"
        );
        let bad = text.replace("\"reason\"", "\"reasons\"");
        assert!(parse_json::<ScreeningRecord>("t", bad.as_bytes(), 1 << 20, "x").is_err());
    }

    #[test]
    fn decisions_need_a_reason_to_dismiss_and_replace_each_other() {
        let mut r = record();
        let (p, h) = (r.parties[0].key(), r.parties[0].hits[0].key());
        assert!(!r.decide(&p, &h, Verdict::NotAMatch, "  ", "t2"));
        assert!(r.decide(&p, &h, Verdict::NotAMatch, "other person", "t2"));
        assert_eq!(r.decisions.len(), 1);
        assert_eq!(r.decisions[0].verdict, Verdict::NotAMatch);
        assert!(r.undecide(&p, &h) && !r.undecide(&p, &h));
    }

    #[test]
    fn score_text_has_two_decimals() {
        assert_eq!(score_text(Thousandths::new(925)), "0.93");
        assert_eq!(score_text(Thousandths::new(1000)), "1.00");
        assert_eq!(score_text(Thousandths::new(4)), "0.00");
    }
}
