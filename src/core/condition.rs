//! Conditions over answers, findings and destination facts, evaluated in
//! three-valued logic: a condition that depends on a question still to be
//! answered is `Unknown`, never silently false.

use serde::{Deserialize, Serialize};

use super::destinations::DestFact;
use super::ruleset::FindingKind;

/// A condition as written in a rule set. Each variant is a one-key object,
/// e.g. `{"is": {"q": "cs_covert", "v": "yes"}}` or `{"all": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The answer is `v` (for a multi choice: includes `v`).
    Is(QuestionValue),
    /// The answer is one of `v` (for a multi choice: includes any of `v`).
    AnyOf(QuestionValues),
    /// The question has an answer.
    Answered(String),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// Another finding fired.
    Finding(String),
    /// At least `min` findings of `kind` fired.
    Count(CountSpec),
    /// A fact about the destination country.
    Dest(DestFact),
    /// The answer to this multi-choice question includes an option that the
    /// annex of the destination's monitoring-equipment regime lists (the
    /// destination data names the options per regime).
    AnnexLists(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionValue {
    pub q: String,
    pub v: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionValues {
    pub q: String,
    pub v: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountSpec {
    pub kind: FindingKind,
    pub min: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    True,
    False,
    Unknown,
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::True
        } else {
            Tri::False
        }
    }
    pub fn negate(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
    pub fn is_true(self) -> bool {
        self == Tri::True
    }
}

/// A condition compiled against a rule set: ids replaced by indices.
#[derive(Clone, Debug)]
pub(crate) enum Compiled {
    Is(usize, String),
    AnyOf(usize, Vec<String>),
    Answered(usize),
    All(Vec<Compiled>),
    Any(Vec<Compiled>),
    Not(Box<Compiled>),
    Finding(usize),
    Count(FindingKind, u32),
    Dest(DestFact),
    AnnexLists(usize),
}

/// What a condition can see while it is evaluated.
pub(crate) trait Facts {
    fn answer(&self, q: usize) -> AnswerState<'_>;
    fn finding(&self, f: usize) -> Tri;
    /// (findings of `kind` that fired, findings of `kind` still undecided)
    fn count(&self, kind: FindingKind) -> (u32, u32);
    fn dest(&self, fact: DestFact) -> Tri;
    /// Whether the destination's monitoring annex lists any option chosen for `q`.
    fn annex_lists(&self, q: usize) -> Tri;
}

/// The state of one question's answer during evaluation.
pub(crate) enum AnswerState<'a> {
    /// Hidden by its show-if condition: not applicable, so predicates are false.
    Hidden,
    /// Shown or pending, and not answered yet.
    Open,
    Given(&'a super::answers::AnswerValue),
}

impl Compiled {
    pub(crate) fn eval(&self, f: &dyn Facts) -> Tri {
        match self {
            Compiled::Is(q, v) => match f.answer(*q) {
                AnswerState::Hidden => Tri::False,
                AnswerState::Open => Tri::Unknown,
                AnswerState::Given(a) => Tri::from_bool(a.has(v)),
            },
            Compiled::AnyOf(q, vs) => match f.answer(*q) {
                AnswerState::Hidden => Tri::False,
                AnswerState::Open => Tri::Unknown,
                AnswerState::Given(a) => Tri::from_bool(vs.iter().any(|v| a.has(v))),
            },
            Compiled::Answered(q) => Tri::from_bool(matches!(f.answer(*q), AnswerState::Given(_))),
            Compiled::All(cs) => {
                let mut acc = Tri::True;
                for c in cs {
                    match c.eval(f) {
                        Tri::False => return Tri::False,
                        Tri::Unknown => acc = Tri::Unknown,
                        Tri::True => {}
                    }
                }
                acc
            }
            Compiled::Any(cs) => {
                let mut acc = Tri::False;
                for c in cs {
                    match c.eval(f) {
                        Tri::True => return Tri::True,
                        Tri::Unknown => acc = Tri::Unknown,
                        Tri::False => {}
                    }
                }
                acc
            }
            Compiled::Not(c) => c.eval(f).negate(),
            Compiled::Finding(i) => f.finding(*i),
            Compiled::Count(kind, min) => {
                let (yes, open) = f.count(*kind);
                if yes >= *min {
                    Tri::True
                } else if yes.saturating_add(open) >= *min {
                    Tri::Unknown
                } else {
                    Tri::False
                }
            }
            Compiled::Dest(fact) => f.dest(*fact),
            Compiled::AnnexLists(q) => f.annex_lists(*q),
        }
    }

    /// Walks the branches that made a true condition true, reporting the
    /// questions, findings and destination facts behind it.
    pub(crate) fn explain(&self, f: &dyn Facts, out: &mut dyn FnMut(Reason)) {
        match self {
            Compiled::Is(q, _) | Compiled::AnyOf(q, _) | Compiled::Answered(q) => {
                out(Reason::Question(*q))
            }
            Compiled::All(cs) => cs.iter().for_each(|c| c.explain(f, out)),
            Compiled::Any(cs) => {
                if let Some(c) = cs.iter().find(|c| c.eval(f).is_true()) {
                    c.explain(f, out);
                }
            }
            // A negation holds because something is absent; its direct
            // answers are still the ones behind it.
            Compiled::Not(c) => {
                if let Compiled::Is(q, _) | Compiled::AnyOf(q, _) = c.as_ref() {
                    out(Reason::Question(*q));
                }
            }
            Compiled::Finding(i) => out(Reason::Finding(*i)),
            Compiled::Count(kind, _) => out(Reason::Count(*kind)),
            Compiled::Dest(fact) => out(Reason::Dest(*fact)),
            Compiled::AnnexLists(q) => {
                out(Reason::Question(*q));
                out(Reason::Dest(DestFact::MonitoringRegime));
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reason {
    Question(usize),
    Finding(usize),
    Count(FindingKind),
    Dest(DestFact),
}
