//! Property tests over generated answer sets (a fixed-seed generator, so a
//! failure is reproducible): determinism, monotone red flags, optional
//! questions, and that every complete assessment is decided by a rule.

use export_assessor::core::answers::{AnswerValue, Answers};
use export_assessor::core::evaluate::evaluate;
use export_assessor::core::report::{verify, Report};
use export_assessor::core::ruleset::{Question, QuestionKind};
use export_assessor::core::{Destinations, Lang, RuleSet};

/// xorshift64*: small, deterministic, good enough to spread test cases.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn random_value(rng: &mut Rng, q: &Question, dest: &Destinations) -> AnswerValue {
    let pick = |rng: &mut Rng, items: &[&str]| items[rng.below(items.len())].to_string();
    match &q.kind {
        QuestionKind::YesNo => AnswerValue::One(pick(rng, &["yes", "no"])),
        QuestionKind::YesNoUnknown => AnswerValue::One(pick(rng, &["yes", "no", "unknown"])),
        QuestionKind::Single { options } => {
            AnswerValue::One(options[rng.below(options.len())].id.clone())
        }
        QuestionKind::Multi { options, exclusive } => {
            let plain: Vec<&str> = options
                .iter()
                .map(|o| o.id.as_str())
                .filter(|id| !exclusive.iter().any(|x| x == id))
                .collect();
            if rng.chance(20) && !exclusive.is_empty() {
                return AnswerValue::Many(vec![exclusive[rng.below(exclusive.len())].clone()]);
            }
            let mut chosen: Vec<String> = plain
                .iter()
                .filter(|_| rng.chance(35))
                .map(|s| s.to_string())
                .collect();
            if chosen.is_empty() {
                chosen.push(plain[rng.below(plain.len())].to_string());
            }
            AnswerValue::Many(chosen)
        }
        QuestionKind::Country { scope } => {
            let pool: Vec<&str> = dest
                .countries
                .iter()
                .filter(|c| {
                    *scope == export_assessor::core::ruleset::CountryScope::All || c.eu_member
                })
                .map(|c| c.code.as_str())
                .collect();
            // Favour the destinations with special facts, so they are exercised.
            let special = [
                "BY", "RU", "IR", "SY", "VE", "MM", "CN", "AM", "SD", "DE", "FR", "US", "JP",
            ];
            let code =
                if rng.chance(50) && *scope == export_assessor::core::ruleset::CountryScope::All {
                    special[rng.below(special.len())]
                } else {
                    pool[rng.below(pool.len())]
                };
            AnswerValue::One(code.to_string())
        }
        QuestionKind::Text { .. } => AnswerValue::One(format!("text {}", rng.below(1000))),
    }
}

fn random_answers(
    rng: &mut Rng,
    rules: &RuleSet,
    dest: &Destinations,
    absent_percent: u64,
) -> Answers {
    let mut answers = Answers::new();
    for q in &rules.questions {
        if !rng.chance(absent_percent) {
            answers.insert(q.id.clone(), random_value(rng, q, dest));
        }
    }
    answers
}

fn context() -> (RuleSet, Destinations) {
    (
        RuleSet::eu_default().expect("rule set").clone(),
        Destinations::builtin().expect("destinations"),
    )
}

const CASES: usize = 3000;

#[test]
fn same_answers_give_the_same_result_and_fingerprint() {
    let (rules, dest) = context();
    let mut rng = Rng(0x5eed_0001);
    for _ in 0..CASES / 3 {
        let answers = random_answers(&mut rng, &rules, &dest, 15);
        let a = evaluate(&rules, &dest, &answers);
        let b = evaluate(&rules, &dest, &answers.clone());
        assert_eq!(a, b);
        let ra = Report::build(
            &rules,
            &dest,
            &answers,
            &a,
            Lang::En,
            "2026-11-25T10:00:00Z",
            "2026-11-25T10:00:00Z",
        )
        .unwrap();
        let rb = Report::build(
            &rules,
            &dest,
            &answers,
            &b,
            Lang::En,
            "2026-11-25T10:00:00Z",
            "2026-11-25T10:00:00Z",
        )
        .unwrap();
        assert_eq!(ra.fingerprint, rb.fingerprint);
        let v = verify(ra.to_json_pretty().as_bytes()).unwrap();
        assert!(v.holds(), "a freshly built report must verify");
        assert_eq!(v.report, ra);
    }
}

/// Red-flag findings whose condition is a plain `is(question, value)`:
/// the answer that raises the flag.
fn red_flag_triggers(rules: &RuleSet) -> Vec<(String, String)> {
    use export_assessor::core::condition::Condition;
    use export_assessor::core::ruleset::FindingKind;
    rules
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::RedFlag)
        .filter_map(|f| match &f.when {
            Condition::Is(qv) => Some((qv.q.clone(), qv.v.clone())),
            _ => None,
        })
        .collect()
}

/// Every (question, value) pair that some finding's condition names.
fn mentioned_values(rules: &RuleSet) -> std::collections::HashSet<(String, String)> {
    use export_assessor::core::condition::Condition;
    fn walk(c: &Condition, out: &mut std::collections::HashSet<(String, String)>) {
        match c {
            Condition::Is(qv) => {
                out.insert((qv.q.clone(), qv.v.clone()));
            }
            Condition::AnyOf(qv) => out.extend(qv.v.iter().map(|v| (qv.q.clone(), v.clone()))),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| walk(c, out)),
            Condition::Not(c) => walk(c, out),
            _ => {}
        }
    }
    let mut out = std::collections::HashSet::new();
    for f in &rules.findings {
        walk(&f.when, &mut out);
    }
    out
}

