//! The rule set as data: sections, questions, findings (red flags and the
//! like) and outcome rules. The EU default is compiled in; a company may
//! extend it at run time (see `extend`). Every rule set is validated and
//! compiled on load; a bad one gets a `LoadError`, never a panic.

mod extend;
mod validate;

use std::collections::{BTreeMap, HashMap};
#[cfg(not(target_arch = "wasm32"))]
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::condition::{Compiled, Condition};
use super::error::{parse_json, LoadError};
use super::outcome::Outcome;
use super::provenance::{ChangelogEntry, SourceClass};
use super::text::{Lang, Text};

pub use extend::RuleSetExtension;

/// The possible answers of a question kind, in words (for error messages).
pub fn validate_possible_answers(kind: &QuestionKind) -> String {
    validate::possible_answers(kind)
}

pub(crate) const INPUT: &str = "rule set";
pub(crate) const MAX_BYTES: usize = 2 * 1024 * 1024;
pub const SCHEMA_VERSION: u32 = 2;

/// The EU rule set and its German catalogue. Compiled into the native
/// build; the web build receives the same files from `mount` (they are
/// served beside the wasm), which keeps the wasm small.
#[cfg(not(target_arch = "wasm32"))]
pub const DEFAULT_JSON: &str = include_str!("../data/eu-rules.json");
#[cfg(not(target_arch = "wasm32"))]
pub const DEFAULT_DE_JSON: &str = include_str!("../data/eu-rules.de.json");

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub schema_version: u32,
    pub id: String,
    pub version: String,
    pub title: Text,
    pub notice: Text,
    /// The question whose answer is the exporter's Member State.
    pub member_state_question: String,
    /// The question whose answer is the destination country.
    pub destination_question: String,
    /// Which party names are screened against sanctions lists, and which
    /// question the screening answers. Absent: no automatic screening.
    #[serde(default)]
    pub party_screening: Option<PartyScreeningSpec>,
    pub score: ScoreSpec,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub findings: Vec<FindingRule>,
    pub outcomes: Vec<OutcomeRule>,
    /// What changed in each version of the rule set, newest first.
    #[serde(default)]
    pub changelog: Vec<ChangelogEntry>,
    #[serde(skip)]
    pub(crate) compiled: CompiledRules,
}

/// The screening hook: `parties` are text questions holding party names;
/// `question` is a single choice with the options `no_match`,
/// `potential_match` and `confirmed_match`, which screening results answer.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PartyScreeningSpec {
    pub question: String,
    pub parties: Vec<String>,
    /// The options of `question` that each screening result selects.
    pub answers: ScreeningAnswerIds,
}

impl PartyScreeningSpec {
    /// The parties named in `answers`: (question, name trimmed), in the
    /// spec's order; an empty name is no party.
    pub fn named<'a>(
        &'a self,
        answers: &'a crate::core::answers::Answers,
    ) -> impl Iterator<Item = (&'a String, &'a str)> + 'a {
        self.parties.iter().filter_map(move |q| {
            let name = answers.get(q)?.as_one()?.trim();
            (!name.is_empty()).then_some((q, name))
        })
    }
}

/// What a screening result is, independent of any rule set's option ids,
/// from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ScreeningAnswer {
    NoMatch,
    PotentialMatch,
    /// A confirmed match on an entry without EU prohibition (OFAC, own list).
    ConfirmedMatchOther,
    /// A confirmed match on an entry EU law makes binding.
    ConfirmedMatch,
}

/// The option ids of the screening question, per result.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScreeningAnswerIds {
    pub no_match: String,
    pub potential_match: String,
    pub confirmed_match: String,
    pub confirmed_match_other: String,
}

