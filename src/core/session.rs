//! The user's assessments as the app keeps them: an archive of drafts
//! (answers, where the user was, caller-supplied timestamps and ids), with
//! pure operations for the UI's reducer and a JSON exchange format whose
//! import is validated and never overwrites silently.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::answers::{check_answers, AnswerValue, Answers};
use super::destinations::Destinations;
use super::error::{parse_json, LoadError};
use super::evaluate::Assessment;
use super::notification::NotificationInput;
use super::outcome::Outcome;
use super::ruleset::RuleSet;
use super::screening::decisions::effective_answers;
use super::screening::record::{HitKey, PartyKey, Response, ScreeningRecord, Verdict};
use super::text::Lang;

const INPUT: &str = "archive";
const MAX_BYTES: usize = 16 * 1024 * 1024;
pub const ARCHIVE_FORMAT: &str = "export-assessor-archive";
pub const ARCHIVE_VERSION: u32 = 1;

/// One assessment in progress or done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    /// The section the user was on, so a reload resumes there.
    pub section: String,
    #[serde(deserialize_with = "crate::core::serde_util::unique_map")]
    pub answers: Answers,
    /// Sanctions screening of the parties: lists, hits, decisions.
    #[serde(default, skip_serializing_if = "ScreeningRecord::is_empty")]
    pub screening: ScreeningRecord,
    /// The rule set and destination data the draft was last changed under
    /// (absent in drafts saved before they were recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_under: Option<MadeUnder>,
    /// The title or reference the user gave it (empty: item and destination).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Who prepared and who approved the record (printed on the report).
    #[serde(default, skip_serializing_if = "Signatures::is_empty")]
    pub signatures: Signatures,
    /// What the assessment decided when last changed, under `made_under`:
    /// kept so that a later rule set can say what it decides differently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<Decided>,
    /// The id of the assessment this one re-assesses under newer rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// What the user typed into the draft notification.
    #[serde(default, skip_serializing_if = "NotificationInput::is_empty")]
    pub notification: NotificationInput,
}

/// The names on the printed record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatures {
    #[serde(default)]
    pub prepared_by: String,
    #[serde(default)]
    pub approved_by: String,
}

impl Signatures {
    pub fn is_empty(&self) -> bool {
        self.prepared_by.is_empty() && self.approved_by.is_empty()
    }
}

/// The outcome and finding ids an evaluation gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decided {
    pub outcome: Outcome,
    pub findings: Vec<String>,
}

impl Decided {
    pub fn of(assessment: &Assessment) -> Decided {
        Decided {
            outcome: assessment.outcome,
            findings: assessment.findings.iter().map(|f| f.id.clone()).collect(),
        }
    }
}

/// How the current rules decide an assessment made under older ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Currency {
    pub made_under: MadeUnder,
    /// What it decided then (None: not recorded by the version that saved it).
    pub then: Option<Decided>,
    pub now: Decided,
}

impl Currency {
    /// Findings now raised that were not, and findings no longer raised.
    pub fn finding_changes(&self) -> (Vec<String>, Vec<String>) {
        let then: &[String] = self.then.as_ref().map_or(&[], |d| &d.findings);
        let added = self
            .now
            .findings
            .iter()
            .filter(|f| !then.contains(f))
            .cloned()
            .collect();
        let gone = then
            .iter()
            .filter(|f| !self.now.findings.contains(f))
            .cloned()
            .collect();
        (added, gone)
    }

    pub fn outcome_changed(&self) -> bool {
        self.then
            .as_ref()
            .is_some_and(|d| d.outcome != self.now.outcome)
    }
}

/// The versions an assessment was made under, so a later reader knows which
/// law it reflects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MadeUnder {
    pub rule_set: String,
    pub rule_set_version: String,
    pub destination_data_as_of: String,
}

