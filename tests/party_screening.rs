//! Screening in the assessment, data-driven: each file in
//! `tests/screening-cases/` takes a scenario's answers, screens its parties
//! against fixture lists, applies the user's decisions and states what the
//! screening derives and what the assessment then decides.

use std::collections::BTreeMap;

use export_assessor::core::answers::{load_answers, AnswerValue};
use export_assessor::core::evaluate::evaluate;
use export_assessor::core::screening::batch::{country_codes, country_names};
use export_assessor::core::screening::decisions::{derive, effective_answers, grounds, status};
use export_assessor::core::screening::index::{Screener, DEFAULT_THRESHOLD};
use export_assessor::core::screening::lists::{detect, load, ListFormat};
use export_assessor::core::screening::parties::answer;
use export_assessor::core::screening::record::Response;
use export_assessor::core::screening::record::{request, ScreeningRecord, Verdict};
use export_assessor::core::screening::register::{default_expiry, Register, RegisterEntry};
use export_assessor::core::session::{Archive, Draft, SavedWork};
use export_assessor::core::{Destinations, Lang, RuleSet};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    scenario: String,
    lists: Vec<String>,
    /// Overrides of the scenario's answers; null removes one.
    answers: BTreeMap<String, Option<String>>,
    #[serde(default)]
    decisions: Vec<DecisionSpec>,
    #[serde(default)]
    rename_after_screening: BTreeMap<String, String>,
    /// A company register applied to the screening, on its `today`.
    #[serde(default)]
    register: Option<RegisterSpec>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterSpec {
    today: String,
    entries: Vec<RegisterEntrySpec>,
}

/// A register entry about the hit of `name` on `entry_id`; its
/// fingerprint is the entry's as screened, or the one given (an entry that
/// has changed since the decision).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterEntrySpec {
    name: String,
    entry_id: String,
    reason: String,
    decided_by: String,
    decided_on: String,
    #[serde(default)]
    expires_on: Option<String>,
    #[serde(default)]
    fingerprint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionSpec {
    question: String,
    entry_id: String,
    verdict: String,
    reason: String,
    #[serde(default)]
    refused: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    derived: Option<String>,
    #[serde(default)]
    open: Option<usize>,
    #[serde(default)]
    dismissed: Option<usize>,
    #[serde(default)]
    confirmed: Option<usize>,
    #[serde(default)]
    unscreened: Option<Vec<String>>,
    screening_answer: Option<String>,
    outcome: String,
    #[serde(default)]
    findings: Vec<String>,
    /// Words the act behind each confirmed match must contain, in order of the matches.
    #[serde(default)]
    grounds: Vec<String>,
    /// The status of every hit, in order (`open`, `register_not_a_match`, …).
    #[serde(default)]
    statuses: Option<Vec<String>>,
    /// Words the register's note on the first hit (or, for a decision that
    /// no longer holds, its explanation) must contain.
    #[serde(default)]
    register_note: Option<String>,
}

fn root() -> String {
    env!("CARGO_MANIFEST_DIR").to_string()
}

fn list(name: &str) -> export_assessor::core::screening::lists::SanctionsList {
    let dir = format!("{}/tests/fixtures/screening", root());
    let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
    let format = detect(&bytes).unwrap_or_else(|| panic!("{name}: format not detected"));
    let alt =
        (format == ListFormat::Ofac).then(|| std::fs::read(format!("{dir}/alt.csv")).unwrap());
    load(format, name, &bytes, alt.as_deref()).unwrap()
}

/// The register a case describes, its entries tied to the hits screened.
fn register_of(spec: &RegisterSpec, response: &Response) -> Register {
    let mut register = Register::new();
    for e in &spec.entries {
        let hit = response
            .parties
            .iter()
            .flat_map(|p| &p.hits)
            .find(|h| h.entry_id == e.entry_id)
            .unwrap_or_else(|| panic!("no hit on entry {} for the register", e.entry_id));
        register
            .add(RegisterEntry {
                name: e.name.clone(),
                list_key: hit.list_key.clone(),
                entry_id: e.entry_id.clone(),
                entry_fingerprint: e
                    .fingerprint
                    .clone()
                    .unwrap_or_else(|| hit.entry_fingerprint.clone()),
                reason: e.reason.clone(),
                decided_by: e.decided_by.clone(),
                decided_on: e.decided_on.clone(),
                expires_on: e
                    .expires_on
                    .clone()
                    .or_else(|| default_expiry(&e.decided_on))
                    .unwrap(),
            })
            .unwrap();
    }
    register
}

