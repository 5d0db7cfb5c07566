//! Data-driven scenarios: each `tests/scenarios/*.json` holds answers and the
//! expected outcome and findings. `check` runs one through the engine and,
//! for the outcome, through the CLI as well.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use export_assessor::core::answers::load_answers;
use export_assessor::core::{evaluate, next_steps, Destinations, Lang, Outcome, RuleSet};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    description: String,
    /// The article that decides the case, in words.
    comment: String,
    answers: serde_json::Value,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    outcome: String,
    /// Findings that must fire.
    #[serde(default)]
    findings: Vec<String>,
    /// Findings that must not fire.
    #[serde(default)]
    absent: Vec<String>,
    /// Exactly these questions are missing (only checked when given).
    #[serde(default)]
    missing: Option<Vec<String>>,
    /// Outcome rules that must be among those deciding.
    #[serde(default)]
    decided_by: Vec<String>,
    /// Texts that must appear in the next steps (in English), e.g. the
    /// authority they name.
    #[serde(default)]
    steps_mention: Vec<String>,
}

fn scenario_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

struct Reached {
    outcomes: BTreeSet<String>,
    findings: BTreeSet<String>,
}

/// Runs one scenario; returns what it reached, or a description of each mismatch.
fn check(path: &Path, rules: &RuleSet, dest: &Destinations) -> Result<Reached, String> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let text = fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let sc: Scenario =
        serde_json::from_str(&text).map_err(|e| format!("{name}: not a scenario: {e}"))?;
    let answers = load_answers(
        &serde_json::to_vec(&serde_json::json!({ "answers": sc.answers })).unwrap(),
        rules,
        dest,
    )
    .map_err(|e| format!("{name}: {e}"))?;
    let a = evaluate(rules, dest, &answers);
    let fired: BTreeSet<String> = a.findings.iter().map(|f| f.id.clone()).collect();
    let mut problems = Vec::new();
    if sc.comment.trim().len() < 20 {
        problems.push("the comment must name the article that decides the case".to_string());
    }
    if Outcome::from_name(&sc.expect.outcome).is_none() {
        problems.push(format!("unknown expected outcome {}", sc.expect.outcome));
    }
    if a.outcome.name() != sc.expect.outcome {
        problems.push(format!(
            "outcome {} (decided by {:?}), expected {}",
            a.outcome.name(),
            a.decided_by.iter().map(|r| &r.id).collect::<Vec<_>>(),
            sc.expect.outcome
        ));
    }
    for f in &sc.expect.findings {
        if rules.finding(f).is_none() {
            problems.push(format!(
                "expected finding {f} does not exist in the rule set"
            ));
        } else if !fired.contains(f) {
            problems.push(format!("finding {f} did not fire (fired: {fired:?})"));
        }
    }
    for f in &sc.expect.absent {
        if fired.contains(f) {
            problems.push(format!("finding {f} fired but must not"));
        }
    }
    if let Some(missing) = &sc.expect.missing {
        if &a.missing != missing {
            problems.push(format!("missing {:?}, expected {:?}", a.missing, missing));
        }
    }
    for r in &sc.expect.decided_by {
        if !a.decided_by.iter().any(|d| &d.id == r) {
            problems.push(format!(
                "outcome rule {r} is not among the deciding rules {:?}",
                a.decided_by.iter().map(|r| &r.id).collect::<Vec<_>>()
            ));
        }
    }
    let steps = next_steps(rules, dest, &answers, &a, Lang::En);
    for text in &sc.expect.steps_mention {
        if !steps.iter().any(|s| s.contains(text.as_str())) {
            problems.push(format!(
                "no next step mentions \"{text}\" (steps: {steps:?})"
            ));
        }
    }
    // Every finding and deciding rule must carry a citation and an explanation.
    for f in &a.findings {
        let rule = rules.finding(&f.id).unwrap();
        if rule.citation.is_blank() || rule.explanation.is_blank() {
            problems.push(format!("finding {} lacks a citation or explanation", f.id));
        }
    }
    if problems.is_empty() {
        Ok(Reached {
            outcomes: [a.outcome.name().to_string()].into(),
            findings: fired,
        })
    } else {
        Err(format!(
            "{name} ({}):\n  {}",
            sc.description,
            problems.join("\n  ")
        ))
    }
}

fn context() -> (RuleSet, Destinations) {
    (
        RuleSet::eu_default().expect("built-in rule set").clone(),
        Destinations::builtin().expect("built-in destination data"),
    )
}

#[test]
fn every_scenario_gives_the_expected_outcome() {
    let (rules, dest) = context();
    let files = scenario_files();
    assert!(
        files.len() >= 86,
        "expected at least 86 scenario files, found {}",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| check(f, &rules, &dest).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn scenarios_reach_every_outcome_and_every_red_flag() {
    let (rules, dest) = context();
    let mut outcomes = BTreeSet::new();
    let mut findings = BTreeSet::new();
    for f in scenario_files() {
        if let Ok(r) = check(&f, &rules, &dest) {
            outcomes.extend(r.outcomes);
            findings.extend(r.findings);
        }
    }
    let unreached: Vec<&str> = Outcome::ALL
        .iter()
        .map(|o| o.name())
        .filter(|o| !outcomes.contains(*o))
        .collect();
    assert!(
        unreached.is_empty(),
        "no scenario reaches the outcomes {unreached:?}"
    );
    let flags_unreached: Vec<&str> = rules
        .findings
        .iter()
        .filter(|f| !findings.contains(&f.id))
        .map(|f| f.id.as_str())
        .collect();
    assert!(
        flags_unreached.is_empty(),
        "no scenario fires the findings {flags_unreached:?}"
    );
}

#[test]
fn the_cli_agrees_with_the_engine_on_every_scenario() {
    let (rules, dest) = context();
    for path in scenario_files() {
        let sc: Scenario = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_export-assessor"))
            .args(["evaluate", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["outcome"], sc.expect.outcome, "{}", path.display());
        let _ = (&rules, &dest);
    }
}