impl MadeUnder {
    pub fn of(rules: &RuleSet, destinations: &Destinations) -> MadeUnder {
        MadeUnder {
            rule_set: rules.id.clone(),
            rule_set_version: rules.version.clone(),
            destination_data_as_of: destinations.as_of.clone(),
        }
    }
}

impl Draft {
    pub fn new(id: &str, now: &str, first_section: &str) -> Draft {
        Draft {
            id: id.into(),
            created_at: now.into(),
            updated_at: now.into(),
            section: first_section.into(),
            answers: Answers::new(),
            screening: ScreeningRecord::default(),
            made_under: None,
            title: String::new(),
            signatures: Signatures::default(),
            decided: None,
            previous: None,
            notification: NotificationInput::default(),
        }
    }

    /// Reads one draft as `to_json` wrote it; damage is an error naming the place.
    pub fn parse(text: &str) -> Result<Draft, LoadError> {
        parse_json(
            "saved assessment",
            text.as_bytes(),
            MAX_BYTES,
            "the saved assessment is damaged; import an exported copy",
        )
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The assessment's name wherever it is listed: the user's title, or
    /// the item and the destination (empty when neither is known).
    pub fn display_title(
        &self,
        rules: &RuleSet,
        destinations: &Destinations,
        lang: Lang,
    ) -> String {
        if !self.title.trim().is_empty() {
            return self.title.trim().to_string();
        }
        let dest = self.destination(rules);
        let dest = destinations.country(dest).map_or(dest, |c| c.name(lang));
        match (self.item_name().trim(), dest.trim()) {
            ("", "") => String::new(),
            (item, "") => item.to_string(),
            ("", dest) => dest.to_string(),
            (item, dest) => format!("{item} – {dest}"),
        }
    }

    /// Made under another rule set or destination data than `current`:
    /// what it decided then and what `assessment` (under `current`) decides.
    pub fn currency(&self, current: &MadeUnder, assessment: &Assessment) -> Option<Currency> {
        let made = self.made_under.as_ref().filter(|m| *m != current)?;
        Some(Currency {
            made_under: made.clone(),
            then: self.decided.clone(),
            now: Decided::of(assessment),
        })
    }

    /// Whether answers may change: not when it was made under other rules
    /// (it is re-assessed as a new version instead, so the record stays).
    pub fn editable(&self, current: &MadeUnder) -> bool {
        self.made_under.as_ref().is_none_or(|m| m == current)
    }

    /// The answers the assessment is evaluated on: the user's, with the
    /// screening question answered or raised by the screening hits.
    pub fn effective_answers(
        &self,
        rules: &RuleSet,
        destinations: &Destinations,
    ) -> Cow<'_, Answers> {
        effective_answers(rules, destinations, &self.answers, &self.screening)
    }

    /// The answers file the app downloads: the answers to the questions
    /// `visible` (by rule-set index, as `Assessment::visible`), the
    /// screening record when there is one, and the versions they were
    /// given under, as `export-assessor report` and `load_answers` read it.
    pub fn answers_file(&self, rules: &RuleSet, visible: &[bool], under: &MadeUnder) -> String {
        #[derive(Serialize)]
        struct File<'a> {
            answers: Answers,
            #[serde(skip_serializing_if = "Option::is_none")]
            screening: Option<&'a ScreeningRecord>,
            made_under: &'a MadeUnder,
        }
        let answers = rules
            .questions
            .iter()
            .zip(visible)
            .filter(|(_, shown)| **shown)
            .filter_map(|(q, _)| self.answers.get(&q.id).map(|v| (q.id.clone(), v.clone())))
            .collect();
        let file = File {
            answers,
            screening: (!self.screening.is_empty()).then_some(&self.screening),
            made_under: under,
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    fn text(&self, q: &str) -> &str {
        self.answers
            .get(q)
            .and_then(AnswerValue::as_one)
            .unwrap_or("")
    }

    pub fn item_name(&self) -> &str {
        self.text("item_name")
    }
    pub fn end_user_name(&self) -> &str {
        self.text("end_user_name")
    }
    pub fn destination(&self, rules: &RuleSet) -> &str {
        self.text(&rules.destination_question)
    }

    /// Case-insensitive match on item, end-user, destination (code or name) and id.
    pub fn matches(
        &self,
        query: &str,
        rules: &RuleSet,
        destinations: &Destinations,
        lang: Lang,
    ) -> bool {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return true;
        }
        let dest = self.destination(rules);
        let dest_name = destinations
            .country(dest)
            .map(|c| c.name(lang))
            .unwrap_or("");
        [
            self.title.as_str(),
            self.item_name(),
            self.end_user_name(),
            dest,
            dest_name,
            self.id.as_str(),
        ]
        .iter()
        .any(|s| s.to_lowercase().contains(&q))
    }
}

