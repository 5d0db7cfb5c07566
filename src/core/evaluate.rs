//! Evaluation: answers + rule set + destination facts → one explained
//! assessment (outcome, findings with the answers behind them, missing
//! answers, risk score).

use serde::{Deserialize, Serialize};

use super::answers::{answer_is_valid, AnswerValue, Answers};
use super::condition::{AnswerState, Facts, Reason, Tri};
use super::destinations::{DestFact, Destinations, FactRef};
use super::outcome::Outcome;
use super::ruleset::{FindingKind, Node, RuleSet};
use super::text::Lang;
use super::vars::TextVars;

/// An answer that contributed to a finding or an outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRef {
    pub question: String,
    pub value: AnswerValue,
}

/// Why a finding or outcome rule fired.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Because {
    pub answers: Vec<AnswerRef>,
    pub findings: Vec<String>,
    pub destination_facts: Vec<DestFact>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiredFinding {
    pub id: String,
    pub kind: FindingKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    pub weight: i32,
    pub because: Because,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiredRule {
    pub id: String,
    pub outcome: Outcome,
    pub because: Because,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryScore {
    pub id: String,
    /// The category's share of the total (weights add up to 100).
    pub weight: u32,
    /// Sum of the weights of the findings that fired in this category.
    pub points: i32,
    /// `points` limited to 0..=100.
    pub value: u32,
}

/// The transparent risk score: total = Σ weight × value / 100, rounded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub total: u32,
    pub categories: Vec<CategoryScore>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub outcome: Outcome,
    /// The outcome rules that decided the outcome (empty for `incomplete`,
    /// and when no rule reached a decision — see `undecided`).
    pub decided_by: Vec<FiredRule>,
    /// Outcome rules that fired with a less severe outcome.
    pub also_fired: Vec<FiredRule>,
    /// True when the assessment is complete but no rule decided it; the
    /// outcome is then `escalate`, the safe default.
    pub undecided: bool,
    pub findings: Vec<FiredFinding>,
    /// Required questions that are shown and not answered, in order.
    pub missing: Vec<String>,
    pub score: Score,
    /// What the destination facts behind the findings and rules rest on
    /// (act, article, how sure), once per fact.
    pub destination_basis: Vec<FactRef>,
    /// Per question of the rule set: shown to the user now.
    pub visible: Vec<bool>,
}

impl Assessment {
    pub fn finding(&self, id: &str) -> Option<&FiredFinding> {
        self.findings.iter().find(|f| f.id == id)
    }
    pub fn red_flags(&self) -> impl Iterator<Item = &FiredFinding> {
        self.findings
            .iter()
            .filter(|f| f.kind == FindingKind::RedFlag)
    }
    pub fn is_visible(&self, rules: &RuleSet, question: &str) -> bool {
        rules
            .compiled
            .question_index
            .get(question)
            .is_some_and(|&i| self.visible.get(i) == Some(&true))
    }
}

struct State<'a> {
    rules: &'a RuleSet,
    destinations: &'a Destinations,
    given: Vec<Option<&'a AnswerValue>>,
    vis: Vec<Tri>,
    fired: Vec<Tri>,
}

impl Facts for State<'_> {
    fn answer(&self, q: usize) -> AnswerState<'_> {
        // Indices come from the compiled rule set, one per question; one
        // out of range (which cannot happen) reads as hidden.
        match self.vis.get(q) {
            None | Some(Tri::False) => AnswerState::Hidden,
            Some(Tri::Unknown) => AnswerState::Open,
            Some(Tri::True) => match self.given.get(q) {
                Some(Some(v)) => AnswerState::Given(v),
                _ => AnswerState::Open,
            },
        }
    }
    fn finding(&self, f: usize) -> Tri {
        self.fired.get(f).copied().unwrap_or(Tri::False)
    }
    fn count(&self, kind: FindingKind) -> (u32, u32) {
        let mut yes = 0;
        let mut open = 0;
        for (f, fired) in self.rules.findings.iter().zip(&self.fired) {
            if f.kind == kind {
                match fired {
                    Tri::True => yes = u32::saturating_add(yes, 1),
                    Tri::Unknown => open = u32::saturating_add(open, 1),
                    Tri::False => {}
                }
            }
        }
        (yes, open)
    }
    fn dest(&self, fact: DestFact) -> Tri {
        match self.destination() {
            Ok(c) => Tri::from_bool(c.has(fact)),
            Err(t) => t,
        }
    }
    fn annex_lists(&self, q: usize) -> Tri {
        let listed = match self.destination() {
            Ok(c) => match &c.monitoring_regime {
                Some(m) => &m.categories,
                None => return Tri::False,
            },
            Err(t) => return t,
        };
        match self.answer(q) {
            AnswerState::Hidden => Tri::False,
            AnswerState::Open => Tri::Unknown,
            AnswerState::Given(a) => {
                Tri::from_bool(a.values().iter().any(|v| listed.iter().any(|l| l == v)))
            }
        }
    }
}

