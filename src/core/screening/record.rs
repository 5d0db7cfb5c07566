//! The screening evidence kept with an assessment: the lists used (label,
//! generation date, SHA-256 of the file), what each party name hit, and what
//! the user decided about each hit ("not a match" with a reason, or a
//! confirmed match); and the request/response the questionnaire exchanges
//! with the screening engine.
//!
//! The record is kept as the JSON document it is stored as, read through
//! small views (`Party`, `Hit`, …) and checked against `RECORD` when it
//! comes from a file. This keeps it out of the index (the questionnaire's
//! wasm does not carry the engine) and costs the wasm no decoder.

use crate::core::answers::Answers;
use crate::core::error::LoadError;
use crate::core::json::{obj, strs, Json};
use crate::core::ruleset::RuleSet;
use crate::core::text::Lang;

/// The shape of a JSON document, for `check`.
pub enum Shape {
    Str,
    /// A string or null.
    OptStr,
    /// A whole number in a range.
    Int(i64, i64),
    Strs,
    List(&'static Shape),
    Obj(&'static [(&'static str, Shape)]),
}

const LIST: Shape = Shape::Obj(&[
    ("key", Shape::Str),
    ("label", Shape::Str),
    ("format", Shape::Str),
    ("generated", Shape::OptStr),
    ("sha256", Shape::Str),
    ("entries", Shape::Int(0, 100_000_000)),
]);
const HIT: Shape = Shape::Obj(&[
    ("list_key", Shape::Str),
    ("entry_id", Shape::Str),
    ("entry_fingerprint", Shape::Str),
    ("matched_name", Shape::Str),
    ("score", Shape::Int(0, 1000)),
    ("explanation", Shape::Str),
    // Absent in records written before the entries' programmes were kept.
    ("programme", Shape::OptStr),
    ("regulation", Shape::OptStr),
]);
const PARTY: Shape = Shape::Obj(&[
    ("question", Shape::Str),
    ("name", Shape::Str),
    ("countries", Shape::Strs),
    ("hits", Shape::List(&HIT)),
]);
const DECISION: Shape = Shape::Obj(&[
    ("question", Shape::Str),
    ("name", Shape::Str),
    ("list_key", Shape::Str),
    ("entry_id", Shape::Str),
    ("entry_fingerprint", Shape::Str),
    ("verdict", Shape::Str),
    ("reason", Shape::Str),
    ("decided_at", Shape::Str),
]);
/// A record: `threshold` and `score` are in thousandths (850 = 0.85), so
/// the document stays integer-only like every JSON the app writes.
pub const RECORD: Shape = Shape::Obj(&[
    ("lists", Shape::List(&LIST)),
    ("threshold", Shape::Int(0, 1000)),
    ("screened_at", Shape::Str),
    ("parties", Shape::List(&PARTY)),
    ("decisions", Shape::List(&DECISION)),
]);
pub const RESPONSE: Shape = Shape::Obj(&[
    ("ref", Shape::Str),
    ("lists", Shape::List(&LIST)),
    ("threshold", Shape::Int(0, 1000)),
    ("parties", Shape::List(&PARTY)),
]);

