//! The native CLI: documented commands, exit codes, and clear messages (no
//! panic, no backtrace) on bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_export-assessor"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("the CLI runs")
}

fn scenario(name: &str) -> String {
    format!("{}/tests/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("export-assessor-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// One helper per expectation: the exit code, and text the output must hold.
fn check(out: &Output, code: i32, stdout_has: &str, stderr_has: &str) {
    let (so, se) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(code), "stdout: {so}\nstderr: {se}");
    assert!(so.contains(stdout_has), "stdout lacks {stdout_has:?}: {so}");
    assert!(se.contains(stderr_has), "stderr lacks {stderr_has:?}: {se}");
    assert!(
        !se.contains("panicked") && !se.contains("backtrace"),
        "the CLI panicked: {se}"
    );
}

#[test]
fn evaluate_prints_outcome_findings_score_and_next_steps() {
    let out = run(&[
        "evaluate",
        &scenario("001-proceed-cs-item-no-red-flags.json"),
    ]);
    check(
        &out,
        0,
        "Outcome: PROCEED DOCUMENTED (proceed_documented)",
        "",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "Findings:",
        "Citation: Reg. (EU) 2021/821, Art. 2(20)",
        "Risk score:",
        "Next steps:",
        "CDIU",
    ] {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
    let out = run(&[
        "evaluate",
        "--lang",
        "de",
        &scenario("001-proceed-cs-item-no-red-flags.json"),
    ]);
    check(&out, 0, "VO (EU) 2021/821", "");
}

#[test]
fn evaluate_json_has_a_top_level_outcome() {
    let out = run(&[
        "evaluate",
        "--format",
        "json",
        &scenario("002-not-in-scope-intra-eu.json"),
    ]);
    check(&out, 0, "", "");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["outcome"], "not_in_scope");
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "intra_eu"));
    assert!(json["score"]["categories"].as_array().unwrap().len() == 4);
}

#[test]
fn report_then_verify_and_a_tampered_report_fails() {
    let out = run(&[
        "report",
        &scenario("001-proceed-cs-item-no-red-flags.json"),
        "--created",
        "2026-11-25T10:00:00Z",
    ]);
    check(&out, 0, "\"fingerprint\": \"sha256:", "");
    let good = tmp("report.json", &out.stdout);
    check(
        &run(&["verify", good.to_str().unwrap()]),
        0,
        "OK: the fingerprint holds",
        "",
    );

    let tampered = String::from_utf8(out.stdout.clone()).unwrap().replacen(
        "proceed_documented",
        "not_in_scope",
        1,
    );
    let bad = tmp("tampered.json", tampered.as_bytes());
    check(
        &run(&["verify", bad.to_str().unwrap()]),
        1,
        "",
        "has been changed since it was sealed",
    );

    // A flipped bit in a value is caught by the fingerprint (exit 1).
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let at = text.find("\"created_at\": \"2026").unwrap() + "\"created_at\": \"2026".len();
    let mut bytes = out.stdout.clone();
    bytes[at] ^= 0x01;
    let flipped = tmp("flipped.json", &bytes);
    check(
        &run(&["verify", flipped.to_str().unwrap()]),
        1,
        "",
        "has been changed since it was sealed",
    );
}

