//! The screening evidence kept with an assessment: the lists used (label,
//! generation date, SHA-256 of the file), what each party name hit, and what
//! the user decided about each hit ("not a match" with a reason, or a
//! confirmed match). Plain data with a JSON form, and the request/response
//! the questionnaire exchanges with the screening engine. It knows nothing
//! of the index, so the questionnaire's wasm does not carry the engine.

use crate::core::answers::Answers;
use crate::core::destinations::Destinations;
use crate::core::error::LoadError;
use crate::core::json::{obj, strs, Fields, Json};
use crate::core::ruleset::RuleSet;
use crate::core::text::Lang;

const INPUT: &str = "screening record";

/// A list as it was when a party was screened.
#[derive(Clone, Debug, PartialEq, Eq)]
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
}

/// One hit as recorded. `score` is in thousandths (850 = 0.85): the record
/// stays integer-only, like every JSON the app writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedHit {
    pub list_key: String,
    pub entry_id: String,
    /// Changes whenever the list entry changes: decisions are tied to it.
    pub entry_fingerprint: String,
    pub matched_name: String,
    pub score: u32,
    pub explanation: String,
}

/// What one party name hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyResult {
    /// The question holding the name (e.g. `end_user_name`).
    pub question: String,
    pub name: String,
    pub countries: Vec<String>,
    pub hits: Vec<RecordedHit>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    NotAMatch,
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
        [Verdict::NotAMatch, Verdict::Confirmed].into_iter().find(|v| v.name() == s)
    }
}

/// The user's decision about one hit for one party name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub question: String,
    /// The name as screened: a decision about "ACME Ltd" says nothing about
    /// another name typed later.
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
    pub fn concerns(&self, party: &PartyResult, hit: &RecordedHit) -> bool {
        self.question == party.question && self.name == party.name && self.list_key == hit.list_key && self.entry_id == hit.entry_id
    }
}

/// The screening of one assessment. Empty (no lists) until screened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScreeningRecord {
    pub lists: Vec<ListStamp>,
    /// The threshold used, in thousandths.
    pub threshold: u32,
    /// When the results were received (caller-supplied).
    pub screened_at: String,
    pub parties: Vec<PartyResult>,
    pub decisions: Vec<Decision>,
}

/// What the engine answers to a screening request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    pub lists: Vec<ListStamp>,
    pub threshold: u32,
    pub parties: Vec<PartyResult>,
}

impl ScreeningRecord {
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty() && self.parties.is_empty() && self.decisions.is_empty()
    }

    /// The current result for a party question, if its name is the one
    /// screened (a result for an older spelling is stale).
    pub fn result_for(&self, question: &str, name: &str) -> Option<&PartyResult> {
        self.parties.iter().find(|p| p.question == question && p.name == name.trim())
    }

    /// Takes the engine's answer. Decisions are kept: they apply again when
    /// the same hit comes back.
    pub fn apply(&mut self, response: Response, now: &str) {
        self.lists = response.lists;
        self.threshold = response.threshold;
        self.parties = response.parties;
        self.screened_at = now.to_string();
    }

    /// Records a decision, replacing an earlier one about the same hit.
    /// A "not a match" needs a reason; false when it has none or the hit is
    /// not in the record.
    pub fn decide(&mut self, question: &str, list_key: &str, entry_id: &str, verdict: Verdict, reason: &str, now: &str) -> bool {
        let reason = reason.trim();
        if verdict == Verdict::NotAMatch && reason.is_empty() {
            return false;
        }
        let Some((party, hit)) = self.parties.iter().filter(|p| p.question == question).find_map(|p| p.hits.iter().find(|h| h.list_key == list_key && h.entry_id == entry_id).map(|h| (p, h))) else {
            return false;
        };
        let decision = Decision {
            question: party.question.clone(),
            name: party.name.clone(),
            list_key: hit.list_key.clone(),
            entry_id: hit.entry_id.clone(),
            entry_fingerprint: hit.entry_fingerprint.clone(),
            verdict,
            reason: reason.to_string(),
            decided_at: now.to_string(),
        };
        self.decisions.retain(|d| !d.concerns(party, hit));
        self.decisions.push(decision);
        true
    }

    /// Withdraws the decision about a hit of the party's current name.
    pub fn undecide(&mut self, question: &str, list_key: &str, entry_id: &str) -> bool {
        let before = self.decisions.len();
        let names: Vec<String> = self.parties.iter().filter(|p| p.question == question).map(|p| p.name.clone()).collect();
        self.decisions.retain(|d| !(d.question == question && names.contains(&d.name) && d.list_key == list_key && d.entry_id == entry_id));
        self.decisions.len() != before
    }

    pub fn list(&self, key: &str) -> Option<&ListStamp> {
        self.lists.iter().find(|l| l.key == key)
    }

    pub fn to_json(&self) -> Json {
        obj(vec![
            ("lists", Json::Arr(self.lists.iter().map(ListStamp::to_json).collect())),
            ("threshold", Json::Int(self.threshold as i64)),
            ("screened_at", Json::str(&self.screened_at)),
            ("parties", Json::Arr(self.parties.iter().map(PartyResult::to_json).collect())),
            ("decisions", Json::Arr(self.decisions.iter().map(Decision::to_json).collect())),
        ])
    }

    pub fn from_json(input: &'static str, at: &str, v: &Json) -> Result<ScreeningRecord, LoadError> {
        let f = Fields::of(input, at, v)?;
        f.only(&["lists", "threshold", "screened_at", "parties", "decisions"])?;
        Ok(ScreeningRecord {
            lists: list_of(input, &f, "lists", ListStamp::from_json)?,
            threshold: thousandths(&f, "threshold")?,
            screened_at: f.string("screened_at")?,
            parties: list_of(input, &f, "parties", PartyResult::from_json)?,
            decisions: list_of(input, &f, "decisions", Decision::from_json)?,
        })
    }
}