/// Checks `v` against `shape`; the error names the path, what is wrong and
/// what to do. Unknown members are refused, so a typo is not ignored.
pub fn check(input: &'static str, at: &str, v: &Json, shape: &Shape) -> Result<(), LoadError> {
    let bad = |what: &str| {
        Err(LoadError::new(
            input,
            at,
            what.to_string(),
            "use the file exactly as export-assessor wrote it",
        ))
    };
    match (shape, v) {
        (Shape::Str, Json::Str(_)) | (Shape::OptStr, Json::Str(_) | Json::Null) => Ok(()),
        (Shape::Int(lo, hi), Json::Int(n)) if (lo..=hi).contains(&n) => Ok(()),
        (Shape::Int(lo, hi), Json::Int(n)) => bad(&format!("{n} is not between {lo} and {hi}")),
        (Shape::Strs, Json::Arr(items)) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| check(input, &format!("{at}[{i}]"), x, &Shape::Str)),
        (Shape::List(item), Json::Arr(items)) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| check(input, &format!("{at}[{i}]"), x, item)),
        (Shape::Obj(fields), Json::Obj(members)) => {
            let path = |k: &str| {
                if at.is_empty() {
                    k.to_string()
                } else {
                    format!("{at}.{k}")
                }
            };
            if let Some((k, _)) = members
                .iter()
                .find(|(k, _)| !fields.iter().any(|(f, _)| f == k))
            {
                let known: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
                return Err(LoadError::new(
                    input,
                    path(k),
                    format!("unknown field \"{k}\""),
                    format!("remove it; the known fields are: {}", known.join(", ")),
                ));
            }
            for (name, s) in fields.iter() {
                match (v.get(name), s) {
                    (None, Shape::OptStr) => {}
                    (None, _) => {
                        return Err(LoadError::new(
                            input,
                            path(name),
                            format!("the field \"{name}\" is missing"),
                            "use the file exactly as export-assessor wrote it",
                        ))
                    }
                    (Some(x), s) => check(input, &path(name), x, s)?,
                }
            }
            Ok(())
        }
        (Shape::Str | Shape::OptStr, _) => bad("expected a string"),
        (Shape::Int(..), _) => bad("expected a whole number"),
        (Shape::Strs | Shape::List(_), _) => bad("expected a list"),
        (Shape::Obj(_), _) => bad("expected an object"),
    }
}

fn text<'a>(v: &'a Json, key: &str) -> &'a str {
    v.get(key).and_then(Json::as_str).unwrap_or("")
}

fn int(v: &Json, key: &str) -> u32 {
    match v.get(key) {
        Some(Json::Int(n)) => (*n).clamp(0, u32::MAX as i64) as u32,
        _ => 0,
    }
}

fn items<'a>(v: &'a Json, key: &str) -> &'a [Json] {
    match v.get(key) {
        Some(Json::Arr(a)) => a,
        _ => &[],
    }
}

/// A list as it was when the parties were screened.
#[derive(Clone, Copy, Debug)]
pub struct ListRef<'a>(&'a Json);

impl<'a> ListRef<'a> {
    /// Identifies the list across versions: the format for official lists
    /// ("eu-fsf", "un", "ofac"), `csv:<label>` for a company's own list.
    pub fn key(&self) -> &'a str {
        text(self.0, "key")
    }
    pub fn label(&self) -> &'a str {
        text(self.0, "label")
    }
    pub fn format(&self) -> &'a str {
        text(self.0, "format")
    }
    /// The list's own generation date, where it states one.
    pub fn generated(&self) -> Option<&'a str> {
        self.0.get("generated").and_then(Json::as_str)
    }
    /// `sha256:<hex>` of the file.
    pub fn sha256(&self) -> &'a str {
        text(self.0, "sha256")
    }
    pub fn entries(&self) -> u32 {
        int(self.0, "entries")
    }
}

/// What one party name hit.
#[derive(Clone, Copy, Debug)]
pub struct Party<'a>(&'a Json);

impl<'a> Party<'a> {
    /// The question holding the name (e.g. `end_user_name`).
    pub fn question(&self) -> &'a str {
        text(self.0, "question")
    }
    pub fn name(&self) -> &'a str {
        text(self.0, "name")
    }
    pub fn hits(&self) -> impl Iterator<Item = Hit<'a>> + 'a {
        items(self.0, "hits").iter().map(Hit)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Hit<'a>(&'a Json);