/// A report of scenario 018 (notify_authority) as the CLI writes it.
fn sealed_report() -> serde_json::Value {
    let out = run(&[
        "report",
        &scenario("018-notify-art5-2-egypt-emotion-recognition.json"),
        "--created",
        "2026-12-03T09:00:00Z",
    ]);
    check(&out, 0, "", "");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Edits the report, computes its fingerprint again as a forger would,
/// and verifies the file.
fn verify_edited(name: &str, edit: impl Fn(&mut serde_json::Value), reseal: bool) -> Output {
    let mut v = sealed_report();
    edit(&mut v);
    if reseal {
        v["fingerprint"] = export_assessor::core::report::fingerprint(&v).into();
    }
    let path = tmp(name, serde_json::to_string_pretty(&v).unwrap().as_bytes());
    run(&["verify", path.to_str().unwrap()])
}

#[test]
fn verify_re_checks_the_outcome_under_the_rules() {
    let good = verify_edited("good.json", |_| {}, false);
    check(&good, 0, "OK: the fingerprint holds", "");
    check(
        &good,
        0,
        "outcome re-checked under rule set eu-2021-821-art5",
        "",
    );
    check(&good, 0, ": consistent", "");

    let out = verify_edited(
        "outcome.json",
        |v| v["outcome"] = "proceed_documented".into(),
        true,
    );
    check(
        &out,
        1,
        "",
        "outcome: the report states proceed_documented, but the rules give notify_authority",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("its fingerprint holds"), "{stderr}");
    assert!(
        !stderr.contains("fingerprint: the report states"),
        "{stderr}"
    );

    let removed = sealed_report()["findings"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    check(
        &verify_edited(
            "finding.json",
            |v| {
                v["findings"].as_array_mut().unwrap().remove(0);
            },
            true,
        ),
        1,
        "",
        &format!("findings: given by the rules but missing from the report: {removed}"),
    );

    let total = sealed_report()["score"]["total"].as_u64().unwrap();
    let forged = if total == 0 { 1 } else { total - 1 };
    check(
        &verify_edited("score.json", |v| v["score"]["total"] = forged.into(), true),
        1,
        "",
        &format!("risk score: the report states {forged}/100, but the rules give {total}/100"),
    );

    let out = verify_edited("unsealed.json", |v| v["outcome"] = "escalate".into(), false);
    check(&out, 1, "", "has been changed since it was sealed");
    check(&out, 1, "", "fingerprint: the report states sha256:");
}

#[test]
fn verify_of_a_report_under_another_rule_set_version_checks_the_fingerprint_only() {
    let out = verify_edited(
        "other-version.json",
        |v| v["rule_set"]["version"] = "0.9.0".into(),
        true,
    );
    check(&out, 0, "OK: the fingerprint holds", "");
    check(
        &out,
        0,
        "outcome not re-checked: this build carries rule set eu-2021-821-art5",
        "",
    );
    check(
        &out,
        0,
        "but the report names eu-2021-821-art5 0.9.0, destination data as of",
        "",
    );
    check(&out, 0, "only the fingerprint was checked", "");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("consistent"));
}

#[test]
fn verify_of_an_unreadable_file_exits_2_with_the_reason() {
    for (name, bytes, says) in [
        (
            "latin1.json",
            &b"{\"a\": \"\xe9\"}"[..],
            "report: at byte 7: the file is not UTF-8 text",
        ),
        (
            "text.json",
            b"<html>",
            "report: at line 1 column 1: expected value",
        ),
        (
            "array.json",
            b"[1, 2]",
            "report: at top level: expected an object",
        ),
        (
            "future.json",
            b"{\"schema_version\": 9, \"fingerprint\": \"x\"}",
            "report: at schema_version: schema version 9 is not known",
        ),
        (
            "not-a-report.json",
            b"{\"answers\": {}}",
            "report: at schema_version: the report has no schema version",
        ),
    ] {
        let path = tmp(name, bytes);
        let out = run(&["verify", path.to_str().unwrap()]);
        check(
            &out,
            2,
            "",
            &format!("{} cannot be verified: {says}", path.display()),
        );
    }
}

#[test]
fn questions_lists_the_rule_set() {
    let out = run(&["questions"]);
    check(&out, 0, "cs_specially_designed", "");
    let out = run(&["questions", "--format", "json"]);
    check(&out, 0, "", "");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["questions"].as_array().unwrap().len() >= 40);
}

