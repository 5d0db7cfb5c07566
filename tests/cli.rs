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

    let mut bytes = out.stdout.clone();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    let flipped = tmp("flipped.json", &bytes);
    check(
        &run(&["verify", flipped.to_str().unwrap()]),
        1,
        "",
        "FAILED",
    );
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
    check(&run(&["verify", huge.to_str().unwrap()]), 1, "", "FAILED");
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
fn screen_writes_one_csv_row_per_hit_with_an_explanation() {
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
        "query_id,query,list,entry_id,matched_name,score,explanation\n",
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
            .any(|r| r.starts_with("L1,Sergei Petrov,sdn.csv,10001,")),
        "{text}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("L3,National Bank of Cuba,sdn.csv,306,")),
        "{text}"
    );
    assert!(!rows.iter().any(|r| r.starts_with("L2,")), "{text}");
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
    check(&run(&["verify", path.to_str().unwrap()]), 0, "OK", "");

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