impl<'a> Hit<'a> {
    pub fn list_key(&self) -> &'a str {
        text(self.0, "list_key")
    }
    pub fn entry_id(&self) -> &'a str {
        text(self.0, "entry_id")
    }
    /// Changes whenever the list entry changes: decisions are tied to it.
    pub fn entry_fingerprint(&self) -> &'a str {
        text(self.0, "entry_fingerprint")
    }
    pub fn matched_name(&self) -> &'a str {
        text(self.0, "matched_name")
    }
    /// In thousandths.
    pub fn score(&self) -> u32 {
        int(self.0, "score")
    }
    pub fn explanation(&self) -> &'a str {
        text(self.0, "explanation")
    }
    /// The list's code for the entry's regime, where the list gives one.
    pub fn programme(&self) -> Option<&'a str> {
        self.0.get("programme").and_then(Json::as_str)
    }
    /// The act that lists the entry, where the list names it.
    pub fn regulation(&self) -> Option<&'a str> {
        self.0.get("regulation").and_then(Json::as_str)
    }
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
        [Verdict::NotAMatch, Verdict::Confirmed]
            .into_iter()
            .find(|v| v.name() == s)
    }
}

/// The user's decision about one hit for one party name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision<'a>(&'a Json);

impl<'a> Decision<'a> {
    /// A decision is about the name as screened: it says nothing about
    /// another name typed later.
    pub fn concerns(&self, party: Party, hit: Hit) -> bool {
        text(self.0, "question") == party.question()
            && text(self.0, "name") == party.name()
            && text(self.0, "list_key") == hit.list_key()
            && text(self.0, "entry_id") == hit.entry_id()
    }
    /// The entry's fingerprint when the decision was taken.
    pub fn entry_fingerprint(&self) -> &'a str {
        text(self.0, "entry_fingerprint")
    }
    /// An unknown verdict reads as "not a match", which the fingerprint
    /// check can still reopen; a damaged record never confirms a match.
    pub fn verdict(&self) -> Verdict {
        Verdict::from_name(text(self.0, "verdict")).unwrap_or(Verdict::NotAMatch)
    }
    pub fn reason(&self) -> &'a str {
        text(self.0, "reason")
    }
    pub fn decided_at(&self) -> &'a str {
        text(self.0, "decided_at")
    }
}

/// The screening of one assessment: `{"lists", "threshold", "screened_at",
/// "parties", "decisions"}` (see `RECORD`); empty until screened.
#[derive(Clone, Debug, Default)]
pub struct ScreeningRecord(Json);

/// Records are equal when their content is, whatever the member order
/// (stored records come back with sorted keys).
impl PartialEq for ScreeningRecord {
    fn eq(&self, other: &Self) -> bool {
        self.is_empty() && other.is_empty()
            || self.to_json().canonical(None) == other.to_json().canonical(None)
    }
}
impl Eq for ScreeningRecord {}

impl ScreeningRecord {
    /// Reads a record. Outside the browser it is checked field by field
    /// (files can be edited); the app reads back only what it wrote.
    pub fn from_json(
        input: &'static str,
        at: &str,
        v: &Json,
    ) -> Result<ScreeningRecord, LoadError> {
        #[cfg(not(target_arch = "wasm32"))]
        check(input, at, v, &RECORD)?;
        let _ = (input, at);
        Ok(ScreeningRecord(v.clone()))
    }