impl State<'_> {
    /// The destination country, or the truth value to use while it is
    /// hidden (false) or not answered (unknown).
    fn destination(&self) -> Result<&super::destinations::Country, Tri> {
        match self.answer(self.rules.compiled.destination_q) {
            AnswerState::Hidden => Err(Tri::False),
            AnswerState::Open => Err(Tri::Unknown),
            AnswerState::Given(v) => v
                .as_one()
                .and_then(|code| self.destinations.country(code))
                .ok_or(Tri::Unknown),
        }
    }

    fn because(&self, c: &super::condition::Compiled) -> Because {
        let mut b = Because::default();
        let add_q = |b: &mut Because, q: usize| {
            if let (AnswerState::Given(v), Some(question)) =
                (self.answer(q), self.rules.questions.get(q))
            {
                let id = &question.id;
                if !b.answers.iter().any(|a| &a.question == id) {
                    b.answers.push(AnswerRef {
                        question: id.clone(),
                        value: v.clone(),
                    });
                }
            }
        };
        let mut reasons = Vec::new();
        c.explain(self, &mut |r| reasons.push(r));
        for r in reasons {
            match r {
                Reason::Question(q) => add_q(&mut b, q),
                Reason::Finding(f) => {
                    if let Some(finding) = self.rules.findings.get(f) {
                        push_unique(&mut b.findings, &finding.id);
                    }
                }
                Reason::Count(kind) => {
                    for (f, fired) in self.rules.findings.iter().zip(&self.fired) {
                        if f.kind == kind && fired.is_true() {
                            push_unique(&mut b.findings, &f.id);
                        }
                    }
                }
                Reason::Dest(fact) => {
                    add_q(&mut b, self.rules.compiled.destination_q);
                    if !b.destination_facts.contains(&fact) {
                        b.destination_facts.push(fact);
                    }
                }
            }
        }
        b
    }
}

fn push_unique(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|x| x == id) {
        list.push(id.to_string());
    }
}

/// Evaluates one assessment. Pure: the same inputs give the same result.
pub fn evaluate(rules: &RuleSet, destinations: &Destinations, answers: &Answers) -> Assessment {
    let compiled = &rules.compiled;
    let st = pass(rules, destinations, answers);

    let findings: Vec<FiredFinding> = rules
        .findings
        .iter()
        .zip(&st.fired)
        .zip(&compiled.finding_when)
        .filter(|((_, fired), _)| fired.is_true())
        .map(|((f, _), when)| FiredFinding {
            id: f.id.clone(),
            kind: f.kind,
            category: f.category.clone(),
            weight: f.weight,
            because: st.because(when),
        })
        .collect();

    let fired_rules: Vec<FiredRule> = rules
        .outcomes
        .iter()
        .zip(&compiled.outcome_when)
        .filter(|(_, when)| when.eval(&st).is_true())
        .map(|(o, when)| FiredRule {
            id: o.id.clone(),
            outcome: o.outcome,
            because: st.because(when),
        })
        .collect();

    let missing: Vec<String> = rules
        .questions
        .iter()
        .zip(st.vis.iter().zip(&st.given))
        .filter(|(q, (vis, given))| q.required && vis.is_true() && given.is_none())
        .map(|(q, _)| q.id.clone())
        .collect();

    let strongest = fired_rules.iter().map(|r| r.outcome).max();
    let (outcome, undecided) = match (missing.is_empty(), strongest) {
        (false, Some(o)) if o.is_definite() => (o, false),
        (false, _) => (Outcome::Incomplete, false),
        (true, Some(o)) => (o, false),
        (true, None) => (Outcome::Escalate, true),
    };
    let destination_basis = {
        let country = answers
            .get(&rules.destination_question)
            .and_then(AnswerValue::as_one)
            .and_then(|c| destinations.country(c));
        let mut facts: Vec<DestFact> = Vec::new();
        for b in findings
            .iter()
            .map(|f| &f.because)
            .chain(fired_rules.iter().map(|r| &r.because))
        {
            for f in &b.destination_facts {
                if !facts.contains(f) {
                    facts.push(*f);
                }
            }
        }
        facts
            .iter()
            .filter_map(|f| country.and_then(|c| c.fact_ref(*f)))
            .collect()
    };
    let (decided_by, also_fired) = fired_rules.into_iter().partition(|r| r.outcome == outcome);

    Assessment {
        outcome,
        decided_by,
        also_fired,
        undecided,
        score: score(rules, &findings),
        findings,
        missing,
        destination_basis,
        visible: st.vis.iter().map(|v| v.is_true()).collect(),
    }
}

