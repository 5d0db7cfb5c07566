//! Rule-set validation and compilation. Every problem is reported with its
//! location (by id, so extension authors can find it), what is wrong and
//! how to fix it.

use std::collections::{HashMap, HashSet};

use super::{CompiledRules, CountryScope, Node, QuestionKind, RuleSet, INPUT};
use super::{FindingKind, SCHEMA_VERSION};
use crate::core::condition::{Compiled, Condition};
use crate::core::error::LoadError;
use crate::core::outcome::Outcome;
use crate::core::text::Text;

const MAX_DEPTH: usize = 32;
use crate::core::vars::PLACEHOLDERS;

fn err(
    location: impl Into<String>,
    problem: impl Into<String>,
    fix: impl Into<String>,
) -> LoadError {
    LoadError::new(INPUT, location, problem, fix)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
}

fn check_id(location: &str, id: &str) -> Result<(), LoadError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(err(
            location,
            format!("\"{id}\" is not a valid id"),
            "use 1–64 characters from A–Z, a–z, 0–9, '_', '.', '-'",
        ))
    }
}

fn check_text(location: &str, text: &Text) -> Result<(), LoadError> {
    if text.is_blank() {
        return Err(err(location, "the text is empty", "write the English text"));
    }
    for t in std::iter::once(text.en.as_str()).chain(text.de.as_deref()) {
        let mut rest = t;
        while let Some((_, after)) = rest.split_once('{') {
            let Some((name, next)) = after.split_once('}') else {
                break;
            };
            if !PLACEHOLDERS.contains(&name) {
                return Err(err(
                    location,
                    format!("unknown placeholder {{{name}}}"),
                    format!(
                        "use only {}",
                        PLACEHOLDERS
                            .iter()
                            .map(|p| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            rest = next;
        }
    }
    Ok(())
}

/// A source note ("unconfirmed") explains what is not confirmed: it is
/// required where the source is unconfirmed and makes no sense where the
/// binding text was read.
fn check_provenance(
    at: &str,
    provenance: crate::core::provenance::SourceClass,
    note: Option<&Text>,
) -> Result<(), LoadError> {
    use crate::core::provenance::SourceClass;
    match (provenance, note) {
        (SourceClass::Unconfirmed, None) => Err(err(
            format!("{at}.unconfirmed"),
            "the source is unconfirmed but nothing says what is unconfirmed",
            "add \"unconfirmed\" with what could not be checked",
        )),
        (SourceClass::Confirmed, Some(_)) => Err(err(
            format!("{at}.unconfirmed"),
            "the source is marked confirmed but carries a note on what is unconfirmed",
            "set \"provenance\" to secondary or unconfirmed, or remove the note",
        )),
        (_, Some(n)) => check_text(&format!("{at}.unconfirmed"), n),
        _ => Ok(()),
    }
}

struct Ctx<'a> {
    rules: &'a RuleSet,
    questions: HashMap<&'a str, usize>,
    findings: HashMap<&'a str, usize>,
}

impl Ctx<'_> {
    /// Compiles a condition, checking every reference and value.
    fn compile(&self, c: &Condition, at: &str, depth: usize) -> Result<Compiled, LoadError> {
        if depth > MAX_DEPTH {
            return Err(err(
                at,
                format!("conditions are nested more than {MAX_DEPTH} levels deep"),
                "flatten the condition with all/any lists",
            ));
        }
        Ok(match c {
            Condition::Is(qv) => {
                let q = self.question(&qv.q, &format!("{at}.is.q"))?;
                self.check_value(q, &qv.v, &format!("{at}.is.v"))?;
                Compiled::Is(q, qv.v.clone())
            }
            Condition::AnyOf(qv) => {
                let q = self.question(&qv.q, &format!("{at}.any_of.q"))?;
                if qv.v.is_empty() {
                    return Err(err(
                        format!("{at}.any_of.v"),
                        "the list of values is empty",
                        "list at least one value",
                    ));
                }
                for (i, v) in qv.v.iter().enumerate() {
                    self.check_value(q, v, &format!("{at}.any_of.v[{i}]"))?;
                }
                Compiled::AnyOf(q, qv.v.clone())
            }
            Condition::Answered(id) => {
                Compiled::Answered(self.question(id, &format!("{at}.answered"))?)
            }
            Condition::All(cs) | Condition::Any(cs) => {
                let name = if matches!(c, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                if cs.is_empty() {
                    return Err(err(
                        format!("{at}.{name}"),
                        "the list of conditions is empty",
                        "list at least one condition",
                    ));
                }
                let compiled = cs
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        self.compile(c, &format!("{at}.{name}[{i}]"), depth.saturating_add(1))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if name == "all" {
                    Compiled::All(compiled)
                } else {
                    Compiled::Any(compiled)
                }
            }
            Condition::Not(inner) => Compiled::Not(Box::new(self.compile(
                inner,
                &format!("{at}.not"),
                depth.saturating_add(1),
            )?)),
            Condition::Finding(id) => match self.findings.get(id.as_str()) {
                Some(&i) => Compiled::Finding(i),
                None => {
                    return Err(err(
                        format!("{at}.finding"),
                        format!("no finding has the id \"{id}\""),
                        "correct the id or define the finding",
                    ))
                }
            },
            Condition::Count(spec) => {
                if spec.min == 0 {
                    return Err(err(
                        format!("{at}.count.min"),
                        "a minimum of 0 is always met",
                        "use a minimum of 1 or more",
                    ));
                }
                Compiled::Count(spec.kind, spec.min)
            }
            Condition::Dest(fact) => Compiled::Dest(*fact),
            Condition::AnnexLists(id) => {
                let q = self.question(id, &format!("{at}.annex_lists"))?;
                if !matches!(
                    self.rules.questions.get(q).map(|q| &q.kind),
                    Some(QuestionKind::Multi { .. })
                ) {
                    return Err(err(
                        format!("{at}.annex_lists"),
                        format!("\"{id}\" is not a multiple-choice question"),
                        "name the multiple-choice question whose options are the annex categories",
                    ));
                }
                Compiled::AnnexLists(q)
            }
        })
    }

    fn question(&self, id: &str, at: &str) -> Result<usize, LoadError> {
        self.questions.get(id).copied().ok_or_else(|| {
            err(
                at,
                format!("no question has the id \"{id}\""),
                "correct the id or define the question",
            )
        })
    }

    fn check_value(&self, q: usize, v: &str, at: &str) -> Result<(), LoadError> {
        let Some(question) = self.rules.questions.get(q) else {
            return Err(err(
                at,
                "no such question",
                "name a question of the rule set",
            ));
        };
        let ok = match &question.kind {
            QuestionKind::YesNo => matches!(v, "yes" | "no"),
            QuestionKind::YesNoUnknown => matches!(v, "yes" | "no" | "unknown"),
            QuestionKind::Single { options } | QuestionKind::Multi { options, .. } => {
                options.iter().any(|o| o.id == v)
            }
            QuestionKind::Country { .. } => {
                v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase())
            }
            QuestionKind::Text { .. } => true,
        };
        if ok {
            Ok(())
        } else {
            Err(err(
                at,
                format!(
                    "\"{v}\" is not a possible answer to question \"{}\"",
                    question.id
                ),
                format!("use one of: {}", possible_answers(&question.kind)),
            ))
        }
    }
}

pub(crate) fn possible_answers(kind: &QuestionKind) -> String {
    match kind {
        QuestionKind::YesNo => "yes, no".into(),
        QuestionKind::YesNoUnknown => "yes, no, unknown".into(),
        QuestionKind::Single { options } => options
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        QuestionKind::Multi { options, .. } => format!(
            "a list of distinct values from: {}",
            options
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        QuestionKind::Country {
            scope: CountryScope::Eu,
        } => "an ISO code of an EU Member State, e.g. DE".into(),
        QuestionKind::Country {
            scope: CountryScope::All,
        } => "an ISO 3166-1 alpha-2 code, e.g. FR".into(),
        QuestionKind::Text { max_len, .. } => {
            format!("a non-empty text of at most {max_len} characters")
        }
    }
}

/// The screening hook names a single choice that screening can answer and
/// the text questions that hold party names.
fn check_party_screening(
    rules: &RuleSet,
    questions: &HashMap<&str, usize>,
    spec: &super::PartyScreeningSpec,
) -> Result<(), LoadError> {
    let answerable = questions
        .get(spec.question.as_str())
        .and_then(|&i| rules.questions.get(i))
        .is_some_and(|q| match &q.kind {
            QuestionKind::Single { options } => spec
                .answers
                .all()
                .iter()
                .all(|a| options.iter().any(|o| o.id == *a)),
            _ => false,
        });
    if !answerable {
        return Err(err(
            "party_screening.question",
            format!("\"{}\" is not a single-choice question with the options named under party_screening.answers", spec.question),
            "name such a question, or leave out \"party_screening\"",
        ));
    }
    if spec.parties.is_empty() {
        return Err(err(
            "party_screening.parties",
            "no party question is named",
            "list the text questions that hold party names, e.g. [\"end_user_name\"]",
        ));
    }
    for (j, p) in spec.parties.iter().enumerate() {
        if !questions
            .get(p.as_str())
            .and_then(|&i| rules.questions.get(i))
            .is_some_and(|q| matches!(q.kind, QuestionKind::Text { .. }))
        {
            return Err(err(
                format!("party_screening.parties[{j}]"),
                format!("\"{p}\" is not a text question"),
                "name text questions that hold party names",
            ));
        }
    }
    Ok(())
}

pub(crate) fn validate_and_compile(rules: &RuleSet) -> Result<CompiledRules, LoadError> {
    if rules.schema_version != SCHEMA_VERSION {
        return Err(err(
            "schema_version",
            format!(
                "rule-set schema {} is not supported (this tool reads {SCHEMA_VERSION})",
                rules.schema_version
            ),
            "write the rule set for this version of export-assessor",
        ));
    }
    check_id("id", &rules.id)?;
    if rules.version.trim().is_empty() {
        return Err(err(
            "version",
            "the version is empty",
            "give the rule set a version, e.g. \"1.0.0\"",
        ));
    }
    check_text("title", &rules.title)?;
    check_text("notice", &rules.notice)?;
    check_text("score.note", &rules.score.note)?;
    for (i, entry) in rules.changelog.iter().enumerate() {
        if !crate::core::destinations::is_iso_date(&entry.date)
            || entry.version.trim().is_empty()
            || entry.changes.is_empty()
        {
            return Err(err(
                format!("changelog[{i}]"),
                "a changelog entry needs a version, a date (YYYY-MM-DD) and at least one change",
                "complete the entry",
            ));
        }
        for (j, c) in entry.changes.iter().enumerate() {
            if c.what.trim().is_empty() || c.why.trim().is_empty() || c.source.trim().is_empty() {
                return Err(err(
                    format!("changelog[{i}].changes[{j}]"),
                    "a change needs what changed, why, and the text it was read in",
                    "fill in \"what\", \"why\" and \"source\"",
                ));
            }
        }
    }

    // Score categories.
    let mut categories = HashSet::new();
    let mut total: u32 = 0;
    for (i, c) in rules.score.categories.iter().enumerate() {
        let at = format!("score.categories[{i}]");
        check_id(&format!("{at}.id"), &c.id)?;
        check_text(&format!("{at}.label"), &c.label)?;
        if !categories.insert(c.id.as_str()) {
            return Err(err(
                format!("{at}.id"),
                format!("the category \"{}\" is defined twice", c.id),
                "give each category a unique id",
            ));
        }
        total = match total.checked_add(c.weight) {
            Some(t) if c.weight <= 100 => t,
            _ => {
                return Err(err(
                    format!("{at}.weight"),
                    format!(
                        "the weight {} is larger than 100 or makes the sum overflow",
                        c.weight
                    ),
                    "use weights from 0 to 100 that add up to 100",
                ))
            }
        };
    }
    if total != 100 {
        return Err(err(
            "score.categories",
            format!("the category weights add up to {total}, not 100"),
            "adjust the weights so that they add up to 100",
        ));
    }

    // Sections.
    let mut sections = HashSet::new();
    for (i, s) in rules.sections.iter().enumerate() {
        check_id(&format!("sections[{i}].id"), &s.id)?;
        check_text(&format!("sections[\"{}\"].title", s.id), &s.title)?;
        if !sections.insert(s.id.as_str()) {
            return Err(err(
                format!("sections[{i}].id"),
                format!("the section \"{}\" is defined twice", s.id),
                "give each section a unique id",
            ));
        }
    }

    // Questions.
    let mut questions = HashMap::new();
    for (i, q) in rules.questions.iter().enumerate() {
        check_id(&format!("questions[{i}].id"), &q.id)?;
        let at = format!("questions[\"{}\"]", q.id);
        if questions.insert(q.id.as_str(), i).is_some() {
            return Err(err(
                at,
                "the question id is used twice",
                "give each question a unique id",
            ));
        }
        if !sections.contains(q.section.as_str()) {
            return Err(err(
                format!("{at}.section"),
                format!("no section has the id \"{}\"", q.section),
                "use the id of a section listed under \"sections\"",
            ));
        }
        check_text(&format!("{at}.text"), &q.text)?;
        check_text(&format!("{at}.help"), &q.help)?;
        check_text(&format!("{at}.citation"), &q.citation)?;
        check_provenance(&at, q.provenance, q.unconfirmed.as_ref())?;
        match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multi { options, .. } => {
                if options.len() < 2 {
                    return Err(err(
                        format!("{at}.kind.options"),
                        "a choice needs at least two options",
                        "add options or use a yes/no question",
                    ));
                }
                let mut ids = HashSet::new();
                for (j, o) in options.iter().enumerate() {
                    check_id(&format!("{at}.kind.options[{j}].id"), &o.id)?;
                    check_text(&format!("{at}.kind.options[{j}].label"), &o.label)?;
                    if !ids.insert(o.id.as_str()) {
                        return Err(err(
                            format!("{at}.kind.options[{j}].id"),
                            format!("the option \"{}\" appears twice", o.id),
                            "give each option a unique id",
                        ));
                    }
                }
                if let QuestionKind::Multi { exclusive, .. } = &q.kind {
                    for (j, x) in exclusive.iter().enumerate() {
                        if !ids.contains(x.as_str()) {
                            return Err(err(
                                format!("{at}.kind.exclusive[{j}]"),
                                format!("\"{x}\" is not an option of this question"),
                                "list only option ids",
                            ));
                        }
                    }
                }
            }
            QuestionKind::Text { max_len, .. } if *max_len == 0 || *max_len > 100_000 => {
                return Err(err(
                    format!("{at}.kind.max_len"),
                    format!("{max_len} is not a usable length"),
                    "use a length between 1 and 100000",
                ));
            }
            _ => {}
        }
    }
    if rules
        .sections
        .iter()
        .any(|s| !rules.questions.iter().any(|q| q.section == s.id))
    {
        let s = rules
            .sections
            .iter()
            .find(|s| !rules.questions.iter().any(|q| q.section == s.id))
            .map(|s| s.id.clone())
            .unwrap_or_default();
        return Err(err(
            format!("sections[\"{s}\"]"),
            "the section has no questions",
            "add questions to it or remove it",
        ));
    }
    let member_state_q = match questions.get(rules.member_state_question.as_str()) {
        Some(&i)
            if matches!(
                rules.questions.get(i).map(|q| &q.kind),
                Some(QuestionKind::Country {
                    scope: CountryScope::Eu
                })
            ) =>
        {
            i
        }
        _ => {
            return Err(err(
                "member_state_question",
                format!(
                    "\"{}\" is not a country question limited to the EU",
                    rules.member_state_question
                ),
                "name a question of kind {\"type\": \"country\", \"scope\": \"eu\"}",
            ))
        }
    };
    let destination_q = match questions.get(rules.destination_question.as_str()) {
        Some(&i)
            if matches!(
                rules.questions.get(i).map(|q| &q.kind),
                Some(QuestionKind::Country { .. })
            ) =>
        {
            i
        }
        _ => {
            return Err(err(
                "destination_question",
                format!(
                    "\"{}\" is not a country question",
                    rules.destination_question
                ),
                "name a question of kind {\"type\": \"country\"}",
            ))
        }
    };
    if let Some(spec) = &rules.party_screening {
        check_party_screening(rules, &questions, spec)?;
    }

    // Findings.
    let mut findings = HashMap::new();
    for (i, f) in rules.findings.iter().enumerate() {
        check_id(&format!("findings[{i}].id"), &f.id)?;
        let at = format!("findings[\"{}\"]", f.id);
        if findings.insert(f.id.as_str(), i).is_some() {
            return Err(err(
                at,
                "the finding id is used twice",
                "give each finding a unique id",
            ));
        }
        check_text(&format!("{at}.title"), &f.title)?;
        check_text(&format!("{at}.explanation"), &f.explanation)?;
        check_text(&format!("{at}.citation"), &f.citation)?;
        check_provenance(&at, f.provenance, f.unconfirmed.as_ref())?;
        if let Some(t) = &f.next_step {
            check_text(&format!("{at}.next_step"), t)?;
        }
        if f.kind.scored() {
            match &f.category {
                Some(c) if categories.contains(c.as_str()) => {}
                Some(c) => {
                    return Err(err(
                        format!("{at}.category"),
                        format!("no score category has the id \"{c}\""),
                        "use one of the ids under score.categories",
                    ))
                }
                None => {
                    return Err(err(
                        format!("{at}.category"),
                        format!("a {} needs a score category", f.kind.name()),
                        "add \"category\" with one of the ids under score.categories",
                    ))
                }
            }
            let ok = if f.kind == FindingKind::Mitigation {
                (-100..=0).contains(&f.weight)
            } else {
                (0..=100).contains(&f.weight)
            };
            if !ok {
                return Err(err(
                    format!("{at}.weight"),
                    format!(
                        "weight {} is out of range for a {}",
                        f.weight,
                        f.kind.name()
                    ),
                    "use 0..100 (a mitigation uses -100..0)",
                ));
            }
        } else if f.category.is_some() || f.weight != 0 {
            return Err(err(
                format!("{at}.category"),
                format!("a {} carries no score", f.kind.name()),
                "remove \"category\" and \"weight\"",
            ));
        }
    }

    // Outcome rules.
    let mut outcome_ids = HashSet::new();
    for (i, o) in rules.outcomes.iter().enumerate() {
        check_id(&format!("outcomes[{i}].id"), &o.id)?;
        let at = format!("outcomes[\"{}\"]", o.id);
        if !outcome_ids.insert(o.id.as_str()) {
            return Err(err(
                at,
                "the outcome-rule id is used twice",
                "give each outcome rule a unique id",
            ));
        }
        if o.outcome == Outcome::Incomplete {
            return Err(err(
                format!("{at}.outcome"),
                "\"incomplete\" is decided by the engine from missing answers",
                "use another outcome",
            ));
        }
        check_text(&format!("{at}.explanation"), &o.explanation)?;
        check_text(&format!("{at}.citation"), &o.citation)?;
        check_provenance(&at, o.provenance, o.unconfirmed.as_ref())?;
        for (n, s) in o.next_steps.iter().enumerate() {
            check_text(&format!("{at}.next_steps[{n}]"), s)?;
        }
    }

    let ctx = Ctx {
        rules,
        questions,
        findings,
    };
    let show_if = rules
        .questions
        .iter()
        .map(|q| {
            q.show_if
                .as_ref()
                .map(|c| ctx.compile(c, &format!("questions[\"{}\"].show_if", q.id), 0))
                .transpose()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let finding_when = rules
        .findings
        .iter()
        .map(|f| ctx.compile(&f.when, &format!("findings[\"{}\"].when", f.id), 0))
        .collect::<Result<Vec<_>, _>>()?;
    let outcome_when = rules
        .outcomes
        .iter()
        .map(|o| ctx.compile(&o.when, &format!("outcomes[\"{}\"].when", o.id), 0))
        .collect::<Result<Vec<_>, _>>()?;

    let order = evaluation_order(rules, &show_if, &finding_when, destination_q)?;
    check_required_visibility(rules, &show_if, &finding_when, destination_q)?;

    let conditions = Conditions {
        show_if,
        finding_when,
        outcome_when,
    };
    Ok(assemble(
        &ctx.questions,
        &ctx.findings,
        conditions,
        order,
        member_state_q,
        destination_q,
    ))
}

/// The compiled conditions of a rule set, in rule order.
struct Conditions {
    show_if: Vec<Option<Compiled>>,
    finding_when: Vec<Compiled>,
    outcome_when: Vec<Compiled>,
}

/// The compiled rules both validation paths end with.
fn assemble(
    questions: &HashMap<&str, usize>,
    findings: &HashMap<&str, usize>,
    c: Conditions,
    order: Vec<Node>,
    member_state_q: usize,
    destination_q: usize,
) -> CompiledRules {
    CompiledRules {
        question_index: questions.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        finding_index: findings.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        show_if: c.show_if,
        finding_when: c.finding_when,
        outcome_when: c.outcome_when,
        order,
        member_state_q,
        destination_q,
    }
}

/// The nodes a condition reads: a question's answer needs that question's
/// visibility to be known first.
fn deps(rules: &RuleSet, c: &Compiled, destination_q: usize, out: &mut Vec<Node>) {
    match c {
        Compiled::Is(q, _) | Compiled::AnyOf(q, _) | Compiled::Answered(q) => {
            out.push(Node::Question(*q))
        }
        Compiled::All(cs) | Compiled::Any(cs) => {
            cs.iter().for_each(|c| deps(rules, c, destination_q, out))
        }
        Compiled::Not(c) => deps(rules, c, destination_q, out),
        Compiled::Finding(f) => out.push(Node::Finding(*f)),
        Compiled::Count(kind, _) => out.extend(
            rules
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.kind == *kind)
                .map(|(i, _)| Node::Finding(i)),
        ),
        Compiled::Dest(_) => out.push(Node::Question(destination_q)),
        Compiled::AnnexLists(q) => {
            out.push(Node::Question(*q));
            out.push(Node::Question(destination_q));
        }
    }
}

fn node_name(rules: &RuleSet, n: Node) -> String {
    match n {
        Node::Question(i) => match rules.questions.get(i) {
            Some(q) => format!("question \"{}\"", q.id),
            None => format!("questions[{i}]"),
        },
        Node::Finding(i) => match rules.findings.get(i) {
            Some(f) => format!("finding \"{}\"", f.id),
            None => format!("findings[{i}]"),
        },
    }
}

/// Orders questions' visibility and findings so each is evaluated after
/// what it reads; a cycle is an error naming its members.
fn evaluation_order(
    rules: &RuleSet,
    show_if: &[Option<Compiled>],
    finding_when: &[Compiled],
    destination_q: usize,
) -> Result<Vec<Node>, LoadError> {
    let nodes: Vec<Node> = (0..rules.questions.len())
        .map(Node::Question)
        .chain((0..rules.findings.len()).map(Node::Finding))
        .collect();
    let node_deps = |n: Node| {
        let mut out = Vec::new();
        match n {
            Node::Question(i) => {
                if let Some(Some(c)) = show_if.get(i) {
                    deps(rules, c, destination_q, &mut out);
                }
            }
            Node::Finding(i) => {
                if let Some(c) = finding_when.get(i) {
                    deps(rules, c, destination_q, &mut out);
                }
            }
        }
        out
    };
    // Iterative depth-first search: user input must not be able to overflow the stack.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let idx = |n: Node| match n {
        Node::Question(i) => i,
        Node::Finding(i) => rules.questions.len().saturating_add(i),
    };
    let mut mark = vec![Mark::New; nodes.len()];
    // Every node has its mark (`idx` numbers them 0..nodes.len()); a node
    // without one would read as done.
    let marked = |mark: &[Mark], n: Node| mark.get(idx(n)).copied().unwrap_or(Mark::Done);
    let set = |mark: &mut [Mark], n: Node, m: Mark| {
        if let Some(x) = mark.get_mut(idx(n)) {
            *x = m;
        }
    };
    let mut order = Vec::with_capacity(nodes.len());
    for &start in &nodes {
        if marked(&mark, start) != Mark::New {
            continue;
        }
        let mut stack: Vec<(Node, Vec<Node>)> = vec![(start, node_deps(start))];
        set(&mut mark, start, Mark::Active);
        while let Some((node, pending)) = stack.last_mut() {
            if let Some(next) = pending.pop() {
                match marked(&mark, next) {
                    Mark::Done => {}
                    Mark::Active => {
                        let mut cycle: Vec<String> = stack
                            .iter()
                            .map(|(n, _)| *n)
                            .skip_while(|n| *n != next)
                            .map(|n| node_name(rules, n))
                            .collect();
                        cycle.push(node_name(rules, next));
                        return Err(err(node_name(rules, next), format!("circular dependency: {}", cycle.join(" → ")), "break the cycle: a condition may not depend, directly or indirectly, on itself"));
                    }
                    Mark::New => {
                        set(&mut mark, next, Mark::Active);
                        let d = node_deps(next);
                        stack.push((next, d));
                    }
                }
            } else {
                let node = *node;
                set(&mut mark, node, Mark::Done);
                order.push(node);
                stack.pop();
            }
        }
    }
    Ok(order)
}

/// A required question may only be shown or hidden by answers to required
/// questions, so answering an optional question never makes a complete
/// assessment incomplete.
fn check_required_visibility(
    rules: &RuleSet,
    show_if: &[Option<Compiled>],
    finding_when: &[Compiled],
    destination_q: usize,
) -> Result<(), LoadError> {
    for (q, show) in rules.questions.iter().zip(show_if) {
        let Some(c) = show else { continue };
        if !q.required {
            continue;
        }
        let mut seen = HashSet::new();
        let mut todo = Vec::new();
        deps(rules, c, destination_q, &mut todo);
        while let Some(n) = todo.pop() {
            if !seen.insert(n) {
                continue;
            }
            match n {
                Node::Question(d) => {
                    if let Some(dq) = rules.questions.get(d).filter(|dq| !dq.required) {
                        return Err(err(
                            format!("questions[\"{}\"].show_if", q.id),
                            format!("this required question's visibility depends on the optional question \"{}\"", dq.id),
                            "make that question required, or make this one optional",
                        ));
                    }
                    if let Some(Some(c)) = show_if.get(d) {
                        deps(rules, c, destination_q, &mut todo);
                    }
                }
                Node::Finding(f) => {
                    if let Some(c) = finding_when.get(f) {
                        deps(rules, c, destination_q, &mut todo);
                    }
                }
            }
        }
    }
    Ok(())
}