    pub fn to_json(&self) -> Json {
        match &self.0 {
            Json::Null => obj(vec![
                ("lists", Json::Arr(vec![])),
                ("threshold", Json::Int(0)),
                ("screened_at", Json::str("")),
                ("parties", Json::Arr(vec![])),
                ("decisions", Json::Arr(vec![])),
            ]),
            v => v.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        items(&self.0, "lists").is_empty()
            && items(&self.0, "parties").is_empty()
            && items(&self.0, "decisions").is_empty()
    }

    pub fn lists(&self) -> impl Iterator<Item = ListRef<'_>> {
        items(&self.0, "lists").iter().map(ListRef)
    }
    pub fn list(&self, key: &str) -> Option<ListRef<'_>> {
        self.lists().find(|l| l.key() == key)
    }
    pub fn has_lists(&self) -> bool {
        !items(&self.0, "lists").is_empty()
    }
    /// The threshold used, in thousandths.
    pub fn threshold(&self) -> u32 {
        int(&self.0, "threshold")
    }
    /// When the results were received (caller-supplied).
    pub fn screened_at(&self) -> &str {
        text(&self.0, "screened_at")
    }
    pub fn parties(&self) -> impl Iterator<Item = Party<'_>> {
        items(&self.0, "parties").iter().map(Party)
    }
    pub fn decisions(&self) -> impl Iterator<Item = Decision<'_>> {
        items(&self.0, "decisions").iter().map(Decision)
    }

    /// The current result for a party question, if its name is the one
    /// screened (a result for an older spelling is stale).
    pub fn result_for(&self, question: &str, name: &str) -> Option<Party<'_>> {
        let name = name.trim();
        self.parties()
            .find(|p| p.question() == question && p.name() == name)
    }

    /// The member `key` of the document, created (as null) when missing.
    fn member(&mut self, key: &str) -> &mut Json {
        if !matches!(self.0, Json::Obj(_)) {
            self.0 = self.to_json();
        }
        let Json::Obj(members) = &mut self.0 else {
            unreachable!("made an object above")
        };
        let i = match members.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                members.push((key.to_string(), Json::Null));
                members.len() - 1
            }
        };
        &mut members[i].1
    }

    /// The decisions, to change in place.
    fn decisions_mut(&mut self) -> &mut Vec<Json> {
        let d = self.member("decisions");
        if !matches!(d, Json::Arr(_)) {
            *d = Json::Arr(vec![]);
        }
        match d {
            Json::Arr(list) => list,
            _ => unreachable!("made a list above"),
        }
    }

    /// Takes the engine's answer. Decisions are kept: they apply again when
    /// the same hit comes back. An answer from an engine without lists
    /// changes nothing: opening an assessment in a browser that has no
    /// lists must not erase the screening it holds.
    pub fn apply(&mut self, response: &Response, now: &str) {
        let r = &response.0;
        if items(r, "lists").is_empty() {
            return;
        }
        for key in ["lists", "threshold", "parties"] {
            *self.member(key) = r.get(key).cloned().unwrap_or(Json::Null);
        }
        *self.member("screened_at") = Json::str(now);
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
        let decision = obj(vec![
            ("question", Json::str(&party.question)),
            ("name", Json::str(&party.name)),
            ("list_key", Json::str(&hit.list_key)),
            ("entry_id", Json::str(&hit.entry_id)),
            ("entry_fingerprint", Json::str(&hit.entry_fingerprint)),
            ("verdict", Json::str(verdict.name())),
            ("reason", Json::str(reason)),
            ("decided_at", Json::str(now)),
        ]);
        let list = self.decisions_mut();
        list.retain(|d| !same_hit(d, party, hit));
        list.push(decision);
        true
    }

    /// Withdraws the decision about the hit of `party` on `hit`.
    pub fn undecide(&mut self, party: &PartyKey, hit: &HitKey) -> bool {
        let list = self.decisions_mut();
        let before = list.len();
        list.retain(|d| !same_hit(d, party, hit));
        list.len() != before
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

impl Party<'_> {
    pub fn key(&self) -> PartyKey {
        PartyKey {
            question: self.question().to_string(),
            name: self.name().to_string(),
        }
    }
}

impl Hit<'_> {
    pub fn key(&self) -> HitKey {
        HitKey {
            list_key: self.list_key().to_string(),
            entry_id: self.entry_id().to_string(),
            entry_fingerprint: self.entry_fingerprint().to_string(),
        }
    }
}

/// Whether a stored decision is about this hit of this party.
fn same_hit(d: &Json, party: &PartyKey, hit: &HitKey) -> bool {
    text(d, "question") == party.question
        && text(d, "name") == party.name
        && text(d, "list_key") == hit.list_key
        && text(d, "entry_id") == hit.entry_id
}

/// What the engine answers to a screening request (see `RESPONSE`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response(Json);

impl Response {
    pub fn parse(text: &str) -> Result<Response, LoadError> {
        let v = crate::core::json::parse("screening response", text.as_bytes(), 64 << 20)?;
        #[cfg(not(target_arch = "wasm32"))]
        check("screening response", "", &v, &RESPONSE)?;
        Ok(Response(v))
    }
    /// The request's `ref`, echoed: which assessment the result belongs to.
    pub fn reference(&self) -> &str {
        text(&self.0, "ref")
    }
    pub fn to_json(&self) -> &Json {
        &self.0
    }
}