fn score(rules: &RuleSet, findings: &[FiredFinding]) -> Score {
    let categories: Vec<CategoryScore> = rules
        .score
        .categories
        .iter()
        .map(|c| {
            let points: i32 = findings
                .iter()
                .filter(|f| f.kind.scored() && f.category.as_deref() == Some(c.id.as_str()))
                .map(|f| f.weight)
                .sum();
            CategoryScore {
                id: c.id.clone(),
                weight: c.weight,
                points,
                value: points.clamp(0, 100) as u32,
            }
        })
        .collect();
    let weighted: u32 = categories
        .iter()
        .map(|c| c.weight.saturating_mul(c.value))
        .fold(0, u32::saturating_add);
    Score {
        total: weighted.saturating_add(50) / 100,
        categories,
    }
}

/// The next steps for an assessment in `lang`, naming the competent
/// authority of the exporter's Member State (and the other placeholders).
pub fn next_steps(
    rules: &RuleSet,
    destinations: &Destinations,
    answers: &Answers,
    assessment: &Assessment,
    lang: Lang,
) -> Vec<String> {
    let vars = TextVars::new(rules, destinations, answers, lang);
    let mut steps: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !steps.contains(&s) {
            steps.push(s);
        }
    };
    for r in &assessment.decided_by {
        if let Some(rule) = rules.outcome_rule(&r.id) {
            for s in &rule.next_steps {
                push(vars.text(s));
            }
        }
    }
    for f in &assessment.findings {
        if let Some(step) = rules.finding(&f.id).and_then(|r| r.next_step.as_ref()) {
            push(vars.text(step));
        }
    }
    steps
}

/// The competent authority's name and the Member State's name for the
/// exporter's answer, or a generic wording while it is unanswered.
pub fn authority_for(
    rules: &RuleSet,
    destinations: &Destinations,
    answers: &Answers,
    lang: Lang,
) -> (String, String) {
    let vars = TextVars::new(rules, destinations, answers, lang);
    (
        vars.get("authority").to_string(),
        vars.get("member_state").to_string(),
    )
}

/// Per question of the rule set, in order: shown (`True`), hidden by its
/// show-if (`False`), or depending on answers still open (`Unknown`). The
/// same three-valued pass as `evaluate`, without reasons, rules or score;
/// used where a partial set of answers is judged (the product catalogue
/// shows a question unless it is definitely hidden).
pub fn visibility(rules: &RuleSet, destinations: &Destinations, answers: &Answers) -> Vec<Tri> {
    pass(rules, destinations, answers).vis
}

/// The three-valued pass over the rule set in dependency order: which
/// questions show and which findings fire for these answers.
fn pass<'a>(rules: &'a RuleSet, destinations: &'a Destinations, answers: &'a Answers) -> State<'a> {
    let compiled = &rules.compiled;
    let given = rules
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            answers
                .get(&q.id)
                .filter(|v| answer_is_valid(rules, destinations, i, v))
        })
        .collect();
    let mut st = State {
        rules,
        destinations,
        given,
        vis: vec![Tri::Unknown; rules.questions.len()],
        fired: vec![Tri::Unknown; rules.findings.len()],
    };
    for node in &compiled.order {
        match *node {
            // The order holds each question and finding of the rule set
            // once (validate.rs); an index out of range is skipped.
            Node::Question(i) => {
                let Some(show_if) = compiled.show_if.get(i) else {
                    continue;
                };
                let vis = show_if.as_ref().map_or(Tri::True, |c| c.eval(&st));
                if let Some(v) = st.vis.get_mut(i) {
                    *v = vis;
                }
            }
            Node::Finding(i) => {
                let Some(when) = compiled.finding_when.get(i) else {
                    continue;
                };
                let fired = when.eval(&st);
                if let Some(f) = st.fired.get_mut(i) {
                    *f = fired;
                }
            }
        }
    }
    st
}