impl Response {
    pub fn to_json(&self) -> Json {
        obj(vec![
            ("lists", Json::Arr(self.lists.iter().map(ListStamp::to_json).collect())),
            ("threshold", Json::Int(self.threshold as i64)),
            ("parties", Json::Arr(self.parties.iter().map(PartyResult::to_json).collect())),
        ])
    }

    pub fn parse(text: &str) -> Result<Response, LoadError> {
        let v = crate::core::json::parse("screening response", text.as_bytes(), 64 << 20)?;
        let f = Fields::of("screening response", "", &v)?;
        f.only(&["lists", "threshold", "parties"])?;
        Ok(Response {
            lists: list_of("screening response", &f, "lists", ListStamp::from_json)?,
            threshold: thousandths(&f, "threshold")?,
            parties: list_of("screening response", &f, "parties", PartyResult::from_json)?,
        })
    }
}

impl ListStamp {
    fn to_json(&self) -> Json {
        obj(vec![
            ("key", Json::str(&self.key)),
            ("label", Json::str(&self.label)),
            ("format", Json::str(&self.format)),
            ("generated", self.generated.as_ref().map_or(Json::Null, Json::str)),
            ("sha256", Json::str(&self.sha256)),
            ("entries", Json::Int(self.entries as i64)),
        ])
    }
    fn from_json(input: &'static str, at: String, v: &Json) -> Result<ListStamp, LoadError> {
        let f = Fields::of(input, at, v)?;
        f.only(&["key", "label", "format", "generated", "sha256", "entries"])?;
        Ok(ListStamp {
            key: f.string("key")?,
            label: f.string("label")?,
            format: f.string("format")?,
            generated: f.opt_string("generated")?,
            sha256: f.string("sha256")?,
            entries: count(&f, "entries")?,
        })
    }
}

impl PartyResult {
    fn to_json(&self) -> Json {
        obj(vec![
            ("question", Json::str(&self.question)),
            ("name", Json::str(&self.name)),
            ("countries", strs(&self.countries)),
            ("hits", Json::Arr(self.hits.iter().map(RecordedHit::to_json).collect())),
        ])
    }
    fn from_json(input: &'static str, at: String, v: &Json) -> Result<PartyResult, LoadError> {
        let f = Fields::of(input, at, v)?;
        f.only(&["question", "name", "countries", "hits"])?;
        Ok(PartyResult { question: f.string("question")?, name: f.string("name")?, countries: f.strings("countries")?, hits: list_of(input, &f, "hits", RecordedHit::from_json)? })
    }
}

impl RecordedHit {
    fn to_json(&self) -> Json {
        obj(vec![
            ("list_key", Json::str(&self.list_key)),
            ("entry_id", Json::str(&self.entry_id)),
            ("entry_fingerprint", Json::str(&self.entry_fingerprint)),
            ("matched_name", Json::str(&self.matched_name)),
            ("score", Json::Int(self.score as i64)),
            ("explanation", Json::str(&self.explanation)),
        ])
    }
    fn from_json(input: &'static str, at: String, v: &Json) -> Result<RecordedHit, LoadError> {
        let f = Fields::of(input, at, v)?;
        f.only(&["list_key", "entry_id", "entry_fingerprint", "matched_name", "score", "explanation"])?;
        Ok(RecordedHit {
            list_key: f.string("list_key")?,
            entry_id: f.string("entry_id")?,
            entry_fingerprint: f.string("entry_fingerprint")?,
            matched_name: f.string("matched_name")?,
            score: thousandths(&f, "score")?,
            explanation: f.string("explanation")?,
        })
    }
}