/// All drafts, newest change first in listings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archive {
    pub drafts: Vec<Draft>,
}

impl Archive {
    pub fn get(&self, id: &str) -> Option<&Draft> {
        self.drafts.iter().find(|d| d.id == id)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Draft> {
        self.drafts.iter_mut().find(|d| d.id == id)
    }

    pub fn add(&mut self, draft: Draft) {
        self.drafts.retain(|d| d.id != draft.id);
        self.drafts.push(draft);
    }

    /// Sets (or with `None` clears) one answer and stamps the draft.
    pub fn set_answer(
        &mut self,
        id: &str,
        question: &str,
        value: Option<AnswerValue>,
        now: &str,
    ) -> bool {
        let Some(d) = self.get_mut(id) else {
            return false;
        };
        match value {
            Some(v) => {
                d.answers.insert(question.to_string(), v);
            }
            None => {
                d.answers.remove(question);
            }
        }
        d.updated_at = now.to_string();
        true
    }

    /// Stores a screening result in the draft its `reference` names (not a
    /// change of the work: the draft keeps its timestamp).
    pub fn set_screening(&mut self, response: Response, now: &str) -> bool {
        let Some(d) = self.get_mut(response.reference()) else {
            return false;
        };
        d.screening.apply(&response, now);
        true
    }

    /// Records the user's decision about a hit (see `ScreeningRecord::decide`);
    /// `None` withdraws it.
    pub fn decide(
        &mut self,
        id: &str,
        party: &PartyKey,
        hit: &HitKey,
        verdict: Option<Verdict>,
        reason: &str,
        now: &str,
    ) -> bool {
        let Some(d) = self.get_mut(id) else {
            return false;
        };
        let changed = match verdict {
            Some(v) => d.screening.decide(party, hit, v, reason, now),
            None => d.screening.undecide(party, hit),
        };
        if changed {
            d.updated_at = now.to_string();
        }
        changed
    }

    /// Records the versions the draft is being changed under.
    pub fn stamp(&mut self, id: &str, under: &MadeUnder) -> bool {
        let Some(d) = self.get_mut(id) else {
            return false;
        };
        d.made_under = Some(under.clone());
        true
    }

    pub fn set_section(&mut self, id: &str, section: &str) -> bool {
        let Some(d) = self.get_mut(id) else {
            return false;
        };
        d.section = section.to_string();
        true
    }

    /// Copies a draft under a new id (answers kept, timestamps new).
    pub fn duplicate(&mut self, id: &str, new_id: &str, now: &str) -> bool {
        let Some(src) = self.get(id).cloned() else {
            return false;
        };
        self.add(Draft {
            id: new_id.into(),
            created_at: now.into(),
            updated_at: now.into(),
            ..src
        });
        true
    }

    pub fn delete(&mut self, id: &str) -> bool {
        let before = self.drafts.len();
        self.drafts.retain(|d| d.id != id);
        self.drafts.len() != before
    }

    /// Drafts by last change, newest first.
    pub fn listing(&self) -> Vec<&Draft> {
        let mut list: Vec<&Draft> = self.drafts.iter().collect();
        list.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
        list
    }

    /// The exchange format for one or all drafts.
    pub fn export(&self, ids: Option<&[String]>) -> String {
        let file = ExportFile {
            format: ARCHIVE_FORMAT.to_string(),
            version: ARCHIVE_VERSION,
            assessments: self
                .drafts
                .iter()
                .filter(|d| ids.is_none_or(|ids| ids.contains(&d.id)))
                .cloned()
                .collect(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Reads an exchange file and works out what importing it would do.
    /// Nothing changes until `apply` is called with the plan.
    pub fn plan_import(
        &self,
        bytes: &[u8],
        rules: &RuleSet,
        destinations: &Destinations,
    ) -> Result<ImportPlan, LoadError> {
        #[derive(Deserialize)]
        struct Head {
            format: String,
            version: u32,
        }
        // The format and version first, so another file gets a plain answer.
        let head: Head = parse_json(
            INPUT,
            bytes,
            MAX_BYTES,
            "import a file exported by export-assessor",
        )?;
        if head.format != ARCHIVE_FORMAT {
            return Err(LoadError::new(
                INPUT,
                "format",
                format!("\"{}\" is not an export-assessor archive", head.format),
                "import a file exported by export-assessor",
            ));
        }
        if head.version != ARCHIVE_VERSION {
            return Err(LoadError::new(
                INPUT,
                "version",
                format!(
                    "archive version {} is not supported (this tool reads {ARCHIVE_VERSION})",
                    head.version
                ),
                "export the file again with this version of export-assessor",
            ));
        }
        let file: ExportFile = parse_json(
            INPUT,
            bytes,
            MAX_BYTES,
            "export the file again with this version of export-assessor",
        )?;
        let mut plan = ImportPlan::default();
        let mut seen: Vec<&str> = Vec::new();
        for (i, d) in file.assessments.iter().enumerate() {
            let at = format!("assessments[{i}] (id \"{}\")", d.id);
            if d.id.trim().is_empty() || d.id.len() > 100 {
                return Err(LoadError::new(
                    INPUT,
                    at,
                    "the id is empty or too long",
                    "export the file again",
                ));
            }
            if seen.contains(&d.id.as_str()) {
                return Err(LoadError::new(
                    INPUT,
                    at,
                    "the id appears twice in the file",
                    "export the file again",
                ));
            }
            seen.push(&d.id);
            if rules.section(&d.section).is_none() {
                return Err(LoadError::new(
                    INPUT,
                    format!("{at}.section"),
                    format!("no section \"{}\" in rule set {}", d.section, rules.id),
                    "export the file again with the same rule set",
                ));
            }
            check_answers(&d.answers, rules, destinations).map_err(|e| {
                LoadError::new(INPUT, format!("{at}.{}", e.location), e.problem, e.fix)
            })?;
            match self.get(&d.id) {
                None => plan.add.push(d.clone()),
                Some(existing) if existing == d => plan.unchanged.push(d.id.clone()),
                Some(_) => plan.conflicts.push(d.clone()),
            }
        }
        Ok(plan)
    }

    /// Applies a plan: new drafts are added; for each conflict (in the
    /// plan's order) `choices` says what to do — keep both (the imported
    /// one as a copy under `copy_id(original id)`), replace, or skip; a
    /// missing choice keeps both, so nothing is overwritten by default.
    /// Returns the ids added or replaced.
    pub fn apply(
        &mut self,
        plan: &ImportPlan,
        choices: &[ConflictChoice],
        copy_id: &mut dyn FnMut(&str) -> String,
    ) -> Vec<String> {
        let mut added = Vec::new();
        for d in &plan.add {
            added.push(d.id.clone());
            self.add(d.clone());
        }
        for (i, d) in plan.conflicts.iter().enumerate() {
            match choices.get(i).copied().unwrap_or_default() {
                ConflictChoice::Skip => {}
                ConflictChoice::Replace => {
                    added.push(d.id.clone());
                    self.add(d.clone());
                }
                ConflictChoice::KeepBoth => {
                    let mut id = copy_id(&d.id);
                    while self.get(&id).is_some() {
                        id = copy_id(&d.id);
                    }
                    added.push(id.clone());
                    self.add(Draft { id, ..d.clone() });
                }
            }
        }
        added
    }

    pub fn set_title(&mut self, id: &str, title: &str, now: &str) -> bool {
        let Some(d) = self.get_mut(id) else {
            return false;
        };
        if d.title == title {
            return false;
        }
        d.title = title.to_string();
        d.updated_at = now.to_string();
        true
    }

    pub fn set_notification(&mut self, id: &str, input: NotificationInput) -> bool {
        let Some(d) = self.get_mut(id) else {
            return false;
        };
        d.notification = input;
        true
    }

    pub fn set_signatures(&mut self, id: &str, signatures: Signatures) -> bool {
        let Some(d) = self.get_mut(id) else {
            return false;
        };
        d.signatures = signatures;
        true
    }

    /// Records what the evaluation decided (not a change of the work).
    pub fn record_decided(&mut self, id: &str, decided: Decided) -> bool {
        match self.get_mut(id) {
            Some(d) if d.decided.as_ref() != Some(&decided) => {
                d.decided = Some(decided);
                true
            }
            _ => false,
        }
    }

    /// A new version of `id` under the current rules: a copy with a new id
    /// that names the one it re-assesses; the old one stays as it was.
    pub fn reassess(&mut self, id: &str, new_id: &str, now: &str, under: &MadeUnder) -> bool {
        let Some(src) = self.get(id).cloned() else {
            return false;
        };
        self.add(Draft {
            id: new_id.into(),
            created_at: now.into(),
            updated_at: now.into(),
            made_under: Some(under.clone()),
            decided: None,
            previous: Some(src.id.clone()),
            ..src
        });
        true
    }

    /// Removes a draft and gives it back (for an undo).
    pub fn remove(&mut self, id: &str) -> Option<Draft> {
        let at = self.drafts.iter().position(|d| d.id == id)?;
        Some(self.drafts.remove(at))
    }
}

/// What to do with an imported assessment whose id exists with other content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictChoice {
    #[default]
    KeepBoth,
    Replace,
    Skip,
}

/// What the app keeps in the browser's storage: the language, the draft
/// on screen and every draft (`archive`, a list).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedWork {
    pub lang: Lang,
    pub current: Option<String>,
    #[serde(rename = "archive")]
    pub drafts: Vec<Draft>,
}

impl SavedWork {
    pub fn new(lang: Lang, current: Option<String>, archive: &Archive) -> SavedWork {
        SavedWork {
            lang,
            current,
            drafts: archive.drafts.clone(),
        }
    }

    /// Reads what `to_json` wrote; a damaged or tampered value is an error
    /// naming the place (duplicate keys included), never a default.
    pub fn parse(text: &str) -> Result<SavedWork, LoadError> {
        parse_json(
            "saved work",
            text.as_bytes(),
            MAX_BYTES,
            "the saved work in this browser is damaged; import an exported copy",
        )
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The archive and the draft on screen (when it still exists).
    pub fn into_parts(self) -> (Lang, Option<String>, Archive) {
        let archive = Archive {
            drafts: self.drafts,
        };
        let current = self.current.filter(|id| archive.get(id).is_some());
        (self.lang, current, archive)
    }
}

/// The exchange file: `{"format", "version", "assessments": [...]}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFile {
    format: String,
    version: u32,
    assessments: Vec<Draft>,
}

/// What an import would do; shown to the user before anything changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportPlan {
    /// Drafts with new ids.
    pub add: Vec<Draft>,
    /// Drafts whose id exists with other content: added as copies.
    pub conflicts: Vec<Draft>,
    /// Drafts identical to ones already here: skipped.
    pub unchanged: Vec<String>,
}

impl ImportPlan {
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.conflicts.is_empty()
    }
}