/// A list stamp, hit and party result as the engine builds them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListStamp {
    pub key: String,
    pub label: String,
    pub format: String,
    pub generated: Option<String>,
    pub sha256: String,
    pub entries: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedHit {
    pub list_key: String,
    pub entry_id: String,
    pub entry_fingerprint: String,
    pub matched_name: String,
    pub score: u32,
    pub explanation: String,
    pub programme: Option<String>,
    pub regulation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyResult {
    pub question: String,
    pub name: String,
    pub countries: Vec<String>,
    pub hits: Vec<RecordedHit>,
}

impl Response {
    pub fn new(
        reference: &str,
        lists: &[ListStamp],
        threshold: u32,
        parties: &[PartyResult],
    ) -> Response {
        let list = |l: &ListStamp| {
            obj(vec![
                ("key", Json::str(&l.key)),
                ("label", Json::str(&l.label)),
                ("format", Json::str(&l.format)),
                (
                    "generated",
                    l.generated.as_ref().map_or(Json::Null, Json::str),
                ),
                ("sha256", Json::str(&l.sha256)),
                ("entries", Json::Int(l.entries as i64)),
            ])
        };
        let hit = |h: &RecordedHit| {
            let mut members = vec![
                ("list_key", Json::str(&h.list_key)),
                ("entry_id", Json::str(&h.entry_id)),
                ("entry_fingerprint", Json::str(&h.entry_fingerprint)),
                ("matched_name", Json::str(&h.matched_name)),
                ("score", Json::Int(h.score as i64)),
                ("explanation", Json::str(&h.explanation)),
            ];
            if let Some(p) = &h.programme {
                members.push(("programme", Json::str(p)));
            }
            if let Some(r) = &h.regulation {
                members.push(("regulation", Json::str(r)));
            }
            obj(members)
        };
        let party = |p: &PartyResult| {
            obj(vec![
                ("question", Json::str(&p.question)),
                ("name", Json::str(&p.name)),
                ("countries", strs(&p.countries)),
                ("hits", Json::Arr(p.hits.iter().map(hit).collect())),
            ])
        };
        Response(obj(vec![
            ("ref", Json::str(reference)),
            ("lists", Json::Arr(lists.iter().map(list).collect())),
            ("threshold", Json::Int(threshold as i64)),
            ("parties", Json::Arr(parties.iter().map(party).collect())),
        ]))
    }
}

/// A score in thousandths as text with two decimals ("0.93"), without
/// floating-point formatting (which would cost the wasm about 20 KB).
pub fn score_text(thousandths: u32) -> String {
    let hundredths = (thousandths.min(1000) + 5) / 10;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The screening request for an assessment (`reference` names it; the
/// response echoes it): each named party, and the destination's country
/// code (the engine adds the country's names). None when the rule set
/// screens no parties or no party is named yet.
pub fn request(rules: &RuleSet, answers: &Answers, lang: Lang, reference: &str) -> Option<Json> {
    let spec = rules.party_screening.as_ref()?;
    let country = answers
        .get(&rules.destination_question)
        .and_then(|v| v.as_one())
        .unwrap_or("");
    let parties: Vec<Json> = spec
        .parties
        .iter()
        .filter_map(|q| {
            let name = answers
                .get(q)
                .and_then(|v| v.as_one())
                .map(str::trim)
                .filter(|n| !n.is_empty())?;
            Some(obj(vec![
                ("question", Json::str(q)),
                ("name", Json::str(name)),
                ("country", Json::str(country)),
            ]))
        })
        .collect();
    if parties.is_empty() {
        return None;
    }
    Some(obj(vec![
        ("ref", Json::str(reference)),
        ("lang", Json::str(lang.code())),
        ("parties", Json::Arr(parties)),
    ]))
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