#[test]
fn bad_usage_and_bad_input_exit_2_with_a_message() {
    check(&run(&[]), 2, "", "no command given");
    check(&run(&["frobnicate"]), 2, "", "unknown command 'frobnicate'");
    check(&run(&["evaluate"]), 2, "", "missing answers file");
    check(
        &run(&["evaluate", "/nonexistent/answers.json"]),
        2,
        "",
        "cannot read /nonexistent/answers.json",
    );
    check(
        &run(&["evaluate", "--format", "yaml", "x"]),
        2,
        "",
        "--format yaml: use text or json",
    );
    check(&run(&["evaluate", "--lang"]), 2, "", "--lang needs a value");
    let garbage = tmp("garbage.json", b"\x00\x01not json at all");
    check(
        &run(&["evaluate", garbage.to_str().unwrap()]),
        2,
        "",
        "answers: at line 1",
    );
    let wrong = tmp("wrong.json", br#"{"answers": {"cs_covert": "perhaps"}}"#);
    check(
        &run(&["evaluate", wrong.to_str().unwrap()]),
        2,
        "",
        "answers.cs_covert",
    );
    check(
        &run(&["report", &scenario("001-proceed-cs-item-no-red-flags.json")]),
        2,
        "",
        "--created",
    );
    let bad_rules = tmp("ext.json", br#"{"extends": "eu-2021-821-art5", "id": "x", "version": "1", "weights": {"categories": {"item": 1}}}"#);
    check(
        &run(&[
            "evaluate",
            "--rules",
            bad_rules.to_str().unwrap(),
            &scenario("002-not-in-scope-intra-eu.json"),
        ]),
        2,
        "",
        "add up to 76",
    );
    let huge = tmp("huge.json", &vec![b' '; 2 * 1024 * 1024]);
    check(
        &run(&["verify", huge.to_str().unwrap()]),
        2,
        "",
        "the file ends too early",
    );
}

#[test]
fn help_documents_every_command() {
    let out = run(&["help"]);
    check(&out, 0, "evaluate ANSWERS.json", "");
    for cmd in ["report ANSWERS.json", "verify REPORT.json", "questions"] {
        assert!(String::from_utf8_lossy(&out.stdout).contains(cmd));
    }
}

#[test]
fn screen_writes_every_lead_with_its_status_and_one_row_per_hit_with_an_explanation() {
    let dir = format!("{}/tests/fixtures/screening", env!("CARGO_MANIFEST_DIR"));
    let leads = tmp(
        "leads.csv",
        b"id,name,country\nL1,Sergei Petrov,RU\nL2,Anna Schmidt,DE\nL3,National Bank of Cuba,\n",
    );
    let out = run(&[
        "screen",
        "--list",
        &format!("{dir}/sdn.csv"),
        "--list",
        &format!("{dir}/eu-mini.xml"),
        leads.to_str().unwrap(),
    ]);
    check(
        &out,
        0,
        "query_id,query,status,list,entry_id,matched_name,score,explanation\n",
        "sdn.csv (ofac), generated (no date in the file)",
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("eu-mini.xml (eu-fsf), generated 2026-07-31T18:40:51.000+02:00"),
        "the lists used, with dates and checksums, on stderr"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("L1,Sergei Petrov,hit,sdn.csv,10001,")),
        "{text}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("L3,National Bank of Cuba,hit,sdn.csv,306,")),
        "{text}"
    );
    assert!(
        rows.contains(&"L2,Anna Schmidt,clean,,,,,"),
        "a clean lead is listed: {text}"
    );
    assert!(text.contains("alias"), "{text}");
    check(
        &run(&["screen", leads.to_str().unwrap()]),
        2,
        "",
        "at least one --list",
    );
    check(
        &run(&[
            "screen",
            "--list",
            &format!("{dir}/un-mini.xml"),
            "--threshold",
            "7",
            leads.to_str().unwrap(),
        ]),
        2,
        "",
        "--threshold 7",
    );
    let bad = tmp("bad.xml", b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>");
    check(
        &run(&[
            "screen",
            "--list",
            bad.to_str().unwrap(),
            leads.to_str().unwrap(),
        ]),
        2,
        "",
        "truncated",
    );
}

#[test]
fn evaluate_with_lists_screens_the_parties_and_answers_the_screening_question() {
    let dir = format!("{}/tests/fixtures/screening", env!("CARGO_MANIFEST_DIR"));
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(scenario("001-proceed-cs-item-no-red-flags.json")).unwrap(),
    )
    .unwrap();
    let answers = doc["answers"].as_object_mut().unwrap();
    answers.remove("party_screening");
    let clean = tmp(
        "clean.json",
        serde_json::to_string(&doc).unwrap().as_bytes(),
    );
    let out = run(&[
        "evaluate",
        "--format",
        "json",
        "--list",
        &format!("{dir}/sdn.csv"),
        clean.to_str().unwrap(),
    ]);
    check(&out, 0, "", "");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["outcome"], "proceed_documented",
        "no hit: screened, no match"
    );
    assert_eq!(
        json["screening"]["parties"][0]["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(json["screening"]["lists"][0]["label"], "sdn.csv");
    assert!(json["screening"]["lists"][0]["sha256"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));

    doc["answers"]["end_user_name"] = serde_json::json!("Serguei Petroff");
    let hit = tmp("hit.json", serde_json::to_string(&doc).unwrap().as_bytes());
    let out = run(&[
        "evaluate",
        "--format",
        "json",
        "--list",
        &format!("{dir}/sdn.csv"),
        hit.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["outcome"], "escalate",
        "an unresolved potential match escalates"
    );
    let hit0 = &json["screening"]["parties"][0]["hits"][0];
    assert_eq!(hit0["entry_id"], "10001");
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "screening_potential_match"));

    // The app's answers file carries the record with the user's decision:
    // "not a match" resolves the hit; the sealed report shows it and verifies.
    let mut record = json["screening"].clone();
    record["decisions"] = serde_json::json!([{
        "question": "end_user_name", "name": "Serguei Petroff", "list_key": "ofac", "entry_id": "10001",
        "entry_fingerprint": hit0["entry_fingerprint"], "verdict": "not_a_match",
        "reason": "Different person: the customer's director was born in 1990", "decided_at": "2026-11-25T10:00:00Z"
    }]);
    doc["screening"] = record.clone();
    let decided = tmp(
        "decided.json",
        serde_json::to_string(&doc).unwrap().as_bytes(),
    );
    let out = run(&["evaluate", "--format", "json", decided.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["outcome"], "proceed_documented",
        "the dismissed hit no longer escalates"
    );
    let out = run(&["evaluate", decided.to_str().unwrap()]);
    check(&out, 0, "[not_a_match]", "");
    check(&out, 0, "Different person", "");
    let report = run(&[
        "report",
        decided.to_str().unwrap(),
        "--created",
        "2026-11-25T11:00:00Z",
    ]);
    check(&report, 0, "\"not_a_match\"", "");
    let sealed: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(sealed["schema_version"], 4);
    assert_eq!(
        sealed["screening"]["lists"][0]["sha256"],
        record["lists"][0]["sha256"]
    );
    assert_eq!(
        sealed["answers"]["party_screening"], "no_match",
        "the report holds the answers assessed"
    );
    let path = tmp("sealed.json", &report.stdout);
    check(
        &run(&["verify", path.to_str().unwrap()]),
        0,
        "consistent",
        "",
    );

    // A confirmed match on OFAC's list alone escalates (no EU prohibition),
    // and the ground says so.
    record["decisions"][0]["verdict"] = serde_json::json!("confirmed_match");
    doc["screening"] = record;
    let confirmed = tmp(
        "confirmed.json",
        serde_json::to_string(&doc).unwrap().as_bytes(),
    );
    let json: serde_json::Value = serde_json::from_slice(
        &run(&["evaluate", "--format", "json", confirmed.to_str().unwrap()]).stdout,
    )
    .unwrap();
    assert_eq!(json["outcome"], "escalate");
    assert_eq!(json["sanctions_grounds"][0]["eu_law"], false);
    assert_eq!(json["sanctions_grounds"][0]["entry_id"], "10001");
    // Its report, with the ground sealed, re-checks as consistent.
    let report = run(&[
        "report",
        confirmed.to_str().unwrap(),
        "--created",
        "2026-11-25T12:00:00Z",
    ]);
    check(&report, 0, "\"sanctions_grounds\": [\n    {", "");
    let path = tmp("sealed-confirmed.json", &report.stdout);
    check(
        &run(&["verify", path.to_str().unwrap()]),
        0,
        "consistent",
        "",
    );
    // The screening answer cannot be answered away after sealing.
    let mut forged: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    forged["answers"]["party_screening"] = "no_match".into();
    forged["fingerprint"] = export_assessor::core::report::fingerprint(&forged).into();
    let path = tmp("forged-confirmed.json", forged.to_string().as_bytes());
    check(
        &run(&["verify", path.to_str().unwrap()]),
        1,
        "",
        "answers: the report holds answers the tool does not seal",
    );
    // A damaged record is a precise error.
    doc["screening"]["threshold"] = serde_json::json!(5000);
    let bad = tmp(
        "bad-record.json",
        serde_json::to_string(&doc).unwrap().as_bytes(),
    );
    check(
        &run(&["evaluate", bad.to_str().unwrap()]),
        2,
        "",
        "screening.threshold",
    );
}

#[test]
fn changelog_says_what_changed_why_and_from_which_text() {
    let out = run(&["changelog"]);
    check(&out, 0, "2.0.0", "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Read in: Reg. (EC) 765/2006 Art. 1c"),
        "{text}"
    );
    assert!(text.contains("Destination data as of"), "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["changelog", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        json["rule_set"]["changelog"][0]["version"],
        json["rule_set"]["version"]
    );
    assert!(
        json["destination_data"]["changelog"][0]["changes"]
            .as_array()
            .unwrap()
            .len()
            >= 5
    );
    check(&run(&["changelog", "x.json"]), 2, "", "takes no file");
}

#[test]
fn evaluate_shows_the_act_article_and_status_of_destination_facts() {
    let path = std::path::PathBuf::from(scenario(
        "004-authorisation-belarus-monitoring-refusal-expected.json",
    ));
    let out = run(&["evaluate", path.to_str().unwrap()]);
    check(&out, 0, "Source: binding text (confirmed)", "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("monitoring_authorisation (BY): Council Regulation (EC) No 765/2006, Art. 1c and Annex IV (services: Art. 1d) [binding text (confirmed)]"), "{text}");
    assert!(
        text.contains("does not decide the outcome"),
        "the score note: {text}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &run(&["evaluate", "--format", "json", path.to_str().unwrap()]).stdout,
    )
    .unwrap();
    assert_eq!(json["decided_by"][0]["provenance"], "confirmed");
    let fact = json["destination_facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fact"] == "monitoring_authorisation")
        .unwrap();
    assert_eq!(
        (fact["country"].as_str(), fact["status"].as_str()),
        (Some("BY"), Some("confirmed"))
    );
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "rf_gov_repression" && f["provenance"] == "secondary"));
    // German too.
    let de = run(&["evaluate", "--lang", "de", path.to_str().unwrap()]);
    check(&de, 0, "Quelle: verbindlicher Text (bestätigt)", "");
}