impl ScreeningAnswerIds {
    pub fn id(&self, a: ScreeningAnswer) -> &str {
        match a {
            ScreeningAnswer::NoMatch => &self.no_match,
            ScreeningAnswer::PotentialMatch => &self.potential_match,
            ScreeningAnswer::ConfirmedMatchOther => &self.confirmed_match_other,
            ScreeningAnswer::ConfirmedMatch => &self.confirmed_match,
        }
    }
    pub fn of(&self, id: &str) -> Option<ScreeningAnswer> {
        [
            ScreeningAnswer::NoMatch,
            ScreeningAnswer::PotentialMatch,
            ScreeningAnswer::ConfirmedMatchOther,
            ScreeningAnswer::ConfirmedMatch,
        ]
        .into_iter()
        .find(|a| self.id(*a) == id)
    }
    pub fn all(&self) -> [&str; 4] {
        [
            &self.no_match,
            &self.potential_match,
            &self.confirmed_match_other,
            &self.confirmed_match,
        ]
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSpec {
    pub categories: Vec<CategorySpec>,
    /// Shown with the score: why it does not decide the outcome.
    pub note: Text,
}

/// A risk-score category and its visible weight (weights add up to 100).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySpec {
    pub id: String,
    pub label: Text,
    pub weight: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub section: String,
    pub required: bool,
    #[serde(default)]
    pub show_if: Option<Condition>,
    pub kind: QuestionKind,
    pub text: Text,
    pub help: Text,
    pub citation: Text,
    /// How sure the source behind the question is.
    pub provenance: SourceClass,
    /// What about the source is not confirmed.
    #[serde(default)]
    pub unconfirmed: Option<Text>,
}

/// Written as `{"type": "single", "options": [...]}` etc. (De)serialised
/// through a flat struct, which costs far less wasm than serde's
/// internally tagged enums.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "KindRepr", into = "KindRepr")]
pub enum QuestionKind {
    /// Answers "yes" or "no".
    YesNo,
    /// Answers "yes", "no" or "unknown" (don't know).
    YesNoUnknown,
    Single {
        options: Vec<Choice>,
    },
    Multi {
        options: Vec<Choice>,
        /// Options that cannot be combined with any other ("none of these").
        exclusive: Vec<String>,
    },
    /// An ISO 3166-1 alpha-2 code from the destination data.
    Country {
        scope: CountryScope,
    },
    Text {
        max_len: usize,
        multiline: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindType {
    YesNo,
    YesNoUnknown,
    Single,
    Multi,
    Country,
    Text,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindRepr {
    #[serde(rename = "type")]
    kind: KindType,
    #[serde(default)]
    options: Option<Vec<Choice>>,
    #[serde(default)]
    exclusive: Option<Vec<String>>,
    #[serde(default)]
    scope: Option<CountryScope>,
    #[serde(default)]
    max_len: Option<usize>,
    #[serde(default)]
    multiline: Option<bool>,
}

impl TryFrom<KindRepr> for QuestionKind {
    type Error = String;
    fn try_from(r: KindRepr) -> Result<Self, String> {
        let unexpected = |field: &str, kind: &str| {
            Err(format!("a question of type \"{kind}\" has no \"{field}\""))
        };
        let kind = match r.kind {
            KindType::YesNo => "yes_no",
            KindType::YesNoUnknown => "yes_no_unknown",
            KindType::Single => "single",
            KindType::Multi => "multi",
            KindType::Country => "country",
            KindType::Text => "text",
        };
        let choices = matches!(r.kind, KindType::Single | KindType::Multi);
        if r.options.is_some() && !choices {
            return unexpected("options", kind);
        }
        if r.exclusive.is_some() && r.kind != KindType::Multi {
            return unexpected("exclusive", kind);
        }
        if r.scope.is_some() && r.kind != KindType::Country {
            return unexpected("scope", kind);
        }
        if (r.max_len.is_some() || r.multiline.is_some()) && r.kind != KindType::Text {
            return unexpected("max_len", kind);
        }
        let need = |field: &str| format!("a question of type \"{kind}\" needs \"{field}\"");
        Ok(match r.kind {
            KindType::YesNo => QuestionKind::YesNo,
            KindType::YesNoUnknown => QuestionKind::YesNoUnknown,
            KindType::Single => QuestionKind::Single {
                options: r.options.ok_or_else(|| need("options"))?,
            },
            KindType::Multi => QuestionKind::Multi {
                options: r.options.ok_or_else(|| need("options"))?,
                exclusive: r.exclusive.unwrap_or_default(),
            },
            KindType::Country => QuestionKind::Country {
                scope: r.scope.ok_or_else(|| need("scope"))?,
            },
            KindType::Text => QuestionKind::Text {
                max_len: r.max_len.ok_or_else(|| need("max_len"))?,
                multiline: r.multiline.unwrap_or(false),
            },
        })
    }
}

impl From<QuestionKind> for KindRepr {
    fn from(k: QuestionKind) -> KindRepr {
        let mut r = KindRepr {
            kind: KindType::YesNo,
            options: None,
            exclusive: None,
            scope: None,
            max_len: None,
            multiline: None,
        };
        match k {
            QuestionKind::YesNo => {}
            QuestionKind::YesNoUnknown => r.kind = KindType::YesNoUnknown,
            QuestionKind::Single { options } => {
                r.kind = KindType::Single;
                r.options = Some(options);
            }
            QuestionKind::Multi { options, exclusive } => {
                r.kind = KindType::Multi;
                r.options = Some(options);
                r.exclusive = Some(exclusive);
            }
            QuestionKind::Country { scope } => {
                r.kind = KindType::Country;
                r.scope = Some(scope);
            }
            QuestionKind::Text { max_len, multiline } => {
                r.kind = KindType::Text;
                r.max_len = Some(max_len);
                r.multiline = Some(multiline);
            }
        }
        r
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountryScope {
    All,
    Eu,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A derived fact about the item or transaction (no score).
    Classification,
    /// A red flag of the guidelines: raises the score and calls for review.
    RedFlag,
    /// Missing due-diligence information: raises the score and calls for review.
    Gap,
    /// Raises the score without being a red flag by itself.
    RiskFactor,
    /// A planned safeguard: lowers the score, never the outcome.
    Mitigation,
    /// A legal trigger (ban, authorisation, notification).
    Trigger,
    /// Information for the record (no score).
    Note,
}

impl FindingKind {
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Classification => "classification",
            FindingKind::RedFlag => "red_flag",
            FindingKind::Gap => "gap",
            FindingKind::RiskFactor => "risk_factor",
            FindingKind::Mitigation => "mitigation",
            FindingKind::Trigger => "trigger",
            FindingKind::Note => "note",
        }
    }
    pub const ALL: [FindingKind; 7] = [
        FindingKind::Classification,
        FindingKind::RedFlag,
        FindingKind::Gap,
        FindingKind::RiskFactor,
        FindingKind::Mitigation,
        FindingKind::Trigger,
        FindingKind::Note,
    ];

    pub fn from_name(s: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// Whether findings of this kind carry a score category and weight.
    pub fn scored(self) -> bool {
        !matches!(self, FindingKind::Classification | FindingKind::Note)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingRule {
    pub id: String,
    pub kind: FindingKind,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub weight: i32,
    pub when: Condition,
    pub title: Text,
    pub explanation: Text,
    pub citation: Text,
    pub provenance: SourceClass,
    #[serde(default)]
    pub unconfirmed: Option<Text>,
    #[serde(default)]
    pub next_step: Option<Text>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRule {
    pub id: String,
    pub outcome: Outcome,
    pub when: Condition,
    pub explanation: Text,
    pub citation: Text,
    pub provenance: SourceClass,
    #[serde(default)]
    pub next_steps: Vec<Text>,
    #[serde(default)]
    pub unconfirmed: Option<Text>,
}

/// Index structures built once on load.
#[derive(Clone, Debug, Default)]
pub(crate) struct CompiledRules {
    pub question_index: HashMap<String, usize>,
    pub finding_index: HashMap<String, usize>,
    pub show_if: Vec<Option<Compiled>>,
    pub finding_when: Vec<Compiled>,
    pub outcome_when: Vec<Compiled>,
    /// Evaluation order over questions' visibility and findings.
    pub order: Vec<Node>,
    #[allow(dead_code)] // kept beside destination_q for callers that need the index
    pub member_state_q: usize,
    pub destination_q: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Node {
    Question(usize),
    Finding(usize),
}

#[cfg(not(target_arch = "wasm32"))]
static DEFAULT: OnceLock<Result<RuleSet, LoadError>> = OnceLock::new();

impl RuleSet {
    /// The compiled-in EU rule set, with its German catalogue applied. It is
    /// checked by the test suite; a failure is still an error, not a panic.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn eu_default() -> Result<&'static RuleSet, LoadError> {
        DEFAULT
            .get_or_init(|| {
                RuleSet::load_with_catalogue(DEFAULT_JSON.as_bytes(), DEFAULT_DE_JSON.as_bytes())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads a rule set and its German catalogue (the web build's path).
    pub fn load_with_catalogue(rules: &[u8], german: &[u8]) -> Result<RuleSet, LoadError> {
        let mut rules = RuleSet::load(rules)?;
        rules.apply_catalogue(Lang::De, german)?;
        Ok(rules)
    }

    /// Loads, validates and compiles a complete rule set.
    pub fn load(bytes: &[u8]) -> Result<RuleSet, LoadError> {
        let rules: RuleSet = parse_json(
            INPUT,
            bytes,
            MAX_BYTES,
            "compare the field with the rule-set format in the README",
        )?;
        rules.finish()
    }

    /// Loads a company extension and merges it onto `self`.
    pub fn extended_with(&self, bytes: &[u8]) -> Result<RuleSet, LoadError> {
        extend::apply(self, bytes)
    }

    pub(crate) fn finish(mut self) -> Result<RuleSet, LoadError> {
        self.compiled = validate::validate_and_compile(&self)?;
        Ok(self)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.compiled
            .question_index
            .get(id)
            .and_then(|&i| self.questions.get(i))
    }

    pub fn finding(&self, id: &str) -> Option<&FindingRule> {
        self.compiled
            .finding_index
            .get(id)
            .and_then(|&i| self.findings.get(i))
    }

    pub fn outcome_rule(&self, id: &str) -> Option<&OutcomeRule> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&CategorySpec> {
        self.score.categories.iter().find(|c| c.id == id)
    }

    pub fn questions_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.section == section)
    }

    /// Every text of the rule set with a stable key, for translation
    /// catalogues (`question.<id>.text`, `finding.<id>.title`, ...).
    pub fn texts_mut(&mut self) -> Vec<(String, &mut Text)> {
        let mut out: Vec<(String, &mut Text)> = vec![
            ("ruleset.title".into(), &mut self.title),
            ("ruleset.notice".into(), &mut self.notice),
            ("score.note".into(), &mut self.score.note),
        ];
        for c in &mut self.score.categories {
            out.push((format!("category.{}.label", c.id), &mut c.label));
        }
        for s in &mut self.sections {
            out.push((format!("section.{}.title", s.id), &mut s.title));
        }
        for q in &mut self.questions {
            let id = q.id.clone();
            out.push((format!("question.{id}.text"), &mut q.text));
            out.push((format!("question.{id}.help"), &mut q.help));
            out.push((format!("question.{id}.citation"), &mut q.citation));
            if let Some(u) = &mut q.unconfirmed {
                out.push((format!("question.{id}.unconfirmed"), u));
            }
            if let QuestionKind::Single { options } | QuestionKind::Multi { options, .. } =
                &mut q.kind
            {
                for o in options {
                    out.push((format!("question.{id}.option.{}", o.id), &mut o.label));
                }
            }
        }
        for f in &mut self.findings {
            let id = f.id.clone();
            out.push((format!("finding.{id}.title"), &mut f.title));
            out.push((format!("finding.{id}.explanation"), &mut f.explanation));
            out.push((format!("finding.{id}.citation"), &mut f.citation));
            if let Some(u) = &mut f.unconfirmed {
                out.push((format!("finding.{id}.unconfirmed"), u));
            }
            if let Some(n) = &mut f.next_step {
                out.push((format!("finding.{id}.next_step"), n));
            }
        }
        for o in &mut self.outcomes {
            let id = o.id.clone();
            out.push((format!("outcome.{id}.explanation"), &mut o.explanation));
            out.push((format!("outcome.{id}.citation"), &mut o.citation));
            if let Some(u) = &mut o.unconfirmed {
                out.push((format!("outcome.{id}.unconfirmed"), u));
            }
            for (n, step) in o.next_steps.iter_mut().enumerate() {
                out.push((format!("outcome.{id}.next_steps.{n}"), step));
            }
        }
        out
    }

    /// Applies a translation catalogue (`{"key": "text"}`). Keys that match
    /// no text are an error, so a stale catalogue is noticed; texts without
    /// a key keep their English.
    pub fn apply_catalogue(&mut self, lang: Lang, bytes: &[u8]) -> Result<(), LoadError> {
        const CAT: &str = "translation catalogue";
        let catalogue: BTreeMap<String, String> = parse_json(
            CAT,
            bytes,
            MAX_BYTES,
            "the catalogue is an object of \"key\": \"text\" pairs",
        )?;
        let mut texts: HashMap<String, &mut Text> = self.texts_mut().into_iter().collect();
        for (key, value) in catalogue {
            let Some(text) = texts.get_mut(&key) else {
                return Err(LoadError::new(
                    CAT,
                    key,
                    "no text of the rule set has this key",
                    "remove the entry or correct its key (e.g. question.end_user_name.text)",
                ));
            };
            if value.trim().is_empty() {
                return Err(LoadError::new(
                    CAT,
                    key,
                    "the translation is empty",
                    "write the translation or remove the entry",
                ));
            }
            match lang {
                Lang::En => text.en = value,
                Lang::De => text.de = Some(value),
            }
        }
        Ok(())
    }
}
