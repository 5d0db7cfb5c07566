//! The user's assessments as the app keeps them: an archive of drafts
//! (answers, where the user was, caller-supplied timestamps and ids), with
//! pure operations for the UI's reducer and a JSON exchange format whose
//! import is validated and never overwrites silently.

use std::borrow::Cow;

use super::answers::{answers_from_json, answers_to_json, check_answers, AnswerValue, Answers};
use super::destinations::Destinations;
use super::error::LoadError;
use super::json::{self, obj, Fields, Json};
use super::ruleset::RuleSet;
use super::screening::decisions::effective_answers;
use super::screening::record::{HitKey, PartyKey, Response, ScreeningRecord, Verdict};
use super::text::Lang;

const INPUT: &str = "archive";
const MAX_BYTES: usize = 16 * 1024 * 1024;
pub const ARCHIVE_FORMAT: &str = "export-assessor-archive";
pub const ARCHIVE_VERSION: u32 = 1;

/// One assessment in progress or done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    /// The section the user was on, so a reload resumes there.
    pub section: String,
    pub answers: Answers,
    /// Sanctions screening of the parties: lists, hits, decisions.
    pub screening: ScreeningRecord,
    /// The rule set and destination data the draft was last changed under
    /// (absent in drafts saved before they were recorded).
    pub made_under: Option<MadeUnder>,
}

/// The versions an assessment was made under, so a later reader knows which
/// law it reflects.
#[derive(Clone, Debug, PartialEq, Eq)]
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

    pub fn to_json(&self) -> Json {
        obj(vec![
            ("rule_set", Json::str(&self.rule_set)),
            ("rule_set_version", Json::str(&self.rule_set_version)),
            (
                "destination_data_as_of",
                Json::str(&self.destination_data_as_of),
            ),
        ])
    }

    pub fn from_json(input: &'static str, at: String, v: &Json) -> Result<MadeUnder, LoadError> {
        let f = Fields::of(input, at, v)?;
        f.only(&["rule_set", "rule_set_version", "destination_data_as_of"])?;
        Ok(MadeUnder {
            rule_set: f.string("rule_set")?,
            rule_set_version: f.string("rule_set_version")?,
            destination_data_as_of: f.string("destination_data_as_of")?,
        })
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
        }
    }

    pub fn to_json(&self) -> Json {
        let mut members = vec![
            ("id", Json::str(&self.id)),
            ("created_at", Json::str(&self.created_at)),
            ("updated_at", Json::str(&self.updated_at)),
            ("section", Json::str(&self.section)),
            ("answers", answers_to_json(&self.answers)),
        ];
        if !self.screening.is_empty() {
            members.push(("screening", self.screening.to_json()));
        }
        if let Some(m) = &self.made_under {
            members.push(("made_under", m.to_json()));
        }
        obj(members)
    }

    pub fn from_json(input: &'static str, at: String, v: &Json) -> Result<Draft, LoadError> {
        let f = Fields::of(input, at, v)?;
        f.only(&[
            "id",
            "created_at",
            "updated_at",
            "section",
            "answers",
            "screening",
            "made_under",
        ])?;
        Ok(Draft {
            id: f.string("id")?,
            created_at: f.string("created_at")?,
            updated_at: f.string("updated_at")?,
            section: f.string("section")?,
            answers: answers_from_json(input, &f.path("answers"), f.req("answers")?)?,
            screening: match f.opt("screening") {
                Some(v) => ScreeningRecord::from_json(input, &f.path("screening"), v)?,
                None => ScreeningRecord::default(),
            },
            made_under: match f.opt("made_under") {
                Some(v) => Some(MadeUnder::from_json(input, f.path("made_under"), v)?),
                None => None,
            },
        })
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
        let drafts: Vec<Json> = self
            .drafts
            .iter()
            .filter(|d| ids.is_none_or(|ids| ids.contains(&d.id)))
            .map(Draft::to_json)
            .collect();
        obj(vec![
            ("format", Json::str(ARCHIVE_FORMAT)),
            ("version", Json::Int(ARCHIVE_VERSION as i64)),
            ("assessments", Json::Arr(drafts)),
        ])
        .pretty()
    }

    /// The drafts as a JSON list (for the app's own storage).
    pub fn to_json(&self) -> Json {
        Json::Arr(self.drafts.iter().map(Draft::to_json).collect())
    }

    pub fn from_json(input: &'static str, at: &str, v: &Json) -> Result<Archive, LoadError> {
        let Json::Arr(items) = v else {
            return Err(LoadError::new(
                input,
                at,
                "expected a list of assessments",
                "use the file exactly as export-assessor wrote it",
            ));
        };
        let drafts = items
            .iter()
            .enumerate()
            .map(|(i, d)| Draft::from_json(input, format!("{at}[{i}]"), d))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Archive { drafts })
    }

    /// Reads an exchange file and works out what importing it would do.
    /// Nothing changes until `apply` is called with the plan.
    pub fn plan_import(
        &self,
        bytes: &[u8],
        rules: &RuleSet,
        destinations: &Destinations,
    ) -> Result<ImportPlan, LoadError> {
        let value = json::parse(INPUT, bytes, MAX_BYTES)?;
        let f = Fields::of(INPUT, "", &value)?;
        let format = f.string("format")?;
        if format != ARCHIVE_FORMAT {
            return Err(LoadError::new(
                INPUT,
                "format",
                format!("\"{format}\" is not an export-assessor archive"),
                "import a file exported by export-assessor",
            ));
        }
        let version = f.int("version")?;
        if version != ARCHIVE_VERSION as i64 {
            return Err(LoadError::new(INPUT, "version", format!("archive version {version} is not supported (this tool reads {ARCHIVE_VERSION})"), "export the file again with this version of export-assessor"));
        }
        f.only(&["format", "version", "assessments"])?;
        let assessments = Archive::from_json(INPUT, "assessments", f.req("assessments")?)?.drafts;
        let file = ExportFile { assessments };
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

    /// Applies a plan: new drafts are added; drafts whose id exists with
    /// other content are added as copies under `copy_id(original id)`, so
    /// nothing is overwritten.
    pub fn apply(
        &mut self,
        plan: &ImportPlan,
        copy_id: &mut dyn FnMut(&str) -> String,
    ) -> Vec<String> {
        let mut added = Vec::new();
        for d in &plan.add {
            added.push(d.id.clone());
            self.add(d.clone());
        }
        for d in &plan.conflicts {
            let mut id = copy_id(&d.id);
            while self.get(&id).is_some() {
                id = copy_id(&d.id);
            }
            added.push(id.clone());
            self.add(Draft { id, ..d.clone() });
        }
        added
    }
}

struct ExportFile {
    assessments: Vec<Draft>,
}

/// What an import would do; shown to the user before anything changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