#[test]
fn adding_a_red_flag_never_lowers_the_severity() {
    let (rules, dest) = context();
    let triggers = red_flag_triggers(&rules);
    let mentioned = mentioned_values(&rules);
    assert!(
        triggers.len() >= 15,
        "expected the red-flag questions, found {}",
        triggers.len()
    );
    let mut rng = Rng(0x5eed_0002);
    let mut raised = 0;
    for _ in 0..CASES {
        let answers = random_answers(&mut rng, &rules, &dest, 10);
        let before = evaluate(&rules, &dest, &answers);
        let (q, v) = &triggers[rng.below(triggers.len())];
        // Only a question already answered: answering a missing one is
        // completing the assessment, not adding a flag.
        let Some(old) = answers.get(q) else { continue };
        let new = match old {
            // A single choice replaces the old value: that only adds a flag
            // when the old value itself triggered nothing.
            AnswerValue::One(o) if mentioned.contains(&(q.clone(), o.clone())) => continue,
            AnswerValue::One(_) => AnswerValue::One(v.clone()),
            AnswerValue::Many(list) => {
                let mut l: Vec<String> = list
                    .iter()
                    .filter(|x| x.as_str() != "none")
                    .cloned()
                    .collect();
                if !l.contains(v) {
                    l.push(v.clone());
                }
                AnswerValue::Many(l)
            }
        };
        let mut with_flag = answers.clone();
        with_flag.insert(q.clone(), new);
        let after = evaluate(&rules, &dest, &with_flag);
        assert!(
            after.outcome >= before.outcome,
            "setting {q} = {v} lowered {:?} to {:?}\nanswers: {answers:?}",
            before.outcome,
            after.outcome
        );
        if after.outcome > before.outcome {
            raised += 1;
        }
    }
    assert!(
        raised > 0,
        "no case raised the severity: the generator does not exercise the rule"
    );
}

#[test]
fn answering_an_optional_question_never_makes_a_complete_assessment_incomplete() {
    let (rules, dest) = context();
    let optional: Vec<&Question> = rules.questions.iter().filter(|q| !q.required).collect();
    assert!(!optional.is_empty());
    let mut rng = Rng(0x5eed_0003);
    let mut complete = 0;
    for _ in 0..CASES {
        let mut answers = random_answers(&mut rng, &rules, &dest, 0);
        for q in &optional {
            answers.remove(&q.id);
        }
        let before = evaluate(&rules, &dest, &answers);
        if !before.missing.is_empty() {
            continue;
        }
        complete += 1;
        for q in &optional {
            let mut more = answers.clone();
            more.insert(q.id.clone(), random_value(&mut rng, q, &dest));
            let after = evaluate(&rules, &dest, &more);
            assert!(
                after.missing.is_empty(),
                "answering {} made the assessment incomplete: {:?}",
                q.id,
                after.missing
            );
        }
    }
    assert!(
        complete > 100,
        "too few complete cases generated ({complete})"
    );
}

#[test]
fn every_complete_assessment_is_decided_by_a_rule() {
    let (rules, dest) = context();
    let mut rng = Rng(0x5eed_0004);
    for _ in 0..CASES {
        let answers = random_answers(&mut rng, &rules, &dest, 0);
        let a = evaluate(&rules, &dest, &answers);
        if a.missing.is_empty() {
            assert!(
                !a.undecided,
                "no rule decided a complete assessment: {answers:?}"
            );
            assert!(!a.decided_by.is_empty());
        }
        assert!(a.score.total <= 100);
    }
}

#[test]
fn invalid_answers_are_ignored_not_fatal() {
    let (rules, dest) = context();
    let mut rng = Rng(0x5eed_0005);
    let junk = [
        "", "YES", "maybe", "ZZ", "5A001.f", "none", "\u{0}", "yes\n",
    ];
    for _ in 0..CASES / 3 {
        let mut answers = Answers::new();
        for q in &rules.questions {
            if rng.chance(60) {
                let v = if rng.chance(50) {
                    AnswerValue::One(junk[rng.below(junk.len())].to_string())
                } else {
                    AnswerValue::Many(vec![junk[rng.below(junk.len())].to_string(); rng.below(3)])
                };
                answers.insert(q.id.clone(), v);
            }
        }
        answers.insert("no_such_question".into(), AnswerValue::One("yes".into()));
        let a = evaluate(&rules, &dest, &answers);
        assert!(a.score.total <= 100);
    }
}

#[test]
fn next_steps_name_the_exporters_competent_authority() {
    let (rules, dest) = context();
    let mut rng = Rng(0x5eed_0006);
    let mut checked = 0;
    for _ in 0..CASES / 3 {
        let answers = random_answers(&mut rng, &rules, &dest, 0);
        let a = evaluate(&rules, &dest, &answers);
        if a.outcome == export_assessor::core::Outcome::Incomplete {
            continue;
        }
        let ms = answers["exporter_member_state"].as_one().unwrap();
        let country = dest.country(ms).unwrap();
        let authority = &country.competent_authority.as_ref().unwrap().name;
        // Sanctions-regime outcomes may name the sanctions authority instead.
        let sanctions = &country.sanctions_authority.as_ref().unwrap().name;
        let steps = export_assessor::core::next_steps(&rules, &dest, &answers, &a, Lang::En);
        assert!(
            steps
                .iter()
                .any(|s| s.contains(authority.as_str()) || s.contains(sanctions.as_str())),
            "{:?} for {ms}: no step names {authority}: {steps:?}",
            a.outcome
        );
        checked += 1;
    }
    assert!(checked > 100);
}