#[test]
fn notification_drafts_under_the_deciding_article_with_the_exporters_details() {
    let out = run(&[
        "notification",
        &scenario("021-notify-art4-2-sudan-armed-forces.json"),
        "--created",
        "2026-12-03T09:00:00Z",
        "--exporter",
        "ACME Kft., Budapest",
        "--signatory",
        "{signatory}",
    ]);
    check(
        &out,
        0,
        "Subject: Notification under Article 4(2) of Regulation (EU) 2021/821",
        "",
    );
    check(
        &out,
        0,
        "Exporter: ACME Kft., Budapest – established in",
        "",
    );
    check(&out, 0, "\n{signatory}\n", "");
    check(&out, 0, "Contact: [telephone, e-mail]", "");
    let out = run(&[
        "notification",
        &scenario("001-proceed-cs-item-no-red-flags.json"),
        "--created",
        "2026-12-03T09:00:00Z",
    ]);
    check(
        &out,
        0,
        "Notification of a proposed export",
        "no notification is due",
    );
}

/// Every scenario's report, as `report` writes it in either language, is
/// rebuilt from its own answers exactly: the audit finds no difference,
/// and `verify` says so.
#[test]
fn every_scenario_report_re_checks_as_consistent() {
    use export_assessor::core::audit::{audit, Consistency};
    let rules = export_assessor::core::RuleSet::eu_default().unwrap();
    let dest = export_assessor::core::Destinations::builtin().unwrap();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 86, "scenarios found: {}", files.len());
    let mut failures = Vec::new();
    for path in &files {
        for lang in ["en", "de"] {
            let out = run(&[
                "report",
                path.to_str().unwrap(),
                "--created",
                "2026-12-03T09:00:00Z",
                "--updated",
                "2026-12-03T10:30:00Z",
                "--lang",
                lang,
            ]);
            check(&out, 0, "\"fingerprint\"", "");
            let a = audit(&out.stdout, rules, &dest).unwrap();
            if !a.holds() || a.consistency != Consistency::Checked(vec![]) {
                failures.push(format!(
                    "{} ({lang}): {:?}",
                    path.display(),
                    a.differences()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The command says the same (one scenario suffices for the wording).
    let out = run(&[
        "report",
        files[0].to_str().unwrap(),
        "--created",
        "2026-12-03T09:00:00Z",
    ]);
    let path = tmp("first-scenario.json", &out.stdout);
    check(
        &run(&["verify", path.to_str().unwrap()]),
        0,
        ": consistent",
        "",
    );
}

#[test]
fn a_company_register_suppresses_decided_hits_in_screen_evaluate_and_the_sealed_report() {
    let dir = format!("{}/tests/fixtures/screening", env!("CARGO_MANIFEST_DIR"));
    let sdn = format!("{dir}/sdn.csv");
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(scenario("001-proceed-cs-item-no-red-flags.json")).unwrap(),
    )
    .unwrap();
    doc["answers"]
        .as_object_mut()
        .unwrap()
        .remove("party_screening");
    doc["answers"]["end_user_name"] = serde_json::json!("Sergei Petrov");
    let answers = tmp("reg-answers.json", doc.to_string().as_bytes());
    let out = run(&[
        "evaluate",
        "--format",
        "json",
        "--list",
        &sdn,
        answers.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &json["screening"]["parties"][0]["hits"][0];
    assert_eq!(hit["entry_id"], "10001");
    let register = serde_json::json!({"version": 1, "entries": [{
        "name": "sergei petrov", "list_key": "ofac", "entry_id": "10001",
        "entry_fingerprint": hit["entry_fingerprint"], "reason": "Different person: born 1990",
        "decided_by": "M. Weber", "decided_on": "2026-03-01", "expires_on": "2027-03-01"}]});
    let reg = tmp("register.json", register.to_string().as_bytes());
    let leads = tmp(
        "reg-leads.csv",
        b"id,name\nL1,Sergei Petrov\nL2,Anna Schmidt\n",
    );
    let args = |today: &str| {
        vec![
            "screen".to_string(),
            "--list".into(),
            sdn.clone(),
            "--register".into(),
            reg.to_str().unwrap().into(),
            "--today".into(),
            today.into(),
            leads.to_str().unwrap().into(),
        ]
    };
    let run_on = |today: &str| {
        let a = args(today);
        run(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let out = run_on("2026-11-25");
    check(&out, 0, "query_id,", "1 hit(s) suppressed");
    check(&out, 0, "", "suppressed: L1 \"Sergei Petrov\" — ofac 10001");
    check(
        &out,
        0,
        "L1,Sergei Petrov,suppressed_by_register,sdn.csv,10001,",
        "",
    );
    check(&out, 0, "Not a match according to the company register (decided by M. Weber on 2026-03-01, valid until 2027-03-01)", "");
    let out = run_on("2027-03-02");
    check(
        &out,
        0,
        "L1,Sergei Petrov,review_again,sdn.csv,10001,",
        "1 to review again",
    );
    check(
        &out,
        0,
        "Review again: the company register's decision",
        "0 hit(s) suppressed",
    );

    // The assessment: the hit counts as decided, the report seals the
    // register's hash and note, and verifies.
    let out = run(&[
        "evaluate",
        "--format",
        "json",
        "--list",
        &sdn,
        "--register",
        reg.to_str().unwrap(),
        "--today",
        "2026-11-25",
        answers.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["outcome"], "proceed_documented", "{json}");
    let report = run(&[
        "report",
        "--list",
        &sdn,
        "--register",
        reg.to_str().unwrap(),
        "--created",
        "2026-11-25T11:00:00Z",
        answers.to_str().unwrap(),
    ]);
    check(
        &report,
        0,
        "\"register_note\": \"Not a match according to the company register",
        "",
    );
    let sealed: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let stamp = &sealed["screening"]["register_sha256"];
    assert!(stamp.as_str().unwrap().starts_with("sha256:"), "{stamp}");
    assert_eq!(sealed["answers"]["party_screening"], "no_match");
    let path = tmp("sealed-register.json", &report.stdout);
    check(
        &run(&["verify", path.to_str().unwrap()]),
        0,
        "consistent",
        "",
    );
    // After the expiry date the report is sealed with the hit open.
    let late = run(&[
        "report",
        "--list",
        &sdn,
        "--register",
        reg.to_str().unwrap(),
        "--created",
        "2027-03-02T11:00:00Z",
        answers.to_str().unwrap(),
    ]);
    let sealed: serde_json::Value = serde_json::from_slice(&late.stdout).unwrap();
    assert_eq!(sealed["outcome"], "escalate");
    assert_eq!(
        sealed["screening"]["parties"][0]["hits"][0]["register_note"],
        serde_json::Value::Null
    );
    assert!(
        sealed["screening"]["parties"][0]["hits"][0]["explanation"]
            .as_str()
            .unwrap()
            .contains("expired on 2027-03-01"),
        "the report says the register's decision expired"
    );
    let text = run(&[
        "evaluate",
        "--list",
        &sdn,
        "--register",
        reg.to_str().unwrap(),
        "--today",
        "2026-11-25",
        answers.to_str().unwrap(),
    ]);
    check(&text, 0, "[register_not_a_match]", "");
    check(&text, 0, "company register applied: sha256:", "");
    // A damaged register is refused with the place.
    let bad = tmp(
        "bad-register.json",
        register
            .to_string()
            .replace("2027-03-01", "2027-02-30")
            .as_bytes(),
    );
    check(
        &run(&[
            "screen",
            "--list",
            &sdn,
            "--register",
            bad.to_str().unwrap(),
            leads.to_str().unwrap(),
        ]),
        2,
        "",
        "entries[0].expires_on",
    );
}

#[test]
fn lists_older_than_the_limit_are_flagged_on_stderr_and_in_the_sealed_report() {
    let dir = format!("{}/tests/fixtures/screening", env!("CARGO_MANIFEST_DIR"));
    let eu = format!("{dir}/eu-mini.xml");
    let leads = tmp("age-leads.csv", b"id,name\nL1,Anna Schmidt\n");
    let leads = leads.to_str().unwrap();
    // eu-mini.xml was generated on 2026-07-31.
    let out = run(&["screen", "--list", &eu, "--today", "2026-08-10", leads]);
    check(&out, 0, "L1,Anna Schmidt,clean", "WARNING: The list eu-mini.xml (eu-fsf) is 10 days old (generated 2026-07-31T18:40:51.000+02:00, checked on 2026-08-10); the limit is 7 days");
    let out = run(&[
        "screen",
        "--list",
        &eu,
        "--today",
        "2026-08-10",
        "--max-list-age-days",
        "10",
        leads,
    ]);
    check(&out, 0, "L1,Anna Schmidt,clean", "");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("WARNING"));
    check(
        &run(&[
            "screen",
            "--list",
            &eu,
            "--max-list-age-days",
            "a week",
            leads,
        ]),
        2,
        "",
        "--max-list-age-days a week: give a whole number of days",
    );
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(scenario("001-proceed-cs-item-no-red-flags.json")).unwrap(),
    )
    .unwrap();
    doc["answers"]
        .as_object_mut()
        .unwrap()
        .remove("party_screening");
    let answers = tmp("age-answers.json", doc.to_string().as_bytes());
    let answers = answers.to_str().unwrap();
    let report = run(&[
        "report",
        "--list",
        &eu,
        "--created",
        "2026-08-20T09:00:00Z",
        answers,
    ]);
    let sealed: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let warning = sealed["screening"]["lists"][0]["warning"].as_str().unwrap();
    assert!(
        warning.contains("The list eu-mini.xml (eu-fsf) is 20 days old"),
        "{warning}"
    );
    let path = tmp("sealed-age.json", &report.stdout);
    check(
        &run(&["verify", path.to_str().unwrap()]),
        0,
        "consistent",
        "",
    );
    let fresh = run(&[
        "report",
        "--list",
        &eu,
        "--created",
        "2026-08-02T09:00:00Z",
        answers,
    ]);
    let sealed: serde_json::Value = serde_json::from_slice(&fresh.stdout).unwrap();
    assert!(
        sealed["screening"]["lists"][0].get("warning").is_none(),
        "a fresh list: no warning written"
    );
    check(
        &run(&["evaluate", "--list", &eu, "--today", "2026-08-20", answers]),
        0,
        "WARNING: The list eu-mini.xml",
        "",
    );
}

#[test]
fn a_bundle_composed_at_run_time_equals_the_one_the_cli_builds() {
    use export_assessor::core::bundle::compose;
    let examples = format!("{}/www/examples/rules", env!("CARGO_MANIFEST_DIR"));
    let (ext, dest) = (
        format!("{examples}/acme-extension.json"),
        format!("{examples}/destinations.json"),
    );
    let built = |name: &str, extra: &[&str]| {
        let path =
            std::env::temp_dir().join(format!("export-assessor-cli-{}-{name}", std::process::id()));
        let mut args = vec!["bundle", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        check(&run(&args), 0, "wrote", "");
        std::fs::read(&path).unwrap()
    };
    let base = built("base.bin", &[]);
    let read = |p: &str| std::fs::read(p).unwrap();
    let rules = compose(&base, Some(&read(&ext)), None).unwrap();
    assert!(rules.rejected.is_empty());
    assert!(rules.bytes == built("rules.bin", &["--rules", &ext]));
    let both = compose(&base, Some(&read(&ext)), Some(&read(&dest))).unwrap();
    assert!(both.bytes == built("both.bin", &["--rules", &ext, "--destinations", &dest]));
}