/// The one helper: runs a case file and returns what disagrees.
fn check(file: &str, rules: &RuleSet, dest: &Destinations) -> Vec<String> {
    let case: Case = serde_json::from_str(&std::fs::read_to_string(file).unwrap())
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(!case.description.is_empty());
    let bytes = std::fs::read(format!("{}/tests/scenarios/{}", root(), case.scenario)).unwrap();
    let mut answers = load_answers(&bytes, rules, dest).unwrap();
    for (q, v) in &case.answers {
        match v {
            Some(v) => answers.insert(q.clone(), AnswerValue::One(v.clone())),
            None => answers.remove(q),
        };
    }
    let mut record = ScreeningRecord::default();
    if !case.lists.is_empty() {
        let screener = Screener::with_country_codes(
            case.lists.iter().map(|l| list(l)).collect(),
            country_codes(dest),
        );
        let req = request(rules, &answers, Lang::En, "d1").expect("named parties make a request");
        let mut response = answer(&screener, &req, DEFAULT_THRESHOLD, &|c| {
            country_names(dest, c)
        })
        .unwrap();
        if let Some(spec) = &case.register {
            let register = register_of(spec, &response);
            register.apply(&mut response, &spec.today, Lang::En);
            assert_eq!(response.register_sha256, Some(register.sha256()));
        }
        record.apply(&response, "2026-11-25T10:00:00Z");
    }
    let mut problems = Vec::new();
    for d in &case.decisions {
        let found = record
            .parties
            .iter()
            .filter(|p| p.question == d.question)
            .find_map(|p| {
                p.hits
                    .iter()
                    .find(|h| h.entry_id == d.entry_id)
                    .map(|h| (p.key(), h.key()))
            });
        let Some((party, hit)) = found else {
            problems.push(format!("no hit on entry {} to decide", d.entry_id));
            continue;
        };
        let verdict = Verdict::from_name(&d.verdict).unwrap();
        let taken = record.decide(&party, &hit, verdict, &d.reason, "2026-11-25T11:00:00Z");
        if taken == d.refused {
            problems.push(format!(
                "decision on {} was {}",
                d.entry_id,
                if taken { "taken" } else { "refused" }
            ));
        }
    }
    for (q, v) in &case.rename_after_screening {
        answers.insert(q.clone(), AnswerValue::One(v.clone()));
    }

    let derived = derive(rules, dest, &answers, &record);
    let e = &case.expect;
    let spec = rules.party_screening.as_ref().unwrap();
    let got = derived
        .as_ref()
        .and_then(|d| d.answer)
        .map(|a| spec.answers.id(a));
    if got != e.derived.as_deref() {
        problems.push(format!("derived answer {got:?}, expected {:?}", e.derived));
    }
    for (what, want, have) in [
        ("open", e.open, derived.as_ref().map(|d| d.open)),
        (
            "dismissed",
            e.dismissed,
            derived.as_ref().map(|d| d.dismissed),
        ),
        (
            "confirmed",
            e.confirmed,
            derived.as_ref().map(|d| d.confirmed),
        ),
    ] {
        if want.is_some() && want != have {
            problems.push(format!("{what}: {have:?}, expected {want:?}"));
        }
    }
    if let Some(u) = &e.unscreened {
        if derived.as_ref().map(|d| &d.unscreened) != Some(u) {
            problems.push(format!(
                "unscreened {:?}, expected {u:?}",
                derived.as_ref().map(|d| &d.unscreened)
            ));
        }
    }
    if let Some(want) = &e.statuses {
        let rec = &record;
        let have: Vec<&str> = rec
            .parties
            .iter()
            .flat_map(|p| p.hits.iter().map(move |h| status(rec, p, h).name()))
            .collect();
        if &have != want {
            problems.push(format!("statuses {have:?}, expected {want:?}"));
        }
    }
    if let Some(words) = &e.register_note {
        let note = record
            .parties
            .iter()
            .flat_map(|p| &p.hits)
            .map(|h| h.register_note.clone().unwrap_or(h.explanation.clone()))
            .next()
            .unwrap_or_default();
        if !note.contains(words.as_str()) {
            problems.push(format!("register note {note:?} lacks {words:?}"));
        }
    }
    let effective = effective_answers(rules, dest, &answers, &record);
    let answered = effective.get("party_screening").and_then(|v| v.as_one());
    if answered != e.screening_answer.as_deref() {
        problems.push(format!(
            "screening answer {answered:?}, expected {:?}",
            e.screening_answer
        ));
    }
    let a = evaluate(rules, dest, &effective);
    if a.outcome.name() != e.outcome {
        problems.push(format!(
            "outcome {}, expected {}",
            a.outcome.name(),
            e.outcome
        ));
    }
    for f in &e.findings {
        if a.finding(f).is_none() {
            problems.push(format!("finding {f} did not fire"));
        }
    }

    let found: Vec<String> = grounds(rules, dest, &answers, &record)
        .into_iter()
        .map(|g| g.ground.act)
        .collect();
    if found.len() != e.grounds.len()
        || found
            .iter()
            .zip(&e.grounds)
            .any(|(act, want)| !act.contains(want.as_str()))
    {
        problems.push(format!(
            "grounds {found:?}, expected acts containing {:?}",
            e.grounds
        ));
    }

    // The record survives the draft's JSON (as the app stores it) unchanged.
    let mut archive = Archive::default();
    archive.add(Draft {
        answers: answers.clone(),
        screening: record.clone(),
        ..Draft::new("d1", "2026-11-25T09:00:00Z", "transaction")
    });
    let saved = SavedWork::new(Lang::En, None, &archive).to_json();
    let (_, _, back) = SavedWork::parse(&saved).unwrap().into_parts();
    if back.drafts[0].screening != record {
        problems.push("the record changed through the draft's JSON".into());
    }
    problems
}