impl Decision {
    fn to_json(&self) -> Json {
        obj(vec![
            ("question", Json::str(&self.question)),
            ("name", Json::str(&self.name)),
            ("list_key", Json::str(&self.list_key)),
            ("entry_id", Json::str(&self.entry_id)),
            ("entry_fingerprint", Json::str(&self.entry_fingerprint)),
            ("verdict", Json::str(self.verdict.name())),
            ("reason", Json::str(&self.reason)),
            ("decided_at", Json::str(&self.decided_at)),
        ])
    }
    fn from_json(input: &'static str, at: String, v: &Json) -> Result<Decision, LoadError> {
        let f = Fields::of(input, at, v)?;
        f.only(&["question", "name", "list_key", "entry_id", "entry_fingerprint", "verdict", "reason", "decided_at"])?;
        Ok(Decision {
            question: f.string("question")?,
            name: f.string("name")?,
            list_key: f.string("list_key")?,
            entry_id: f.string("entry_id")?,
            entry_fingerprint: f.string("entry_fingerprint")?,
            verdict: f.name("verdict", Verdict::from_name, "not_a_match, confirmed_match")?,
            reason: f.string("reason")?,
            decided_at: f.string("decided_at")?,
        })
    }
}

fn list_of<T>(input: &'static str, f: &Fields, key: &str, item: fn(&'static str, String, &Json) -> Result<T, LoadError>) -> Result<Vec<T>, LoadError> {
    f.list(key)?.iter().enumerate().map(|(i, v)| item(input, format!("{}[{i}]", f.path(key)), v)).collect()
}

fn thousandths(f: &Fields, key: &str) -> Result<u32, LoadError> {
    match f.int(key)? {
        n @ 0..=1000 => Ok(n as u32),
        n => Err(LoadError::new(INPUT, f.path(key), format!("{n} is not between 0 and 1000 (thousandths)"), "use the file exactly as export-assessor wrote it")),
    }
}

fn count(f: &Fields, key: &str) -> Result<u32, LoadError> {
    match f.int(key)? {
        n @ 0..=100_000_000 => Ok(n as u32),
        n => Err(LoadError::new(INPUT, f.path(key), format!("{n} is not a count"), "use the file exactly as export-assessor wrote it")),
    }
}

/// A score in thousandths as text with two decimals ("0.93"), without
/// floating-point formatting (which would cost the wasm about 20 KB).
pub fn score_text(thousandths: u32) -> String {
    let hundredths = (thousandths.min(1000) + 5) / 10;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The screening request for an assessment: each named party with the
/// destination (code and names, so lists that write country names match).
/// None when the rule set screens no parties or no party is named yet.
pub fn request(rules: &RuleSet, destinations: &Destinations, answers: &Answers, lang: Lang) -> Option<Json> {
    let spec = rules.party_screening.as_ref()?;
    let countries: Vec<String> = match answers.get(&rules.destination_question).and_then(|v| v.as_one()) {
        Some(code) => {
            let mut c = vec![code.to_string()];
            if let Some(country) = destinations.country(code) {
                c.push(country.name.en.clone());
                c.push(country.name.de.clone());
            }
            c
        }
        None => vec![],
    };
    let parties: Vec<Json> = spec
        .parties
        .iter()
        .filter_map(|q| {
            let name = answers.get(q).and_then(|v| v.as_one()).map(str::trim).filter(|n| !n.is_empty())?;
            Some(obj(vec![("question", Json::str(q)), ("name", Json::str(name)), ("countries", strs(&countries))]))
        })
        .collect();
    if parties.is_empty() {
        return None;
    }
    Some(obj(vec![("lang", Json::str(lang.code())), ("parties", Json::Arr(parties))]))
}

/// The screening record in an answers file (`{"answers": …, "screening":
/// …}`, as the app downloads it); empty when the file has none.
pub fn from_answers_file(bytes: &[u8]) -> Result<ScreeningRecord, LoadError> {
    let v = crate::core::json::parse("answers", bytes, 64 << 20)?;
    match v.get("screening") {
        None | Some(Json::Null) => Ok(ScreeningRecord::default()),
        Some(s) => ScreeningRecord::from_json("answers", "screening", s),
    }
}