#[test]
fn every_screening_case_gives_its_expected_result() {
    let rules = RuleSet::eu_default().unwrap().clone();
    let dest = Destinations::builtin().unwrap();
    let dir = format!("{}/tests/screening-cases", root());
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "the cases are missing");
    let failures: Vec<String> = files
        .iter()
        .flat_map(|f| {
            check(f, &rules, &dest)
                .into_iter()
                .map(move |p| format!("{f}: {p}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_request_names_each_party_with_the_destination() {
    let rules = RuleSet::eu_default().unwrap().clone();
    let dest = Destinations::builtin().unwrap();
    let mut answers = export_assessor::core::Answers::new();
    assert!(
        request(&rules, &answers, Lang::De, "a1").is_none(),
        "nothing to screen without a name"
    );
    answers.insert(
        "end_user_name".into(),
        AnswerValue::One("  ACME Ltd ".into()),
    );
    answers.insert("destination_country".into(), AnswerValue::One("IR".into()));
    let r = request(&rules, &answers, Lang::De, "a1").unwrap();
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"ref":"a1","lang":"de","parties":[{"question":"end_user_name","name":"ACME Ltd","country":"IR"}]}"#
    );
    // The engine adds the country's names for lists that write names.
    let s = Screener::new(vec![list("un-mini.xml")]);
    let response = answer(&s, &r, 0.85, &|c| country_names(&dest, c)).unwrap();
    assert_eq!(response.parties[0].countries, ["IR", "Iran", "Iran"]);
}

#[test]
fn bad_requests_and_responses_are_refused_precisely() {
    use export_assessor::core::screening::record::Response;
    let s = Screener::new(vec![list("sdn.csv")]);
    let no_names = |_: &str| Vec::new();
    for (req, at) in [
        ("{", "line 1"),
        (r#"{"lang":"fr","parties":[]}"#, "lang"),
        (
            r#"{"lang":"en","parties":[{"question":"q","name":3,"country":""}]}"#,
            "parties[0].name",
        ),
        (r#"{"lang":"en","parties":[],"extra":1}"#, "extra"),
    ] {
        let e = export_assessor::core::screening::record::Request::parse(req)
            .and_then(|r| answer(&s, &r, 0.85, &no_names))
            .unwrap_err()
            .to_string();
        assert!(e.contains(at), "{req}: {e}");
    }
    let long = format!(
        r#"{{"lang":"en","parties":[{{"question":"q","name":"{}","country":""}}]}}"#,
        "x".repeat(2000)
    );
    let long = export_assessor::core::screening::record::Request::parse(&long).unwrap();
    assert!(answer(&s, &long, 0.85, &no_names)
        .unwrap_err()
        .to_string()
        .contains("at most 1000"));
    for (resp, at) in [
        ("[]", "object"),
        (
            r#"{"ref":"a","lists":[],"threshold":1001,"parties":[]}"#,
            "threshold",
        ),
        (
            r#"{"ref":"a","lists":[{}],"threshold":850,"parties":[]}"#,
            "lists[0]",
        ),
    ] {
        let e = Response::parse(resp).unwrap_err().to_string();
        assert!(e.contains(at), "{resp}: {e}");
    }
}
